"""`reportkit validate FILE...`: schema and lint checks, for editors, hooks and CI.

Exit codes: 0 no problems (or warnings only, without --strict), 1 problems found, 2 a file
could not be read at all (missing, a directory, too large, not UTF-8, binary).
"""

from __future__ import annotations

import sys

from ..problems import ReportError, has_failures, render

HELP = "check specs: schema, arithmetic, years, notes, headings, wording"


def add_arguments(p) -> None:
    """Arguments of `validate`."""
    p.add_argument("files", nargs="+", metavar="FILE", help="spec files (YAML)")
    p.add_argument("--format", choices=("text", "json", "github"), default="text",
                   help="how to print problems: text (file:line:col: level message (CODE)), "
                        "json, or github (Actions annotations); default: text")
    p.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")


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
        sys.stdout.write(out + "\n")
        sys.stdout.flush()
    if args.format == "text":
        sys.stderr.write(_summary(len(args.files), problems))
    if unreadable:
        return 2
    return 1 if has_failures(problems, args.strict) else 0


def _summary(files: int, problems: list) -> str:
    """"2 files checked: 1 error, 16 warnings" (nothing when all is clean)."""
    if not problems:
        return ""
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    return f"{n(files, 'file')} checked: {n(errors, 'error')}, {n(warnings, 'warning')}\n"
