"""The structure an import finds, on small texts that each show one thing."""

from __future__ import annotations

from decimal import Decimal

from reportkit.flat import plain_text
from reportkit.model import DashList, Paragraph, ResultList, Section, TargetList
from reportkit.readers.text import import_text

HEAD = """关于某区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告
（2024年2月20日在某区第一届人民代表大会第二次会议上）
某区发展和改革局局长　张三
各位代表：
"""


def imp(tmp_path, body: str, suffix: str = ".txt", head: str = HEAD):
    path = tmp_path / f"r{suffix}"
    path.write_text(head + body, encoding="utf-8")
    return import_text(path)


def test_results_in_a_review_section_need_no_target(tmp_path):
    got = imp(tmp_path, "一、2023年计划执行情况\n——城镇新增就业6426人。\n——地区生产总值增长6.7%。\n")
    (lst,) = got.report.body[0].body
    assert isinstance(lst, ResultList)
    assert [(r.indicator, r.level, r.growth, r.text) for r in lst.items] == [
        ("new_jobs", Decimal(6426), None, ""), ("gdp", None, Decimal("6.7"), "")]


def test_targets_after_an_intro(tmp_path):
    got = imp(tmp_path, "二、2024年主要预期目标\n主要预期目标为：\n——地区生产总值增长7%左右。\n"
                        "——建筑业增加值增长6%。\n——生态环境持续改善。\n")
    _intro, targets = got.report.body[0].body
    assert isinstance(targets, TargetList)
    # an item of the main list without a number is a qualitative target, its words kept
    assert [t.indicator for t in targets.items][:2] == ["gdp", "建筑业增加值"]
    quality = targets.items[2]
    assert (quality.value, quality.ensure, quality.strive, quality.stated, quality.text) == (
        None, None, None, True, "生态环境持续改善。")
    # an indicator the registry lacks is added to the spec, as its line regenerates exactly
    assert ("建筑业增加值", "建筑业增加值", "growth") in [
        (i.key, i.name, i.kind) for i in got.report.indicators]


def test_a_line_that_does_not_regenerate_keeps_its_words(tmp_path):
    got = imp(tmp_path, "二、2024年主要预期目标\n——地区生产总值增长7%左右，力争更好结果。\n")
    (lst,) = got.report.body[0].body
    t = lst.items[0]
    assert (t.indicator, t.value.number, t.value.qualifier) == ("gdp", Decimal(7), "左右")
    assert t.text == "地区生产总值增长7%左右，力争更好结果。"
    assert "——地区生产总值增长7%左右，力争更好结果。" in plain_text(got.report)


def test_prose_targets_split_at_semicolons(tmp_path):
    got = imp(tmp_path, "二、2024年工作安排\n今年是关键一年，意义重大。主要预期目标是：地区生产总值增长5%左右；"
                        "居民收入增长和经济增长同步；城镇调查失业率5.5%左右。要实现这些目标。\n")
    kinds = [type(b).__name__ for b in got.report.body[0].body]
    assert kinds == ["Paragraph", "Paragraph", "TargetList", "Paragraph"]
    before, intro, targets, after = got.report.body[0].body
    assert before.text.endswith("意义重大。") and intro.text == "主要预期目标是："
    gdp, income, jobless = targets.items
    assert (gdp.indicator, income.text, income.value) == ("gdp", "居民收入增长和经济增长同步；", None)
    assert jobless.indicator == "surveyed_unemployment"
    assert after.text == "要实现这些目标。"


def test_headings_leads_and_inline_text(tmp_path):
    got = imp(tmp_path, "一、工作回顾\n（一）经济运行稳中向好。工业压舱石作用凸显。全年工业增加值增长8%。\n"
                        "1.致力稳经济、保增长。\n项目建设提速。完成投资55.7亿元。\n"
                        "一年来，我们攻坚克难。\n")
    top = got.report.body[0]
    sec2 = top.body[0]
    assert sec2.heading == "经济运行稳中向好。"
    para = sec2.body[0]
    assert (para.lead, para.text) == ("工业压舱石作用凸显。", "全年工业增加值增长8%。")
    sec3 = sec2.body[1]
    assert sec3.heading == "致力稳经济、保增长。"
    assert sec3.body == (Paragraph("完成投资55.7亿元。", "项目建设提速。"),
                         Paragraph("一年来，我们攻坚克难。"))


def test_heading_number_out_of_sequence_warned(tmp_path):
    got = imp(tmp_path, "一、甲部分\n三、乙部分\n")
    assert [p.code for p in got.problems] == ["RK302"]
    assert "`三、` where `二、`" in got.problems[0].message
    assert [s.heading for s in got.report.body] == ["甲部分", "乙部分"]


def test_notes_list_fills_the_marks(tmp_path):
    got = imp(tmp_path, "一、工作回顾\n推进“一区多园”[1]建设。\n名词解释\n"
                        "[1]一区多园：一个高新区、多个园区。\n")
    (note,) = got.report.notes
    assert (note.key, note.term, note.text) == ("1", "一区多园", "一个高新区、多个园区。")
    assert got.report.body[0].body[0].text == "推进“一区多园”[^1]建设。"
    assert "[1]一区多园：一个高新区、多个园区。" in plain_text(got.report)


def test_markdown_bold_lead_and_front_matter(tmp_path):
    head = "---\ntitle: 某市政府工作报告\nsource: https://example.org/r\n---\n\n" \
           "——2024年1月10日在某市第一届人民代表大会第三次会议上\n\n市人民政府市长 李四\n\n各位代表：\n\n"
    got = imp(tmp_path, "## 一、2023年工作回顾\n\n**产业发展提速。**全年工业增长8%。\n", ".md", head)
    m = got.report.meta
    assert (m.title, m.region, m.date, m.year_planned) == ("某市政府工作报告", "某市", "2024-01-10",
                                                          2024)
    assert m.source.url == "https://example.org/r"
    sec = got.report.body[0]
    assert isinstance(sec, Section) and sec.heading == "2023年工作回顾"
    assert sec.body[0] == Paragraph("全年工业增长8%。", "产业发展提速。")


def test_kept_wording_never_carries_numbers_the_structure_lacks(tmp_path):
    got = imp(tmp_path, "二、2024年工作安排\n主要预期目标是：地区生产总值增长6%左右，尽最大努力争取更好结果，"
                        "确保总量突破6万亿元；城镇新增就业85万人。\n"
                        "——地区生产总值增长6%，总量达到6000亿元。\n")
    _intro, targets, dashes = got.report.body[0].body
    gdp, jobs = targets.items
    assert isinstance(dashes, TargetList)
    # "确保总量突破6万亿元" is the level of the indicator before it; no sentence reportkit
    # writes says it that way, so the clause keeps its wording
    assert gdp.text == "地区生产总值增长6%左右，尽最大努力争取更好结果，确保总量突破6万亿元；"
    assert (gdp.indicator, gdp.measure, gdp.value.number, gdp.value.qualifier) == \
        ("gdp", "", Decimal(6), "左右")
    (total,) = gdp.more
    assert (total.indicator, total.name, total.measure) == ("gdp", "地区生产总值总量", "level")
    assert (total.ensure.number, total.ensure.unit, total.value) == (Decimal(6), "万亿元", None)
    assert jobs.value.unit == "万人"
    # the same in a "——" line: "总量达到6000亿元" is the level, in the indicator's own unit
    (line,) = dashes.items
    assert line.text == "地区生产总值增长6%，总量达到6000亿元。"
    assert (line.more[0].value.number, line.more[0].value.unit) == (Decimal(6000), None)


def test_strive_written_before_the_name(tmp_path):
    got = imp(tmp_path, "二、2024年主要预期目标\n——力争城镇新增就业1.7万人。\n")
    (lst,) = got.report.body[0].body
    t = lst.items[0]
    assert (t.indicator, t.strive.number, t.strive.unit) == ("new_jobs", Decimal("1.7"), "万人")
    assert t.text == "力争城镇新增就业1.7万人。"
    assert got.report.indicators == ()  # "力争城镇新增就业" is not a new indicator


def test_markdown_paragraph_over_several_lines(tmp_path):
    head = "---\ntitle: 某市政府工作报告\n---\n\n——2024年1月10日在某市第一届人民代表大会第三次会议上\n" \
           "市人民政府市长 李四\n各位代表：\n\n"
    body = ("## 一、2023年工作回顾\n\n一年来，我们坚定以新发展理念为指导，统筹推进稳增长、\n"
            "促改革、调结构、惠民生各项工作，经济运行\n总体平稳。\n"
            "**产业发展提速。**全年工业增长8%。\n")
    got = imp(tmp_path, body, ".md", head)
    m = got.report.meta
    assert m.occasion.startswith("2024年1月10日") and m.speaker.name == "李四"
    first, second = got.report.body[0].body
    assert first.text == "一年来，我们坚定以新发展理念为指导，统筹推进稳增长、促改革、调结构、惠民生各项工作，" \
                         "经济运行总体平稳。"
    assert second == Paragraph("全年工业增长8%。", "产业发展提速。")


def test_plan_year_is_the_one_planned_not_the_one_reviewed(tmp_path):
    """A title joining its two parts with 与 rather than 及 still gives 2023 reviewed, 2024
    planned (the first "年……计划" of the title is last year's 计划执行情况)."""
    head = HEAD.replace("及2024年", "与2024年")
    meta = imp(tmp_path, "一、2023年计划执行情况\n正文。\n", head=head).report.meta
    assert (meta.year_reviewed, meta.year_planned) == (2023, 2024)


def test_reviewed_year_from_the_review_heading(tmp_path):
    """A work report's title names one year; its review heading names the other."""
    head = "2024年某县人民政府工作报告\n2024年1月10日在某县第一届人民代表大会第三次会议上\n" \
           "县人民政府县长　李四\n各位代表：\n"
    body = "一、过去五年和2023年工作回顾\n正文。\n二、2024年工作安排\n正文。\n"
    meta = imp(tmp_path, body, head=head).report.meta
    assert (meta.year_reviewed, meta.year_planned, meta.date) == (2023, 2024, "2024-01-10")


def test_urban_and_rural_income_respectively(tmp_path):
    """"城乡居民人均可支配收入分别增长8%、9%" sets two targets, urban then rural."""
    got = imp(tmp_path, "二、2024年工作安排\n主要目标是：地区生产总值增长7%，"
                        "城乡居民人均可支配收入分别增长8%、9%，居民消费价格涨幅控制在3.5%以内。\n")
    _intro, targets = got.report.body[0].body
    gdp, income, cpi = targets.items
    assert (gdp.text, cpi.text) == ("", "")
    assert income.text == "城乡居民人均可支配收入分别增长8%、9%，"
    assert [(t.indicator, t.value.number) for t in (income, *income.more)] == [
        ("urban_income", Decimal(8)), ("rural_income", Decimal(9))]
    assert "——城乡居民人均可支配收入分别增长8%、9%，" in plain_text(got.report)


def test_respectively_with_one_value_gives_it_to_each_name(tmp_path):
    """"A、B、C分别增长10%" (伊春 2014) and "城乡居民人均可支配收入分别增长8%": one value after
    分别 is each name's value, the clause's words kept."""
    got = imp(tmp_path, "二、2024年工作安排\n主要目标是：地区生产总值增长7%，"
                        "城乡居民人均可支配收入分别增长8%，社会消费品零售总额增长9%。\n")
    from reportkit.model import targets
    assert [(t.indicator, str(t.value.number)) for t in targets(got.report)] == [
        ("gdp", "7"), ("urban_income", "8"), ("rural_income", "8"), ("retail", "9")]


def test_word_joiners_in_a_text_copy(tmp_path):
    """Text copied out of a Word file keeps its word joiners (2024\u2060年): they are not
    text, so the occasion line, the date and the results still parse."""
    head = HEAD.replace("2024年2月20日", "2024\u2060年2\u2060月20\u2060日")
    got = imp(tmp_path, "一、2023\u2060年计划执行情况\n——城镇新增就业6426\u2060人。\n", head=head)
    meta = got.report.meta
    assert (meta.date, meta.year_reviewed, meta.year_planned) == ("2024-02-20", 2023, 2024)
    (lst,) = got.report.body[0].body
    assert isinstance(lst, ResultList) and lst.items[0].level == Decimal(6426)
    assert "\u2060" not in plain_text(got.report)
