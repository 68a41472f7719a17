"""The YAML spec reader: positions, numbers as written, and clear problems for wrong specs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportkit.model import Paragraph, Result, ResultList, Section, TargetList, results, targets
from reportkit.problems import ReportError
from reportkit.readers.spec import read_spec, read_spec_text

HEAD = "meta: {title: 报告}\nbody:\n"


def read(body: str):
    return read_spec_text(HEAD + body, "s.yaml")


def messages(body: str) -> list[str]:
    return [p.text() for p in read(body)[1]]


def test_seed_positions_point_at_nodes(seed_report):
    from .conftest import SPEC

    text = SPEC.read_text(encoding="utf-8").splitlines()
    for r in results(seed_report):
        assert text[r.pos.line - 1][r.pos.col - 1:].lstrip("{").startswith("indicator:")
    for t in targets(seed_report):
        assert "indicator: " + t.indicator in text[t.pos.line - 1]
    for note in seed_report.notes:
        assert note.key in text[note.pos.line - 1]


def test_numbers_keep_their_written_form():
    report, problems = read("  - results:\n      - {indicator: unemployment, level: 3.690,"
                            " target: 4.0以内}\n")
    assert problems == []
    [r] = results(report)
    assert str(r.level) == "3.690" and str(r.target.number) == "4.0"
    assert r.target.qualifier == "以内"


def test_value_forms():
    report, problems = read("""  - targets:
      - {indicator: new_jobs, value: 6000人以上}
      - {indicator: gdp, ensure: {value: "6.50", qualifier: 左右}, strive: 7}
""")
    assert problems == []
    jobs, gdp = targets(report)
    assert (jobs.value.number, jobs.value.unit, jobs.value.qualifier) == (Decimal(6000), "人",
                                                                           "以上")
    assert str(gdp.ensure.number) == "6.50" and gdp.ensure.qualifier == "左右"


def test_block_kinds():
    report, problems = read("""  - 一段话。
  - {lead: 顶层设计基本成型。, text: 出台方案。}
  - section: 标题
    body:
      - dashes: [甲, 乙]
""")
    assert problems == []
    para, lead, section = report.body
    assert para == Paragraph("一段话。") and lead == Paragraph("出台方案。", "顶层设计基本成型。")
    assert isinstance(section, Section) and section.body[0].items == ("甲", "乙")


def test_equality_ignores_positions():
    a, _ = read("  - 一段话。\n")
    b, _ = read_spec_text("\n\n" + HEAD + "    - 一段话。\n", "other.yaml")
    assert a == b and a.body[0].pos != b.body[0].pos


@pytest.mark.parametrize("body, expected", [
    ("  - results: [{indicator: gdp, growth: 6.7, targte: 6.5}]\n",
     "s.yaml:3:45: error unknown key `targte` in a result; did you mean `target`? (RK021)"),
    ("  - targets: [{indicator: gdp, measure: growht, value: 6}]\n",
     "s.yaml:3:41: error `measure` must be one of growth, level, ceiling, not `growht`; "
     "did you mean `growth`? (RK024)"),
    ("  - targets: [{indicator: gdp, value: {value: 6, qualifier: 左石}}]\n",
     "error `qualifier` must be one of 左右"),
    ("  - {section: 甲, text: 乙}\n", "needs exactly one of `section`, `part`, `text`"),
    ("  - targets: [{indicator: gdp}]\n", "a target needs `value`, or `ensure` and/or `strive`"),
    ("  - targets: [{indicator: gdp, value: 6, ensure: 5}]\n",
     "a target has either `value` or `ensure`/`strive` (RK026)"),
    ("  - {section: 甲, lead: 乙}\n", "`lead` does not belong in a `section` item (RK021)"),
    ("  - results: [{indicator: gdp, growth: 1, growth: 2}]\n", "duplicate key `growth`"),
    ("  - results: [{growth: 6.7}]\n", "a result is missing `indicator` (RK023)"),
    ("  - results: [{indicator: gdp, growth: 六点七}]\n",
     "`growth` must be a number, not `六点七`"),
    ("  - results: {indicator: gdp}\n", "`results` must be a list, not a mapping"),
])
def test_wrong_specs_say_what_and_where(body, expected):
    found = messages(body)
    assert any(expected in m for m in found), found
    assert read(body)[0] is None


def test_versions():
    assert read_spec_text("reportkit: 1\n" + HEAD + "  - 甲。\n")[1] == []
    [p] = read_spec_text("reportkit: 2\n" + HEAD + "  - 甲。\n")[1]
    assert p.code == "RK025" and "spec version 2 is not known" in p.message


def test_unicode_digits_are_not_years():
    [p] = read_spec_text("meta: {title: 报告, year_planned: ²⁰²⁴}\nbody: []\n")[1]
    assert p.code == "RK020"


def test_utf8_bom_is_fine(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + "  - 甲。\n").encode("utf-8"))
    report, problems = read_spec(path)
    assert problems == [] and report.body == (Paragraph("甲。"),)


def test_unreadable_files_raise_report_error(tmp_path):
    with pytest.raises(ReportError) as exc:
        read_spec(tmp_path / "missing.yaml")
    assert exc.value.problem.code == "RK001"


def test_more_results_in_one_sentence():
    report, problems = read("""  - results:
      - indicator: new_jobs
        level: 6426
        target: 6000以上
        and: [{indicator: unemployment, level: 3.69, target: 4.0以内}]
""")
    assert problems == []
    [block] = report.body
    assert isinstance(block, ResultList) and not isinstance(block, TargetList)
    assert [r.indicator for r in results(report)] == ["new_jobs", "unemployment"]
    assert isinstance(block.items[0].more[0], Result)


@pytest.mark.parametrize("body, expected", [
    ("  - results: [{indicator: gdp, growth: 6.7, ensure: 6.5}]\n",
     "unknown key `ensure` in a result; `ensure` belongs in a target (RK021)"),
    ("  - {title: 甲}\n", "unknown key `title` in a body item; `title` belongs in `meta`"),
    ("  - targets: [{indicator: gdp, vlaue: 6}]\n",
     "unknown key `vlaue` in a target; did you mean `value`?"),
    ("  - results: [{indicator: gdp, ? [a, b] : 1}]\n",
     "a key in a result must be a word, not a list"),
])
def test_keys_in_the_wrong_place(body, expected):
    found = messages(body)
    assert len(found) == 1 and expected in found[0], found
