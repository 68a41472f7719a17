"""Helpers shared by the subcommands: loading a spec and printing its problems."""

from __future__ import annotations

import sys

from ..model import Report
from ..problems import Problem, render


def load_checked(path: str) -> tuple[Report | None, list[Problem]]:
    """Read a spec and, when it reads, lint it: the report and every problem."""
    from ..lint import check
    from ..readers.spec import read_spec

    report, problems = read_spec(path)
    if report is not None:
        problems = problems + check(report)
    return report, sorted(problems)


def print_problems(problems: list[Problem], fmt: str = "text", stream=None) -> None:
    """Print problems (nothing when there are none, except `[]` for json)."""
    stream = stream or sys.stderr
    if problems or fmt == "json":
        stream.write(render(problems, fmt) + "\n")
