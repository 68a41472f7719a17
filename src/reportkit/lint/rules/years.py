"""RK103 years coherent: the planned year follows the reviewed one, and the title, the date and
the occasion line agree with them. A plan report's title names both years; a government work
report's title may name only the planned year ("2024年四川省人民政府工作报告").

Passing::

    meta:
      title: 关于××区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告
      occasion: 2024年2月27日在××区第十二届人民代表大会第四次会议上
      date: 2024-02-27
      year_reviewed: 2023
      year_planned: 2024

Failing::

    meta:
      title: 关于××区2023年国民经济和社会发展计划执行情况及2025年计划草案的报告
      occasion: 2024年2月28日在××区第十二届人民代表大会第四次会议上   # date says 27日
      date: 2024-02-27
      year_reviewed: 2023
      year_planned: 2025                                               # must be 2024
"""

from __future__ import annotations

import re
from typing import Iterator

from ...model import Meta, Report
from ...problems import Problem
from ...registry import Registry

CODE = "RK103"
LEVEL = "error"

_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_CN_DATE = re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日")
_YEAR = re.compile(r"(?<![0-9])([0-9]{4})年")


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield a problem for each year or date that contradicts another."""
    m = report.meta
    yield from _planned(m)
    yield from _title(m)
    yield from _date(m)


def _problem(m: Meta, message: str) -> Problem:
    return Problem.at(m.pos, LEVEL, CODE, message)


def _planned(m: Meta) -> Iterator[Problem]:
    if m.year_reviewed and m.year_planned and m.year_planned != m.year_reviewed + 1:
        yield _problem(m, f"year_planned {m.year_planned} must follow year_reviewed "
                          f"{m.year_reviewed} (expected {m.year_reviewed + 1})")


def _title(m: Meta) -> Iterator[Problem]:
    """A plan report's title names both years ("2023年…执行情况及2024年计划草案"); a title that
    names one year (a government work report's "2024年…政府工作报告") need not name the other."""
    stated = [int(y) for y in _YEAR.findall(m.title)]
    expected = [y for y in (m.year_reviewed, m.year_planned) if y]
    both = len(set(stated)) >= 2 or "执行情况" in m.title
    for y in expected if both else ():
        if stated and y not in stated:
            yield _problem(m, f"the title does not mention {y}年 (it states "
                              f"{'、'.join(f'{s}年' for s in stated)})")
    for s in stated:
        if expected and s not in expected:
            yield _problem(m, f"the title states {s}年, which is neither year_reviewed nor "
                              "year_planned")


def _date(m: Meta) -> Iterator[Problem]:
    iso = _ISO.fullmatch(m.date.strip()) if m.date else None
    if m.date and not iso:
        yield _problem(m, f"date `{m.date}` is not an ISO date (2024-02-27)")
    if iso and m.year_planned and int(iso.group(1)) != m.year_planned:
        yield _problem(m, f"date {m.date} is not in year_planned {m.year_planned}: the plan is "
                          "reported early in the year it plans")
    spoken = _CN_DATE.search(m.occasion) if m.occasion else None
    if iso and spoken and tuple(map(int, iso.groups())) != tuple(map(int, spoken.groups())):
        yield _problem(m, f"the occasion line says {spoken.group(0)} but date is {m.date}")
