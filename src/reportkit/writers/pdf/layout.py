"""Page layout of the official PDF: the report's lines placed on the grid of the house style.

Every length comes from the style (templates/*.yaml): the page, the margins, the line pitch,
the character spacing, the indents. The words come from flat.lines(report) and the faces from
reportkit.fonts.line_runs, so the PDF cannot disagree with the .docx about either.

The result is a list of pages, each a list of ``Placed`` lines that say which characters of
which paragraph go where; drawing them is the job of ``render``.
"""

from __future__ import annotations

import re
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
    rules: breaker.LineRules = field(default_factory=breaker.LineRules)  #: line rules

    @classmethod
    def from_style(cls, style: Style) -> Geometry:
        """Read the geometry from a house style."""
        v = style.value
        return cls(mm(v("page", "width")), mm(v("page", "height")), mm(v("page", "margin_left")),
                   mm(v("page", "margin_top")), mm(v("page", "type_width")),
                   mm(v("page", "type_height")), v("grid", "line_pitch_twips") / 20.0,
                   int(v("grid", "lines")), int(v("grid", "chars")),
                   float(v("grid", "char_spacing_pt")), style.font("body").size,
                   breaker.LineRules.from_style(style))


@dataclass(frozen=True)
class RunStyle:
    """How a character is drawn: face, size, and whether bold is synthesised."""

    face: PdfFace
    size: float
    bold: bool = False
    role: str = "body"
    latin: bool = False  #: the Latin face (digits, letters, weak marks after them)
    fallback: bool = False  #: a face of the style's glyph_fallback, for characters the role's lacks


@dataclass
class Para:
    """One flat line made ready for layout: characters, their widths and styles, alignment."""

    line: Line
    text: str
    widths: list[float]
    runs: list[Run]
    align: str = "justify"  #: justify | center | left | right
    first_indent: float = 0.0
    indent: float = 0.0
    keep_next: bool = False
    space_before: int = 0  #: empty grid lines before the paragraph
    space_after: int = 0  #: empty grid lines after the paragraph
    lines: list[breaker.Span] = field(default_factory=list)
    tails: dict[int, float] = field(default_factory=dict)  #: autospace, unused at a line end
    #: indexes of marks that cannot hang: they end a number-and-unit run of the .docx
    unhung: frozenset = frozenset()
    kept: list | None = None  #: number-and-unit spans (breaker.unit_spans), when kept whole

    def runs_in(self, start: int, end: int) -> list[tuple[int, int, RunStyle]]:
        """The runs of characters [start, end), clipped to it."""
        return [(max(r.start, start), min(r.end, end), r.style) for r in self.runs
                if r.start < end and r.end > start]


@dataclass(frozen=True)
class Run:
    """Characters [start, end) of a paragraph drawn in one style."""

    start: int
    end: int
    style: RunStyle


@dataclass(frozen=True)
class Placed:
    """A line of a paragraph on a page: its grid slot, where it starts, its extra spacing."""

    para: Para
    span: breaker.Span
    slot: int
    x: float  #: from the left margin
    extra: float = 0.0  #: added after each Chinese character but the last (justification)
    number: int = 0  #: line number on the page (review style), 0 for none
    runs: tuple = ()  #: (start, end, style) of the line's runs


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
#: space: the style's lines.autospace_em (a fifth of an em, measured on its rendering of the
#: .docx). The last character before any change of script keeps its full width (the run's
#: character spacing stops there).

class Faces:
    """The faces of a style's roles (Chinese face and Latin face), looked up once."""

    def __init__(self, style: Style):
        self.style = style
        self._cache: dict[tuple, RunStyle] = {}
        self._advances: dict[tuple, _Advances] = {}
        self._has: dict[str, tuple[set[str], set[str]]] = {}  # face -> (has, lacks), as asked
        try:
            self.fallback_names = [str(n) for n in style.value("glyph_fallback") or ()]
        except (KeyError, TypeError):
            self.fallback_names = []  # a profile of its own without the key: no fallback

    def run_style(self, role: str, latin: bool) -> RunStyle:
        """The style of a character of a role; ``latin`` for ASCII letters and digits."""
        key = (role, latin)
        if key not in self._cache:
            font = self.style.font(role)
            face = face_for(font.latin if latin else font.name, font.bold)
            self._cache[key] = RunStyle(face, font.size, font.bold and not face.is_bold, role,
                                        latin)
        return self._cache[key]

    def lacking(self, face: PdfFace, text: str) -> set[str]:
        """The characters of ``text`` (spaces aside) the face has no glyph for; each character
        is looked up in the face once a document, the rest is set arithmetic."""
        has, lacks = self._has.setdefault(face.name, (set(), set()))
        chars = set(text)
        new = chars - has - lacks
        if new:
            missing = face.lacking(new)
            lacks.update(missing)
            has.update(new - missing)
        return {ch for ch in chars & lacks if not ch.isspace()}

    def fallback_style(self, st: RunStyle, ch: str) -> RunStyle | None:
        """How to draw a character ``st``'s face lacks: the first face of the style's
        glyph_fallback that has it, at the same size and weight; None when none has it."""
        font = self.style.font(st.role)
        for name in self.fallback_names:
            key = (name, font.bold, st.role, st.size, st.latin)
            if key not in self._cache:
                face = face_for(name, font.bold)
                self._cache[key] = RunStyle(face, st.size, font.bold and not face.is_bold,
                                            st.role, st.latin, fallback=True)
            if self._cache[key].face.covers(ch):
                return self._cache[key]
        return None

    def advances(self, st: RunStyle, spacing: float) -> dict:
        """Character -> advance (width at the run's size plus the spacing), filled lazily."""
        key = (st.face.name, st.size, spacing)
        if key not in self._advances:
            self._advances[key] = _Advances(st.face, st.size, spacing)
        return self._advances[key]


class _Advances(dict):
    """Advances of one face at one size, computed on first use of each character."""

    def __init__(self, face: PdfFace, size: float, spacing: float):
        super().__init__()
        self.face, self.size, self.spacing = face, size, spacing

    def __missing__(self, ch: str) -> float:
        value = self[ch] = self.face.width(ch, self.size) + self.spacing
        return value


def is_latin(ch: str) -> bool:
    """Characters the .docx sets in the Latin face (w:ascii): ASCII letters, digits, marks."""
    return " " < ch < "\x7f"


def is_ideograph(ch: str) -> bool:
    """Chinese characters proper (not punctuation): the side of an autospace."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


#: Latin letters, digits and marks, with the weak characters (spaces, General Punctuation:
#: “”‘’—…•) that have no script of their own. LibreOffice draws a weak character in the face
#: of the script before it (the Latin face after a digit: "2”" uses Times New Roman's narrow
#: quote), or of the first script after it at the start of a paragraph; w:hint does not
#: change that.
_NON_ASIAN = re.compile(r"[\x20-\x7e\xa0-\u024f\u2000-\u206f]+")
_STRONG_LATIN = re.compile(r"[\x21-\x7e\xa1-\u024f]")


def script_runs(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, latin) runs of a paragraph by script, weak characters resolved."""
    out, pos = [], 0
    for m in _NON_ASIAN.finditer(text):
        strong = _STRONG_LATIN.search(text, m.start(), m.end())
        if not strong:
            continue  # only weak characters: they follow the Chinese around them
        start = strong.start() if m.start() else 0
        if start > pos:
            out.append((pos, start, False))
        out.append((start, m.end(), True))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text), False))
    return out


def make_para(line: Line, faces: Faces, geo: Geometry, style: Style) -> Para:
    """Characters, widths and runs of a flat line, with its placement from the style."""
    roles, pos = [], 0
    role_runs = rk_fonts.line_runs(line)
    for role, run in role_runs:
        roles.append((pos, pos + len(run), role))
        pos += len(run)
    text = "".join(run for _, run in role_runs)
    runs = [Run(max(a, c), min(b, d), faces.run_style(role, latin))
            for a, b, latin in script_runs(text) for c, d, role in roles
            if max(a, c) < min(b, d)]
    runs = _with_fallback(text, runs, faces)
    kept = breaker.unit_spans(text) if geo.rules.keep_units else None
    widths, tails = char_widths(text, runs, faces, geo.spacing, kept, geo.rules.autospace_em)
    align, first, indent = PLACEMENT.get(line.kind, ("justify", None, 0))
    if first is None:
        first = float(style.value("body", INDENT_KEY.get(line.kind, "first_line_indent_chars")))
    pitch = geo.em + geo.spacing  # one grid character, as the .docx counts indents
    return Para(line, text, widths, runs, align, first * pitch, indent * pitch,
                keep_next=line.kind in ("heading", "notes_heading"), tails=tails,
                unhung=_unhung(text, runs, kept or ()), kept=kept)


def _with_fallback(text: str, runs: list[Run], faces: Faces) -> list[Run]:
    """The runs with each character their face lacks moved to a run of a fallback face that
    has it (Faces.fallback_style); one no face has stays where it was, for check_glyphs."""
    out = []
    for run in runs:
        lacking = faces.lacking(run.style.face, text[run.start:run.end])
        if not lacking:
            out.append(run)
            continue
        start, current = run.start, run.style
        for i in range(run.start, run.end):
            st = run.style
            if text[i] in lacking:
                st = faces.fallback_style(run.style, text[i]) or run.style
            if st is not current:
                if i > start:
                    out.append(Run(start, i, current))
                start, current = i, st
        out.append(Run(start, run.end, current))
    return out


def _unhung(text: str, runs: list[Run], kept) -> frozenset:
    """Marks LibreOffice does not hang in the margin: one right after a Latin run (a mark hangs
    only inside a Chinese text portion: "6.7%，", "[12]，") and the marks ending a number-and-
    unit run (not Chinese by language)."""
    out = {i for _, b, js in kept for i in range(max(js) + 1, b)}
    out.update(r.end for r in runs if r.style.latin and r.end < len(text))
    return frozenset(out)


def char_widths(text: str, runs: list[Run], faces: Faces, spacing: float,
                kept: list | None = None, autospace_em: float = 0.2
                ) -> tuple[list[float], dict[int, float]]:
    """Advance of each character as LibreOffice sets the .docx runs, and the autospace part
    of them by index (``autospace_em`` of the size), which a line ending there does not need.

    ``kept`` are the number-and-unit spans (breaker.unit_spans) the .docx sets in runs of
    their own, with a word joiner before each unit character (and each note mark); None
    when the .docx is written without them. LibreOffice's character
    spacing stops before a joiner and at the end of such a run, as before a change of script
    (those characters keep their full width), and it adds no autospace across a joiner.
    """
    joins = breaker.joins(text, kept) if kept else set()
    full = {j - 1 for j in joins} | {end - 1 for _, end, _ in kept or () if end < len(text)}
    widths: list[float] = []
    tails: dict[int, float] = {}
    for n, run in enumerate(runs):
        table = faces.advances(run.style, spacing)
        widths += map(table.__getitem__, text[run.start:run.end])
        nxt = runs[n + 1] if n + 1 < len(runs) else None
        if nxt is not None and nxt.style.latin != run.style.latin:
            last = run.end - 1
            full.add(last)
            if autospace_em and last + 1 not in joins and _autospaced(text[last], text[last + 1]):
                tails[last] = autospace_em * run.style.size
                widths[last] += tails[last]
    for i in full:
        widths[i] -= spacing
    return widths, tails


def _autospaced(a: str, b: str) -> bool:
    return (is_ideograph(a) and b.isascii() and b.isalnum()) or (
        a.isascii() and a.isalnum() and is_ideograph(b))


def break_para(para: Para, geo: Geometry) -> None:
    """Fill ``para.lines`` with the paragraph's lines on the grid width."""
    room = geo.type_width - para.indent
    para.lines = breaker.break_lines(para.text, para.widths, room - para.first_indent, room,
                                     geo.rules.hanging, para.tails, geo.rules.keep_units,
                                     para.unhung, para.kept)


#: Widow and orphan control (the style's body.widow_control): at least this many lines of a
#: paragraph at the foot and at the head of a page, off and on, as Word and LibreOffice do it.
#: Off in the official style (w:widowControl 0: a page is always filled to 22 lines).
WIDOW_LINES = {False: 1, True: 2}


def paginate(paras: list[Para], geo: Geometry) -> list[list[Placed]]:
    """Put every line in a grid slot, page by page.

    With widow control a paragraph is split across pages only leaving two lines at the foot
    and two at the head; a paragraph kept with the next (a heading) moves to a new page unless it, the
    paragraphs it is kept with and the first lines after them fit.
    """
    pages: list[list[Placed]] = [[]]
    slot = 0
    least = WIDOW_LINES[geo.rules.widow_control]

    def new_page() -> None:
        nonlocal slot
        pages.append([])
        slot = 0

    for n, para in enumerate(paras):
        slot += para.space_before
        if slot >= geo.lines or (slot and slot + _kept_lines(paras, n, least) > geo.lines):
            new_page()
        i = 0
        while i < len(para.lines):
            take = _fits(len(para.lines) - i, geo.lines - slot, i == 0, least)
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


def _fits(left: int, room: int, first: bool, least: int = 1) -> int:
    """How many of a paragraph's ``left`` lines go on a page with ``room`` free slots, leaving
    ``least`` lines at a page's foot and head (0: start the paragraph on the next page)."""
    if left <= room:
        return left
    take = room if left - room >= least else left - least
    return take if take >= (least if first else 1) else 0


def _head(count: int, least: int = 1) -> int:
    """The fewest lines a paragraph of ``count`` lines can start a page foot with."""
    return count if count < 2 * least else least


def _kept_lines(paras: list[Para], n: int, least: int = 1) -> int:
    """Lines that must share a page with the start of paragraph n: its own first lines, or a
    chain of paragraphs kept with the next and the first lines of the one that ends it."""
    if not paras[n].keep_next:
        return _head(len(paras[n].lines), least)
    need = 0
    while n < len(paras) and paras[n].keep_next:
        need += len(paras[n].lines) + paras[n].space_after
        n += 1
        if n < len(paras):
            need += paras[n].space_before
    return need + (_head(len(paras[n].lines), least) if n < len(paras) else 0)


def _place(para: Para, i: int, span: breaker.Span, slot: int, geo: Geometry) -> Placed:
    indent = para.indent + (para.first_indent if i == 0 else 0.0)
    room = geo.type_width - indent
    runs = tuple(para.runs_in(span.start, span.end))
    width = _visible_width(para, span, geo.rules.hanging)
    last = i == len(para.lines) - 1
    x, extra = indent, 0.0
    if para.align == "center":
        x = indent + (room - width) / 2
    elif para.align == "right":
        x = indent + room - width
    elif para.align == "justify" and not last and span.end - span.start > 1:
        gaps = stretchable(runs)
        extra = max(0.0, room - width) / gaps if gaps else 0.0
    return Placed(para, span, slot, x, extra, 0, runs)


def stretchable(runs) -> int:
    """Characters a justified line stretches after: the Chinese ones but the last of the line
    (LibreOffice keeps Latin runs such as "571.02" at their own spacing)."""
    n = sum(b - a for a, b, st in runs if not st.latin)
    return n - (0 if runs[-1][2].latin else 1)


def _visible_width(para: Para, span: breaker.Span, hanging: frozenset) -> float:
    """A line's width as justification sees it: without trailing spaces, a hanging mark or
    the autospace after its last character (they stand outside the type area)."""
    end = span.end
    while end > span.start and para.text[end - 1] == " ":
        end -= 1
    width = sum(para.widths[span.start:end])
    if (end - span.start > 1 and para.text[end - 1] in hanging
            and end - 1 not in para.unhung):
        return width - para.widths[end - 1]
    return width - para.tails.get(end - 1, 0.0)


def number_lines(pages: list[list[Placed]]) -> list[list[Placed]]:
    """Number the text lines of every page from 1 (the review style's line numbers)."""
    out = []
    for page in pages:
        out.append([Placed(p.para, p.span, p.slot, p.x, p.extra, n, p.runs)
                    for n, p in enumerate(page, 1)])
    return out

