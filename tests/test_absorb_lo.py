"""Reviews made by a real office suite: LibreOffice's Compare Document, absorbed into the spec.

Each case is one scripted edit of the seed spec: spec A (the seed with two note explanations and
a dash list added, so that those kinds are covered too) and spec B (A with the edit) are built
to Word, LibreOffice compares them headless (tests/fixtures/absorb/lo_compare.py, run with the
system python that has python3-uno) into one file with real tracked changes, and
`absorb` takes that file back into A. The result must be B: the same model, and the same text,
so the YAML differs from A only on the edited lines.

B's Word file carries A's identity (docProps/custom.xml) before the comparison: a reviewer
edits A's file, which keeps A's properties; LibreOffice keeps the properties of the file it
opened, which for a comparison is the edited one.
"""

from __future__ import annotations

import difflib
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from reportkit.readers.spec import read_spec_text
from reportkit.review.absorb import absorb
from reportkit.writers.docx import write_docx

from .conftest import ROOT, SPEC, run_cli

UNO_PY = Path("/usr/bin/python3")
LO_COMPARE = ROOT / "tests" / "fixtures" / "absorb" / "lo_compare.py"


def _has_uno() -> bool:
    if not UNO_PY.exists() or not shutil.which("soffice"):
        return False
    return subprocess.run([str(UNO_PY), "-c", "import uno"], capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(not _has_uno(), reason="needs soffice and python3-uno "
                                                       "(scripts/setup.sh --test)")


def base_spec() -> str:
    """The seed spec with two note explanations and a dash list (A of every case)."""
    text = SPEC.read_text("utf-8")
    text = _sub(text, '- {key: "1+7+3", term: "1+7+3"}',
                '- {key: "1+7+3", term: "1+7+3", text: 1个领导小组、7个工作专班、3个保障专班。}')
    text = _sub(text, "- {key: 法治账图, term: 法治账图}",
                "- {key: 法治账图, term: 法治账图, text: 以图表展示法治建设任务和进度的台账。}")
    return _sub(text, "          - lead: 推动科技创新发展。\n",
                "          - dashes:\n              - 深化国资国企改革。\n"
                "              - 深化要素市场化配置改革。\n          - lead: 推动科技创新发展。\n")


def _sub(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


P_FIRST = "  - 我受区人民政府委托，"
MOVE_A = ("              - lead: 经济运行企稳向好。\n", "              - lead: 项目建管质效双增。\n",
          "              - lead: 市场消费加快恢复。\n")

#: (name, [(old, new), ...]): each a scripted edit of A giving B.
EDITS = [
    ("word in a paragraph", [("全力推动县域经济高质量发展，荣获", "全力推动县域经济高水平发展，荣获")]),
    ("sentence in a paragraph", [("参加四川省首届街舞大赛，荣获二等奖。", "")]),
    ("sentence rewritten", [("外贸型经济稳步提升，累计实现货物进出口总额35.5亿元，稳居全市第一。",
                             "外贸保持全市第一，货物进出口总额累计达到35.5亿元。")]),
    ("lead sentence", [("lead: 顶层设计基本成型。", "lead: 顶层设计全面成型。")]),
    ("lead and text", [("lead: 体制机制加快完善。\n                text: 著力构建",
                        "lead: 体制机制持续完善。\n                text: 全力构建")]),
    ("two words far apart", [("成功争取各类上级资金15.08亿元", "成功争取各类上级资金15.1亿元"),
                             ("39个项目加快建设。", "39个项目加速建设。")]),
    ("text next to a note mark", [("全覆盖责任落实体系[^1+7+3]。", "全覆盖责任体系[^1+7+3]。")]),
    ("quoted words", [("推出“暖暖花城休闲游”“暖暖花城亲子游”两条旅游路线",
                       "推出“暖暖花城休闲游”“暖暖花城研学游”两条旅游路线")]),
    ("result growth and its derived gap", [("growth: 6.7, growth_note", "growth: 6.8, growth_note")]),
    ("result level", [("level: 571.02,", "level: 572.5,")]),
    ("result below the city average", [("{indicator: fai, growth: 5.8, target: 10, vs_city: -0.3}",
                                        "{indicator: fai, growth: 5.8, target: 10, vs_city: -0.4}")]),
    ("result target", [("{indicator: industry, growth: 8.6, target: 8.5,",
                        "{indicator: industry, growth: 8.6, target: 8,")]),
    ("result with a qualified target", [("growth: 3.4, target: 7左右", "growth: 3.4, target: 6左右")]),
    ("result level of a joined item", [("level: 3.69, target: 4.0以内", "level: 3.72, target: 4.0以内")]),
    ("result wording", [("{indicator: revenue, name: 全区地方一般公共预算收入, level: 9.55, target: 9}",
                         "{indicator: revenue, name: 全区地方一般公共预算收入, level: 9.55, target: 9, "
                         "text: 全区地方一般公共预算收入完成9.55亿元，超过年初预期目标（9亿元）0.55亿元。}")]),
    ("target strive value", [("{indicator: gdp, ensure: 6.7, strive: 7.2以上}",
                              "{indicator: gdp, ensure: 6.7, strive: 7.5以上}")]),
    ("target ensure value", [("{indicator: fai, ensure: 6, strive: 6.5}",
                              "{indicator: fai, ensure: 5, strive: 6.5}")]),
    ("target single value", [("value: 6000以上\n", "value: 6500以上\n")]),
    ("target wording", [("{indicator: retail, ensure: 9, strive: 10}",
                         "{indicator: retail, ensure: 9, strive: 10, text: 社会消费品零售总额确保增长9%、"
                         "力争增长10%，持续扩大消费。}")]),
    ("new paragraph", [("      - 2024年经济社会发展主要预期目标为：\n",
                        "      - 2024年经济社会发展主要预期目标为：\n"
                        "      - 各项目标均与全市目标相衔接。\n")]),
    ("new paragraph first in a section", [
        ("      - section: 聚焦精明增长、生态宜居，推动城市品质再提升。\n        body:\n",
         "      - section: 聚焦精明增长、生态宜居，推动城市品质再提升。\n        body:\n"
         "          - 城市是人民的城市。\n")]),
    ("deleted plain paragraph", [(
        "      - 2024年是中华人民共和国成立75周年，是实现“十四五”规划目标任务的关键一年，也是东区加快创建"
        "全国百强区扎实推进共同富裕出成效出经验的关键之年，抓好全年经济社会发展工作意义重大。\n", "")]),
    ("deleted lead paragraph", [(
        "              - lead: 其他社会事业统筹发展。\n                text: 全面落实粮食安全党政同责，顺利完成"
        "6500吨储备粮食轮换、1900吨小麦增储。审计、统计、物价、人防、侨台、档案、保密、工商联、地方志、国家安全、"
        "国防教育、退役军人、残疾人、民族宗教、工会、精神文明、关心下一代、团委、妇女儿童、爱国卫生、红十字会等"
        "工作成效显著。\n", "")]),
    ("moved paragraph", "move"),
    ("heading words", [("section: 致力建机制、抓落实，共富实践迈出新步伐。",
                        "section: 致力建机制、抓落实，共同富裕迈出新步伐。")]),
    ("top heading", [("section: 2024年经济社会发展主要预期目标（草案）",
                      "section: 2024年经济社会发展主要预期目标")]),
    ("note explanation", [("text: 以图表展示法治建设任务和进度的台账。}",
                           "text: 以图表展示法治建设任务、责任和进度的台账。}")]),
    ("new note explanation", [("- {key: 银发经济, term: 银发经济}",
                               "- {key: 银发经济, term: 银发经济, text: 老年人的衣食住行和照护服务产业。}")]),
    ("dash item", [("              - 深化要素市场化配置改革。\n", "              - 深化土地要素市场化配置改革。\n")]),
    ("occasion date", [("occasion: 2024年2月27日在", "occasion: 2024年2月28日在"),
                       ("date: 2024-02-27", "date: 2024-02-28")]),
    ("title", [("title: 关于攀枝花市东区2023年", "title: 关于东区2023年")]),
    ("speaker name", [("name: 孟昆}", "name: 孟坤}")]),
    ("salutation", [("salutation: 各位代表：", "salutation: 各位代表、同志们：")]),
    ("closing paragraph deleted", [(
        "          - 各位代表，2024年经济社会发展工作任务繁重、意义重大，我们将坚决贯彻省、市、区各项决策部署，"
        "在区委坚强领导下，在区人大、区政协的监督支持下，锐意进取、埋头苦干，奋力在推动共同富裕试验区建设的火热"
        "实践中再建新功，以优异成绩迎接新中国成立75周年！\n", "")]),
]


#: Second reviewers, for conflicts: each edits a place one of EDITS edits, differently.
RIVALS = [
    ("rival growth", [("growth: 6.7, growth_note", "growth: 6.9, growth_note")]),
    ("rival text", [("text: 著力构建科学系统", "text: 加快构建科学系统")]),
]


def _edited(a: str, edit) -> str:
    if edit == "move":  # the second lead paragraph moves above the first
        start, mid, end = (a.index(m) for m in MOVE_A)
        return a[:start] + a[mid:end] + a[start:mid] + a[end:]
    for old, new in edit:
        a = _sub(a, old, new)
    return a


def _docx(text: str) -> bytes:
    report, problems = read_spec_text(text, "spec.yaml")
    assert report is not None, [p.text() for p in problems]
    return write_docx(report)


def _with_identity(data: bytes, identity: bytes) -> bytes:
    """``data`` with docProps/custom.xml taken from ``identity`` (the reviewer's file)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zs, zipfile.ZipFile(out, "w") as zo:
        for info in zs.infolist():
            zo.writestr(info, identity if info.filename == "docProps/custom.xml"
                        else zs.read(info.filename))
    return out.getvalue()


@pytest.fixture(scope="session")
def reviews(tmp_path_factory):
    """Once per session: A, each B, and LibreOffice's comparison of each pair."""
    folder = tmp_path_factory.mktemp("absorb_lo")
    a = base_spec()
    (folder / "spec.yaml").write_text(a, "utf-8")
    a_docx = _docx(a)
    (folder / "a.docx").write_bytes(a_docx)
    identity = zipfile.ZipFile(io.BytesIO(a_docx)).read("docProps/custom.xml")
    args, cases = [], {}
    for n, (name, edit) in enumerate(EDITS + RIVALS):
        b = _edited(a, edit)
        (folder / f"b{n}.docx").write_bytes(_with_identity(_docx(b), identity))
        args += [folder / "a.docx", folder / f"b{n}.docx", folder / f"rev{n}.docx"]
        cases[name] = (b, folder / f"rev{n}.docx")
    subprocess.run([str(UNO_PY), str(LO_COMPARE), *map(str, args)], check=True, timeout=600)
    return folder, a, cases


def _changed_lines(a: str, b: str) -> set[int]:
    sm = difflib.SequenceMatcher(None, a.splitlines(), b.splitlines(), autojunk=False)
    return {i for tag, i1, i2, _, _ in sm.get_opcodes() if tag != "equal"
            for i in range(i1, max(i2, i1 + 1))}


@pytest.mark.parametrize("name", [name for name, _ in EDITS])
def test_libreoffice_review_absorbs_to_the_edited_spec(reviews, name):
    folder, a, cases = reviews
    b, rev = cases[name]
    out = absorb(str(folder / "spec.yaml"), [str(rev)])
    assert not out.conflicts and not out.rejected, (out.conflicts, out.rejected)
    got, _ = read_spec_text(out.new_text, "got.yaml")
    want, _ = read_spec_text(b, "want.yaml")
    assert got == want, [p.text() for p in out.notes]
    assert _changed_lines(a, out.new_text) == _changed_lines(a, b)
    assert out.new_text == b


def test_there_are_at_least_thirty_scripted_edits():
    assert len(EDITS) >= 30


def test_absorb_cli_writes_the_spec_and_dry_run_touches_nothing(reviews, tmp_path):
    _, a, cases = reviews
    b, rev = cases["result growth and its derived gap"]
    spec = tmp_path / "spec.yaml"
    spec.write_text(a, "utf-8")
    dry = run_cli("absorb", spec, rev, "--dry-run")
    assert dry.returncode == 0, dry.stderr.decode()
    assert "+              - {indicator: gdp, level: 571.02, growth: 6.8" in dry.stdout.decode()
    assert spec.read_text("utf-8") == a
    done = run_cli("absorb", spec, rev)
    assert done.returncode == 0, done.stderr.decode()
    assert spec.read_text("utf-8") == b


def test_two_reviewers_edits_to_different_places_all_apply(reviews):
    folder, _, cases = reviews
    _, gdp = cases["result growth and its derived gap"]
    _, level = cases["result level"]
    _, lead = cases["lead sentence"]
    out = absorb(str(folder / "spec.yaml"), [str(gdp), str(lead)])
    assert len(out.applied) == 2 and not out.conflicts
    # the same result, different fields: different places, so both apply
    out = absorb(str(folder / "spec.yaml"), [str(gdp), str(level)])
    assert {e.path[-1] for e in out.applied} == {"growth", "level"}


def test_two_reviewers_of_one_place_conflict_and_nothing_is_half_applied(reviews, tmp_path):
    folder, a, cases = reviews
    spec = tmp_path / "spec.yaml"
    spec.write_text(a, "utf-8")
    files = [cases[name][1] for name in ("result growth and its derived gap", "rival growth",
                                         "lead and text", "rival text", "heading words")]
    cli = run_cli("absorb", spec, *files, "--format", "json")
    assert cli.returncode == 1
    rows = json.loads(cli.stdout)
    conflicts = {tuple(sorted(e["path"] for e in group)) for group in rows["conflicts"]}
    assert conflicts == {
        ("body/1/body/1/body/0/results/0/growth",) * 2,
        # the lead is withheld with the text: the first reviewer changed both in one change
        ("body/1/body/2/body/0/body/1/lead", "body/1/body/2/body/0/body/1/text",
         "body/1/body/2/body/0/body/1/text")}
    got = spec.read_text("utf-8")
    assert _changed_lines(a, got) == _changed_lines(a, cases["heading words"][0])
    assert got == cases["heading words"][0]
