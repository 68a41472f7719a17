"""Page parity: the PDF breaks pages where LibreOffice breaks the .docx of the same spec.

Both files are built from the seed spec with the official style; the .docx is rendered by a
real LibreOffice (``soffice --headless --convert-to pdf``) with the project's font aliases. Each
page's first body line is read back with pdfplumber from both PDFs and compared. The figure is
printed (run with ``-s`` to see it); the goal of the issue is the same page count and the same
first line on at least 95% of pages.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path

import pytest

from reportkit.style import MM_PER_PT, Style, load_style

from .conftest import text_rows

#: What this test asserts. Measured on the seed (LibreOffice 7.4.7): the same page count (20),
#: the same first line on 20/20 pages and the same 431 lines, with numbers kept with their
#: units in both files (the .docx joins them: see lines.keep_units in templates/official.yaml).
#: Without that rule in both (a profile with keep_units false) 19/20 pages start alike: the
#: breaker keeps a note mark with the word before it, which LibreOffice then does not.
MIN_SAME_FIRST_LINES = 1.0
MIN_SAME_LINES = 1.0
MIN_SAME_FIRST_LINES_WITHOUT_UNITS = 0.95


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
            pages.append(text_rows(chars))
    return pages


def first_lines(pages: list[list[str]]) -> list[str]:
    """The first body line of each page ("" for an empty page)."""
    return [rows[0] if rows else "" for rows in pages]


def comparable(pages: list[list[str]]) -> list[list[str]]:
    """Lines without a final hanging mark: LibreOffice does not always draw the 、。， that
    hangs in the right margin (the line still breaks after it), so it cannot be compared."""
    return [[row.rstrip("、。，．,.") for row in page] for page in pages]


def parity(a: list[str], b: list[str]) -> float:
    """Share of pages (of the longer document) whose first lines are equal."""
    same = sum(1 for x, y in zip(a, b) if x == y)
    return same / max(len(a), len(b), 1)


def same_lines(a: list[list[str]], b: list[list[str]]) -> tuple[int, int]:
    """Lines of the two documents that match in order (difflib), and the larger line count."""
    import difflib

    ra, rb = [r for p in a for r in p], [r for p in b for r in p]
    blocks = difflib.SequenceMatcher(None, ra, rb, autojunk=False).get_matching_blocks()
    return sum(m.size for m in blocks), max(len(ra), len(rb))


def report(name: str, theirs: list[list[str]], ours: list[list[str]]) -> float:
    """Print the parity figures and each page that differs; return the first-line parity."""
    a, b = first_lines(theirs), first_lines(ours)
    figure = parity(a, b)
    same, total = same_lines(theirs, ours)
    print(f"\n{name}: {len(b)} pages (LibreOffice {len(a)}), same first line on "
          f"{sum(x == y for x, y in zip(a, b))}/{max(len(a), len(b))} = {figure:.0%}; "
          f"same lines {same}/{total} = {same / total:.0%}")
    for n, (x, y) in enumerate(zip(a, b), 1):
        if x != y:
            print(f"  page {n}: LibreOffice “{x[:24]}” / PDF “{y[:24]}”")
    return figure


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


def without_units(style: Style) -> Style:
    """The style with lines.keep_units off: numbers may part from their units in both files."""
    lines = dict(style.data.get("lines", {}), keep_units={"value": False, "source": "test"})
    return Style(style.name + "-units-free", {**style.data, "lines": lines})


def build_both(report, style: Style, out_dir: Path) -> tuple[list[list[str]], list[list[str]]]:
    """Body lines of LibreOffice's PDF of our .docx and of our PDF, for one style."""
    from reportkit.writers import writer

    (out_dir / "word").mkdir(parents=True)
    docx = out_dir / "word" / "seed.docx"
    docx.write_bytes(writer("docx")(report, style))
    ours = out_dir / "seed.pdf"
    ours.write_bytes(writer("pdf")(report, style))
    theirs = render_docx(docx, out_dir / "word")
    return comparable(body_lines(theirs)), comparable(body_lines(ours))


def needs_soffice() -> None:
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed (scripts/setup.sh --test installs it)")


@pytest.fixture(scope="module")
def rendered(seed_report, tmp_path_factory):
    """Body lines of LibreOffice's PDF of the .docx and of our PDF, for the seed spec."""
    needs_soffice()
    return build_both(seed_report, load_style("official"), tmp_path_factory.mktemp("parity"))


def test_same_pages_and_lines_as_libreoffice(rendered):
    """Numbers stay with their units in the .docx (as LibreOffice renders it) as in the PDF,
    and the layout model (widths, autospace, hanging marks, widows, keep-with-next) is
    LibreOffice's: the same pages, each starting with the same line, and the same lines."""
    theirs, ours = rendered
    figure = report("parity", theirs, ours)
    same, total = same_lines(theirs, ours)
    assert len(ours) == len(theirs)
    assert figure >= MIN_SAME_FIRST_LINES
    assert same / total >= MIN_SAME_LINES


def test_no_number_parts_from_its_unit_in_either_file(rendered):
    """The issue's rule, checked on both renderings: no line ends with a digit when the next
    begins with a unit ("超20亿|元", "项目93|个", "2024|年" in LibreOffice before)."""
    from reportkit.vocab import NUMBER_UNITS

    for pages in rendered:
        rows = [r for page in pages for r in page]
        split = [(a[-8:], b[:4]) for a, b in itertools.pairwise(rows)
                 if a[-1:].isdigit() and b.startswith(NUMBER_UNITS)]
        assert split == []


def test_the_style_can_let_numbers_part_from_units_in_both(seed_report, tmp_path):
    """lines.keep_units is read by both writers: off, LibreOffice and the PDF both break by
    the remaining rules, and still agree."""
    needs_soffice()
    theirs, ours = build_both(seed_report, without_units(load_style("official")), tmp_path)
    figure = report("parity, numbers free to part from units", theirs, ours)
    assert len(ours) == len(theirs)
    assert figure >= MIN_SAME_FIRST_LINES_WITHOUT_UNITS
