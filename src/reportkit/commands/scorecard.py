"""`reportkit scorecard SPEC`: results against targets, new targets beside them."""

from __future__ import annotations

import sys

HELP = "print last year's results against their targets and this year's targets"


def add_arguments(p) -> None:
    """Arguments of `scorecard`."""
    p.add_argument("spec", metavar="SPEC", help="spec file (YAML)")
    p.add_argument("--format", choices=("text", "json"), default="text")


def run(args) -> int:
    """Print the scorecard; 1 when the spec has errors."""
    from ..problems import has_failures
    from ..scorecard import rows, table
    from .common import load_checked, print_problems

    report, problems = load_checked(args.spec)
    errors = [p for p in problems if p.level == "error"]
    if report is None or has_failures(errors):
        print_problems(errors)
        return 1
    if args.format == "json":
        import json
        from dataclasses import asdict

        print(json.dumps([asdict(r) for r in rows(report)], ensure_ascii=False, indent=2))
    else:
        print(table(report))
    sys.stdout.flush()
    return 0
