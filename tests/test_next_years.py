"""`reportkit next` moves every year of the edition, the opening paragraph's too, but not the
years inside quoted plan names or of history; it moves the session of the congress on; and its
summary lists every place it changed."""

from __future__ import annotations

import pytest

from reportkit.edition import next_edition
from reportkit.model import Paragraph, sections
from reportkit.readers.spec import read_spec, read_spec_text

from .conftest import SPEC, run_cli

OPENING = ("我受区人民政府委托，向大会报告《东区2023年国民经济和社会发展计划执行情况及2024年计划草案》"
           "，请予审议，并请政协委员和列席同志提出意见。")


def _with(replacements: dict[str, str]):
    """The seed spec with some of its text replaced."""
    text = SPEC.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    report, problems = read_spec_text(text, "edited.yaml")
    assert report is not None, [p.text() for p in problems]
    return report


def test_the_opening_paragraph_names_the_new_years():
    old = read_spec(SPEC)[0]
    new = next_edition(old).report
    assert new.body[0].text == OPENING.replace("2024年计划", "2025年计划").replace(
        "东区2023年", "东区2024年")


def test_the_session_of_the_congress_moves_on():
    new = next_edition(read_spec(SPEC)[0]).report
    assert new.meta.occasion == "2025年2月27日在东区第十二届人民代表大会第五次会议上"


@pytest.mark.parametrize(("congress", "expected"), [
    ("东区第十二届人民代表大会第四次会议", "东区第十二届人民代表大会第五次会议"),
    ("省十四届人大二次会议", "省十四届人大三次会议"),
    ("市第九届人民代表大会第九次会议", "市第九届人民代表大会第十次会议"),
    ("县第八届人民代表大会第十次会议", "县第八届人民代表大会第十一次会议"),
    ("区第二届人民代表大会第3次会议", "区第二届人民代表大会第4次会议"),
])
def test_session_shapes(congress, expected):
    report = _with({"在东区第十二届人民代表大会第四次会议上": f"在{congress}上"})
    new = next_edition(report).report
    assert new.meta.occasion == f"2025年2月27日在{expected}上"


def test_quoted_plan_names_slogans_and_history_keep_their_years():
    opening = ("根据《东区2023年国民经济和社会发展计划》和“2024年项目攻坚年”的部署，对照2020年以来"
               "的发展，现将2023年计划执行情况和2024年计划草案报告如下，向大会报告"
               "《东区2023年国民经济和社会发展计划执行情况及2024年计划草案》，请予审议。")
    report = _with({OPENING: opening})
    text = next_edition(report).report.body[0].text
    assert text == ("根据《东区2023年国民经济和社会发展计划》和“2024年项目攻坚年”的部署，对照2020年以来"
                    "的发展，现将2024年计划执行情况和2025年计划草案报告如下，向大会报告"
                    "《东区2024年国民经济和社会发展计划执行情况及2025年计划草案》，请予审议。")


def test_the_narrative_keeps_its_years():
    old = read_spec(SPEC)[0]
    new = next_edition(old).report
    before = [b.text for s, _ in sections(old) for b in s.body if isinstance(b, Paragraph)]
    after = [b.text for s, _ in sections(new) for b in s.body if isinstance(b, Paragraph)]
    assert before == after
    assert any("区十二届人大三次会议批准的2023年国民经济和社会发展计划" in t for t in after)


def test_summary_lists_every_place_changed(tmp_path):
    out = tmp_path / "dongqu-2025.yaml"
    done = run_cli("next", SPEC, "-o", out)
    err = done.stderr.decode()
    assert done.returncode == 0, err
    changes = next_edition(read_spec(SPEC)[0]).changes
    assert f"{len(changes)} places changed" in err
    listed = err.splitlines()[1:]
    assert len(listed) == len(changes) == 11
    assert any(line.startswith(f"  {SPEC}:21: opening paragraph: ") and "《东区2024年" in line
               for line in listed)
    assert "  meta.occasion: 2024年2月27日在东区第十二届人民代表大会第四次会议上 → " \
           "2025年2月27日在东区第十二届人民代表大会第五次会议上" in listed
    headings = [line for line in listed if ": heading: " in line]
    assert len(headings) == 5
    assert f"  {SPEC}:95: heading: 2024年经济社会发展主要预期目标（草案） → " \
           "2025年经济社会发展主要预期目标（草案）" in headings
    # every changed text of the new spec is in the list
    new = read_spec(out)[0]
    for text in (new.meta.title, new.meta.date, new.body[0].text[12:30]):
        assert any(text in line for line in listed), text
