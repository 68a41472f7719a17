"""The OFD package (GB/T 33190-2016 §7): its XML parts and the zip that holds them.

    OFD.xml                          entry: DocInfo (title, author, dates …), DocRoot
    Doc_0/Document.xml               CommonData (MaxUnitID, page area, resources), Pages, Outlines
    Doc_0/PublicRes.xml              Fonts, each with its FontFile in Doc_0/Res/
    Doc_0/Res/font_N.ttf             the embedded subsets
    Doc_0/Pages/Page_N/Content.xml   one layer of text objects a page

Entries are zipped in that order with one fixed time (the build date), so the same spec gives
the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile

from ...model import Report
from .content import NS, attr_escape, num, text_escape

XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>'
DOC = "Doc_0"
#: zlib levels: the font programs are most of the bytes and compress little better at the
#: default level, at three to four times the time (as the PDF's font streams, cid.py).
FONT_LEVEL = 1
XML_LEVEL = 6


def ofd_xml(report: Report, when: dt.datetime, doc_id: str, version: str) -> str:
    """OFD.xml: the document's metadata (DocInfo, in the schema's order) and where it is."""
    m = report.meta
    author = m.issuer or (m.speaker.office if m.speaker else "")
    info = [f"<ofd:DocID>{doc_id}</ofd:DocID>", _el("Title", m.title), _el("Author", author),
            _el("Subject", m.subject or m.title),
            f"<ofd:CreationDate>{when.date().isoformat()}</ofd:CreationDate>"]
    if m.keywords:
        info.append("<ofd:Keywords>" + "".join(_el("Keyword", k) for k in m.keywords)
                    + "</ofd:Keywords>")
    info += [_el("Creator", "reportkit"), _el("CreatorVersion", version)]
    return (f'{XML_DECL}<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
            f'<ofd:DocInfo>{"".join(info)}</ofd:DocInfo>'
            f"<ofd:DocRoot>{DOC}/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")


def _el(name: str, text: str) -> str:
    return f"<ofd:{name}>{text_escape(text)}</ofd:{name}>" if text else ""


def document_xml(page_ids: list[int], max_id: int, page_mm: tuple[float, float],
                 outline: list[tuple[int, str, int, float]]) -> str:
    """Document.xml: MaxUnitID, the page area, the public resources, the pages and the
    outline ((level, title, page index, top in mm) per heading, levels from 0)."""
    pages = "".join(f'<ofd:Page ID="{pid}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
                    for n, pid in enumerate(page_ids))
    box = f"0 0 {num(page_mm[0])} {num(page_mm[1])}"
    outlines = _outlines(outline, page_ids)
    return (f'{XML_DECL}<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
            f"<ofd:MaxUnitID>{max_id}</ofd:MaxUnitID>"
            f"<ofd:PageArea><ofd:PhysicalBox>{box}</ofd:PhysicalBox></ofd:PageArea>"
            "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
            f"<ofd:Pages>{pages}</ofd:Pages>{outlines}</ofd:Document>")


def _outlines(outline: list[tuple[int, str, int, float]], page_ids: list[int]) -> str:
    """Nested OutlineElem, each going to its heading's page and height (a Goto on click)."""
    if not outline:
        return ""
    out, depth = ["<ofd:Outlines>"], -1
    for level, title, page, top in outline:
        while depth >= level:
            out.append("</ofd:OutlineElem>")
            depth -= 1
        out.append(f'<ofd:OutlineElem Title="{attr_escape(title)}"><ofd:Actions>'
                   '<ofd:Action Event="CLICK"><ofd:Goto>'
                   f'<ofd:Dest Type="XYZ" PageID="{page_ids[page]}" Left="0" Top="{num(top)}"/>'
                   "</ofd:Goto></ofd:Action></ofd:Actions>")
        depth = level
    out.append("</ofd:OutlineElem>" * (depth + 1) + "</ofd:Outlines>")
    return "".join(out)


def public_res(fonts) -> str:
    """PublicRes.xml: the fonts, each with its embedded file (in the Res folder)."""
    items = "".join(
        f'<ofd:Font ID="{f.id}" FontName="{attr_escape(f.font_name)}" '
        f'FamilyName="{attr_escape(f.face.family)}"><ofd:FontFile>{f.file_name}</ofd:FontFile>'
        "</ofd:Font>" for f in fonts)
    return (f'{XML_DECL}<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
            f"<ofd:Fonts>{items}</ofd:Fonts></ofd:Res>")


def doc_id(parts: list[bytes]) -> str:
    """DocID: 32 hex digits from the content (the same document, the same ID)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:32]


def zip_package(entries: list[tuple[str, bytes, int]], when: dt.datetime) -> bytes:
    """The .ofd: (name, bytes, zlib level) entries zipped in order, each with the same time."""
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.UTC))
    date_time = stamp.timetuple()[:6]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data, level in entries:
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, data, compresslevel=level)
    return buf.getvalue()
