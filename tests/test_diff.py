"""The comparison engine on a seed-derived pair of editions (tests/diff_pairs.py).

Each expected value below was checked by reading the two editions' rendered text.
"""

from __future__ import annotations

import pytest

from reportkit.diff import compare
from reportkit.diff.render.redline import redline_lines
from reportkit.diff.targets import name_similarity
from reportkit.diff.text import word_diff
from reportkit.diff.tokens import tokens
from reportkit.flat import lines
from reportkit.readers.spec import read_spec

from .test_diff_pairs import DROPPED, RENAMED_NEW, RENAMED_OLD, new_edition, old_edition


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """The compared pair: (comparison, old report, new report)."""
    tmp = tmp_path_factory.mktemp("pair")
    old, problems = read_spec(old_edition(tmp))
    assert old is not None, [p.text() for p in problems]
    new, _ = read_spec(new_edition(tmp))
    return compare(old, new, "old.yaml", "new.yaml"), old, new


def by_name(result, name):
    (found,) = [t for t in result.targets if t.indicator == name]
    return found


# Targets --------------------------------------------------------------------------------------

EXPECTED_TARGETS = [
    # indicator, change, old cell, new cell, delta, verdict of last year, gap
    ("地区生产总值", "changed", "确保6.5%", "确保6.7% / 力争7.2%以上", "+0.2个百分点", "met",
     "+0.2个百分点"),
    ("规上工业增加值", "changed", "确保8.5%", "确保7.5% / 力争8%以上", "-1.0个百分点", "met",
     "+0.1个百分点"),
    ("全社会固定资产投资", "changed", "确保10%", "确保6% / 力争6.5%", "-4个百分点", "missed",
     "-4.2个百分点"),
    ("社会消费品零售总额", "changed", "确保9%", "确保9% / 力争10%", "", "met", "+1.6个百分点"),
    ("城镇居民人均可支配收入", "changed", "7%左右", "确保3% / 力争4%", "-4个百分点", "missed",
     "-3.6个百分点"),
    ("地方一般公共预算收入", "kind-changed", "9亿元", "确保6.9% / 力争8%", "", "met", "+0.55亿元"),
    ("城镇新增就业", "added", None, "6000人以上", "", None, None),
    ("城镇登记失业率", "added", None, "4.0%以内", "", None, None),
    ("粮食产量", "removed", "0.1万吨", None, "", "met", "0.0万吨"),
]


def test_targets_found_matched_and_compared(pair):
    result = pair[0].result
    got = [(t.indicator, t.change, t.old and t.old.cell, t.new and t.new.cell, t.delta,
            t.outcome and t.outcome.verdict, t.outcome and t.outcome.gap) for t in result.targets]
    assert got == EXPECTED_TARGETS


def test_alias_and_prefixed_names_match(pair):
    result = pair[0].result
    # 规模以上工业增加值 (old) ~ 规上工业增加值 (new); 全区地方一般公共预算收入 ~ 地方一般公共预算收入
    assert by_name(result, "规上工业增加值").old.name == "规模以上工业增加值"
    revenue = by_name(result, "地方一般公共预算收入")
    assert revenue.old.name == "全区地方一般公共预算收入"


def test_kind_change_is_said_not_subtracted(pair):
    revenue = by_name(pair[0].result, "地方一般公共预算收入")
    assert revenue.delta == ""
    assert "9亿元" in revenue.note and "6.9%" in revenue.note and "不作相减" in revenue.note


def test_outcome_from_text_quotes_its_evidence(pair):
    grain = by_name(pair[0].result, "粮食产量")
    assert grain.outcome.source == "text"
    assert grain.outcome.evidence.startswith("粮食产量0.1万吨")


def test_near_names():
    assert name_similarity("全区地方一般公共预算收入", "地方一般公共预算收入") == 1.0
    assert name_similarity("规上工业增加值", "规模以上工业增加值") == 1.0
    assert name_similarity("居民消费价格涨幅", "居民消费价格") >= 0.72
    assert name_similarity("粮食产量", "城镇新增就业") < 0.72


# Sections and paragraphs ------------------------------------------------------------------------

def changed_sections(result):
    return {(s.status, s.old_heading, s.new_heading) for s in result.sections
            if s.status != "unchanged"}


def test_renamed_added_removed_and_moved_sections(pair):
    result = pair[0].result
    statuses = {s.status for s in result.sections}
    assert {"renamed", "added", "removed", "moved"} <= statuses
    (renamed,) = [s for s in result.sections if s.renamed]
    assert renamed.old_heading.endswith(RENAMED_OLD) and renamed.new_heading.endswith(RENAMED_NEW)
    (removed,) = [s for s in result.sections if s.status == "removed"]
    assert removed.old_heading.endswith(DROPPED) and removed.share == 1.0
    (added,) = [s for s in result.sections if s.status == "added"]
    assert added.new_heading.endswith("聚焦社会治理、风险防控，推动发展基础再夯实。")
    (moved,) = [s for s in result.sections if s.moved]
    assert moved.new_heading.endswith("致力提品质、拓内涵，中心城区彰显新面貌。")


def test_a_moved_paragraph_is_a_move_not_a_deletion(pair):
    result = pair[0].result
    moves = [p for s in result.sections for p in s.paragraphs if p.op == "moved"]
    # across sections: from （四） in the old edition to （五） in the new one, both ends reported
    came = [p for p in moves if p.new is not None and "（四）" in p.moved_from]
    went = [p for p in moves if p.new is None and "（五）" in p.moved_to]
    assert len(came) == 1 and len(went) == 1 and came[0].new == went[0].old
    # within a section: two paragraphs swapped are two moves, never removed + added
    first = [s for s in result.sections if (s.new_heading or "").startswith("（一）聚焦扩大投资")]
    assert {p.op for p in first[0].paragraphs} == {"equal", "moved"}


def test_word_diff_inside_paragraphs(pair):
    result = pair[0].result
    pieces = [p.pieces for s in result.sections for p in s.paragraphs if p.op == "changed"]
    assert any(("-", "战略性新兴产业") in ps and ("+", "新质生产力") in ps for ps in pieces)
    assert any(("-", "6.5%") in ps for ps in pieces)


def test_share_changed_per_section(pair):
    result = pair[0].result
    shares = {s.status: [] for s in result.sections}
    for s in result.sections:
        shares[s.status].append(s.share)
    assert set(shares["unchanged"]) == {0.0}
    assert shares["added"] == [1.0] and shares["removed"] == [1.0]
    # the targets section: six of its nine lines reworded, not all of it
    (plan,) = [s for s in result.sections if (s.new_heading or "").endswith("主要预期目标（草案）")]
    assert 0.05 < plan.share < 0.5
    # paragraphs that only moved change no words
    (first,) = [s for s in result.sections if (s.new_heading or "").startswith("（一）聚焦扩大投资")]
    assert first.share == 0.0
    assert 0 < result.stats.share < 0.1


def test_identical_editions_have_no_changes(seed_report):
    result = compare(seed_report, seed_report).result
    assert result.stats.identical
    assert {s.status for s in result.sections} == {"unchanged"}
    assert {t.change for t in result.targets} == {"unchanged"}
    assert all(t.change == "same" for t in result.terms)


# Tokens and word diffs ----------------------------------------------------------------------------

def test_numbers_keep_their_units():
    assert tokens("增长6.5%左右") == ["增长", "6.5%", "左右"]
    assert "571.02亿元" in tokens("地区生产总值为571.02亿元")
    assert "0.2个百分点" in tokens("高于全市平均0.2个百分点")
    assert "新质生产力" in tokens("加快培育发展新质生产力")


def test_a_changed_number_is_replaced_whole():
    pieces = word_diff("增长6.5%左右", "增长6.7%左右")
    assert pieces == (("=", "增长"), ("-", "6.5%"), ("+", "6.7%"), ("=", "左右"))


# Terms ---------------------------------------------------------------------------------------------

def test_terms_counted_in_each_edition(pair):
    result = pair[0].result
    terms = {t.term: t for t in result.terms}
    assert (terms["战略性新兴产业"].old, terms["战略性新兴产业"].new) == (1, 0)
    assert terms["战略性新兴产业"].change == "dropped"
    # the seed names 新质生产力 once in the text and once in its note list
    assert (terms["新质生产力"].old, terms["新质生产力"].new) == (1, 2)


# The redline ---------------------------------------------------------------------------------------

def accepted(redline):
    return ["".join(t for op, t in r.pieces if op != "-") for r in redline if r.mark != "-"]


def rejected(redline):
    return ["".join(t for op, t in r.pieces if op != "+") for r in redline if r.mark != "+"]


def test_redline_accepts_to_new_and_rejects_to_old(pair):
    comparison, old, new = pair
    redline = redline_lines(comparison)
    assert accepted(redline) == [ln.full for ln in lines(new)]
    assert rejected(redline) == [ln.full for ln in lines(old)]
    assert {r.mark for r in redline} == {"=", "+", "-"}


def test_drafts_of_the_same_year_get_no_outcome(tmp_path):
    from .test_diff_pairs import seed, write

    draft, _ = read_spec(new_edition(tmp_path))
    data = seed()
    data["body"][2]["body"][3]["targets"][0] = {"indicator": "gdp", "ensure": 7}
    final, _ = read_spec(write(data, tmp_path / "final.yaml"))
    result = compare(draft, final).result
    assert result.targets[0].change == "changed" and result.targets[0].delta == "+0.3个百分点"
    # both plan 2024: the 2023 results in the review say nothing about the draft's 2024 targets
    assert all(t.outcome is None for t in result.targets)


def test_outcome_against_the_strive_value_too(tmp_path):
    from .test_diff_pairs import OLD_TARGETS, seed, write

    data = seed()
    data["meta"].update(year_reviewed=2022, year_planned=2023)
    targets = [dict(t) for t in OLD_TARGETS]
    targets[0] = {"indicator": "gdp", "ensure": 6.5, "strive": 7}  # 2023: 6.7% achieved
    data["body"][2]["body"][3]["targets"] = targets
    old, _ = read_spec(write(data, tmp_path / "old.yaml"))
    new, _ = read_spec(new_edition(tmp_path))
    gdp = compare(old, new).result.targets[0]
    assert (gdp.outcome.verdict, gdp.outcome.gap, gdp.outcome.strive) == (
        "met", "+0.2个百分点", "missed")


def test_alike_but_different_indicators_stay_apart(tmp_path):
    from .test_diff_pairs import seed, write

    def edition(name, targets):
        data = seed()
        data["body"][2]["body"][3]["targets"] = targets
        return read_spec(write(data, tmp_path / name))[0]

    old = edition("old.yaml", [{"indicator": "urban_income", "ensure": 6},
                               {"indicator": "居民储蓄存款余额增速", "ensure": 5}])
    new = edition("new.yaml", [{"indicator": "rural_income", "ensure": 7},
                               {"indicator": "全市居民储蓄存款余额增速", "ensure": 6}])
    got = {(t.indicator, t.change) for t in compare(old, new).result.targets}
    assert got == {("农村居民人均可支配收入", "added"), ("城镇居民人均可支配收入", "removed"),
                   ("全市居民储蓄存款余额增速", "changed")}


def test_last_years_result_read_from_text_skips_averages_and_targets(seed_report):
    from reportkit.diff.model import Amount, TargetSide
    from reportkit.diff.targets import outcome
    from reportkit.flat import Line
    from reportkit.registry import for_report

    old = TargetSide("industry", "规上工业增加值", "growth", "7.5%", "规上工业增加值增长7.5%。",
                     value=Amount("7.5", "%"))
    text = [Line("para", "五年来规上工业增加值年均增长9.0%，今年规上工业增加值预期增长8%。"),
            Line("para", "全年规上工业增加值增长5.9%。")]
    got = outcome(old, None, for_report(seed_report), text)
    assert (got.actual, got.verdict, got.gap, got.source) == ("5.9%", "missed", "-1.6个百分点",
                                                              "text")


def test_an_outcome_uses_the_rate_stated_apart_from_the_level(tmp_path):
    """The review states GDP's level in one sentence and its growth in a later one: last year's
    growth target is checked against the growth."""
    from reportkit.commands.import_ import load

    head = "某市政府工作报告\n（{}年1月10日在某市人民代表大会上）\n各位代表：\n"
    old_path, new_path = tmp_path / "2023.txt", tmp_path / "2024.txt"
    old_path.write_text(head.format(2023) + "一、2022年工作回顾\n好。\n二、2023年工作安排\n"
                        "主要预期目标是：地区生产总值增长6%左右；固定资产投资增长8%。\n",
                        encoding="utf-8")
    new_path.write_text(head.format(2024) + "一、2023年工作回顾\n全市地区生产总值达到1203.5亿元。"
                        "全年固定资产投资增长9%，地区生产总值增长6.5%。\n二、2024年工作安排\n"
                        "主要预期目标是：地区生产总值增长6%左右；固定资产投资增长8%。\n",
                        encoding="utf-8")
    result = compare(load(str(old_path)).report, load(str(new_path)).report).result
    gdp = next(t for t in result.targets if t.indicator == "地区生产总值")
    assert (gdp.outcome.verdict, gdp.outcome.gap, gdp.outcome.source) == (
        "met", "+0.5个百分点", "result")  # the result read from the review, not a text search
