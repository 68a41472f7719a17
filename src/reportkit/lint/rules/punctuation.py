"""RK107 punctuation: full-width punctuation and no stray ASCII spaces inside Chinese text.

Half-width , ; : ! ? ( ) next to Chinese text are errors. Kept as they are: decimals and
thousands (571.02, 1,000, 10:30), heading-style numbers (1.), and ASCII runs such as URLs,
e-mail addresses and Latin words ("5G", "f(x)"). An ASCII space between two Chinese characters is
a warning (an intended gap is the ideographic space U+3000, as in “跨省通办　省内通办”).

Passing::

    - 地区生产总值增长6.7%，超过年初预期目标（6.5%）0.2个百分点。详见 https://example.org/a,b

Failing::

    - 地区生产总值增长6.7%,超过年初预期目标(6.5%)0.2个百分点。    # , ( ) half-width
    - 全区上下 主动作为                                              # stray space
"""

from __future__ import annotations

from typing import Iterator

from ...model import Report
from ...problems import Problem
from ...registry import Registry
from ..text import all_texts, snippet

CODE = "RK107"
LEVEL = "error"
#: Only text with one of these needs a closer look (and reportkit.clean, slow to import).
_ASCII_MARKS = frozenset(",;:!?() ")


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield a problem for every half-width mark or stray space inside Chinese text."""
    for t in all_texts(report):
        if _ASCII_MARKS.isdisjoint(t.text):
            continue
        from ...clean import PINYIN_RE, fullwidth_punct

        fixed = fullwidth_punct(t.text)
        if fixed == t.text:
            continue
        if len(fixed) != len(t.text):  # not one mark for one mark: name the text, not the marks
            yield Problem.at(t.pos, LEVEL, CODE, f"{t.what} has half-width punctuation: "
                                                 f"“{fixed}” expected")
            continue
        # The parentheses of a pinyin annotation are RK109's to report, with the syllable.
        pinyin = {i for m in PINYIN_RE.finditer(t.text) for i in (m.start(), m.end() - 1)}
        for i, (was, now) in enumerate(zip(t.text, fixed, strict=True)):
            if was == now or i in pinyin:
                continue
            around = snippet(t.text, i)
            if was == " ":
                yield Problem.at(t.pos, "warning", CODE,
                                 f"{t.what} has an ASCII space between Chinese characters in "
                                 f"“{around}”: remove it, or write U+3000 for an intended gap")
            else:
                yield Problem.at(t.pos, LEVEL, CODE,
                                 f"{t.what} has a half-width “{was}” in “{around}”: write “{now}”")
