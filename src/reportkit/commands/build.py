"""`reportkit build SPEC [-o DIR] [--format docx,pdf,ofd] [--style NAME|FILE] [--force]`.

Writes DIR/<spec name>.docx and .pdf (and .ofd when asked) in a house style. A spec with
errors is refused (its problems are printed, exit 1) unless --force. Outputs are written atomically: a failed build
leaves the previous files as they were. Exit 0 built, 1 problems, 2 usage or unwritable output.
"""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "build the official-format Word and PDF files of a spec (and OFD)"
FORMATS = ("docx", "pdf", "ofd")
#: What a build writes when --format is not given.
DEFAULT_FORMATS = ("docx", "pdf")


def add_arguments(p) -> None:
    """Arguments of `build`."""
    p.add_argument("spec", metavar="SPEC", help="spec file (YAML)")
    p.add_argument("-o", "--output", default="build", metavar="DIR",
                   help="folder for the outputs (default: build)")
    p.add_argument("--format", default=",".join(DEFAULT_FORMATS), metavar="LIST",
                   help="comma-separated formats: docx, pdf, ofd (default: docx,pdf)")
    p.add_argument("--style", default="official", metavar="NAME|FILE",
                   help="house style: official, review, or a profile file (default: official)")
    p.add_argument("--force", action="store_true", help="build even when the spec has errors")
    p.add_argument("--embed-fonts", action="store_true",
                   help="embed subsets of the faces used in the .docx (style key embed_fonts)")


def run(args) -> int:
    """Check the spec, then write each format; see the module docstring for exit codes."""
    from ..style import load_style
    from .common import load_usable, print_problems

    formats = _formats(args.format)
    if formats is None:
        return 2
    targets = {fmt: Path(args.output) / f"{Path(args.spec).stem}.{fmt}" for fmt in formats}
    clash = _clash(args.spec, targets.values())
    if clash:
        sys.stderr.write(f"{clash}: error output path is the input spec; choose another -o DIR "
                         "(RK041)\n")
        return 2
    style = load_style(args.style)
    if args.embed_fonts:
        style = style.with_value(True, "--embed-fonts", "embed_fonts")
    report, problems = load_usable(args.spec, args.force, "build", "built")
    if report is None:
        return 1
    print_problems(problems)
    status = 0
    for fmt, path in targets.items():
        status = max(status, _build_one(fmt, report, style, path))
    return status


def _formats(text: str) -> list[str] | None:
    """The requested formats in order, or None (message printed) when one is unknown."""
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        sys.stderr.write(f"reportkit build: error: unknown format {', '.join(unknown) or '(none)'}"
                         f"; choose from {', '.join(FORMATS)}\n")
        return None
    return list(dict.fromkeys(formats))


def _clash(spec: str, outputs) -> str:
    """The output path that is the input spec itself, if any."""
    src = Path(spec).resolve()
    return next((str(p) for p in outputs if p.resolve() == src), "")


def _build_one(fmt: str, report, style, path: Path) -> int:
    """Write one format; 0 written, 1 content problems (e.g. missing glyphs), 2 no writer."""
    from ..outputs import write_atomic
    from ..writers import writer
    from .common import print_problems

    try:
        write = writer(fmt)
    except (ModuleNotFoundError, ImportError, AttributeError) as exc:
        sys.stderr.write(f"{path}: error the {fmt} writer is not available in this installation "
                         f"({exc}) (RK042)\n")
        return 2
    warnings: list = []
    try:
        data = write(report, style, warnings=warnings)
    except Exception as exc:  # a writer's content problems (MissingGlyphs) carry `problems`
        if not hasattr(exc, "problems"):
            raise
        print_problems(list(exc.problems))
        sys.stderr.write(f"{path}: not written\n")
        return 1
    write_atomic(path, data)
    print_problems(warnings)
    sys.stderr.write(f"wrote {path}{_size_note(fmt, data)}\n")
    return 0


def _size_note(fmt: str, data: bytes) -> str:
    """What follows "wrote PATH" for a .docx that embeds fonts: its size and theirs."""
    if fmt != "docx":
        return ""
    from ..writers.docx.embed import summary

    note = summary(data)
    return f" ({note})" if note else ""
