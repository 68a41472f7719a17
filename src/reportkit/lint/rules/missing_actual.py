"""RK110 a result measured against a target needs the actual value in the target's measure.

A target on growth needs the growth, a target on a level or a ceiling needs the level; without
it no difference can be computed and no sentence generated.

Passing::

    - results:
        - {indicator: gdp, growth: 6.7, target: 6.5}
        - {indicator: unemployment, level: 3.69, target: 4.0以内}

Failing::

    - results:
        - {indicator: gdp, level: 571.02, measure: growth, target: 6.5}   # growth not stated
        - {indicator: unemployment, growth: 0.2, target: 4.0以内}          # needs the level
"""

from __future__ import annotations

from typing import Iterator

from ...model import Report, Result, results
from ...problems import Problem
from ...registry import Registry
from ...wording import result_measure

CODE = "RK110"
LEVEL = "error"

_NEEDS = {"growth": "growth", "level": "level", "ceiling": "level"}


def lacks_actual(r: Result, registry: Registry) -> bool:
    """True when the result has a target but not the actual value that target measures."""
    if r.target is None:
        return False
    measure = result_measure(r, registry.get(r.indicator))
    return getattr(r, _NEEDS.get(measure, "level")) is None


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield a problem for every result whose target's measure has no actual value."""
    for r in results(report):
        if lacks_actual(r, registry):
            measure = result_measure(r, registry.get(r.indicator))
            field = _NEEDS.get(measure, "level")
            yield Problem.at(r.pos, LEVEL, CODE,
                             f"`{r.indicator}` has a target on its {measure} but no `{field}`: "
                             f"state the {field} the target is measured against")
