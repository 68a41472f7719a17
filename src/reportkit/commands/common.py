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


def load_usable(path: str, force: bool, command: str, done: str
                ) -> tuple[Report | None, list[Problem]]:
    """A spec a command can work from: read and linted, or None (its errors printed, with a
    line saying why) when it cannot be read, or has errors and ``force`` is not given.
    ``done`` says what the command does with it ("built")."""
    from ..problems import has_failures

    report, problems = load_checked(path)
    errors = [p for p in problems if p.level == "error"]
    if report is None or (has_failures(errors) and not force):
        print_problems(errors)
        sys.stderr.write(f"{command}: the spec has errors; fix them or use --force\n" if report
                         else f"{command}: the spec cannot be {done} until these errors are "
                         "fixed\n")
        return None, problems
    return report, problems


def print_problems(problems: list[Problem], fmt: str = "text", stream=None) -> None:
    """Print problems (nothing when there are none, except `[]` for json)."""
    stream = stream or sys.stderr
    if problems or fmt == "json":
        stream.write(render(problems, fmt) + "\n")
