"""The redline hook: tracked changes that Word (here: pandoc) can accept or reject."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from reportkit import flat
from reportkit.style import load_style
from reportkit.writers.docx import RedlineLine, write_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

pytestmark = pytest.mark.skipif(shutil.which("pandoc") is None,
                                reason="pandoc not installed (scripts/setup.sh --test)")


def _pieces(old: str, new: str) -> tuple:
    """A simple word-level diff: common prefix and suffix kept, the middle replaced."""
    i = 0
    while i < min(len(old), len(new)) and old[i] == new[i]:
        i += 1
    j = 0
    while j < min(len(old), len(new)) - i and old[-1 - j] == new[-1 - j]:
        j += 1
    mid_old, mid_new = old[i:len(old) - j], new[i:len(new) - j]
    out = [("=", old[:i]), ("-", mid_old), ("+", mid_new), ("=", old[len(old) - j:])]
    return tuple((op, text) for op, text in out if text)


@pytest.fixture(scope="module")
def redline(seed_report):
    """Old and new texts and the redline between them, over the seed's lines."""
    lines = flat.lines(seed_report)
    para = next(i for i, ln in enumerate(lines) if ln.kind == "para" and ln.lead)
    plain = next(i for i, ln in enumerate(lines) if ln.kind == "para" and not ln.lead)
    head = next(i for i, ln in enumerate(lines) if ln.kind == "heading")
    entries, old, new = [], [], []
    for i, ln in enumerate(lines):
        if i == para:  # change across the lead sentence and the text after it
            changed = ln.full.replace("基本成型。出台", "全面成型。制定", 1)
            assert changed != ln.full
            entries.append(RedlineLine(ln, _pieces(ln.full, changed), "="))
            old.append(ln.full)
            new.append(changed)
            # the writer lays out pieces over the line it is given: give the new line
            entries[-1] = RedlineLine(flat.Line(ln.kind, changed[len(ln.lead):], ln.level,
                                                ln.label, ln.lead.replace("基本", "全面")),
                                      _pieces(ln.full, changed), "=")
        elif i == plain:  # a deleted paragraph, then an inserted one
            entries.append(RedlineLine(ln, (("-", ln.full),), "-"))
            old.append(ln.full)
            added = flat.Line("para", "新增一段：全年完成投资增长10%。", ln.level)
            entries.append(RedlineLine(added, (("+", added.full),), "+"))
            new.append(added.full)
        elif i == head:
            changed = ln.full + "和主要成效"
            entries.append(RedlineLine(
                flat.Line(ln.kind, ln.text + "和主要成效", ln.level, ln.label),
                _pieces(ln.full, changed), "="))
            old.append(ln.full)
            new.append(changed)
        else:
            entries.append(RedlineLine(ln, (("=", ln.full),), "="))
            old.append(ln.full)
            new.append(ln.full)
    data = write_docx(seed_report, load_style("official"), redline=entries)
    return data, old, new


def pandoc_paragraphs(data: bytes, mode: str, tmp_path) -> list[str]:
    path = tmp_path / f"redline-{mode}.docx"
    path.write_bytes(data)
    out = subprocess.run(["pandoc", "-s", "-f", "docx", "-t", "plain", "--wrap=none",
                          f"--track-changes={mode}", str(path)], capture_output=True,
                         check=True, timeout=120).stdout.decode()
    # -s prints the title (pandoc reads the Title style as metadata); line breaks inside a
    # paragraph (the title, the occasion) become newlines: join them
    return ["".join(block.split()) for block in out.split("\n\n") if block.strip()]


def squeeze(texts: list[str]) -> list[str]:
    return ["".join(t.split()) for t in texts]


def test_accepting_all_gives_the_new_text(redline, tmp_path):
    data, _, new = redline
    assert pandoc_paragraphs(data, "accept", tmp_path) == squeeze(new)


def test_rejecting_all_gives_the_old_text(redline, tmp_path):
    data, old, _ = redline
    assert pandoc_paragraphs(data, "reject", tmp_path) == squeeze(old)


def test_changes_are_by_reportkit_on_the_build_date(redline):
    data = redline[0]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        doc = etree.fromstring(zf.read("word/document.xml"))
    changes = list(doc.iter(W + "ins", W + "del"))
    assert changes
    assert {c.get(W + "author") for c in changes} == {"reportkit"}
    assert {c.get(W + "date") for c in changes} == {"2024-02-27T00:00:00Z"}
    ids = [c.get(W + "id") for c in changes]
    assert len(ids) == len(set(ids))
    marks = [c for c in changes if c.getparent().tag == W + "rPr"]
    assert {m.tag for m in marks} == {W + "ins", W + "del"}  # whole paragraphs tracked


def test_deleted_text_keeps_its_lead_style(redline):
    data = redline[0]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        doc = etree.fromstring(zf.read("word/document.xml"))
    deleted_lead = [r for d in doc.iter(W + "del") for r in d.iter(W + "r")
                    if r.find(f"{W}rPr/{W}rStyle") is not None and
                    "基本" in "".join(r.itertext())]
    assert deleted_lead
