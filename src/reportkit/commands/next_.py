"""`reportkit next SPEC [-o NEW.yaml] [--force]`: start next year's spec from this year's.

The years move on (title, headings, occasion, date, opening paragraphs) and so does the session
of the congress (第四次会议 → 第五次会议); each place changed is listed in the summary for the
drafter to check. This year's targets become the results to report against them, with the
actuals left to fill in (``reportkit validate NEW`` lists each as RK110); the targets, text
and notes are kept as the draft (reportkit.edition). The new spec goes to stdout, or with -o
to a file written all at once; a summary goes to stderr. A spec with errors is refused (exit
1) unless --force; unreadable input, or -o naming the input, exits 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "start next year's spec from this year's (targets become the results to report)"


def add_arguments(p) -> None:
    """Arguments of `next`."""
    p.add_argument("spec", metavar="SPEC", help="this year's spec (YAML)")
    p.add_argument("-o", "--output", metavar="NEW", help="write the new spec here (default: "
                   "stdout)")
    p.add_argument("--force", action="store_true", help="start from a spec that has errors")


def run(args) -> int:
    """Write the next edition; see the module docstring for exit codes."""
    from ..edition import next_edition
    from ..writers.yaml import write_yaml
    from .common import load_usable

    if args.output and Path(args.output).resolve() == Path(args.spec).resolve():
        sys.stderr.write(f"{args.output}: error the new spec would overwrite this year's; "
                         "choose another -o (RK041)\n")
        return 2
    report, _ = load_usable(args.spec, args.force, "next", "carried over")
    if report is None:
        return 1
    if not report.meta.year_planned:
        sys.stderr.write(f"{args.spec}: error the spec states no planned year "
                         "(meta.year_planned), so there is no next year to start (RK043)\n")
        return 1
    edition = next_edition(report)
    reviewed, planned = edition.years
    comments = {}
    if edition.results_pos > 0:
        comments[edition.results_pos] = (
            f"TODO the {reviewed} actuals: give each result its growth or level "
            f"(`reportkit validate` lists them, RK110)")
    header = (f"Next edition started from {Path(args.spec).name} by `reportkit next`: years "
              f"{reviewed}/{planned}; the {reviewed} targets are the results to report; the "
              "text, targets and notes are last year's, to rewrite.")
    data = write_yaml(edition.report, header=header, comments=comments)
    if args.output:
        from ..outputs import write_atomic

        write_atomic(args.output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    sys.stderr.write(_summary(args, report, edition) + "\n")
    return 0


def _summary(args, old, edition) -> str:
    """The summary for stderr: what was done, then each place changed, one a line."""
    reviewed, planned = edition.years
    where = f" → {args.output}" if args.output else ""
    if edition.carried:
        carried = (f"the {edition.carried} targets of {reviewed} are now the results to report "
                   f"(fill in their actuals: `reportkit validate` lists them, RK110)")
    else:
        carried = ("no results list to carry the targets into: add a `results:` block where "
                   "last year's results belong")
    head = (f"next edition of {args.spec}{where}: years {old.meta.year_reviewed or '?'}/"
            f"{old.meta.year_planned} → {reviewed}/{planned}; {carried}; targets, text and "
            f"notes kept as the draft; {_places(len(edition.changes))}")
    lines = [head]
    for change in edition.changes:
        at = f"{args.spec}:{change.line}: " if change.line else ""
        lines.append(f"  {at}{change.where}: {excerpt(change.old, change.new)}")
    return "\n".join(lines)


def _places(n: int) -> str:
    """How many places changed, introducing the list below."""
    if not n:
        return "no text named this year's dates: check the title and the occasion line"
    return f"{n} place{'s' if n > 1 else ''} changed, check each:"


def excerpt(old: str, new: str, context: int = 10, whole: int = 60) -> str:
    """"old → new", a long text cut to what changed with ``context`` characters around it."""
    if len(old) <= whole and len(new) <= whole:
        return f"{old} → {new}"
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    tail = 0
    while tail < min(len(old), len(new)) - same and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start = max(0, same - context)
    cut = max(0, tail - context)

    def part(text: str) -> str:
        return ("…" if start else "") + text[start:len(text) - cut] + ("…" if cut else "")

    return f"{part(old)} → {part(new)}"
