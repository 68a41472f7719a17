"""The .docx as LibreOffice draws it: the seed report rendered to PDF and measured.

A real render (``soffice --headless --convert-to pdf``, with reportkit's fontconfig aliases),
measured with pdfplumber: lines per page, characters per line, margins, page numbers, faces.
scripts/setup.sh --test installs LibreOffice; the test fails rather than skips without it.
"""

from __future__ import annotations

import itertools
import re
import subprocess
from dataclasses import dataclass

import pdfplumber
import pytest

from reportkit import fonts
from reportkit.style import load_style
from reportkit.writers.docx import write_docx

MM = 72 / 25.4  # points per millimetre
TOP, LEFT, TYPE_W, TYPE_H = 37, 28, 156, 225
RIGHT_EDGE, BOTTOM_EDGE = LEFT + TYPE_W, TOP + TYPE_H
PITCH_PT = 579 / 20
PAGE_NUMBER_RE = re.compile(r"^—(\d+)—$")  # spaces are not characters here
CLOSING = set("，。、；：？！”’）》」』…")
OPENING = set("“‘（《「『")
HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")


@dataclass
class TextLine:
    """One printed line: its characters, left to right."""

    chars: list

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars) / MM

    @property
    def middle(self) -> float:
        return sum((c["top"] + c["bottom"]) / 2 for c in self.chars) / len(self.chars) / MM

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"] / MM

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"] / MM

    @property
    def font(self) -> str:
        return self.chars[-1]["fontname"]


def render(tmp_path_factory, style: str, seed_report) -> list[list[TextLine]]:
    """Write the seed in a style, convert it with LibreOffice, return each page's lines."""
    folder = tmp_path_factory.mktemp(f"render-{style}")
    src = folder / f"seed-{style}.docx"
    src.write_bytes(write_docx(seed_report, load_style(style)))
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(src)],
                   env=fonts.config_env(), check=True, capture_output=True, timeout=300)
    with pdfplumber.open(folder / f"seed-{style}.pdf") as pdf:
        return [_lines(page) for page in pdf.pages]


def _lines(page) -> list[TextLine]:
    """Characters grouped by baseline (the text matrix's y), top to bottom: faces with other
    descents (digits in Liberation Serif) have other bounding boxes but share the baseline."""
    rows: dict[int, list] = {}
    for c in page.chars:
        if c["text"].strip():
            rows.setdefault(round(c["matrix"][5]), []).append(c)
    return [TextLine(sorted(cs, key=lambda c: c["x0"]))
            for _, cs in sorted(rows.items(), reverse=True)]


def body_lines(page: list[TextLine]) -> list[TextLine]:
    """Lines inside the type area (not the page number or a header)."""
    return [ln for ln in page if TOP - 3 < ln.middle < BOTTOM_EDGE + 3]


@pytest.fixture(scope="module")
def pages(tmp_path_factory, seed_report):
    return render(tmp_path_factory, "official", seed_report)


@pytest.fixture(scope="module")
def review_pages(tmp_path_factory, seed_report):
    return render(tmp_path_factory, "review", seed_report)


def test_every_full_body_page_has_22_lines(pages):
    """22 lines, except that a heading is kept with its text: the page before has 21."""
    assert len(pages) >= 5
    body = pages[1:]  # the first page holds the title
    for n, (page, nxt) in enumerate(itertools.pairwise(body), start=2):
        lines = body_lines(page)
        pushed = HEADING_RE.match(body_lines(nxt)[0].text)
        assert len(lines) == 22 or (pushed and len(lines) == 21), (n, len(lines))
    short = [p for p in body[:-1] if len(body_lines(p)) == 21]
    assert len(short) <= len(pages) // 4
    assert len(body_lines(pages[-1])) <= 22


def full_lines(pages) -> list[TextLine]:
    """Body-face continuation lines that fill the measure and hold only Chinese characters."""
    out = []
    for page in pages[1:]:
        for ln in body_lines(page):
            inside = [c for c in ln.chars if c["x1"] / MM <= RIGHT_EDGE + 0.5]
            if ("FandolFang" in ln.font and abs(ln.x0 - LEFT) < 1
                    and inside[-1]["x1"] / MM > RIGHT_EDGE - 2
                    and all(ord(c["text"]) > 0x2000 for c in ln.chars)):
                out.append(ln)
    return out


def test_a_full_body_line_has_28_characters(pages):
    """28 characters; 27 only where a line may not end or start with the next character, fewer
    only where a Latin word, or a number with its unit, moved down whole ("超|20亿元", never
    "超20亿|元")."""
    lines = full_lines(pages)
    assert len(lines) > 50
    flow = [ln for page in pages for ln in body_lines(page)]
    following = {id(a): b for a, b in itertools.pairwise(flow)}
    short = 0
    for ln in lines:
        inside = [c for c in ln.chars if c["x1"] / MM <= RIGHT_EDGE + 0.5]
        if len(inside) < 28 and following[id(ln)].text[:1].isascii():
            short += 1  # justified: the word, or the number and its unit, did not fit
            continue
        if len(inside) == 27:  # 避头尾: an opening mark never ends a line, a closing one never
            nxt = following[id(ln)].text  # starts one, so a character moved down with it
            assert nxt[0] in OPENING or nxt[1:2] in CLOSING or ln.text[-1] in OPENING, ln.text
            short += 1
            continue
        assert len(inside) == 28, ln.text
        # LibreOffice 7.4 reads w:overflowPunct inverted (writerfilter: hanging = val == 0), so
        # it lets one closing mark hang past the margin that Word keeps inside; only that.
        hanging = ln.chars[len(inside):]
        assert len(hanging) <= 1 and all(c["text"] in CLOSING for c in hanging), ln.text
    assert short <= len(lines) // 5


def test_margins_within_one_millimetre(pages):
    for page in pages[1:-1]:
        lines = body_lines(page)
        if len(lines) < 22:
            continue
        # the grid's first line box starts half a pitch above its middle, the last ends below
        top = lines[0].middle - PITCH_PT / 2 / MM
        bottom = lines[-1].middle + PITCH_PT / 2 / MM
        assert top == pytest.approx(TOP, abs=1)
        assert 297 - bottom == pytest.approx(297 - BOTTOM_EDGE, abs=1)
        left = min(ln.x0 for ln in lines)
        assert left == pytest.approx(LEFT, abs=1)
    right = max(max(c["x1"] for c in ln.chars[:28]) / MM for ln in full_lines(pages))
    assert 210 - right == pytest.approx(210 - RIGHT_EDGE, abs=1)


def test_page_numbers_alternate_sides_one_character_in(pages):
    one_char = 14 / MM  # one 4号 character
    for n, page in enumerate(pages, start=1):
        number = page[-1]
        assert PAGE_NUMBER_RE.match(number.text), number.text
        assert int(PAGE_NUMBER_RE.match(number.text).group(1)) == n
        assert number.top - BOTTOM_EDGE == pytest.approx(7, abs=1.5)
        if n % 2:
            assert RIGHT_EDGE - number.x1 == pytest.approx(one_char, abs=1)
        else:
            assert number.x0 - LEFT == pytest.approx(one_char, abs=1)


def test_faces_are_the_intended_ones(pages):
    first = body_lines(pages[0])
    assert "FandolSong" in first[0].font  # title, 小标宋 -> FandolSong Bold
    assert any("FandolKai" in ln.font for ln in first)  # occasion and speaker, 楷体
    heading1 = next(ln for page in pages for ln in body_lines(page) if ln.text.startswith("一、"))
    assert "FandolHei" in heading1.font
    assert any("FandolFang" in ln.font for ln in body_lines(pages[2]))
    assert "UMing" in pages[1][-1].font  # page numbers, 宋体


def test_review_draft_header_and_line_numbers(review_pages):
    for n, page in enumerate(review_pages[:4], start=1):
        header = [ln for ln in page if ln.middle < TOP - 3]
        assert [ln.text for ln in header] == ["征求意见稿"]
        numbers = [ln.chars[0]["text"] for ln in body_lines(page) if ln.x0 < LEFT - 3]
        lines = body_lines(page)
        margin_numbers = []
        for ln in lines:
            digits = ""
            for c in ln.chars:
                if c["x1"] / MM < LEFT - 1 and c["text"].isdigit():
                    digits += c["text"]
            margin_numbers.append(int(digits) if digits else None)
        assert numbers, f"page {n} has no line numbers"
        counted = [k for k in margin_numbers if k is not None]
        assert counted == list(range(1, len(counted) + 1)), counted  # restart on each page
        if 1 < n < len(review_pages):
            assert counted[-1] == 22
