"""The importer against the hand-labelled development set (tests/fixtures/labels/).

81 government work reports of provinces, major and other cities, 2000–2026, copied into
tests/fixtures/gwr/ with their target lists and core results written down by reading the text.
These figures are what the importer must keep; `python3 bench/bench_family.py -v` lists every
miss. Raise the floors when the importer gets better, never lower them to pass.
"""

from __future__ import annotations

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
    assert score.target_precision >= 0.95, score.table()
    assert score.target_recall >= 0.89, score.table()


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
