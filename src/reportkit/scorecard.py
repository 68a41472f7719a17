"""The scorecard: last year's results against their targets, with this year's targets beside."""

from __future__ import annotations

from dataclasses import dataclass

from . import vocab as v
from .model import Report, Result, Target, Value, results, targets
from .numbers import fmt
from .registry import Registry, for_report
from .wording import diff_unit, measure_unit, result_gap, result_measure, target_measure


@dataclass(frozen=True)
class Row:
    """One indicator's line: actual, old target, gap and verdict, new target."""

    indicator: str
    name: str
    actual: str
    old_target: str
    gap: str
    verdict: str  #: met, missed, or "" when there was no target
    new_target: str


def _value(value: Value | None, unit: str) -> str:
    return "" if value is None else fmt(value.number) + unit + value.qualifier


def _actual(r: Result, unit: str) -> str:
    parts = []
    if r.level is not None:
        parts.append(fmt(r.level) + unit)
    if r.growth is not None:
        parts.append(("+" if r.growth >= 0 else "") + fmt(r.growth) + v.PERCENT)
    return " ".join(parts)


def target_text(t: Target, registry: Registry) -> str:
    """A target as a short cell: "确保6.7% / 力争7.2%以上" or "6000人以上"."""
    ind = registry.get(t.indicator)
    m = target_measure(t, ind)
    if t.value is not None:
        return _value(t.value, measure_unit(m, ind, t.value))
    parts = [f"{v.ENSURE}{_value(t.ensure, measure_unit(m, ind, t.ensure))}" if t.ensure else "",
             f"{v.STRIVE}{_value(t.strive, measure_unit(m, ind, t.strive))}" if t.strive else ""]
    return " / ".join(p for p in parts if p)


def rows(report: Report) -> list[Row]:
    """Every indicator with a result or a target, in report order (results first)."""
    reg = for_report(report)
    new = {t.indicator: t for t in targets(report)}
    out, seen = [], set()
    for r in results(report):
        ind = reg.get(r.indicator)
        m = result_measure(r, ind)
        gap = result_gap(r, reg)
        unit = measure_unit(m, ind, r.target)
        verdict = ""
        if gap is not None:
            verdict = "met" if (gap <= 0 if m == "ceiling" else gap >= 0) else "missed"
        t = new.get(r.indicator)
        out.append(Row(r.indicator, ind.name, _actual(r, ind.unit),
                       _value(r.target, unit),
                       "" if gap is None else f"{'+' if gap > 0 else ''}{fmt(gap)}{diff_unit(unit)}",
                       verdict, target_text(t, reg) if t else ""))
        seen.add(r.indicator)
    for key, t in new.items():
        if key not in seen:
            out.append(Row(key, reg.get(key).name, "", "", "", "", target_text(t, reg)))
    return out


def table(report: Report) -> str:
    """The scorecard as a plain-text table (CJK characters counted as two columns)."""
    m = report.meta
    head = ("指标", f"{m.year_reviewed or ''}年实际", "年初目标", "差距", "完成",
            f"{m.year_planned or ''}年目标")
    verdicts = {"met": "✓ 完成", "missed": "✗ 未完成", "": ""}
    body = [(r.name, r.actual, r.old_target, r.gap, verdicts[r.verdict], r.new_target)
            for r in rows(report)]
    widths = [max(_width(row[i]) for row in [head, *body]) for i in range(len(head))]
    lines = [m.title, ""]
    for row in [head, *body]:
        lines.append("  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip())
        if row is head:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _width(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))
