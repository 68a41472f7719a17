"""Word files as offices write them: automatic list numbering and tracked changes.

The files are written with python-docx and the numbering and revision markup Word itself
writes (ECMA-376 §17.9 numbering, §17.13.5 revisions), then imported as a user would.
"""

from __future__ import annotations

import pytest
from lxml import etree

from reportkit.readers.docx import import_docx
from reportkit.readers.numbering import format_number

from .conftest import run_cli

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

#: A multilevel list as a Chinese office defines one: 一、 （一） 1. （1）
NUMBERING = f"""
<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/>
    <w:lvlText w:val="●"/></w:lvl>
</w:abstractNum>"""


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _add_list(document, num_id: str, abstract_id: str = "90", restart: bool = False) -> None:
    root = document.part.numbering_part.element
    if root.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", NS) is None:
        root.insert(0, etree.fromstring(NUMBERING))
    num = etree.SubElement(root, _w("num"), {_w("numId"): num_id})
    etree.SubElement(num, _w("abstractNumId"), {_w("val"): abstract_id})
    if restart:
        o = etree.SubElement(num, _w("lvlOverride"), {_w("ilvl"): "0"})
        etree.SubElement(o, _w("startOverride"), {_w("val"): "1"})


def _numbered(document, text: str, num_id: str, ilvl: int):
    p = document.add_paragraph(text)
    ppr = p._p.get_or_add_pPr()
    num = etree.SubElement(ppr, _w("numPr"))
    etree.SubElement(num, _w("ilvl"), {_w("val"): str(ilvl)})
    etree.SubElement(num, _w("numId"), {_w("val"): num_id})
    return p


def _report(document):
    document.add_paragraph("关于某区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告",
                           style="Title")
    document.add_paragraph("各位代表：")


def test_automatic_heading_numbers_are_read_as_word_draws_them(tmp_path):
    import docx

    d = docx.Document()
    _report(d)
    _add_list(d, "7")
    _numbered(d, "2023年计划执行情况", "7", 0)
    _numbered(d, "经济运行稳中向好", "7", 1)
    d.add_paragraph("全区经济运行总体平稳。")
    _numbered(d, "产业发展", "7", 1)
    _numbered(d, "工业", "7", 2)
    d.add_paragraph("工业增加值增长较快。")
    _numbered(d, "服务业", "7", 2)
    d.add_paragraph("服务业稳步发展。")
    _numbered(d, "2024年工作安排", "7", 0)
    _numbered(d, "扩大有效投资", "7", 1)  # restarts at （一） under a new 二、
    d.add_paragraph("抓好重大项目。")
    path = tmp_path / "numbered.docx"
    d.save(str(path))

    got = import_docx(path)
    first, second = got.report.body
    assert (first.heading, second.heading) == ("2023年计划执行情况", "2024年工作安排")
    assert [s.heading for s in first.body] == ["经济运行稳中向好", "产业发展"]
    assert [s.heading for s in first.body[1].body] == ["工业", "服务业"]
    assert [s.heading for s in second.body] == ["扩大有效投资"]
    assert not [p for p in got.problems if p.code == "RK302"]  # the numbers run in order


def test_a_restarted_list_and_bullets(tmp_path):
    """A second list over the same definition continues it, unless it restarts (a
    startOverride, Word's "restart numbering"); bullet items get no number."""
    import docx

    from reportkit.readers.numbering import Numbering

    d = docx.Document()
    _add_list(d, "1")
    _add_list(d, "2")
    _add_list(d, "3", restart=True)
    paras = [_numbered(d, "甲", "1", 0), _numbered(d, "乙", "2", 0), _numbered(d, "丙", "2", 3),
             _numbered(d, "丁", "3", 0), d.add_paragraph("不编号")]
    numbering = Numbering(d)
    assert [numbering.label(p) for p in paras] == ["一、", "二、", "", "一、", ""]


@pytest.mark.parametrize(("fmt", "n", "text"), [
    ("chineseCounting", 12, "十二"), ("chineseCountingThousand", 3, "三"),
    ("decimal", 7, "7"), ("decimalEnclosedCircle", 3, "③"), ("ideographTraditional", 2, "乙"),
    ("chineseLegalSimplified", 3, "叁"), ("upperRoman", 9, "IX"), ("lowerLetter", 2, "b"),
    ("decimalFullWidth", 10, "１０"), ("bullet", 1, ""), ("someFutureFormat", 4, "4"),
])
def test_number_formats(fmt, n, text):
    assert format_number(n, fmt) == text


def _revision(p, tag: str, text: str, rev_id: int) -> None:
    """Append a tracked insertion (w:ins), deletion (w:del) or move to paragraph p."""
    el = etree.SubElement(p._p, _w(tag), {_w("id"): str(rev_id), _w("author"): "审稿人",
                                         _w("date"): "2024-02-01T00:00:00Z"})
    r = etree.SubElement(el, _w("r"))
    t = etree.SubElement(r, _w("delText" if tag in ("del",) else "t"))
    t.text = text


def test_tracked_changes_are_read_as_accepted(tmp_path):
    import docx

    d = docx.Document()
    _report(d)
    d.add_paragraph("一、2023年计划执行情况")
    p = d.add_paragraph("地区生产总值")
    _revision(p, "del", "增长6.5%", 1)
    _revision(p, "ins", "增长6.7%", 2)
    _revision(p, "moveFrom", "（旧位置）", 3)
    _revision(p, "moveTo", "，好于预期", 4)
    p.add_run("。")
    path = tmp_path / "tracked.docx"
    d.save(str(path))

    got = import_docx(path)
    assert got.report.body[0].body[0].text == "地区生产总值增长6.7%，好于预期。"
    (warning,) = [w for w in got.problems if w.code == "RK311"]
    assert "1 insertion, 1 deletion, 1 move" in warning.message
    done = run_cli("import", path, "-o", tmp_path / "tracked.yaml")
    assert done.returncode == 0 and b"RK311" in done.stderr


def test_outline_levels_make_headings(tmp_path):
    """Headings in a custom style ("一级标题") that only sets an outline level, or with the
    level set on the paragraph itself, without typed numbers."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    _report(d)
    style = d.styles.add_style("一级标题", WD_STYLE_TYPE.PARAGRAPH)
    etree.SubElement(style.element.get_or_add_pPr(), _w("outlineLvl"), {_w("val"): "0"})
    d.add_paragraph("2023年计划执行情况", style="一级标题")
    p = d.add_paragraph("经济运行")
    etree.SubElement(p._p.get_or_add_pPr(), _w("outlineLvl"), {_w("val"): "1"})
    d.add_paragraph("全区经济运行总体平稳。")
    d.add_paragraph("2024年工作安排", style="一级标题")
    d.add_paragraph("抓好重大项目。")
    path = tmp_path / "outline.docx"
    d.save(str(path))

    first, second = import_docx(path).report.body
    assert first.heading == "2023年计划执行情况" and first.body[0].heading == "经济运行"
    assert first.body[0].body[0].text == "全区经济运行总体平稳。"
    assert second.heading == "2024年工作安排" and second.body[0].text == "抓好重大项目。"
