"""`reportkit absorb` on reviews written by hand the way Word writes them, and on bad input.

LibreOffice's comparison (test_absorb_lo.py) never writes moves (w:moveFrom/w:moveTo), inserted
paragraph marks, comments with replies (commentsExtended) or field codes; these files do, each
paragraph of the seed's build replaced by the XML Word saves for the edit.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from reportkit.readers.spec import read_spec_text
from reportkit.review.absorb import absorb
from reportkit.review.read import read_review
from reportkit.writers.docx import write_docx

from .conftest import SPEC, run_cli

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
W15 = 'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"'
WHO = 'w:author="王审阅" w:date="2024-03-01T09:00:00Z"'
PARA_RE = re.compile(r"<w:p>.*?</w:p>|<w:p/>", re.DOTALL)
INTRO = "2024年经济社会发展主要预期目标为："
GDP = "——地区生产总值为571.02亿元，增长（同比，下同）6.7%，超过年初预期目标（6.5%）0.2个百分点，高于全市平均0.2个百分点。"


def para_text(xml: str) -> str:
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)).replace("\u2060", "")


def run(text: str, kind: str = "", rid: int = 1) -> str:
    """A run, plain or wrapped as Word wraps a tracked one (ins, del, moveFrom, moveTo)."""
    if kind in ("del", "moveFrom"):
        r = f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r>'
    else:
        r = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
    return f'<w:{kind} w:id="{rid}" {WHO}>{r}</w:{kind}>' if kind else r


def para(inner: str, mark: str = "", rid: int = 90) -> str:
    """A paragraph; ``mark`` tracks its paragraph mark (ins, del, moveFrom, moveTo)."""
    rpr = f'<w:rPr><w:{mark} w:id="{rid}" {WHO}/></w:rPr>' if mark else ""
    return f'<w:p><w:pPr><w:pStyle w:val="Normal"/>{rpr}</w:pPr>{inner}</w:p>'


def reviewed(spec_text: str, paragraphs: dict[str, str], parts: dict[str, str] | None = None
             ) -> bytes:
    """The spec's build with each paragraph whose text is a key replaced by its value."""
    report, _ = read_spec_text(spec_text, "spec.yaml")
    data = write_docx(report)
    src = zipfile.ZipFile(io.BytesIO(data))
    doc = src.read("word/document.xml").decode()
    found = set()

    def swap(m):
        text = para_text(m.group(0))
        if text in paragraphs and text not in found:
            found.add(text)
            return paragraphs[text]
        return m.group(0)

    doc = PARA_RE.sub(swap, doc)
    assert found == set(paragraphs), set(paragraphs) - found
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name in src.namelist():
            zf.writestr(name, doc if name == "word/document.xml" else src.read(name))
        for name, text in (parts or {}).items():
            zf.writestr(name, text)
    return out.getvalue()


@pytest.fixture()
def spec(tmp_path) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC.read_text("utf-8"), "utf-8")
    return path


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    (tmp_path / name).write_bytes(data)
    return tmp_path / name


def gdp_growth(new: str, gap: str, rid: int = 1) -> str:
    """The GDP result line with its growth and the derived gap changed as Word tracks it."""
    return para(run("——地区生产总值为571.02亿元，增长（同比，下同）") + run("6.7", "del", rid)
                + run(new, "ins", rid + 1) + run("%，超过年初预期目标（6.5%）") + run("0.2", "del", rid + 2)
                + run(gap, "ins", rid + 3) + run("个百分点，高于全市平均0.2个百分点。"))


# -- Word's own markup ---------------------------------------------------------------------------

def test_a_word_move_takes_the_paragraph_to_its_new_place(spec, tmp_path):
    text = spec.read_text("utf-8")
    first = "2024年是中华人民共和国成立75周年，是实现“十四五”规划目标任务的关键一年，也是东区加快创建全国百强区扎实推进共同富裕出成效出经验的关键之年，抓好全年经济社会发展工作意义重大。"
    moved_from = para(f'<w:moveFromRangeStart w:id="10" w:name="move1" {WHO}/>'
                      + run(INTRO, "moveFrom", 11) + '<w:moveFromRangeEnd w:id="10"/>',
                      "moveFrom", 12)
    moved_to = para(f'<w:moveToRangeStart w:id="13" w:name="move1" {WHO}/>'
                    + run(INTRO, "moveTo", 14) + '<w:moveToRangeEnd w:id="13"/>', "moveTo", 15)
    data = reviewed(text, {first: moved_to + para(run(first)), INTRO: moved_from})
    out = absorb(str(spec), [str(write(tmp_path, "moved.docx", data))])
    assert [e.op for e in out.applied] == ["move"]
    got = out.new_text
    assert got.index("- " + INTRO) < got.index("- " + first)
    # the same two lines, swapped: nothing else in the file changed
    assert sorted(got.splitlines()) == sorted(text.splitlines())


def test_word_inserted_paragraph_mark_and_numbers_with_their_derived_gap(spec, tmp_path):
    text = spec.read_text("utf-8")
    added = para(run(INTRO), "ins", 20) + para(run("各项目标与全市目标相衔接。", "ins", 21))
    data = reviewed(text, {INTRO: added, GDP: gdp_growth("6.8", "0.3")})
    out = absorb(str(spec), [str(write(tmp_path, "r.docx", data))])
    assert not out.notes and not out.rejected
    assert "growth: 6.8, growth_note" in out.new_text
    assert f"      - {INTRO}\n      - 各项目标与全市目标相衔接。\n" in out.new_text
    report, _ = read_spec_text(out.new_text)
    assert report is not None


def test_a_derived_number_left_unchanged_is_regenerated_with_a_note(spec, tmp_path):
    data = reviewed(spec.read_text("utf-8"), {GDP: gdp_growth("6.8", "0.2")})
    out = absorb(str(spec), [str(write(tmp_path, "r.docx", data))])
    [edit] = out.applied
    assert edit.path[-1] == "growth" and edit.value == 6.8
    assert any("0.2 follows from the numbers: now 0.3" in n for n in edit.notes)


def test_comments_with_replies_are_listed_with_author_text_and_spec_line(spec, tmp_path):
    text = spec.read_text("utf-8")
    commented = para(run("——地区生产总值为") + '<w:commentRangeStart w:id="0"/>'
                     + run("571.02亿元") + '<w:commentRangeEnd w:id="0"/>'
                     + '<w:r><w:commentReference w:id="0"/></w:r>'
                     + '<w:commentRangeStart w:id="1"/><w:commentRangeEnd w:id="1"/>'
                     + run("，增长（同比，下同）6.7%，超过年初预期目标（6.5%）0.2个百分点，高于全市平均0.2个百分点。"))
    comments = (f'<w:comments {W_NS} {W14}>'
                f'<w:comment w:id="0" {WHO} w:initials="王"><w:p w14:paraId="00000A01">'
                '<w:r><w:t>请统计局核实这个数。</w:t></w:r></w:p></w:comment>'
                '<w:comment w:id="1" w:author="李统计" w:date="2024-03-02T10:00:00Z">'
                '<w:p w14:paraId="00000A02"><w:r><w:t>已核实，无误。</w:t></w:r></w:p></w:comment>'
                '</w:comments>')
    extended = (f'<w15:commentsEx {W15}><w15:commentEx w15:paraId="00000A01" w15:done="1"/>'
                '<w15:commentEx w15:paraId="00000A02" w15:paraIdParent="00000A01"/>'
                '</w15:commentsEx>')
    data = reviewed(text, {GDP: commented}, {"word/comments.xml": comments,
                                             "word/commentsExtended.xml": extended})
    path = write(tmp_path, "c.docx", data)
    out = absorb(str(spec), [str(path)])
    assert out.new_text == text
    (_, first, place), (_, reply, _) = out.comments
    assert (first.author, first.text, first.anchor, first.done) == \
        ("王审阅", "请统计局核实这个数。", "571.02亿元", True)
    assert place.line_no == 28  # the gdp result in specs/dongqu-2024.yaml
    assert (reply.author, reply.parent, reply.text) == ("李统计", "0", "已核实，无误。")
    cli = run_cli("absorb", spec, path, "--format", "md")
    assert cli.returncode == 0, cli.stderr.decode()
    md = cli.stdout.decode()
    assert f"- [x] `{spec}:28` **王审阅** on 「571.02亿元」: 请统计局核实这个数。" in md
    assert "  - [ ] " in md and "**李统计**" in md


def test_an_edit_inside_a_field_code_is_not_absorbed_and_said_so(spec, tmp_path):
    text = spec.read_text("utf-8")
    field = para(run(INTRO) + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                 + f'<w:ins w:id="5" {WHO}><w:r><w:instrText> PAGE </w:instrText></w:r></w:ins>'
                 + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar '
                 'w:fldCharType="end"/></w:r>')
    data = reviewed(text, {INTRO: field})
    path = write(tmp_path, "f.docx", data)
    out = absorb(str(spec), [str(path)])
    assert out.new_text == text
    assert any("inside a field code" in n.message for n in out.notes)
    cli = run_cli("absorb", spec, path)
    assert cli.returncode == 1 and "inside a field code" in cli.stdout.decode()


def test_an_edit_inside_a_table_is_not_absorbed_and_the_rest_is(spec, tmp_path):
    text = spec.read_text("utf-8")
    table = ('<w:tbl><w:tr><w:tc><w:p>' + run("附表", "ins", 7) + "</w:p></w:tc></w:tr></w:tbl>")
    data = reviewed(text, {INTRO: para(run(INTRO)) + table, GDP: gdp_growth("6.8", "0.3", 9)})
    path = write(tmp_path, "t.docx", data)
    cli = run_cli("absorb", spec, path, "--dry-run", "--format", "json")
    assert cli.returncode == 1
    rows = json.loads(cli.stdout)
    assert any("inside a table" in n for n in rows["notes"])
    assert [e["path"] for e in rows["applied"]] == ["body/1/body/1/body/0/results/0/growth"]
    assert "+              - {indicator: gdp, level: 571.02, growth: 6.8" in rows["diff"]
    assert spec.read_text("utf-8") == text


# -- several reviewers ---------------------------------------------------------------------------

def test_two_reviewers_same_place_different_numbers_is_a_conflict_neither_applied(spec, tmp_path):
    text = spec.read_text("utf-8")
    lead_old, lead_new = "顶层设计基本成型。", "顶层设计全面成型。"
    one = write(tmp_path, "one.docx", reviewed(text, {GDP: gdp_growth("6.8", "0.3")}))
    two = write(tmp_path, "two.docx", reviewed(text, {GDP: gdp_growth("6.9", "0.4")}))
    lead_para = next(p for p in PARA_RE.findall(zipfile.ZipFile(io.BytesIO(write_docx(
        read_spec_text(text)[0]))).read("word/document.xml").decode())
        if para_text(p).startswith(lead_old))
    body = para_text(lead_para)[len(lead_old):]
    three = write(tmp_path, "three.docx", reviewed(text, {lead_old + body: para(
        run(lead_old, "del", 1) + run(lead_new, "ins", 2) + run(body))}))
    before = spec.read_text("utf-8")
    cli = run_cli("absorb", spec, one, two, three)
    assert cli.returncode == 1
    assert "conflict, neither applied" in cli.stdout.decode()
    after = spec.read_text("utf-8")
    assert "growth: 6.7, growth_note" in after  # neither 6.8 nor 6.9
    assert f"lead: {lead_new}" in after  # the other reviewer's edit applied
    assert len([1 for a, b in zip(before.splitlines(), after.splitlines()) if a != b]) == 1


def test_the_same_edit_from_two_reviewers_applies_once(spec, tmp_path):
    text = spec.read_text("utf-8")
    one = write(tmp_path, "one.docx", reviewed(text, {GDP: gdp_growth("6.8", "0.3")}))
    two = write(tmp_path, "two.docx", reviewed(text, {GDP: gdp_growth("6.8", "0.3")}))
    out = absorb(str(spec), [str(one), str(two)])
    assert len(out.applied) == 1 and not out.conflicts


def tracked(text: str, old: str, new: str, rid: int) -> str:
    """A paragraph reading ``text`` with its first ``old`` replaced by ``new`` as Word tracks."""
    a, _, b = text.partition(old)
    return para(run(a) + run(old, "del", rid) + run(new, "ins", rid + 1) + run(b))


def test_an_edit_that_makes_the_spec_invalid_is_listed_and_not_applied(spec, tmp_path):
    target = "——地区生产总值确保增长6.7%、力争7.2%以上。"
    data = reviewed(spec.read_text("utf-8"), {target: tracked(target, "6.7", "7.5", 1),
                                              GDP: gdp_growth("6.8", "0.3", 5)})
    path = write(tmp_path, "bad.docx", data)
    out = absorb(str(spec), [str(path)])
    [(edit, why)] = out.rejected
    assert edit.path[-1] == "ensure" and "确保 7.5 is above 力争 7.2" in why
    assert [e.path[-1] for e in out.applied] == ["growth"]
    cli = run_cli("absorb", spec, path)
    assert cli.returncode == 1
    assert "not applied, the spec would be invalid" in cli.stdout.decode()
    assert "ensure: 6.7, strive: 7.2以上" in spec.read_text("utf-8")


# -- bad input -----------------------------------------------------------------------------------

def test_a_file_without_changes_has_nothing_to_absorb(spec, tmp_path):
    report, _ = read_spec_text(spec.read_text("utf-8"), str(spec))
    clean = write(tmp_path, "clean.docx", write_docx(report))
    before = spec.read_bytes()
    cli = run_cli("absorb", spec, clean)
    assert cli.returncode == 0
    assert "nothing to absorb" in cli.stderr.decode()
    assert spec.read_bytes() == before


@pytest.mark.parametrize("content, says", [
    (b"PK\x03\x04 this is not really a zip", "not a readable .docx"),
    (b"", "not a readable .docx"),
    ("zip-without-document", "no word/document.xml"),
    ("broken-xml", "not well-formed XML"),
])
def test_a_damaged_file_exits_2_with_a_clear_message(spec, tmp_path, content, says):
    if content == "zip-without-document":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("hello.txt", "hi")
        content = buf.getvalue()
    elif content == "broken-xml":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("word/document.xml", "<w:document><w:body><w:p>")
        content = buf.getvalue()
    path = write(tmp_path, "bad.docx", content)
    before = spec.read_bytes()
    cli = run_cli("absorb", spec, path)
    assert cli.returncode == 2
    err = cli.stderr.decode()
    assert says in err and str(path) in err and "Traceback" not in err
    assert spec.read_bytes() == before


def test_a_file_built_from_another_spec_is_refused_unless_forced(spec, tmp_path):
    text = spec.read_text("utf-8")
    other = text.replace("顶层设计基本成型。", "顶层设计已经成型。")
    data = reviewed(other, {GDP: gdp_growth("6.8", "0.3")})
    path = write(tmp_path, "other.docx", data)
    refused = run_cli("absorb", spec, path)
    assert refused.returncode == 2
    assert "--force" in refused.stderr.decode() and "spec.yaml" in refused.stderr.decode()
    assert spec.read_text("utf-8") == text
    forced = run_cli("absorb", spec, path, "--force")
    assert forced.returncode == 0, forced.stdout.decode() + forced.stderr.decode()
    assert "aligned by text (--force)" in forced.stdout.decode()
    assert "growth: 6.8, growth_note" in spec.read_text("utf-8")


def test_changes_to_paragraphs_the_spec_has_since_rewritten_no_longer_apply(spec, tmp_path):
    text = spec.read_text("utf-8")
    old_lead = "顶层设计基本成型。"
    report, _ = read_spec_text(text)
    doc = zipfile.ZipFile(io.BytesIO(write_docx(report))).read("word/document.xml").decode()
    lead_para = para_text(next(p for p in PARA_RE.findall(doc) if para_text(p).startswith(old_lead)))
    body = lead_para[len(old_lead):]
    edited = para(run(old_lead) + run(body[:10], "del", 1) + run("印发", "ins", 2) + run(body[10:]))
    data = reviewed(text, {lead_para: edited, GDP: gdp_growth("6.8", "0.3", 5)})
    path = write(tmp_path, "old.docx", data)
    spec.write_text(text.replace("出台《加快创建全国百强区", "制定《加快创建全国百强区"), "utf-8")
    out = absorb(str(spec), [str(path)], force=True)
    assert any("no longer applies" in n.message for n in out.notes)
    assert [e.path[-1] for e in out.applied] == ["growth"]


def test_read_review_gives_both_views_of_a_tracked_paragraph(spec, tmp_path):
    data = reviewed(spec.read_text("utf-8"), {GDP: gdp_growth("6.8", "0.3")})
    rev = read_review(write(tmp_path, "r.docx", data))
    olds = [p.text for p in rev.old]
    news = [p.text for p in rev.new]
    assert GDP in olds and GDP.replace("6.7", "6.8").replace("0.2个百分点，高于", "0.3个百分点，高于") in news
    assert rev.revisions == 4


def test_a_file_edited_without_track_changes_is_compared_with_the_build(spec, tmp_path):
    text = spec.read_text("utf-8")
    untracked = para(run(GDP.replace("6.7%", "6.8%").replace("0.2个百分点，高于", "0.3个百分点，高于")))
    path = write(tmp_path, "u.docx", reviewed(text, {GDP: untracked}))
    out = absorb(str(spec), [str(path)])
    assert [e.path[-1] for e in out.applied] == ["growth"]
    assert any(n.code == "RK609" for n in out.notes)


HEADING = "一、2023年国民经济和社会发展计划执行情况"


def test_a_changed_heading_number_is_ignored_with_a_note(spec, tmp_path):
    text = spec.read_text("utf-8")
    data = reviewed(text, {HEADING: para(run("一、", "del", 1) + run("二、", "ins", 2)
                                         + run(HEADING[2:]))})
    path = write(tmp_path, "h.docx", data)
    cli = run_cli("absorb", spec, path)
    assert cli.returncode == 0, cli.stdout.decode()
    assert "numbers are generated" in cli.stdout.decode() and "(RK608)" in cli.stdout.decode()
    assert spec.read_text("utf-8") == text


def test_a_heading_deleted_without_its_paragraphs_is_not_absorbed(spec, tmp_path):
    text = spec.read_text("utf-8")
    data = reviewed(text, {HEADING: para(run(HEADING, "del", 1), "del", 2)})
    out = absorb(str(spec), [str(write(tmp_path, "h.docx", data))])
    assert out.new_text == text and not out.applied
    assert any("was deleted but not its paragraphs" in n.message for n in out.notes)


def test_every_target_deleted_deletes_the_target_list(spec, tmp_path):
    text = spec.read_text("utf-8")
    report, _ = read_spec_text(text)
    from reportkit import flat

    targets = [line.full for line in flat.lines(report) if line.kind == "target"]
    data = reviewed(text, {t: para(run(t, "del", 10 + 2 * k), "del", 11 + 2 * k)
                           for k, t in enumerate(targets)})
    out = absorb(str(spec), [str(write(tmp_path, "t.docx", data))])
    assert [e.path for e in out.applied] == [("body", 2, "body", 3)]
    assert "targets:" not in out.new_text and "value: 6000以上" not in out.new_text


def test_text_inserted_then_deleted_in_review_is_in_neither_view(spec, tmp_path):
    text = spec.read_text("utf-8")
    a, b = INTRO[:4], INTRO[4:]
    both = para(run(a) + f'<w:ins w:id="1" {WHO}><w:r><w:t>甲</w:t></w:r>'
                f'<w:del w:id="2" {WHO}><w:r><w:delText>乙</w:delText></w:r></w:del></w:ins>'
                + run(b))
    rev = read_review(write(tmp_path, "n.docx", reviewed(text, {INTRO: both})))
    assert INTRO in [p.text for p in rev.old]
    assert a + "甲" + b in [p.text for p in rev.new]


def test_a_part_heading_edit_goes_to_its_part_key(tmp_path):
    text = ("reportkit: 1\nmeta: {title: 关于2024年计划的报告}\nbody:\n  - part: 2023年工作回顾\n"
            "    body:\n      - section: 经济运行稳中向好。\n        body:\n"
            "          - 全年经济运行稳中向好。\n")
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, "utf-8")
    data = reviewed(text, {"2023年工作回顾": tracked("2023年工作回顾", "回顾", "总结", 1)})
    out = absorb(str(spec), [str(write(tmp_path, "p.docx", data))])
    assert out.new_text == text.replace("part: 2023年工作回顾", "part: 2023年工作总结")
