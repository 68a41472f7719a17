"""RK101 arithmetic: every stated difference must be the difference of the stated numbers.

Checked: a result or target whose wording is written by hand (``text:``) must state only numbers
its fields give; and any text that says "增长X%，超过……目标（Y%）Z个百分点" or
"X亿元，超过……（Y亿元）Z亿元" must have X − Y = Z (低于: Y − X = Z).

Passing::

    - lead: 工业支撑强劲有力。
      text: 规上工业增加值增长8.6%，超过年初预期目标（8.5%）0.1个百分点。
    - results:
        - {indicator: fai, growth: 5.8, target: 10,
           text: 全社会固定资产投资增长5.8%，低于年初预期目标（10%）4.2个百分点。}

Failing::

    - lead: 工业支撑强劲有力。
      text: 规上工业增加值增长8.6%，超过年初预期目标（8.5%）0.2个百分点。   # 8.6 − 8.5 = 0.1
    - results:
        - {indicator: fai, growth: 5.8, target: 10,
           text: 全社会固定资产投资增长5.8%，低于年初预期目标（10%）4.8个百分点。}  # 4.2
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from ... import vocab as v
from ...model import Report, Result, Target, results, targets
from ...numbers import fmt
from ...problems import Problem
from ...registry import Registry
from ...wording import result_sentence, target_sentence
from ..text import Text, body_texts
from .missing_actual import lacks_actual

CODE = "RK101"
LEVEL = "error"

# [0-9] rather than \d: the claims are written in ASCII digits, and Unicode \d classes make
# these patterns several times slower to compile, which `validate` pays on every run.
_NUM = r"([0-9]+(?:\.[0-9]+)?)"
_QUAL = "(?:" + "|".join(sorted(v.QUALIFIERS, key=len, reverse=True)) + ")?"
_COMPARE_WORDS = tuple(dict.fromkeys((v.ABOVE_TARGET, v.BELOW_TARGET, v.HIGHER, v.LOWER)))
_WORDS = "(" + "|".join(_COMPARE_WORDS) + ")"
#: "增长X%，超过年初预期目标（Y%左右）Z个百分点" (also 下降X%); the reference sits in （）.
GROWTH_CLAIM = (f"({v.GROWTH_UP}|{v.GROWTH_DOWN})(?:（[^）]*）)?{_NUM}%[，,]?{_WORDS}"
                f"[^，。；（0-9]*（{_NUM}%{_QUAL}）{_NUM}{v.POINTS}")
#: "9.55亿元，超过年初预期目标（9亿元）0.55亿元" for any unit written after the numbers.
LEVEL_CLAIM = (f"{_NUM}([^0-9 \\n，。；、（）%]{{1,3}})[，,]{_WORDS}[^，。；（0-9]*"
               f"（{_NUM}\\2{_QUAL}）{_NUM}\\2")
#: Numbers that are not amounts: years, months, days and note marks.
_NOT_AMOUNT = r"[0-9]+(?:\.[0-9]+)?(?=[年月日])|\[\^[^\]]*\]"


@lru_cache(maxsize=None)
def _re(pattern: str) -> re.Pattern:
    """Compiled on first use: most specs state no difference in prose."""
    return re.compile(pattern)


def _may_claim(text: str) -> bool:
    return "（" in text and any(w in text for w in _COMPARE_WORDS)


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield a problem for every stated difference that the stated numbers contradict."""
    for t in body_texts(report):
        if t.what != "result text" and _may_claim(t.text):
            yield from _claims(t)
    for r in results(report):
        if r.text:
            claims = list(_claims(Text(r.pos, "result text", r.text))) \
                if _may_claim(r.text) else []
            yield from claims or _override(r, registry)
    for t in targets(report):
        if t.text:
            yield from _target_override(t, registry)


def _claims(t: Text) -> Iterator[Problem]:
    for m in _re(GROWTH_CLAIM).finditer(t.text):
        sign = -1 if m.group(1) == v.GROWTH_DOWN else 1
        yield from _compare(t, sign * Decimal(m.group(2)), m.group(3), Decimal(m.group(4)),
                            Decimal(m.group(5)), v.POINTS, m.group(0))
    for m in _re(LEVEL_CLAIM).finditer(t.text):
        yield from _compare(t, Decimal(m.group(1)), m.group(3), Decimal(m.group(4)),
                            Decimal(m.group(5)), m.group(2), m.group(0))


def _compare(t: Text, actual: Decimal, word: str, ref: Decimal, stated: Decimal, unit: str,
             claim: str) -> Iterator[Problem]:
    above = word in (v.ABOVE_TARGET, v.HIGHER)
    gap = actual - ref if above else ref - actual
    if gap == stated:
        return
    if gap > 0:
        why = f"{fmt(actual)} against {fmt(ref)} is {fmt(gap)}{unit}"
    else:
        why = f"{fmt(actual)} against {fmt(ref)} is not {word}"
    yield Problem.at(t.pos, LEVEL, CODE, f"{t.what} states “{claim}”, but {why}")


def _override(r: Result, registry: Registry) -> Iterator[Problem]:
    """Numbers in a hand-written result must be ones the fields give."""
    if any(lacks_actual(one, registry) for one in (r, *r.more)):
        return  # RK110 reports it; no sentence can be generated to compare with
    generated = result_sentence(replace(r, text=""), registry)
    for number in _stray(r.text, generated):
        yield Problem.at(r.pos, LEVEL, CODE,
                         f"the wording of `{r.indicator}` states {fmt(number)}, which its fields "
                         f"do not give (from the fields: “{generated}”)")


def _target_override(t: Target, registry: Registry) -> Iterator[Problem]:
    """Numbers in a hand-written target must be ones its values give."""
    if not all(one.value or one.ensure or one.strive for one in (t, *t.more)):
        return  # the reader reports a target without values
    generated = target_sentence(replace(t, text=""), registry)
    for number in _stray(t.text, generated):
        yield Problem.at(t.pos, LEVEL, CODE,
                         f"the wording of the `{t.indicator}` target states {fmt(number)}, which "
                         f"its values do not give (from the values: “{generated}”)")


def _stray(text: str, generated: str) -> Iterator[Decimal]:
    """The numbers a hand-written text states beyond those of the generated sentence (each
    generated number may be stated as often as the sentence states it)."""
    given = Counter(_amounts(generated))
    for number in _amounts(text):
        if given[number] > 0:
            given[number] -= 1
        else:
            yield number


def _amounts(text: str) -> list[Decimal]:
    """The numbers in a text (years, dates and note marks left out); 10 and 10.0 are equal."""
    amounts = _re(_NOT_AMOUNT).sub(" ", text)
    return [Decimal(n) for n in re.findall(r"[0-9]+(?:\.[0-9]+)?", amounts)]
