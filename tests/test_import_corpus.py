"""Every real report in tests/fixtures/corpus imports, validates, and keeps its structure."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from reportkit.flat import plain_text
from reportkit.lint import check
from reportkit.model import sections, targets
from reportkit.readers.spec import read_spec_text
from reportkit.readers.text import import_text
from reportkit.writers.yaml import write_yaml

from .conftest import CORPUS

REPORTS = sorted(CORPUS.glob("*/*.md"))
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


@pytest.fixture(scope="module", params=REPORTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def imported(request):
    return request.param, import_text(request.param)


def test_corpus_is_all_there():
    assert len(REPORTS) == 8


def test_imports_and_validates(imported):
    path, got = imported
    assert got.report is not None
    assert [p for p in got.problems if p.level == "error"] == []
    text = write_yaml(got.report).decode("utf-8")
    back, problems = read_spec_text(text, "spec")
    assert back == got.report
    found = problems + check(back)
    errors = [p for p in found if p.level == "error"]
    # Two checks may flag what the source itself says: RK108 (an error) a character a
    # simplified text uses in a place name (濛 in 濛溪河), RK111 (a warning) a quote the source
    # never closes (panzhihua-city/2022, note 10). The import keeps both as they are, but must
    # never introduce one: the flagged text must be in the source.
    source = path.read_text(encoding="utf-8")
    for p in [p for p in errors if p.code == "RK108"]:
        chars = re.findall(r"(\S)→", p.message)
        assert chars and all(c in source for c in chars), p.text()
    for p in [p for p in found if p.code == "RK111"]:
        snippet = re.findall(r"in “(.*?)…?”", p.message)[-1].strip("…")
        assert snippet and snippet in source, p.text()
        assert any(w.code == "RK310" for w in got.problems)  # and the import said so
    assert [p.text() for p in errors if p.code != "RK108"] == []


# The years each report states in its head (title, occasion line) and its first heading.
@pytest.mark.parametrize("report, reviewed, planned, date", [
    ("panzhihua-city/2022.md", 2021, 2022, "2022-01-08"),  # 过去五年工作回顾
    ("panzhihua-city/2023.md", 2022, 2023, "2023-01-06"),  # the day only in the title
    ("panzhihua-city/2025.md", 2024, 2025, "2025-01-15"),
    ("sichuan-province/2023.md", 2022, 2023, "2023-01-11"),  # 过去五年和2022年工作回顾
    ("sichuan-province/2024.md", 2023, 2024, "2024-01-22"),
    ("state-council/2023.md", 2022, 2023, "2023-03-05"),  # 过去一年和五年工作回顾
    ("state-council/2024.md", 2023, 2024, "2024-03-05"),
    ("state-council/2025.md", 2024, 2025, "2025-03-05"),
])
def test_years_of_every_report(report, reviewed, planned, date):
    meta = import_text(CORPUS / report).report.meta
    assert (meta.year_reviewed, meta.year_planned, meta.date) == (reviewed, planned, date)


def test_only_the_sources_own_unclosed_quote_is_flagged(imported):
    """Note terms keep their quotes (“四花”行动, 交通“三把锁”): the only RK111 left in the
    corpus is the quote panzhihua-city/2022.md never closes, in note 10's term."""
    path, got = imported
    flagged = [p for p in check(got.report) if p.code == "RK111"]
    if path.parent.name == "panzhihua-city" and path.stem == "2022":
        assert len(flagged) == 1 and "3区1县成功创建“四川省食品安全示" in flagged[0].message
        terms = {n.key: n.term for n in got.report.notes}
        assert terms["6"] == "交通“三把锁”" and terms["28"] == "“四花”行动"
        assert terms["10"].startswith("3区1县成功创建“四川省食品安全示范县（区）")
    else:
        assert flagged == []


def test_nothing_is_dropped(imported):
    """Every run of Chinese characters in the source is in the report as printed (or in its
    notes list and metadata): a structured target prints its generated or kept wording."""
    path, got = imported
    r = got.report
    spec = plain_text(r) + "".join(n.term + n.text for n in r.notes) + r.meta.title
    lines = path.read_text(encoding="utf-8").splitlines()
    missing = [run for line in lines for run in _HAN_RUN.findall(line) if run not in spec]
    # the notes list's own heading is structure: writers print their house heading (名词解释)
    assert [m for m in missing if not m.startswith("名词解释")] == []


def test_section_tree_found(imported):
    _, got = imported
    top = [s.heading for s, level in sections(got.report) if level == 1]
    second = [s for s, level in sections(got.report) if level == 2]
    assert len(top) >= 2 and len(second) >= 4, (top, len(second))


@pytest.mark.parametrize("report, tops, seconds", [
    ("state-council/2024.md", ["2023年工作回顾", "2024年经济社会发展总体要求和政策取向",
                               "2024年政府工作任务"], [0, 0, 10]),
    ("panzhihua-city/2023.md", ["2022年工作回顾", "2023年工作安排", "全面加强政府自身建设"],
     [8, 6, 4]),
    ("panzhihua-city/2025.md", ["2024年工作回顾", "2025年工作安排"], [7, 9]),
    ("sichuan-province/2024.md", ["2023年工作回顾", "2024年工作安排建议", "加强政府自身建设"],
     [0, 10, 4]),
])
def test_section_tree_of_known_reports(report, tops, seconds):
    got = import_text(CORPUS / report).report
    top = [b for b in got.body if type(b).__name__ == "Section"]
    assert [s.heading for s in top] == tops
    assert [sum(1 for b in s.body if type(b).__name__ == "Section") for s in top] == seconds


def _targets(report: str) -> dict[str, tuple]:
    got = import_text(CORPUS / report).report
    out = {}
    for t in targets(got):
        v = t.value or t.ensure
        if v is None:  # a qualitative target ("居民收入增长和经济增长同步")
            continue
        out[t.indicator] = (v.number, v.unit, v.qualifier, bool(t.text))
    return out


def test_state_council_targets():
    t = _targets("state-council/2024.md")
    assert t["gdp"] == (Decimal(5), None, "左右", False)
    assert t["new_jobs"] == (Decimal(1200), "万人", "以上", False)
    assert t["surveyed_unemployment"] == (Decimal("5.5"), None, "左右", False)
    assert t["cpi"] == (Decimal(3), None, "左右", False)
    assert t["grain"] == (Decimal("1.3"), "万亿斤", "以上", False)
    # "降低2.5%左右" has no generated wording: the numbers are kept with the source's words
    assert t["energy_intensity"][:3] == (Decimal("2.5"), None, "左右")
    assert t["energy_intensity"][3]


def test_city_targets_from_a_comma_list():
    t = _targets("panzhihua-city/2022.md")
    assert t["gdp"] == (Decimal(7), None, "", False)
    assert t["industry"][:3] == (Decimal("7.5"), None, "")
    assert t["fai"][:3] == (Decimal(10), None, "")
    assert t["retail"][:3] == (Decimal(10), None, "")
    assert t["cpi"][:3] == (Decimal("3.5"), None, "以内")
    assert t["unemployment"][:3] == (Decimal("4.2"), None, "以内")
    assert t["revenue"][3]  # "同口径增长7%" keeps its wording


def test_province_targets():
    t = _targets("sichuan-province/2024.md")
    assert t["gdp"][:3] == (Decimal(6), None, "左右")
    assert t["new_jobs"][:3] == (Decimal(85), "万人", "")
    assert t["surveyed_unemployment"][:3] == (Decimal("5.5"), None, "左右")


def test_prose_list_renders_every_clause():
    got = import_text(CORPUS / "state-council" / "2024.md").report
    text = plain_text(got)
    assert "今年发展主要预期目标是：" in text
    assert "——国内生产总值增长5%左右。" in text
    assert "居民收入增长和经济增长同步" in text  # a clause without numbers stays text


def test_notes_list_read():
    got = import_text(CORPUS / "sichuan-province" / "2024.md").report
    notes = {n.key: n for n in got.notes}
    assert notes["1"].term == "“四个发力”".strip("“”")
    assert notes["1"].text.startswith("2023年7月")


def test_every_report_has_its_growth_target(imported):
    """Each of these reports sets a growth target for GDP in its targets list."""
    _, got = imported
    gdp = [t for t in targets(got.report) if t.indicator == "gdp" and t.measure != "level"]
    assert len(gdp) == 1
    value = gdp[0].value or gdp[0].ensure
    assert Decimal(5) <= value.number <= Decimal(7) and not value.unit


@pytest.mark.parametrize("report, urban, rural", [
    ("panzhihua-city/2022.md", "8", "9"),
    ("panzhihua-city/2023.md", "7", "7.5"),
    ("panzhihua-city/2025.md", "5", "6"),
])
def test_urban_and_rural_income_targets(report, urban, rural):
    """"城乡居民人均可支配收入分别增长X%、Y%" is the urban and the rural income target; the
    source's words are kept (no sentence reportkit writes says 分别)."""
    got = import_text(CORPUS / report).report
    (income,) = [t for t in targets(got) if t.indicator == "urban_income"]
    assert income.text == f"城乡居民人均可支配收入分别增长{urban}%、{rural}%，"
    assert [(t.indicator, str(t.value.number)) for t in (income, *income.more)] == [
        ("urban_income", urban), ("rural_income", rural)]
    # the clause after it in the same list item is a target of its own (panzhihua-city/2025)
    (revenue,) = [t for t in targets(got) if t.indicator == "revenue"]
    assert revenue.text.startswith("地方一般公共预算收入同口径增长7%")


def test_province_total_output_target():
    """"确保总量突破6万亿元" (sichuan-province/2023) is the level target of the GDP named
    before it, kept with the clause's words."""
    got = import_text(CORPUS / "sichuan-province/2023.md").report
    growth, total = [t for t in targets(got) if t.indicator == "gdp"]
    assert (str(growth.value.number), growth.value.qualifier) == ("6", "左右")
    assert growth.text == "地区生产总值增长6%左右，尽最大努力争取更好结果，确保总量突破6万亿元；"
    assert (total.measure, str(total.ensure.number), total.ensure.unit) == ("level", "6", "万亿元")
