"""Importing markdown as the lawtext/gov collection writes it: HTML comments (photo captions,
editors' notes) are not text, and a front-matter title carrying the date and the speaker
"（2023年2月22日 陈光浩）" gives the report's name, its date and speaker going to meta."""

from __future__ import annotations

import pytest

from reportkit import flat
from reportkit.readers.spec import read_spec_text
from reportkit.readers.text import import_text

from .conftest import run_cli

#: The shape of ../shared/gwr's reports (e.g. 政府工作报告-其他地市/定西市/2020.md), made up.
GWR_STYLE = """\
---
title: 某市政府工作报告（2023年2月22日 张三）
---

<!-- 张三同志作政府工作报告。（李四 摄） -->

**政府工作报告**

——2023年2月20日在某市第九届人民代表大会第二次会议上

某市人民政府市长　王五

各位代表：

现在，我代表市人民政府，向大会报告工作，请予审议。

一、2022年工作回顾

过去一年，全市地区生产总值增长5.2%。<!-- 数据待核 -->全年完成各项目标任务。

<!--
编辑备注：
这一段不是报告的文字。
-->

二、2023年主要目标

地区生产总值增长6%左右。
"""

#: The same report without its own occasion and speaker lines: the title is all that says them.
TITLE_ONLY = """\
---
title: 某市政府工作报告(2023年2月22日 张三）
---

各位代表：

现在，我代表市人民政府，向大会报告工作，请予审议。

一、2022年工作回顾

过去一年，全市地区生产总值增长5.2%。

二、2023年主要目标

地区生产总值增长6%左右。
"""


def _import(tmp_path, text: str, name: str = "report.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, import_text(path)


def _all_text(report) -> str:
    return "\n".join(line.full for line in flat.lines(report))


def test_html_comments_are_dropped_and_counted(tmp_path):
    _, got = _import(tmp_path, GWR_STYLE)
    text = _all_text(got.report)
    assert "<" not in text and "＜" not in text and "--" not in text
    assert "摄" not in text and "编辑备注" not in text and "数据待核" not in text
    assert "过去一年，全市地区生产总值增长5.2%。全年完成各项目标任务。" in text
    assert "3 HTML comments (<!-- … -->) dropped" in got.steps


def test_a_comment_above_the_title_no_longer_hides_the_front_lines(tmp_path):
    _, got = _import(tmp_path, GWR_STYLE)
    meta = got.report.meta
    assert meta.occasion == "2023年2月20日在某市第九届人民代表大会第二次会议上"
    assert [line.kind for line in flat.lines(got.report)][:2] == ["title", "occasion"]


def test_lines_below_a_comment_keep_their_numbers(tmp_path):
    text = GWR_STYLE.replace("地区生产总值增长6%左右。", "地区生产总值增长6%左右。�")
    _, got = _import(tmp_path, text)
    where = [p.line for p in got.problems if p.code == "RK301"]
    assert where == [text.splitlines().index("地区生产总值增长6%左右。�") + 1]


def test_an_unclosed_comment_is_kept_as_text(tmp_path):
    _, got = _import(tmp_path, TITLE_ONLY + "\n<!-- 没有结束的注释\n")
    assert "没有结束的注释" in _all_text(got.report)
    assert not any("HTML comment" in s for s in got.steps)


def test_a_text_file_keeps_its_comments_as_text(tmp_path):
    """Only markdown hides comments: a .txt copy shows what it holds."""
    _, got = _import(tmp_path, "关于某区2023年工作的报告\n<!-- 注 -->\n各位代表：\n现在报告工作。\n",
                     "report.txt")
    assert "注" in _all_text(got.report)


def test_import_summary_says_comments_were_dropped(tmp_path):
    path, _ = _import(tmp_path, GWR_STYLE)
    done = run_cli("import", path, "-o", tmp_path / "out.yaml")
    err = done.stderr.decode()
    assert done.returncode == 0, err
    assert "3 HTML comments (<!-- … -->) dropped" in err
    spec = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert "摄" not in spec and "数据待核" not in spec
    report, problems = read_spec_text(spec)
    assert report is not None, [p.text() for p in problems]


def test_the_title_is_the_reports_name_and_the_body_gives_date_and_speaker(tmp_path):
    """The report's own occasion (20 February) and speaker win over what the title says."""
    _, got = _import(tmp_path, GWR_STYLE)
    meta = got.report.meta
    assert meta.title == "某市政府工作报告"
    assert meta.date == "2023-02-20"
    assert (meta.speaker.office, meta.speaker.name) == ("某市人民政府市长", "王五")
    assert (meta.region, meta.year_planned) == ("某市", 2023)


def test_date_speaker_and_year_from_the_title_when_the_body_is_silent(tmp_path):
    _, got = _import(tmp_path, TITLE_ONLY)
    meta = got.report.meta
    assert meta.title == "某市政府工作报告"
    assert meta.date == "2023-02-22" and meta.speaker.name == "张三"
    assert (meta.year_planned, meta.year_reviewed) == (2023, 2022)


@pytest.mark.parametrize(("title", "name", "date", "speaker"), [
    ("锦州市政府工作报告 （2014年1月8日 刘凤海）", "锦州市政府工作报告", "2014-01-08", "刘凤海"),
    ("襄阳市政府工作报告（2019年1月8日郄英才）", "襄阳市政府工作报告", "2019-01-08", "郄英才"),
    ("西藏自治区政府工作报告（2023年1月11日 严金海）", "西藏自治区政府工作报告", "2023-01-11",
     "严金海"),
    ("某市政府工作报告（2023年1月6日）", "某市政府工作报告", "2023-01-06", None),
    # not a day and a speaker: the title stays whole
    ("2025年贵州省政府工作报告（全文）", "2025年贵州省政府工作报告（全文）", "", None),
    ("关于某区2023年预算执行情况的报告（草案）", "关于某区2023年预算执行情况的报告（草案）", "", None),
])
def test_title_shapes(tmp_path, title, name, date, speaker):
    _, got = _import(tmp_path, TITLE_ONLY.replace("某市政府工作报告(2023年2月22日 张三）", title))
    meta = got.report.meta
    assert meta.title == name
    assert meta.date == date
    assert (meta.speaker.name if meta.speaker else None) == speaker


def test_built_document_title_has_no_date_or_name(tmp_path):
    """Imported, then built: the title line is the name alone, the speaker on its own line."""
    path, _ = _import(tmp_path, TITLE_ONLY)
    spec = tmp_path / "report.yaml"
    done = run_cli("import", path, "-o", spec)
    assert done.returncode == 0, done.stderr.decode()
    report, problems = read_spec_text(spec.read_text(encoding="utf-8"))
    assert report is not None, [p.text() for p in problems]
    lines = list(flat.lines(report))
    assert (lines[0].kind, lines[0].full) == ("title", "某市政府工作报告")
    assert ("speaker", "张三") in [(ln.kind, ln.full) for ln in lines]
    done = run_cli("validate", spec)
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()


def test_a_speaker_line_in_the_body_is_not_doubled_from_the_title(tmp_path):
    """The body names the speaker in a line not read as one ("戴　超", spaced out): the name
    from the title is not added as a second speaker line."""
    text = TITLE_ONLY.replace("各位代表：", "某市人民政府市长　张　三\n\n各位代表：")
    _, got = _import(tmp_path, text)
    shown = [ln.full for ln in flat.lines(got.report)]
    assert sum("张" in line for line in shown) == 1, shown
