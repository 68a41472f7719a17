"""OFD (GB/T 33190-2016), China's fixed-layout format, from the same layout as the PDF.

``write_ofd(report, style)`` returns the .ofd bytes. The pages are the PDF writer's
(writers/pdf/document.lay_out): the same pages, lines, grid and faces. Each line is drawn as
text objects (content.py) in embedded TrueType subsets of those faces (fonts.py), never as
page images; the document carries its metadata, an outline of the headings and the page
numbers (package.py). A character no face has raises the PDF's MissingGlyphs (RK051) before
anything is written; one drawn from the fallback face is a warning (RK052), as in the PDF.
"""

from __future__ import annotations

from ...model import Report
from ...problems import Problem
from ...style import MM_PER_PT, Style, load_style


def write_ofd(report: Report, style: Style | str = "official",
              warnings: list[Problem] | None = None) -> bytes:
    """The report as an OFD file (bytes): deterministic for the same input and
    SOURCE_DATE_EPOCH. Raises writers.pdf.MissingGlyphs for characters no face has."""
    from ..pdf.fonts import defer_pil

    defer_pil()
    from ... import __version__, outputs
    from ..pdf import document
    from . import content, package
    from .fonts import Fonts

    if isinstance(style, str):
        style = load_style(style)
    geo, faces, pages = document.lay_out(report, style, warnings)
    when = outputs.build_time(report)
    out = package.ZipWriter(when)
    try:
        xml = package.ofd_xml(report, when, package.doc_id(pages), __version__)
        out.add("OFD.xml", xml.encode("utf-8"), package.XML_LEVEL)
        ids = content.Ids()
        page_ids = [ids.next() for _ in pages]
        fonts = Fonts(ids)
        writer = content.PageWriter(report, style, geo, faces, fonts, ids)
        for n, placed in enumerate(pages):
            out.add(f"{package.DOC}/Pages/Page_{n}/Content.xml",
                    writer.page(n + 1, placed).encode("utf-8"), package.XML_LEVEL)
        page_mm = (geo.page_width * MM_PER_PT, geo.page_height * MM_PER_PT)
        doc = package.document_xml(page_ids, ids.last, page_mm, outline(pages, geo))
        out.add(f"{package.DOC}/Document.xml", doc.encode("utf-8"), package.XML_LEVEL)
        out.add(f"{package.DOC}/PublicRes.xml", package.public_res(fonts).encode("utf-8"),
                package.XML_LEVEL)
        for font in fonts:
            out.add(f"{package.DOC}/Res/{font.file_name}", font.subset_file(), package.FONT_LEVEL)
    finally:
        data = out.close()  # the worker ends even when making a part failed
    return data


def outline(pages: list, geo) -> list[tuple[int, str, int, float]]:
    """(level from 0, title, page index, top of the line in mm) of every heading, the title and
    the notes heading, with the PDF's bookmark levels (document._Outline)."""
    from ..pdf.document import _outline_title

    out, last = [], -1
    for n, page in enumerate(pages):
        for placed in page:
            line = placed.para.line
            if placed.span.start != 0 or line.kind not in ("heading", "notes_heading", "title"):
                continue
            level = min(line.level - 1 if line.kind == "heading" else 0, last + 1)
            top = (geo.top + placed.slot * geo.pitch) * MM_PER_PT
            out.append((level, _outline_title(line), n, top))
            last = level
    return out
