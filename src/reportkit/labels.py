"""Scoring the importer against hand-labelled reports (tests/fixtures/labels/README.md).

A label file names a report and lists, as a careful reader wrote them down, the main targets of
the planned year and the core results of the year before. :func:`evaluate_labels` imports each
report and counts what the importer found against them: a target matches when its indicator,
its numbers and its qualifiers are all equal; a result value (a level or a growth rate of a
core indicator) matches when indicator and number are equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from . import vocab as v
from .registry import Registry, builtin, normalize_name

#: The core indicators whose results are scored (registry keys).
CORE = ("gdp", "industry", "fai", "retail", "revenue", "fiscal_total", "income", "urban_income",
        "rural_income", "cpi", "unemployment", "surveyed_unemployment", "new_jobs")
#: The registered and the surveyed unemployment rate: a label may name either.
_JOBLESS = {"unemployment", "surveyed_unemployment"}
_NUM_RE = re.compile(r"-?\d+(?:\.\d+)?")
_RANGE_RE = re.compile(r"(-?\d+(?:\.\d+)?)\s*%?\s*[-—–~～至到]\s*(-?\d+(?:\.\d+)?)")


def parse_label_value(text) -> tuple[Decimal, Decimal | None, str] | None:
    """"8.5%左右" → (8.5, None, "左右"); "5%-5.5%" → (5, 5.5, ""); "不低于6%" → (6, None,
    "不低于"). None when the text states no number."""
    text = re.sub(r"[ \u3000]+", "", str(text)).replace("％", "%").replace("。", "")
    m = _RANGE_RE.search(text)
    if m:
        low, high = Decimal(m.group(1)), Decimal(m.group(2))
    else:
        m = _NUM_RE.search(text)
        if not m:
            return None
        low, high = Decimal(m.group()), None
    qual = next((q for q in sorted(v.QUALIFIERS, key=len, reverse=True) if q in text), "")
    return low, high, qual


def _norm(d: Decimal | None) -> Decimal | None:
    return None if d is None else d.normalize()


def _share(hits: int, others: int) -> float:
    return hits / max(1, hits + others)


@dataclass
class Score:
    """Counts over the labelled set, and one line per miss for reading."""

    reports: int = 0
    crashes: int = 0
    t_tp: int = 0
    t_fp: int = 0
    t_fn: int = 0
    r_tp: int = 0
    r_fp: int = 0
    r_fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def target_precision(self) -> float:
        """Share of the targets found that a label holds."""
        return _share(self.t_tp, self.t_fp)

    @property
    def target_recall(self) -> float:
        """Share of the labelled targets found."""
        return _share(self.t_tp, self.t_fn)

    @property
    def result_precision(self) -> float:
        """Share of the core result values found that a label holds."""
        return _share(self.r_tp, self.r_fp)

    @property
    def result_recall(self) -> float:
        """Share of the labelled core result values found."""
        return _share(self.r_tp, self.r_fn)

    def table(self) -> list[tuple[str, str]]:
        """The figures as (name, value) rows."""
        return [
            ("labelled reports (crashes)", f"{self.reports} ({self.crashes})"),
            ("targets: precision / recall",
             (f"{self.target_precision:.3f} / {self.target_recall:.3f} "
              f"(tp {self.t_tp}, fp {self.t_fp}, fn {self.t_fn})")),
            ("core results: precision / recall",
             (f"{self.result_precision:.3f} / {self.result_recall:.3f} "
              f"(tp {self.r_tp}, fp {self.r_fp}, fn {self.r_fn})")),
        ]


def _registry(report) -> Registry:
    reg = Registry()
    for ind in (*builtin(), *report.indicators):
        reg.add(ind)
    return reg


_MEASURE_TAIL = re.compile(r"(?:涨幅|增幅|增速|幅度|总水平|排放总量|排放量|排放)$")


def _key_of(name: str, reg: Registry) -> str:
    """The registry key a written name answers to, else the name itself (without a trailing
    涨幅/增速: "城市居民消费价格涨幅" and "城市居民消费价格" are one indicator)."""
    name = re.sub(r"（[^（）]*）", "", name)  # 固定资产投资（不含农户）
    ind = reg.find(name) or reg.find(_MEASURE_TAIL.sub("", name))
    return ind.key if ind else "~" + _MEASURE_TAIL.sub("", normalize_name(name))


def _target_keys(t, reg: Registry) -> set[str]:
    """Keys a found target answers to: its indicator's, and its written name's."""
    keys = {t.indicator}
    if t.name:
        keys.add(_key_of(t.name, reg))
    ind = reg.get(t.indicator)
    keys.add("~" + _MEASURE_TAIL.sub("", normalize_name(ind.name)))
    return keys


def _target_values(t) -> tuple:
    """(role, low, high, qualifier) of each value a target states, sorted."""
    out = []
    for role in ("ensure", "strive", "value"):
        val = getattr(t, role)
        if val is not None:
            out.append((role, _norm(val.number), _norm(getattr(val, "high", None)),
                        val.qualifier))
    return tuple(sorted(out, key=str))


def _label_values(lab: dict) -> tuple | None:
    out = []
    if lab.get("value") is not None and lab.get("strive") is not None:
        lab = {**lab, "ensure": lab["value"], "value": None}  # "增长11%，力争12%"
    for role in ("ensure", "strive", "value"):
        if lab.get(role) is not None:
            parsed = parse_label_value(lab[role])
            if parsed is None:
                return None
            out.append((role, _norm(parsed[0]), _norm(parsed[1]), parsed[2]))
    if lab.get("range"):
        low, high = (parse_label_value(x) for x in lab["range"][:2])
        out.append(("value", _norm(low[0]), _norm(high[0]), high[2] or low[2]))
    return tuple(sorted(out, key=str))


def _match_target(lab: dict, found: list, reg: Registry, used: set[int]) -> list[int]:
    """The indexes of the found targets (not yet ``used``) a label matches: one, or for
    "城乡…均增长X" (or "城镇和农村…增长X") the urban and the rural side each stated X; []
    when none."""
    i = _match_one(lab, found, reg, used)
    if i is not None:
        return [i]
    name = re.sub(r"（[^（）]*）", "", lab["name"])
    joint = re.match(r"城乡|城镇和农村|城市和农村", name)
    halves = name.split("和")
    whole = len(halves) == 2 and {_key_of(h, reg) for h in halves} == {"urban_income",
                                                                    "rural_income"}
    if (joint or whole) and not lab.get("qualitative") and lab.get("stated") is not False:
        sides = []  # "城市居民人均可支配收入和农民人均纯收入均增长12%" labelled once, too
        for side in (halves if whole else ("城镇", "农村")):
            j = _match_one({**lab, "name": side if whole else side + name[joint.end():]},
                           found, reg, used | set(sides))
            if j is None:
                return []
            sides.append(j)
        return sides
    return []


def _match_one(lab: dict, found: list, reg: Registry, used: set[int]) -> int | None:
    """The index of the found target (not yet ``used``) a label matches, or None."""
    key = _key_of(lab["name"], reg)
    qualitative = lab.get("qualitative") or lab.get("stated") is False
    want = None if qualitative else _label_values(lab)
    for i, t in enumerate(found):
        if i in used:
            continue
        values = _target_values(t)
        if want is None and not qualitative:
            # a value written without a number ("持平", "千亿以上规模"): found when the
            # importer keeps that indicator's item without a number
            if not values and t.stated and key in _target_keys(t, reg):
                return i
            continue
        if lab.get("stated") is False:
            if not t.stated and key in _target_keys(t, reg):
                return i
            continue
        if lab.get("qualitative"):
            text = re.sub(r"[，。；、\s]", "", str(lab.get("text") or lab["name"]))
            # the words of a later item of a clause group are held by the group's first
            # target: the item's own name then stands for them
            mine = re.sub(r"[，。；、\s]", "", t.text or t.name or reg.get(t.indicator).name)
            if not values and t.stated and mine and (text in mine or mine in text):
                return i
            continue
        if key in _target_keys(t, reg) and values == want:
            return i
    return None


def score_report(label: dict, report, score: Score, where: str) -> None:
    """Add one report's counts to ``score``."""
    reg = _registry(report)
    _score_targets(label, list(_list_items(report)), reg, score, where)
    _score_results(label, report, reg, score, where)


def _list_items(report):
    """The targets as the labels count them: one item of a list is one target, so a level
    stated beside the rate of the same indicator ("增长7.5%，总量360亿元") rides along in
    ``more`` after it and is not counted apart."""
    from .model import TargetList, walk

    for block, _ in walk(report.body):
        if isinstance(block, TargetList):
            for item in block.items:
                last = item
                yield item
                for m in item.more:  # (a clause's several targets are flattened into ``more``)
                    if m.indicator != last.indicator or not (m.name == last.name or _is_level(m)):
                        yield m
                    last = m


def _is_level(t) -> bool:
    """A target on an amount ("突破1万亿元"), not on a rate."""
    val = t.value or t.ensure or t.strive
    return t.measure == "level" or (val is not None and val.unit not in (None, "", "%"))


def _score_targets(label: dict, found: list, reg: Registry, score: Score, where: str) -> None:
    used: set[int] = set()
    for lab in label.get("targets") or []:
        hit = _match_target(lab, found, reg, used)
        if not hit:
            score.t_fn += 1
            score.misses.append(f"{where}: target missed: {lab}")
        else:
            used.update(hit)
            score.t_tp += 1
    for j, t in enumerate(found):
        if j not in used:
            score.t_fp += 1
            score.misses.append(f"{where}: target not in labels: {t.name or t.indicator} "
                                f"{_target_values(t)} {t.text[:40]}")


def _score_results(label: dict, report, reg: Registry, score: Score, where: str) -> None:
    """Each labelled (indicator, level|growth, number) is one item."""
    from .model import results

    want = []
    for lab in label.get("results") or []:
        key = _key_of(lab["name"], reg)
        for fld in ("level", "growth"):
            if lab.get(fld) is not None:
                parsed = parse_label_value(lab[fld])
                if parsed is not None:
                    want.append((key, fld, _norm(parsed[0])))
    got = []
    for r in results(report):
        key = r.indicator if r.indicator in CORE else _key_of(r.name or r.indicator, reg)
        if key not in CORE:
            continue
        for fld in ("level", "growth"):
            if getattr(r, fld) is not None:
                got.append((key, fld, _norm(getattr(r, fld))))
    remaining = list(got)
    for item in want:
        alts = {(k, *item[1:]) for k in _JOBLESS} if item[0] in _JOBLESS else {item}
        hit = next((g for g in remaining if g in alts), None)
        if hit is None:
            score.r_fn += 1
            score.misses.append(f"{where}: result missed: {item}")
        else:
            remaining.remove(hit)
            score.r_tp += 1
    wanted_keys = {w[0] for w in want}
    if wanted_keys & _JOBLESS:
        wanted_keys |= _JOBLESS
    for g in remaining:
        # a core value the labels do not hold: wrong when the label states that indicator
        if g[0] in wanted_keys:
            score.r_fp += 1
            score.misses.append(f"{where}: result not in labels: {g}")


class LabelError(ValueError):
    """A label file that cannot be read: the message names it (file:line:col)."""


def read_label(path: Path) -> dict:
    """One label file as a mapping with at least `fixture`; LabelError when it is not."""
    import yaml

    try:
        label = yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise LabelError(f"{where}: not YAML: {getattr(exc, 'problem', exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelError(f"{path}: cannot be read: {exc}") from None
    if not isinstance(label, dict) or not isinstance(label.get("fixture"), str):
        raise LabelError(f"{path}: a label needs `fixture:` (the report's path under "
                         "tests/fixtures/), see tests/fixtures/labels/README.md")
    return label


def evaluate_labels(label_dir: Path, fixtures: Path) -> Score:
    """Import every labelled report and score it (LabelError for a label file it cannot read)."""
    from .commands.import_ import load

    score = Score()
    for path in sorted(label_dir.glob("*.yaml")):
        label = read_label(path)
        score.reports += 1
        try:
            got = load(str(fixtures / label["fixture"]))
        except Exception as exc:  # noqa: BLE001 - counted, and named in the misses
            score.crashes += 1
            score.misses.append(f"{path.name}: crash {type(exc).__name__}: {exc}")
            continue
        score_report(label, got.report, score, path.stem)
    return score
