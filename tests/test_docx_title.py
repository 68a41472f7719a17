"""Breaking titles by meaning: balanced lines, never inside a word, a number or a 《…》."""

from __future__ import annotations

import itertools

import pytest

from reportkit.writers import title as title_mod
from reportkit.writers.title import break_title, width

from .conftest import CORPUS

CASES = [
    # a diamond: the phrase 国民经济和社会发展计划执行情况 stays whole, 及 starts the last line
    ("关于攀枝花市东区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告",
     ["关于攀枝花市东区2023年", "国民经济和社会发展计划执行情况", "及2024年计划草案的报告"]),
    # the State Council's two halves, split before 与
    ("关于2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告",
     ["关于2023年国民经济和社会发展计划执行情况", "与2024年国民经济和社会发展计划草案的报告"]),
    ("关于贯彻落实《东区百强区创建行动方案》推进共同富裕情况的报告",
     ["关于贯彻落实《东区百强区创建行动方案》", "推进共同富裕情况的报告"]),
    ("政府工作报告", ["政府工作报告"]),
]


@pytest.fixture(autouse=True)
def no_cache(monkeypatch):
    monkeypatch.setenv("REPORTKIT_NO_CACHE", "1")


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_known_titles(text, expected):
    assert break_title(text) == expected


REGIONS = ["某区", "四川省", "攀枝花市", "攀枝花市东区", "攀枝花市西区", "攀枝花市仁和区", "米易县",
           "盐边县", "成都市武侯区", "凉山彝族自治州", "阿坝藏族羌族自治州汶川县"]


def plan_titles() -> list[str]:
    """Plan-report titles as regions of every size write them."""
    out = []
    for region in REGIONS:
        for year in (2022, 2023):
            out.append(f"关于{region}{year}年国民经济和社会发展计划执行情况及{year + 1}年计划草案的报告")
            out.append(f"关于{region}{year}年国民经济和社会发展计划执行情况与{year + 1}年国民经济"
                       "和社会发展计划草案的报告")
    return out


def corpus_titles() -> list[str]:
    """The titles in the corpus copy's front matter (short ones: they stay on one line)."""
    titles = []
    for path in sorted(CORPUS.glob("*/*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("title: "):
                titles.append(line[len("title: "):].strip())
    return titles


@pytest.mark.parametrize("text", plan_titles() + corpus_titles())
def test_titles_obey_the_rules(text):
    lines = break_title(text)
    assert "".join(lines) == text
    if width(text) > 20:
        assert len(lines) >= 2
    else:
        assert lines == [text]
    assert all(width(line) <= 20 for line in lines), lines
    for a, b in itertools.pairwise(lines):
        assert not (a[-1].isdigit() and (b[0].isdigit() or b[0] in "年月日%")), lines
        assert a.count("《") == a.count("》"), lines
        assert not b.startswith(("的", "和")) and not a.endswith("和"), lines
    if len(lines) > 1:  # a trapezoid or diamond, no stub line
        assert min(map(width, lines)) >= 0.35 * max(map(width, lines)), lines


def test_a_book_title_wider_than_a_line_is_broken_inside_only_then():
    text = "关于贯彻落实《中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要》的报告"
    lines = break_title(text)
    assert "".join(lines) == text and all(width(line) <= 20 for line in lines)


def test_digits_count_half():
    assert width("2024年") == 3


def test_cache_returns_the_same_breaks(tmp_path, monkeypatch):
    monkeypatch.delenv("REPORTKIT_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    text = CASES[0][0]
    assert break_title(text) == CASES[0][1]
    assert (tmp_path / "reportkit" / "title-breaks.tsv").exists()
    monkeypatch.setattr(title_mod, "_words", lambda *a, **k: pytest.fail("cache not used"))
    assert break_title(text) == CASES[0][1]
