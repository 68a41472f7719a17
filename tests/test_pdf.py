"""The official-format PDF, read back as a user would see it: fonts, pages, lines, metadata.

Measured with pdfplumber (positions, text), pdffonts (embedding) and pdfminer (bookmarks) on
the seed report; no golden bytes.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess

import pytest

from reportkit.flat import lines as flat_lines
from reportkit.style import MM_PER_PT, load_style
from reportkit.writers.pdf import MissingGlyphs, write_pdf
from reportkit.writers.pdf.breaker import NO_END, NO_START

from .conftest import RARE_GLYPH, with_a_rare_glyph
from .test_parity import body_lines

OFFICIAL = load_style("official")
PT = 1 / MM_PER_PT  # points per mm


@pytest.fixture(scope="module")
def seed_pdf(seed_report, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "seed.pdf"
    path.write_bytes(write_pdf(seed_report, OFFICIAL))
    return path


@pytest.fixture(scope="module")
def pages(seed_pdf):
    import pdfplumber

    with pdfplumber.open(seed_pdf) as pdf:
        return [(p.width, p.height, p.chars) for p in pdf.pages]


def test_every_font_is_an_embedded_truetype_subset(seed_pdf):
    if not shutil.which("pdffonts"):
        pytest.skip("poppler-utils is not installed")
    out = subprocess.run(["pdffonts", str(seed_pdf)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out, "no fonts at all"
    for row in out:
        cols = row.split()
        name, kind, emb, sub, uni = cols[0], " ".join(cols[1:-6]), cols[-5], cols[-4], cols[-3]
        # the Chinese faces are composite (CID) TrueType fonts, with a ToUnicode map
        assert kind in ("TrueType", "CID TrueType") and (emb, sub, uni) == ("yes",) * 3, row
        assert "+" in name and "STSong" not in name and "Helvetica" not in name, row


def test_faces_per_role_are_the_official_ones(pages):
    """Body in 仿宋 (FandolFang), level 1 in 黑体, level 2 in 楷体, title in the bold Song."""
    chars = [c for _, _, cs in pages for c in cs]
    font_of = {}
    for c in chars:
        font_of.setdefault(c["text"], set()).add(c["fontname"].split("+")[-1])
    title_font = {c["fontname"] for c in pages[0][2] if c["size"] > 20}
    assert any("FandolSong-Bold" in f for f in title_font), title_font
    fonts = {c["fontname"].split("+")[-1] for c in chars}
    assert any("FandolFang" in f for f in fonts)
    assert any("FandolHei" in f for f in fonts)
    assert any("FandolKai" in f for f in fonts)


def test_page_is_a4_with_the_official_margins(pages):
    w, h, _ = pages[0]
    assert abs(w - 210 * PT) < 0.5 and abs(h - 297 * PT) < 0.5
    lefts, tops = [], []
    for _, _, chars in pages[1:-1]:
        body = [c for c in chars if abs(c["size"] - 16) < 0.01]
        lefts.append(min(c["x0"] for c in body))
        tops.append(min(c["top"] for c in body))
    # continuation lines are flush left at 28 mm; the first line's glyph top sits 37 mm down
    # plus the part of the 28.95 pt line box above the 16 pt glyph
    assert abs(min(lefts) - 28 * PT) < 1 * PT
    assert all(37 * PT <= t <= 37 * PT + 28.95 for t in tops)


def test_pages_hold_22_lines_and_lines_28_characters(seed_pdf):
    pages = body_lines(seed_pdf)
    inner = pages[1:-1]
    assert all(len(p) <= 22 for p in pages)
    # a page is short only where a heading is kept with its paragraph or a paragraph is not
    # split leaving a single line: most pages are full
    assert sum(len(p) == 22 for p in inner) >= 0.6 * len(inner), [len(p) for p in pages]
    cjk_only = [row for page in inner for row in page if all(not ch.isascii() for ch in row)]
    lengths = [len(r.rstrip("、。，")) for r in cjk_only]  # a hanging mark stands outside
    assert max(lengths) == 28 and lengths.count(28) > len(lengths) / 2


def test_line_pitch_is_the_grid(pages):
    for _, _, chars in pages[1:-1]:
        baselines = sorted({round(c["matrix"][5], 1) for c in chars if abs(c["size"] - 16) < .01})
        steps = {round(b - a, 1) for a, b in zip(baselines, baselines[1:])}
        assert steps <= {28.9, 29.0}, steps  # 579 twips = 28.95 pt, rounded


def test_no_line_starts_or_ends_against_the_rules(seed_pdf):
    for page in body_lines(seed_pdf):
        for row in page:
            assert row[0] not in NO_START or row.startswith("——"), row
            assert row[-1] not in NO_END, row


def test_numbers_stay_with_their_units(seed_pdf):
    rows = [row for page in body_lines(seed_pdf) for row in page]
    for a, b in zip(rows, rows[1:]):
        assert not (a[-1].isdigit() and b[:1] in "亿万元%个人"), (a, b)


def test_page_numbers_alternate_sides_one_character_in(pages):
    right = (28 + 156) * PT
    left = 28 * PT
    below = (37 + 225) * PT
    for n, (_, _, chars) in enumerate(pages, 1):
        foot = [c for c in chars if c["top"] > below]
        text = "".join(c["text"] for c in sorted(foot, key=lambda c: c["x0"]))
        assert text.replace(" ", "") == f"—{n}—", text
        assert all(abs(c["size"] - 14) < 0.1 for c in foot)
        x0, x1 = min(c["x0"] for c in foot), max(c["x1"] for c in foot)
        if n % 2:
            assert abs(right - x1 - 14) < 1, (n, right - x1)
        else:
            assert abs(x0 - left - 14) < 1, (n, x0 - left)
        top = min(c["top"] for c in foot)
        assert below + 5 * PT < top < below + 10 * PT


def test_metadata_comes_from_the_spec(seed_pdf, seed_report):
    import pdfplumber

    with pdfplumber.open(seed_pdf) as pdf:
        meta = pdf.metadata
    m = seed_report.meta
    assert meta["Title"] == m.title
    assert meta["Author"] == m.issuer
    assert meta["Subject"] == m.subject
    assert all(k in meta["Keywords"] for k in m.keywords)
    assert meta["CreationDate"].startswith("D:20240227")


def test_bookmarks_follow_the_headings(seed_pdf, seed_report):
    import pdfplumber

    with pdfplumber.open(seed_pdf) as pdf:
        outline = [(level, title) for level, title, *_ in pdf.doc.get_outlines()]
    headings = [(ln.level, ln.full) for ln in flat_lines(seed_report) if ln.kind == "heading"]
    got = [(level, title) for level, title in outline if level > 1 or title.startswith(
        ("一", "二", "三", "四", "五", "六"))]
    assert [t for _, t in got] == [t for _, t in headings]
    assert [lv for lv, _ in got] == [lv for lv, _ in headings]


def test_same_spec_same_bytes_and_source_date_epoch(seed_report, monkeypatch):
    a = write_pdf(seed_report, OFFICIAL)
    assert write_pdf(seed_report, OFFICIAL) == a
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    b = write_pdf(seed_report, OFFICIAL)
    assert b != a and b"D:20231114" in b and b"D:20240227" not in b


def test_review_style_has_the_header_and_line_numbers(seed_report):
    import pdfplumber

    data = write_pdf(seed_report, load_style("review"))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[1]
        top = page.crop((0, 0, page.width, 37 * PT)).extract_text()
        margin = page.crop((0, 37 * PT, 27 * PT, (37 + 225) * PT)).extract_text().split()
    assert "征求意见稿" in top
    assert margin[:3] == ["1", "2", "3"] and margin[-1] == "22"


def test_a_missing_glyph_is_an_error_naming_the_characters_and_the_place(seed_report):
    rare = RARE_GLYPH
    with pytest.raises(MissingGlyphs) as exc:
        write_pdf(with_a_rare_glyph(seed_report), OFFICIAL)
    (problem,) = exc.value.problems
    assert rare in problem.message and "U+2A6A5" in problem.message
    assert "para" in problem.message and "我受区人民政府委托" in problem.message
    assert problem.line > 0 and problem.file.endswith("dongqu-2024.yaml")
    assert problem.code == "RK051" and problem.level == "error"


def test_build_command_refuses_a_missing_glyph_with_exit_1(tmp_path):
    """`reportkit build --format pdf` on a spec with a character no face has: exit 1, the
    characters and their place on stderr, and no PDF written."""
    from .conftest import SPEC, run_cli

    rare = "\U0002A6A5"
    text = SPEC.read_text(encoding="utf-8").replace("我受区人民政府委托", f"我受区人民政府委托{rare}", 1)
    spec = tmp_path / "rare.yaml"
    spec.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("build", spec, "-o", out, "--format", "pdf")
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert f"{spec}:" in err and rare in err and "RK051" in err and "traceback" not in err.lower()
    assert not (out / "rare.pdf").exists()


def test_title_lines_are_the_word_files(seed_report, pages):
    """The title is set on the lines the Word writer breaks it into, centred, in 22 pt."""
    from reportkit.writers.title import break_title

    expected = break_title(seed_report.meta.title, OFFICIAL.value("title", "max_chars_per_line"))
    _, _, chars = pages[0]
    rows: dict[float, list] = {}
    for c in chars:
        if abs(c["size"] - 22) < 0.01:
            rows.setdefault(round(c["matrix"][5], 1), []).append(c)
    got = ["".join(c["text"] for c in sorted(r, key=lambda c: c["x0"]))
           for _, r in sorted(rows.items(), reverse=True)]
    assert got == expected and len(got) > 1
    middle = (28 + 156 / 2) * PT
    for row in rows.values():
        centre = (min(c["x0"] for c in row) + max(c["x1"] for c in row)) / 2
        assert abs(centre - middle) < 2


def _with(style, **lines):
    """The style with some lines.* and body.* values replaced."""
    data = dict(style.data)
    data["lines"] = {**data.get("lines", {}), **{k: {"value": v} for k, v in lines.items()
                                                 if k != "widow_control"}}
    if "widow_control" in lines:
        data["body"] = {**data["body"], "widow_control": {"value": lines["widow_control"]}}
    return dataclasses.replace(style, data=data)


def _paras(report, style):
    from reportkit.writers.pdf import document, layout

    geo = layout.Geometry.from_style(style)
    paras = document.make_paras(flat_lines(report), layout.Faces(style), geo, style)
    return geo, paras


def test_hanging_and_autospace_come_from_the_style(seed_report):
    """With the official style a 、。， may hang past the margin and a digit after Chinese is
    spaced; a profile with no hanging marks and no autospace keeps every line inside."""
    from reportkit.writers.pdf import layout

    def hanging_lines(style):
        geo, paras = _paras(seed_report, style)
        room = geo.type_width + 0.01
        return sum(1 for p in paras for i, s in enumerate(p.lines)
                   if sum(p.widths[s.start:s.end]) - p.tails.get(s.end - 1, 0)
                   > room - p.indent - (p.first_indent if i == 0 else 0))

    assert hanging_lines(OFFICIAL) > 0
    strict = _with(OFFICIAL, hanging_punctuation="", autospace_em=0)
    assert hanging_lines(strict) == 0
    _, paras = _paras(seed_report, strict)
    assert not any(p.tails for p in paras)
    assert layout.Geometry.from_style(strict).rules.hanging == frozenset()


def test_widow_control_comes_from_the_style(seed_report):
    """Off (official): pages are filled, so some paragraph leaves one line at a page's foot
    or head; on: never fewer than two."""
    from reportkit.writers.pdf import layout

    def lonely(style):
        geo, paras = _paras(seed_report, style)
        count = 0
        for page in layout.paginate(paras, geo):
            for edge in (page[:1], page[-1:]):
                for placed in edge:
                    n = sum(1 for q in page if q.para is placed.para)
                    count += n == 1 and len(placed.para.lines) > 1
        return count

    assert lonely(OFFICIAL) > 0
    assert lonely(_with(OFFICIAL, widow_control=True)) == 0


@pytest.mark.parametrize("word_name", ["仿宋_GB2312", "宋体", "Times New Roman"])
def test_a_face_read_from_the_cache_is_reportlabs_own_parse(word_name, tmp_path, monkeypatch):
    """The cached face maps and measures every character as a fresh reportlab parse does,
    with the same types (a width 1000 stays an int), both before and after the cache exists;
    AR PL UMing (宋体) also maps characters past the BMP."""
    from reportlab.pdfbase.ttfonts import TTFont

    from reportkit.writers.pdf import fonts

    _, file, index = fonts._resolved(word_name, False)
    tt, sub = fonts.truetype_file(file, index)
    fresh = TTFont("fresh", str(tt), subfontIndex=sub).face
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # an empty cache: parsed, then stored
    for _ in range(2):
        face = fonts._reportlab_font("cached", tt, sub).face
        assert dict(face.charToGlyph) == fresh.charToGlyph
        assert {k: type(v) for k, v in face.charWidths.items()} == {
            k: type(v) for k, v in fresh.charWidths.items()}
        assert dict(face.charWidths) == fresh.charWidths
        assert len(face.charToGlyph) == len(fresh.charToGlyph)
        for code in (0x4E00, 0x20, 0xA0, 0x10FFFF, -1, 0x20000):
            assert (code in face.charToGlyph) == (code in fresh.charToGlyph)
            assert face.charWidths.get(code, "none") == fresh.charWidths.get(code, "none")
        assert [face.hmetrics[i] for i in range(50)] == fresh.hmetrics[:50]
        assert face.makeSubset([0x4E00, 0x6C11, 0x30, 0x3002]) == fresh.makeSubset(
            [0x4E00, 0x6C11, 0x30, 0x3002])
    assert list(tmp_path.glob("reportkit/fonts/*.face.pickle"))
    if word_name == "宋体":
        assert any(code > 0xFFFF for code in fresh.charToGlyph)


def test_a_new_face_cache_entry_replaces_the_stale_ones(tmp_path, monkeypatch):
    """When a face is parsed again (another reportlab, cache format or font file), its older
    pickles are removed; other faces' entries stay."""
    from reportkit.writers.pdf import fonts

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _, file, index = fonts._resolved("Times New Roman", False)
    tt, sub = fonts.truetype_file(file, index)
    cache = fonts.cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    stale = cache / f"{tt.stem}-{'0' * 24}.face.pickle"
    other = cache / f"{tt.stem}Bold-{'0' * 24}.face.pickle"
    stale.write_bytes(b"old")
    other.write_bytes(b"another face")
    fonts._reportlab_font("fresh", tt, sub)
    assert not stale.exists() and other.exists()
    assert len(list(cache.glob(f"{tt.stem}-*.face.pickle"))) == 1


def _with_text(report, text: str):
    """The report with its first paragraph's text replaced."""
    body = list(report.body)
    body[0] = dataclasses.replace(body[0], text=text)
    return dataclasses.replace(report, body=tuple(body))


def test_a_character_the_face_lacks_is_drawn_from_the_fallback_face(seed_report):
    """濛 (a place name's character outside GB2312) is not in FandolFang: it is drawn from
    the style's glyph_fallback (宋体, AR PL UMing), on the same grid, with a warning naming it
    and its place; the rest of the paragraph stays in FandolFang."""
    import pdfplumber

    text = "我受区人民政府委托，报告濛溪河流域治理情况，请予审议。"
    warnings: list = []
    data = write_pdf(_with_text(seed_report, text), OFFICIAL, warnings=warnings)
    (warning,) = warnings
    assert warning.code == "RK052" and warning.level == "warning"
    assert "濛 (U+6FDB) from AR PL UMing CN" in warning.message
    assert "我受区人民政府委托" in warning.message and warning.line > 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
    line = "".join(c["text"] for c in chars)
    assert "报告濛溪河流域" in line
    fonts = {c["text"]: c["fontname"] for c in chars if c["text"] in "濛溪"}
    assert "UMing" in fonts["濛"] and "FandolFang" in fonts["溪"]
    # the same lines as with a character the face has: the fallback keeps the grid
    def lines_of(report):
        (para,) = [p for p in _paras(report, OFFICIAL)[1] if "流域治理" in p.text]
        return [(s.start, s.end, round(s.width, 3)) for s in para.lines]

    assert lines_of(_with_text(seed_report, text)) == lines_of(
        _with_text(seed_report, text.replace("濛", "蒙")))


def test_without_a_fallback_the_character_is_an_error(seed_report):
    data = dict(OFFICIAL.data)
    data["glyph_fallback"] = {"value": []}
    style = dataclasses.replace(OFFICIAL, data=data)
    with pytest.raises(MissingGlyphs) as exc:
        write_pdf(_with_text(seed_report, "报告濛溪河流域治理情况。"), style)
    (problem,) = exc.value.problems
    assert "濛 (U+6FDB) not in FandolFang" in problem.message


def test_build_warns_of_fallback_characters_and_writes_the_pdf(tmp_path):
    from .conftest import SPEC, run_cli

    text = SPEC.read_text(encoding="utf-8").replace("我受区人民政府委托", "我受濛溪区人民政府委托", 1)
    spec = tmp_path / "rare.yaml"
    spec.write_text(text, encoding="utf-8")
    done = run_cli("build", spec, "-o", tmp_path / "out", "--format", "pdf")
    err = done.stderr.decode()
    assert done.returncode == 0, err
    assert f"{spec}:" in err and "warning" in err and "RK052" in err and "濛" in err
    assert (tmp_path / "out" / "rare.pdf").exists()
