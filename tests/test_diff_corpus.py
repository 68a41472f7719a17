"""The diff on real consecutive editions (tests/fixtures/corpus), checked by reading them.

攀枝花市 2022→2023: the 2022 targets (政府工作报告, line 57 of 2022.md) against the 2023 ones
(line 41 of 2023.md), and the 2022 results the 2023 report gives in its opening review (line 15).
四川省 2023→2024: line 136 of 2023.md against line 78 of 2024.md; results on line 18 of 2024.md.
"""

from __future__ import annotations

import pytest

from reportkit.diff import compare
from reportkit.diff.render.redline import redline_lines
from reportkit.flat import lines
from reportkit.readers import read_any

from .conftest import CORPUS
from .test_diff import accepted, rejected


def load_pair(folder: str, old: str, new: str):
    a, _ = read_any(CORPUS / folder / f"{old}.md")
    b, _ = read_any(CORPUS / folder / f"{new}.md")
    assert a is not None and b is not None
    return compare(a, b), a, b


@pytest.fixture(scope="module")
def panzhihua():
    return load_pair("panzhihua-city", "2022", "2023")


@pytest.fixture(scope="module")
def sichuan():
    return load_pair("sichuan-province", "2023", "2024")


def rows(comparison):
    out = {}
    for t in comparison.result.targets:
        o = t.outcome
        out[t.indicator] = (t.change, t.old and t.old.cell, t.new and t.new.cell, t.delta,
                            o and (o.actual, o.verdict, o.gap))
    return out


PANZHIHUA = {
    # 2022 target → 2023 target; 2022 result from the 2023 review
    "地区生产总值": ("changed", "7%", "6.5%", "-0.5个百分点", ("3.5%", "missed", "-3.5个百分点")),
    "规上工业增加值": ("unchanged", "7.5%", "7.5%", "", ("5.9%", "missed", "-1.6个百分点")),
    "全社会固定资产投资": ("unchanged", "10%", "10%", "", ("10.2%", "met", "+0.2个百分点")),
    "社会消费品零售总额": ("changed", "10%", "9%", "-1个百分点", ("2.7%", "missed", "-7.3个百分点")),
    # "地方一般公共预算收入83.9亿元，同口径下降2.3%"
    "地方一般公共预算收入": ("unchanged", "7%", "7%", "", ("-2.3%", "missed", "-9.3个百分点")),
    "居民消费价格涨幅": ("unchanged", "3.5%以内", "3.5%以内", "", None),
    "城镇登记失业率": ("removed", "4.2%以内", None, "", None),
}

SICHUAN = {
    "地区生产总值": ("unchanged", "6%左右", "6%左右", "", ("6%", "met", "0个百分点")),
    "城镇新增就业": ("unchanged", "85万人", "85万人", "", ("104万人", "met", "+19万人")),
    "城镇调查失业率": ("unchanged", "5.5%左右", "5.5%左右", "", None),
    "粮食产量": ("unchanged", "715亿斤以上", "715亿斤以上", "", ("718.8亿斤", "met", "+3.8亿斤")),
}


def test_panzhihua_targets(panzhihua):
    got = rows(panzhihua[0])
    for name, expected in PANZHIHUA.items():
        assert got[name] == expected, name


def test_sichuan_targets(sichuan):
    got = rows(sichuan[0])
    for name, expected in SICHUAN.items():
        assert got[name] == expected, name
    # 居民消费价格指数控制在103左右 (an index) one year, 居民消费价格涨幅3%左右 (a rate) the next
    cpi = [t for t in sichuan[0].result.targets if t.change == "kind-changed"]
    assert len(cpi) == 1 and "103" in cpi[0].old.cell and cpi[0].new.cell == "3%左右"
    assert cpi[0].delta == ""


def headings(comparison, status):
    return [(s.old_heading, s.new_heading) for s in comparison.result.sections
            if s.status == status]


def test_panzhihua_sections(panzhihua):
    renamed = headings(panzhihua[0], "renamed")
    assert ("三、2022年工作安排", "二、2023年工作安排") in renamed
    # the five-year review (2022 was a new term) has no counterpart in 2023
    assert ("一、过去五年工作回顾", None) in headings(panzhihua[0], "removed")


def test_sichuan_sections(sichuan):
    renamed = headings(sichuan[0], "renamed")
    assert ("一、过去五年和2022年工作回顾", "一、2023年工作回顾") in renamed
    assert ("三、2023年工作安排建议", "二、2024年工作安排建议") in renamed
    # a rewritten subsection is paired with its counterpart, not dropped and added
    assert any(old == "（一）推动成渝地区双城经济圈建设乘势跃升。"
               and new.startswith("（一）推动成渝地区双城经济圈建设走深走实")
               for old, new in renamed)


def test_terms_new_and_dropped(sichuan, panzhihua):
    terms = {t.term: (t.old, t.new, t.change) for t in sichuan[0].result.terms}
    assert terms["新质生产力"] == (0, 2, "new")
    assert terms["低空经济"] == (0, 1, "new")
    assert terms["经营主体"] == (0, 2, "new")  # the new name of 市场主体
    terms = {t.term: (t.old, t.new, t.change) for t in panzhihua[0].result.terms}
    assert terms["中国式现代化"] == (0, 2, "new")
    assert terms["成渝地区双城经济圈"] == (2, 0, "dropped")


@pytest.mark.parametrize("which", ["panzhihua", "sichuan"])
def test_redline_law_on_real_editions(which, request):
    comparison, old, new = request.getfixturevalue(which)
    redline = redline_lines(comparison)
    assert accepted(redline) == [ln.full for ln in lines(new)]
    assert rejected(redline) == [ln.full for ln in lines(old)]


def test_an_edition_against_itself_is_unchanged():
    report, _ = read_any(CORPUS / "state-council" / "2024.md")
    result = compare(report, report).result
    assert result.stats.identical and result.stats.changed_chars == 0


@pytest.mark.parametrize("which", ["panzhihua", "sichuan"])
def test_markdown_fits_a_pull_request_comment(which, request):
    from reportkit.diff.render.md import render

    md = render(request.getfixturevalue(which)[0])
    assert len(md) < 65_536  # GitHub's limit for one comment, in characters
    assert md.count("<details>") == md.count("</details>") > 5


@pytest.mark.parametrize("which", ["panzhihua", "sichuan"])
def test_json_of_real_pairs_follows_the_schema(which, request):
    import json

    import jsonschema

    from reportkit.diff.render.json import render

    from .conftest import ROOT

    schema = json.loads((ROOT / "src" / "reportkit" / "data" / "diff.schema.json").read_text(
        encoding="utf-8"))
    jsonschema.validate(json.loads(render(request.getfixturevalue(which)[0])), schema)


def test_state_council_ceilings_are_met_when_below():
    """国务院 2024→2025 (2025.md: "城镇调查失业率平均为5.1%，居民消费价格上涨0.2%";
    "单位国内生产总值能耗降幅超过3%"): a ceiling written without 控制在 is still a ceiling, and
    a larger fall in energy intensity beats its target."""
    got = rows(load_pair("state-council", "2024", "2025")[0])
    assert got["城镇调查失业率"][4] == ("5.1%", "met", "-0.4个百分点")
    assert got["居民消费价格涨幅"][4] == ("0.2%", "met", "-2.8个百分点")
    assert got["单位国内生产总值能耗"][4] == ("3%", "met", "+0.5个百分点")
    assert got["国内生产总值"][4] == ("5%", "met", "0个百分点")
