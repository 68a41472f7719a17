"""Tokens for word diffs and term counts: rjieba words, with numbers and their units whole.

"地区生产总值增长6.5%左右" → 地区 / 生产总值 / 增长 / 6.5% / 左右, and "571.02亿元" stays one token,
so a diff never shows "6." and "5" or splits a number from its unit. The segmenter loads once
per process, with the policy-term dictionary (data/policy_terms.txt) added to it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

TERMS_FILE = Path(__file__).resolve().parent.parent / "data" / "policy_terms.txt"

#: Units that follow a number in these reports, longest first so 万平方米 wins over 平方米.
UNITS = sorted((
    "%", "‰", "个百分点", "百分点", "亿元", "万元", "元", "亿斤", "万吨", "吨", "万亩", "亩",
    "万人次", "人次", "万人", "人", "万户", "户", "万千瓦", "千瓦", "兆瓦", "万千瓦时", "亿千瓦时",
    "公里", "千米", "米", "平方公里", "万平方米", "平方米", "立方米", "万辆", "辆", "家", "个",
    "项", "所", "件", "次", "倍", "座", "条", "套", "张", "部", "栋", "余", "多",
    "万", "亿", "年", "月", "日", "天", "岁",
), key=len, reverse=True)
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*(?:" + "|".join(map(re.escape, UNITS)) + ")?")


@lru_cache(maxsize=1)
def policy_terms() -> tuple[str, ...]:
    """The custom dictionary: one policy term a line, '#' starts a comment."""
    terms = []
    for line in TERMS_FILE.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            terms.append(word)
    return tuple(dict.fromkeys(terms))


@lru_cache(maxsize=1)
def segmenter():
    """rjieba with the policy terms added (loaded once: the dictionary load is the slow part)."""
    import rjieba

    for term in policy_terms():
        rjieba.add_word(term, None, None)
    return rjieba


def tokens(text: str) -> list[str]:
    """Split a text into diff tokens: segmenter words, numbers with their unit kept whole."""
    cut = segmenter().cut
    out: list[str] = []
    last = 0
    for m in NUMBER_RE.finditer(text):
        if m.start() > last:
            out += cut(text[last:m.start()])
        out.append(m.group())
        last = m.end()
    if last < len(text):
        out += cut(text[last:])
    return out
