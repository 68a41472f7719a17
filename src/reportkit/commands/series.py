"""`reportkit series EDITIONS... | DIR`: one place over many editions, targets against outcomes.

Each input is a spec or any file `reportkit import` reads, or a folder of them (its files of
known types, in name order; others are skipped with a line saying so). Editions are ordered by
the year their text plans. The series (reportkit.series) is printed as a terminal table or
written as csv, json, md, html (one self-contained page with a chart per indicator) or docx (a
table and the charts, in the official style).

Exit codes: 0 the series was made; 1 it was made but a file in a folder could not be read
(named on stderr, skipped); 2 usage, a named file unreadable, nothing to read, or an output
that would overwrite an input.
"""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "one place over many editions: each target per year against its outcome, with charts"
FORMATS = ("text", "csv", "json", "md", "html", "docx")


def add_arguments(p) -> None:
    """Arguments of `series`."""
    p.add_argument("inputs", nargs="+", metavar="EDITION",
                   help="editions of one place (spec, .md, .txt, .docx, .html), or a folder "
                   "of them")
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="text (terminal, default), csv, json, md, html (page with charts), "
                   "docx (table and charts, official style)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write here instead of stdout (required for docx)")
    p.add_argument("--style", default="official",
                   help="house style whose faces (and, for docx, page) the charts use")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour in the text format (default: when writing to a terminal)")


def run(args) -> int:
    """Read the editions, build the series and print or write it."""
    from ..problems import ReportError
    from ..series import build_series
    from .diff import emit

    if args.format == "docx" and not args.output:
        sys.stderr.write("reportkit series: --format docx writes a Word file: give -o FILE\n")
        return 2
    files, from_folder = collect(args.inputs)
    if args.output and _overwrites(args.output, files):
        sys.stderr.write(f"{args.output}: error the output would overwrite an input (RK041)\n")
        return 2
    editions, failed = read_editions(files, set(from_folder))
    if not editions:
        raise ReportError(_problem(" ".join(args.inputs), "RK060",
                                   "no edition could be read from the input"))
    series = build_series(editions)
    for note in series.notes:
        sys.stderr.write(f"series: {note}\n")
    out = RENDER[args.format](series, args)
    emit(out, args.output)
    return 1 if failed else 0


# Input -----------------------------------------------------------------------------------------

def collect(inputs: list[str]) -> tuple[list[str], list[str]]:
    """The files to read: named files as given, folders expanded to their files of known types
    (name order). Returns (files, files that came from a folder)."""
    from ..readers import READERS

    files: list[str] = []
    from_folder: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file()
                           and not p.name.startswith("."))
            for p in found:
                if p.suffix.lower() in READERS and p.name.lower() != "readme.md":
                    files.append(str(p))
                    from_folder.append(str(p))
                else:
                    sys.stderr.write(f"{p}: skipped: not a report file\n")
        elif not path.exists():
            from ..problems import Problem, ReportError
            raise ReportError(Problem(item, 0, 0, "error", "RK001", "no such file or folder"))
        else:
            files.append(item)
    return list(dict.fromkeys(files)), from_folder


def read_editions(files: list[str], lenient: set[str]):
    """(file, Report) for every file; a file of a folder that cannot be read is named and
    skipped, a named one stops the run (ReportError, exit 2). Returns (editions, failed)."""
    from ..problems import ReportError
    from .diff import load

    editions, failed = [], []
    for file in files:
        try:
            editions.append((file, load(file, "EDITION")))
        except ReportError as exc:
            if file not in lenient:
                raise
            sys.stderr.write(exc.problem.text() + " (skipped)\n")
            failed.append(file)
    return editions, failed


def _overwrites(output: str, files: list[str]) -> bool:
    out = Path(output).resolve()
    return any(out == Path(f).resolve() for f in files)


def _problem(file: str, code: str, message: str):
    from ..problems import Problem

    return Problem(file, 0, 0, "error", code, message)


# Shared cell texts -------------------------------------------------------------------------------

def status_text(row) -> str:
    """The status in Chinese, with the 力争 verdict when there was one."""
    from .. import vocab as v
    from ..series import STATUS_LABELS

    text = STATUS_LABELS[row.status]
    if row.strive_status:
        text += f"（{v.STRIVE}{STATUS_LABELS[row.strive_status]}）"
    return text


def year_text(year) -> str:
    """A year as printed in the tables ("2024", or "?" when unknown)."""
    return "?" if year is None else str(year)


def cells(row, short: bool = False) -> list[str]:
    """A row's cells in COLUMNS order; ``short`` names files without their folders."""
    def at(where: str) -> str:
        return Path(where).name if short else where

    where = at(row.target_at) + (f" → {at(row.outcome_at)}" if row.outcome_at and
                                 row.outcome_at != row.target_at else "")
    return [row.indicator, year_text(row.year), row.target or "—", row.outcome or "—",
            status_text(row), row.gap or "—", where]


def term_header(series) -> list[str]:
    """Column headings of the terms table: the term, one per edition, first year, trend."""
    return ["术语", *(year_text(e.year) for e in series.editions), "首见", "趋势"]


def term_cells(t) -> list[str]:
    """A term's cells (a word outside the dictionary is marked *)."""
    from ..series import TREND_LABELS

    return [t.term + ("" if t.dictionary else " *"), *(str(c) for c in t.counts),
            year_text(t.first_year), TREND_LABELS[t.trend]]


def title(series) -> str:
    """The heading of every output: the place and the years."""
    years = {e.year for e in series.editions} | {r.year for r in series.rows}
    years.discard(None)
    span = "" if not years else f"{min(years)}年" if len(years) == 1 else \
        f"{min(years)}—{max(years)}年"
    return f"{series.place}{span}主要预期目标完成情况"


def summary(series) -> str:
    """One line: the targets met and missed each year that has an outcome
    ("2023年完成5项、未完成1项；2024年……")."""
    from ..series import STATUS_LABELS, status_counts

    parts = []
    for year, counts in status_counts(series):
        if year is None or not (counts["met"] or counts["missed"]):
            continue
        parts.append(f"{year}年{STATUS_LABELS['met']}{counts['met']}项、"
                     f"{STATUS_LABELS['missed']}{counts['missed']}项")
    return "；".join(parts) + ("。" if parts else "")


# Renderers -------------------------------------------------------------------------------------

def render_text(series, args) -> str:
    """A rich table per indicator's rows, then terms that changed, then notes."""
    import io
    import shutil

    from rich.console import Console
    from rich.table import Table

    from ..series import COLUMNS

    terminal = not args.output and sys.stdout.isatty()
    force = args.color == "always" or (args.color == "auto" and terminal)
    width = max(60, min(140, shutil.get_terminal_size((120, 24)).columns)) if terminal else 120
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=force, no_color=not force,
                      color_system="standard" if force else None, highlight=False,
                      emoji=False, markup=False, soft_wrap=False)
    console.print(title(series))
    if summary(series):
        console.print(summary(series))
    table = Table(show_lines=False, pad_edge=False)
    for name in COLUMNS:
        table.add_column(name, overflow="fold")
    styles = {"met": "green", "missed": "red", "not comparable": "magenta",
              "not stated": "yellow"}
    for track in series.tracks:
        for i, row in enumerate(track.rows):
            c = cells(row, short=True)
            c[0] = c[0] if i == 0 else ""
            last = i == len(track.rows) - 1
            table.add_row(*c, style=styles.get(row.status, ""), end_section=last)
    if not series.tracks:
        console.print("no targets in any edition")
    else:
        console.print(table)
    _text_terms(console, series)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


#: The terminal shows this many terms (the other formats show all).
TEXT_TERMS = 25


def _text_terms(console, series) -> None:
    from rich.table import Table

    changed = [t for t in series.terms if t.trend != "steady"][:TEXT_TERMS]
    if not changed:
        return
    table = Table(title="政策术语（各年出现次数）", title_justify="left", pad_edge=False)
    for name in term_header(series):
        table.add_column(name)
    for t in changed:
        table.add_row(*term_cells(t))
    console.print(table)


def render_csv(series, args) -> str:
    """One line per indicator and year, every field of the row (English codes for statuses)."""
    import csv
    import io
    from dataclasses import fields

    from ..numbers import fmt
    from ..series import SeriesRow

    names = [f.name for f in fields(SeriesRow)]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["place", *names])
    for row in series.rows:
        values = [getattr(row, n) for n in names]
        w.writerow([series.place, *("" if v is None else fmt(v) if hasattr(v, "as_tuple")
                                    else v for v in values)])
    return buf.getvalue()


def render_json(series, args) -> str:
    """The series as indented JSON (reportkit.series.series_dict)."""
    import json

    from ..series import series_dict

    return json.dumps(series_dict(series), ensure_ascii=False, indent=1) + "\n"


def render_md(series, args) -> str:
    """A markdown page: the table, the terms that changed, the notes."""
    from ..diff.render.md import esc
    from ..series import COLUMNS

    out = [f"## {esc(title(series))}", ""]
    if summary(series):
        out += [esc(summary(series)), ""]
    out += ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    out += ["| " + " | ".join(esc(c) for c in cells(r)) + " |" for r in series.rows]
    changed = [t for t in series.terms if t.trend != "steady"]
    if changed:
        head = term_header(series)
        out += ["", "### 政策术语", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(esc(c) for c in term_cells(t)) + " |" for t in changed]
    if series.notes:
        out += ["", *(f"- {esc(n)}" for n in series.notes)]
    return "\n".join(out) + "\n"


def render_html(series, args) -> str:
    """One self-contained page (see commands/series_html)."""
    from .series_html import page

    return page(series, args.style)


def render_docx(series, args) -> bytes:
    """A Word file: the table and the charts (see commands/series_docx)."""
    from .series_docx import document

    return document(series, args.style)


RENDER = {"text": render_text, "csv": render_csv, "json": render_json, "md": render_md,
          "html": render_html, "docx": render_docx}
