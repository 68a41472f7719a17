"""What every importer of a report document shares, below all of them: the result of an import
(:class:`Imported`), a paragraph before cleaning (:class:`Paragraph`), the cleaning of a
document's text (pinyin, traditional characters, garbled passages, unpaired quotation marks,
web-page chrome) and where a web copy came from. The text, web-page and Word importers all use
it; it imports none of them, so the readers form a tree (text → html for a page saved as .txt).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import clean
from ..model import Report, Source
from ..problems import Problem
from .structure import SrcLine, Stats

#: A plan report is some 50 KB; anything this large is not one (and would make a useless spec).
IMPORT_MAX_BYTES = 4 * 1024 * 1024


@dataclass
class Imported:
    """A report read from a document, with everything the import summary reports."""

    report: Report | None
    problems: list[Problem]
    stats: Stats = field(default_factory=Stats)
    encoding: str = ""
    steps: list[str] = field(default_factory=list)


@dataclass
class Paragraph:
    """A paragraph of a Word file or a web page before cleaning, with what its markup says."""

    text: str
    level: int = 0  #: heading level from a style, an outline level or <h1>-<h6>; 0 none
    bold: str = ""  #: the bold text it opens with
    whole_bold: bool = False
    title: bool = False  #: the Title style, or the page's title line


def cleaning(text: str, steps: list[str]) -> tuple[bool, bool]:
    """Whether a source is traditional and carries pinyin (``clean_line``'s switches); the
    cleaning that will do is added to ``steps`` for the summary."""
    traditional, pinyin = clean.is_traditional(text), clean.has_pinyin(text)
    if pinyin:
        steps.append("pinyin annotations removed")
    if traditional:
        steps.append("traditional → simplified (OpenCC t2s)")
    return traditional, pinyin


def clean_paragraphs(paras: list[Paragraph], name: str, problems: list[Problem],
                     switches: tuple[bool, bool], steps: list[str],
                     chrome: dict[str, str] | None = None) -> list[SrcLine]:
    """Paragraphs cleaned into source lines, numbered from 1, with ``switches`` (traditional,
    pinyin: see ``cleaning``): garbled passages warned about (RK301) and kept, unpaired
    quotation marks warned about (RK310); with ``chrome`` (a web page), lines of web-page
    chrome are dropped and their metadata kept there."""
    traditional, pinyin = switches
    lines = []
    for number, para in enumerate(paras, start=1):
        raw = para.text
        garbles = clean.find_garbled(raw)
        for g in garbles:
            problems.append(Problem(name, number, g.col, "warning", "RK301",
                                    f"garbled passage in paragraph {number} `{g.text[:24]}` "
                                    f"({g.kind}); kept as it is: restore it by hand"))
        text = clean.clean_line(raw, traditional, clean.protected_spans(raw, garbles),
                                pinyin).strip()
        if chrome is not None and clean.is_chrome(text):
            chrome.update({k: v for k, v in clean.chrome_metadata(text).items()
                           if k not in chrome})
            continue
        quote_col = clean.unpaired_quote(text)
        if quote_col and not garbles:
            problems.append(Problem(name, number, quote_col, "warning", "RK310",
                                    f"paragraph {number}: a quotation mark the source never "
                                    "closes (or opens); kept as it is"))
        bold = clean.clean_line(para.bold, traditional, (), pinyin).strip() if para.bold else ""
        lines.append(SrcLine(text, number, 1, para.level, bold, para.whole_bold, para.title))
    if chrome:
        steps.append("web-page chrome dropped")
    return lines


def web_source(meta: dict, chrome: dict[str, str], steps: list[str]) -> Source | None:
    """Where a web copy came from: front matter first, else the page chrome's date, publisher
    and site, with the cleaning steps it needed."""
    url = meta.get("url", "")
    published = meta.get("date", "") or chrome.get("published", "")
    publisher = meta.get("publisher", "") or chrome.get("publisher", "")
    note = ""
    if chrome:
        site = chrome.get("site", "")
        note = f"web copy{' from ' + site if site else ''}"
        cleaned = [s for s in steps if not s.startswith("encoding")]
        if cleaned:
            note += "; imported with " + ", ".join(cleaned)
    if not (url or published or publisher or note):
        return None
    return Source(url=url, published=published, publisher=publisher, note=note)
