"""Read a reviewed .docx: its original and edited paragraphs, and its comments.

Tracked changes are read as Word, WPS and LibreOffice write them: ``w:ins``/``w:del`` runs,
``w:moveFrom``/``w:moveTo`` runs, and paragraph marks inserted or deleted (``w:ins``/``w:del``
in a paragraph's ``w:pPr/w:rPr``). From them come two views of the body:

- ``old``: the text as built (every change rejected): inserted and moved-to text left out,
  deleted and moved-from text kept, a paragraph ending at every mark that was not inserted;
- ``new``: the text as the reviewer left it (every change accepted).

Comments come from word/comments.xml with their anchors (``w:commentRangeStart``/``End``) in
the body, and replies from word/commentsExtended.xml (``w15:paraIdParent``).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..problems import Problem, ReportError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
#: Characters the writer adds for layout only (word joiners around numbers and units).
LAYOUT_CHARS = dict.fromkeys(map(ord, "\u2060\u200b"))
OLD_ONLY = {W + "del", W + "moveFrom"}
NEW_ONLY = {W + "ins", W + "moveTo"}
#: Paragraph styles the writer gives headings, by the id it writes and the names others keep.
LEAD_STYLES = {"rklead", "lead"}
MAX_PART = 50 * 1024 * 1024
NEITHER = 2  #: a walk's side for text in neither view


@dataclass
class Para:
    """One paragraph of a view: its text, and in the new view the part set in the lead style
    and the paragraph style (for inserted paragraphs)."""

    text: str
    lead: str = ""
    style: str = ""
    changed: bool = False  #: holds tracked changes


@dataclass
class Comment:
    """A reviewer's comment: who, when, what it says, and the text it is anchored to.

    ``para`` is the index of the old-view paragraph where the anchor starts (-1 unknown);
    ``parent`` the id of the comment it answers.
    """

    id: str
    author: str
    date: str
    text: str
    anchor: str = ""
    para: int = -1
    parent: str = ""
    done: bool = False


@dataclass
class Reviewed:
    """A reviewed file read: both views, comments, properties, and what could not be read."""

    path: str
    old: list[Para]
    new: list[Para]
    comments: list[Comment]
    properties: dict[str, str]
    revisions: int = 0  #: tracked changes found
    notes: list[Problem] = field(default_factory=list)


def read_review(path: str | Path) -> Reviewed:
    """Read a .docx; a file that is not a readable .docx raises ReportError (exit 2)."""
    name = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            parts = {n: _read_part(zf, n) for n in zf.namelist()
                     if n in ("word/document.xml", "word/comments.xml",
                              "word/commentsExtended.xml", "docProps/custom.xml")}
    except FileNotFoundError:
        raise _fail(name, "no such file") from None
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
        raise _fail(name, f"not a readable .docx (a Word file is a zip package): {exc}") from None
    if "word/document.xml" not in parts:
        raise _fail(name, "not a Word document: the package has no word/document.xml")
    doc = _parse(name, "word/document.xml", parts["word/document.xml"])
    out = Reviewed(name, [], [], [], _properties(name, parts.get("docProps/custom.xml")))
    anchors = _Body(out).read(doc)
    out.comments = _comments(name, parts, anchors)
    return out


def _fail(name: str, message: str) -> ReportError:
    return ReportError(Problem(name, 0, 0, "error", "RK601", message))


def _read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    if zf.getinfo(name).file_size > MAX_PART:
        raise ValueError(f"{name} is larger than {MAX_PART // 1024 // 1024} MiB")
    return zf.read(name)


def _parse(name: str, part: str, data: bytes):
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True,
                                                      huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise _fail(name, f"damaged: {part} is not well-formed XML ({exc})") from None


def _properties(name: str, data: bytes | None) -> dict[str, str]:
    if not data:
        return {}
    root = _parse(name, "docProps/custom.xml", data)
    return {p.get("name", ""): "".join(p.itertext()).strip() for p in root.iter(CUSTOM + "property")}


class _Body:
    """Walks document.xml's body once, building both views and the comment anchors."""

    def __init__(self, out: Reviewed):
        self.out = out
        self.old: list[str] = []
        self.new: list[str] = []
        self.lead: list[str] = []
        self.changed = False
        self.open: dict[str, list[str]] = {}  #: comment id -> anchor text so far
        self.anchors: dict[str, tuple[str, int]] = {}
        self.in_field = 0  #: inside a field's instruction (between begin and separate)

    def read(self, doc) -> dict[str, tuple[str, int]]:
        body = doc.find(W + "body")
        if body is None:
            raise _fail(self.out.path, "damaged: word/document.xml has no w:body")
        for child in body:
            self.block(child)
        self.close_old()
        self.close_new("")
        for cid, pieces in self.open.items():
            self.anchors[cid] = ("".join(pieces), self.anchors.get(cid, ("", -1))[1])
        return self.anchors

    def block(self, el) -> None:
        if el.tag == W + "p":
            self.paragraph(el)
        elif el.tag == W + "tbl":
            if any(e.tag in OLD_ONLY | NEW_ONLY for e in el.iter()):
                self.note("a change inside a table was not absorbed: a spec has no tables")
        elif el.tag == W + "sdt":
            content = el.find(W + "sdtContent")
            for child in content if content is not None else ():
                self.block(child)
        elif el.tag in OLD_ONLY | NEW_ONLY:  # moved or inserted paragraphs wrapped whole
            for child in el:
                self.block(child)

    def note(self, message: str) -> None:
        self.out.notes.append(Problem(self.out.path, 0, 0, "warning", "RK602", message))

    def paragraph(self, p) -> None:
        mark = p.find(f"{W}pPr/{W}rPr")
        mark_new = mark is not None and any(mark.find(W + t) is not None
                                            for t in ("ins", "moveTo"))
        mark_old = mark is not None and any(mark.find(W + t) is not None
                                            for t in ("del", "moveFrom"))
        self.changed |= mark_new or mark_old
        self.out.revisions += int(mark_new or mark_old)
        style = p.find(f"{W}pPr/{W}pStyle")
        self.style = style.get(W + "val", "") if style is not None else ""
        self.walk(p, 0)
        if not mark_new:
            self.close_old()
        if not mark_old:
            self.close_new(self.style)

    def walk(self, el, side: int) -> None:
        """Text under ``el``; side -1 old only, 1 new only, 0 both, NEITHER for text inserted
        and then deleted in review (w:del inside w:ins), which neither view has."""
        for child in el:
            tag = child.tag
            if tag in OLD_ONLY or tag in NEW_ONLY:
                self.changed = True
                self.out.revisions += 1
                if self.in_field:
                    self.note("an edit inside a field code was not absorbed")
                inner = -1 if tag in OLD_ONLY else 1
                self.walk(child, inner if side in (0, inner) else NEITHER)
            elif tag == W + "r":
                self.run(child, side)
            elif tag == W + "commentRangeStart":
                cid = child.get(W + "id", "")
                self.open[cid] = []
                self.anchors[cid] = ("", len(self.out.old))
            elif tag == W + "commentRangeEnd":
                cid = child.get(W + "id", "")
                pieces = self.open.pop(cid, [])
                self.anchors[cid] = ("".join(pieces), self.anchors.get(cid, ("", len(self.out.old)))[1])
            elif tag in (W + "pPr", W + "rPr"):
                continue
            elif tag == W + "fldSimple" or tag in (W + "hyperlink", W + "smartTag", W + "sdt",
                                                    W + "sdtContent", W + "customXml"):
                self.walk(child, side)

    def run(self, r, side: int) -> None:
        style = r.find(f"{W}rPr/{W}rStyle")
        is_lead = style is not None and style.get(W + "val", "").lower() in LEAD_STYLES
        for child in r:
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                self.in_field += 1 if kind == "begin" else -1 if kind == "separate" else 0
                self.in_field = max(self.in_field, 0)
            elif tag == W + "commentReference":
                cid = child.get(W + "id", "")
                self.anchors.setdefault(cid, ("", len(self.out.old)))
            elif self.in_field:
                continue
            elif tag in (W + "t", W + "delText"):
                self.text((child.text or "").translate(LAYOUT_CHARS), side, is_lead)
            elif tag == W + "tab":
                self.text("\t", side, False)
            elif tag in (W + "noBreakHyphen",):
                self.text("-", side, False)

    def text(self, text: str, side: int, is_lead: bool) -> None:
        if side == NEITHER:
            return
        if side <= 0:
            self.old.append(text)
        if side >= 0:
            self.new.append(text)
            if is_lead:
                self.lead.append(text)
        if side <= 0:  # the commented text as built, which is what the spec says
            for pieces in self.open.values():
                pieces.append(text)

    def close_old(self) -> None:
        self.out.old.append(Para("".join(self.old)))
        self.old = []

    def close_new(self, style: str) -> None:
        self.out.new.append(Para("".join(self.new), "".join(self.lead), style, self.changed))
        self.new, self.lead, self.changed = [], [], False


def _comments(name: str, parts: dict, anchors: dict[str, tuple[str, int]]) -> list[Comment]:
    if "word/comments.xml" not in parts:
        return []
    root = _parse(name, "word/comments.xml", parts["word/comments.xml"])
    by_para: dict[str, str] = {}
    out = []
    for c in root.iter(W + "comment"):
        cid = c.get(W + "id", "")
        paras = c.findall(f".//{W}p")
        text = "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in paras).strip()
        anchor, para = anchors.get(cid, ("", -1))
        out.append(Comment(cid, c.get(W + "author", ""), c.get(W + "date", ""), text,
                           anchor.strip(), para))
        if paras:
            by_para[paras[-1].get(W14 + "paraId", "")] = cid
    if "word/commentsExtended.xml" in parts:
        ext = _parse(name, "word/commentsExtended.xml", parts["word/commentsExtended.xml"])
        _replies(out, ext, by_para)
    return out


def _replies(comments: list[Comment], ext, by_para: dict[str, str]) -> None:
    """Link replies to their parents and mark resolved threads (commentsExtended)."""
    by_id = {c.id: c for c in comments}
    for ex in ext.iter(W15 + "commentEx"):
        cid = by_para.get(ex.get(W15 + "paraId", ""))
        if cid is None or cid not in by_id:
            continue
        c = by_id[cid]
        c.done = ex.get(W15 + "done") in ("1", "true")
        parent = by_para.get(ex.get(W15 + "paraIdParent", ""))
        if parent and parent in by_id:
            c.parent = parent
            p = by_id[parent]
            if not c.anchor:
                c.anchor, c.para = p.anchor, p.para
