"""Targets across two editions: matched by key, name or near name, then compared.

Pairing goes strongest first: the same built-in registry key; the same name once 全区/全市
prefixes and 规上 are normalised (registry.normalize_name), aliases included; then near names
(规上工业增加值 ~ 规模以上工业增加值 is already a name match; near catches 居民消费价格涨幅 ~
居民消费价格指数 style variants). A pair whose measure or unit differs (9亿元 one year, 6.9% the
next) is a kind change and is never subtracted.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from difflib import SequenceMatcher

from .. import vocab as v
from ..flat import Line
from ..model import Report, Result, Target, Value, results, targets
from ..numbers import fmt
from ..registry import Registry, builtin, for_report, normalize_name
from ..scorecard import target_text
from ..wording import diff_unit, measure_unit, result_measure, target_measure, target_sentence
from .model import Amount, Outcome, TargetDiff, TargetSide

#: Near names pair at or above this similarity of their normalised names.
NEAR = 0.72


def side(t: Target, reg: Registry) -> TargetSide:
    """One edition's target as a comparable value."""
    ind = reg.get(t.indicator)
    measure = target_measure(t, ind)

    def amount(val: Value | None) -> Amount | None:
        if val is None:
            return None
        return Amount(fmt(val.number), measure_unit(measure, ind, val), val.qualifier)

    single = replace(t, more=())
    return TargetSide(t.indicator, t.name or ind.name, measure, target_text(single, reg),
                      target_sentence(single, reg).removeprefix(v.DASH),
                      amount(t.ensure), amount(t.strive), amount(t.value))


def _names(s: TargetSide, reg: Registry) -> set[str]:
    ind = reg.by_key.get(s.key)
    names = {s.name, *(ind.names if ind else ())}
    return {normalize_name(n) for n in names}


def pair(old: list[TargetSide], new: list[TargetSide], old_reg: Registry,
         new_reg: Registry) -> list[tuple[TargetSide | None, TargetSide | None, str]]:
    """Pair old and new targets: (old, new, how) with None on the side that lacks one."""
    known = {ind.key for ind in builtin()}
    matched: dict[int, tuple[int, str]] = {}  # new index -> (old index, how)
    used: set[int] = set()

    def take(test, how: str) -> None:
        for j, n in enumerate(new):
            if j in matched:
                continue
            for i, o in enumerate(old):
                if i not in used and test(o, n):
                    matched[j] = (i, how)
                    used.add(i)
                    break

    take(lambda o, n: o.key == n.key and o.key in known, "key")
    take(lambda o, n: bool(_names(o, old_reg) & _names(n, new_reg)), "name")
    _near(old, new, matched, used, known)
    out: list[tuple[TargetSide | None, TargetSide | None, str]] = []
    for j, n in enumerate(new):
        i, how = matched.get(j, (None, ""))
        out.append((old[i] if i is not None else None, n, how))
    out += [(o, None, "") for i, o in enumerate(old) if i not in used]
    return out


def _near(old, new, matched: dict, used: set, known: set) -> None:
    """Pair by name likeness, never two different registered indicators: 城镇居民人均可支配收入
    and 农村居民人均可支配收入 are alike as strings and are not the same indicator."""
    scored = []
    for j, n in enumerate(new):
        if j in matched:
            continue
        for i, o in enumerate(old):
            if o.key in known and n.key in known or _numeric(o) != _numeric(n):
                continue  # a target without a number pairs by likeness only with its like
            if i not in used:
                score = name_similarity(o.name, n.name)
                if score >= NEAR:
                    scored.append((-score, j, i))
    for _, j, i in sorted(scored):
        if j not in matched and i not in used:
            matched[j] = (i, "near")
            used.add(i)


def _numeric(s: TargetSide) -> bool:
    return any(x is not None for x in (s.ensure, s.strive, s.value))


def name_similarity(a: str, b: str) -> float:
    """How alike two indicator names are (0–1), after normalising; containment counts high."""
    a, b = normalize_name(a), normalize_name(b)
    if a == b:
        return 1.0
    if min(len(a), len(b)) >= 4 and (a in b or b in a):
        return 0.9
    return SequenceMatcher(None, a, b).ratio()


def compare(old: TargetSide | None, new: TargetSide | None, how: str) -> TargetDiff:
    """The change between two sides of one indicator (either may be missing)."""
    name = (new or old).name
    if old is None:
        return TargetDiff(name, "added", None, new)
    if new is None:
        return TargetDiff(name, "removed", old, None)
    if _kind(old) != _kind(new):
        arrow = "→ " if old.main is not None else " → "  # "上限（103左右）→ 比率（3%左右）"
        note = f"{v.DIFF_KIND_CHANGED}：{_kind_cell(old)}{arrow}{_kind_cell(new)}"
        return TargetDiff(name, "kind-changed", old, new, how, note=note)
    if _amounts(old) == _amounts(new):
        return TargetDiff(name, "unchanged", old, new, how)
    return TargetDiff(name, "changed", old, new, how, _delta(old, new), _qualifier_note(old, new))


def _kind(s: TargetSide) -> tuple[str, str]:
    main = s.main
    return ("level" if s.measure == "ceiling" and main and main.unit != "%" else s.measure,
            main.unit if main else "")


def _kind_cell(s: TargetSide) -> str:
    """"比率（2.5%左右）"; a side without a number is just 无数值."""
    return f"{_kind_word(s)}（{s.cell}）" if s.main is not None else v.DIFF_NO_NUMBER


def _kind_word(s: TargetSide) -> str:
    """增速, 总量 or 上限; a "level" in % is a rate (比率) and one without a unit a plain number."""
    unit = s.main.unit if s.main else ""
    if s.measure == "level" and unit in ("%", ""):
        return v.DIFF_RATE if unit else v.DIFF_NUMBER
    return v.DIFF_MEASURES.get(s.measure, s.measure)


def _amounts(s: TargetSide):
    return (s.ensure, s.strive, s.value)


def _delta(old: TargetSide, new: TargetSide) -> str:
    a, b = old.main, new.main
    if a is None or b is None:
        return ""
    d = Decimal(b.number) - Decimal(a.number)
    if d == 0:
        return ""
    return f"{'+' if d > 0 else ''}{fmt(d)}{diff_unit(b.unit)}"


def _qualifier_note(old: TargetSide, new: TargetSide) -> str:
    """Say what changed besides the binding number: its qualifier, the 力争 value."""
    notes = []
    a, b = old.main, new.main
    if a and b and a.qualifier != b.qualifier:
        notes.append(f"{v.DIFF_QUALIFIER}：{a.qualifier or '—'} → {b.qualifier or '—'}")
    if old.strive != new.strive and (old.ensure or new.ensure):
        was = old.strive.text if old.strive else "—"
        now = new.strive.text if new.strive else "—"
        notes.append(f"{v.STRIVE}：{was} → {now}")
    return "；".join(notes)


# Last year's result against last year's target ------------------------------------------------

def outcome(old: TargetSide, found: Result | None, reg: Registry,
            text_lines: list[Line]) -> Outcome | None:
    """Last year's actual (from the new edition) against the old edition's binding target."""
    target = old.main
    if target is None:
        return None
    actual, source, evidence = None, "result", ""
    if found is not None:
        ind = reg.get(found.indicator)
        measure = result_measure(found, ind)
        if _comparable(measure, old.measure):
            actual = found.growth if old.measure == "growth" else found.level
    if actual is None:
        actual, evidence = _from_text(old, reg, text_lines)
        source = "text"
    if actual is None:
        return None
    judged = verdict_measure(old, reg)
    verdict, gap = _against(actual, target, judged)
    strive = ""
    if old.strive is not None and old.strive is not target:
        strive = _against(actual, old.strive, judged)[0]
    return Outcome(fmt(actual) + target.unit, target.text, verdict, gap, source, evidence,
                   strive)


def verdict_measure(old: TargetSide, reg: Registry) -> str:
    """How to judge an actual against a target: a level target on a ceiling indicator (城镇调查
    失业率5.5%左右, written without 控制在) is still a ceiling, where lower is better."""
    if old.measure == "level" and reg.get(old.key).kind == "ceiling":
        return "ceiling"
    return old.measure


def _against(actual: Decimal, target: Amount, measure: str) -> tuple[str, str]:
    """("met" or "missed", signed gap in the target's unit) of an actual against a target."""
    gap = actual - Decimal(target.number)
    met = gap <= 0 if measure == "ceiling" else gap >= 0
    return ("met" if met else "missed",
            f"{'+' if gap > 0 else ''}{fmt(gap)}{diff_unit(target.unit)}")


def _comparable(result_measure_: str, target_measure_: str) -> bool:
    return result_measure_ == target_measure_ or {result_measure_, target_measure_} == {
        "ceiling", "level"}


_NUM = r"(\d+(?:\.\d+)?)"


def _from_text(old: TargetSide, reg: Registry, lines: list[Line]):
    """Find "NAME……增长3.5%" (or a level/ceiling figure) in the new edition's review text."""
    names = sorted(_names(old, reg) | {old.name}, key=lambda n: (-len(n), n))
    unit = re.escape(old.main.unit)
    if old.measure == "growth":
        tail = rf"[^。；]{{0,16}}?({v.GROWTH_UP}|{v.GROWTH_DOWN}){_NUM}%"
    else:
        tail = rf"[^，。；]{{0,8}}?{_NUM}{unit}"
    pattern = re.compile("(?:" + "|".join(map(re.escape, names)) + ")" + tail)
    for line in lines:
        for m in pattern.finditer(line.full):
            if any(word in m.group() for word in v.DIFF_NOT_ACTUAL):
                continue  # 年均增长, 预期目标 …: a number, but not last year's result
            number = Decimal(m.group(m.lastindex))
            if old.measure == "growth" and m.group(1) == v.GROWTH_DOWN:
                number = -number
            return number, m.group()
    return None, ""


# The whole comparison --------------------------------------------------------------------------

def diff_targets(old: Report, new: Report, new_lines: list[Line]) -> list[TargetDiff]:
    """Every indicator with a target in either edition, in the new edition's order."""
    old_reg, new_reg = for_report(old), for_report(new)
    old_sides = [side(t, old_reg) for t in targets(old)]
    new_sides = [side(t, new_reg) for t in targets(new)]
    review = _review_lines(new_lines)
    new_results = list(results(new))
    follows = consecutive(old, new)
    out = []
    for o, n, how in pair(old_sides, new_sides, old_reg, new_reg):
        d = compare(o, n, how)
        if o is not None and follows:
            found = _result_for(o, new_results, new_reg)
            d = replace(d, outcome=outcome(o, found, new_reg, review))
        out.append(d)
    return out


def consecutive(old: Report, new: Report) -> bool:
    """Whether the new edition reviews the year the old one planned (unknown years: assume so).

    Two drafts of the same year's report plan the same year: the new one's review then tells
    the year before, whose results say nothing about the old draft's targets.
    """
    planned, reviewed = old.meta.year_planned, new.meta.year_reviewed
    if reviewed is None and new.meta.year_planned is not None:
        reviewed = new.meta.year_planned - 1
    return planned is None or reviewed is None or planned == reviewed


def _review_lines(lines: list[Line]) -> list[Line]:
    """The lines before the first target line: where last year's results are told."""
    body = [ln for ln in lines if ln.kind in ("para", "dash", "result", "heading")
            or ln.kind == "target"]
    for i, ln in enumerate(body):
        if ln.kind == "target":
            return body[:i]
    return body


def _result_for(old: TargetSide, found: list[Result], reg: Registry) -> Result | None:
    """The first result of the target's indicator, one that states a growth first for a target
    on growth (a report may state the level and the rate in two places)."""
    wanted = _names(old, reg)
    mine = [r for r in found if r.indicator == old.key or
            normalize_name(r.name or reg.get(r.indicator).name) in wanted]
    if old.measure == "growth":
        return next((r for r in mine if r.growth is not None), mine[0] if mine else None)
    return mine[0] if mine else None
