"""The Chinese line breaker (避头尾) of the PDF writer, on plain strings and on the seed report.

Widths here are grid cells: 1 for a Chinese character, 0.5 for ASCII, as the real faces give.
"""

from __future__ import annotations

import pytest

from reportkit.flat import lines as flat_lines
from reportkit.writers.pdf.breaker import NO_END, NO_START, break_lines, clusters

FORBIDDEN_START = "，。、；：？！”’）》〉】…—"
FORBIDDEN_END = "“‘（《〈【"


def cells(text: str) -> list[float]:
    return [0.5 if ch.isascii() else 1.0 for ch in text]


def split(text: str, width: float, first: float | None = None) -> list[str]:
    spans = break_lines(text, cells(text), width if first is None else first, width)
    return [text[s.start:s.end] for s in spans]


def test_the_issue_lists_are_in_the_rule_sets():
    assert set(FORBIDDEN_START) <= NO_START
    assert set(FORBIDDEN_END) <= NO_END


def test_a_plain_paragraph_fills_each_line():
    text = "一二三四五六七八九十" * 3
    assert split(text, 10) == ["一二三四五六七八九十"] * 3


@pytest.mark.parametrize("mark", list(FORBIDDEN_START))
def test_a_closing_mark_never_starts_a_line(mark):
    # the mark falls exactly after a full line: the last character comes down with it
    text = "一二三四五六七八九十" + mark + "甲乙丙"
    lines = split(text, 10)
    assert lines == ["一二三四五六七八九", "十" + mark + "甲乙丙"]


@pytest.mark.parametrize("mark", list(FORBIDDEN_END))
def test_an_opening_mark_never_ends_a_line(mark):
    text = "一二三四五六七八九" + mark + "甲乙丙"
    lines = split(text, 10)
    assert lines == ["一二三四五六七八九", mark + "甲乙丙"]


def test_an_ellipsis_and_a_dash_pair_stay_whole():
    text = "一二三四五六七八九……甲乙丙丁"
    assert split(text, 10) == ["一二三四五六七八", "九……甲乙丙丁"]
    text = "一二三四五六七八九——甲乙丙丁"
    assert split(text, 10) == ["一二三四五六七八", "九——甲乙丙丁"]


@pytest.mark.parametrize("number", ["571.02亿元", "6.5%", "0.2个百分点", "6426人", "2023年"])
def test_a_number_and_its_unit_are_never_split(number):
    for lead in range(1, 10):
        text = "一" * lead + number + "，甲乙丙丁戊己庚辛壬癸"
        lines = split(text, 10)
        assert any(number in line for line in lines), (number, lead, lines)


def test_a_latin_run_keeps_its_width_and_is_not_split():
    text = "一二三四五六七ABCDEFGH八九十"
    lines = split(text, 10)
    # 7 Chinese + 8 half-width = 11 cells: the run moves down whole
    assert lines == ["一二三四五六七", "ABCDEFGH八九十"]
    # and half-width characters really take half a cell: 6 + 8 × 0.5 = 10 fits
    assert split("一二三四五六ABCDEFGH", 10) == ["一二三四五六ABCDEFGH"]


def test_a_note_mark_stays_with_the_word_before_it():
    text = "一二三四五六七八九十[12]甲乙"
    lines = split(text, 11)
    assert lines[0].endswith("九") and lines[1].startswith("十[12]")


def test_first_line_indent_is_a_narrower_first_line():
    text = "一二三四五六七八九十" * 2
    assert split(text, 10, first=8) == ["一二三四五六七八", "九十一二三四五六七八", "九十"]


def test_a_cluster_longer_than_a_line_is_split_by_force():
    text = "A" * 30
    lines = split(text, 10)
    assert "".join(lines) == text and all(len(line) <= 20 for line in lines)


def test_clusters_cover_the_text_in_order():
    text = "地区生产总值为571.02亿元，增长（同比，下同）6.7%。"
    pieces = [text[a:b] for a, b in clusters(text)]
    assert "".join(pieces) == text
    assert "571.02亿元，" in pieces and "（同" in pieces
    # a closing bracket keeps the number after it, as LibreOffice does
    assert "同）6.7%。" in pieces


def test_no_seed_line_breaks_against_the_rules(seed_report):
    """Every paragraph of the seed, broken on the 28-cell grid: no rule is broken anywhere."""
    for line in flat_lines(seed_report):
        text = line.full
        for n, part in enumerate(split(text, 28, first=26)):
            assert part[0] not in NO_START or n == 0, (part, text[:20])
            assert part[-1] not in NO_END, (part, text[:20])
            assert sum(cells(part)) <= (26 if n == 0 else 28)
