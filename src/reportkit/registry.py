"""The indicator registry: built-in indicators plus a spec's own, looked up by key or name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .model import Indicator, Report

_DATA = Path(__file__).parent / "data" / "indicators.yaml"
_PREFIX = re.compile(r"^(全国|全省|全市|全州|全县|全区|全旗|本市|本区|我区|我市|我省)")


def normalize_name(name: str) -> str:
    """Reduce an indicator name for matching: drop 全区/全市 … prefixes and 规上 → 规模以上."""
    name = _PREFIX.sub("", name.strip())
    return name.replace("规上", "规模以上")


@dataclass
class Registry:
    """Indicators by key, with a name index that includes aliases."""

    by_key: dict[str, Indicator] = field(default_factory=dict)
    by_name: dict[str, Indicator] = field(default_factory=dict)

    def add(self, ind: Indicator) -> None:
        """Register (or replace) an indicator and index its names."""
        self.by_key[ind.key] = ind
        for name in ind.names:
            self.by_name[normalize_name(name)] = ind

    def get(self, key: str) -> Indicator:
        """The indicator for a key; an unknown key gets a bare growth indicator named by it."""
        return self.by_key.get(key) or Indicator(key=key, name=key)

    def __contains__(self, key: str) -> bool:
        return key in self.by_key

    def find(self, name: str) -> Indicator | None:
        """Match a name as written in a report (aliases and 全区/规上 variants included)."""
        return self.by_name.get(normalize_name(name))


_BUILTIN: list[Indicator] | None = None


def builtin() -> list[Indicator]:
    """The indicators shipped with reportkit (read once)."""
    global _BUILTIN
    if _BUILTIN is None:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        raw = yaml.load(_DATA.read_text(encoding="utf-8"), Loader=loader)
        _BUILTIN = [
            Indicator(key=d["key"], name=d["name"], aliases=tuple(d.get("aliases", ())),
                      unit=str(d.get("unit", "")), kind=d.get("kind", "growth"),
                      verb=d.get("verb", ""))
            for d in raw
        ]
    return _BUILTIN


def for_report(report: Report) -> Registry:
    """The registry a report sees: built-in indicators, then the spec's own on top."""
    reg = Registry()
    for ind in builtin():
        reg.add(ind)
    for ind in report.indicators:
        reg.add(ind)
    return reg
