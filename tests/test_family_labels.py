"""The importer against the hand-labelled development set (tests/fixtures/labels/).

181 government work reports of provinces, major and other cities, 2000–2026, copied into
tests/fixtures/gwr/ with their target lists and core results written down by reading the text.
These figures are what the importer must keep; `python3 bench/bench_family.py -v` lists every
miss. Raise the floors when the importer gets better, never lower them to pass.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reportkit.labels import evaluate_labels, parse_label_value

FIXTURES = Path(__file__).parent / "fixtures"
LABELS = FIXTURES / "labels"


@pytest.fixture(scope="module")
def score():
    return evaluate_labels(LABELS, FIXTURES)


def test_the_set_is_wide():
    """At least 60 reports, of every level, from 2000 to 2026."""
    labels = [yaml.safe_load(p.read_text("utf-8")) for p in LABELS.glob("*.yaml")]
    assert len(labels) >= 60
    assert {lab["level"] for lab in labels} == {"province", "major-city", "city"}
    years = [lab["year_planned"] for lab in labels]
    assert min(years) <= 2001 and max(years) >= 2025
    for lab in labels:
        assert (FIXTURES / lab["fixture"]).is_file(), lab["fixture"]


def test_every_labelled_report_imports(score):
    assert score.crashes == 0 and score.reports >= 60


def test_targets_of_the_main_list(score):
    """Indicator, number and qualifier all equal (floors: the figures of the last change)."""
    assert score.target_precision >= 0.98, score.table()
    assert score.target_recall >= 0.95, score.table()


def test_core_results_from_the_review(score):
    assert score.result_precision >= 0.98, score.table()
    assert score.result_recall >= 0.90, score.table()


@pytest.mark.parametrize("text, parsed", [
    ("8.5%左右", ("8.5", None, "左右")),
    ("5%-5.5%", ("5", "5.5", "")),
    ("6%—6.5%", ("6", "6.5", "")),
    ("不低于6%", ("6", None, "不低于")),
    ("10. 5％", ("10.5", None, "")),
    ("40万人以上", ("40", None, "以上")),
])
def test_label_values_read_as_written(text, parsed):
    low, high, qual = parse_label_value(text)
    assert (str(low), str(high) if high is not None else None, qual) == parsed


def _scored(tmp_path, body: str, targets: list) -> object:
    """Import a small report and score it against ``targets`` as a label would list them."""
    from reportkit.commands.import_ import load
    from reportkit.labels import Score, score_report

    path = tmp_path / "r.txt"
    path.write_text("某市政府工作报告\n各位代表：\n二、2024年工作安排\n" + body, encoding="utf-8")
    score = Score()
    score_report({"targets": targets, "results": []}, load(str(path)).report, score, "r")
    return score


def test_the_scorer_counts_a_joint_urban_and_rural_label_once(tmp_path):
    """"城乡…均增长8.5%" labelled once is found by the importer's urban and rural targets."""
    s = _scored(tmp_path, "主要预期目标是：地区生产总值增长7%，城乡居民收入均增长8.5%。\n",
                [{"name": "地区生产总值", "value": "7%"}, {"name": "城乡居民收入", "value": "8.5%"}])
    assert (s.t_tp, s.t_fp, s.t_fn) == (2, 0, 0), s.misses
    s = _scored(tmp_path, "主要预期目标是：地区生产总值增长7%，城乡居民收入均增长8.5%。\n",
                [{"name": "地区生产总值", "value": "7%"}, {"name": "城乡居民收入", "value": "9%"}])
    assert (s.t_tp, s.t_fp, s.t_fn) == (1, 2, 1), s.misses


def test_the_scorer_reads_aims_and_words_without_a_number(tmp_path):
    """Each indicator of "A、B控制在省定范围内" is found by name; "持平" is a value without a
    number, found when the importer keeps that indicator's item without one."""
    s = _scored(tmp_path, "主要预期目标是：地区生产总值增长7%，城镇调查失业率、居民消费价格指数控制在"
                          "省定范围内，固定资产投资持平。\n",
                [{"name": "地区生产总值", "value": "7%"},
                 {"name": "城镇调查失业率", "qualitative": True,
                  "text": "城镇调查失业率、居民消费价格指数控制在省定范围内"},
                 {"name": "居民消费价格指数", "qualitative": True,
                  "text": "城镇调查失业率、居民消费价格指数控制在省定范围内"},
                 {"name": "固定资产投资", "value": "持平"}])
    assert (s.t_tp, s.t_fp, s.t_fn) == (4, 0, 0), s.misses


@pytest.mark.parametrize("text, says", [
    ("source: x\nfixture: [\n", "a.yaml:3:1: not YAML"),
    ("source: x\n", "a label needs `fixture:`"),
])
def test_a_broken_label_file_is_named_not_a_traceback(tmp_path, text, says):
    from reportkit.labels import LabelError, read_label

    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(LabelError, match=re.escape(says)):
        read_label(tmp_path / "a.yaml")
