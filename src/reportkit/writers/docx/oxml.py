"""Raw WordprocessingML: every XML reportkit writes into a .docx, in one place.

The rest of the Word writer calls these named helpers with plain values (twips, half-points,
font names) and never spells an element itself. Elements are written in the order the schema
(ECMA-376 / ISO 29500, transitional) requires, so Word opens the file without a repair prompt.

The value types are NamedTuples rather than dataclasses: they are created at import, and a
frozen dataclass costs several times more to define, which a cold `reportkit build` feels.

Why raw XML rather than python-docx: its default template brings theme fonts (w:asciiTheme,
w:eastAsiaTheme) that override the official faces, and it has no API for the document grid,
page-number fields, line numbering or tracked changes; writing the few parts ourselves is also
several times faster than loading its template.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import NamedTuple

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml."
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
AUTHOR = "reportkit"

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def esc(text: str) -> str:
    """Text escaped for XML content and attributes (characters XML forbids are dropped)."""
    text = _ILLEGAL.sub("", text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def twips_mm(mm: float) -> int:
    """Millimetres to twentieths of a point."""
    return round(mm / 25.4 * 1440)


def w3cdtf(when: dt.datetime) -> str:
    """A date as core properties and revisions want it: 2024-02-27T00:00:00Z."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------------------------
# Run and paragraph properties


class RunFormat(NamedTuple):
    """What a run or a style says about characters: faces, size in pt, bold, spacing."""

    east_asia: str = ""
    latin: str = ""
    size: float = 0
    bold: bool = False
    spacing: int | None = None  #: twentieths of a point, added after each character


def rpr_inner(f: RunFormat) -> str:
    """The children of w:rPr for a format, in schema order (rFonts, b, spacing, sz, lang)."""
    out = []
    if f.east_asia or f.latin:
        latin = esc(f.latin or f.east_asia)
        east = f' w:eastAsia="{esc(f.east_asia)}" w:hint="eastAsia"' if f.east_asia else ""
        out.append(f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:cs="{latin}"{east}/>')
    if f.bold:
        out.append("<w:b/><w:bCs/>")
    if f.spacing is not None:
        out.append(f'<w:spacing w:val="{f.spacing}"/>')
    if f.size:
        hp = round(f.size * 2)
        out.append(f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>')
    return "".join(out)


class ParaFormat(NamedTuple):
    """What a paragraph style says: alignment, indents (twips), line pitch, outline level."""

    align: str = ""  #: both, center, left, right
    first_line: int | None = None  #: None leaves the value of the style it is based on
    left: int | None = None
    right: int | None = None
    line: int = 0  #: exact line height in twips; 0 leaves the default
    auto_line: bool = False  #: single spacing, off the document grid (headers, footers)
    no_line_numbers: bool = False  #: left out of line numbering (LibreOffice counts footers)
    widow_control: bool | None = None  #: None leaves the inherited setting
    keep_next: bool = False
    outline: int | None = None
    before_page_break: bool = False
    #: no punctuation hanging into the margin (w:overflowPunct 0); the style's
    #: lines.hanging_punctuation, when it is empty
    no_hanging: bool = False
    #: no extra space between Chinese and Latin letters or digits (w:autoSpaceDE/DN 0); the
    #: style's lines.autospace_em, when it is 0
    no_autospace: bool = False


def ppr_inner(f: ParaFormat) -> str:
    """The children of w:pPr for a format, in schema order."""
    out = []
    if f.keep_next:
        out.append("<w:keepNext/>")
    if f.before_page_break:
        out.append("<w:pageBreakBefore/>")
    if f.widow_control is not None:
        out.append(f'<w:widowControl w:val="{int(f.widow_control)}"/>')
    if f.no_line_numbers:
        out.append("<w:suppressLineNumbers/>")
    if f.no_hanging:
        out.append('<w:overflowPunct w:val="0"/>')
    if f.no_autospace:
        out.append('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
    if f.auto_line:
        out.append('<w:snapToGrid w:val="0"/>')
        out.append('<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>')
    elif f.line:
        out.append(f'<w:spacing w:before="0" w:after="0" w:line="{f.line}" w:lineRule="exact"/>')
    ind = "".join(f' w:{k}="{v}"' for k, v in (("left", f.left), ("right", f.right),
                                                ("firstLine", f.first_line)) if v is not None)
    if ind:
        out.append(f"<w:ind{ind}/>")
    if f.align:
        out.append(f'<w:jc w:val="{f.align}"/>')
    if f.outline is not None:
        out.append(f'<w:outlineLvl w:val="{f.outline}"/>')
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Body content


class Revisions:
    """Numbering and dating of tracked changes (w:ins, w:del): ids must be unique in a part."""

    def __init__(self, when: dt.datetime):
        self.date = w3cdtf(when)
        self.next_id = 1

    def attrs(self) -> str:
        """The id, author and date attributes of the next revision."""
        rid, self.next_id = self.next_id, self.next_id + 1
        return f'w:id="{rid}" w:author="{AUTHOR}" w:date="{self.date}"'


def run(text: str, char_style: str = "", op: str = "=", breaks_before: int = 0,
        revisions: Revisions | None = None, east_asian_lang: str = "") -> str:
    """A run of text, optionally with a character style and an East Asian language, as
    inserted ("+") or deleted ("-")."""
    # w:noProof with a borrowed language: no spelling marks on Chinese tagged as English
    rpr = (f'<w:rStyle w:val="{char_style}"/>' if char_style else "") + (
        f'<w:noProof/><w:lang w:eastAsia="{east_asian_lang}"/>' if east_asian_lang else "")
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    brs = "<w:br/>" * breaks_before
    if op == "-":
        body = f'<w:r>{rpr}{brs}<w:delText xml:space="preserve">{esc(text)}</w:delText></w:r>'
        return f"<w:del {revisions.attrs()}>{body}</w:del>"
    body = f'<w:r>{rpr}{brs}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
    if op == "+":
        return f"<w:ins {revisions.attrs()}>{body}</w:ins>"
    return body


def paragraph(style: str, runs: str, mark: str = "=", revisions: Revisions | None = None) -> str:
    """A paragraph of a style; ``mark`` "+"/"-" tracks the whole paragraph as inserted/deleted."""
    mark_xml = ""
    if mark in "+-" and mark:
        tag = "w:ins" if mark == "+" else "w:del"
        mark_xml = f"<w:rPr><{tag} {revisions.attrs()}/></w:rPr>"
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{mark_xml}</w:pPr>{runs}</w:p>'


def empty_paragraph(style: str = "") -> str:
    """An empty paragraph (one grid line)."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p>' if style else "<w:p/>"


def page_field(before: str, after: str) -> str:
    """Runs showing the page number (a PAGE field) between two texts: "— ", " —"."""
    def t(text: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r>' if text else ""

    return (t(before) + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' + t(after))


# ---------------------------------------------------------------------------------------------
# Section properties


class Page(NamedTuple):
    """Page geometry in twips, the document grid, and which headers and footers exist."""

    width: int
    height: int
    top: int
    right: int
    bottom: int
    left: int
    header: int
    footer: int
    line_pitch: int
    header_ids: tuple[str, str] | None = None  #: rIds of (odd/default, even) headers
    footer_ids: tuple[str, str] | None = None
    line_numbers: bool = False
    line_number_distance: int = 0


def sect_pr(p: Page) -> str:
    """w:sectPr: references, page size, margins, line numbering, grid (schema order)."""
    refs = []
    for kind, ids in (("header", p.header_ids), ("footer", p.footer_ids)):
        if ids:
            refs.append(f'<w:{kind}Reference w:type="default" r:id="{ids[0]}"/>'
                        f'<w:{kind}Reference w:type="even" r:id="{ids[1]}"/>')
    lnnum = ""
    if p.line_numbers:
        lnnum = (f'<w:lnNumType w:countBy="1" w:distance="{p.line_number_distance}" '
                 'w:restart="newPage"/>')
    return ("<w:sectPr>" + "".join(refs) +
            f'<w:pgSz w:w="{p.width}" w:h="{p.height}"/>'
            f'<w:pgMar w:top="{p.top}" w:right="{p.right}" w:bottom="{p.bottom}" '
            f'w:left="{p.left}" w:header="{p.header}" w:footer="{p.footer}" w:gutter="0"/>'
            f'{lnnum}<w:pgNumType w:start="1"/><w:cols w:space="425"/>'
            f'<w:docGrid w:type="lines" w:linePitch="{p.line_pitch}"/></w:sectPr>')


# ---------------------------------------------------------------------------------------------
# Parts

_NS_DECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'


def document_xml(body: list[str], sect: str) -> str:
    """word/document.xml from paragraph strings and the section properties."""
    return (f"{XML_DECL}<w:document {_NS_DECL}><w:body>" + "".join(body) + sect +
            "</w:body></w:document>")


def header_footer_xml(kind: str, paragraphs: str) -> str:
    """word/headerN.xml or footerN.xml (kind "hdr" or "ftr")."""
    return f"{XML_DECL}<w:{kind} {_NS_DECL}>{paragraphs}</w:{kind}>"


class StyleDef(NamedTuple):
    """One style of styles.xml."""

    style_id: str
    name: str
    kind: str = "paragraph"  #: paragraph or character
    ppr: ParaFormat | None = None
    rpr: RunFormat | None = None
    based_on: str = ""
    next_style: str = ""


def styles_xml(defaults_r: RunFormat, defaults_p: ParaFormat, styles: list[StyleDef]) -> str:
    """word/styles.xml: document defaults (no theme fonts) and the house styles."""
    out = [f'{XML_DECL}<w:styles {_NS_DECL}><w:docDefaults><w:rPrDefault><w:rPr>',
           rpr_inner(defaults_r),
           '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>',
           f"<w:pPrDefault><w:pPr>{ppr_inner(defaults_p)}</w:pPr></w:pPrDefault></w:docDefaults>"]
    for s in styles:
        default = ' w:default="1"' if s.style_id == "Normal" else ""
        out.append(f'<w:style w:type="{s.kind}"{default} w:styleId="{s.style_id}">'
                   f'<w:name w:val="{esc(s.name)}"/>')
        if s.based_on:
            out.append(f'<w:basedOn w:val="{s.based_on}"/>')
        if s.next_style:
            out.append(f'<w:next w:val="{s.next_style}"/>')
        out.append("<w:qFormat/>")
        if s.ppr is not None:
            out.append(f"<w:pPr>{ppr_inner(s.ppr)}</w:pPr>")
        if s.rpr is not None:
            out.append(f"<w:rPr>{rpr_inner(s.rpr)}</w:rPr>")
        out.append("</w:style>")
    out.append("</w:styles>")
    return "".join(out)


def settings_xml(even_and_odd: bool = True) -> str:
    """word/settings.xml: odd/even footers, no punctuation compression, Word 2013+ layout."""
    eo = "<w:evenAndOddHeaders/>" if even_and_odd else ""
    return (f'{XML_DECL}<w:settings {_NS_DECL}><w:zoom w:percent="100"/>'
            f'<w:defaultTabStop w:val="420"/>{eo}'
            '<w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
            '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>')


#: Official face -> (a name Word may substitute, family class) for fontTable.xml.
FONT_INFO = {
    "仿宋_GB2312": ("仿宋", "modern"), "楷体_GB2312": ("楷体", "modern"),
    "方正小标宋简体": ("华文中宋", "script"), "黑体": ("SimHei", "modern"),
    "宋体": ("SimSun", "auto"), "Times New Roman": ("", "roman"),
}


def font_table_xml(names: list[str]) -> str:
    """word/fontTable.xml: each face named, with the GB2312 charset and an alternate name."""
    out = [f"{XML_DECL}<w:fonts {_NS_DECL}>"]
    for name in names:
        alt, family = FONT_INFO.get(name, ("", "auto"))
        charset = "00" if family == "roman" else "86"
        out.append(f'<w:font w:name="{esc(name)}">' +
                   (f'<w:altName w:val="{esc(alt)}"/>' if alt else "") +
                   f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/>'
                   '<w:pitch w:val="variable"/></w:font>')
    out.append("</w:fonts>")
    return "".join(out)


class Properties(NamedTuple):
    """Core document properties (docProps/core.xml)."""

    title: str = ""
    subject: str = ""
    creator: str = ""
    keywords: str = ""
    description: str = ""
    status: str = ""
    language: str = "zh-CN"


def core_xml(p: Properties, when: dt.datetime) -> str:
    """docProps/core.xml with fixed creation and modification dates."""
    stamp = w3cdtf(when)

    def el(tag: str, value: str) -> str:
        return f"<{tag}>{esc(value)}</{tag}>" if value else ""

    return (f'{XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
            '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
            el("dc:title", p.title) + el("dc:subject", p.subject) + el("dc:creator", p.creator) +
            el("cp:keywords", p.keywords) + el("dc:description", p.description) +
            f"<cp:lastModifiedBy>{AUTHOR}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>' +
            el("dc:language", p.language) + el("cp:contentStatus", p.status) +
            "</cp:coreProperties>")


def app_xml() -> str:
    """docProps/app.xml: the application that wrote the file."""
    return (f'{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties"><Application>reportkit</Application></Properties>')


def relationships_xml(rels: list[tuple[str, str, str]]) -> str:
    """A .rels part from (id, type suffix, target) triples."""
    items = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
                    for rid, kind, target in rels)
    return f'{XML_DECL}<Relationships xmlns="{PKG_REL_NS}">{items}</Relationships>'


def content_types_xml(overrides: list[tuple[str, str]]) -> str:
    """[Content_Types].xml from (part name, content type) pairs."""
    items = "".join(f'<Override PartName="/{name}" ContentType="{ctype}"/>'
                    for name, ctype in overrides)
    return (f'{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f"{items}</Types>")


def zip_package(parts: list[tuple[str, str | bytes]], when: dt.datetime) -> bytes:
    """The .docx: parts (XML text, or bytes such as fonts) zipped in the given order with one
    fixed entry time (deterministic)."""
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.UTC))
    date_time = stamp.timetuple()[:6]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, text if isinstance(text, bytes) else text.encode("utf-8"))
    return buf.getvalue()
