"""The Word writer: what a user of the .docx would notice, checked on the parsed XML."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree

from reportkit import flat
from reportkit.readers.spec import read_spec_text
from reportkit.style import Style, load_style
from reportkit.writers.docx import write_docx
from reportkit.writers.title import width
from reportkit.writers.pdf.breaker import joins

JOINER = "\u2060"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}

NOTES_SPEC = """\
reportkit: 1
meta:
  title: 关于贯彻落实《东区百强区创建行动方案》推进共同富裕情况的报告
  issuer: 测试区发展和改革局
  date: 2024-02-27
body:
  - 我受区人民政府委托，向大会报告。
  - section: 执行情况
    body:
      - lead: 顶层设计基本成型。
        text: 建立全覆盖责任落实体系[^a]，推动一区多园[^b]建设。
notes:
  - {key: a, term: “1+7+3”, text: 指领导小组、工作专班和保障专班。}
  - {key: b, term: 一区多园, text: 指一个园区多个片区。}
"""


def parts(data: bytes) -> dict[str, etree._Element]:
    """Every XML part of a .docx, parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith((".xml", ".rels"))}


def para_text(p) -> str:
    """A paragraph's visible text: w:t (not deleted text), w:br and word joiners as nothing."""
    return "".join(p.xpath(".//w:t/text()", namespaces=NS)).replace(JOINER, "")


def style_of(p) -> str:
    got = p.xpath("./w:pPr/w:pStyle/@w:val", namespaces=NS)
    return got[0] if got else ""


@pytest.fixture(scope="module")
def official(seed_report):
    return parts(write_docx(seed_report, load_style("official")))


@pytest.fixture(scope="module")
def review(seed_report):
    return parts(write_docx(seed_report, load_style("review")))


def styles_by_id(p) -> dict:
    return {s.get(W + "styleId"): s for s in p["word/styles.xml"].iter(W + "style")}


def test_page_is_a4_with_official_margins_and_grid(official):
    sect = official["word/document.xml"].find(f"{W}body/{W}sectPr")
    size, mar, grid = sect.find(W + "pgSz"), sect.find(W + "pgMar"), sect.find(W + "docGrid")
    assert (size.get(W + "w"), size.get(W + "h")) == ("11906", "16838")
    mm = {k: int(mar.get(W + k)) / 1440 * 25.4 for k in ("top", "left", "right", "bottom")}
    assert mm["top"] == pytest.approx(37, abs=0.05) and mm["left"] == pytest.approx(28, abs=0.05)
    assert 210 - mm["left"] - mm["right"] == pytest.approx(156, abs=0.05)
    assert 297 - mm["top"] - mm["bottom"] == pytest.approx(225, abs=0.05)
    assert grid.get(W + "type") == "lines" and grid.get(W + "linePitch") == "579"
    assert 22 * 579 <= (297 - mm["top"] - mm["bottom"]) / 25.4 * 1440


def test_lines_are_exact_and_characters_tightened_to_28_a_line(official):
    defaults = official["word/styles.xml"].find(f"{W}docDefaults")
    spacing = defaults.find(f"{W}pPrDefault/{W}pPr/{W}spacing")
    assert (spacing.get(W + "line"), spacing.get(W + "lineRule")) == ("579", "exact")
    rpr = defaults.find(f"{W}rPrDefault/{W}rPr")
    char_twips = int(rpr.find(W + "sz").get(W + "val")) * 10 + int(
        rpr.find(W + "spacing").get(W + "val"))
    assert 28 * char_twips <= round(156 / 25.4 * 1440) < 29 * char_twips


ROLE_STYLES = {"Normal": "body", "RkTitle": "title", "Heading1": "heading1",
               "Heading2": "heading2", "Heading3": "heading3", "Heading4": "heading4",
               "RkOccasion": "occasion", "RkSpeaker": "speaker", "RkLead": "lead",
               "RkNotesHeading": "notes_heading", "RkNote": "note",
               "RkPageNumberOdd": "page_number", "RkPageNumberEven": "page_number"}


@pytest.mark.parametrize("style_id", sorted(ROLE_STYLES))
def test_each_role_names_its_face_for_chinese_text(official, style_id):
    style = load_style("official")
    font = style.font(ROLE_STYLES[style_id])
    fonts = styles_by_id(official)[style_id].find(f"{W}rPr/{W}rFonts")
    assert fonts.get(W + "eastAsia") == font.name
    assert fonts.get(W + "hint") == "eastAsia"
    assert fonts.get(W + "ascii") == font.latin
    size = styles_by_id(official)[style_id].find(f"{W}rPr/{W}sz").get(W + "val")
    assert int(size) == round(font.size * 2)


def test_official_faces_by_level(official):
    east = {sid: s.find(f"{W}rPr/{W}rFonts").get(W + "eastAsia")
            for sid, s in styles_by_id(official).items() if s.find(f"{W}rPr/{W}rFonts") is not None}
    assert east["Normal"] == "仿宋_GB2312" and east["RkTitle"] == "方正小标宋简体"
    assert east["Heading1"] == "黑体" and east["Heading2"] == "楷体_GB2312"
    assert east["RkPageNumberOdd"] == "宋体"


def test_no_theme_fonts_anywhere(official):
    for name, root in official.items():
        for el in root.iter(W + "rFonts"):
            assert not [a for a in el.attrib if "Theme" in a], name


def test_words_are_exactly_the_flat_lines(seed_report, official):
    body = official["word/document.xml"].find(W + "body")
    texts = [para_text(p) for p in body.iter(W + "p") if para_text(p)]
    assert texts == [line.full for line in flat.lines(seed_report)]


def test_heading_numbers_and_levels(seed_report, official):
    body = official["word/document.xml"].find(W + "body")
    heads = [(style_of(p), para_text(p)) for p in body.iter(W + "p")
             if style_of(p).startswith("Heading")]
    expected = [(f"Heading{ln.level}", ln.full) for ln in flat.lines(seed_report)
                if ln.kind == "heading"]
    assert heads == expected
    assert heads[0][1].startswith("一、") and heads[1][1].startswith("（一）")
    assert any(text.startswith("1.") for sid, text in heads if sid == "Heading3")
    styles = styles_by_id(official)
    for level in range(1, 5):
        outline = styles[f"Heading{level}"].find(f"{W}pPr/{W}outlineLvl").get(W + "val")
        assert outline == str(level - 1)


def test_bodies_indented_two_characters(official):
    styles = styles_by_id(official)
    char_twips = 16 * 20 - 5
    for sid in ("Normal", "Heading1", "Heading2", "RkNote"):
        ind = styles[sid].find(f"{W}pPr/{W}ind")
        ind = ind if ind is not None else styles["Normal"].find(f"{W}pPr/{W}ind")
        assert int(ind.get(W + "firstLine")) == 2 * char_twips, sid
    for sid in ("RkTitle", "RkSalutation", "RkOccasion"):
        assert styles[sid].find(f"{W}pPr/{W}ind").get(W + "firstLine") == "0"


def test_lead_sentences_are_set_apart_in_bold(seed_report, official):
    body = official["word/document.xml"].find(W + "body")
    leads = [r.findtext(W + "t") for r in body.iter(W + "r")
             if r.xpath("./w:rPr/w:rStyle[@w:val='RkLead']", namespaces=NS)]
    assert leads == [ln.lead for ln in flat.lines(seed_report) if ln.lead]
    assert styles_by_id(official)["RkLead"].find(f"{W}rPr/{W}b") is not None


def test_front_matter_under_the_title(official):
    body = list(official["word/document.xml"].find(W + "body").iter(W + "p"))
    kinds = [style_of(p) for p in body[:8]]
    assert kinds[:1] == ["RkTitle"] and "RkOccasion" in kinds and "RkSpeaker" in kinds
    occasion = next(p for p in body if style_of(p) == "RkOccasion")
    assert para_text(occasion).startswith("（") and para_text(occasion).endswith("）")
    jc = styles_by_id(official)["RkOccasion"].find(f"{W}pPr/{W}jc").get(W + "val")
    assert jc == "center"


def test_title_broken_into_balanced_lines_by_meaning(seed_report, official):
    title = next(p for p in official["word/document.xml"].iter(W + "p")
                 if style_of(p) == "RkTitle")
    lines, current = [], ""
    for el in title.iter(W + "br", W + "t"):
        if el.tag == W + "br":
            lines.append(current)
            current = ""
        else:
            current += el.text.replace(JOINER, "")
    lines.append(current)
    assert "".join(lines) == seed_report.meta.title
    assert len(lines) >= 2 and all(width(line) <= 20 for line in lines)
    assert max(map(width, lines)) - min(map(width, lines)) <= 5
    assert not any(line.endswith(("20", "202")) or line.startswith("年") for line in lines)


def test_page_numbers_field_odd_right_even_left(official):
    settings = official["word/settings.xml"]
    assert settings.find(W + "evenAndOddHeaders") is not None
    sect = official["word/document.xml"].find(f"{W}body/{W}sectPr")
    refs = {r.get(W + "type") for r in sect.findall(W + "footerReference")}
    assert refs == {"default", "even"}
    styles = styles_by_id(official)
    for part, sid, side in (("word/footer1.xml", "RkPageNumberOdd", "right"),
                            ("word/footer2.xml", "RkPageNumberEven", "left")):
        p = official[part].find(W + "p")
        assert style_of(p) == sid
        instr = "".join(p.xpath(".//w:instrText/text()", namespaces=NS))
        assert instr.strip() == "PAGE"
        assert [f.get(W + "fldCharType") for f in p.iter(W + "fldChar")] == [
            "begin", "separate", "end"]
        texts = p.xpath(".//w:t/text()", namespaces=NS)
        assert texts[0] == "— " and texts[-1] == " —"
        ppr = styles[sid].find(W + "pPr")
        assert ppr.find(W + "jc").get(W + "val") == side
        assert ppr.find(W + "ind").get(W + side) == str(14 * 20)  # one 4号 character in


def test_core_properties_from_the_spec(seed_report, official):
    core = official["docProps/core.xml"]
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}
    assert core.findtext("dc:title", namespaces=ns) == seed_report.meta.title
    assert core.findtext("dc:creator", namespaces=ns) == seed_report.meta.issuer
    assert core.findtext("dc:subject", namespaces=ns) == seed_report.meta.subject
    assert core.findtext("dcterms:created", namespaces=ns) == "2024-02-27T00:00:00Z"
    status = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
    assert core.findtext(status + "contentStatus") == seed_report.meta.status


def test_review_draft_status_in_properties(review):
    ns = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
    assert review["docProps/core.xml"].findtext(ns + "contentStatus") == "征求意见稿"


def test_review_style_header_and_line_numbers(official, review):
    sect = review["word/document.xml"].find(f"{W}body/{W}sectPr")
    assert sect.find(W + "lnNumType") is not None
    assert sect.find(W + "lnNumType").get(W + "restart") == "newPage"
    assert {r.get(W + "type") for r in sect.findall(W + "headerReference")} == {"default", "even"}
    assert para_text(review["word/header1.xml"].find(W + "p")) == "征求意见稿"
    assert para_text(review["word/header2.xml"].find(W + "p")) == "征求意见稿"
    plain = official["word/document.xml"].find(f"{W}body/{W}sectPr")
    assert plain.find(W + "lnNumType") is None and plain.find(W + "headerReference") is None
    assert "word/header1.xml" not in official


def test_note_marks_and_the_note_list():
    report, problems = read_spec_text(NOTES_SPEC, "notes.yaml")
    assert report is not None, problems
    doc = parts(write_docx(report, load_style("official")))["word/document.xml"]
    paras = [(style_of(p), para_text(p)) for p in doc.iter(W + "p") if para_text(p)]
    body = next(text for sid, text in paras if "顶层设计" in text)
    assert "体系[1]，" in body and "一区多园[2]建设" in body
    heading = paras.index(("RkNotesHeading", "名词解释"))
    notes = paras[heading + 1:]
    assert notes == [("RkNote", "[1]“1+7+3”：指领导小组、工作专班和保障专班。"),
                     ("RkNote", "[2]一区多园：指一个园区多个片区。")]


def test_title_never_breaks_inside_a_book_title():
    report, _ = read_spec_text(NOTES_SPEC, "notes.yaml")
    doc = parts(write_docx(report, load_style("official")))["word/document.xml"]
    title = next(p for p in doc.iter(W + "p") if style_of(p) == "RkTitle")
    text_with_breaks = "".join("\n" if el.tag == W + "br" else el.text
                               for el in title.iter(W + "br", W + "t"))
    book = text_with_breaks[text_with_breaks.index("《"):text_with_breaks.index("》")]
    assert "\n" not in book and "\n" in text_with_breaks


def test_deterministic_bytes(seed_report, monkeypatch):
    style = load_style("official")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = write_docx(seed_report, style), write_docx(seed_report, style)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2024, 2, 27, 0, 0, 0)}


def test_source_date_epoch_sets_dates(seed_report, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    data = write_docx(seed_report, load_style("official"))
    core = parts(data)["docProps/core.xml"]
    ns = {"dcterms": "http://purl.org/dc/terms/"}
    assert core.findtext("dcterms:modified", namespaces=ns) == "2023-11-14T22:13:20Z"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_opens_with_python_docx(seed_report):
    import docx

    document = docx.Document(io.BytesIO(write_docx(seed_report, load_style("review"))))
    assert document.core_properties.title == seed_report.meta.title
    assert document.paragraphs[0].style.name == "Title"
    assert document.sections[0].different_first_page_header_footer is False


def test_every_part_is_related_and_typed(official):
    types = official["[Content_Types].xml"]
    typed = {o.get("PartName") for o in types}
    rels = official["word/_rels/document.xml.rels"]
    targets = {"/word/" + r.get("Target") for r in rels}
    xml_parts = {"/" + name for name in official if name.endswith(".xml")
                 and name != "[Content_Types].xml"}
    assert xml_parts <= typed | {None}
    assert {t for t in typed if t and t.startswith("/word/") and t != "/word/document.xml"} \
        == targets


# Child order of the elements reportkit writes, from ECMA-376 Part 1 (transitional schema).
SCHEMA_ORDER = {
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
            "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
            "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
            "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
            "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
            "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"],
    "rPr": ["ins", "del", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
            "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
            "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
            "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
            "eastAsianLayout", "specVanish", "oMath"],
    "sectPr": ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
               "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
               "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid"],
    "style": ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden",
              "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal",
              "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"],
    "settings": ["writeProtection", "view", "zoom", "removePersonalInformation",
                 "defaultTabStop", "evenAndOddHeaders", "characterSpacingControl", "compat",
                 "docVars", "rsids", "themeFontLang"],
    "r": ["rPr", "br", "t", "delText", "instrText", "fldChar"],
}


def _check_order(root):
    for el in root.iter():
        if not isinstance(el.tag, str) or not el.tag.startswith(W):
            continue
        order = SCHEMA_ORDER.get(el.tag[len(W):])
        if order is None:
            continue
        names = [c.tag[len(W):] for c in el if isinstance(c.tag, str)]
        assert all(n in order for n in names), (el.tag, names)
        if el.tag != W + "r":  # a run holds content in any order after its rPr
            positions = [order.index(n) for n in names]
            assert positions == sorted(positions), (el.tag, names)
        else:
            assert "rPr" not in names[1:], names


def test_elements_in_schema_order(official, review, seed_report):
    report, _ = read_spec_text(NOTES_SPEC, "notes.yaml")
    with_notes = parts(write_docx(report, load_style("review")))
    for package in (official, review, with_notes):
        for name, root in package.items():
            if name.startswith("word/"):
                _check_order(root)


def test_numbers_are_joined_to_their_units(official):
    """A number and its unit cannot part at a line end ("超20亿|元" in LibreOffice before):
    word joiners between them, in a run that LibreOffice breaks by Unicode rules (its Chinese
    line breaking ignores joiners)."""
    body = official["word/document.xml"].find(W + "body")
    raw = "".join(t.text or "" for t in body.iter(W + "t"))
    for kept in ("20\u2060亿\u2060元，", "93\u2060个、", "2023\u2060年", "0.2\u2060个\u2060百\u2060分\u2060点"):
        assert kept in raw
    joined = [r for r in body.iter(W + "r")
              if re.search(JOINER + r"[^\[]", "".join(r.xpath("./w:t/text()", namespaces=NS)))]
    assert joined
    for r in joined:
        assert r.xpath("./w:rPr/w:lang/@w:eastAsia", namespaces=NS) == ["en-US"]
        assert r.find(f"{W}rPr/{W}noProof") is not None  # no English spell check on Chinese
    assert "体系\u2060[12]" in raw  # a note mark stays with the word it explains
    # nothing else is joined: without the joiners the words are the flat lines (see above)
    assert raw.count(JOINER) == sum(len(joins(para_text(p))) for p in body.iter(W + "p"))


def test_line_rules_come_from_the_style(seed_report, official):
    """lines.hanging_punctuation and lines.autospace_em: the official style leaves Word's and
    LibreOffice's defaults (marks hang, Chinese and digits are spaced); a profile that turns
    them off says so in every paragraph's defaults; keep_units off writes no joiners."""
    def ppr_names(styles):
        default = styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
        return {etree.QName(el).localname: el.get(W + "val") for el in default}

    assert not {"overflowPunct", "autoSpaceDE", "autoSpaceDN"} & set(
        ppr_names(official["word/styles.xml"]))
    base = load_style("official")
    strict = Style("strict", {**base.data, "lines": {
        "keep_units": {"value": False}, "hanging_punctuation": {"value": ""},
        "autospace_em": {"value": 0}}})
    doc = parts(write_docx(seed_report, strict))
    names = ppr_names(doc["word/styles.xml"])
    assert (names["overflowPunct"], names["autoSpaceDE"], names["autoSpaceDN"]) == ("0",) * 3
    assert JOINER not in etree.tostring(doc["word/document.xml"], encoding="unicode")
