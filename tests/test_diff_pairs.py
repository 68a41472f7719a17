"""Edition pairs for the diff tests, built from the seed spec by editing its YAML.

``old_edition(tmp_path)`` writes an "earlier edition" of the seed (the 2023 plan, reviewing 2022):
last year's targets, older
wording, one section renamed, paragraphs moved within and across sections, one section the new
edition adds, one it drops, and two sections in the other order. Each edit is listed in
EXPECTED so the tests can check that the diff finds exactly these.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from .conftest import SPEC

OLD_TARGETS = [
    {"indicator": "gdp", "ensure": 6.5},
    {"indicator": "industry", "name": "规模以上工业增加值", "ensure": 8.5},
    {"indicator": "fai", "ensure": 10},
    {"indicator": "retail", "ensure": 9},
    {"indicator": "urban_income", "value": "7左右"},
    {"indicator": "revenue", "name": "全区地方一般公共预算收入", "measure": "level", "value": 9},
    {"indicator": "grain", "value": 0.1},
]
RENAMED_NEW = "聚焦精明增长、生态宜居，推动城市品质再提升。"
RENAMED_OLD = "聚焦城市更新、生态宜居，推动城市品质再提升。"
DROPPED = "聚焦安全生产、应急管理，推动防灾能力再增强。"
DROPPED_TEXT = "完善应急预案体系，开展安全生产专项整治三年行动，加强森林草原防灭火能力建设。"


def seed() -> dict:
    """The seed spec as YAML data."""
    return yaml.safe_load(SPEC.read_text(encoding="utf-8"))


def write(data: dict, path: Path) -> Path:
    """Write spec data as YAML."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _replace(node, old: str, new: str):
    if isinstance(node, str):
        return node.replace(old, new)
    if isinstance(node, list):
        return [_replace(x, old, new) for x in node]
    if isinstance(node, dict):
        return {k: _replace(x, old, new) for k, x in node.items()}
    return node


def old_edition(tmp_path: Path) -> Path:
    """Write the earlier edition described in the module docstring; returns its path."""
    d = copy.deepcopy(seed())
    d["meta"].update(year_reviewed=2022, year_planned=2023, date="2023-02-20",
                     title="关于攀枝花市东区2022年国民经济和社会发展计划执行情况及2023年计划草案的报告")
    body = d["body"]
    plan = body[2]["body"]
    plan[3]["targets"] = OLD_TARGETS
    tasks = body[3]["body"]
    tasks[3]["section"] = RENAMED_OLD
    first = tasks[0]["body"]
    first[1], first[3] = first[3], first[1]  # a move within a section
    wandering = tasks[4]["body"].pop(2)  # a move across sections
    tasks[3]["body"].append(wandering)
    del tasks[5]  # the new edition adds this section
    tasks.append({"section": DROPPED, "body": [DROPPED_TEXT]})  # ... and drops this one
    review = body[1]["body"][2]["body"]
    review[4], review[5] = review[5], review[4]  # two sections in the other order
    d = _replace(d, "加快培育发展新质生产力", "加快培育发展战略性新兴产业")
    return write(d, tmp_path / "old.yaml")


def new_edition(tmp_path: Path) -> Path:
    """The seed spec itself, copied next to the old edition."""
    return write(seed(), tmp_path / "new.yaml")
