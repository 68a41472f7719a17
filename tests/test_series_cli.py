"""`reportkit series` as a user runs it: formats, the Word file, charts, bad input."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile

import pytest

from .conftest import CORPUS, run_cli

NATIONAL = CORPUS / "state-council"


def series(*args, env=None):
    return run_cli("series", *args)


@pytest.fixture(scope="module")
def as_json():
    out = series(NATIONAL, "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    return json.loads(out.stdout)


def test_text_table_lists_every_indicator_and_year(as_json):
    out = series(*sorted(NATIONAL.glob("*.md")))
    assert out.returncode == 0, out.stderr.decode()
    text = out.stdout.decode()
    assert "\x1b[" not in text  # no colour when piped
    for ind in as_json["indicators"]:
        assert ind["indicator"][:5] in text  # a long name folds inside its cell
    assert "5.2%" in text and "+0.2个百分点" in text and "完成" in text
    assert "政策术语" in text and "新质生产力" in text


def test_csv_has_one_line_per_row_matching_the_json(as_json):
    out = series(NATIONAL, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout.decode())))
    expected = [r for ind in as_json["indicators"] for r in ind["rows"]]
    assert [(r["key"], r["year"], r["status"]) for r in rows] == \
        [(r["key"], str(r["year"]), r["status"]) for r in expected]


def test_md_is_a_table_with_every_row(as_json):
    out = series(NATIONAL, "--format", "md")
    text = out.stdout.decode()
    first_table = next(b for b in text.split("\n\n") if b.startswith("| 指标")).splitlines()
    rows = [ln for ln in first_table if ln.startswith("| ")][1:]
    expected = [r for ind in as_json["indicators"] for r in ind["rows"]]
    assert first_table[0].startswith("| 指标 | 年份 | 目标")
    assert len(rows) == len(expected)
    assert [ln.split(" | ")[1] for ln in rows] == [str(r["year"]) for r in expected]
    assert "### 政策术语" in text


def test_output_file_refuses_to_overwrite_an_input(tmp_path):
    src = tmp_path / "2023.md"
    shutil.copy(NATIONAL / "2023.md", src)
    before = src.read_bytes()
    out = series(src, NATIONAL / "2024.md", "-o", src)
    assert out.returncode == 2
    assert b"overwrite an input" in out.stderr
    assert src.read_bytes() == before


def test_an_unreadable_named_file_stops_with_its_name(tmp_path):
    bad = tmp_path / "2024.docx"
    bad.write_bytes(b"not a zip")
    out = series(NATIONAL / "2023.md", bad)
    assert out.returncode == 2
    assert str(bad).encode() in out.stderr and b"Traceback" not in out.stderr


def test_a_folder_skips_what_is_not_a_report_and_what_cannot_be_read(tmp_path):
    for f in NATIONAL.glob("*.md"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "2026.docx").write_bytes(b"broken")
    out = series(tmp_path, "--format", "json")
    err = out.stderr.decode()
    assert out.returncode == 1, err  # made, but a file was skipped
    assert "notes.csv: skipped" in err and "2026.docx" in err and "Traceback" not in err
    assert [e["year"] for e in json.loads(out.stdout)["editions"]] == [2023, 2024, 2025]


def test_nothing_readable_is_a_usage_error(tmp_path):
    out = series(tmp_path)
    assert out.returncode == 2 and b"no edition" in out.stderr


def test_docx_needs_an_output_file():
    out = series(NATIONAL, "--format", "docx")
    assert out.returncode == 2 and b"-o FILE" in out.stderr


@pytest.fixture(scope="module")
def word(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("docx")
    paths = []
    for name in ("a.docx", "b.docx"):
        out = run_cli("series", NATIONAL, "--format", "docx", "-o", tmp / name)
        assert out.returncode == 0, out.stderr.decode()
        paths.append(tmp / name)
    return paths


def test_docx_is_a_table_and_the_charts_in_the_official_page_and_faces(word, as_json):
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm

    from reportkit.style import load_style

    doc = Document(str(word[0]))
    st = load_style("official")
    sec = doc.sections[0]
    assert abs(sec.top_margin - Mm(st.value("page", "margin_top"))) < Mm(0.1)
    assert abs(sec.left_margin - Mm(st.value("page", "margin_left"))) < Mm(0.1)
    n_rows = sum(len(ind["rows"]) for ind in as_json["indicators"])
    assert len(doc.tables[0].rows) == n_rows + 1
    charted = sum(ind["charted"] for ind in as_json["indicators"])
    assert charted >= 2 and len(doc.inline_shapes) == charted
    faces = {r._element.rPr.rFonts.get(qn("w:eastAsia")) for p in doc.paragraphs for r in p.runs
             if r.text}
    assert st.font("title").name in faces and st.font("heading1").name in faces
    cell_run = doc.tables[0].rows[1].cells[0].paragraphs[0].runs[0]
    assert cell_run._element.rPr.rFonts.get(qn("w:eastAsia")) == st.font("body").name


def test_docx_pictures_are_pngs_at_a_fixed_resolution(word):
    from PIL import Image

    from reportkit.charts import DPI, SIZE

    with zipfile.ZipFile(word[0]) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert media
        img = Image.open(io.BytesIO(z.read(media[0])))
    assert img.format == "PNG" and img.size == (int(SIZE[0] * DPI), int(SIZE[1] * DPI))


def test_docx_bytes_are_the_same_every_run(word):
    assert word[0].read_bytes() == word[1].read_bytes()


def test_svg_charts_are_deterministic_and_undated(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    for path in (a, b):
        assert series(NATIONAL, "--format", "html", "-o", path).returncode == 0
    text = a.read_text(encoding="utf-8")
    assert text == b.read_text(encoding="utf-8")
    assert "<dc:date>" not in text and text.count("<svg") >= 2


def test_charts_use_the_official_body_and_heading_faces():
    from reportkit import charts
    from reportkit.fonts import resolve
    from reportkit.style import load_style

    st = load_style("official")
    title, family = charts.faces("official")
    assert title.get_file() == resolve(st.font("heading1").name).file
    from matplotlib.font_manager import FontProperties

    assert family == FontProperties(fname=resolve(st.font("body").name).file).get_name()


def test_one_spec_gives_last_years_outcomes_from_its_own_results():
    from .conftest import SPEC

    out = series(SPEC, "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    gdp = next(i for i in json.loads(out.stdout)["indicators"] if i["key"] == "gdp")
    last, this = gdp["rows"]
    assert (last["year"], last["outcome_from"], last["status"]) == (2023, "own", "met")
    assert (this["year"], this["shape"], this["status"]) == (2024, "band", "no outcome")
    assert this["low"] < this["high"]


def test_a_missing_edition_is_named_not_guessed(tmp_path):
    """A path that does not exist is "no such file or folder" (RK001), exit 2, no traceback."""
    done = run_cli("series", tmp_path / "nowhere")
    err = done.stderr.decode()
    assert done.returncode == 2 and "no such file or folder (RK001)" in err
    assert "Traceback" not in err
