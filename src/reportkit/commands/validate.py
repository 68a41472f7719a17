"""`reportkit validate FILE...`: schema and lint checks, for editors, hooks and CI."""

from __future__ import annotations

import sys

from ..problems import ReportError, has_failures, render

HELP = "check specs: schema, arithmetic, years, notes, headings, wording"


def add_arguments(p) -> None:
    """Arguments of `validate`."""
    p.add_argument("files", nargs="+", metavar="FILE", help="spec files (YAML)")
    p.add_argument("--format", choices=("text", "json", "github"), default="text",
                   help="how to print problems (default: text)")
    p.add_argument("--strict", action="store_true", help="warnings fail too")


def run(args) -> int:
    """Check every file; 0 clean, 1 problems, 2 unreadable input."""
    from .common import load_checked

    problems, unreadable = [], False
    for path in args.files:
        try:
            _, found = load_checked(path)
        except ReportError as exc:
            found, unreadable = [exc.problem], True
        problems += found
    out = render(problems, args.format)
    if out or args.format == "json":
        print(out)
    if unreadable:
        return 2
    if has_failures(problems, args.strict):
        return 1
    if args.format == "text":
        n = len(problems)
        sys.stderr.write(f"{len(args.files)} file(s) checked, {n} warning(s)\n" if n else "")
    return 0
