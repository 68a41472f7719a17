"""Comparing two editions of a report: targets, sections, paragraphs, words and terms.

``compare(old, new)`` reads two model.Report values (never raw files) and returns a
:class:`~reportkit.diff.model.DiffResult`; the renderers in diff/render turn it into text,
HTML, JSON, markdown or a Word redline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..flat import Line, lines
from ..model import Report
from .model import DiffResult, Stats


@dataclass(frozen=True)
class Comparison:
    """A result together with the aligned lines it came from (the redline lays these out)."""

    result: DiffResult
    entries: list
    old: Report
    new: Report


def compare(old: Report, new: Report, old_file: str = "", new_file: str = "") -> Comparison:
    """Compare two editions."""
    from .sections import align, to_model
    from .targets import diff_targets
    from .terms import diff_terms

    old_lines, new_lines = lines(old), lines(new)
    entries = align(old_lines, new_lines)
    sections = to_model(entries)
    tdiffs = diff_targets(old, new, new_lines)
    terms = diff_terms(_text(old_lines), _text(new_lines))
    stats = _stats(old_lines, new_lines, sections, tdiffs)
    result = DiffResult(old.meta.title, new.meta.title, old_file, new_file, tuple(tdiffs),
                        tuple(sections), tuple(terms), stats)
    return Comparison(result, entries, old, new)


def _text(ls: list[Line]) -> str:
    return "\n".join(ln.full for ln in ls)


def _stats(old_lines, new_lines, sections, tdiffs) -> Stats:
    from .text import changed_chars

    old_chars = sum(len(ln.full) for ln in old_lines)
    new_chars = sum(len(ln.full) for ln in new_lines)
    changed = 0
    for s in sections:
        for p in s.paragraphs:
            if p.op != "equal" and not (p.op == "moved" and p.new is None):
                changed += changed_chars(p.pieces)
    total = old_chars + new_chars
    identical = (all(s.status == "unchanged" for s in sections)
                 and all(t.change == "unchanged" for t in tdiffs))
    return Stats(identical, old_chars, new_chars, changed, round(changed / total, 4) if total else 0.0,
                 dict(Counter(s.status for s in sections)),
                 dict(Counter(p.op for s in sections for p in s.paragraphs)),
                 dict(Counter(t.change for t in tdiffs)))
