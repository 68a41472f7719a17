"""RK113 full-width digits and Latin letters: numbers are written in half-width Arabic digits
(GB/T 15835), and Latin abbreviations in half-width letters.

Full-width ２０２３ or ＧＤＰ slip in from Chinese input methods; they look different in print and
defeat the arithmetic checks, which read half-width digits.

Passing::

    - 2023年地区生产总值增长6.7%，GDP总量571.02亿元。

Failing::

    - ２０２３年地区生产总值增长６.７%，ＧＤＰ总量571.02亿元。
"""

from __future__ import annotations

from typing import Iterator

from ...model import Report
from ...problems import Problem
from ...registry import Registry
from ..text import all_texts, snippet

CODE = "RK113"
LEVEL = "error"

#: Full-width ０-９, Ａ-Ｚ, ａ-ｚ and their half-width forms.
_HALF = {chr(c): chr(c - 0xFEE0) for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
         for c in range(r[0], r[1] + 1)}


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield one problem per piece of text with full-width digits or letters."""
    for t in all_texts(report):
        if _HALF.keys().isdisjoint(t.text):  # the common case, decided in C
            continue
        runs = _runs(t.text)
        if runs:
            fixes = "、".join(f"{run} → {''.join(_HALF[c] for c in run)}"
                             for run in dict.fromkeys(t.text[a:b] for a, b in runs))
            yield Problem.at(t.pos, LEVEL, CODE,
                             f"{t.what} has full-width digits or letters in "
                             f"“{snippet(t.text, runs[0][0], runs[0][1])}”: write {fixes}")


def _runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of full-width digits and letters."""
    out: list[tuple[int, int]] = []
    for i, c in enumerate(text):
        if c in _HALF:
            if out and out[-1][1] == i:
                out[-1] = (out[-1][0], i + 1)
            else:
                out.append((i, i + 1))
    return out
