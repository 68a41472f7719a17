"""Cleaning web copies of reports: pinyin annotations, traditional characters, punctuation.

Each function is a pure text → text step, so the importer, the tests and the linter share them.
"""

from __future__ import annotations

import re

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_PINYIN_LETTERS = "a-zāáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ"
#: A pinyin syllable in ASCII parentheses right after a Han character: 關(guān).
PINYIN_RE = re.compile(rf"(?<=[{_HAN}])\(([{_PINYIN_LETTERS}]{{1,7}}\d?)\)")
_TONE = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]")

_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}


def remove_pinyin(text: str) -> str:
    """Drop pinyin annotations (關(guān) → 關), keeping real parentheses like (6.5%) or (含攀鋼).

    A parenthesised run of lowercase letters right after a Han character counts as pinyin when
    it has a tone mark, or when the text has many such annotations (toneless syllables such as
    "(de)" occur in the same copies).
    """
    found = PINYIN_RE.findall(text)
    if not found:
        return text
    toned = sum(1 for f in found if _TONE.search(f))
    if toned * 2 < len(found) and len(found) < 5:
        return text
    return PINYIN_RE.sub("", text)


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified with OpenCC (t2s)."""
    import opencc

    return opencc.OpenCC("t2s").convert(text)


def fullwidth_punct(text: str) -> str:
    """Make ASCII punctuation full-width in Chinese text.

    Kept as they are: decimal points and separators inside numbers (571.02, 1,000, 10:30),
    a period after a heading number ("1."), and punctuation inside runs of ASCII (URLs, e-mail,
    Latin words). A space between two Chinese characters becomes an ideographic space.
    """
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
