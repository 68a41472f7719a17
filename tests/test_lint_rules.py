"""Every lint rule, on the examples its docstring gives and on cases a drafter runs into."""

from __future__ import annotations

import re
import textwrap

import pytest
import yaml

from reportkit.lint import check
from reportkit.lint.rules import (RULES, arithmetic, brackets, ensure_strive, headings,
                                  fullwidth_digits, garbled, indicators, missing_actual, notes,
                                  pinyin, punctuation, sentences, traditional, years)
from reportkit.readers.spec import read_spec_text

META = {"title": "关于××区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告",
        "occasion": "2024年2月27日在××区第十二届人民代表大会第四次会议上",
        "date": "2024-02-27", "year_reviewed": 2023, "year_planned": 2024}


def spec(snippet: str) -> str:
    """A whole spec around a snippet: a list is the body; a mapping fills in meta and body."""
    data = yaml.safe_load(textwrap.dedent(snippet))
    if isinstance(data, list):
        data = {"body": data}
    data["meta"] = {**META, **data.get("meta", {})}
    data.setdefault("body", [])
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def lint(snippet: str, rule=None):
    """The problems a rule (or every rule) finds in a snippet; the spec must read cleanly."""
    report, problems = read_spec_text(spec(snippet), "t.yaml")
    assert report is not None and not problems, [p.text() for p in problems]
    return check(report, [rule] if rule else None)


def examples(rule) -> tuple[str, str]:
    """The passing and the failing example of a rule's docstring."""
    doc = rule.__doc__
    passing = re.search(r"Passing::\n(.*?)(?=\nFailing::)", doc, re.S).group(1)
    failing = re.search(r"Failing::\n(.*)", doc, re.S).group(1)
    return passing, failing


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.CODE)
def test_docstring_examples_behave_as_documented(rule):
    passing, failing = examples(rule)
    assert [p for p in lint(passing, rule) if p.code == rule.CODE] == []
    assert [p for p in lint(failing, rule) if p.code == rule.CODE]


def test_codes_are_unique_and_stable():
    codes = [r.CODE for r in RULES]
    assert len(set(codes)) == len(codes)
    assert set(codes) >= {f"RK1{n:02d}" for n in range(1, 15)}


def test_readme_documents_every_rule():
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"| {rule.CODE} | " in readme, rule.CODE


def codes(problems) -> list[str]:
    return [p.code for p in problems]


# -- RK101 arithmetic --------------------------------------------------------------------------
def test_growth_claim_in_prose_checked():
    good = "- 规上工业增加值增长8.6%，超过年初预期目标（8.5%）0.1个百分点。"
    bad = "- 规上工业增加值增长8.6%，超过年初预期目标（8.5%）0.2个百分点。"
    assert lint(good, arithmetic) == []
    [p] = lint(bad, arithmetic)
    assert "8.6 against 8.5 is 0.1个百分点" in p.message and p.line > 0


def test_below_and_decline_claims():
    assert lint("- 投资增长5.8%，低于年初预期目标（10%左右）4.2个百分点。", arithmetic) == []
    assert lint("- 收入下降2%，低于年初预期目标（5%）7个百分点。", arithmetic) == []
    assert lint("- 收入下降2%，低于年初预期目标（5%）3个百分点。", arithmetic)
    # 超过 when the actual is below the target is wrong whatever the number
    [p] = lint("- 投资增长5.8%，超过年初预期目标（10%）4.2个百分点。", arithmetic)
    assert "is not 超过" in p.message


def test_level_claim_in_prose_checked():
    assert lint("- 收入实现9.55亿元，超过年初预期目标（9亿元）0.55亿元。", arithmetic) == []
    [p] = lint("- 收入实现9.55亿元，超过年初预期目标（9亿元）0.5亿元。", arithmetic)
    assert "0.55亿元" in p.message


def test_result_override_must_state_the_fields_numbers():
    ok = """
    - results:
        - {indicator: gdp, level: 571.02, growth: 6.7, target: 6.5,
           text: "2023年地区生产总值571.02亿元，增长6.7%，超过预期（6.5%）0.2个百分点[^gdp]。"}
    """
    wrong = """
    - results:
        - {indicator: gdp, growth: 6.7, target: 6.5,
           text: 地区生产总值增长6.7%，超过预期目标0.3个百分点。}
    """
    assert lint(ok, arithmetic) == []
    [p] = lint(wrong, arithmetic)
    assert "states 0.3" in p.message and "0.2个百分点" in p.message


def test_override_numbers_compare_by_value():
    ok = """
    - results:
        - {indicator: fai, growth: 5.8, target: "10.0",
           text: 全社会固定资产投资增长5.8%，低于年初预期目标（10%）4.2个百分点。}
    """
    assert lint(ok, arithmetic) == []


def test_target_override_must_state_its_values():
    ok = """
    - targets:
        - {indicator: gdp, ensure: 6.7, strive: 7.2以上, text: 地区生产总值确保增长6.7%，力争7.2%。}
    """
    wrong = """
    - targets:
        - {indicator: gdp, ensure: 6.7, strive: 7.2以上, text: 地区生产总值确保增长6.5%，力争7.2%。}
    """
    assert lint(ok, arithmetic) == []
    [p] = lint(wrong, arithmetic)
    assert "target states 6.5, which its values do not give" in p.message


# -- RK102 确保 ≤ 力争 ------------------------------------------------------------------------
def test_ensure_above_strive():
    assert lint("- targets: [{indicator: gdp, ensure: 6.7, strive: 6.7以上}]", ensure_strive) == []
    [p] = lint("- targets: [{indicator: gdp, ensure: 7.2, strive: 6.7}]", ensure_strive)
    assert "确保 7.2 is above 力争 6.7" in p.message


# -- RK103 years -------------------------------------------------------------------------------
@pytest.mark.parametrize("meta, words", [
    ({"year_planned": 2025}, "must follow year_reviewed 2023"),
    ({"title": "关于××区2022年计划执行情况及2024年计划草案的报告"}, "does not mention 2023年"),
    ({"date": "2023-02-27"}, "not in year_planned 2024"),
    ({"date": "27 Feb 2024"}, "not an ISO date"),
    ({"occasion": "2024年2月28日在××区人民代表大会上"}, "says 2024年2月28日"),
])
def test_incoherent_years(meta, words):
    problems = lint(yaml.safe_dump({"meta": meta}, allow_unicode=True), years)
    assert any(words in p.message for p in problems), [p.message for p in problems]


def test_coherent_years_and_missing_fields_pass():
    assert lint("[]", years) == []
    assert lint("meta: {occasion: '', date: ''}", years) == []


# -- RK104 notes -------------------------------------------------------------------------------
def test_missing_and_empty_explanations_are_warnings():
    problems = lint("""
    body:
      - 建立体系[^a]，发展[^b]。
    notes:
      - {key: a, term: 甲}
    """, notes)
    assert sorted((p.level, p.message) for p in problems) == [
        ("warning", "mark [^b] has no note in `notes`"),
        ("warning", "note `a` has no explanation")]


def test_unreferenced_duplicate_and_typed_notes():
    problems = lint("""
    body:
      - 建立体系[3]，发展[^a]。
    notes:
      - {key: a, text: 解释}
      - {key: a, text: 又一个}
      - {key: b, text: 没有人引用}
    """, notes)
    found = {(p.level, p.message.split(":")[0]) for p in problems}
    assert ("error", "note `a` is listed twice") in found
    assert ("warning", "note `b` is never referenced") in found
    assert any(p.level == "error" and "typed note number [3]" in p.message for p in problems)


def test_seed_spec_warns_only_for_its_sixteen_unexplained_notes(seed_report):
    problems = check(seed_report)
    assert {(p.code, p.level) for p in problems} == {("RK104", "warning")}
    assert len(problems) == 16 and all("has no explanation" in p.message for p in problems)


# -- RK105 indicators --------------------------------------------------------------------------
def test_unregistered_indicator_with_suggestion():
    [p] = lint("- results: [{indicator: retial, growth: 10.6, target: 9}]", indicators)
    assert "`retial` is not registered; did you mean `retail`?" in p.message


def test_spec_indicator_registers_and_replaces():
    ok = """
    indicators:
      - {key: tourism, name: 旅游收入, unit: 亿元}
      - {key: gdp, name: 地区生产总值, aliases: [GDP], unit: 亿元}
    body:
      - results: [{indicator: tourism, growth: 12, target: 10}]
    """
    assert lint(ok, indicators) == []


def test_registered_twice():
    problems = lint("""
    indicators:
      - {key: tourism, name: 旅游收入}
      - {key: tourism, name: 旅游收入}
      - {key: tour2, name: 旅游总收入, aliases: [旅游收入]}
      - {key: growth_all, name: 经济总量, aliases: [生产总值]}
    """, indicators)
    messages = [p.message for p in problems]
    assert "indicator `tourism` is registered twice under `indicators:`" in messages
    assert any("“旅游收入” of `tour2` is already claimed by an indicator, `tourism`" in m
               for m in messages)
    assert any("of `growth_all` is already claimed by a built-in indicator, `gdp`" in m
               for m in messages)


def test_builtin_registry_claims_each_name_once():
    from reportkit.registry import builtin

    assert list(indicators.name_conflicts(builtin())) == []


def test_written_name_must_be_the_indicators():
    assert lint("- results: [{indicator: revenue, name: 全区地方一般公共预算收入, level: 9.55,"
                " target: 9}]", indicators) == []
    [p] = lint("- results: [{indicator: revenue, name: 税收收入, level: 9.55, target: 9}]",
               indicators)
    assert p.level == "warning" and "“税收收入” is not a name of `revenue`" in p.message


# -- RK106 headings ----------------------------------------------------------------------------
def test_duplicate_and_empty_headings_among_siblings_only():
    ok = """
    - section: 甲
      body: [{section: 工作}]
    - section: 乙
      body: [{section: 工作}]
    """
    assert lint(ok, headings) == []
    problems = lint("""
    - section: 甲
    - section: 甲
    - section: " "
    """, headings)
    assert sorted(p.message.split(" on line")[0] for p in problems) == [
        "empty heading", "heading “甲” repeats its sibling"]


@pytest.mark.parametrize("heading", ["一、总体要求", "（二）主要目标", "(三)任务", "1.扩大投资",
                                     "2、促进消费", "（1）项目"])
def test_typed_heading_numbers(heading):
    [p] = lint(yaml.safe_dump([{"section": heading}], allow_unicode=True), headings)
    assert "typed number" in p.message


@pytest.mark.parametrize("heading", ["2023年目标完成情况。", "1.5倍增长目标", "十四五规划"])
def test_headings_starting_with_numbers_that_are_words(heading):
    assert lint(yaml.safe_dump([{"section": heading}], allow_unicode=True), headings) == []


def test_fifth_level_section():
    deep = {"section": "五"}
    for name in "四三二一":
        deep = {"section": name, "body": [deep]}
    [p] = lint(yaml.safe_dump([deep], allow_unicode=True), headings)
    assert "at level 5" in p.message


# -- RK107 punctuation -------------------------------------------------------------------------
@pytest.mark.parametrize("text, bad", [
    ("增长6.7%,超过目标。", ","), ("主要是:产业", ":"), ("是否完成?", "?"),
    ("完成;推进", ";"), ("超过预期目标(6.5%)", "("), ("大会!", "!"),
])
def test_half_width_punctuation(text, bad):
    problems = lint(yaml.safe_dump([text], allow_unicode=True), punctuation)
    assert problems and all(p.level == "error" for p in problems)
    assert f"half-width “{bad}”" in problems[0].message


@pytest.mark.parametrize("text", [
    "地区生产总值为571.02亿元。", "完成1,000户，10:30开会。", "推广5G、STEAM和APP。",
    "详见 https://www.dongqu.gov.cn/a,b?x=1 。", "函数f(x)的取值。", "“跨省通办　省内通办”",
])
def test_kept_ascii(text):
    assert lint(yaml.safe_dump([text], allow_unicode=True), punctuation) == []


def test_stray_space_is_a_warning():
    [p] = lint("- 全区上下 主动作为", punctuation)
    assert p.level == "warning" and "“全区上下 主动作为”" in p.message


def test_punctuation_in_headings_meta_and_notes():
    problems = lint("""
    meta: {occasion: '2024年2月27日在××区人民代表大会上(草案)'}
    body:
      - section: 聚焦扩大投资,促进消费
      - 发展[^a]。
    notes:
      - {key: a, term: 甲, text: 解释;说明}
    """, punctuation)
    assert {p.message.split(" has")[0] for p in problems} == {"meta.occasion", "heading",
                                                               "note text"}


# -- RK108 traditional characters --------------------------------------------------------------
def test_traditional_characters_named_with_their_simplified_form():
    [p] = lint("- 順利完成6500噸儲備糧食輪換。", traditional)
    assert "順→顺" in p.message and "噸→吨" in p.message


def test_characters_simplified_text_keeps():
    assert lint("- 显著提升，著名品牌，瞭望塔，乾坤，藉此，于是，濛溪河遗址。", traditional) == []


# -- RK109 pinyin ------------------------------------------------------------------------------
def test_leftover_pinyin():
    [p] = lint("- 以关(guān)键技术攻关为重点。", pinyin)
    assert "“关(guān)”" in p.message
    # and RK107 leaves those parentheses to RK109
    assert lint("- 以关(guān)键技术攻关为重点。", punctuation) == []


def test_real_parentheses_are_not_pinyin():
    assert lint("- 优惠0.89亿元（含攀钢），CBA(China)。", pinyin) == []


# -- RK110 missing actual ----------------------------------------------------------------------
@pytest.mark.parametrize("item, field", [
    ("{indicator: gdp, level: 571.02, measure: growth, target: 6.5}", "growth"),
    ("{indicator: unemployment, growth: 0.2, target: 4.0以内}", "level"),
    # nothing stated yet (a next edition's result): the indicator's kind says what to state
    ("{indicator: gdp, target: 6.5}", "growth"),
    ("{indicator: new_jobs, target: 6000以上}", "level"),
])
def test_target_without_actual(item, field):
    [p] = lint(f"- results: [{item}]", missing_actual)
    assert f"but no `{field}`" in p.message


def test_target_without_actual_does_not_break_other_rules():
    problems = lint("- results: [{indicator: gdp, measure: growth, level: 5, target: 6.5,"
                    " text: 地区生产总值为5亿元。}]")
    assert codes(problems) == ["RK110"]


def test_problem_points_at_the_node():
    problems = lint("""
    - 第一段。
    - results:
        - {indicator: gdp, growth: 6.7, target: 6.5}
        - {indicator: unemployment, growth: 0.2, target: 4.0以内}
    """, missing_actual)
    text = spec("""
    - 第一段。
    - results:
        - {indicator: gdp, growth: 6.7, target: 6.5}
        - {indicator: unemployment, growth: 0.2, target: 4.0以内}
    """).splitlines()
    [p] = problems
    assert text[p.line - 1][p.col - 1:].startswith("indicator: unemployment")


# -- RK111 paired marks ----------------------------------------------------------------------
@pytest.mark.parametrize("text", ["坚持“周监测、月调度、季盘点”，出台《方案》（试行）。",
                                  "他说：“要抓‘四个一批’项目。”", "（1）项目",
                                  "【专栏】〔2024〕1号"])
def test_balanced_marks(text):
    assert lint(yaml.safe_dump([text], allow_unicode=True), brackets) == []


@pytest.mark.parametrize("text, words", [
    ("出台《方案，实施行动。", "“《” is not closed (no “》”)"),
    ("建立“领导小组体系。", "is not closed (no “””)"),
    ("四花”行动。", "“”” closes nothing"),
    ("出台《方案）。", "“）” closes nothing"),
    ("“‘四个一批”’项目。", "“”” closes nothing"),
])
def test_unbalanced_marks(text, words):
    [p] = lint(yaml.safe_dump([text], allow_unicode=True), brackets)
    assert words in p.message


# -- RK112 sentences ---------------------------------------------------------------------------
@pytest.mark.parametrize("body", [
    "- 一段话。\n- 他说：“好。”\n- 建立体系。[^a]\n- 目标为：\n- 怎么办？",
    "- lead: 各位代表！\n  text: 一年来，成效明显。",
    "- 主要指标分别增长8%、9%，\n- dashes: [地区生产总值增长6.7%。]",
    "- 主要指标如下，\n- targets: [{indicator: gdp, value: 6}]",
])
def test_finished_sentences(body):
    assert lint(body, sentences) == []


def test_unfinished_sentences_and_repeats():
    problems = lint("""
    - lead: 顶层设计基本成型
      text: 出台行动方案
    - 主要指标分别增长8%、9%，
    - 一年来，全区上下主动作为、攻坚克难，经济社会发展成效明显。
    - 一年来，全区上下主动作为、攻坚克难，经济社会发展成效明显。
    - dashes: [地区生产总值增长6.7%]
    """, sentences)
    messages = sorted(p.message.split("“")[0] for p in problems)
    assert messages == ["dash item ends without end punctuation: ",
                        "paragraph ends without end punctuation: ",
                        "paragraph ends without end punctuation: ",
                        "the lead sentence ", "this paragraph repeats the one on line 5"]
    assert all(p.level == "warning" for p in problems)


# -- RK113 full-width digits and letters ------------------------------------------------------
def test_full_width_digits_and_letters():
    [p] = lint("- ２０２３年ＧＤＰ增长６.７%。", fullwidth_digits)
    assert p.message.endswith("write ２０２３ → 2023、ＧＤＰ → GDP、６ → 6、７ → 7")


def test_full_width_digit_in_a_real_report():
    """Panzhihua's 2023 report has a full-width ６ (“专项项目６项”); RK113 finds it."""
    from .conftest import CORPUS

    text = (CORPUS / "panzhihua-city" / "2023.md").read_text(encoding="utf-8")
    [line] = [ln for ln in text.splitlines() if "专项项目６项" in ln]
    [p] = lint(yaml.safe_dump([line], allow_unicode=True), fullwidth_digits)
    assert "write ６ → 6" in p.message
    assert lint("- 2023年GDP增长6.7%，“十四五”规划，（一）项目。", fullwidth_digits) == []


# -- the seed web copy, as real text -----------------------------------------------------------
def _seed_paragraphs(edit=lambda s: s) -> str:
    from reportkit.clean import clean_web_text

    from .conftest import SEED

    text = edit(clean_web_text(SEED.read_text(encoding="utf-8")))
    lines = [ln.strip() for ln in text.splitlines()[2:] if ln.strip()]
    return yaml.safe_dump(lines, allow_unicode=True)


def test_seed_wording_states_its_differences_right():
    """The seed's seven stated differences (five 个百分点, 0.55亿元, 426人) all check out."""
    assert lint(_seed_paragraphs(), arithmetic) == []
    def slips(text: str) -> str:
        return text.replace("以上）426人", "以上）462人").replace("左右）3.6个", "左右）3.4个")

    problems = lint(_seed_paragraphs(slips), arithmetic)
    assert sorted(p.message.rsplit("is ", 1)[1] for p in problems) == ["3.6个百分点", "426人"]


def test_the_seeds_three_garbled_passages_are_found():
    problems = lint(_seed_paragraphs(), garbled)
    assert [p.message.split("”")[0] for p in problems] == [
        "paragraph looks garbled at “？jié", "paragraph looks garbled at “？zhǔn",
        "paragraph looks garbled at “？xùn"]  # the cleaner made the ? full-width


@pytest.mark.parametrize("text", ["是否可行？（试行）", "函数f(x)和a(b)。", "详见<附件>。",
                                  "“一城一市一区”&“一区多园”。", "关(guān)键"])
def test_not_garbled(text):
    assert lint(yaml.safe_dump([text], allow_unicode=True), garbled) == []


@pytest.mark.parametrize("text", ["乱码\ufffd出现。", "锟斤拷。", "段落</p>", "空格&nbsp;后",
                                  "犬a(chǎn)业。",
                                  # what the importer also warns of: UTF-8 read as Latin-1 or
                                  # as GBK, a tag that lost its "<"
                                  "他说â€œ发展â€。", "鈥溿发展", "段落/p>，下一段"])
def test_garbled(text):
    [p] = lint(yaml.safe_dump([text], allow_unicode=True), garbled)
    assert p.code == "RK114"


def test_raw_seed_is_full_of_what_the_cleaner_removes():
    from .conftest import SEED

    raw = SEED.read_text(encoding="utf-8")
    lines = [ln for ln in raw.splitlines()[2:] if ln.strip()]
    problems = lint(yaml.safe_dump(lines, allow_unicode=True))
    found = {p.code for p in problems}
    assert {"RK107", "RK108", "RK109"} <= found
    assert len([p for p in problems if p.code == "RK108"]) > 50


def test_years_work_report_title_names_only_the_planned_year():
    from reportkit.lint.rules import years
    from reportkit.model import Meta, Report
    from reportkit.registry import for_report

    ok = Report(Meta("2024年四川省人民政府工作报告", year_reviewed=2023, year_planned=2024))
    assert list(years.check(ok, for_report(ok))) == []
    plan = Report(Meta("关于2024年计划执行情况及2025年计划草案的报告", year_reviewed=2023,
                       year_planned=2024))
    messages = [p.message for p in years.check(plan, for_report(plan))]
    assert any("does not mention 2023年" in m for m in messages)
    wrong = Report(Meta("2022年四川省人民政府工作报告", year_reviewed=2023, year_planned=2024))
    assert any("neither" in p.message for p in years.check(wrong, for_report(wrong)))
