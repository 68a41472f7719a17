"""RK102 确保 ≤ 力争: the value a report promises must not exceed the one it strives for.

Passing::

    - targets:
        - {indicator: gdp, ensure: 6.7, strive: "7.2以上"}

Failing::

    - targets:
        - {indicator: gdp, ensure: 7.2, strive: 6.7}   # 确保7.2%、力争6.7%
"""

from __future__ import annotations

from typing import Iterator

from ...model import Report, targets
from ...numbers import fmt
from ...problems import Problem
from ...registry import Registry

CODE = "RK102"
LEVEL = "error"


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield a problem for every target whose 确保 value is above its 力争 value."""
    for t in targets(report):
        if t.ensure and t.strive and t.ensure.number > t.strive.number:
            yield Problem.at(t.ensure.pos, LEVEL, CODE,
                             f"确保 {fmt(t.ensure.number)} is above 力争 {fmt(t.strive.number)} "
                             f"for `{t.indicator}`")
