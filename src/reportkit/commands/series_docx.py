"""The series as a Word file to paste into a report: a title, the table, the charts as pictures.

The official writer (writers/docx) lays out a report's own lines and takes no tables or
pictures, so this file is written with python-docx, in the house style's page and faces: A4
with the type area of GB/T 9704 (margins from the style's page values), the title in the
title role's face and size, headings in heading1's, text in body's (East Asian face set on
every run, so Word does not fall back to its Latin face for Chinese). Tables use the body face
at TABLE_PT (五号), since seven columns at the body's 三号 (16 pt) do not fit the 156 mm type width.
Charts are PNG at a fixed dpi (charts.DPI), as wide as the type area allows.

The bytes are deterministic: the core properties carry the build time (SOURCE_DATE_EPOCH, else
2000-01-01), and the package is re-zipped with that time on every entry, in a fixed order.
"""

from __future__ import annotations

import io

#: Table text size (五号, 10.5 pt): practice for tables inside an official report.
TABLE_PT = 10.5
#: Column widths of the main table in mm (indicator, year, target, outcome, status, gap,
#: provenance): 156 mm, the type width; the names and the provenance get the most room.
WIDTHS_MM = (30, 13, 25, 20, 18, 22, 28)
#: Chart width on the page in mm (the type area is 156 mm wide).
CHART_MM = 150
H_TABLE = "一、主要预期目标完成情况"
H_CHARTS = "二、目标与实际对比图"
H_TERMS = "三、政策术语（各年出现次数）"


def document(series, style: str = "official") -> bytes:
    """The Word file's bytes."""
    from docx import Document

    from ..outputs import build_time
    from ..style import load_style
    from .series import summary

    st = load_style(style)
    doc = Document()
    _page(doc, st)
    _paragraph(doc, _title(series), st.font("title"), center=True)
    if summary(series):
        _paragraph(doc, summary(series), st.font("body"))
    _paragraph(doc, H_TABLE, st.font("heading1"))
    _rows_table(doc, series, st)
    charted = [t for t in series.tracks if t.charted]
    if charted:
        _paragraph(doc, H_CHARTS, st.font("heading1"))
        for track in charted:
            _chart(doc, track, style)
    changed = [t for t in series.terms if t.trend != "steady"]
    if changed:
        _paragraph(doc, H_TERMS, st.font("heading1"))
        _terms_table(doc, series, changed, st)
    when = build_time()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = _title(series), "reportkit", "reportkit"
    props.created = props.modified = when.replace(tzinfo=None)
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return _rezip(buf.getvalue(), when)


def _title(series) -> str:
    from .series import title

    return title(series)


def _page(doc, st) -> None:
    """A4 and the type area of the house style."""
    from docx.shared import Mm

    width, height = st.value("page", "width"), st.value("page", "height")
    top, left = st.value("page", "margin_top"), st.value("page", "margin_left")
    for section in doc.sections:
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin, section.left_margin = Mm(top), Mm(left)
        section.right_margin = Mm(width - left - st.value("page", "type_width"))
        section.bottom_margin = Mm(height - top - st.value("page", "type_height"))


def _faces(run, font, size: float | None = None) -> None:
    """A run in a role's faces: Latin face, East Asian face, size and weight."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = font.latin
    run.font.size = Pt(size or font.size)
    run.font.bold = font.bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font.name)


def _paragraph(doc, text: str, font, center: bool = False, size: float | None = None):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = doc.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _faces(p.add_run(text), font, size)
    return p


def _table(doc, header: list[str], rows: list[list[str]], st, widths=None):
    """A grid table in the body face at TABLE_PT, the header row in bold; ``widths`` in mm."""
    from docx.shared import Mm

    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    body = st.font("body")
    for cell, text in zip(table.rows[0].cells, header):
        _cell(cell, text, body, bold=True)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            _cell(cell, text, body)
    if widths:
        table.autofit = False
        for column, mm in zip(table.columns, widths):
            for cell in column.cells:
                cell.width = Mm(mm)  # Word reads each cell's width, LibreOffice the grid's
            column.width = Mm(mm)
    return table


def _cell(cell, text: str, font, bold: bool = False) -> None:
    run = cell.paragraphs[0].add_run(text)
    _faces(run, font, TABLE_PT)
    run.font.bold = bold or None


def _rows_table(doc, series, st) -> None:
    from ..series import COLUMNS
    from .series import cells

    rows = []
    for track in series.tracks:
        for i, row in enumerate(track.rows):
            c = cells(row, short=True)
            rows.append([c[0] if i == 0 else "", *c[1:]])
    _table(doc, list(COLUMNS), rows, st, WIDTHS_MM)


def _terms_table(doc, series, terms, st) -> None:
    from .series import term_cells, term_header

    _table(doc, term_header(series), [term_cells(t) for t in terms], st)


def _chart(doc, track, style: str) -> None:
    """A chart as a picture, centred, as wide as CHART_MM."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    from .. import charts

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run().add_picture(io.BytesIO(charts.png(track, style)), width=Mm(CHART_MM))


def _rezip(data: bytes, when) -> bytes:
    """The package again, every entry stamped with the build time, in name order ([Content_
    Types].xml first, as Word expects)."""
    import zipfile

    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    src = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()
