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
    latin: bool = False  #: the Latin face (digits, letters, weak marks after them)


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
    space_before: int = 0  #: empty grid lines before the paragraph
    space_after: int = 0  #: empty grid lines after the paragraph
    lines: list[breaker.Span] = field(default_factory=list)
    tails: list[float] = field(default_factory=list)  #: autospace, unused at a line end


@dataclass(frozen=True)
class Placed:
    """A line of a paragraph on a page: its grid slot, where it starts, its extra spacing."""

    para: Para
    span: breaker.Span
    slot: int
    x: float  #: from the left margin
    extra: float = 0.0  #: added after each Chinese character but the last (justification)
    number: int = 0  #: line number on the page (review style), 0 for none


#: Flat line kinds and how they sit: alignment, first-line indent and left indent in grid
#: characters (as the .docx styles: Normal is justified with a two-character first line).
PLACEMENT = {
    "title": ("center", 0, 0),
    "occasion": ("center", 0, 0),
    "speaker": ("center", 0, 0),
    "salutation": ("justify", 0, 0),
    "notes_heading": ("center", 0, 0),
}
#: The first-line indent of the other kinds comes from the style (body / heading indent).
INDENT_KEY = {"heading": "heading_indent_chars"}

#: Between Chinese and a Latin letter or digit LibreOffice (like Word's autoSpaceDE/DN) adds
#: a fifth of an em, and the last character before any change of script keeps its full width
#: (the run's character spacing stops there). Measured on its rendering of the .docx.
AUTOSPACE_EM = 0.2

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
            self._cache[key] = RunStyle(face, font.size, font.bold and not face.is_bold, role,
                                        latin)
        return self._cache[key]


def is_latin(ch: str) -> bool:
    """Characters the .docx sets in the Latin face (w:ascii): ASCII letters, digits, marks."""
    return " " < ch < "\x7f"


def is_ideograph(ch: str) -> bool:
    """Chinese characters proper (not punctuation): the side of an autospace."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


def is_weak(ch: str) -> bool:
    """Characters with no script of their own (spaces, General Punctuation: “”‘’—…•).

    LibreOffice draws them in the face of the script before them (the Latin face after a
    digit: "2”" uses Times New Roman's narrow quote), or of the first script after them at
    the start of a paragraph; the .docx's w:hint does not change that.
    """
    return ch in " \xa0" or "\u2000" <= ch <= "\u206f"


def latin_flags(text: list[str]) -> list[bool]:
    """For each character, whether it is set in the Latin face (weak ones resolved)."""
    flags: list[bool | None] = [None if is_weak(ch) else ch < "\u0250" for ch in text]
    strong = [f for f in flags if f is not None]
    prev = strong[0] if strong else False
    for i, f in enumerate(flags):
        if f is None:
            flags[i] = prev
        else:
            prev = f
    return [bool(f) for f in flags]


def make_para(line: Line, faces: Faces, geo: Geometry, style: Style) -> Para:
    """Characters, widths and styles of a flat line, with its placement from the style."""
    text, roles = [], []
    for role, run in rk_fonts.line_runs(line):
        text += run
        roles += [role] * len(run)
    latin = latin_flags(text)
    styles = [faces.run_style(role, lat) for role, lat in zip(roles, latin)]
    widths, tails = char_widths(text, styles, latin, geo.spacing)
    align, first, indent = PLACEMENT.get(line.kind, ("justify", None, 0))
    if first is None:
        first = float(style.value("body", INDENT_KEY.get(line.kind, "first_line_indent_chars")))
    pitch = geo.em + geo.spacing  # one grid character, as the .docx counts indents
    return Para(line, "".join(text), widths, styles, align, first * pitch, indent * pitch,
                keep_next=line.kind in ("heading", "notes_heading"), tails=tails)


def char_widths(text: list[str], styles: list[RunStyle], latin: list[bool], spacing: float
                ) -> tuple[list[float], list[float]]:
    """Advance of each character as LibreOffice sets the .docx runs (see AUTOSPACE_EM), and
    the autospace part of it, which a line ending there does not need."""
    widths, tails = [], []
    for i, (ch, st) in enumerate(zip(text, styles)):
        w, tail = st.face.width(ch, st.size), 0.0
        if i + 1 < len(text) and latin[i] != latin[i + 1]:
            if _autospaced(ch, text[i + 1]):
                tail = AUTOSPACE_EM * st.size
        else:
            w += spacing
        widths.append(w + tail)
        tails.append(tail)
    return widths, tails


def _autospaced(a: str, b: str) -> bool:
    return (is_ideograph(a) and b.isascii() and b.isalnum()) or (
        a.isascii() and a.isalnum() and is_ideograph(b))


def break_para(para: Para, geo: Geometry, units: bool = True) -> None:
    """Fill ``para.lines`` with the paragraph's lines on the grid width."""
    room = geo.type_width - para.indent
    para.lines = breaker.break_lines(para.text, para.widths, room - para.first_indent, room,
                                     breaker.HANGING, para.tails, units)


#: Widow and orphan control: at least this many lines of a paragraph at the foot and at the
#: head of a page. 1 is off, as in the .docx (w:widowControl w:val="0": a page is always
#: filled to 22 lines, the grid's promise); LibreOffice's own default would be 2 and 2.
ORPHANS = 1
WIDOWS = 1


def paginate(paras: list[Para], geo: Geometry) -> list[list[Placed]]:
    """Put every line in a grid slot, page by page.

    A paragraph is split across pages only leaving ORPHANS lines at the foot and WIDOWS at the
    head; a paragraph kept with the next (a heading) moves to a new page unless it, the
    paragraphs it is kept with and the first lines after them fit.
    """
    pages: list[list[Placed]] = [[]]
    slot = 0

    def new_page() -> None:
        nonlocal slot
        pages.append([])
        slot = 0

    for n, para in enumerate(paras):
        slot += para.space_before
        if slot >= geo.lines or (slot and slot + _kept_lines(paras, n) > geo.lines):
            new_page()
        i = 0
        while i < len(para.lines):
            take = _fits(len(para.lines) - i, geo.lines - slot, first=i == 0)
            if take == 0:
                new_page()
                continue
            for j in range(i, i + take):
                pages[-1].append(_place(para, j, para.lines[j], slot, geo))
                slot += 1
            i += take
            if i < len(para.lines):
                new_page()
        slot += para.space_after
        if slot >= geo.lines and n + 1 < len(paras):
            new_page()
    return pages


def _fits(left: int, room: int, first: bool) -> int:
    """How many of a paragraph's ``left`` lines go on a page with ``room`` free slots
    (0: start the paragraph on the next page)."""
    if left <= room:
        return left
    take = room if left - room >= WIDOWS else left - WIDOWS
    return take if take >= (ORPHANS if first else 1) else 0


def _head(count: int) -> int:
    """The fewest lines a paragraph of ``count`` lines can start a page foot with."""
    return count if count < ORPHANS + WIDOWS else ORPHANS


def _kept_lines(paras: list[Para], n: int) -> int:
    """Lines that must share a page with the start of paragraph n: its own first lines, or a
    chain of paragraphs kept with the next and the first lines of the one that ends it."""
    if not paras[n].keep_next:
        return _head(len(paras[n].lines))
    need = 0
    while n < len(paras) and paras[n].keep_next:
        need += len(paras[n].lines) + paras[n].space_after
        n += 1
        if n < len(paras):
            need += paras[n].space_before
    return need + (_head(len(paras[n].lines)) if n < len(paras) else 0)


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
        gaps = stretchable(para, span)
        extra = max(0.0, room - width) / gaps if gaps else 0.0
    return Placed(para, span, slot, x, extra)


def stretchable(para: Para, span: breaker.Span) -> int:
    """Characters a justified line stretches after: the Chinese ones but the last of the line
    (LibreOffice keeps Latin runs such as "571.02" at their own spacing)."""
    n = sum(1 for st in para.styles[span.start:span.end] if not st.latin)
    return n - (0 if para.styles[span.end - 1].latin else 1)


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

