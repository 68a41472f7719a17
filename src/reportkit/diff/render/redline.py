"""The Word redline: the new edition in the official layout, with tracked changes.

``redline_lines(comparison)`` turns the alignment into RedlineLine values (writers/docx): each
a flat line with (op, text) pieces over its full text (number + lead + text) and a paragraph
mark: "=" kept, "+" inserted paragraph, "-" deleted paragraph. The docx writer wraps "+" pieces
in w:ins and "-" pieces in w:del (author "reportkit"). The law this module keeps: taking the
"=" and "+" pieces of every line that is not deleted gives the new edition's lines, and taking
the "=" and "-" pieces of every line that is not inserted gives the old edition's, in order. A
moved section or paragraph is therefore deleted where it stood and inserted where it now stands.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sections import SecEntry, heading_pieces


@dataclass(frozen=True)
class _Line:
    """Stand-in with RedlineLine's fields, used when the docx writer is not installed."""

    line: object
    pieces: tuple
    mark: str


def _factory():
    try:
        from ...writers.docx import RedlineLine
    except ImportError:
        return _Line
    return RedlineLine


def redline_lines(comparison) -> list:
    """The redline as RedlineLine values in document order."""
    make = _factory()
    out: list = []
    for e in _with_ghosts(comparison.entries):
        out += _section(e, make)
    return out


def _with_ghosts(entries: list[SecEntry]) -> list:
    """Entries plus, for each moved section, a ghost at its old place (old index order)."""
    moved = sorted((e.old.index, e) for e in entries if e.moved)
    out, k = [], 0
    for e in entries:
        if e.old is not None and not e.moved:
            while k < len(moved) and moved[k][0] < e.old.index:
                out.append(("ghost", moved[k][1]))
                k += 1
        out.append(("entry", e))
    out += [("ghost", e) for _, e in moved[k:]]
    return out


def _section(item, make) -> list:
    kind, e = item
    if kind == "ghost":  # a moved section, deleted where it stood
        lines = ([e.old.heading] if e.old.heading else []) + e.old.lines
        return [make(ln, (("-", ln.full),), "-") for ln in lines]
    out = []
    if e.moved:  # ... and inserted where it now stands
        lines = ([e.new.heading] if e.new.heading else []) + e.new.lines
        return [make(ln, (("+", ln.full),), "+") for ln in lines]
    head = e.new.heading if e.new else e.old.heading
    if head is not None:
        mark = "=" if e.old and e.new else ("+" if e.new else "-")
        out.append(make(head, heading_pieces(e), mark))
    for p in e.paras:
        out.append(_para(p, make))
    return out


def _para(p, make):
    if p.op in ("equal", "changed"):
        return make(p.new, p.pieces, "=")
    if p.new is not None:  # added, or moved here
        return make(p.new, (("+", p.new.full),), "+")
    return make(p.old, (("-", p.old.full),), "-")  # removed, or moved away


def render(comparison, style: str = "official", **_options) -> bytes:
    """The redline .docx (needs the docx writer's redline support)."""
    from ...problems import Problem, ReportError
    from ...style import load_style

    try:
        from ...writers.docx import write_docx
    except ImportError:
        raise ReportError(Problem("", 0, 0, "error", "RK061", "the Word writer is not "
                                  "available in this installation: cannot write a redline"))
    return write_docx(comparison.new, load_style(style), redline=redline_lines(comparison))
