"""Lint rules, one per module. Each module has CODE, LEVEL, a docstring with a passing and a
failing example, and ``check(report, registry) -> Iterator[Problem]``."""

from . import (arithmetic, brackets, ensure_strive, fullwidth_digits, garbled, headings,
               indicators, missing_actual, notes, pinyin, punctuation, sentences, traditional,
               years)

#: In code order; `reportkit validate` runs them all.
RULES = [arithmetic, ensure_strive, years, notes, indicators, headings, punctuation,
         traditional, pinyin, missing_actual, brackets, sentences, fullwidth_digits, garbled]
