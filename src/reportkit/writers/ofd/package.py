"""The OFD package (GB/T 33190-2016 §7): its XML parts and the zip that holds them.

    OFD.xml                          entry: DocInfo (title, author, dates …), DocRoot
    Doc_0/Pages/Page_N/Content.xml   one layer of text objects a page
    Doc_0/Document.xml               CommonData (MaxUnitID, page area, resources), Pages, Outlines
    Doc_0/PublicRes.xml              Fonts, each with its FontFile in Doc_0/Res/
    Doc_0/Res/font_N.ttf             the embedded subsets

Entries are zipped in that order (pages before the parts that need all of them: the largest
ID, the characters of each font) with one fixed time, the build date, so the same spec gives
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


def doc_id(pages: list) -> str:
    """DocID: 32 hex digits from the laid-out pages (every line's text, faces and place), so
    the same document has the same ID; known before any part is written."""
    h = hashlib.sha256()
    for n, page in enumerate(pages):
        for p in page:
            faces = ",".join(st.face.name for _, _, st in p.runs)
            h.update(f"{n} {p.slot} {p.x:.3f} {p.extra:.4f} {p.number} {faces}\n".encode())
            h.update(p.para.text[p.span.start:p.span.end].encode("utf-8"))
    return h.hexdigest()[:32]


class ZipWriter:
    """The .ofd's zip, written on a second thread while the next parts are made.

    ``add`` queues an entry; a worker thread compresses and writes the entries in the order
    queued (zlib and crc32 let go of the GIL, so the compression runs beside the page XML on
    another core). Every entry has the same time, so the bytes depend only on the entries.
    """

    def __init__(self, when: dt.datetime):
        import queue
        import threading

        stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.UTC))
        self.date_time = stamp.timetuple()[:6]
        self.buf = io.BytesIO()
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.error: Exception | None = None
        self.thread = threading.Thread(target=self._run, name="reportkit-ofd-zip", daemon=True)
        self.thread.start()

    def add(self, name: str, data: bytes, level: int) -> None:
        """Queue an entry: its name in the package, its bytes and its zlib level."""
        self.queue.put((name, data, level))

    def close(self) -> bytes:
        """Wait for every queued entry and return the zip's bytes."""
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.buf.getvalue()

    def _run(self) -> None:
        try:
            with zipfile.ZipFile(self.buf, "w", zipfile.ZIP_DEFLATED) as zf:
                while (entry := self.queue.get()) is not None:
                    name, data, level = entry
                    info = zipfile.ZipInfo(name, self.date_time)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    info.create_system = 3
                    zf.writestr(info, data, compresslevel=level)
        except Exception as exc:  # noqa: BLE001 (raised again by close(), in the caller's thread)
            self.error = exc
            while self.queue.get() is not None:
                pass  # let close() finish
