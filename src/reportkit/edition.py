"""Next year's report started from this year's: the spec the drafting bureau edits next.

Each year's report reviews last year against last year's targets; in a spec, last year's targets
are already stated once, so the next edition takes them over instead of having them typed
again. ``next_edition(report)`` gives:

- the years moved on by one: ``year_reviewed`` is the old planned year, the title, the
  section headings, the occasion line and the date name the new years (the narrative text is
  left as it was: it is what the bureau rewrites, and its numbers are last year's);
- this year's targets as the results to report: each target becomes a result with the target
  it set (the 确保 value, else the single one) and its measure, and no actual yet, so
  ``reportkit validate`` lists every actual still to fill in (RK110); the result sentences
  ("增长7.0%，超过年初预期目标（6.7%）0.3个百分点") are generated once they are;
- the targets, the text and the notes kept as the draft of the new ones.

The results take the place of the first results list (the old results are last year's
facts, not next year's); without one, nothing is carried and ``Edition.carried`` is 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .model import Report, Result, ResultList, Section, Target, TargetList, walk

_YEAR = re.compile(r"(?<!\d)(\d{4})(?=\s*年)")
_ISO_YEAR = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Edition:
    """The next edition and what was done to make it."""

    report: Report
    years: tuple[int, int]  #: (year reviewed, year planned) of the new edition
    carried: int  #: targets carried over as results to report on
    results_pos: int  #: spec line of the results list that now holds them (0: none)


def next_edition(report: Report) -> Edition:
    """The report of the year after ``report``'s (see the module docstring)."""
    meta = report.meta
    old = {y for y in (meta.year_reviewed, meta.year_planned) if y}
    if not meta.year_planned:
        raise ValueError("the spec states no planned year (meta.year_planned)")
    targets = [t for block, _ in walk(report.body) if isinstance(block, TargetList)
               for t in block.items]
    rolled = tuple(_as_result(t) for t in targets)

    def roll(text: str) -> str:
        return _YEAR.sub(lambda m: str(int(m.group(1)) + 1) if int(m.group(1)) in old
                         else m.group(0), text)

    placed = [0]

    def blocks(items: tuple) -> tuple:
        out = []
        for block in items:
            if isinstance(block, Section):
                block = replace(block, heading=roll(block.heading), body=blocks(block.body))
            elif isinstance(block, ResultList) and not placed[0] and rolled:
                placed[0] = block.pos.line or -1
                block = replace(block, items=rolled)
            out.append(block)
        return tuple(out)

    body = blocks(report.body)
    new_meta = replace(
        meta, title=roll(meta.title), occasion=roll(meta.occasion), subject=roll(meta.subject),
        keywords=tuple(roll(k) for k in meta.keywords), date=_next_date(meta.date),
        year_reviewed=meta.year_planned, year_planned=meta.year_planned + 1, source=None)
    new = replace(report, meta=new_meta, body=body)
    carried = len(rolled) if placed[0] else 0
    return Edition(new, (meta.year_planned, meta.year_planned + 1), carried, max(placed[0], 0))


def _as_result(target: Target) -> Result:
    """A target as the result to report against it: the number it set (its measure follows
    the indicator's kind, as the target's did, unless the target stated one)."""
    return Result(indicator=target.indicator, target=target.ensure or target.value or
                  target.strive, measure=target.measure, name=target.name,
                  more=tuple(_as_result(t) for t in target.more))


def _next_date(date: str) -> str:
    """The same day a year later ("2024-02-29" → "2025-02-28"); "" stays ""."""
    m = _ISO_YEAR.match(date or "")
    if not m:
        return date
    year, month, day = int(m.group(1)) + 1, m.group(2), int(m.group(3))
    if month == "02" and day == 29:
        day = 28
    return f"{year}-{month}-{day:02d}"
