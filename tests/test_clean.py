"""Cleaning web copies: pinyin, traditional characters, punctuation, chrome, garbled passages."""

from __future__ import annotations

import pytest

from reportkit import clean

from .conftest import CORPUS, SEED


@pytest.mark.parametrize("raw, want", [
    ("關(guān)于攀枝花市東區(qū)", "關于攀枝花市東區"),
    ("增長(同比,下同)6.7%", "增長(同比,下同)6.7%"),
    ("超過年初預(yù)期目標(biāo)(6.5%)0.2個百分點", "超過年初預期目標(6.5%)0.2個百分點"),
    ("中央(省)預(yù)算內(nèi)資金", "中央(省)預算內資金"),
    ("鐵路運價優(yōu)惠0.89億元(含攀鋼)", "鐵路運價優惠0.89億元(含攀鋼)"),
    ("(一)2023年目標(biāo)完成情況", "(一)2023年目標完成情況"),
])
def test_pinyin_removed_real_parentheses_kept(raw, want):
    # one line alone has few annotations; the document-wide decision removes them all
    assert clean.clean_line(raw, False, pinyin=True).replace("（", "(").replace("）", ")") \
        .replace("，", ",") == want.replace("，", ",")


def test_pinyin_detected_per_document():
    seed = SEED.read_text(encoding="utf-8")
    assert clean.has_pinyin(seed)
    assert not clean.has_pinyin((CORPUS / "state-council" / "2024.md").read_text("utf-8"))
    # a lone English word in parentheses is not pinyin
    assert not clean.has_pinyin("国内生产总值(GDP)增长5%")


def test_traditional_detected():
    assert clean.is_traditional(SEED.read_text(encoding="utf-8"))
    for path in sorted(CORPUS.glob("*/*.md")):
        assert not clean.is_traditional(path.read_text(encoding="utf-8")), path
    assert clean.is_traditional("地區生產總值確保增長6.7%")
    assert not clean.is_traditional("地区生产总值确保增长6.7%")


@pytest.mark.parametrize("raw, want", [
    ("增长(同比,下同)6.7%,超过年初预期目标(6.5%)", "增长（同比，下同）6.7%，超过年初预期目标（6.5%）"),
    ("各位代表:", "各位代表："),
    ("总投资1,050.4亿元;", "总投资1,050.4亿元；"),
    ("发布时间:2024-04-28", "发布时间：2024-04-28"),
    ("详见http://www.gov.cn/a?b=1,c", "详见http://www.gov.cn/a?b=1,c"),
    ("800元/人.月、1040元/人.月", "800元/人.月、1040元/人.月"),
    ("跨省通办 省内通办", "跨省通办\u3000省内通办"),
    ("上午10:30召开", "上午10:30召开"),
])
def test_punctuation_full_width_inside_chinese(raw, want):
    assert clean.fullwidth_punct(raw) == want


def test_clean_line_converts_traditional():
    assert clean.clean_line("東區(qū)發(fā)改局", True, pinyin=True) == "东区发改局"


def test_chrome_line_recognised_and_its_metadata_kept():
    line = clean.clean_line(SEED.read_text(encoding="utf-8").splitlines()[1], True, pinyin=True)
    assert clean.is_chrome(line)
    assert clean.chrome_metadata(line) == {"published": "2024-04-28", "publisher": "东区发改局",
                                           "site": "coffeezulin.com"}
    assert clean.is_chrome("当前位置：首页 > 政务公开 > 规划计划")
    assert clean.is_chrome("[ 大 中 小 ]")
    # report text that merely mentions a source is not chrome
    assert not clean.is_chrome("数据来源：区统计局。全区地区生产总值增长6.7%。")


@pytest.mark.parametrize("line, col, kind", [
    ("发展?jié撃艿玫叫箩尫拧?/p>", 3, "?"),
    ("启动?xùn)|华山山地体育公园", 3, "?"),
    ("推进共同富裕</p>建设", 7, "HTML"),
    ("实现增长\ufffd\ufffd个百分点", 5, "U+FFFD"),
    ("锟斤拷锟斤拷全区上下", 1, "mojibake"),
])
def test_garbled_passages_found(line, col, kind):
    found = clean.find_garbled(line)
    assert len(found) == 1
    assert found[0].col == col and kind in found[0].kind


@pytest.mark.parametrize("line", [
    "地区生产总值增长6.7%，超过年初预期目标（6.5%）0.2个百分点。",
    "怎样才能做得更好？我们要坚持问题导向。",
    "详见http://www.gov.cn/a?b=1",
    "What is GDP? It is output.",
])
def test_clean_text_not_flagged(line):
    assert clean.find_garbled(line) == []


def test_garbled_passage_left_as_it_is():
    raw = "培育壯大冷鏈?zhǔn)称贰⑻厣δ苁称返犬a(chǎn)業(yè),力爭培育"
    found = clean.find_garbled(raw)
    out = clean.clean_line(raw, True, clean.protected_spans(raw, found), pinyin=True)
    assert "?zhǔn)" in out  # the debris is not "repaired" into something else
    assert out.startswith("培育壮大冷链") and out.endswith("，力争培育")


@pytest.mark.parametrize("raw, want", [
    ("２０２３年ＧＤＰ增长６.７％", "2023年GDP增长6.7%"),
    ("增长3．5％，", "增长3.5%，"),
    ("1．致力稳经济", "1．致力稳经济"),  # a heading number's full-width point is left alone
])
def test_fullwidth_digits_and_letters_made_half_width(raw, want):
    assert clean.halfwidth_alnum(raw) == want


@pytest.mark.parametrize("line", ["当前位置：首页 > 政务公开 > 计划规划", "分享到：微信 微博 QQ空间",
                                  "【打印本页】【关闭窗口】", "责任编辑：张三", "扫一扫在手机打开当前页",
                                  "字号：大 中 小", "发布日期：2024-03-01　来源：市发改委　浏览次数：1234"])
def test_more_chrome(line):
    assert clean.is_chrome(line)


@pytest.mark.parametrize("line", ["编辑部认为这很好。", "来源于群众。", "首页设计新颖。"])
def test_report_lines_are_not_chrome(line):
    assert not clean.is_chrome(line)


@pytest.mark.parametrize("raw, want", [
    ('实施"十四五"规划,推进"放管服"改革', "实施“十四五”规划，推进“放管服”改革"),
    ('国内生产总值"GDP"', '国内生产总值"GDP"'),  # a quote of Latin text stays
    ('他说"好', '他说"好'),  # an unpaired quote is not guessed at
    ("—地区生产总值增长6%", "——地区生产总值增长6%"),
    ("－－城镇新增就业", "——城镇新增就业"),
    ("--城镇新增就业", "——城镇新增就业"),
    ("——城镇新增就业", "——城镇新增就业"),
])
def test_quotes_and_list_dashes_standardised(raw, want):
    assert clean.clean_line(raw, False, pinyin=False) == want


def test_unpaired_quotes_found():
    assert clean.unpaired_quote("创建“四川省食品安全示范县（区）：2017年") == 3
    assert clean.unpaired_quote("落实”两个毫不动摇“") == 3
    assert clean.unpaired_quote("推进“放管服”改革，“一网通办”") == 0
