"""Parsing and writing the numbers of a report exactly as stated."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from . import vocab

NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")
_VALUE_RE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(%|[^\d\s]*?)\s*(" + "|".join(
    sorted(vocab.QUALIFIERS, key=len, reverse=True)) + r")?\s*$")


def fmt(number: Decimal) -> str:
    """Write a number as the report states it: no exponent, trailing zeros as given."""
    return format(number, "f")


def to_decimal(text: str) -> Decimal | None:
    """Parse a plain decimal number, or return None."""
    try:
        d = Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def split_value(text: str) -> tuple[Decimal, str, str] | None:
    """Split "7.2%以上" or "6000人以上" or "9" into (number, unit, qualifier)."""
    m = _VALUE_RE.match(text)
    if not m:
        return None
    return Decimal(m.group(1)), m.group(2) or "", m.group(3) or ""


def numbers_in(text: str) -> list[Decimal]:
    """Every number stated in a text, in order (used to check wording overrides)."""
    return [Decimal(m) for m in NUMBER_RE.findall(text)]
