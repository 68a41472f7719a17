"""The seed web copy imported and measured against the hand-checked spec (issue 5)."""

from __future__ import annotations

import pytest

from reportkit.readers.compare import compare
from reportkit.readers.spec import read_spec
from reportkit.readers.text import import_text

from .conftest import SEED, SPEC

#: The three passages the web copy garbled (source line numbers), which the import must flag.
GARBLED_LINES = {31, 66, 74}


@pytest.fixture(scope="module")
def seed_import():
    return import_text(SEED)


@pytest.fixture(scope="module")
def spec():
    report, problems = read_spec(SPEC)
    assert report is not None, problems
    return report


def test_every_block_matches_but_the_three_garbled(seed_import, spec):
    c = compare(seed_import.report, spec)
    assert c.blocks > 60
    assert len(c.mismatched) == 3, c.mismatched
    assert c.matched == c.blocks - 3
    # the differing blocks are the garbled ones, kept as they were
    shown = "\n".join(got for _, got in c.mismatched)
    for debris in ("?jié)", "?zhǔn)", "?xùn)|"):
        assert debris in shown


def test_all_structured_numbers_equal(seed_import, spec):
    c = compare(seed_import.report, spec)
    assert c.numbers >= 100
    assert c.number_diffs == []


def test_garbled_passages_flagged_with_line_and_column(seed_import):
    garbled = [p for p in seed_import.problems if p.code == "RK301"]
    assert {p.line for p in garbled} == GARBLED_LINES
    assert all(p.level == "warning" and p.col > 1 for p in garbled)
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()
    for p in garbled:  # the column points at the debris in the source file
        assert seed_lines[p.line - 1][p.col - 1] == "?"


def test_front_matter_and_metadata(seed_import, spec):
    got, want = seed_import.report.meta, spec.meta
    for name in ("title", "occasion", "speaker", "date", "salutation", "region", "year_reviewed",
                 "year_planned", "issuer", "subject"):
        assert getattr(got, name) == getattr(want, name), name
    assert got.source.published == want.source.published == "2024-04-28"
    assert got.source.publisher == want.source.publisher


def test_web_chrome_dropped(seed_import):
    from reportkit.flat import plain_text

    text = plain_text(seed_import.report)
    for chrome in ("coffeezulin", "发布时间", "阅读次数", "选择阅读字号", "[ 大"):
        assert chrome not in text


def test_cleaning_steps_reported(seed_import):
    assert seed_import.encoding == "utf-8"
    assert any("pinyin" in s for s in seed_import.steps)
    assert any("simplified" in s for s in seed_import.steps)


def test_note_marks_become_notes(seed_import):
    report = seed_import.report
    assert [n.key for n in report.notes] == [str(i) for i in range(1, 17)]
    from reportkit.flat import plain_text

    text = plain_text(report)
    assert "“1+7+3”全覆盖责任落实体系[1]" in text
    assert "大力发展银发经济[16]" in text
