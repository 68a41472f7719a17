"""RK105 indicators: each one used is registered, and registered once.

An indicator is registered in reportkit's built-in list or under the spec's ``indicators:``.
A spec entry with a built-in key replaces the built-in one on purpose; the same key twice in the
spec, or a name or alias claimed by two indicators, is an error. A result or target that writes
its own ``name`` gets a warning when the name is not one of its indicator's names.

Passing::

    indicators:
      - {key: tourism, name: 旅游收入, unit: 亿元}
    body:
      - results:
          - {indicator: tourism, level: 109.88, growth: 12, target: 10}

Failing::

    indicators:
      - {key: tourism, name: 旅游收入, unit: 亿元}
      - {key: tour_income, name: 旅游总收入, aliases: [旅游收入]}   # 旅游收入 claimed twice
    body:
      - results:
          - {indicator: toursim, growth: 12, target: 10}        # not registered
"""

from __future__ import annotations

import difflib
from typing import Iterator

from ...model import Indicator, Report, results, targets
from ...problems import Problem
from ...registry import Registry, builtin, normalize_name

CODE = "RK105"
LEVEL = "error"


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield problems for unregistered, twice-registered and misnamed indicators."""
    yield from _twice(report)
    for item in (*results(report), *targets(report)):
        if item.indicator not in registry:
            near = difflib.get_close_matches(item.indicator, list(registry.by_key), n=1)
            hint = f"; did you mean `{near[0]}`?" if near else \
                "; add it under `indicators:` with its name and unit"
            yield Problem.at(item.pos, LEVEL, CODE,
                             f"indicator `{item.indicator}` is not registered{hint}")
        elif item.name and registry.find(item.name) is not registry.get(item.indicator):
            ind = registry.get(item.indicator)
            yield Problem.at(item.pos, "warning", CODE,
                             f"name “{item.name}” is not a name of `{item.indicator}` "
                             f"({'、'.join(ind.names)}); add it to its aliases")


def name_conflicts(indicators: list[Indicator]) -> Iterator[tuple[Indicator, Indicator, str]]:
    """Pairs of indicators (earlier, later) with different keys that claim the same name."""
    owner: dict[str, Indicator] = {}
    for ind in indicators:
        for name in dict.fromkeys(normalize_name(n) for n in ind.names):
            first = owner.setdefault(name, ind)
            if first.key != ind.key:
                yield first, ind, name


def _twice(report: Report) -> Iterator[Problem]:
    seen: set[str] = set()
    for ind in report.indicators:
        if ind.key in seen:
            yield Problem.at(ind.pos, LEVEL, CODE, f"indicator `{ind.key}` is registered twice "
                                                   "under `indicators:`")
        seen.add(ind.key)
    own = {ind.key for ind in report.indicators}
    # Built-ins replaced by the spec's own entry no longer claim their names.
    visible = [i for i in builtin() if i.key not in own] + list(report.indicators)
    for first, later, name in name_conflicts(visible):
        if later.pos.line:  # only the spec's own entries can be fixed in the spec
            where = "a built-in indicator" if not first.pos.line else "an indicator"
            yield Problem.at(later.pos, LEVEL, CODE,
                             f"name “{name}” of `{later.key}` is already claimed by {where}, "
                             f"`{first.key}`")
