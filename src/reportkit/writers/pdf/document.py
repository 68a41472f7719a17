"""From a report to PDF bytes: flat lines, glyph check, layout, drawing, metadata, bookmarks."""

from __future__ import annotations

import io
from collections import Counter

from ... import outputs
from ...flat import Line
from ...flat import lines as flat_lines
from ...model import NOPOS, Report, Section
from ...problems import Problem
from ...style import Style
from . import cid, layout, title
from .layout import Faces, Geometry, Para, Placed

#: Line numbers of the review style: in the body's Latin face and size, ending 3 mm before the
#: text (the .docx's w:lnNumType distance), as LibreOffice draws them.
LINE_NUMBER_GAP_MM = 3
#: Lines outside the grid use single spacing (header, footer). Where LibreOffice puts their
#: baseline, in em of the line's size, measured on its rendering of the .docx: the footer's
#: baseline stands 0.144 em above the bottom of its 1.2-em line (AR PL UMing's descent), the
#: header's 1.08 em below the top of its line (FandolHei).
FOOTER_DESCENT_EM = 0.144
FOOTER_LINE_EM = 1.2
HEADER_ASCENT_EM = 1.08
#: A synthetic bold stroke, as a fraction of the size (LibreOffice emboldens faces without bold).
BOLD_STROKE = 0.03


def build(report: Report, style: Style, warnings: list[Problem] | None = None) -> bytes:
    """Lay the report out on pages and draw it; raises MissingGlyphs before drawing. Characters
    drawn from a fallback face are reported in ``warnings`` (RK052)."""
    geo, faces, pages = lay_out(report, style, warnings)
    return draw(report, style, geo, faces, pages)


def lay_out(report: Report, style: Style, warnings: list[Problem] | None = None
            ) -> tuple[Geometry, Faces, list[list[Placed]]]:
    """The report's pages as data, before anything is drawn: the geometry, the faces and
    each page's placed lines (shared with the OFD writer, so both formats have the same
    pages and lines). Raises MissingGlyphs; fallback characters go to ``warnings``."""
    geo = Geometry.from_style(style)
    faces = Faces(style)
    paras = make_paras(flat_lines(report), faces, geo, style)
    check_glyphs(report, paras, faces.fallback_names)
    if warnings is not None:
        warnings.extend(_fallback_warning(report, paras))
    pages = layout.paginate(paras, geo)
    if style.value("line_numbers"):
        pages = layout.number_lines(pages)
    return geo, faces, pages


#: Front-matter kinds: one blank line (front.lines_after) follows the last of them.
FRONT = ("title", "occasion", "speaker")


def make_paras(lines: list[Line], faces: Faces, geo: Geometry, style: Style) -> list[Para]:
    """Paragraphs ready to draw, broken into lines (title and occasion by meaning, the rest
    by width), with the blank lines the style puts between the parts of the report."""
    broken = {"title": float(style.value("title", "max_chars_per_line")),
              "occasion": float(_opt(style, 1000, "front", "occasion_max_chars"))}
    paras = []
    for n, line in enumerate(lines):
        para = layout.make_para(line, faces, geo, style)
        if line.kind in broken:
            para.lines = title.title_spans(para, broken[line.kind])
        else:
            layout.break_para(para, geo)
        nxt = lines[n + 1].kind if n + 1 < len(lines) else ""
        if line.kind == "title":
            para.space_after = int(style.value("title", "lines_after"))
        elif line.kind in FRONT and nxt not in FRONT and nxt:
            para.space_after = int(_opt(style, 0, "front", "lines_after"))
        if line.kind == "notes_heading":
            para.space_before = int(_opt(style, 0, "notes", "lines_before"))
        paras.append(para)
    return paras


def _opt(style: Style, default, *path):
    """A style value that older or user profiles may lack."""
    try:
        return style.value(*path)
    except (KeyError, TypeError):
        return default


def check_glyphs(report: Report, paras: list[Para], fallbacks: list[str] = ()) -> None:
    """Raise MissingGlyphs listing every character a face lacks (and no fallback face has),
    paragraph by paragraph."""
    from . import MissingGlyphs

    used: dict[str, tuple[object, set[str]]] = {}  # face name -> (face, its characters)
    for para in paras:
        for run in para.runs:
            used.setdefault(run.style.face.name, (run.style.face, set()))[1].update(
                para.text[run.start:run.end])
    lacks = {name: {ch for ch in face.lacking(chars) if not ch.isspace()}
             for name, (face, chars) in used.items()}
    if not any(lacks.values()):
        return  # each face asked once per distinct character, not once per run
    problems, heading = [], ""
    for para in paras:
        if para.line.kind == "heading":
            heading = para.line.full
        missing: dict[str, set[str]] = {}
        for run in para.runs:
            lacking = lacks[run.style.face.name].intersection(para.text[run.start:run.end])
            if lacking:
                missing.setdefault(run.style.face.family, set()).update(lacking)
        if missing:
            problems.append(_missing_problem(report, para, heading, missing, fallbacks))
    if problems:
        raise MissingGlyphs(problems)


def _chars(chars) -> str:
    """"濛 堃 (U+6FDB U+5803)": characters with their code points."""
    chars = sorted(chars)
    return f"{' '.join(chars)} (U+{' U+'.join(f'{ord(c):04X}' for c in chars)})"


def _place(report: Report, para: Para, heading: str) -> tuple[object, str]:
    """A paragraph's position in the spec and words saying where it is in the report."""
    pos = getattr(para.line.block, "pos", NOPOS) or NOPOS
    where = f"{para.line.kind} line"
    if heading and para.line.kind != "heading":
        where += f" under “{heading[:20]}”"
    start = para.text[:12] + ("…" if len(para.text) > 12 else "")
    return pos, f"{where}, “{start}”"


def _missing_problem(report: Report, para: Para, heading: str, missing: dict,
                     fallbacks=()) -> Problem:
    nor = f" nor in the fallback {'、'.join(fallbacks)}" if fallbacks else ""
    what = "; ".join(f"{_chars(chars)} not in {family}{nor}"
                     for family, chars in sorted(missing.items()))
    pos, where = _place(report, para, heading)
    return Problem(pos.file or report.pos.file, pos.line, pos.col, "error", "RK051",
                   f"missing glyphs: {what}; {where}")


def _fallback_warning(report: Report, paras: list[Para]) -> list[Problem]:
    """One warning naming the characters drawn from a fallback face, and where the first is."""
    drawn: dict[str, set[str]] = {}
    first = None
    heading = ""
    for para in paras:
        if para.line.kind == "heading":
            heading = para.line.full
        for run in para.runs:
            if run.style.fallback:
                drawn.setdefault(run.style.face.family, set()).update(
                    ch for ch in para.text[run.start:run.end] if not ch.isspace())
                first = first or (para, heading)
    if not drawn:
        return []
    pos, where = _place(report, *first)
    what = "; ".join(f"{_chars(chars)} from {family}" for family, chars in sorted(drawn.items()))
    return [Problem(pos.file or report.pos.file, pos.line, pos.col, "warning", "RK052",
                    f"characters the style's faces lack are drawn from a fallback face: {what}; "
                    f"first at the {where}")]


def draw(report: Report, style: Style, geo: Geometry, faces: Faces,
         pages: list[list[Placed]]) -> bytes:
    """Draw the pages with reportlab (invariant mode, dates from outputs.build_time)."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    # Binary streams: ASCII85 (reportlab's default) makes the file a quarter larger and slower.
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        return _draw(report, style, geo, faces, pages, Canvas)
    finally:
        rl_config.useA85 = a85


def _draw(report, style, geo, faces, pages, Canvas) -> bytes:
    buf = io.BytesIO()
    body = faces.run_style("body", False)
    # The initial font must be ours too, or reportlab names an unembedded Helvetica.
    c = Canvas(buf, pagesize=(geo.page_width, geo.page_height), invariant=1, pageCompression=1,
               lang="zh-CN", initialFontName=body.face.name, initialFontSize=body.size)
    _metadata(c, report)
    marks = _Outline(c)
    ink = _Ink(c)
    numbers = [_page_number_runs(faces, style, n) for n in range(1, len(pages) + 1)]
    header = _header_runs(faces, style)
    line_number = faces.run_style("body", True)
    extras = [run for runs in numbers for run in runs] + header + [
        (str(p.number), line_number, line_number.size) for page in pages for p in page if p.number]
    ink.prepare(list({id(p.para): p.para for page in pages for p in page}.values()), extras)
    ink.finish()  # every glyph is known: the font files are made while the pages are drawn
    for n, page in enumerate(pages, 1):
        for placed in page:
            _draw_line(c, geo, placed, ink)
            marks.add(placed, geo)
            if placed.number:
                _draw_line_number(c, geo, placed, ink, line_number)
        _draw_page_number(c, geo, style, n, ink, numbers[n - 1])
        _draw_header(c, geo, style, ink, header)
        c.showPage()
    if marks.count:
        c.showOutline()
    c.save()
    return buf.getvalue()


def _metadata(c, report: Report) -> None:
    m = report.meta
    when = outputs.build_time(report)
    stamp = when.strftime("D:%Y%m%d%H%M%S+00'00'")
    c.setDateFormatter(lambda *_: stamp)
    c.setTitle(m.title)
    c.setAuthor(m.issuer or (m.speaker.office if m.speaker else ""))
    c.setSubject(m.subject or m.title)
    c.setKeywords(", ".join(m.keywords))
    c.setCreator("reportkit")
    c.setProducer("reportkit (reportlab)")


#: Where LibreOffice puts the baseline in an exact-height grid line: this many em of the
#: line's size below the middle of the line box (measured on its rendering of the .docx:
#: 21.9 pt down a 28.95 pt line at 16 pt, 24.4 pt at 22 pt).
BASELINE_BELOW_MIDDLE_EM = 0.4575


def baseline(geo: Geometry, slot: int, size: float) -> float:
    """The baseline of a grid slot for text of a size (see BASELINE_BELOW_MIDDLE_EM)."""
    top = geo.page_height - geo.top - slot * geo.pitch
    return top - geo.pitch / 2 - BASELINE_BELOW_MIDDLE_EM * size


def _draw_line(c, geo: Geometry, placed: Placed, ink: _Ink) -> None:
    """One line as one text object: a font, spacing and origin for each run."""
    para, runs = placed.para, placed.runs
    y = baseline(geo, placed.slot, max(st.size for _, _, st in runs))
    x = geo.left + placed.x
    out = ["BT"]
    bold = False
    widths, text, show = para.widths, para.text, ink.show
    for i, j, st in runs:
        if st.bold != bold:
            out.append(f"{st.size * BOLD_STROKE:.3f} w 2 Tr" if st.bold else "0 Tr")
            bold = st.bold
        extra = 0.0 if st.latin else placed.extra
        out.append(f"1 0 0 1 {x:.3f} {y:.3f} Tm {geo.spacing + extra:.4f} Tc")
        show(out, text[i:j], st)
        x += sum(widths[i:j]) + extra * (j - i)
    if bold:
        out.append("0 Tr")  # the render mode outlives ET: later text must not be stroked
    out.append("ET")
    c.addLiteral("\n".join(out))


class _Ink:
    """Text as PDF operators, each face embedded as one composite font (cid.py).

    Every character of the document gets its glyph id before the first page is drawn, the
    most frequent first, so that the same report always gives the same bytes.
    """

    def __init__(self, c):
        self.doc = c._doc  # reportlab's document, where fonts are registered
        self.fonts: dict[str, cid.CIDFont] = {}

    def prepare(self, paras: list[Para], extras: list[tuple[str, object, float]] = ()) -> None:
        """Give glyph ids to every character of the document, face by face: the paragraphs'
        characters, then those of the ``extras`` (text, style, size) drawn outside the grid
        (page numbers, header, line numbers)."""
        texts: dict[str, tuple[object, list[str]]] = {}
        for para in paras:
            for run in para.runs:
                texts.setdefault(run.style.face.name, (run.style.face, []))[1].append(
                    para.text[run.start:run.end])
        for face, pieces in texts.values():
            counter = Counter("".join(pieces))  # one count per face: a Counter a run is slow
            order = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
            self.font(face).add(ch for ch, _ in order)
        for text, st, _ in extras:
            font = self.font(st.face)
            if not font.known.issuperset(text):
                font.add(sorted(set(text)))

    def finish(self) -> None:
        """Every character has its glyph: start making the font files (see cid.CIDFont)."""
        for font in self.fonts.values():
            font.finish()

    def font(self, face) -> cid.CIDFont:
        """The document's composite font of a face."""
        if face.name not in self.fonts:
            self.fonts[face.name] = cid.CIDFont(face, self.doc)
        return self.fonts[face.name]

    def show(self, out: list[str], text: str, st: layout.RunStyle, size: float = 0) -> None:
        """Append the operators that draw ``text`` in a style at the current origin."""
        font = self.font(st.face)
        if not font.known.issuperset(text):
            font.add(sorted(set(text)))  # characters outside the body (page numbers …)
        out.append(f"{font.name} {size or st.size:g} Tf <{font.encode(text)}> Tj")


def _draw_text(c, ink: _Ink, x: float, y: float, runs: list[tuple[str, object, float]],
               align: str = "left") -> None:
    """Short text outside the grid (page numbers, line numbers, the header) as (text, style,
    size) runs at a baseline; ``align`` right puts its end at x."""
    width = sum(st.face.width(ch, size) for text, st, size in runs for ch in text)
    x = x - width if align == "right" else x
    out = ["BT 0 Tc", f"1 0 0 1 {x:.3f} {y:.3f} Tm"]
    for text, st, size in runs:
        ink.show(out, text, st, size)
    out.append("ET")
    c.addLiteral("\n".join(out))


def _draw_line_number(c, geo: Geometry, placed: Placed, ink: _Ink, st) -> None:
    """The review style's line number, in the body's Latin face, left of the line."""
    y = baseline(geo, placed.slot, geo.em)
    x = geo.left - layout.mm(LINE_NUMBER_GAP_MM)
    _draw_text(c, ink, x, y, [(str(placed.number), st, st.size)], "right")


def _page_number_runs(faces: Faces, style: Style, n: int) -> list[tuple[str, object, float]]:
    """The (text, style, size) runs of page n's number ("— n —"), by script."""
    size = style.font("page_number").size
    text = str(style.value("page_number", "format")).replace("{n}", str(n))
    return [(text[a:b], faces.run_style("page_number", latin), size)
            for a, b, latin in layout.script_runs(text)]


def _draw_page_number(c, geo: Geometry, style: Style, n: int, ink: _Ink, runs) -> None:
    """"— n —" 7 mm under the type area, odd pages right and even pages left, inset."""
    size = style.font("page_number").size
    inset = float(style.value("page_number", "side_indent_chars")) * size
    below = layout.mm(style.value("page_number", "below_type_area_mm"))
    # the .docx's footer line starts `below` under the type area and is 1.2 em high
    y = geo.page_height - geo.top - geo.type_height - below - (FOOTER_LINE_EM
                                                                - FOOTER_DESCENT_EM) * size
    if n % 2:
        _draw_text(c, ink, geo.left + geo.type_width - inset, y, runs, "right")
    else:
        _draw_text(c, ink, geo.left + inset, y, runs)


def _header_runs(faces: Faces, style: Style) -> list[tuple[str, object, float]]:
    """The review style's header mark ("征求意见稿") as (text, style, size) runs; none without."""
    text = style.value("header", "text")
    if not text:
        return []
    role = "header" if "header" in style.roles else "body"
    st = faces.run_style(role, False)
    return [(text, st, st.size)]


def _draw_header(c, geo: Geometry, style: Style, ink: _Ink, runs) -> None:
    """The header mark in the header, right-aligned, as the .docx."""
    if not runs:
        return
    top = layout.mm(_opt(style, 20, "header", "distance_mm"))
    y = geo.page_height - top - HEADER_ASCENT_EM * runs[0][2]
    _draw_text(c, ink, geo.left + geo.type_width, y, runs, "right")


class _Outline:
    """Bookmarks for the headings (outline levels 1–4) and the note list."""

    def __init__(self, c):
        self.c = c
        self.count = 0
        self.last_level = -1

    def add(self, placed: Placed, geo: Geometry) -> None:
        line = placed.para.line
        if placed.span.start != 0 or line.kind not in ("heading", "notes_heading", "title"):
            return
        level = line.level - 1 if line.kind == "heading" else 0
        level = min(level, self.last_level + 1)
        key = f"h{self.count}"
        top = geo.page_height - geo.top - placed.slot * geo.pitch
        self.c.bookmarkHorizontal(key, 0, top)
        self.c.addOutlineEntry(_outline_title(line), key, level)
        self.count += 1
        self.last_level = level


def _outline_title(line: Line) -> str:
    if isinstance(line.block, Section):
        return line.label + line.block.heading
    return line.full
