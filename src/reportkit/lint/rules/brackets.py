"""RK111 paired marks: every （ 《 “ ‘ 【 〔 is closed, in order, within the same piece of text.

A lost closing mark is a common slip when a sentence is edited, and it shows in print.

Passing::

    - 出台《加快创建全国百强区扎实推进共同富裕行动方案》，建立“领导小组+工作专班”体系（试行）。

Failing::

    - 出台《加快创建全国百强区扎实推进共同富裕行动方案，建立“领导小组+工作专班体系（试行）。
"""

from __future__ import annotations

import re
from typing import Iterator

from ...model import Report
from ...problems import Problem
from ...registry import Registry
from ..text import Text, all_texts, snippet

CODE = "RK111"
LEVEL = "warning"  # real published reports leave quotes open; --strict fails on it

PAIRS = {"（": "）", "《": "》", "“": "”", "‘": "’", "【": "】", "〔": "〕", "〈": "〉", "「": "」"}
_CLOSERS = {close: open_ for open_, close in PAIRS.items()}
_MARKS = re.compile("[" + "".join(PAIRS) + "".join(_CLOSERS) + "]")


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield a problem for the first unbalanced mark in each piece of text."""
    for t in all_texts(report):
        problem = _first_unbalanced(t)
        if problem:
            yield problem


def _first_unbalanced(t: Text) -> Problem | None:
    stack: list[tuple[str, int]] = []
    for m in _MARKS.finditer(t.text):  # only the marks: a loop over every character is slower
        i, ch = m.start(), m.group()
        if ch in PAIRS:
            stack.append((ch, i))
        elif ch in _CLOSERS:
            if not stack or stack[-1][0] != _CLOSERS[ch]:
                return _problem(t, i, f"“{ch}” closes nothing")
            stack.pop()
    if stack:
        ch, i = stack[-1]
        return _problem(t, i, f"“{ch}” is not closed (no “{PAIRS[ch]}”)")
    return None


def _problem(t: Text, i: int, what: str) -> Problem:
    return Problem.at(t.pos, LEVEL, CODE, f"{t.what}: {what} in “{snippet(t.text, i)}”")
