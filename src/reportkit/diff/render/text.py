"""The terminal view: targets table, then changed sections with coloured word diffs (rich).

Deletions are red and struck through, insertions green and underlined, so the view still reads
without colour. It fits 100 columns; long unchanged runs are elided to their ends, and added or
removed paragraphs show their first characters and their length.
"""

from __future__ import annotations

import io

from ... import vocab as v
from . import elide, share
from .labels import CHANGE, COLUMNS, FRONT, OP, STATUS, length, outcome_text

WIDTH = 100
#: Added and removed paragraphs show this many characters (the HTML and md show them whole).
WHOLE = 90
STYLES = {"-": "red strike", "+": "green underline", "=": ""}
#: Without colour, changes are bracketed the way `git diff --word-diff` does it.
_MARKS = {"-": ("", ""), "+": ("", "")}


def render(comparison, color: str = "auto", stream=None, **_options) -> str:
    """The comparison as terminal text (with ANSI colour when asked or when on a terminal)."""
    from rich.console import Console

    buf = io.StringIO()
    terminal = stream is not None and hasattr(stream, "isatty") and stream.isatty()
    force = color == "always" or (color == "auto" and terminal)
    width = WIDTH
    if terminal:  # a narrower terminal gets a narrower view rather than wrapped lines
        import shutil

        width = max(40, min(WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns))
    console = Console(file=buf, width=width, force_terminal=force,
                      no_color=not force, color_system="standard" if force else None,
                      highlight=False, emoji=False, markup=False, soft_wrap=False)
    global _MARKS
    _MARKS = {"-": ("", ""), "+": ("", "")} if force else {"-": ("[-", "-]"), "+": ("{+", "+}")}
    r = comparison.result
    _header(console, r)
    if r.stats.identical:
        console.print("no changes")
        return buf.getvalue()
    _targets(console, r, width)
    _sections(console, r)
    _terms(console, r)
    _stats(console, r)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def _header(console, r) -> None:
    from rich.text import Text

    console.print(Text(f"− {r.old_file}  {r.old_title}", style="red"))
    console.print(Text(f"+ {r.new_file}  {r.new_title}", style="green"))
    console.print()


def _targets(console, r, width: int) -> None:
    from rich.table import Table

    if not r.targets:
        console.print("no targets in either edition")
        return
    table = Table(title=f"targets {v.DIFF_TARGETS}", title_justify="left", width=width,
                  show_lines=False, pad_edge=False)
    for name, ratio in zip(COLUMNS, (4, 3, 3, 4, 4)):
        table.add_column(name, ratio=ratio, overflow="fold")
    for t in r.targets:
        style = {"added": "green", "removed": "red", "kind-changed": "magenta",
                 "changed": "yellow"}.get(t.change, "")
        change = CHANGE[t.change] + (f" {t.delta}" if t.delta else "")
        if t.note:
            change += f"\n{t.note}"
        table.add_row(t.indicator, t.old.cell if t.old else "—", t.new.cell if t.new else "—",
                      change, outcome_text(t.outcome), style=style)
    console.print(table)
    console.print()


def _sections(console, r) -> None:
    from rich.table import Table
    from rich.text import Text

    changed = [s for s in r.sections if s.status != "unchanged"]
    console.print(Text(f"sections {v.DIFF_SECTIONS}: {len(changed)} of {len(r.sections)} changed",
                       style="bold"))
    for s in changed:
        head = s.new_heading if s.new_heading is not None else s.old_heading
        line = Text(f"[{STATUS[s.status]}] ", style="bold")
        if s.renamed:
            line.append(s.old_heading or "", style="red strike")
            line.append(" → ")
        line.append(head or FRONT)
        line.append(f"  {share(s.share)}", style="dim")
        console.print()
        console.print(line)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=3, justify="right")
        grid.add_column(overflow="fold")
        for p in s.paragraphs:
            if p.op != "equal":
                grid.add_row(Text(OP[p.op], style="dim"), _para(p))
        if grid.row_count:
            console.print(grid)


def _para(p):
    from rich.text import Text

    text = Text(overflow="fold")
    if p.op == "moved" and p.new is None:
        text.append(f"→ {p.moved_to}：{_short(p.old)}", style="dim")
        return text
    if p.op in ("added", "removed"):  # whole paragraphs: their start is enough here
        op, whole = p.pieces[0]
        start, end = _MARKS[op]
        text.append(start + _short(whole, WHOLE) + end, style=STYLES[op])
        if len(whole) > WHOLE:
            text.append(length(whole), style="dim")
        return text
    if p.op == "moved":
        text.append(f"← {p.moved_from}：", style="dim")
    for op, piece in elide(p.pieces):
        if op == "=":
            text.append(piece)
        else:
            start, end = _MARKS[op]
            text.append(start + piece + end, style=STYLES[op])
    return text


def _short(s: str, n: int = 30) -> str:
    return s if len(s) <= n else s[:n] + "…"


def _terms(console, r) -> None:
    from rich.text import Text

    shown = [t for t in r.terms if t.change in ("new", "dropped")]
    shown += [t for t in r.terms if t.change in ("more", "fewer") and t.dictionary]
    if not shown:
        return
    console.print()
    console.print(Text(f"terms {v.DIFF_TERMS} (old → new)", style="bold"))
    line = Text()
    for t in shown:
        style = {"new": "green", "dropped": "red"}.get(t.change, "")
        mark = "" if t.dictionary else "*"
        line.append(f"{t.term}{mark} {t.old}→{t.new}", style=style)
        line.append("  ")
    console.print(line)


def _stats(console, r) -> None:
    s = r.stats
    console.print()
    console.print(f"{share(s.share)} of the text changed ({s.changed_chars} of "
                  f"{s.old_chars}+{s.new_chars} characters)")
    if s.targets:
        console.print("targets: " + ", ".join(f"{k} {n}" for k, n in sorted(s.targets.items())))
