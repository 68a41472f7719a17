"""Page layout of the official PDF: the report's lines placed on the grid of the house style.

Every length comes from the style (templates/*.yaml): the page, the margins, the line pitch,
the character spacing, the indents. The words come from flat.lines(report) and the faces from
reportkit.fonts.line_runs, so the PDF cannot disagree with the .docx about either.

The result is a list of pages, each a list of ``Placed`` lines that say which characters of
which paragraph go where; drawing them is the job of ``render``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ... import fonts as rk_fonts
from ...flat import Line
from ...style import MM_PER_PT, Style
from . import breaker
from .fonts import PdfFace, face_for


def mm(value: float) -> float:
    """Millimetres to points."""
    return float(value) / MM_PER_PT


@dataclass(frozen=True)
class Geometry:
    """The page and its grid, in points (PDF origin bottom left; ``top`` is a margin)."""

    page_width: float
    page_height: float
    left: float
    top: float
    type_width: float
    type_height: float
    pitch: float  #: line pitch
    lines: int  #: grid lines on a page
    chars: int  #: grid characters on a line
    spacing: float  #: added after every character (negative: tighter), as the .docx runs do
    em: float  #: the body size: one "character" of indent

    @classmethod
    def from_style(cls, style: Style) -> "Geometry":
        """Read the geometry from a house style."""
        v = style.value
        return cls(mm(v("page", "width")), mm(v("page", "height")), mm(v("page", "margin_left")),
                   mm(v("page", "margin_top")), mm(v("page", "type_width")),
                   mm(v("page", "type_height")), v("grid", "line_pitch_twips") / 20.0,
                   int(v("grid", "lines")), int(v("grid", "chars")),
                   float(v("grid", "char_spacing_pt")), style.font("body").size)


@dataclass(frozen=True)
class RunStyle:
    """How a character is drawn: face, size, and whether bold is synthesised."""

    face: PdfFace
    size: float
    bold: bool = False
    role: str = "body"


@dataclass
class Para:
    """One flat line made ready for layout: characters, their widths and styles, alignment."""

    line: Line
    text: str
    widths: list[float]
    styles: list[RunStyle]
    align: str = "justify"  #: justify | center | left | right
    first_indent: float = 0.0
    indent: float = 0.0
    keep_next: bool = False
    space_after: int = 0  #: empty grid lines after the paragraph
    lines: list[breaker.Span] = field(default_factory=list)


@dataclass(frozen=True)
class Placed:
    """A line of a paragraph on a page: its grid slot, where it starts, its extra spacing."""

    para: Para
    span: breaker.Span
    slot: int
    x: float  #: from the left margin
    extra: float = 0.0  #: added after every character but the last (justification)
    number: int = 0  #: line number on the page (review style), 0 for none


#: Flat line kinds and how they sit: alignment, first-line indent and left indent in characters.
PLACEMENT = {
    "title": ("center", 0, 0),
    "occasion": ("center", 0, 0),
    "speaker": ("center", 0, 0),
    "salutation": ("left", 0, 0),
    "heading": ("justify", 2, 0),
    "para": ("justify", 2, 0),
    "dash": ("justify", 2, 0),
    "result": ("justify", 2, 0),
    "target": ("justify", 2, 0),
    "notes_heading": ("center", 0, 0),
    "note": ("justify", 2, 0),
}


class Faces:
    """The faces of a style's roles (Chinese face and Latin face), looked up once."""

    def __init__(self, style: Style):
        self.style = style
        self._cache: dict[tuple[str, bool], RunStyle] = {}

    def run_style(self, role: str, latin: bool) -> RunStyle:
        """The style of a character of a role; ``latin`` for ASCII letters and digits."""
        key = (role, latin)
        if key not in self._cache:
            font = self.style.font(role)
            face = face_for(font.latin if latin else font.name, font.bold)
            self._cache[key] = RunStyle(face, font.size, font.bold and not face.is_bold, role)
        return self._cache[key]


def is_latin(ch: str) -> bool:
    """Characters the .docx sets in the Latin face (w:ascii): ASCII letters, digits, marks."""
    return " " < ch < "\x7f"


def make_para(line: Line, faces: Faces, geo: Geometry) -> Para:
    """Characters, widths and styles of a flat line, with its placement from PLACEMENT."""
    text, widths, styles = [], [], []
    for role, run in rk_fonts.line_runs(line):
        for ch in run:
            st = faces.run_style(role, is_latin(ch))
            text.append(ch)
            widths.append(st.face.width(ch, st.size) + geo.spacing)
            styles.append(st)
    align, first, indent = PLACEMENT.get(line.kind, ("justify", 2, 0))
    return Para(line, "".join(text), widths, styles, align, first * geo.em, indent * geo.em,
                keep_next=line.kind in ("heading", "notes_heading"))


def break_para(para: Para, geo: Geometry) -> None:
    """Fill ``para.lines`` with the paragraph's lines on the grid width."""
    room = geo.type_width - para.indent
    para.lines = breaker.break_lines(para.text, para.widths, room - para.first_indent, room)


def paginate(paras: list[Para], geo: Geometry) -> list[list[Placed]]:
    """Put every line in a grid slot; a heading is kept with the line after it."""
    pages: list[list[Placed]] = [[]]
    slot = 0
    for n, para in enumerate(paras):
        need = 2 if para.keep_next and n + 1 < len(paras) else 1
        if slot and slot + min(need, len(para.lines)) > geo.lines:
            pages.append([])
            slot = 0
        for i, span in enumerate(para.lines):
            if slot >= geo.lines:
                pages.append([])
                slot = 0
            pages[-1].append(_place(para, i, span, slot, geo))
            slot += 1
        slot += para.space_after
        if slot >= geo.lines and n + 1 < len(paras):
            pages.append([])
            slot = 0
    return pages


def _place(para: Para, i: int, span: breaker.Span, slot: int, geo: Geometry) -> Placed:
    indent = para.indent + (para.first_indent if i == 0 else 0.0)
    room = geo.type_width - indent
    width = _visible_width(para, span)
    last = i == len(para.lines) - 1
    x, extra = indent, 0.0
    if para.align == "center":
        x = indent + (room - width) / 2
    elif para.align == "right":
        x = indent + room - width
    elif para.align == "justify" and not last and span.end - span.start > 1:
        extra = max(0.0, room - width) / (span.end - span.start - 1)
    return Placed(para, span, slot, x, extra)


def _visible_width(para: Para, span: breaker.Span) -> float:
    """A line's width without trailing spaces and the spacing after its last character."""
    end = span.end
    while end > span.start and para.text[end - 1] == " ":
        end -= 1
    return sum(para.widths[span.start:end])


def number_lines(pages: list[list[Placed]]) -> list[list[Placed]]:
    """Number the text lines of every page from 1 (the review style's line numbers)."""
    out = []
    for page in pages:
        out.append([Placed(p.para, p.span, p.slot, p.x, p.extra, n)
                    for n, p in enumerate(page, 1)])
    return out

