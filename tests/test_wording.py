"""Sentences generated from numbers: differences computed, words chosen by sign and kind."""

from decimal import Decimal as D

from reportkit.model import Comparison, Indicator, Meta, Report, Result, Target, Value
from reportkit.registry import for_report
from reportkit.wording import result_sentence, target_sentence

REG = for_report(Report(Meta("t")))


def test_issue_example_gdp_result():
    r = Result("gdp", level=D("571.02"), growth=D("6.7"), growth_note="同比，下同",
               target=Value(D("6.5")), comparisons=(Comparison("全市平均", D("0.2")),))
    assert result_sentence(r, REG) == ("地区生产总值为571.02亿元，增长（同比，下同）6.7%，超过年初预期目标"
                                       "（6.5%）0.2个百分点，高于全市平均0.2个百分点。")


def test_shortfall_uses_below_and_lower():
    r = Result("fai", growth=D("5.8"), target=Value(D("10")),
               comparisons=(Comparison("全市平均", D("-0.3")),))
    assert result_sentence(r, REG) == "全社会固定资产投资增长5.8%，低于年初预期目标（10%）4.2个百分点，低于全市平均0.3个百分点。"


def test_level_target_difference_is_in_the_unit():
    r = Result("revenue", level=D("9.55"), target=Value(D("9")), name="全区地方一般公共预算收入")
    assert result_sentence(r, REG) == "全区地方一般公共预算收入实现9.55亿元，超过年初预期目标（9亿元）0.55亿元。"


def test_ceiling_met_and_missed():
    met = Result("unemployment", level=D("3.69"), target=Value(D("4.0"), "以内"))
    assert result_sentence(met, REG) == "城镇登记失业率3.69%，完成年初目标控制在4.0%以内。"
    missed = Result("unemployment", level=D("4.3"), target=Value(D("4.0"), "以内"))
    assert result_sentence(missed, REG) == "城镇登记失业率4.3%，高于年初控制目标（4.0%以内）0.3个百分点。"


def test_decline_and_exact_target():
    r = Result("retail", growth=D("-2.5"), target=Value(D("-2.5")))
    assert result_sentence(r, REG) == "社会消费品零售总额下降2.5%，达到年初预期目标（-2.5%）。"


def test_joined_results_share_one_sentence():
    r = Result("new_jobs", level=D("6426"), target=Value(D("6000"), "以上"),
               more=(Result("unemployment", level=D("3.69"), target=Value(D("4.0"), "以内")),))
    assert result_sentence(r, REG) == ("城镇新增就业6426人，超过年初预期目标（6000人以上）426人，"
                                       "城镇登记失业率3.69%，完成年初目标控制在4.0%以内。")


def test_targets_ensure_strive_and_single():
    t = Target("gdp", ensure=Value(D("6.7")), strive=Value(D("7.2"), "以上"))
    assert target_sentence(t, REG) == "地区生产总值确保增长6.7%、力争7.2%以上。"
    single = Target("gdp", value=Value(D("7"), "左右"))
    assert target_sentence(single, REG) == "地区生产总值增长7%左右。"
    ceiling = Target("new_jobs", value=Value(D("6000"), "以上"),
                     more=(Target("unemployment", value=Value(D("4.0"), "以内")),))
    assert target_sentence(ceiling, REG) == "城镇新增就业6000人以上，城镇登记失业率控制在4.0%以内。"


def test_text_override_wins():
    r = Result("gdp", growth=D("6.7"), text="地区生产总值增长6.7%。")
    assert result_sentence(r, REG) == "地区生产总值增长6.7%。"


def test_spec_indicator_overrides_builtin():
    rep = Report(Meta("t"), indicators=(Indicator("gdp", "全区生产总值", unit="万元", verb="达"),))
    r = Result("gdp", level=D("12"))
    assert result_sentence(r, for_report(rep)) == "全区生产总值达12万元。"


def test_heading_numbers_past_ninety_nine():
    from reportkit.vocab import cn_number, heading_label

    assert [cn_number(n) for n in (1, 10, 12, 99, 100, 101, 110, 1001)] == [
        "一", "十", "十二", "九十九", "一百", "一百零一", "一百一十", "一千零一"]
    assert heading_label(2, 100) == "（一百）"
