"""Importing a saved web page (.html, .htm): the report's text out of the page around it.

Governments publish these reports as web pages, and a page saved from the browser is what a
user most often has. The page is decoded as text files are (UTF-8, else GB18030/GBK or Big5,
which is what a ``charset=gb2312`` page holds), parsed with lxml.html and stripped of what is
never report text (scripts, styles, navigation, headers, footers, forms). The report is the
part of the page that holds most of its Chinese text outside links: from ``<body>`` down, as
long as one child holds at least ``CONTENT_SHARE`` of its parent's (the menus, the sidebars of
related articles and the footer are mostly links, or hold little), plus the page's title line above it when the title
stands outside that part, and the publication line between them (its date and publisher go
to ``meta.source``, as for a text copy).

Each block (p, div, li, h1–h6, a table row; ``<br>`` inside a block) becomes a paragraph; a
bold (``<strong>``, ``<b>``, ``font-weight: bold``) opening is a lead sentence or a heading,
as bold runs are in a Word file; ``<h1>``–``<h6>`` give heading levels when a heading has no
number. Then the text goes the way of any import: cleaning (pinyin, traditional characters,
punctuation), garbled passages warned about (RK301), web chrome dropped, structure built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import clean
from ..clean import LazyRe
from ..model import Report
from ..problems import Problem
from .cleaning import IMPORT_MAX_BYTES, Imported, Paragraph, clean_paragraphs, cleaning, web_source
from .source import decode, fail, read_bytes
from .structure import TITLE_RE, build

#: A child holding this share of its parent's Chinese characters is where the report is.
CONTENT_SHARE = 0.8
#: Elements that are never report text.
_JUNK = ("script", "style", "noscript", "iframe", "form", "nav", "header", "footer", "select",
         "button", "textarea", "template", "svg", "object", "embed", "head")
#: Elements that start and end a paragraph.
_BLOCKS = frozenset(("p", "div", "li", "tr", "table", "tbody", "thead", "tfoot", "section",
                     "article", "main", "aside", "blockquote", "pre", "ul", "ol", "dl", "dt",
                     "dd", "center", "address", "figure", "figcaption", "hr", "body", "h1", "h2",
                     "h3", "h4", "h5", "h6", "caption"))
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CJK = LazyRe(r"[\u3400-\u9fff\uf900-\ufaff]")
_BOLD_STYLE = LazyRe(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)
_XML_DECL = LazyRe(r"^\s*<\?xml[^>]*\?>")
_SPACE = LazyRe(r"[ \t\r\n\f\v\xa0]+")
_WIDE = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_DEPTH_RE = LazyRe(r"Excessive depth in document: (\d+)")
#: A line break of the page's source between two Chinese characters (with its indentation).
_WRAP_GAP = LazyRe(rf"(?<=[{_WIDE}])[ \t]*[\r\n][ \t\r\n]*(?=[{_WIDE}])")


@dataclass
class _Para:
    """One paragraph of the page: text pieces (with bold), where it stands, its block tag."""

    tag: str
    pieces: list[tuple[str, bool]] = field(default_factory=list)
    inside: bool = False  #: part of the report's block (not the page around it)
    title: bool = False

    def text(self) -> str:
        return _tidy("".join(t for t, _ in self.pieces))

    def bold_opening(self) -> tuple[str, bool]:
        """The bold text the paragraph opens with, and whether all of it is bold."""
        parts, whole, opening = [], True, True
        for text, bold in self.pieces:
            if not text.strip():
                if opening and parts:
                    parts.append(text)
                continue
            if bold and opening:
                parts.append(text)
            else:
                opening = False
                whole = whole and bold
        return _tidy("".join(parts)), whole and bool(parts)


def read_html(path: str | Path) -> tuple[Report | None, list[Problem]]:
    """Read a saved web page into (Report, warnings)."""
    got = import_html(path)
    return got.report, got.problems


def import_html(path: str | Path, data: bytes | None = None) -> Imported:
    """Import a saved web page (``data``: its bytes, when already read)."""
    name = str(path)
    if data is None:
        data = read_bytes(path, IMPORT_MAX_BYTES)
    if not data.strip():
        raise fail(name, "empty file: there is no report to import", "RK300")
    text, encoding = decode(data, name, allow_legacy=True)
    problems: list[Problem] = []
    paras, content = _page_paragraphs(text, name, problems)
    steps = [f"encoding {encoding}", f"HTML page: report text taken from {content}"]
    # <h2> for the top headings of a page whose title is its <h1>: levels count from the top
    top = min((_HEADINGS[p.tag] for p in paras if p.tag in _HEADINGS and not p.title),
              default=1)
    chrome: dict[str, str] = {}
    cleaned = [_paragraph(p, top) for p in paras]
    switches = cleaning("\n".join(p.text for p in cleaned), steps)
    lines = clean_paragraphs(cleaned, name, problems, switches, steps, chrome)
    if not lines:
        raise fail(name, "no report text found in the page (only markup or web-page chrome)",
                   "RK305")
    report, found, stats = build(lines, name, source=web_source({}, chrome, steps))
    return Imported(report, sorted(problems + found), stats, f"{encoding} (HTML page)", steps)


def _paragraph(para: _Para, top: int) -> Paragraph:
    """A page's paragraph for clean_paragraphs: its text, heading level and bold opening."""
    bold, whole_bold = para.bold_opening()
    level = _HEADINGS[para.tag] - top + 1 if para.tag in _HEADINGS and not para.title else 0
    return Paragraph(clean.drop_invisible(para.text()), level, clean.drop_invisible(bold),
                     whole_bold, para.title)


def _page_paragraphs(text: str, name: str, problems: list[Problem]) -> tuple[list[_Para], str]:
    """The report's paragraphs of a page, and a description of where they were found."""
    from lxml import etree

    root, too_deep = _parse(text, name)
    page_title = _tidy(root.findtext(".//title") or "")
    for junk in root.xpath("|".join(f"//{tag}" for tag in _JUNK)):
        junk.drop_tree()
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    body = root.find("body")
    if body is None:
        body = root
    counts = _cjk_counts(body)
    if not counts[body]:  # all of it in links: count those
        counts = _cjk_counts(body, links=True)
    if not counts[body] and too_deep is not None:
        raise fail(name, too_deep.message + "; none of the page's Chinese text is above that "
                   "depth, so there is nothing to import", "RK304", too_deep.line, too_deep.col)
    if not counts[body]:
        raise fail(name, "no report text found in the page (no Chinese text in it)", "RK305")
    if too_deep is not None:
        problems.append(replace(too_deep, message=too_deep.message + "; the text below that "
                                "depth is left out: check the spec against the page"))
    content = _content(body, counts)
    paras = _paragraphs(body, content)
    inside = [i for i, p in enumerate(paras) if p.inside]
    first, last = inside[0], inside[-1]  # content holds Chinese text, so a paragraph
    start = next((i for i in range(first, max(-1, first - 12), -1)
                  if TITLE_RE.match(paras[i].text())), None)
    if start is not None:
        paras[start].title = True
        kept = paras[start:last + 1]
    else:
        kept = paras[first:last + 1]
        heading = next((part for part in re.split(r"\s*[_|｜—–-]+\s*", page_title)
                        if TITLE_RE.match(part)), "")
        if heading and not any(TITLE_RE.match(p.text()) for p in kept[:5]):
            kept.insert(0, _Para("title", [(heading, False)], True, True))
    where = f"<{content.tag}{_ident(content)}> ({counts[content]} of {counts[body]} Chinese " \
            "characters of the page)"
    return kept, where


def _parse(text: str, name: str):
    """The page's tree, and a warning (RK304) when the page nests its elements deeper than
    the parser reads. lxml's huge-tree option lets libxml2 go 2048 elements deep instead of
    256 (pages generated by editors nest a report's spans that deep); below its limit libxml2
    drops what it finds, so the importer says so instead of reporting a page without text."""
    import lxml.html
    from lxml import etree

    text = _XML_DECL.sub("", text, count=1)  # lxml refuses a str with an encoding declaration
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise fail(name, f"not a readable HTML page ({exc})", "RK304") from None
    for err in parser.error_log:
        found = _DEPTH_RE.search(err.message)
        if found:
            return root, Problem(name, err.line, err.column, "warning", "RK304",
                                 f"the page nests its elements more than {found.group(1)} "
                                 "deep here, deeper than the HTML parser (libxml2) reads")
    return root, None


def _cjk_counts(body, links: bool = False) -> dict:
    """Chinese characters under each element (its text, its children and their tails), not
    counting the text of links unless ``links``: menus, "related articles" and sidebars are
    lists of links, a report's paragraphs are not."""
    from lxml import etree

    counts: dict = {}
    # children before parents (reverse document order), without recursion: a page may nest
    # its elements 2048 deep, past Python's recursion limit
    for el in reversed(list(body.iter(etree.Element))):
        n = 0
        if links or el.tag != "a":
            n = len(_CJK.findall(el.text or ""))
            for child in el:
                if isinstance(child.tag, str):
                    n += counts[child]
                n += len(_CJK.findall(child.tail or ""))
        counts[el] = n
    return counts


def _content(body, counts: dict):
    """The element holding the report: from the body down while one child holds most of its
    parent's Chinese text."""
    node = body
    while counts.get(node):
        children = [c for c in node if isinstance(c.tag, str)]
        if not children:
            break
        best = max(children, key=lambda c: counts.get(c, 0))
        if counts.get(best, 0) < CONTENT_SHARE * counts[node] or best.tag in _HEADINGS:
            break
        node = best
    return node


def _paragraphs(body, content) -> list[_Para]:
    """Every paragraph of the body in order, those inside ``content`` marked."""
    from lxml import etree

    paras: list[_Para] = []
    blocks: list[str] = ["body"]
    current: list[_Para | None] = [None]

    def flush() -> None:
        para = current[0]
        if para is not None and para.text():
            paras.append(para)
        current[0] = None

    def add(text: str, bold: bool, inside: bool) -> None:
        if not text:
            return
        if current[0] is None:
            current[0] = _Para(blocks[-1])
        current[0].pieces.append((text, bold))
        current[0].inside = current[0].inside or inside

    # (bold, inside) of each open element; iterwalk instead of recursion, as in _cjk_counts
    state: list[tuple[bool, bool]] = [(False, False)]
    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag.lower()  # iterwalk gives elements only; comments were stripped, tails kept
        bold, inside = state[-1]
        if event == "start":
            inside = inside or el is content
            bold = bold or tag in ("b", "strong") or bool(_BOLD_STYLE.search(el.get("style", "")))
            state.append((bold, inside))
            if tag == "br":
                flush()
                continue
            if tag in _BLOCKS:
                flush()
                blocks.append(tag)
            add(el.text or "", bold, inside)
            continue
        state.pop()
        if tag in ("td", "th"):
            add("\u3000", False, inside)  # cells of a row, as a Word table row is imported
        if tag in _BLOCKS:
            flush()
            blocks.pop()
        if el is not body:
            add(el.tail or "", *state[-1])
    flush()
    return paras


def _tidy(text: str) -> str:
    """HTML whitespace: a line break of the source between two Chinese characters dropped,
    other runs collapsed to one space, none at the ends (a full-width indent included)."""
    text = _WRAP_GAP.sub("", text)
    return _SPACE.sub(" ", text).strip(" \u3000")


def _ident(el) -> str:
    """` id="zoom"` or ` class="TRS_Editor"`: how a user finds the element in the page."""
    for attr in ("id", "class"):
        value = (el.get(attr) or "").strip()
        if value:
            return f' {attr}="{value[:40]}"'
    return ""
