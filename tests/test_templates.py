"""House styles in templates/ at the repository's root, and a bureau's own style built on them.

templates/example-bureau.yaml is the README's example of a bureau's profile: ``base: official``
with its name in the header and the type area moved 2 mm up and 2 mm left.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pytest

from reportkit import style as style_module
from reportkit.style import MM_PER_PT, load_style
from reportkit.writers import writer

from .conftest import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BUREAU = "example-bureau"


def test_the_house_styles_live_once_in_templates_at_the_root():
    assert style_module.TEMPLATES == ROOT / "templates"
    assert {"official.yaml", "review.yaml", f"{BUREAU}.yaml"} <= set(os.listdir(ROOT / "templates"))
    assert not (ROOT / "src" / "reportkit" / "templates").exists()  # no second copy


def test_the_bureau_style_overrides_header_and_margins_and_keeps_the_rest():
    official, bureau = load_style("official"), load_style(BUREAU)
    assert bureau.value("header", "text") == "攀枝花市东区发展和改革局"
    assert (bureau.value("page", "margin_top"), bureau.value("page", "margin_left")) == (35, 26)
    assert bureau.value("page", "type_width") == official.value("page", "type_width")
    assert bureau.data["fonts"] == official.data["fonts"]
    assert bureau.value("grid", "lines") == 22


def pdf_first_chars(pdf: bytes) -> tuple[dict, list[str]]:
    """The first body character of page 1 (pdfplumber's dict) and the page's text lines
    above the type area's top (the header), for a PDF of the seed."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        chars = [c for c in page.chars if c["text"].strip()]
        body = min((c for c in chars if c["top"] > 80), key=lambda c: (c["top"], c["x0"]))
        header = "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"])
                         if c["top"] < 80)
    return body, [header]


def test_a_build_in_the_bureau_style_moves_the_page_and_carries_the_header(seed_report):
    official, bureau = load_style("official"), load_style(BUREAU)
    docx = writer("docx")(seed_report, bureau)
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        margins = ET.fromstring(zf.read("word/document.xml")).find(f".//{W}pgMar")
        header = ET.fromstring(zf.read("word/header1.xml"))
    assert int(margins.get(W + "top")) == round(35 / 25.4 * 1440)
    assert int(margins.get(W + "left")) == round(26 / 25.4 * 1440)
    assert "".join(t.text or "" for t in header.iter(W + "t")) == "攀枝花市东区发展和改革局"
    ours, header_text = pdf_first_chars(writer("pdf")(seed_report, bureau))
    theirs, none = pdf_first_chars(writer("pdf")(seed_report, official))
    assert header_text == ["攀枝花市东区发展和改革局"] and none == [""]
    assert ours["text"] == theirs["text"]
    assert theirs["top"] - ours["top"] == pytest.approx(2 / MM_PER_PT, abs=0.1)
    assert theirs["x0"] - ours["x0"] == pytest.approx(2 / MM_PER_PT, abs=0.1)


def test_the_cli_lists_the_bureau_style_among_the_built_in_ones():
    r = subprocess.run([sys.executable, "-m", "reportkit", "fonts", "--style", "no-such"],
                       cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 2
    assert f"built-in styles: {BUREAU}, official, review" in r.stderr


def test_an_installed_package_finds_the_templates(tmp_path):
    """A wheel built from the checkout carries templates/ as reportkit/templates, and the
    installed reportkit (not the checkout) loads its styles from there."""
    src = tmp_path / "src-copy"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "src", src / "src", ignore=ignore)
    shutil.copytree(ROOT / "templates", src / "templates", ignore=ignore)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                            "--disable-pip-version-check", "-w", str(tmp_path / "dist"),
                            str(src)], capture_output=True, text=True, timeout=600, check=False)
    if built.returncode and "Could not find a version" in built.stderr:
        pytest.skip("pip cannot fetch setuptools to build the wheel (no network)")
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("reportkit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "reportkit/templates/official.yaml" in names
    assert not any(n.startswith("templates/") for n in names)
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "--disable-pip-version-check", "--root-user-action=ignore", "--target",
                    str(target), str(wheel)], capture_output=True, timeout=300, check=True)
    probe = ("import reportkit.style as s; print(s.TEMPLATES); "
             f"print(s.load_style('{BUREAU}').value('header', 'text'))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120, check=True,
                         env=dict(os.environ, PYTHONPATH=str(target))).stdout.splitlines()
    assert out == [str(target / "reportkit" / "templates"), "攀枝花市东区发展和改革局"]
