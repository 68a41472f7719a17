"""`reportkit import FILE [-o SPEC.yaml]`: an existing report (.txt, .md, .docx, .html) as a
spec."""

from __future__ import annotations

import re
import sys
from pathlib import Path

HELP = ("turn an existing report (web page .html, web text .txt, markdown .md, Word .docx) into "
        "a spec")

IMPORTERS = {
    ".txt": "reportkit.readers.text:import_text",
    ".text": "reportkit.readers.text:import_text",
    ".md": "reportkit.readers.text:import_text",
    ".markdown": "reportkit.readers.text:import_text",
    ".docx": "reportkit.readers.docx:import_docx",
    ".html": "reportkit.readers.html:import_html",
    ".htm": "reportkit.readers.html:import_html",
}


def add_arguments(p) -> None:
    """Arguments of `import`."""
    p.add_argument("file", metavar="FILE", help="the report: .html, .txt, .md or .docx")
    p.add_argument("-o", "--output", metavar="SPEC", help="write the spec here (default: stdout)")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when the import has warnings (garbled passages and the like)")


def run(args) -> int:
    """Import, print or write the spec, summarize on stderr; 0 ok, 1 problems, 2 unreadable."""
    from ..problems import Problem, ReportError, has_failures
    from ..readers.spec import read_spec_text
    from ..writers.yaml import write_yaml
    from .common import print_problems

    got = load(args.file)
    data = write_yaml(got.report, header=_header(args.file, got), comments=_comments(got))
    back, problems = read_spec_text(data.decode("utf-8"), args.output or "<import>")
    if back != got.report:  # the spec must say exactly what was imported
        raise ReportError(Problem(args.file, 0, 0, "error", "RK309",
                                  "internal error: the written spec does not read back as the "
                                  "imported report; please report this with the file"))
    problems = got.problems + [p for p in problems if p.level == "error"]
    print_problems(sorted(problems))
    if args.output:
        from ..outputs import write_atomic

        write_atomic(args.output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    sys.stderr.write(summary(args.file, got, args.output) + "\n")
    return 1 if has_failures(problems, args.strict) else 0


def load(path: str):
    """Import a file with the importer for its suffix (an :class:`Imported`)."""
    import importlib

    from ..problems import Problem, ReportError

    suffix = Path(path).suffix.lower()
    if Path(path).is_dir():
        raise ReportError(Problem(path, 0, 0, "error", "RK001",
                                  "is a folder, not a report file (`reportkit corpus` reads a "
                                  "folder of reports)"))
    if suffix not in IMPORTERS:
        known = ", ".join(sorted({".txt", ".md", ".docx"}))
        raise ReportError(Problem(path, 0, 0, "error", "RK005",
                                  f"cannot import `{suffix or '(no suffix)'}` files; reportkit "
                                  f"imports {known}"))
    module, func = IMPORTERS[suffix].split(":")
    return getattr(importlib.import_module(module), func)(path)


def summary(path: str, got, output: str | None) -> str:
    """One paragraph for stderr: what was found and how the text was read."""
    s = got.stats
    warnings = sum(1 for p in got.problems if p.level == "warning")
    where = f" → {output}" if output else ""
    return (f"imported {path}{where}: {s.sections} sections, {s.paragraphs} paragraphs, "
            f"{s.results} results, {s.targets} targets ({s.exact_numbers} lines regenerate "
            f"exactly, {s.worded_numbers} keep their wording), {s.dashes} dash items, "
            f"{s.notes} notes, {warnings} warnings; {'; '.join(got.steps)}")


def _comments(got) -> dict[int, str]:
    """A comment above each body item that holds a garbled passage."""
    out: dict[int, str] = {}
    for p in got.problems:
        if p.code == "RK301" and p.line:
            m = re.search(r"`(.*?)`", p.message)
            passage = f" `{m.group(1)}`" if m else ""
            out[p.line] = (out[p.line] + "\n" if p.line in out else "") + \
                f"FIXME garbled passage{passage} (source line {p.line}, column {p.col}): " \
                "restore it by hand"
    return out


def _header(path: str, got) -> str:
    name = Path(path).name
    lines = [f"Imported from {name} by `reportkit import` ({'; '.join(got.steps)})."]
    warned = [p for p in got.problems if p.code == "RK301"]
    if warned:
        lines.append(f"{len(warned)} garbled passage(s) were kept as they are; restore them by "
                     "hand (see the warnings).")
    return "\n".join(lines)
