"""The Word redline: real tracked changes that pandoc accepts to the new edition and rejects
to the old one (paragraph by paragraph, line breaks inside a title ignored)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from reportkit.flat import lines
from reportkit.readers import read_any

from .conftest import CORPUS, run_cli
from .test_diff_pairs import new_edition, old_edition

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
pytestmark = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")


def paragraphs_after(docx, mode: str) -> list[str]:
    out = subprocess.run(["pandoc", "-s", f"--track-changes={mode}", "-t", "plain",
                          "--wrap=none", str(docx)], capture_output=True, check=True, timeout=120)
    blocks = re.split(r"\n\s*\n", out.stdout.decode())
    return [re.sub(r"\s+", "", b) for b in blocks if b.strip()]


def expected(report) -> list[str]:
    return [re.sub(r"\s+", "", ln.full) for ln in lines(report)]


@pytest.fixture(scope="module")
def seed_pair(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("redline")
    old, new = old_edition(tmp), new_edition(tmp)
    out = tmp / "redline.docx"
    done = run_cli("diff", old, new, "--format", "docx", "-o", out)
    assert done.returncode == 0, done.stderr.decode()
    return out, read_any(old)[0], read_any(new)[0]


def test_accept_all_gives_the_new_edition(seed_pair):
    docx, _, new = seed_pair
    assert paragraphs_after(docx, "accept") == expected(new)


def test_reject_all_gives_the_old_edition(seed_pair):
    docx, old, _ = seed_pair
    assert paragraphs_after(docx, "reject") == expected(old)


def test_changes_are_tracked_by_reportkit(seed_pair):
    with zipfile.ZipFile(seed_pair[0]) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    ins, dels = root.iter(f"{W}ins"), root.iter(f"{W}del")
    authors = {e.get(f"{W}author") for e in [*ins, *dels]}
    assert authors == {"reportkit"}
    deleted = "".join(t.text or "" for t in root.iter(f"{W}delText"))
    assert "战略性新兴产业" in deleted and "6.5%" in deleted


def test_redline_of_a_real_pair(tmp_path):
    old = CORPUS / "panzhihua-city" / "2022.md"
    new = CORPUS / "panzhihua-city" / "2023.md"
    out = tmp_path / "pzh.docx"
    assert run_cli("diff", old, new, "--format", "docx", "-o", out).returncode == 0
    assert paragraphs_after(out, "accept") == expected(read_any(new)[0])
    assert paragraphs_after(out, "reject") == expected(read_any(old)[0])


def test_importing_a_redline_reads_the_new_edition(seed_pair):
    """A redline sent back as a draft imports as the text with every change accepted (the
    new edition), with a warning that it had tracked changes: python-docx alone would drop
    every inserted word."""
    from reportkit.readers.compare import blocks
    from reportkit.readers.docx import import_docx

    docx, _, new = seed_pair
    got = import_docx(docx)
    assert blocks(got.report) == blocks(new)
    (warning,) = [p for p in got.problems if p.code == "RK311"]
    assert "insertion" in warning.message and "deletion" in warning.message
