"""The linter: one rule per module in lint/rules, each yielding Problems with a stable code."""

from __future__ import annotations

from ..model import Report
from ..problems import Problem
from ..registry import for_report
from .rules import RULES


def check(report: Report, rules=None) -> list[Problem]:
    """Run every rule (or the given ones) over a report; problems sorted by place."""
    registry = for_report(report)
    found: list[Problem] = []
    for rule in rules or RULES:
        found.extend(rule.check(report, registry))
    return sorted(found)
