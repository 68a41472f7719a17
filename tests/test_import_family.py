"""Reading the whole family: the layouts and phrasings of government work reports of every place
and era (parts above 一、, notes headings, appendices, target lists in any phrasing, last year's
outcomes in prose). Each text is small and shows one thing; the spec each import writes must
read back as the same report (the import command checks this, RK309)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportkit.commands.import_ import load
from reportkit.flat import plain_text
from reportkit.model import Section, results, sections, targets
from reportkit.readers.spec import read_spec_text
from reportkit.writers.yaml import write_yaml

from .conftest import run_cli

HEAD = "某市政府工作报告\n（2024年1月10日在某市第十届人民代表大会第三次会议上）\n市长　王五\n各位代表：\n"


def imp(tmp_path, body: str, head: str = HEAD):
    path = tmp_path / "r.txt"
    path.write_text(head + body, encoding="utf-8")
    got = load(str(path))
    back, _problems = read_spec_text(write_yaml(got.report).decode("utf-8"), "r.yaml")
    assert back == got.report, "the written spec must read back as the import"
    return got


def values(t) -> tuple:
    return tuple((k, str(getattr(t, k).number), str(getattr(t, k).high or ""),
                  getattr(t, k).qualifier) for k in ("ensure", "strive", "value")
                 if getattr(t, k) is not None)


def found(got) -> dict:
    return {t.indicator: values(t) for t in targets(got.report)}


# -- structure ---------------------------------------------------------------------------------

def test_parts_above_the_numbered_headings_keep_the_sources_numbers(tmp_path):
    """"2023年工作回顾" and "2024年工作安排" each restart 一、二、: parts, not one run 一 to 四
    renumbered with warnings."""
    got = imp(tmp_path, "2023年工作回顾\n一、经济发展\n好。\n二、社会事业\n好。\n"
                        "2024年工作安排\n一、总体要求\n好。\n二、重点任务\n好。\n")
    review, plan = got.report.body
    assert (review.part, review.heading, plan.part, plan.heading) == (
        True, "2023年工作回顾", True, "2024年工作安排")
    assert [s.heading for s in plan.body] == ["总体要求", "重点任务"]
    assert not [p for p in got.problems if p.code == "RK302"]
    text = plain_text(got.report)
    assert "2024年工作安排\n一、总体要求" in text and "二、重点任务" in text
    # a part's sections are at its own level for the linter and the writers
    assert {lv for _, lv in sections(got.report)} == {1}


def test_a_single_run_of_numbers_has_no_parts(tmp_path):
    got = imp(tmp_path, "一、回顾\n好。\n二、安排\n好。\n")
    assert [s.part for s in got.report.body] == [False, False]


@pytest.mark.parametrize("heading", ["名词解释", "注 释", "注释：", "附注", "附件：名词解释",
                                     "附：相关名词解释", "**主要名词解释**"])
def test_notes_headings_in_every_variant(tmp_path, heading):
    got = imp(tmp_path, f"一、工作\n推进“一区多园”[1]建设。\n{heading}\n1．一区多园：一个高新区、多个园区。\n")
    assert [(n.key, n.term, n.text) for n in got.report.notes] == [
        ("1", "一区多园", "一个高新区、多个园区。")]
    assert [s.heading for s, _ in sections(got.report)] == ["工作"]


def test_an_appendix_after_the_notes_never_overwrites_them(tmp_path):
    """名词解释 1．…2． then an appendix numbered 1．2． again: the notes keep their texts, the
    appendix is kept whole after them, and the import says so (RK312)."""
    got = imp(tmp_path, "一、工作\n推进“甲”[1]和“乙”[2]。\n名词解释\n1．甲：甲的解释。\n2．乙：乙的解释。\n"
                        "附件\n相关数据情况说明\n1．为什么增长较快？\n主要是基数较低。\n2．为什么下降？\n价格回落。\n")
    assert {n.key: n.text for n in got.report.notes} == {"1": "甲的解释。", "2": "乙的解释。"}
    text = plain_text(got.report)
    assert "为什么增长较快？" in text and "价格回落。" in text
    assert got.report.appendix and isinstance(got.report.appendix[0], Section)


def test_a_second_list_numbered_from_one_is_not_a_second_explanation(tmp_path):
    got = imp(tmp_path, "一、工作\n推进“甲”[1]。\n名词解释\n1．甲：甲的解释。\n1．另一个问题？\n答复。\n")
    assert {n.key: n.text for n in got.report.notes} == {"1": "甲的解释。"}
    assert [p.code for p in got.problems if p.code == "RK312"] == ["RK312"]
    assert "另一个问题？" in plain_text(got.report)


# -- the main target list ------------------------------------------------------------------------

def test_an_opening_without_shi_and_a_long_preamble(tmp_path):
    got = imp(tmp_path, "二、2024年工作安排\n按照上述要求，综合分析研判内外部形势，对接省市部署，提出今年全市经济社会"
                        "发展的主要预期目标：地区生产总值增长5.5%左右；一般公共预算收入增长6%；"
                        "城镇新增就业1.2万人以上。\n")
    assert found(got) == {"gdp": (("value", "5.5", "", "左右"),),
                          "revenue": (("value", "6", "", ""),),
                          "new_jobs": (("value", "1.2", "", "以上"),)}


def test_ranges_prefix_qualifiers_and_ensure_strive(tmp_path):
    got = imp(tmp_path, "二、2024年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长5.0%-5.5%；"
                        "规上工业增加值确保增长6%、力争7%；研发经费投入强度不低于2.5%；"
                        "城镇登记失业率控制在4%以内。\n")
    t = found(got)
    assert t["gdp"] == (("value", "5.0", "5.5", ""),)
    assert t["industry"] == (("ensure", "6", "", ""), ("strive", "7", "", ""))
    assert t["研发经费投入强度"] == (("value", "2.5", "", "不低于"),)
    assert t["unemployment"] == (("value", "4", "", "以内"),)


def test_respectively_and_shared_values(tmp_path):
    got = imp(tmp_path, "二、2024年工作安排\n主要预期目标是：城乡居民人均可支配收入分别增长8%、9%；"
                        "城镇和农村居民人均可支配收入均增长7%；固定资产投资增长10%。\n")
    got_targets = [(t.indicator, values(t)) for t in targets(got.report)]
    assert ("urban_income", (("value", "8", "", ""),)) in got_targets
    assert ("rural_income", (("value", "9", "", ""),)) in got_targets
    assert got_targets.count(("urban_income", (("value", "7", "", ""),))) == 1


def test_items_without_a_number(tmp_path):
    """A qualitative item is a target without a number, its words kept; a registered
    indicator named with no number is "not stated", unlike an indicator not found at all."""
    got = imp(tmp_path, "二、2024年工作安排\n主要预期目标是：经济增速保持在合理区间；"
                        "固定资产投资增长8%；居民收入增长与经济增长同步；节能减排完成省下达任务。\n")
    by_text = {t.text.rstrip("；。"): t for t in targets(got.report) if t.text}
    assert by_text["经济增速保持在合理区间"].stated is False
    assert by_text["经济增速保持在合理区间"].indicator == "gdp"
    same_pace = by_text["居民收入增长与经济增长同步"]
    assert same_pace.stated and values(same_pace) == ()
    assert "节能减排完成省下达任务" in by_text
    assert "——经济增速保持在合理区间；" in plain_text(got.report)


def test_a_list_on_its_own_lines_after_the_opening(tmp_path):
    got = imp(tmp_path, "二、2024年工作安排\n今年经济社会发展的主要预期目标是：\n"
                        "——经济支撑型指标夯实厚度。地区生产总值增长7%左右；一般公共预算收入增长6.5%左右。\n"
                        "——民生保障型指标提升温度。城镇新增就业1万人。\n"
                        "三、主要任务\n——推进36个重大项目。\n")
    t = found(got)
    assert t["gdp"] == (("value", "7", "", "左右"),) and "new_jobs" in t
    assert not any("推进" in k for k in t)  # a task line after the list is no target


def test_five_year_goals_are_not_the_years_list(tmp_path):
    got = imp(tmp_path, "二、今后五年\n今后五年的主要预期目标是：地区生产总值年均增长6%；"
                        "一般公共预算收入年均增长7%。\n三、2024年工作安排\n今年的主要预期目标是：地区生产总值增长5%左右。\n")
    assert found(got) == {"gdp": (("value", "5", "", "左右"),)}


def test_targets_of_later_task_sections_are_not_the_main_list(tmp_path):
    got = imp(tmp_path, "二、2024年工作安排\n主要预期目标是：地区生产总值增长5%左右；固定资产投资增长6%。\n"
                        "三、重点任务\n（一）工业\n——规上工业增加值确保增长8%、力争9%。\n")
    assert set(found(got)) == {"gdp", "fai"}


# -- last year's outcomes ----------------------------------------------------------------------

def test_outcomes_read_from_the_reviews_prose(tmp_path):
    got = imp(tmp_path, "一、2023年工作回顾\n过去一年，全市地区生产总值达到1203.5亿元，增长6.3%，两年平均增长5.1%；"
                        "规上工业增加值增长5.7%，固定资产投资、社会消费品零售总额分别增长7.6%、9%。"
                        "城乡居民人均可支配收入分别增长8.7%、9.8%。居民消费价格上涨0.2%，城镇登记失业率3.2%，"
                        "城镇新增就业3.1万人。进出口总额下降2.5%。\n")
    got_results = {r.indicator: (r.level, r.growth) for r in results(got.report)}
    assert got_results["gdp"] == (Decimal("1203.5"), Decimal("6.3"))
    assert got_results["industry"] == (None, Decimal("5.7"))
    assert got_results["fai"] == (None, Decimal("7.6"))
    assert got_results["retail"] == (None, Decimal(9))
    assert got_results["urban_income"] == (None, Decimal("8.7"))
    assert got_results["rural_income"] == (None, Decimal("9.8"))
    assert got_results["cpi"] == (None, Decimal("0.2"))
    assert got_results["unemployment"] == (Decimal("3.2"), None)
    assert got_results["new_jobs"] == (Decimal("3.1"), None)
    # the paragraph's words are the source's; the numbers ride along as its outcomes
    assert "两年平均增长5.1%" in plain_text(got.report)


def test_outcomes_shared_out_by_respectively(tmp_path):
    got = imp(tmp_path, "一、2023年工作回顾\n城镇居民人均可支配收入10766元，农村居民人均纯收入3520元，分别实际增长10.2%和6.8%。"
                        "财政总收入248.7亿元，下降1.5%。\n")
    got_results = {r.indicator: (r.level, r.growth) for r in results(got.report)}
    assert got_results["urban_income"] == (Decimal(10766), Decimal("10.2"))
    assert got_results["rural_income"] == (Decimal(3520), Decimal("6.8"))
    assert got_results["fiscal_total"] == (Decimal("248.7"), Decimal("-1.5"))


def test_outcomes_under_older_and_local_names(tmp_path):
    """社会商品零售总额 (an older name), 规模以上工业企业实现增加值, 境内财政总收入, 新增城镇就业
    岗位……万个; a figure after the name's own in a later comma part names something else."""
    got = imp(tmp_path, "一、2023年工作回顾\n社会商品零售总额完成4965.82亿元，增长23.3%；规模以上工业"
                        "企业实现增加值738亿元，增长11.2%；全市境内财政总收入377.8亿元，增长18.9%。"
                        "新增城镇就业岗位14万个，下岗再就业5.8万人。\n")
    got_results = {r.indicator: (r.level, r.growth) for r in results(got.report)}
    assert got_results["retail"] == (Decimal("4965.82"), Decimal("23.3"))
    assert got_results["industry"] == (Decimal(738), Decimal("11.2"))
    assert got_results["fiscal_total"] == (Decimal("377.8"), Decimal("18.9"))
    assert got_results["new_jobs"] == (Decimal(14), None)


def test_figures_of_another_scope_are_not_last_years(tmp_path):
    got = imp(tmp_path, "一、2023年工作回顾\n五年来，地区生产总值年均增长7.1%。2019年地区生产总值增长6%。"
                        "一季度地区生产总值增长4%。\n")
    assert list(results(got.report)) == []


def test_outcomes_are_not_read_from_the_plan(tmp_path):
    got = imp(tmp_path, "二、2024年工作安排\n全市地区生产总值增长6%的目标要坚决完成。\n")
    assert list(results(got.report)) == []


# -- bad input ------------------------------------------------------------------------------------

def test_a_statistics_bulletin_imports_with_warnings_not_a_crash(tmp_path):
    path = tmp_path / "bulletin.txt"
    path.write_text("某市2023年国民经济和社会发展统计公报\n一、综合\n初步核算，全年地区生产总值1203.5亿元，"
                    "比上年增长6.3%。\n二、农业\n全年粮食产量32万吨。\n", encoding="utf-8")
    done = run_cli("import", path, "-o", tmp_path / "b.yaml")
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert (tmp_path / "b.yaml").is_file()


def test_a_five_year_plan_outline_states_no_target_of_the_year(tmp_path):
    """Its goals (到2025年, 年均) stay text: no target, no result, and a warning says why."""
    path = tmp_path / "plan.txt"
    path.write_text("某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n第一章 发展基础\n"
                    "“十三五”时期，全市地区生产总值年均增长7.1%。\n第二章 主要目标\n“十四五”时期经济"
                    "社会发展的主要目标是：到2025年，地区生产总值年均增长6%左右，城镇调查失业率控制在"
                    "5.5%以内。\n", encoding="utf-8")
    got = load(str(path))
    assert list(targets(got.report)) == [] and list(results(got.report)) == []
    assert [p.code for p in got.problems] == ["RK314"]
    assert "地区生产总值年均增长6%左右" in plain_text(got.report)


def test_a_list_without_an_opening_is_read_and_flagged(tmp_path):
    """No "主要预期目标是：" at all: a paragraph past the review setting three registered
    indicators with the words of targets is the list, with a warning to check it (RK313)."""
    got = imp(tmp_path, "一、2023年工作回顾\n全市地区生产总值增长6%。\n二、2024年工作安排\n"
                        "综合考虑各方面因素，今年全市地区生产总值增长6%左右，固定资产投资增长8%以上，"
                        "城镇登记失业率控制在4%以内。\n")
    assert set(found(got)) == {"gdp", "fai", "unemployment"}
    assert [p.line for p in got.problems if p.code == "RK313"] == [8]


def test_ordinal_items_open_with_their_lead_sentence(tmp_path):
    """"第一，加速提升产业竞争力。……" and "一是……。": the ordinal item's first sentence is its
    lead, as a bold opening would be; the words are unchanged."""
    got = imp(tmp_path, "一、工作回顾\n第一，加速提升产业竞争力。以存量带增量，放大资源优势。\n"
                        "二是深化改革开放。推进重点领域改革。\n")
    first, second = got.report.body[0].body
    assert (first.lead, first.text) == ("第一，加速提升产业竞争力。", "以存量带增量，放大资源优势。")
    assert (second.lead, second.text) == ("二是深化改革开放。", "推进重点领域改革。")


def test_a_report_given_in_december_plans_the_next_year(tmp_path):
    got = imp(tmp_path, "一、2022年工作回顾\n过去一年，全市地区生产总值增长4%。\n", head=(
        "某市政府工作报告\n（2022年12月26日在某市第十八届人民代表大会第二次会议上）\n各位代表：\n"))
    assert (got.report.meta.year_reviewed, got.report.meta.year_planned) == (2022, 2023)


# -- targets: the phrasings met on the labelled set --------------------------------------------

PLAN = "二、2024年工作安排\n"


def by_name(got) -> dict:
    """Each target by the name it is written with (its indicator's when the same)."""
    reg = {i.key: i.name for i in got.report.indicators}
    out = {}
    for t in targets(got.report):
        out[t.name or reg.get(t.indicator) or t.indicator] = t
    return out


def test_an_aim_about_several_indicators_is_one_target_each(tmp_path):
    """"A、B控制在省定范围内" sets both A and B (no number, stated); a collective with 等 and
    "城乡居民收入…同步" stay one aim; the words are kept once."""
    got = imp(tmp_path, PLAN + "主要预期目标是：地区生产总值增长6%左右；城镇调查失业率、"
                               "居民消费价格指数控制在省定范围内；节能减排、环境保护等约束性指标"
                               "完成国家下达任务；城乡居民收入增长与经济增长同步。\n")
    ts = list(targets(got.report))
    inds = [t.indicator for t in ts]
    assert "surveyed_unemployment" in inds and "cpi" in inds
    both = [t for t in ts if t.indicator in ("surveyed_unemployment", "cpi")]
    assert all(t.stated and values(t) == () for t in both)
    assert len(ts) == 5  # gdp, the two, the collective, the one aim for both incomes
    assert "——城镇调查失业率、居民消费价格指数控制在省定范围内；\n——节能减排、环境保护等约束性" \
        "指标完成国家下达任务；" in plain_text(got.report)


def test_levels_listed_then_their_rates_respectively(tmp_path):
    got = imp(tmp_path, PLAN + "主要预期目标是：地区生产总值增长8%；财政总收入435亿元、"
                               "公共财政预算收入163亿元，分别增长22%、20%。\n")
    t = {x.indicator: x for x in targets(got.report) if x.measure != "level"}
    assert values(t["fiscal_total"]) == (("value", "22", "", ""),)
    assert values(t["revenue"]) == (("value", "20", "", ""),)
    levels = {x.indicator: x.value.number for x in targets(got.report) if x.measure == "level"}
    assert levels == {"fiscal_total": Decimal("435"), "revenue": Decimal("163")}


def test_whole_targets_listed_with_a_dunhao(tmp_path):
    """"…降低7%以上、…控制在1.55千克以内" is two targets; "分别增长8%、9%" stays one clause."""
    got = imp(tmp_path, PLAN + "主要预期目标是：万元地区生产总值能耗降低7%以上、化学需氧量排放强度"
                               "控制在1.55千克以内；新增各类市场主体10万户、规模以上工业企业260家；"
                               "城镇和农村居民人均可支配收入分别增长8%、9%。\n")
    t = by_name(got)
    assert values(t["万元地区生产总值能耗"]) == (("value", "7", "", "以上"),)
    assert values(t["化学需氧量排放强度"]) == (("value", "1.55", "", "以内"),)
    assert values(t["规模以上工业企业"]) == (("value", "260", "", ""),)
    assert values(t["新增各类市场主体"]) == (("value", "10", "", ""),)
    assert found(got)["rural_income"] == (("value", "9", "", ""),)


def test_one_rate_for_several_names(tmp_path):
    got = imp(tmp_path, PLAN + "主要预期目标是：地区生产总值、人均GDP、全员劳动生产率增长7%，"
                               "固定资产投资增长8%。\n")
    t = by_name(got)
    assert [values(t[n]) for n in ("人均GDP", "全员劳动生产率")] == [(("value", "7", "", ""),)] * 2
    assert found(got)["gdp"] == (("value", "7", "", ""),)


def test_a_closing_bound_of_respective_ceilings(tmp_path):
    """控制在…以内 frames every value; any other closing qualifier is its own value's."""
    got = imp(tmp_path, PLAN + "主要预期目标是：居民消费价格涨幅和城镇登记失业率分别控制在3%和3.2%"
                               "以内，城乡居民人均可支配收入分别增长8%、10%以上。\n")
    t = found(got)
    assert t["cpi"] == (("value", "3", "", "以内"),)
    assert t["unemployment"] == (("value", "3.2", "", "以内"),)
    assert t["urban_income"] == (("value", "8", "", ""),)
    assert t["rural_income"] == (("value", "10", "", "以上"),)


def test_a_stray_full_stop_before_the_qualifier(tmp_path):
    got = imp(tmp_path, PLAN + "主要预期目标是：地区生产总值增长6%；人口自然增长率控制在6.6％。以内；"
                               "城镇登记失业率控制在4%以内。\n")
    assert values(by_name(got)["人口自然增长率"]) == (("value", "6.6", "", "以内"),)
    assert "人口自然增长率控制在6.6%。以内；" in plain_text(got.report)  # the source's words


def test_a_share_is_not_its_numerator(tmp_path):
    """"服务业增加值占地区生产总值比重提高1个百分点" is no target of 服务业增加值."""
    got = imp(tmp_path, PLAN + "主要预期目标是：地区生产总值增长6%；服务业增加值占地区生产总值比重"
                               "提高1个百分点；固定资产投资增长8%。\n")
    assert "services" not in found(got)
    share = by_name(got)["服务业增加值占地区生产总值比重"]
    assert share.value.number == 1


def test_a_level_then_its_rate_and_a_strive(tmp_path):
    got = imp(tmp_path, PLAN + "主要预期目标是：完成地区生产总值1910亿元，增长15%以上，力争达到"
                               "17%；固定资产投资增长8%。\n")
    gdp = next(t for t in targets(got.report) if t.indicator == "gdp" and t.measure != "level")
    assert values(gdp) == (("ensure", "15", "", "以上"), ("strive", "17", "", ""))


def test_sentences_without_a_number_after_the_list_are_not_items(tmp_path):
    got = imp(tmp_path, PLAN + "主要预期目标是：地区生产总值增长6%，固定资产投资增长8%，节能减排"
                               "完成国家下达任务。保持“三个同步”，即城乡居民收入与地区生产总值同步"
                               "增长，生态环境质量与经济质量效益同步改善，社会事业进步与经济发展"
                               "水平同步提高。\n")
    assert len(list(targets(got.report))) == 3
    assert "保持“三个同步”，即城乡居民收入" in plain_text(got.report)


def test_a_list_closing_a_paragraph_on_the_plan_period(tmp_path):
    """"今年是“十四五”……" opens on the plan period; its last sentence is still the year's list."""
    got = imp(tmp_path, "一、2023年工作回顾\n好。\n" + PLAN +
              "今年是“十四五”规划承上启下之年。综合考虑各方面因素，全市地区生产总值预期增长5%左右，"
              "固定资产投资增长7%，社会消费品零售总额增长6%，城乡居民人均可支配收入分别增长6%和7%。\n")
    t = found(got)
    assert t["gdp"] == (("value", "5", "", "左右"),)
    assert t["rural_income"] == (("value", "7", "", ""),)
    assert any(p.code == "RK313" for p in got.problems)


@pytest.mark.parametrize("heading, goals", [
    ("**“十三五”发展目标任务**", "主要预期目标是：经济保持中高速增长，地区生产总值增长8%左右，"),
    ("**二、“十三五”总体部署**", "实现经济实力新跨越。年均GDP增速达到8%左右，到2020年，全市地区"
                            "生产总值达到2500亿元左右，"),
])
def test_a_list_under_the_plan_periods_heading_is_not_the_years(tmp_path, heading, goals):
    """Under "“十三五”发展目标任务" the list is of the five years; the year's list comes later."""
    path = tmp_path / "r.md"
    path.write_text("# 某市政府工作报告\n\n各位代表：\n\n一、2015年工作回顾\n\n好。\n\n"
                    f"{heading}\n\n{goals}城乡居民收入翻一番。\n\n**2016年主要工作**\n\n今年的"
                    "主要预期目标是：地区生产总值增长7.5%左右；固定资产投资增长12%。\n",
                    encoding="utf-8")
    got = load(str(path))
    assert found(got)["gdp"] == (("value", "7.5", "", "左右"),)
    assert len(list(targets(got.report))) == 2


def test_an_opening_with_a_comma(tmp_path):
    got = imp(tmp_path, PLAN + "主要预期目标是，全市地区生产总值增长6%，固定资产投资增长7%以上，"
                               "公共财政预算收入增长6%。重点做好十个方面工作。\n")
    assert found(got)["fai"] == (("value", "7", "", "以上"),)


def test_a_long_aim_listing_what_it_speaks_of(tmp_path):
    """A long item without a number is kept when it lists its names before a short predicate;
    与 joins two names unless a comparison follows ("与经济增长同步")."""
    got = imp(tmp_path, PLAN + "主要预期目标是：地区生产总值增长5%以上，居民收入增长与经济增长同步，"
                               "节能减排、大气与水环境质量、耕地保护和粮食安全完成国家、省下达的目标"
                               "任务；城镇新增就业、粮食产量、空气和水环境质量、单位地区生产总值二氧化碳"
                               "减排等完成省定目标。\n")
    names = set(by_name(got))
    assert {"节能减排", "大气与水环境质量", "耕地保护", "粮食安全"} <= names
    assert "城镇新增就业、粮食产量、空气和水环境质量、单位地区生产总值二氧化碳减排" in names
    assert len(list(targets(got.report))) == 7


def test_a_list_opening_on_expected_with_the_three_sectors(tmp_path):
    """"预期国内生产总值增长11%，其中一、二、三产业增加值分别增长……" after a sentence on the plan."""
    got = imp(tmp_path, "一、2000年工作回顾\n好。\n二、2001年的主要任务\n扎实有效地做好今年的各项"
                        "工作，对于实施“十五”计划开好局至关重要。预期国内生产总值增长11%，其中一、二、"
                        "三产业增加值分别增长4.5%、12.5%和12%；地方财政一般预算收入增长9%；全社会固定"
                        "资产投资增长15%。\n")
    t = by_name(got)
    assert found(got)["gdp"] == (("value", "11", "", ""),)
    assert values(t["第二产业增加值"]) == (("value", "12.5", "", ""),)
    assert "预期国内生产总值增长11%" in plain_text(got.report)


def test_five_years_reviewed_in_dash_lines_are_no_targets(tmp_path):
    got = imp(tmp_path, "一、过去五年工作回顾\n——综合经济实力显著增强。地区生产总值年均增长13%，"
                        "固定资产投资年均增长28%。\n二、2012年工作安排\n主要预期目标是：地区生产总值"
                        "增长11%，固定资产投资增长30%。\n")
    assert found(got)["gdp"] == (("value", "11", "", ""),)
    assert len(list(targets(got.report))) == 2


def test_a_level_stated_apart_from_its_rate_and_years_compared_with(tmp_path):
    """"分别增长16.6%、17.6%" then, later, "全社会固定资产投资达540亿元": the level is read too;
    "由134.5亿元增加到343.1亿元" gives the level reached; "是2006年的2.6倍" beside 比上年 does not
    make the sentence another year's; "迈上4000亿元台阶" is a threshold, not a level."""
    got = imp(tmp_path, "一、2011年工作回顾\n全社会固定资产投资、社会消费品零售总额和进出口贸易总额"
                        "分别增长16.6%、17.6%、31.6%。全社会固定资产投资达540亿元。全市生产总值由134.5"
                        "亿元增加到343.1亿元。财政总收入完成502.1亿元，比上年增长22.3%，是2006年的2.6"
                        "倍。城镇居民人均可支配收入迈上20000元台阶。\n")
    got_results = {}
    for r in results(got.report):
        old = got_results.get(r.indicator, (None, None))
        got_results[r.indicator] = (r.level or old[0], r.growth or old[1])
    assert got_results["fai"] == (Decimal(540), Decimal("16.6"))
    assert got_results["retail"] == (None, Decimal("17.6"))
    assert got_results["gdp"] == (Decimal("343.1"), None)
    assert got_results["fiscal_total"] == (Decimal("502.1"), Decimal("22.3"))
    assert "urban_income" not in got_results


def test_names_ending_in_a_verb_like_word(tmp_path):
    """"降低率", "削减量", "增长率" end names; "完成A目标和B目标" is two aims; 在 before a
    number is no part of the name."""
    got = imp(tmp_path, PLAN + "主要预期目标是：地区生产总值增长8%，人口自然增长率在5.5‰以内，"
                               "单位生产总值能耗降低率、主要污染物削减量和城市环境空气质量改善率完成"
                               "省定目标要求，全面完成年度节能减排降碳约束性目标和环境质量改善目标。\n")
    names = set(by_name(got))
    assert {"人口自然增长率", "单位生产总值能耗降低率", "主要污染物削减量", "城市环境空气质量改善率",
            "年度节能减排降碳约束性目标", "环境质量改善目标"} <= names


def test_a_paragraph_on_the_year_reviewed_is_no_list(tmp_path):
    got = imp(tmp_path, "一、“十五”计划确定的目标全面完成\n（五）人民生活水平不断提高。2023年城镇登记"
                        "失业率预计为4.5%以内，城镇居民人均可支配收入增长8%以上，农村居民人均可支配"
                        "收入增长9%左右，地区生产总值增长6%左右。\n")
    assert list(targets(got.report)) == []


def test_aims_after_the_list_naming_indicators_are_items(tmp_path):
    """Sentences without a number after the list are items when they name indicators, and the
    list's own words when they do not ("保持“三个同步”，即……")."""
    got = imp(tmp_path, PLAN + "主要预期目标是：地区生产总值增长6%以上，力争增长8%；固定资产投资增长"
                               "10%以上。减排降碳控制在上级下达目标以内，居民人均可支配收入与经济增长"
                               "基本同步，城镇调查失业率控制在自治区下达目标以内。\n")
    inds = {t.indicator for t in targets(got.report)}
    assert {"income", "surveyed_unemployment"} <= inds
    assert all(t.stated for t in targets(got.report) if t.indicator == "surveyed_unemployment")


def test_levels_completed_then_rates_respectively(tmp_path):
    """"完成21482元和9990元，分别增长10.2％和13.4％": each side its level and its rate."""
    got = imp(tmp_path, "一、2013年工作回顾\n城镇居民人均可支配收入和农牧民人均纯收入完成21482元和9990元，"
                        "分别增长10.2％和13.4％。\n")
    got_results = [(r.indicator, r.level, r.growth) for r in results(got.report)]
    assert ("urban_income", Decimal(21482), Decimal("10.2")) in got_results
    assert ("rural_income", Decimal(9990), Decimal("13.4")) in got_results


def test_levels_reached_from_a_start_year_and_past_a_threshold(tmp_path):
    got = imp(tmp_path, "一、2023年工作回顾\n地区生产总值从2018年的958.5亿元增加到2023年的1425.7亿元，"
                        "年均增长5.9%。地方一般公共预算收入在全省率先突破百亿元、达到140.96亿元，增长"
                        "7.5%。\n")
    got_results = {r.indicator: (r.level, r.growth) for r in results(got.report)}
    assert got_results["gdp"] == (Decimal("1425.7"), None)  # not 958.5, not the 年均 rate
    assert got_results["revenue"] == (Decimal("140.96"), Decimal("7.5"))


def test_a_shared_tail_and_a_planned_number(tmp_path):
    """"常住人口和户籍人口城镇化率分别提高1.6和2个百分点": both are 城镇化率; "增速高于全省1个
    百分点，按增长7%以上安排": the number planned; "在优化结构……的基础上，" is no item."""
    got = imp(tmp_path, PLAN + "主要预期目标是：在优化结构、提高效益的基础上，地区生产总值增速高于全省1个"
                               "百分点，按增长7%以上安排；常住人口和户籍人口城镇化率分别提高1.6和2个百分点；"
                               "市区居民人均可支配收入和农民人均纯收入均实际增长8%。\n")
    t = by_name(got)
    assert found(got)["gdp"] == (("value", "7", "", "以上"),)
    assert values(t["常住人口城镇化率"]) == (("value", "1.6", "", ""),)
    assert values(t["户籍人口城镇化率"]) == (("value", "2", "", ""),)
    assert values(t["市区居民人均可支配收入"]) == (("value", "8", "", ""),)
    assert not any("基础上" in n for n in t)


def test_rates_shared_out_over_names_stated_with_a_level(tmp_path):
    got = imp(tmp_path, "一、2023年工作回顾\n完成规模以上工业总产值1745.5亿元、规模以上工业增加值581.5亿元，"
                        "分别增长27.4%和20.2%。城镇居民、农村居民、低收入农户人均可支配收入分别增长"
                        "4.4%、6.7%、12.1%。地方财政收入相继跨过100亿元大关。\n")
    got_results = {r.indicator: (r.level, r.growth) for r in results(got.report)}
    assert got_results["industry"] == (Decimal("581.5"), Decimal("20.2"))
    assert got_results["urban_income"] == (None, Decimal("4.4"))
    assert got_results["rural_income"] == (None, Decimal("6.7"))
    assert "revenue" not in got_results  # a threshold crossed, not the level


def test_a_name_inside_another_indicators_name_is_not_it(tmp_path):
    """"单位GDP二氧化碳排放强度下降49.41%" says nothing of GDP; "由“十一五”末5793.3亿元增加到
    8500亿元" gives the level reached."""
    got = imp(tmp_path, "一、2023年工作回顾\n单位GDP二氧化碳排放强度下降49.41%。全市地区生产总值由"
                        "“十一五”末5793.3亿元增加到8500亿元。\n")
    got_results = {r.indicator: (r.level, r.growth) for r in results(got.report)}
    assert got_results["gdp"] == (Decimal(8500), None)


def test_a_december_report_reviews_the_year_its_review_heading_names(tmp_path):
    """Given on 2022-12-29, the report reviews 2022 (its heading says so) and plans 2023: the
    review paragraph "2022年，……地区生产总值增长5%……" is no list; the 2023 list is."""
    got = imp(tmp_path, "一、2022年工作回顾\n2022年，是极不平凡的一年。地区生产总值增长5%（预计数，"
                        "下同），规模工业增加值增长5%，固定资产投资增长8%，地方一般公共预算收入增长2.1%，"
                        "实现了新一届政府良好开局。\n二、2023年工作安排\n经济社会发展的主要预期目标是："
                        "地区生产总值增长7%以上，固定资产投资增长8.5%以上。\n", head=(
                            "某市政府工作报告\n（2022年12月29日在某市第八届人民代表大会第二次会议上）\n"
                            "各位代表：\n"))
    assert found(got)["gdp"] == (("value", "7", "", "以上"),)
    assert len(list(targets(got.report))) == 2


def test_a_review_paragraph_under_a_heading_of_the_year(tmp_path):
    """"刚刚过去的2023年，……" under "三、2024年政府工作总体安排" is the review: its outcomes are
    read, and "GDP、……、城镇和农村居民人均可支配收入同比分别增长……" gives each its rate."""
    got = imp(tmp_path, "一、“十四五”规划完成情况\n好。\n三、2024年政府工作总体安排\n刚刚过去的2023年，"
                        "我们坚持稳中求进。预计GDP、一般公共预算收入、城镇和农村居民人均可支配收入同比"
                        "分别增长10%、13.5%、9%和10%。\n2024年主要预期目标是：地区生产总值增长7%。\n")
    got_results = {r.indicator: (r.level, r.growth) for r in results(got.report)}
    assert got_results["gdp"] == (None, Decimal(10))
    assert got_results["urban_income"] == (None, Decimal(9))
    assert got_results["rural_income"] == (None, Decimal(10))


def test_revenue_collected_in_the_city_is_not_the_local_revenue(tmp_path):
    """"来源于广州地区的一般公共预算收入" includes the central share: not the local revenue."""
    got = imp(tmp_path, "一、2023年工作回顾\n来源于本市地区的一般公共预算收入6336亿元，增长2.1%；地方一般"
                        "公共预算收入1697.2亿元，增长4%。\n")
    got_results = {r.indicator: (r.level, r.growth) for r in results(got.report)}
    assert got_results["revenue"] == (Decimal("1697.2"), Decimal(4))
