"""Importing Word files: the round trip through the real Word writer, and foreign .docx files."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace

import pytest

from reportkit.readers.compare import blocks
from reportkit.readers.docx import import_docx
from reportkit.readers.spec import read_spec

from .conftest import CORPUS, SPEC, run_cli


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    done = run_cli("build", SPEC, "--format", "docx", "-o", out, "--force")
    assert done.returncode == 0, done.stderr.decode()
    (path,) = out.glob("*.docx")
    return path


def test_round_trip_gives_back_the_spec(seed_docx):
    spec, _ = read_spec(SPEC)
    got = import_docx(seed_docx)
    assert [p for p in got.problems if p.level == "error"] == []
    # The body, every result and target included, is the same model. Note keys are not printed
    # (the reader sees [1], not [^1+7+3]), so blocks compare with keys as their numbers.
    assert blocks(got.report) == blocks(spec)
    # The metadata is the same, but for the web-copy source, which a .docx does not carry.
    assert replace(got.report.meta, source=None) == replace(spec.meta, source=None)
    assert got.report.indicators == spec.indicators
    assert len(got.report.notes) == len(spec.notes)


def test_title_broken_over_lines_is_joined(seed_docx):
    import docx

    title = docx.Document(str(seed_docx)).paragraphs[0].text
    assert "\n" in title  # the writer breaks the long title
    spec, _ = read_spec(SPEC)
    assert import_docx(seed_docx).report.meta.title == spec.meta.title


def test_notes_with_explanations_come_back(tmp_path):
    spec_text = """reportkit: 1
meta:
  title: 关于某区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告
  occasion: 2024年2月20日在某区第一届人民代表大会第二次会议上
  speaker: {office: 某区发展和改革局局长, name: 张三}
  date: 2024-02-20
  salutation: 各位代表：
  year_reviewed: 2023
  year_planned: 2024
body:
  - section: 2023年国民经济和社会发展计划执行情况
    body:
      - lead: 体制机制加快完善。
        text: 建立“1+7+3”全覆盖责任落实体系[^a]，推进“一区多园”[^b]建设。
notes:
  - {key: a, term: “1+7+3”, text: 1个领导小组、7个工作专班、3个保障专班。}
  - {key: b, term: 一区多园, text: 一个高新区、多个园区。}
"""
    spec_path = tmp_path / "small.yaml"
    spec_path.write_text(spec_text, encoding="utf-8")
    done = run_cli("build", spec_path, "--format", "docx", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr.decode()
    (path,) = (tmp_path / "out").glob("*.docx")
    got = import_docx(path).report
    assert [(n.key, n.term, n.text) for n in got.notes] == [
        ("1", "1+7+3", "1个领导小组、7个工作专班、3个保障专班。"),
        ("2", "一区多园", "一个高新区、多个园区。")]
    para = got.body[0].body[0]
    assert para.lead == "体制机制加快完善。"
    assert para.text == "建立“1+7+3”全覆盖责任落实体系[^1]，推进“一区多园”[^2]建设。"


def _foreign_docx(path):
    """A Word file as an office writes it: heading styles without numbers, bold leads, a table,
    traditional characters and half-width punctuation."""
    import docx

    d = docx.Document()
    d.add_paragraph("關於某區2023年國民經濟和社會發展計劃執行情況及2024年計劃草案的報告",
                    style="Title")
    d.add_paragraph("(2024年2月20日在某區第一屆人民代表大會第二次會議上)")
    d.add_paragraph("某區發展和改革局局長 張三")
    d.add_paragraph("各位代表:")
    d.add_paragraph("2023年國民經濟和社會發展計劃執行情況", style="Heading 1")
    d.add_paragraph("目標完成情況", style="Heading 2")
    d.add_paragraph("——地區生產總值增長6.7%,超過年初預期目標(6.5%)0.2個百分點。")
    p = d.add_paragraph()
    p.add_run("體制機制加快完善。").bold = True
    p.add_run("建立全覆蓋責任落實體系,推動工作落實。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指標", "增速"
    table.cell(1, 0).text, table.cell(1, 1).text = "地區生產總值", "6.7%"
    d.core_properties.author = "某區發展和改革局"
    d.core_properties.keywords = "計劃; 某區"
    d.save(str(path))


def test_foreign_word_file(tmp_path):
    path = tmp_path / "office.docx"
    _foreign_docx(path)
    got = import_docx(path)
    r = got.report
    assert r.meta.title == "关于某区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告"
    assert r.meta.occasion == "2024年2月20日在某区第一届人民代表大会第二次会议上"
    assert (r.meta.speaker.office, r.meta.speaker.name) == ("某区发展和改革局局长", "张三")
    assert r.meta.salutation == "各位代表："
    assert r.meta.issuer == "某区发展和改革局"
    assert r.meta.keywords == ("计划", "某区")
    top = r.body[0]
    assert top.heading == "2023年国民经济和社会发展计划执行情况"
    sub = top.body[0]
    assert sub.heading == "目标完成情况"  # level 2 from the style alone
    results, para, _row1, row2 = sub.body
    assert results.items[0].indicator == "gdp" and not results.items[0].text
    assert (para.lead, para.text) == ("体制机制加快完善。", "建立全覆盖责任落实体系，推动工作落实。")
    assert re.sub(r"\s", "", row2.text) == "地区生产总值6.7%"
    assert any(p.code == "RK308" for p in got.problems)  # the table is reported


def test_word_joiners_are_not_text(tmp_path):
    """A Word writer keeps "2024年" on one line with a word joiner (U+2060) between digit and
    年; the import reads the words, so the occasion, the date and the years still parse."""
    import docx

    d = docx.Document()
    d.add_paragraph("关于某区2023\u2060年国民经济和社会发展计划执行情况及2024\u2060年计划草案的报告",
                    style="Title")
    d.add_paragraph("（2024\u2060年2\u2060月20\u2060日在某区第一届人民代表大会第二次会议上）")
    d.add_paragraph("各位代表：")
    d.add_paragraph("2023\u2060年计划执行情况", style="Heading 1")
    d.add_paragraph("——地区生产总值增长6.7\u2060%，超过年初预期目标（6.5%）0.2个百分点。")
    d.save(str(tmp_path / "joined.docx"))
    r = import_docx(tmp_path / "joined.docx").report
    assert "\u2060" not in r.meta.title + r.meta.occasion
    assert (r.meta.date, r.meta.year_reviewed, r.meta.year_planned) == ("2024-02-20", 2023, 2024)
    (results,) = r.body[0].body
    assert str(results.items[0].growth) == "6.7" and not results.items[0].text


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*/*.md")),
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_corpus_round_trip_through_word(tmp_path, path):
    """import(md) → the Word writer → import(docx) gives the same body and metadata back."""
    from reportkit.readers.text import import_text
    from reportkit.writers import writer

    first = import_text(path).report
    docx_path = tmp_path / "r.docx"
    docx_path.write_bytes(writer("docx")(first))
    again = import_docx(docx_path).report
    assert blocks(again) == blocks(first)
    # a day only the markdown title gave ("（2023年1月6日 虞平）" where the occasion says
    # 2023年1月) is in meta but printed nowhere in the Word file: it comes back empty
    day = first.meta.date
    printed = not day or f"{int(day[:4])}年{int(day[5:7])}月{int(day[8:])}日" in first.meta.occasion
    expected = replace(first.meta, source=None, date=day if printed else "")
    assert replace(again.meta, source=None) == expected
    assert again.indicators == first.indicators


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc makes the footnoted .docx")
def test_word_footnotes_become_notes(tmp_path):
    """A report whose notes are Word footnotes (here written by pandoc, as an office tool
    would): each reference becomes a mark [^n] in place, each footnote a note."""
    md = tmp_path / "fn.md"
    md.write_text("# 一、工作回顾\n\n推进“一区多园”[^a]建设，落实“1+7+3”体系[^b]。\n\n"
                  "[^a]: 一个高新区、多个园区。\n\n[^b]: 1个领导小组、7个工作专班。\n",
                  encoding="utf-8")
    path = tmp_path / "fn.docx"
    subprocess.run(["pandoc", str(md), "-o", str(path)], check=True)
    got = import_docx(path).report
    assert got.body[0].body[0].text == "推进“一区多园”[^1]建设，落实“1+7+3”体系[^2]。"
    assert [(n.key, n.text) for n in got.notes] == [("1", "一个高新区、多个园区。"),
                                                     ("2", "1个领导小组、7个工作专班。")]
