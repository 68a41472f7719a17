"""`reportkit diff OLD NEW`: compare two editions, targets first, then the wording.

OLD and NEW are specs or any file `reportkit import` reads (.md, .txt, .docx), imported on the
fly. Exit codes: 0 when the comparison ran, whatever it found; 1 with ``--fail-on targets`` or
``--fail-on wording`` when that part changed; 2 for unreadable or empty input.
"""

from __future__ import annotations

import sys

HELP = "compare two editions: targets year over year, sections, wording, terms"
FORMATS = ("text", "html", "json", "md", "docx")


def add_arguments(p) -> None:
    """Arguments of `diff`."""
    p.add_argument("old", metavar="OLD", help="the earlier edition (spec, .md, .txt or .docx)")
    p.add_argument("new", metavar="NEW", help="the later edition")
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="text (terminal, default), html, json, md (PR comment), docx (redline)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout "
                   "(required for docx)")
    p.add_argument("--fail-on", action="append", choices=("targets", "wording"), default=[],
                   help="exit 1 when targets (or the wording) changed; may be repeated")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour in the text format (default: when writing to a terminal)")
    p.add_argument("--style", default="official", help="house style of the docx redline")


def run(args) -> int:
    """Compare the two editions and print or write the result."""
    from ..diff import compare
    from ..diff.render import renderer

    if args.format == "docx" and not args.output:
        sys.stderr.write("reportkit diff: --format docx writes a Word file: give -o FILE\n")
        return 2
    if args.output and _same_file(args.output, (args.old, args.new)):
        sys.stderr.write(f"{args.output}: error the output would overwrite an input (RK041)\n")
        return 2
    old = load(args.old, "OLD")
    new = load(args.new, "NEW")
    comparison = compare(old, new, args.old, args.new)
    options = {"color": args.color, "style": args.style}
    if args.format == "text" and not args.output:
        options["stream"] = sys.stdout
    out = renderer(args.format)(comparison, **options)
    emit(out, args.output)
    return 1 if _fails(comparison.result, args.fail_on) else 0


def load(path: str, side: str):
    """Read one edition; unreadable, failed or empty input raises ReportError (exit 2)."""
    from ..flat import lines
    from ..problems import Problem, ReportError
    from ..readers import read_any

    try:
        report, problems = read_any(path)
    except OSError as exc:
        raise ReportError(Problem(path, 0, 0, "error", "RK001",
                                  f"{side}: cannot read: {exc.strerror or exc}")) from None
    except ReportError as exc:  # say which side could not be read
        p = exc.problem
        raise ReportError(Problem(p.file, p.line, p.col, p.level, p.code,
                                  f"{side}: {p.message}")) from None
    errors = [p for p in problems if p.level == "error"]
    if report is None:
        first = errors[0] if errors else Problem(path, 0, 0, "error", "RK001", "unreadable")
        for p in errors[1:]:
            sys.stderr.write(p.text() + "\n")
        raise ReportError(Problem(first.file, first.line, first.col, "error", first.code,
                                  f"{side}: {first.message}"))
    warnings = [p for p in problems if p.level != "error"]
    if warnings:  # the comparison still runs; say where to look
        tool = "validate" if path.lower().endswith((".yaml", ".yml")) else "import"
        sys.stderr.write(f"{path}: {side}: {len(warnings)} warning(s) while reading "
                         f"(`reportkit {tool}` lists them)\n")
    if not any(ln.kind not in ("title",) and ln.full.strip() for ln in lines(report)):
        raise ReportError(Problem(path, 0, 0, "error", "RK060",
                                  f"{side}: nothing to compare: no text was read from this file"))
    return report


def emit(out, path: str | None) -> None:
    """Write text or bytes to a file atomically, or text to stdout."""
    from ..outputs import write_atomic

    if path:
        write_atomic(path, out if isinstance(out, bytes) else out.encode("utf-8"))
    elif out:
        sys.stdout.write(out)
        sys.stdout.flush()


def _fails(result, fail_on: list[str]) -> bool:
    return (("targets" in fail_on and result.targets_changed)
            or ("wording" in fail_on and result.wording_changed))


def _same_file(path: str, inputs) -> bool:
    from pathlib import Path

    out = Path(path).resolve()
    return any(out == Path(p).resolve() for p in inputs)
