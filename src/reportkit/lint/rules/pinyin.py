"""RK109 pinyin: no leftover pinyin annotations such as 關(guān) from a web copy.

Web copies of reports often carry a pinyin reading in parentheses after rare or polyphonic
characters. Any lowercase syllable in ASCII parentheses right after a Han character counts.

Passing::

    - 以关键核心技术攻关为重点，争取铁路运价优惠0.89亿元（含攀钢）。

Failing::

    - 以关(guān)键核心技术攻关为重点。
"""

from __future__ import annotations

from typing import Iterator

from ...model import Report
from ...problems import Problem
from ...registry import Registry
from ..text import all_texts, snippet

CODE = "RK109"
LEVEL = "error"


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield a problem for every pinyin annotation left in the text."""
    for t in all_texts(report):
        if "(" not in t.text:
            continue
        from ...clean import PINYIN_RE  # here: reportkit.clean is slow to import

        for m in PINYIN_RE.finditer(t.text):
            start = m.start() - 1  # the annotated character, which the pattern looks behind at
            yield Problem.at(t.pos, LEVEL, CODE,
                             f"{t.what} has a leftover pinyin annotation “{t.text[start:m.end()]}” "
                             f"in “{snippet(t.text, start, m.end())}”: delete it")
