"""The official-format Word writer (GB/T 9704-2012): a Report, laid out by a house style.

``write_docx(report, style)`` returns the bytes of a .docx built from ``flat.lines(report)``: the
words are never derived here, only placed. Page geometry, grid, faces and page numbers come from
the style profile (templates/official.yaml); the XML itself is written by ``oxml``.

``redline`` lays out a comparison instead of the report: a list of :class:`RedlineLine`, whose
inserted and deleted pieces become tracked changes (w:ins, w:del) by "reportkit", dated with the
build date, so Word's Accept/Reject All gives back the new or the old text.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ... import flat, fonts
from ...flat import Line
from ...model import Report
from ...outputs import build_time
from ..pdf import breaker
from . import oxml, review
from ..title import break_title

#: Paragraph style of each line kind (headings add their level).
PARA_STYLES = {"title": "RkTitle", "occasion": "RkOccasion", "speaker": "RkSpeaker",
               "salutation": "RkSalutation", "heading": "Heading", "notes_heading":
               "RkNotesHeading", "note": "RkNote"}
#: Character style of a role set inside a paragraph of another role.
CHAR_STYLES = {"lead": "RkLead"}
#: East Asian language of a run holding a number and its unit (see breaker.JOINER): not a CJK
#: language, so that LibreOffice breaks it by Unicode rules and keeps it whole. The faces do
#: not change (they come from w:rFonts); only line breaking and spell checking see it.
KEPT_LANG = "en-US"
PT = 20  # twips per point


@dataclass(frozen=True)
class RedlineLine:
    """One paragraph of a redline.

    ``line`` is the flat.Line laid out (the new line, or the old one for a deleted paragraph);
    ``pieces`` are (op, text) pairs with op "=" (unchanged), "+" (inserted) or "-" (deleted):
    the "=" and "+" pieces spell ``line.full`` (for a deleted paragraph, the "=" and "-" pieces
    do). ``mark`` is "=" for a paragraph in both, "+" for an inserted and "-" for a deleted one.
    """

    line: Line
    pieces: tuple[tuple[str, str], ...] | list[tuple[str, str]]
    mark: str = "="


def write_docx(report: Report, style=None, redline: list[RedlineLine] | None = None,
               warnings: list | None = None) -> bytes:
    """The report as .docx bytes in a house style (a Style, or a name or profile path; default
    official); see the module docstring for ``redline``. ``warnings`` is every writer's list
    of problems found while writing: Word leaves a missing glyph to the reader's fonts, so
    this writer has none to add."""
    from ...style import load_style

    style = load_style(style) if isinstance(style, str) else style or load_style("official")
    when = build_time(report)
    layout = _checked_layout(style)
    # A redline is read in Word, not laid out page for page: no joiners in its tracked text.
    layout.keep_units = layout.keep_units and redline is None
    revisions = oxml.Revisions(when)
    lines = flat.lines(report) if redline is None else []
    entries = redline if redline is not None else [
        RedlineLine(line, (("=", line.full),)) for line in lines]
    body = list(_body(entries, layout, revisions))
    parts = _parts(report, layout, body)
    if redline is None:  # a build, not a comparison: say which spec's text this is
        parts = review.with_identity(parts, report, lines)
    if redline is None and _opt(style, False, "embed_fonts"):
        parts = _with_fonts(parts, lines, layout)
    return oxml.zip_package(parts, when)


def _with_fonts(parts, lines: list[Line], lay: _Layout):
    """The parts with subsets of the faces the report uses embedded (style key embed_fonts;
    a redline never embeds: it is read in Word next to the documents it compares)."""
    from . import embed

    texts = fonts.role_texts(lines, str(lay.style.value("page_number", "format")))
    if lay.header_text:
        texts["header"] = lay.header_text
    return embed.embed_fonts(parts, embed.subsets(lay.style, texts))


class _Layout:
    """The style's numbers in Word units, read once."""

    def __init__(self, style):
        self.style = style
        v = style.value
        self.body = style.font("body")
        self.char_spacing = round(float(v("grid", "char_spacing_pt")) * PT)
        self.char_pitch = round(self.body.size * PT) + self.char_spacing
        self.line_pitch = int(v("grid", "line_pitch_twips"))
        self.indent = round(float(v("body", "first_line_indent_chars")) * self.char_pitch)
        self.heading_indent = round(float(v("body", "heading_indent_chars")) * self.char_pitch)
        #: line kinds broken by meaning, and their widest line
        self.broken = {"title": float(v("title", "max_chars_per_line")),
                       "occasion": float(_opt(style, 1000, "front", "occasion_max_chars"))}
        self.title_after = int(v("title", "lines_after"))
        self.front_after = int(_opt(style, 0, "front", "lines_after"))
        self.notes_before = int(_opt(style, 0, "notes", "lines_before"))
        self.header_text = str(_opt(style, "", "header", "text") or "")
        self.line_numbers = bool(_opt(style, False, "line_numbers"))
        rules = breaker.LineRules.from_style(style)
        self.widow_control = rules.widow_control
        self.keep_headings = bool(_opt(style, True, "body", "keep_headings_with_next"))
        self.keep_units = rules.keep_units
        # Word and LibreOffice hang marks and autospace by default; the .docx says only "off".
        self.grid = {"no_hanging": not rules.hanging, "no_autospace": not rules.autospace_em}

    def page(self, with_header: bool) -> oxml.Page:
        """Page geometry: margins from the type area, footer placed for the page number."""
        v, mm = self.style.value, oxml.twips_mm
        width, height = float(v("page", "width")), float(v("page", "height"))
        top, left = float(v("page", "margin_top")), float(v("page", "margin_left"))
        right = width - left - float(v("page", "type_width"))
        bottom = height - top - float(v("page", "type_height"))
        pn = self.style.font("page_number")
        # The page-number line starts below_type_area_mm under the type area; Word measures the
        # footer distance from the paper's edge to the bottom of the footer's line.
        line_mm = pn.size * 1.2 * 25.4 / 72
        footer = bottom - float(v("page_number", "below_type_area_mm")) - line_mm
        header = float(_opt(self.style, 20, "header", "distance_mm"))
        return oxml.Page(mm(width), mm(height), mm(top), mm(right), mm(bottom), mm(left),
                         mm(header), mm(footer), self.line_pitch,
                         header_ids=("rIdHeaderOdd", "rIdHeaderEven") if with_header else None,
                         footer_ids=("rIdFooterOdd", "rIdFooterEven"),
                         line_numbers=self.line_numbers, line_number_distance=mm(3))


def _checked_layout(style) -> _Layout:
    """The layout with every style-derived part made up front, so that a profile that lacks
    or mistypes a value is reported as such (ReportError), never as a traceback."""
    from ...problems import Problem, ReportError

    try:
        lay = _Layout(style)
        lay.sect = oxml.sect_pr(lay.page(bool(lay.header_text)))
        lay.styles_xml = _styles(lay)
        lay.fonts_xml = oxml.font_table_xml(_font_names(style))
        before, _, after = str(style.value("page_number", "format")).partition("{n}")
        lay.page_field = oxml.page_field(before, after)
        problem = _grid_problem(style, lay)
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError) as exc:
        what = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        raise ReportError(Problem(str(style.name), 0, 0, "error", "RK031",
                                  f"the style lacks or mistypes a value the Word writer needs: "
                                  f"{what}")) from None
    if problem:
        raise ReportError(Problem(str(style.name), 0, 0, "error", "RK031", problem))
    return lay


def _grid_problem(style, lay: _Layout) -> str:
    """Why the grid's stated lines and characters are not what the page holds ("" if they are).

    Exactly ``grid.lines`` lines of ``line_pitch_twips`` must fit the type area's height, and
    ``grid.chars`` body characters (size plus spacing) its width, or the grid would be a lie.
    """
    v, mm = style.value, oxml.twips_mm
    height, width = mm(float(v("page", "type_height"))), mm(float(v("page", "type_width")))
    lines, chars = int(v("grid", "lines")), int(v("grid", "chars"))
    if not lines * lay.line_pitch <= height < (lines + 1) * lay.line_pitch:
        return (f"grid.lines is {lines} but {height // lay.line_pitch} lines of "
                f"{lay.line_pitch} twips fit the type area")
    if not chars * lay.char_pitch <= width < (chars + 1) * lay.char_pitch:
        return (f"grid.chars is {chars} but {width // lay.char_pitch} characters of "
                f"{lay.char_pitch} twips fit the type area")
    return ""


def _opt(style, default, *path):
    """A style value that older or user profiles may lack."""
    try:
        return style.value(*path)
    except (KeyError, TypeError):
        return default


# ---------------------------------------------------------------------------------------------
# Body


def _body(entries: Iterable[RedlineLine], lay: _Layout, rev: oxml.Revisions) -> Iterator[str]:
    """Paragraph XML for each entry, with the blank lines the style puts between parts."""
    entries = list(entries)
    front = {"title", "occasion", "speaker"}
    for i, entry in enumerate(entries):
        kind = entry.line.kind
        if kind == "notes_heading":
            yield from (oxml.empty_paragraph() for _ in range(lay.notes_before))
        yield _paragraph(entry, lay, rev)
        nxt = entries[i + 1].line.kind if i + 1 < len(entries) else ""
        if kind == "title":
            yield from (oxml.empty_paragraph() for _ in range(lay.title_after))
        elif kind in front and nxt not in front and nxt:
            yield from (oxml.empty_paragraph() for _ in range(lay.front_after))


def _paragraph(entry: RedlineLine, lay: _Layout, rev: oxml.Revisions) -> str:
    line = entry.line
    style_id = PARA_STYLES.get(line.kind, "Normal")
    if line.kind == "heading":
        style_id += str(min(max(line.level, 1), 4))
    breaks = set()
    if line.kind in lay.broken:
        breaks = _title_breaks(line.full, lay.broken[line.kind])
    own_role = fonts.line_runs(line)[0][0] if line.kind != "para" else "body"
    kept = breaker.unit_spans(line.full) if lay.keep_units else []
    joins = sorted(breaker.joins(line.full, kept)) if lay.keep_units else []
    runs = []
    for role, op, text, start in _segments(entry):
        char_style = CHAR_STYLES.get(role, "") if role != own_role else ""
        if op == "-":  # deleted text has no place in line.full
            runs.append(oxml.run(text, char_style, op, 0, rev))
            continue
        for chunk, brk in _split_at(text, start, breaks):
            for piece, keep in _kept_pieces(chunk, start, kept, joins):
                runs.append(oxml.run(piece, char_style, op, int(brk), rev,
                                     KEPT_LANG if keep else ""))
                brk = False
            start += len(chunk)
    return oxml.paragraph(style_id, "".join(runs), entry.mark, rev)


def _kept_pieces(text: str, start: int, kept, joins: list[int]) -> Iterator[tuple[str, bool]]:
    """``text`` (at offset ``start`` of the line) cut where number-and-unit spans begin and end:
    (piece, inside a span), with a word joiner before each index of ``joins`` (sorted)."""
    def joined(a: int, b: int) -> str:
        out, prev = [], a
        for j in joins[bisect_left(joins, a):bisect_left(joins, b)]:
            out += (text[prev - start:j - start], breaker.JOINER)
            prev = j
        out.append(text[prev - start:b - start])
        return "".join(out)

    pos, end = start, start + len(text)
    for a, b, _ in kept:
        a, b = max(a, pos), min(b, end)
        if a >= b:
            continue
        if a > pos:
            yield joined(pos, a), False
        yield joined(a, b), True
        pos = b
    if pos < end or not text:
        yield joined(pos, end), False


def _title_breaks(text: str, max_chars: float) -> set[int]:
    """Offsets in the title where a new line starts."""
    offsets, pos = set(), 0
    for part in break_title(text, max_chars)[:-1]:
        pos += len(part)
        offsets.add(pos)
    return offsets


def _segments(entry: RedlineLine) -> Iterator[tuple[str, str, str, int]]:
    """(role, op, text, offset in line.full) for each piece, split where the role changes."""
    line, pieces = entry.line, list(entry.pieces)
    advancing = ("=", "-") if entry.mark == "-" else ("=", "+")
    roles = fonts.line_runs(line)
    if "".join(t for op, t in pieces if op in advancing) != line.full:
        roles = [(roles[-1][0] if roles else "body", line.full)]  # pieces of other words
    bounds, pos = [], 0
    for role, text in roles:
        bounds.append((pos, pos + len(text), role))
        pos += len(text)
    pos = 0
    for op, text in pieces:
        if not text:
            continue
        if op not in advancing:
            yield _role_at(bounds, max(pos - 1, 0)), op, text, pos
            continue
        for start, end, role in bounds:
            lo, hi = max(start, pos), min(end, pos + len(text))
            if lo < hi:
                yield role, op, text[lo - pos:hi - pos], lo
        pos += len(text)


def _role_at(bounds, pos: int) -> str:
    for start, end, role in bounds:
        if start <= pos < end:
            return role
    return bounds[-1][2] if bounds else "body"


def _split_at(text: str, start: int, breaks: set[int]) -> Iterator[tuple[str, bool]]:
    """The text cut at line-break offsets: (chunk, whether a break precedes it)."""
    cuts = sorted(b - start for b in breaks if start <= b < start + len(text))
    prev = 0
    for cut in cuts:
        if cut > prev:
            yield text[prev:cut], prev in cuts
        prev = cut
    yield text[prev:], prev in cuts


# ---------------------------------------------------------------------------------------------
# Parts


def _parts(report: Report, lay: _Layout, body: list[str]) -> list[tuple[str, str]]:
    with_header = bool(lay.header_text)
    doc = oxml.document_xml(body, lay.sect)
    rels = [("rIdStyles", oxml.REL + "styles", "styles.xml"),
            ("rIdSettings", oxml.REL + "settings", "settings.xml"),
            ("rIdFonts", oxml.REL + "fontTable", "fontTable.xml"),
            ("rIdFooterOdd", oxml.REL + "footer", "footer1.xml"),
            ("rIdFooterEven", oxml.REL + "footer", "footer2.xml")]
    ctypes = [("word/document.xml", oxml.CT_MAIN + "document.main+xml"),
              ("word/styles.xml", oxml.CT_MAIN + "styles+xml"),
              ("word/settings.xml", oxml.CT_MAIN + "settings+xml"),
              ("word/fontTable.xml", oxml.CT_MAIN + "fontTable+xml"),
              ("word/footer1.xml", oxml.CT_MAIN + "footer+xml"),
              ("word/footer2.xml", oxml.CT_MAIN + "footer+xml")]
    extra = [("word/footer1.xml", oxml.header_footer_xml("ftr", oxml.paragraph(
                 "RkPageNumberOdd", lay.page_field))),
             ("word/footer2.xml", oxml.header_footer_xml("ftr", oxml.paragraph(
                 "RkPageNumberEven", lay.page_field)))]
    if with_header:
        rels += [("rIdHeaderOdd", oxml.REL + "header", "header1.xml"),
                 ("rIdHeaderEven", oxml.REL + "header", "header2.xml")]
        ctypes += [("word/header1.xml", oxml.CT_MAIN + "header+xml"),
                   ("word/header2.xml", oxml.CT_MAIN + "header+xml")]
        head = oxml.header_footer_xml("hdr", oxml.paragraph("RkHeader", oxml.run(lay.header_text)))
        extra += [("word/header1.xml", head), ("word/header2.xml", head)]
    ctypes += [("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
               ("docProps/app.xml", ("application/vnd.openxmlformats-officedocument."
                                    "extended-properties+xml"))]
    when = build_time(report)
    return [("[Content_Types].xml", oxml.content_types_xml(ctypes)),
            ("_rels/.rels", oxml.relationships_xml([
                ("rId1", oxml.REL + "officeDocument", "word/document.xml"),
                ("rId2", ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                         "core-properties"), "docProps/core.xml"),
                ("rId3", oxml.REL + "extended-properties", "docProps/app.xml")])),
            ("word/document.xml", doc),
            ("word/_rels/document.xml.rels", oxml.relationships_xml(rels)),
            ("word/styles.xml", lay.styles_xml),
            ("word/settings.xml", oxml.settings_xml()),
            ("word/fontTable.xml", lay.fonts_xml),
            *extra,
            ("docProps/core.xml", oxml.core_xml(_properties(report, lay), when)),
            ("docProps/app.xml", oxml.app_xml())]


def _run_format(font, spacing: int | None = None) -> oxml.RunFormat:
    return oxml.RunFormat(font.name, font.latin, font.size, font.bold, spacing)


def _styles(lay: _Layout) -> str:
    """Paragraph and character styles: one per role of the house style."""
    s, P, S = lay.style, oxml.ParaFormat, oxml.StyleDef
    font = s.font
    centred = P(align="center", first_line=0)
    styles = [S("Normal", "Normal", ppr=P(align="both", first_line=lay.indent, **lay.grid,
                                          widow_control=lay.widow_control),
                rpr=_run_format(font("body"))),
              S("RkTitle", "Title", ppr=centred, rpr=_run_format(font("title")),
                based_on="Normal"),
              S("RkOccasion", "Occasion", ppr=centred, rpr=_run_format(font("occasion")),
                based_on="Normal"),
              S("RkSpeaker", "Speaker", ppr=centred, rpr=_run_format(font("speaker")),
                based_on="Normal"),
              S("RkSalutation", "Salutation", ppr=P(first_line=0), based_on="Normal")]
    for level in range(1, 5):
        styles.append(S(f"Heading{level}", f"heading {level}", based_on="Normal",
                        next_style="Normal", rpr=_run_format(font(f"heading{level}")),
                        ppr=P(first_line=lay.heading_indent, keep_next=lay.keep_headings,
                              outline=level - 1)))
    styles += [S("RkNotesHeading", "Notes Heading", ppr=P(align="center", first_line=0,
                                                          keep_next=True),
                 rpr=_run_format(font("notes_heading")), based_on="Normal"),
               S("RkNote", "Note", rpr=_run_format(font("note")), based_on="Normal"),
               S("RkLead", "Lead", kind="character", rpr=_run_format(font("lead")))]
    pn = font("page_number")
    side = round(float(s.value("page_number", "side_indent_chars")) * pn.size * PT)
    off_grid = {"auto_line": True, "first_line": 0, "no_line_numbers": True}
    styles += [S("RkPageNumberOdd", "Page Number Odd", rpr=_run_format(pn, 0),
                 ppr=P(align="right", right=side, **off_grid)),
               S("RkPageNumberEven", "Page Number Even", rpr=_run_format(pn, 0),
                 ppr=P(align="left", left=side, **off_grid))]
    if lay.header_text:
        head = font("header") if "header" in s.roles else font("body")
        align = str(_opt(s, "right", "header", "align"))
        styles.append(S("RkHeader", "Header Text", rpr=_run_format(head, 0),
                        ppr=P(align=align, **off_grid)))
    body = font("body")
    defaults_r = oxml.RunFormat(body.name, body.latin, body.size, False, lay.char_spacing)
    defaults_p = P(align="both", line=lay.line_pitch, **lay.grid,
                   widow_control=lay.widow_control)
    return oxml.styles_xml(defaults_r, defaults_p, styles)


def _font_names(style) -> list[str]:
    names: list[str] = []
    for role in style.roles:
        f = style.font(role)
        for name in (f.name, f.latin):
            if name and name not in names:
                names.append(name)
    return names


def _properties(report: Report, lay: _Layout) -> oxml.Properties:
    """Title, author (the issuer), subject from the spec; a review draft's status is its mark."""
    m = report.meta
    creator = m.issuer or (m.speaker.office if m.speaker else "")
    return oxml.Properties(title=m.title, subject=m.subject or m.title, creator=creator,
                           keywords="; ".join(m.keywords), description=m.occasion,
                           status=lay.header_text or m.status)
