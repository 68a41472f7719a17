"""The title's lines: the balanced breaking by meaning both writers share.

``reportkit.writers.title.break_title`` decides where a long title breaks (≤ 20 cells a
line, between words, never inside 《…》); the PDF sets the same lines as the .docx.
"""

from __future__ import annotations

from ..title import break_title
from . import breaker


def title_lines(text: str, max_chars: float) -> list[str]:
    """The title as the Word writer breaks it."""
    lines = break_title(text, max_chars)
    return lines if "".join(lines) == text else [text]


def title_spans(para, max_chars: float) -> list[breaker.Span]:
    """A title paragraph's lines as spans over its characters (widths from the layout)."""
    spans, start = [], 0
    for part in title_lines(para.text, max_chars):
        end = start + len(part)
        spans.append(breaker.Span(start, end, sum(para.widths[start:end])))
        start = end
    return spans
