"""The OFD file (GB/T 33190-2016), read back by independent readers and held to the PDF.

ofdkit (a reader from PyPI) reads each page's text and the document's metadata; easyofd (another
reader from PyPI) renders the OFD to a PDF, measured as the PDF writer's own output is; the
package's parts are checked against the standard's XML layout with ElementTree, and the
embedded fonts with fontTools. No golden bytes.
"""

from __future__ import annotations

import dataclasses
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from reportkit.flat import lines as flat_lines
from reportkit.style import MM_PER_PT, load_style
from reportkit.writers.ofd import write_ofd
from reportkit.writers.pdf import MissingGlyphs, write_pdf

from .conftest import RARE_GLYPH, text_rows, with_a_rare_glyph
from .test_parity import body_lines

OFFICIAL = load_style("official")
NS = {"ofd": "http://www.ofdspec.org/2016"}
Q = "{http://www.ofdspec.org/2016}"
#: DocInfo's children in the order of the standard's schema (CT_DocInfo).
DOC_INFO_ORDER = ("DocID", "Title", "Author", "Subject", "Abstract", "CreationDate", "ModDate",
                  "DocUsage", "Cover", "Keywords", "Creator", "CreatorVersion", "CustomDatas")


@pytest.fixture(scope="module")
def seed_ofd(seed_report) -> bytes:
    return write_ofd(seed_report, OFFICIAL)


@pytest.fixture(scope="module")
def seed_pdf(seed_report, tmp_path_factory):
    path = tmp_path_factory.mktemp("ofd") / "seed.pdf"
    path.write_bytes(write_pdf(seed_report, OFFICIAL))
    return path


def parts(data: bytes) -> dict[str, ET.Element]:
    """Every XML part of an OFD package, parsed, by its name in the zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: ET.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith(".xml")}


def pdf_pages(pdf) -> list[list[str]]:
    """Each page's text lines of a PDF (all of the page), spaces left out."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [[r.replace(" ", "") for r in text_rows(page.chars)] for page in doc.pages]


def ofdkit_pages(data: bytes) -> list[list[str]]:
    """Each page's text lines as ofdkit reads them, spaces and blank lines left out."""
    import ofdkit

    with ofdkit.open(data) as doc:
        pages = [[ln.replace(" ", "") for ln in page.text().split("\n") if ln.strip()]
                 for page in doc.pages]
        assert not doc.warnings  # every part it looked for was there and readable
    return pages


@pytest.mark.parametrize("style", ["official", "review"])
def test_every_page_reads_back_as_the_pdfs_text(seed_report, style):
    """ofdkit's text of each page is the PDF's, line by line (page numbers, header and the
    review style's line numbers included)."""
    ofd = ofdkit_pages(write_ofd(seed_report, style))
    pdf = pdf_pages(io.BytesIO(write_pdf(seed_report, style)))
    assert len(ofd) == len(pdf) > 10
    for n, (a, b) in enumerate(zip(ofd, pdf), 1):
        assert a == b, f"page {n}"


def test_characters_stand_where_the_pdf_draws_them(seed_ofd, seed_pdf):
    """Each character's origin (TextCode X plus the DeltaX before it, in the Boundary) is the
    PDF's, to a hundredth of a millimetre: the same grid, lines and justification."""
    import pdfplumber

    got = _placed_chars(seed_ofd)
    with pdfplumber.open(seed_pdf) as pdf:
        for n, page in enumerate(pdf.pages):
            height = float(page.height)
            want = sorted((round((height - c["matrix"][5]) * MM_PER_PT, 2),
                           round(c["matrix"][4] * MM_PER_PT, 2), c["text"])
                          for c in page.chars if c["text"].strip())
            mine = got[n]
            assert [t for _, _, t in mine] == [t for _, _, t in want], f"page {n + 1}"
            for (y, x, t), (py, px, _) in zip(mine, want):
                assert abs(y - py) <= 0.011 and abs(x - px) <= 0.011, (n + 1, t, x, px, y, py)


def _placed_chars(data: bytes) -> list[list[tuple[float, float, str]]]:
    """(baseline, x, character) of every visible character, page by page, sorted."""
    xml = parts(data)
    doc = xml["Doc_0/Document.xml"]
    pages = []
    for page in doc.iterfind("ofd:Pages/ofd:Page", NS):
        out = []
        for obj in xml["Doc_0/" + page.get("BaseLoc")].iter(Q + "TextObject"):
            left, top, *_ = map(float, obj.get("Boundary").split())
            for code in obj.iterfind("ofd:TextCode", NS):
                x, y = left + float(code.get("X")), top + float(code.get("Y"))
                deltas = [float(d) for d in (code.get("DeltaX") or "").split()]
                for i, ch in enumerate(code.text):
                    if ch.strip():
                        out.append((round(y, 2), round(x + sum(deltas[:i]), 2), ch))
        pages.append(sorted(out))
    return pages


def test_package_follows_the_standards_layout(seed_ofd):
    """OFD.xml → DocRoot → Document.xml (CommonData, Pages) → PublicRes.xml and each page's
    Content.xml; IDs unique and at most MaxUnitID; text objects as the schema has them."""
    xml = parts(seed_ofd)
    root = xml["OFD.xml"]
    assert root.tag == Q + "OFD" and root.get("DocType") == "OFD" and root.get("Version")
    info = root.find("ofd:DocBody/ofd:DocInfo", NS)
    names = [el.tag.removeprefix(Q) for el in info]
    assert names == sorted(names, key=DOC_INFO_ORDER.index)
    assert root.findtext("ofd:DocBody/ofd:DocRoot", namespaces=NS) == "Doc_0/Document.xml"
    doc = xml["Doc_0/Document.xml"]
    common = doc.find("ofd:CommonData", NS)
    assert [el.tag.removeprefix(Q) for el in common] == ["MaxUnitID", "PageArea", "PublicRes"]
    assert common.findtext("ofd:PageArea/ofd:PhysicalBox", namespaces=NS) == "0 0 210 297"
    res = xml["Doc_0/" + common.findtext("ofd:PublicRes", namespaces=NS)]
    assert res.tag == Q + "Res" and res.get("BaseLoc") == "Res"
    ids = [int(el.get("ID")) for part in xml.values() for el in part.iter() if el.get("ID")]
    assert len(ids) == len(set(ids)) and max(ids) <= int(common.findtext("ofd:MaxUnitID", "",
                                                                         NS))
    fonts = {f.get("ID") for f in res.iterfind("ofd:Fonts/ofd:Font", NS)}
    objects = 0
    for page in doc.iterfind("ofd:Pages/ofd:Page", NS):
        content = xml["Doc_0/" + page.get("BaseLoc")]
        assert content.tag == Q + "Page"
        layers = content.findall("ofd:Content/ofd:Layer", NS)
        assert len(layers) == 1 and layers[0].get("ID")
        for obj in layers[0]:
            assert obj.tag == Q + "TextObject", obj.tag  # text, never page images or paths
            assert len(obj.get("Boundary").split()) == 4 and obj.get("Font") in fonts
            assert float(obj.get("Size")) > 0
            for code in obj.iterfind("ofd:TextCode", NS):
                deltas = (code.get("DeltaX") or "").split()
                assert len(deltas) == len(code.text) - 1 and "g" not in deltas
            objects += 1
    assert objects > 500


def test_fonts_are_embedded_truetype_subsets_with_every_glyph(seed_ofd):
    """Each font resource has its FontFile in the package: a TrueType subset whose Unicode cmap
    maps every character drawn in it to a glyph with an outline."""
    from fontTools.ttLib import TTFont

    xml = parts(seed_ofd)
    res = xml["Doc_0/PublicRes.xml"]
    drawn: dict[str, set[str]] = {}
    for part in xml.values():
        for obj in part.iter(Q + "TextObject"):
            drawn.setdefault(obj.get("Font"), set()).update(
                "".join(c.text for c in obj.iterfind("ofd:TextCode", NS)))
    families = set()
    with zipfile.ZipFile(io.BytesIO(seed_ofd)) as zf:
        for font in res.iterfind("ofd:Fonts/ofd:Font", NS):
            families.add(font.get("FamilyName"))
            tt = TTFont(io.BytesIO(zf.read("Doc_0/Res/" + font.findtext("ofd:FontFile", "",
                                                                        NS))))
            assert "glyf" in tt and "CFF " not in tt
            assert font.get("FontName") == tt["name"].getDebugName(6)
            cmap = tt["cmap"].getcmap(3, 1).cmap
            chars = drawn.pop(font.get("ID"))
            assert tt["maxp"].numGlyphs <= len(chars) + 10  # a subset, not the face
            glyf = tt["glyf"]
            for ch in {ch for ch in chars if not ch.isspace()}:
                assert ord(ch) in cmap, (font.get("FamilyName"), ch)
                assert glyf[cmap[ord(ch)]].numberOfContours != 0, (font.get("FamilyName"), ch)
    assert not drawn  # no text object names a font that is not there
    assert {"FandolFang", "FandolHei", "FandolKai", "FandolSong"} <= families


def test_a_cmap_reaches_characters_past_the_bmp():
    """A subset's cmap as fontTools reads it: BMP characters in format 4 (3, 1), and with a
    character past the BMP (CJK Extension B, as a fallback face may draw) a format 12 (3, 10)
    holding them all; a character without a glyph is left out."""
    from fontTools.ttLib import TTFont, newTable

    from reportkit.writers.ofd.fonts import cmap_table

    font = TTFont()
    font.setGlyphOrder([f"g{i}" for i in range(6)])
    table = newTable("cmap")
    table.decompile(cmap_table({0x4E00: 1, 0x4E01: 2, 0x4E03: 3, 0x20000: 4, 0x2A6A5: 5,
                                0x41: 0}), font)
    bmp = {0x4E00: "g1", 0x4E01: "g2", 0x4E03: "g3"}
    assert table.getcmap(3, 1).cmap == bmp
    assert table.getcmap(3, 10).cmap == {**bmp, 0x20000: "g4", 0x2A6A5: "g5"}


def test_metadata_comes_from_the_spec(seed_ofd, seed_report):
    import ofdkit

    with ofdkit.open(seed_ofd) as doc:
        info = doc.info
    m = seed_report.meta
    assert (info.title, info.author, info.subject) == (m.title, m.issuer, m.subject)
    assert info.creation_date == "2024-02-27" and set(m.keywords) <= set(info.keywords)
    assert re.fullmatch(r"[0-9a-f]{32}", info.doc_id)


def test_outline_follows_the_headings(seed_ofd, seed_report):
    """One OutlineElem per heading, nested by level, each going to the page and height where
    its heading's first line is."""
    xml = parts(seed_ofd)
    doc = xml["Doc_0/Document.xml"]
    pages = {p.get("ID"): "Doc_0/" + p.get("BaseLoc") for p in doc.iterfind(
        "ofd:Pages/ofd:Page", NS)}
    got = []

    def walk(elem, level):
        for child in elem.iterfind("ofd:OutlineElem", NS):
            dest = child.find("ofd:Actions/ofd:Action/ofd:Goto/ofd:Dest", NS)
            got.append((level, child.get("Title"), pages[dest.get("PageID")],
                        float(dest.get("Top"))))
            walk(child, level + 1)

    walk(doc.find("ofd:Outlines", NS), 1)
    headings = [(ln.level, ln.full) for ln in flat_lines(seed_report) if ln.kind == "heading"]
    chapters = [g for g in got if g[0] > 1 or g[1].startswith(("一", "二", "三", "四", "五", "六"))]
    assert [(lv, t) for lv, t, _, _ in chapters] == headings
    pitch = OFFICIAL.value("grid", "line_pitch_twips") / 20 * MM_PER_PT
    for _, title, page, top in chapters:
        starts = [(float(o.get("Boundary").split()[1]), o.findtext("ofd:TextCode", "", NS))
                  for o in xml[page].iter(Q + "TextObject")]
        line = "".join(t for y, t in sorted(starts, key=lambda s: s[0]) if top <= y < top + pitch)
        assert title.startswith(line[:4]), (title, line)


def test_page_numbers_alternate_sides(seed_ofd):
    """"— n —" ends each page's text, on the right on odd pages and the left on even ones."""
    import ofdkit

    with ofdkit.open(seed_ofd) as doc:
        for page in doc.pages:
            n = page.index + 1
            assert page.text().split("\n")[-1].replace(" ", "") == f"—{n}—"
            foot = [r for r in page.runs if r.y > 37 + 225]
            x = min(r.x for r in foot)
            assert (x > 150) if n % 2 else abs(x - (28 + 14 * MM_PER_PT)) < 0.1, (n, x)


def test_same_spec_same_bytes_and_source_date_epoch(seed_report, seed_ofd, monkeypatch):
    assert write_ofd(seed_report, OFFICIAL) == seed_ofd
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    later = write_ofd(seed_report, OFFICIAL)
    assert later != seed_ofd and b"2023-11-14" in zipfile.ZipFile(io.BytesIO(later)).read(
        "OFD.xml")
    with zipfile.ZipFile(io.BytesIO(later)) as zf:
        assert {i.date_time[:3] for i in zf.infolist()} == {(2023, 11, 14)}


def test_a_missing_glyph_is_the_pdfs_error(seed_report):
    rare = RARE_GLYPH
    with pytest.raises(MissingGlyphs) as exc:
        write_ofd(with_a_rare_glyph(seed_report), OFFICIAL)
    (problem,) = exc.value.problems
    assert problem.code == "RK051" and rare in problem.message and "U+2A6A5" in problem.message


def test_a_character_the_face_lacks_comes_from_the_fallback_face_as_in_the_pdf(seed_report):
    """濛 is not in FandolFang: as in the PDF it is drawn from the style's glyph_fallback, with
    the PDF's warning (RK052), and that face's subset is embedded with it."""
    body = list(seed_report.body)
    body[0] = dataclasses.replace(body[0], text="我受区人民政府委托，报告濛溪河流域治理情况，请予审议。")
    report = dataclasses.replace(seed_report, body=tuple(body))
    warnings: list = []
    data = write_ofd(report, OFFICIAL, warnings=warnings)
    pdf_warnings: list = []
    write_pdf(report, OFFICIAL, warnings=pdf_warnings)
    assert [w.text() for w in warnings] == [w.text() for w in pdf_warnings]
    assert warnings[0].code == "RK052"
    xml = parts(data)
    family = {f.get("ID"): f.get("FamilyName")
              for f in xml["Doc_0/PublicRes.xml"].iterfind("ofd:Fonts/ofd:Font", NS)}
    drawn_in = {family[o.get("Font")] for part in xml.values()
                for o in part.iter(Q + "TextObject") if o.findtext("ofd:TextCode", "", NS) == "濛"}
    assert drawn_in == {"AR PL UMing CN"}
    assert any("报告濛溪河流域" in line for page in ofdkit_pages(data) for line in page)


def test_build_command_writes_ofd_beside_pdf_and_refuses_missing_glyphs(tmp_path):
    from .conftest import SPEC, run_cli

    out = tmp_path / "out"
    done = run_cli("build", SPEC, "-o", out, "--format", "pdf,ofd")
    assert done.returncode == 0, done.stderr.decode()
    assert len(ofdkit_pages((out / "dongqu-2024.ofd").read_bytes())) == len(
        pdf_pages(out / "dongqu-2024.pdf"))
    rare = "\U0002A6A5"
    text = SPEC.read_text(encoding="utf-8").replace("我受区人民政府委托", f"我受区人民政府委托{rare}", 1)
    spec = tmp_path / "rare.yaml"
    spec.write_text(text, encoding="utf-8")
    done = run_cli("build", spec, "-o", out, "--format", "ofd")
    err = done.stderr.decode()
    assert done.returncode == 1 and "RK051" in err and rare in err, err
    assert "traceback" not in err.lower() and not (out / "rare.ofd").exists()


def test_easyofd_renders_22_lines_of_28_characters_as_the_pdf(seed_ofd, seed_pdf, tmp_path):
    """easyofd's own OFD→PDF rendering, measured as the PDF is: the body lines of every page
    are the PDF's, 22 to a full page and 28 characters to a full line."""
    rendered = _easyofd_lines(seed_ofd, tmp_path)
    pdf = body_lines(seed_pdf)
    assert rendered == pdf
    inner = rendered[1:-1]
    assert all(len(p) <= 22 for p in rendered)
    assert sum(len(p) == 22 for p in inner) >= 0.6 * len(inner)
    cjk = [row for page in inner for row in page if all(not ch.isascii() for ch in row)]
    lengths = [len(r.rstrip("、。，")) for r in cjk]
    assert max(lengths) == 28 and lengths.count(28) > len(lengths) / 2


#: easyofd's OFD→PDF in a process of its own (it keeps reportlab state and writes the embedded
#: fonts to the current folder). It draws every character in a face it registers as 宋体 from
#: Windows' simsun.ttc; the machine's 宋体 stands in (the positions come from the OFD alone).
EASYOFD = """
import sys, warnings
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
pdfmetrics.registerFont(TTFont("宋体", sys.argv[3], subfontIndex=int(sys.argv[4])))
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # PyMuPDF's deprecation notices on import
    from easyofd.ofd import OFD
reader = OFD()
reader.read(sys.argv[1], fmt="path")
open(sys.argv[2], "wb").write(reader.to_pdf())
"""


def _easyofd_lines(data: bytes, tmp_path) -> list[list[str]]:
    """easyofd's rendering of an OFD, as body_lines reads a PDF: each page's lines inside the
    type area (easyofd draws at 200/72 the size: lengths are scaled back)."""
    import subprocess
    import sys

    import pdfplumber

    from reportkit import fonts
    from reportkit.writers.pdf.fonts import truetype_file

    face = fonts.resolve("宋体")
    path, index = truetype_file(face.file, face.index or 0)
    (tmp_path / "in.ofd").write_bytes(data)
    done = subprocess.run([sys.executable, "-c", EASYOFD, "in.ofd", "out.pdf", str(path),
                           str(index)], cwd=tmp_path, capture_output=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    rendered = (tmp_path / "out.pdf").read_bytes()
    v = OFFICIAL.value
    top, left = v("page", "margin_top") / MM_PER_PT, v("page", "margin_left") / MM_PER_PT
    bottom = top + v("page", "type_height") / MM_PER_PT
    pages = []
    with pdfplumber.open(io.BytesIO(rendered)) as pdf:
        for page in pdf.pages:
            scale = float(page.width) / (v("page", "width") / MM_PER_PT)
            chars = [c for c in page.chars if c["text"].strip()
                     and top - 6 <= c["top"] / scale <= bottom and c["x0"] / scale >= left - 4]
            pages.append(text_rows(chars))
    return pages
