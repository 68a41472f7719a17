"""Property: for reports of the shape plan reports have, the Word writer and the Word import
are inverses (body and metadata), whatever the words, numbers and nesting."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportkit.model import (DashList, Meta, Paragraph, Report, ResultList, Section, Speaker,
                             TargetList)
from reportkit.readers.compare import blocks
from reportkit.readers.docx import import_docx
from reportkit.writers import writer

from .test_import_figures import results, targets

HAN = st.sampled_from("经济发展质量效益稳步提升产业结构持续优化民生福祉不断增进城乡区域协调改革开放深化"
                      "生态环境改善安全底线筑牢项目建设加快消费市场恢复创新动能增强")
words = st.lists(HAN, min_size=2, max_size=8).map("".join)
clause = words
sentence = st.lists(clause, min_size=2, max_size=4).map(lambda cs: "，".join(cs) + "。")
headings = st.builds(lambda a, b, end: a + "，" + b + end, words, words, st.sampled_from(["", "。"]))
paragraphs = st.one_of(
    st.builds(lambda ss: Paragraph("".join(ss)), st.lists(sentence, min_size=1, max_size=3)),
    st.builds(lambda lead, ss: Paragraph("".join(ss), lead + "。"), words,
              st.lists(sentence, min_size=1, max_size=2)))
dashes = st.builds(lambda items: DashList(tuple(items)), st.lists(sentence, min_size=1,
                                                                  max_size=3))
leaves = st.one_of(paragraphs, dashes)


def _section(depth: int):
    """A section whose text comes before its subsections: in linear text, whatever follows a
    subsection belongs to it, so a model with text after a subsection has no text form."""
    subs = st.just([]) if depth == 4 else st.lists(st.deferred(lambda: _section(depth + 1)),
                                                   max_size=2)
    return st.builds(lambda h, text, inner: Section(h, tuple(_joined(text) + inner)), headings,
                     st.lists(leaves, min_size=1, max_size=2), subs)


def _joined(blocks: list) -> list:
    """Adjacent dash lists as one: in text, consecutive "——" lines are one list."""
    out: list = []
    for b in blocks:
        if out and isinstance(b, DashList) and isinstance(out[-1], DashList):
            out[-1] = DashList(out[-1].items + b.items)
        else:
            out.append(b)
    return out


@st.composite
def reports(draw):
    review = Section("2023年国民经济和社会发展计划执行情况",
                     (Section("2023年目标完成情况。", (ResultList(tuple(
                         draw(st.lists(results(), min_size=1, max_size=3)))),)),
                      *draw(st.lists(_section(2), max_size=2))))
    plan = Section("2024年经济社会发展主要预期目标",
                   (Paragraph("2024年经济社会发展主要预期目标为："),
                    TargetList(tuple(draw(st.lists(targets(), min_size=1, max_size=3))))))
    tasks = draw(st.lists(_section(1), max_size=2))
    meta = Meta(title="关于某区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告",
                region="某区", year_reviewed=2023, year_planned=2024,
                occasion="2024年2月20日在某区第一届人民代表大会第二次会议上",
                speaker=Speaker("某区发展和改革局局长", "张三"), date="2024-02-20",
                salutation="各位代表：", issuer="某区发展和改革局",
                subject="2023年国民经济和社会发展计划执行情况及2024年计划草案")
    return Report(meta, body=(Paragraph("我受区人民政府委托，向大会报告，请予审议。"), review, plan,
                              *tasks))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_word_round_trip(report):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.docx"
        path.write_bytes(writer("docx")(report))
        got = import_docx(path).report
    assert blocks(got) == blocks(report)
    assert got.meta == report.meta


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_plain_text_round_trip(report):
    """The same for the report printed as plain text (one line per paragraph) and read back."""
    from reportkit.flat import plain_text
    from reportkit.readers.text import import_text

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.txt"
        path.write_text(plain_text(report), encoding="utf-8")
        got = import_text(path).report
    assert blocks(got) == blocks(report)
    assert got.meta == report.meta
