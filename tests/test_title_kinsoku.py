"""避头尾 in the title and the occasion line: no line of either ends with an opening mark
（《“〈【 or starts with a closing or pausing mark, in break_title and in the built .docx and PDF."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from reportkit.readers.spec import read_spec_text
from reportkit.style import load_style
from reportkit.writers.docx import write_docx
from reportkit.writers.pdf import write_pdf
from reportkit.writers.pdf.breaker import NO_END, NO_START
from reportkit.writers.title import break_title, width

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
JOINER = "\u2060"

#: Titles and occasion lines of several shapes, each wider than a line and each with marks
#: near where a balanced break would fall.
TITLES = [
    "乐山市政府工作报告（2023年2月22日　陈光浩）",  # the form the lawtext/gov collection uses
    "乐山市政府工作报告（2023年2月22日 陈光浩）",  # with an ASCII space
    "关于攀枝花市“十四五”规划纲要实施情况中期评估的报告（草案）",
    "关于《攀枝花市东区国土空间总体规划》编制情况的报告（征求意见稿）",
    "关于“十四五”规划纲要实施情况中期评估暨2024年重点工作安排的报告",
    "在攀枝花市东区第十一届人民代表大会第四次会议上（2024年1月10日）",
    "关于【东区】2023年预算执行情况和2024年预算草案（〈草案〉）的报告",
    "攀枝花市东区人民政府关于2023年度法治政府建设情况的报告，请审议。",
]


@pytest.fixture(autouse=True)
def no_cache(monkeypatch):
    monkeypatch.setenv("REPORTKIT_NO_CACHE", "1")


def assert_kinsoku(lines: list[str], text: str) -> None:
    """The lines are the text, and each obeys 避头尾."""
    assert "".join(lines) == text
    assert len(lines) >= 2, lines
    for line in lines:
        assert line[-1] not in NO_END, lines
        assert line[0] not in NO_START and not line[0].isspace(), lines


@pytest.mark.parametrize("text", TITLES)
@pytest.mark.parametrize("max_chars", [20, 17, 14])
def test_broken_lines_obey_kinsoku(text, max_chars):
    lines = break_title(text, max_chars)
    assert_kinsoku(lines, text)
    assert all(width(line) <= max_chars for line in lines), lines


def test_a_bracketed_date_and_speaker_go_to_their_own_line():
    assert break_title("乐山市政府工作报告（2023年2月22日　陈光浩）") == [
        "乐山市政府工作报告", "（2023年2月22日　陈光浩）"]


SPEC = """\
reportkit: 1
meta:
  title: {title}
  occasion: 2024年1月10日在攀枝花市东区第十一届人民代表大会第四次会议（扩大）上
  date: 2024-01-10
body:
  - 各位代表，现在我代表区人民政府向大会报告工作，请予审议。
"""


def _report(title: str):
    report, problems = read_spec_text(SPEC.format(title=title), "kinsoku.yaml")
    assert report is not None, [p.text() for p in problems]
    return report


def _docx_lines(data: bytes, style_id: str) -> list[str]:
    """The lines of the first paragraph in ``style_id``, split at its w:br."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        doc = etree.fromstring(zf.read("word/document.xml"))
    para = next(p for p in doc.iter(W + "p")
                if p.xpath("./w:pPr/w:pStyle/@w:val", namespaces={"w": W[1:-1]}) == [style_id])
    text = "".join("\n" if el.tag == W + "br" else el.text
                   for el in para.iter(W + "br", W + "t"))
    return text.replace(JOINER, "").split("\n")


@pytest.mark.parametrize("title", TITLES[:3])
def test_docx_title_and_occasion_obey_kinsoku(title):
    report = _report(title)
    data = write_docx(report, load_style("official"))
    assert_kinsoku(_docx_lines(data, "RkTitle"), title)
    assert_kinsoku(_docx_lines(data, "RkOccasion"), f"（{report.meta.occasion}）")


def _pdf_rows(data: bytes, size: float) -> list[str]:
    """The text of each row of first-page characters of one size, top to bottom."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = pdf.pages[0].chars
    rows: dict[float, list] = {}
    for c in chars:
        if abs(c["size"] - size) < 0.01:
            rows.setdefault(round(c["matrix"][5], 1), []).append(c)
    return ["".join(c["text"] for c in sorted(r, key=lambda c: c["x0"]))
            for _, r in sorted(rows.items(), reverse=True)]


def test_pdf_title_and_occasion_obey_kinsoku():
    title = TITLES[0]
    report = _report(title)
    style = load_style("official")
    data = write_pdf(report, style)
    assert_kinsoku(_pdf_rows(data, float(style.font("title").size)), title)
    occasion = [row for row in _pdf_rows(data, float(style.font("occasion").size))
                if "各位代表" not in row and "现在" not in row]
    # the body shares the occasion's size: keep the rows before the body's first line
    text = f"（{report.meta.occasion}）"
    got, joined = [], ""
    for row in occasion:
        if joined == text:
            break
        got.append(row)
        joined += row
    assert_kinsoku(got, text)
