"""Sentences generated from numbers: results against targets, and new targets.

From ``Result(gdp, level=571.02, growth=6.7, target=6.5, vs 全市平均 +0.2)`` comes
"地区生产总值为571.02亿元，增长（同比，下同）6.7%，超过年初预期目标（6.5%）0.2个百分点，
高于全市平均0.2个百分点。" Differences are computed, the words chosen by sign, the units by kind.
"""

from __future__ import annotations

from decimal import Decimal

from . import vocab as v
from .model import Indicator, Result, Target, Value
from .numbers import fmt
from .registry import Registry


def result_sentence(result: Result, registry: Registry) -> str:
    """The whole "——" line for a result (its ``more`` joined), unless its text overrides it."""
    if result.text:
        return result.text
    clauses = [_result_clauses(r, registry) for r in (result, *result.more)]
    return v.COMMA.join(clauses) + v.PERIOD


def target_sentence(target: Target, registry: Registry) -> str:
    """The whole "——" line for a target (its ``more`` joined), unless its text overrides it."""
    if target.text:
        return target.text
    return v.COMMA.join(_target_clause(t, registry) for t in (target, *target.more)) + v.PERIOD


def result_measure(result: Result, ind: Indicator) -> str:
    """What a result's target measures: the stated measure, else the ceiling of a ceiling
    indicator, else what the result states (growth before level), else — nothing stated yet,
    as in a next edition's results — the indicator's kind."""
    if result.measure:
        return result.measure
    if ind.kind == "ceiling":
        return "ceiling"
    if result.growth is None and result.level is None and ind.kind in ("growth", "level"):
        return ind.kind
    return "growth" if result.growth is not None else "level"


def target_measure(target: Target, ind: Indicator) -> str:
    """What a target measures: the stated measure, else the indicator's kind."""
    return target.measure or ind.kind


def result_gap(result: Result, registry: Registry) -> Decimal | None:
    """Actual minus target in the target's measure, or None when either is missing."""
    ind = registry.get(result.indicator)
    if result.target is None:
        return None
    actual = result.growth if result_measure(result, ind) == "growth" else result.level
    return None if actual is None else actual - result.target.number


def measure_unit(measure: str, ind: Indicator, value: Value | None = None) -> str:
    """The unit a value of this measure is written in."""
    if value is not None and value.unit is not None:
        return value.unit
    return v.PERCENT if measure == "growth" else ind.unit


def diff_unit(unit: str) -> str:
    """Differences of percentages are in 个百分点; others in the value's own unit."""
    return v.POINTS if unit == v.PERCENT else unit


def _result_clauses(r: Result, registry: Registry) -> str:
    ind = registry.get(r.indicator)
    parts = [_actual(r, ind)]
    if r.target is not None:
        parts.append(_against_target(r, ind))
    for c in r.comparisons:
        parts.append(_against(c.against, c.diff, diff_unit(_actual_unit(r, ind))))
    return v.COMMA.join(parts)


def _actual_unit(r: Result, ind: Indicator) -> str:
    return v.PERCENT if r.growth is not None else ind.unit


def _actual(r: Result, ind: Indicator) -> str:
    text = r.name or ind.name
    if r.level is not None:
        verb = ind.verb if r.verb is None else r.verb
        text += verb + fmt(r.level) + ind.unit
    if r.growth is not None:
        if r.level is not None:
            text += v.COMMA
        word = v.GROWTH_UP if r.growth >= 0 else v.GROWTH_DOWN
        note = f"（{r.growth_note}）" if r.growth_note else ""
        text += word + note + fmt(abs(r.growth)) + v.PERCENT
    return text


def _against_target(r: Result, ind: Indicator) -> str:
    measure = result_measure(r, ind)
    t = r.target
    unit = measure_unit(measure, ind, t)
    stated = fmt(t.number) + unit + t.qualifier
    actual = r.growth if measure == "growth" else r.level
    gap = actual - t.number
    if measure == "ceiling":
        if gap <= 0:
            return v.CEILING_MET + stated
        return f"{v.CEILING_MISSED}（{stated}）{fmt(gap)}{diff_unit(unit)}"
    if gap == 0:
        return f"{v.AT_TARGET}{v.TARGET_REF}（{stated}）"
    word = v.ABOVE_TARGET if gap > 0 else v.BELOW_TARGET
    return f"{word}{v.TARGET_REF}（{stated}）{fmt(abs(gap))}{diff_unit(unit)}"


def _against(against: str, diff: Decimal, unit: str) -> str:
    if diff == 0:
        return f"与{against}{v.EQUAL}"
    word = v.HIGHER if diff > 0 else v.LOWER
    return f"{word}{against}{fmt(abs(diff))}{unit}"


def _stated(value: Value, unit: str) -> str:
    if value.qualifier in v.PREFIX_QUALIFIERS:
        return value.qualifier + fmt(value.number) + unit
    if value.high is not None:  # a range: "5%-5.5%"
        return fmt(value.number) + unit + v.RANGE + fmt(value.high) + unit + value.qualifier
    return fmt(value.number) + unit + value.qualifier


def _target_clause(t: Target, registry: Registry) -> str:
    ind = registry.get(t.indicator)
    measure = target_measure(t, ind)
    verb = {"growth": v.GROWTH_UP, "ceiling": v.CEILING_VERB}.get(measure, "")
    name = t.name or ind.name
    if t.ensure is None and t.strive is None and t.value is None:
        # no number: a qualitative target, or one the report deliberately leaves open
        return t.text or name + (v.NOT_STATED if not t.stated else "")
    if t.ensure is not None or t.strive is not None:
        parts = []
        if t.ensure is not None:
            parts.append(v.ENSURE + verb + _stated(t.ensure, measure_unit(measure, ind, t.ensure)))
        if t.strive is not None:
            lead = v.STRIVE if t.ensure is not None else v.STRIVE + verb
            parts.append(lead + _stated(t.strive, measure_unit(measure, ind, t.strive)))
        return name + v.ENUM_COMMA.join(parts)
    return name + verb + _stated(t.value, measure_unit(measure, ind, t.value))
