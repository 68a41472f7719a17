"""The official-format PDF: the same layout as the .docx, drawn with reportlab.

``write_pdf(report, style)`` returns the PDF bytes (the build command writes them atomically).
The layout (layout.py) follows the house style; lines are broken by our own Chinese line
breaker (breaker.py) on the grid; faces are the ones LibreOffice uses for the .docx, embedded
as TrueType subsets (fonts.py). Before anything is drawn every character is checked against
its face: a missing glyph raises ``MissingGlyphs`` with one problem per paragraph.
"""

from __future__ import annotations

from ...model import Report
from ...problems import Problem
from ...style import Style, load_style


class MissingGlyphs(Exception):
    """Characters the chosen faces cannot draw; ``problems`` says which and where."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.text() for p in problems))
        self.problems = problems


def write_pdf(report: Report, style: Style | str = "official",
              warnings: list[Problem] | None = None) -> bytes:
    """The report as an official-format PDF (bytes): deterministic for the same input.
    Characters drawn from the style's fallback face are reported in ``warnings`` (RK052)."""
    from .fonts import defer_pil

    defer_pil()
    from . import document

    if isinstance(style, str):
        style = load_style(style)
    return document.build(report, style, warnings)
