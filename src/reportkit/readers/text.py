"""Importing plain text (.txt, often a web copy) and markdown with YAML front matter (.md).

Both go the same way: bytes → text (UTF-8 with or without BOM, GB18030/GBK or Big5, named in
the summary) → lines cleaned one by one (pinyin annotations, traditional characters,
half-width punctuation; garbled passages reported and left as they are; web-page chrome
dropped, its date and source kept) → :func:`structure.build`.

Problem codes of the import: RK300 empty, RK301 garbled passage, RK302 heading numbers,
RK303 repeated front line, RK304 an unreadable HTML page, RK305 not a report, RK306 front matter,
RK307 not a Word file, RK308 a Word table read as lines, RK309 internal (the spec would not
read back), RK310 a quotation mark the source leaves unpaired.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .. import clean
from ..clean import LazyRe
from ..model import Paragraph as ModelParagraph
from ..model import Report, Speaker
from ..problems import Problem
from .cleaning import IMPORT_MAX_BYTES, Imported, cleaning, web_source
from .source import decode, fail, read_bytes
from .structure import HEADING_RES, OCCASION_RE, SALUTATION_RE, SPEAKER_RE, SrcLine, build

_HTML_PAGE_RE = LazyRe(r"<(?:!doctype\s+html|html|head|body|meta|div|table)\b",
                       re.IGNORECASE)
_MD_HEADING_RE = LazyRe(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BOLD_START_RE = LazyRe(r"^(\*\*|__)(.+?)\1")
_MD_LINK_RE = LazyRe(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_ESCAPE_RE = LazyRe(r"\\([\\`*_{}\[\]()#+\-.!>|])")
#: A front-matter title that carries the day and the speaker, as the lawtext/gov collection
#: writes it: "乐山市政府工作报告（2023年2月22日　陈光浩）" (after full-width punctuation).
_TITLE_DAY_RE = LazyRe(r"^(?P<title>.+?)[\s\u3000]*（[\s\u3000]*(?P<y>\d{4})年(?P<m>\d{1,2})月"
                       r"(?P<d>\d{1,2})日[\s\u3000]*(?P<name>[\u3400-\u9fff·]{2,10})?[\s\u3000]*）$")
#: An HTML comment: a markdown reader passes it to the page, where it is not shown (photo
#: captions and dates of the copy in the lawtext/gov collection: "<!-- 殷勇同志作……（戴冰 摄） -->").
_MD_COMMENT_RE = LazyRe(r"<!--.*?-->", re.DOTALL)


def read_text(path: str | Path) -> tuple[Report | None, list[Problem]]:
    """Read a plain-text report (a web copy, say) into (Report, warnings)."""
    got = import_text(path)
    return got.report, got.problems


def read_markdown(path: str | Path) -> tuple[Report | None, list[Problem]]:
    """Read a markdown report with optional YAML front matter into (Report, warnings)."""
    got = import_text(path, markdown=True)
    return got.report, got.problems


def import_text(path: str | Path, markdown: bool | None = None) -> Imported:
    """Import a .txt or .md file; ``markdown`` defaults to the suffix."""
    name = str(path)
    if markdown is None:
        markdown = Path(path).suffix.lower() in (".md", ".markdown")
    data = read_bytes(path, IMPORT_MAX_BYTES)
    if not data.strip():
        raise fail(name, "empty file: there is no report to import", "RK300")
    text, encoding = decode(data, name, allow_legacy=True)
    if _HTML_PAGE_RE.search(text[:4096]) and text.count("<") > 20:
        from .html import import_html  # a page saved under a .txt name: read it as the page

        return import_html(path, data)
    # word joiners are layout, not text (a copy of a Word file has 2024\u2060年); a column
    # reported on such a line counts the characters left
    text = clean.drop_invisible(text)
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    problems: list[Problem] = []
    meta: dict = {}
    first = 0
    steps = [f"encoding {encoding}"]
    if markdown:
        first, meta = _front_matter(raw_lines, name, problems)
        raw_lines, comments = drop_comments(raw_lines, first)
        if comments:
            steps.append(f"{comments} HTML comment{'s' if comments > 1 else ''} (<!-- … -->) "
                         "dropped")
    return _import_lines(raw_lines, first, name, encoding, markdown, meta, problems, steps)


def drop_comments(lines: list[str], first: int = 0) -> tuple[list[str], int]:
    """The lines with every HTML comment from ``first`` on blanked, as a markdown reader
    drops them (a comment on lines of its own leaves blank lines, so the lines below keep
    their numbers), and how many there were. An unclosed ``<!--`` is left as text."""
    count = 0

    def blank(m: re.Match) -> str:
        nonlocal count
        count += 1
        return "\n" * m.group().count("\n")

    text = _MD_COMMENT_RE.sub(blank, "\n".join(lines[first:]))
    return lines[:first] + text.split("\n"), count


def _import_lines(raw_lines: list[str], first: int, name: str, encoding: str, markdown: bool,
                  meta: dict, problems: list[Problem], steps: list[str]) -> Imported:
    traditional, pinyin = cleaning("\n".join(raw_lines[first:]), steps)
    chrome: dict[str, str] = {}
    lines: list[SrcLine] = []
    after_break = True
    for number, raw in enumerate(raw_lines[first:], start=first + 1):
        if not raw.strip():
            after_break = True
            continue
        garbles = clean.find_garbled(raw)
        for g in garbles:
            problems.append(Problem(name, number, g.col, "warning", "RK301",
                                    f"garbled passage `{_short(g.text)}` ({g.kind}); "
                                    "kept as it is: restore it by hand"))
        cleaned = clean.clean_line(raw, traditional, clean.protected_spans(raw, garbles),
                                   pinyin)
        if clean.is_chrome(cleaned):
            chrome.update({k: val for k, val in clean.chrome_metadata(cleaned).items()
                           if k not in chrome})
            after_break = True
            continue
        line = _markdown_line(cleaned, number) if markdown else \
            SrcLine(cleaned.strip(), number, _indent(cleaned))
        if line is None:
            continue
        if markdown and not after_break and lines and _soft_wrapped(lines[-1], line, raw):
            lines[-1].text += line.text  # one markdown paragraph written over several lines
        else:
            lines.append(line)
        after_break = False
    for line in lines:
        quote_col = clean.unpaired_quote(line.text)
        if quote_col and not any(p.code == "RK301" and p.line == line.line for p in problems):
            problems.append(Problem(name, line.line, quote_col, "warning", "RK310",
                                    "a quotation mark the source never closes (or opens); kept "
                                    "as it is: `reportkit validate` will report it (RK111)"))
    if chrome:
        steps.append("web-page chrome dropped")
    if not any(ln.text for ln in lines):
        raise_problem = fail(name, "no report text found (only markup or web-page chrome)",
                             "RK305")
        raise raise_problem
    source = web_source(meta, chrome, steps)
    title, said = split_title(meta.get("title", ""))
    report, found, stats = build(lines, name, title=title, source=source)
    report = replace(report, meta=_fill_meta(report.meta, said, _opening_text(report)))
    return Imported(report, sorted(problems + found), stats, encoding, steps)


def split_title(title: str) -> tuple[str, dict]:
    """A front-matter title without the day and speaker it carries in brackets
    ("乐山市政府工作报告（2023年2月22日　陈光浩）" → "乐山市政府工作报告"), and what they say:
    ``date`` (ISO) and ``name``. Any other title comes back whole, with nothing said."""
    m = _TITLE_DAY_RE.match(title)
    if not m:
        return title, {}
    said = {"date": f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}", "name": m["name"] or ""}
    return m["title"], said


def _fill_meta(meta, said: dict, opening: str):
    """Meta with what the title said (``split_title``) where the report's own lines do not say
    it: the day, the speaker's name (unless the ``opening`` paragraphs name the speaker in a
    line the importer did not take for one: "市长　戴　超"), and the year planned (a report is
    given early in the year it plans), with the year reviewed the one before."""
    if not said:
        return meta
    fills: dict = {}
    if not meta.date:
        fills["date"] = said["date"]
    if meta.speaker is None and said["name"] and said["name"] not in opening:
        fills["speaker"] = Speaker("", said["name"])
    if meta.year_planned is None:
        fills["year_planned"] = int(said["date"][:4])
        if meta.year_reviewed is None:
            fills["year_reviewed"] = fills["year_planned"] - 1
    return replace(meta, **fills)


def _front_matter(lines: list[str], name: str, problems: list[Problem]) -> tuple[int, dict]:
    """YAML front matter between `---` lines: (first body line index, the fields we use)."""
    if not lines or lines[0].strip().lstrip("\ufeff") != "---":
        return 0, {}
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return 0, {}
    import yaml

    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(name, (mark.line + 2) if mark else 1, (mark.column + 1) if mark
                                else 1, "warning", "RK306",
                                "front matter is not valid YAML; it is ignored"))
        return end + 1, {}
    if not isinstance(data, dict):
        return end + 1, {}
    meta = {}
    for key in ("title", "source", "url", "date", "publisher"):
        val = data.get(key)
        if val is not None and not isinstance(val, (dict, list)):
            meta[key] = clean.fullwidth_punct(str(val).strip())
    if "source" in meta:
        meta["url"] = str(data["source"]).strip()
    return end + 1, meta


def _opening_text(report: Report) -> str:
    """The paragraphs above the first section, without spaces (a name is often spaced out)."""
    texts = []
    for block in report.body:
        if not isinstance(block, ModelParagraph):
            break
        texts.append(block.text)
    return re.sub(r"[\s\u3000]", "", "".join(texts))


def _markdown_line(text: str, number: int) -> SrcLine | None:
    """One markdown line → SrcLine: heading marks, bold, links and escapes removed."""
    s = text.strip()
    level_hint = False
    m = _MD_HEADING_RE.match(s)
    if m:
        s, level_hint = m.group(2), True
    s = re.sub(r"^(?:>\s*)+", "", s)
    s = re.sub(r"^[-*+]\s+(?=\S)", "", s) if not s.startswith("**") else s
    if re.fullmatch(r"[-*_]{3,}", s):
        return None
    s = _MD_LINK_RE.sub(r"\1", s)
    bold = ""
    whole = False
    bm = _MD_BOLD_START_RE.match(s)
    if bm:
        bold = bm.group(2)
        whole = bm.end() == len(s)
    plain = s.replace("**", "").replace("__", "")
    plain = _MD_ESCAPE_RE.sub(r"\1", plain).strip()
    bold = _MD_ESCAPE_RE.sub(r"\1", bold.replace("**", "")).strip()
    if not plain:
        return None
    return SrcLine(plain, number, 1, 0, bold, whole or level_hint)


def _soft_wrapped(prev: SrcLine, cur: SrcLine, raw: str) -> bool:
    """Whether a markdown line continues the paragraph above it (no blank line between, the
    line above stops mid-sentence, and neither is a heading, list item or front line)."""
    if prev.whole_bold or prev.level or cur.whole_bold or cur.bold or len(prev.text) < 20:
        return False
    if prev.text[-1] in "。！？：；…”」』）)*" or OCCASION_RE.match(prev.text):
        return False
    if raw.lstrip()[:1] in "#>-*+|" or cur.text.startswith("——") or \
            any(rx.match(cur.text) for _, rx in HEADING_RES):
        return False
    return not (SPEAKER_RE.match(cur.text) or SALUTATION_RE.match(cur.text))


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip()) + 1


def _short(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[:n] + "…"
