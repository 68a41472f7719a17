"""Importing Word files (.docx) with python-docx.

Paragraphs become :class:`~reportkit.readers.structure.SrcLine` values like the lines of a text
file, with what Word knows on top: heading styles (Heading 1–4, 标题 1–4) or an outline level
(on the paragraph or its style) give the level when a heading has no number, the Title style marks the title, a bold or lead-styled opening run is the
lead sentence, and the document properties fill in issuer, subject, keywords and status. Line
breaks inside a paragraph (the title is broken over lines) are joined, as Chinese needs no space.
Tables are kept as text lines, one per row, with a warning.

A paragraph's text is read as Word shows it with every tracked change accepted (inserted and
moved-in runs kept, deleted and moved-away ones left out, with a warning saying how many), and
with the numbers of Word's automatic numbering written in (numbering.py). python-docx alone
gives neither: it skips the runs inside ``w:ins`` and never draws a list number.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from .. import clean
from ..clean import LazyRe
from ..model import Report
from ..problems import Problem
from .cleaning import IMPORT_MAX_BYTES, Imported, Paragraph, clean_paragraphs, cleaning
from .source import fail, read_bytes
from .structure import NOTES_HEADING, build

_HEADING_STYLE_RE = LazyRe(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLES = {"title", "标题", "rktitle"}
_LEAD_STYLES = {"RkLead", "Strong"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Parts of a paragraph whose runs are not its text as shown with changes accepted: deleted or
#: moved-away runs, text boxes (paragraphs of their own) and the fallback copy of alternate
#: content (a second copy of what mc:Choice holds).
_NOT_TEXT = frozenset({_W + "del", _W + "moveFrom", _W + "txbxContent", _MC + "Fallback"})


def read_docx(path: str | Path) -> tuple[Report | None, list[Problem]]:
    """Read a Word report into (Report, warnings)."""
    got = import_docx(path)
    return got.report, got.problems


def import_docx(path: str | Path) -> Imported:
    """Import a .docx file: its paragraphs, styles and document properties."""
    name = str(path)
    document = _open(read_bytes(path, IMPORT_MAX_BYTES), name)
    problems: list[Problem] = []
    footnotes = _footnotes(document)
    marks: dict[str, int] = {}  # footnote id -> its number, by first reference
    texts = [t for t in _paragraphs(document, name, problems, footnotes, marks) if t[0].strip()]
    changes = _tracked_changes(document.element.body)
    if changes:
        problems.append(Problem(name, 0, 0, "warning", "RK311",
                                f"the Word file has tracked changes ({changes}): imported as "
                                "if every change were accepted"))
    if marks:  # Word footnotes become note marks and a notes list, as a text report has them
        texts.append((NOTES_HEADING, 0, "", False, False))
        texts += [(f"[{n}]{footnotes.get(fid, '')}", 0, "", False, False)
                  for fid, n in sorted(marks.items(), key=lambda kv: kv[1])]
    if not texts:
        raise fail(name, "the Word file has no text: there is no report to import", "RK305")
    steps = ["Word document"]
    traditional, pinyin = cleaning("\n".join(t[0] for t in texts), steps)
    lines = clean_paragraphs([Paragraph(*t) for t in texts], name, problems,
                             (traditional, pinyin), steps)
    props = document.core_properties

    def tidy(text: str) -> str:
        return clean.clean_line(text, traditional, (), pinyin).strip()

    extra = {k: tuple(map(tidy, val)) if isinstance(val, tuple) else tidy(val)
             for k, val in _properties(props).items()}
    report, found, stats = build(lines, name, title="", meta_extra=extra)
    report = _issuer_from_author(report, tidy(props.author or ""))
    return Imported(report, sorted(problems + found), stats, "docx (UTF-8 XML)", steps)


def _open(data: bytes, name: str):
    """The python-docx Document, or a clear error for anything that is not a Word file."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not data:
        raise fail(name, "empty file: there is no report to import", "RK300")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        hint = (" (it looks like an old binary .doc: save it as .docx in Word or LibreOffice)"
                if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" else "")
        raise fail(name, f"not a Word file: a .docx is a zip package and this is not one{hint}",
                   "RK307")
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise fail(name, f"not a Word file: the package cannot be read as a document ({exc})",
                   "RK307") from None
    except Exception as exc:  # noqa: BLE001 - lxml errors in a damaged part, and the like:
        # whatever python-docx raises on a broken package, the user gets a message, not a trace
        raise fail(name, f"not a Word file: the document part is damaged ({type(exc).__name__})",
                   "RK307") from None


def _paragraphs(document, name: str, problems: list[Problem], footnotes: dict[str, str],
                marks: dict[str, int]):
    """(text, heading level, bold opening, all bold, title style) for each paragraph in order;
    each table row becomes one more line."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from .numbering import Numbering

    numbering = Numbering(document)
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield _paragraph(Paragraph(child, document), footnotes, marks, numbering)
        elif tag == "tbl":
            table = Table(child, document)
            problems.append(Problem(name, 0, 0, "warning", "RK308",
                                    f"a table ({len(table.rows)} rows) was imported as text lines, "
                                    "one per row"))
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    text = clean.drop_invisible(cell.text.replace("\n", ""))
                    if not cells or cells[-1] != text:  # merged cells repeat
                        cells.append(text)
                yield "\u3000".join(cells), 0, "", False, False


def _paragraph(p, footnotes: dict[str, str], marks: dict[str, int], numbering):
    from docx.text.run import Run

    style = p.style.name if p.style is not None else ""
    m = _HEADING_STYLE_RE.match(style.strip())
    level = int(m.group(1)) if m else _outline_level(p)
    is_title = style.strip().lower() in _TITLE_STYLES
    runs = [Run(r, p) for r in _runs(p._p)]
    label = clean.drop_invisible(numbering.label(p))
    text = label + _text_with_marks(runs, footnotes, marks)
    text = clean.drop_invisible(text.replace("\n", "").replace("\r", ""))
    bold, whole = _bold_opening(runs)
    bold = clean.drop_invisible(bold)
    if bold and label:
        bold = label + bold  # the number is drawn in the paragraph's opening format
    return text, min(level, 4), bold, whole and bool(text.strip()), is_title


def _outline_level(p) -> int:
    """The heading level (1-9) a paragraph's outline level gives it, set on the paragraph or
    on its style ("一级标题" styles of Chinese offices carry one), or 0 for body text."""
    ppr = p._p.pPr
    found = ppr.find(_W + "outlineLvl") if ppr is not None else None
    style, seen = p.style, set()
    while found is None and style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        found = style.element.find(f"{_W}pPr/{_W}outlineLvl")
        style = style.base_style
    try:
        value = int(found.get(_W + "val")) if found is not None else 9
    except (TypeError, ValueError):
        return 0
    return value + 1 if 0 <= value < 9 else 0


def _runs(element):
    """The runs (w:r) of a paragraph in order as Word shows it with tracked changes accepted:
    inside insertions, moves, hyperlinks, fields, content controls and smart tags too, not
    inside deletions, moved-away text, text boxes or alternate content's fallback."""
    for child in element:
        tag = child.tag
        if tag == _W + "r":
            yield child
        elif isinstance(tag, str) and tag not in _NOT_TEXT and tag != _W + "pPr":
            yield from _runs(child)


def _tracked_changes(body) -> str:
    """"3 insertions, 1 deletion": the tracked changes that hold text, or "" for none."""
    counts = []
    for tag, what in ((_W + "ins", "insertion"), (_W + "del", "deletion"),
                      (_W + "moveTo", "move")):
        n = sum(1 for e in body.iter(tag) if e.find(_W + "r") is not None)
        if n:
            counts.append(f"{n} {what}{'s' if n > 1 else ''}")
    return ", ".join(counts)


def _text_with_marks(runs, footnotes: dict[str, str], marks: dict[str, int]) -> str:
    """The runs' text with each footnote reference written as a mark [n]."""
    out = []
    for run in runs:
        out.append(run.text)
        if footnotes:
            for ref in run._r.iter(_W + "footnoteReference"):
                fid = ref.get(_W + "id")
                if fid in footnotes:
                    marks.setdefault(fid, len(marks) + 1)
                    out.append(f"[{marks[fid]}]")
    return "".join(out)


def _footnotes(document) -> dict[str, str]:
    """Footnote id → its text, from the footnotes part (separators left out)."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            try:
                root = etree.fromstring(rel.target_part.blob)
            except etree.XMLSyntaxError:
                return {}
            notes = {}
            for fn in root.iter(_W + "footnote"):
                if fn.get(_W + "type") in ("separator", "continuationSeparator",
                                           "continuationNotice"):
                    continue
                text = clean.drop_invisible("".join(t.text or "" for t in fn.iter(_W + "t")))
                text = text.strip()
                notes[fn.get(_W + "id")] = text
            return notes
    return {}


def _bold_opening(runs) -> tuple[str, bool]:
    """The bold (or lead-styled) text a paragraph's runs open with, and whether all of it is
    bold."""
    parts, all_bold = [], True
    opening = True
    for run in runs:
        text = run.text.replace("\n", "")
        if not text:
            continue
        style_id = run.style.style_id if run.style is not None else ""
        is_bold = bool(run.bold) or style_id in _LEAD_STYLES or \
            bool(run.style is not None and run.style.font.bold)
        if is_bold and opening:
            parts.append(text)
        else:
            opening = False
            if text.strip():
                all_bold = all_bold and is_bold
    return "".join(parts), all_bold and bool(parts)


def _properties(props) -> dict:
    """Meta fields the document properties hold (issuer comes from the author, see below)."""
    keywords = tuple(k.strip() for k in re.split(r"[;；,，]", props.keywords or "") if k.strip())
    subject = (props.subject or "").strip()
    if subject == (props.title or "").strip():
        subject = ""  # a writer that repeats the title as subject says nothing more
    return {"subject": subject, "keywords": keywords,
            "status": (props.content_status or "").strip()}


def _issuer_from_author(report: Report, author: str) -> Report:
    """The author is the issuing body unless it is just the speaker's office."""
    from dataclasses import replace

    author = author.strip()
    m = report.meta
    if not author or m.speaker and author == m.speaker.office:
        return report
    return replace(report, meta=replace(m, issuer=author))
