"""Cleaning web copies of reports: pinyin annotations, traditional characters, punctuation.

Each function is a pure text → text step, so the importer, the tests and the linter share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path


class LazyRe:
    """A regular expression compiled when first used, with the methods of ``re.Pattern``.

    The import reads two files per ``reportkit diff`` and starts a fresh process for each
    command: compiling every module-level pattern at import time (the Han and pinyin character
    classes are slow to compile) cost more than a small report takes to read. A run now pays
    only for the patterns its input reaches.
    """

    __slots__ = ("_args", "_rx")

    def __init__(self, pattern: str, flags: int = 0):
        self._args = (pattern, flags)
        self._rx: re.Pattern | None = None

    def __getattr__(self, name: str):
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(*self._args)
        return getattr(rx, name)

    def __repr__(self) -> str:
        return f"LazyRe({self._args[0]!r})"


_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_PINYIN_LETTERS = "a-zāáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ"
#: A pinyin syllable in ASCII parentheses right after a Han character: 關(guān).
PINYIN_RE = LazyRe(rf"(?<=[{_HAN}])\(([{_PINYIN_LETTERS}]{{1,7}}\d?)\)")
_TONE = LazyRe("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]")

_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_FULL_OR_SPACE = (*_FULL, " ")
#: Han characters converted to decide whether a text is traditional.
_TRADITIONAL_SAMPLE = 4000


def remove_pinyin(text: str) -> str:
    """Drop pinyin annotations (關(guān) → 關), keeping real parentheses like (6.5%) or (含攀鋼).

    A parenthesised run of lowercase letters right after a Han character counts as pinyin when
    it has a tone mark, or when the text has many such annotations (toneless syllables such as
    "(de)" occur in the same copies).
    """
    if "(" not in text:  # spares compiling PINYIN_RE for a text with no ASCII parenthesis
        return text
    found = PINYIN_RE.findall(text)
    if not found:
        return text
    toned = sum(1 for f in found if _TONE.search(f))
    if toned * 2 < len(found) and len(found) < 5:
        return text
    return PINYIN_RE.sub("", text)


#: Invisible layout hints, not text: a word joiner (U+2060, which Word writers, reportkit's
#: among them, put between "2024" and "年" to keep them on one line), a zero-width no-break
#: space, a zero-width space.
_INVISIBLE = dict.fromkeys(map(ord, "\u2060\ufeff\u200b"))


def drop_invisible(text: str) -> str:
    """The text without word joiners and zero-width spaces (2024\u2060年 → 2024年)."""
    return text.translate(_INVISIBLE)


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified with OpenCC (t2s)."""
    return _t2s().convert(text)


@lru_cache(maxsize=1)
def _t2s():
    """One OpenCC converter per process: creating it loads its dictionaries."""
    import opencc

    return opencc.OpenCC("t2s")


def fullwidth_punct(text: str) -> str:
    """Make ASCII punctuation full-width in Chinese text.

    Kept as they are: decimal points and separators inside numbers (571.02, 1,000, 10:30),
    a period after a heading number ("1."), and punctuation inside runs of ASCII (URLs, e-mail,
    Latin words). A space between two Chinese characters becomes an ideographic space.
    """
    if not any(c in text for c in _FULL_OR_SPACE):
        return text  # nothing to change: most lines of a clean text
    out = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch in _FULL:
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < n else ""
            if ch in ",:" and prev.isdigit() and nxt.isdigit():
                out.append(ch)
                continue
            if _ascii_context(prev, nxt) and ch not in "()":
                out.append(ch)
                continue
            if ch in "()" and _latin_paren(text, i):
                out.append(ch)
                continue
            out.append(_FULL[ch])
        elif ch == " " and 0 < i < n - 1 and _is_cjk(text[i - 1]) and _is_cjk(text[i + 1]):
            out.append("\u3000")
        else:
            out.append(ch)
    return "".join(out)


def _is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
                         or "\uff00" <= ch <= "\uffef" or ch in "“”‘’")


def _ascii_context(prev: str, nxt: str) -> bool:
    """Both neighbours are ASCII letters/digits (or the text edge): not Chinese text."""
    def latin(c: str) -> bool:
        return c == "" or (c.isascii() and (c.isalnum() or c in "/._-"))
    return latin(prev) and latin(nxt) and (prev + nxt).strip() != ""


def _latin_paren(text: str, i: int) -> bool:
    """A parenthesis whose enclosed text is all ASCII and sits among ASCII: f(x), (a)-(b)."""
    if text[i] == "(":
        j = text.find(")", i)
        inner = text[i + 1:j] if j > 0 else ""
        before = text[i - 1] if i else " "
    else:
        j = text.rfind("(", 0, i)
        inner = text[j + 1:i] if j >= 0 else ""
        before = text[j - 1] if j > 0 else " "
    return bool(inner) and inner.isascii() and not _is_cjk(before) and \
        not re.fullmatch(r"[\d.%\s]+", inner)


def clean_web_text(text: str) -> str:
    """Pinyin removed, simplified, punctuation full-width: the cleaning the seed needs."""
    return fullwidth_punct(to_simplified(remove_pinyin(text)))


# -- import-time cleaning: traditional detection, web chrome, garbled passages ----------------

#: Words that mark a line of web-page chrome (after conversion to simplified characters).
CHROME_MARKERS = ("发布时间", "发布日期", "来源：", "来源:", "阅读次数", "浏览次数", "点击数",
                  "选择阅读字号", "字号：", "字号:", "【大 中 小】", "[ 大 中 小 ]", "分享到",
                  "打印本页", "关闭窗口", "当前位置", "您现在的位置", "首页 >", "首页>",
                  "首页 »", "责任编辑", "扫一扫", "微信扫描")
#: A short line that opens with one of these labels is page furniture, not report text.
_CHROME_LABEL_RE = LazyRe(r"^[【\[]?(?:(?:责任编辑|编辑|来源|信息来源|文章来源|发布时间|发布日期|"
                          r"浏览次数|阅读次数|点击数|点击量|字号)\s*[:：]|扫一扫|分享到|打印本页|"
                          r"关闭窗口)")
#: A site's name on a line of its own: "某区人民政府门户网站", "中国政府网".
_SITE_NAME_RE = LazyRe(r"[\u4e00-\u9fff]{2,24}(?:门户网站|官方网站|政府网|网站|门户网|官网)")
_SITE_ENDINGS = ("门户网站", "官方网站", "政府网", "网站", "门户网", "官网")


def _site_name(line: str) -> bool:
    """A line that is a site's name ("某区人民政府门户网站")."""
    return line.endswith(_SITE_ENDINGS) and bool(_SITE_NAME_RE.fullmatch(line))


_DATE_RE = LazyRe(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})")
_PUBLISHED_RE = LazyRe(r"(?:发布时间|发布日期|日期)[:：]?\s*(\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2})")
_PUBLISHER_RE = LazyRe(r"来源[:：]\s*([^\s:：\[\]|]+)")
_SITE_RE = LazyRe(r"(?:https?://)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:/\S*)?", re.IGNORECASE)


def is_traditional(text: str, threshold: float = 0.02) -> bool:
    """True when a noticeable share of the Han characters are traditional-only: characters
    OpenCC t2s changes on their own (data/traditional.txt, the table RK108 uses).

    Simplified text has almost none (a place name's 濛), so a share of 2% separates the two
    reliably even for short texts. Counting against the table rather than converting spares
    loading OpenCC for every simplified file read.
    """
    # the first few thousand Han characters decide it
    sample = "".join(islice((c for c in text if "\u4e00" <= c <= "\u9fff"), _TRADITIONAL_SAMPLE))
    table = _traditional_only()
    if not sample or table.isdisjoint(sample):
        return False
    changed = sum(1 for c in sample if c in table)
    return changed / len(sample) >= threshold


_TRADITIONAL_TABLE = Path(__file__).resolve().parent / "data" / "traditional.txt"


@lru_cache(maxsize=1)
def _traditional_only() -> frozenset[str]:
    """The characters OpenCC t2s changes (generated by scripts/make_traditional.py)."""
    text = _TRADITIONAL_TABLE.read_text(encoding="utf-8")
    rows = text[text.index("\n") + 1:]  # after the header; every row is "T\tS\n"
    return frozenset(rows[0::4])


def chrome_score(line: str) -> int:
    """How many web-chrome markers a (simplified) line carries."""
    return sum(1 for m in CHROME_MARKERS if m in line)


def is_chrome(line: str) -> bool:
    """A line of web-page chrome: publication data, font-size pickers, share bars, breadcrumbs."""
    s = line.strip()
    if not s:
        return False
    if chrome_score(s) >= 2 or re.fullmatch(r"[\[【(（]?\s*大\s*中\s*小\s*[\]】)）]?", s):
        return True
    if re.match(r"^(当前位置|您现在的位置|位置)[:：]", s) or s.count(">") >= 2 and len(s) < 80:
        return True
    if len(s) <= 40 and _CHROME_LABEL_RE.match(s) or _site_name(s):
        return True
    return bool(re.fullmatch(r"(分享到|打印本页|关闭窗口|【打印】|【关闭】|\s)+[:：]?.{0,30}", s)
                and chrome_score(s))


def chrome_metadata(line: str) -> dict[str, str]:
    """The real metadata in a chrome line: publication date (ISO), publisher, site name."""
    out: dict[str, str] = {}
    m = _PUBLISHED_RE.search(line)
    if m:
        d = _DATE_RE.search(m.group(1))
        out["published"] = f"{d.group(1)}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
    m = _PUBLISHER_RE.search(line)
    if m:
        out["publisher"] = m.group(1)
    m = _SITE_RE.match(line.strip())
    if m:
        out["site"] = m.group(1)
    elif _site_name(line.strip()):
        out["site"] = line.strip()
    return out


#: A "?" standing for a lost character: between Han characters, or before pinyin / ASCII debris.
_QMARK_RE = LazyRe(rf"(?<=[{_HAN}])\?(?=[^\s\"'”’)）\]])"
                       r"|\?(?=[a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])")
_QMARK_TOKEN = LazyRe(rf"\?[{_PINYIN_LETTERS}]*[)|]*")
#: HTML left in the text: tags, entities, and a tag whose "<" was lost ("/p>"). Shared with
#: lint RK114, which looks for the same damage in a spec.
HTML_RE = LazyRe(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|&(?:nbsp|amp|lt|gt|quot|#\d+);"
                  r"|(?<![A-Za-z<])/(?:p|div|span|br|strong|b|i|em|font|td|tr|li|a)>")
#: Findings this close together (characters) are one garbled passage.
_MERGE_GAP = 12
#: A toned pinyin annotation hanging on a Latin letter: the letter is mojibake (犬a(chǎn)).
_DEBRIS_PINYIN_RE = LazyRe(rf"[A-Za-z]\([{_PINYIN_LETTERS}]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]"
                           rf"[{_PINYIN_LETTERS}]*\d?\)")
#: Typical debris of UTF-8 read as GBK (锟斤拷 …) or as Latin-1 (Ã©, â€œ …); shared with RK114.
MOJIBAKE_RE = LazyRe(r"锟斤拷|烫烫烫|屯屯屯|[ÃÂâ][\x80-\xbf€œ™˜]|鈥[溿攢渀]|锛[屽岋]")


@dataclass(frozen=True)
class Garble:
    """A garbled passage: 1-based column in its line, the text found, and what it looks like."""

    col: int
    text: str
    kind: str


def find_garbled(line: str) -> list[Garble]:
    """The garbled passages of one line: U+FFFD, stray HTML, mojibake, "?" inside Chinese."""
    found: list[Garble] = []
    # Each pattern needs a character most lines lack: testing for it first spares compiling
    # (and running) the pattern on a clean text.
    if "\ufffd" in line:
        for m in re.finditer("\ufffd+", line):
            found.append(Garble(m.start() + 1, m.group(), "replacement character U+FFFD"))
    if "<" in line or ">" in line or "&" in line:
        for m in HTML_RE.finditer(line):
            found.append(Garble(m.start() + 1, m.group(), "stray HTML"))
    for m in MOJIBAKE_RE.finditer(line):
        found.append(Garble(m.start() + 1, m.group(), "mojibake"))
    if "(" in line:
        for m in _DEBRIS_PINYIN_RE.finditer(line):
            found.append(Garble(m.start() + 1, m.group(), "pinyin after a non-Chinese character"))
    if "?" in line:
        for m in _QMARK_RE.finditer(line):
            token = _QMARK_TOKEN.match(line, m.start()).group()
            found.append(Garble(m.start() + 1, token,
                                "\"?\" inside Chinese text (a lost character)"))
    found.sort(key=lambda g: g.col)
    return _merge(line, found)


def _merge(line: str, found: list[Garble]) -> list[Garble]:
    """Join findings a few characters apart into one passage (one warning per passage)."""
    out: list[Garble] = []
    for g in found:
        if out and g.col - 1 <= out[-1].col - 1 + len(out[-1].text) + _MERGE_GAP:
            prev = out[-1]
            end = max(prev.col - 1 + len(prev.text), g.col - 1 + len(g.text))
            kinds = prev.kind if g.kind in prev.kind else f"{prev.kind}; {g.kind}"
            out[-1] = Garble(prev.col, line[prev.col - 1:end], kinds)
        else:
            out.append(g)
    return out


def protected_spans(line: str, garbles: list[Garble]) -> list[tuple[int, int]]:
    """The (start, end) spans of a line that cleaning must leave exactly as they are."""
    return [(g.col - 1, g.col - 1 + len(g.text)) for g in garbles]


def has_pinyin(text: str) -> bool:
    """Whether a whole text carries pinyin annotations (decided once for the document, with
    the same rule as :func:`remove_pinyin`)."""
    return remove_pinyin(text) != text


def clean_line(line: str, traditional: bool, spans: list[tuple[int, int]] = (),
               pinyin: bool | None = None) -> str:
    """Clean one line of imported text, leaving the given spans (garbled passages) untouched.

    ``pinyin`` True removes every annotation (the document has them), False none, None decides
    for this line alone.
    """
    if not spans:
        return standard_dashes(_clean_piece(line, traditional, pinyin))
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        out.append(_clean_piece(line[at:start], traditional, pinyin))
        out.append(line[start:end])
        at = end
    out.append(_clean_piece(line[at:], traditional, pinyin))
    return standard_dashes("".join(out))  # after the spans: it may change the line's length


#: Full-width ０-９, Ａ-Ｚ, ａ-ｚ → half-width (GB/T 15835: numbers in half-width Arabic digits).
_HALF_ALNUM = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
               for c in range(r[0], r[1] + 1)}
_FW_NUMBER_PUNCT = LazyRe(r"(?<=\d)[．％](?=\d|(?<=％))|(?<=\d)％")


def halfwidth_alnum(text: str) -> str:
    """Full-width digits and Latin letters as half-width; in numbers also ． → . and ％ → %."""
    text = text.translate(_HALF_ALNUM)
    return _FW_NUMBER_PUNCT.sub(lambda m: "." if m.group() == "．" else "%", text)


_LEADING_DASH_RE = LazyRe(r"^(\s*)(?:—(?!—)|―{1,2}|－－|--|─{1,2})(?=\S)")


def standard_dashes(text: str) -> str:
    """A list line's opening dash written "——" (web copies use —, ―, －－ or --)."""
    return _LEADING_DASH_RE.sub(lambda m: m.group(1) + "——", text)


def curly_quotes(text: str) -> str:
    """ASCII double quotes around Chinese words as “ ”, when they pair up on the line."""
    if '"' not in text or text.count('"') % 2:
        return text
    parts = text.split('"')
    quoted = parts[1::2]
    if not all(any(_is_cjk(c) for c in q) for q in quoted):
        return text  # a quote of Latin text ("GDP") or code stays as it is
    out = [parts[0]]
    for i, part in enumerate(parts[1:]):
        out.append("“" if i % 2 == 0 else "”")
        out.append(part)
    return "".join(out)


def _clean_piece(text: str, traditional: bool, pinyin: bool | None = None) -> str:
    if pinyin is None:
        text = remove_pinyin(text)
    elif pinyin:
        text = PINYIN_RE.sub("", text)
    if traditional:
        text = to_simplified(text)
    return fullwidth_punct(curly_quotes(halfwidth_alnum(text)))


def unpaired_quote(line: str) -> int:
    """The 1-based column of the first “ or ” that has no partner in the line, or 0."""
    open_at: list[int] = []
    i = _next_quote(line, 0)
    while i >= 0:  # from quote to quote: a per-character loop was a tenth of an import
        if line[i] == "“":
            open_at.append(i)
        elif not open_at:
            return i + 1
        else:
            open_at.pop()
        i = _next_quote(line, i + 1)
    return open_at[0] + 1 if open_at else 0


def _next_quote(line: str, start: int) -> int:
    a, b = line.find("“", start), line.find("”", start)
    return b if a < 0 else a if b < 0 else min(a, b)
