"""Page parity: the PDF breaks pages where LibreOffice breaks the .docx of the same spec.

Both files are built from the seed spec with the official style; the .docx is rendered by a
real LibreOffice (``soffice --headless --convert-to pdf``) with the project's font aliases. Each
page's first body line is read back with pdfplumber from both PDFs and compared. The figure is
printed (run with ``-s`` to see it); the goal of the issue is the same page count and the same
first line on at least 95% of pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reportkit.style import MM_PER_PT, load_style

#: What this test asserts (measured: see the closing note of issue 4).
MIN_SAME_FIRST_LINES = 0.95


def body_lines(pdf_path: Path, style_name: str = "official") -> list[list[str]]:
    """Each page's text lines inside the type area, top to bottom (page numbers excluded)."""
    import pdfplumber

    style = load_style(style_name)
    top = style.value("page", "margin_top") / MM_PER_PT
    bottom = top + style.value("page", "type_height") / MM_PER_PT
    left = style.value("page", "margin_left") / MM_PER_PT
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if top - 6 <= c["top"] <= bottom and c["x0"] >= left - 4
                     and c["text"].strip()]
            pages.append(_rows(chars))
    return pages


def _rows(chars: list[dict]) -> list[str]:
    """Characters grouped into lines by baseline (within 3 pt), each sorted left to right."""
    rows: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (-round(c["matrix"][5], 1), c["x0"])):
        if rows and abs(rows[-1][0]["matrix"][5] - c["matrix"][5]) < 3:
            rows[-1].append(c)
        else:
            rows.append([c])
    return ["".join(c["text"] for c in sorted(r, key=lambda c: c["x0"])) for r in rows]


def first_lines(pages: list[list[str]]) -> list[str]:
    """The first body line of each page ("" for an empty page)."""
    return [rows[0] if rows else "" for rows in pages]


def parity(a: list[str], b: list[str]) -> float:
    """Share of pages (of the longer document) whose first lines are equal."""
    same = sum(1 for x, y in zip(a, b) if x == y)
    return same / max(len(a), len(b), 1)


def render_docx(docx: Path, out_dir: Path) -> Path:
    """Convert a .docx to PDF with LibreOffice (own profile, the project's font aliases)."""
    from reportkit import fonts

    profile = out_dir / "lo-profile"
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)]
    subprocess.run(cmd, env=fonts.config_env(), capture_output=True, timeout=300, check=True)
    pdf = out_dir / (docx.stem + ".pdf")
    assert pdf.exists(), "LibreOffice wrote no PDF"
    return pdf


@pytest.fixture(scope="module")
def both(seed_report, tmp_path_factory):
    """(LibreOffice's PDF of the .docx, our PDF) for the seed spec."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed (scripts/setup.sh --test installs it)")
    from reportkit.writers import writer

    tmp = tmp_path_factory.mktemp("parity")
    style = load_style("official")
    (tmp / "word").mkdir()
    docx = tmp / "word" / "seed.docx"
    docx.write_bytes(writer("docx")(seed_report, style))
    ours = tmp / "seed.pdf"
    ours.write_bytes(writer("pdf")(seed_report, style))
    theirs = render_docx(docx, tmp / "word")
    return body_lines(theirs), body_lines(ours)


def test_same_page_count_and_first_lines(both):
    theirs, ours = both
    a, b = first_lines(theirs), first_lines(ours)
    figure = parity(a, b)
    print(f"\nparity: {len(b)} pages (LibreOffice {len(a)}), same first line on "
          f"{sum(x == y for x, y in zip(a, b))}/{max(len(a), len(b))} = {figure:.0%}")
    for n, (x, y) in enumerate(zip(a, b), 1):
        if x != y:
            print(f"  page {n}: LibreOffice “{x[:20]}” / PDF “{y[:20]}”")
    assert len(a) == len(b)
    assert figure >= MIN_SAME_FIRST_LINES


def test_lines_break_where_libreoffice_breaks_them(both):
    """Not only page starts: most lines of the body end on the same character."""
    theirs, ours = both
    a = [row for page in theirs for row in page]
    b = [row for page in ours for row in page]
    same = sum(1 for x, y in zip(a, b) if x == y)
    print(f"\nlines: {same}/{max(len(a), len(b))} identical")
    assert same / max(len(a), len(b)) >= 0.9
