"""Lint rules, one per module. Each module has CODE, LEVEL, a docstring with a passing and a
failing example, and ``check(report, registry) -> Iterator[Problem]``."""

from . import ensure_strive

RULES = [ensure_strive]
