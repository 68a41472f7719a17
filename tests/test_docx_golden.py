"""Golden parts of the official and review .docx, compared by meaning (canonical XML).

The style-driven parts (styles, settings, section properties, headers and footers, font table)
change only when the house style or the writer does. After a deliberate change, regenerate with
``REPORTKIT_ACCEPT=1 python3 -m pytest tests/test_docx_golden.py`` and review the diff.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from reportkit.style import load_style
from reportkit.writers.docx import write_docx

GOLDEN = Path(__file__).parent / "fixtures" / "docx"
PARTS = ("word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml",
         "word/footer2.xml", "word/header1.xml", "word/_rels/document.xml.rels",
         "[Content_Types].xml")
W_SECT = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr"


def canonical(xml: bytes) -> str:
    """Parsed, indented and canonicalised: equal text means equal meaning."""
    root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    etree.indent(root, space=" ")
    return etree.tostring(root, method="c14n").decode()


def golden_parts(style: str, seed_report) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(write_docx(seed_report, load_style(style)))) as zf:
        names = set(zf.namelist())
        out = {name: canonical(zf.read(name)) for name in PARTS if name in names}
        sect = etree.fromstring(zf.read("word/document.xml")).find(f".//{W_SECT}")
        out["sectPr"] = canonical(etree.tostring(sect))
    return out


def file_name(part: str) -> str:
    """word/styles.xml -> word_styles.xml; [Content_Types].xml -> Content_Types.xml."""
    name = part.replace("/", "_").strip("_").replace("[", "").replace("]", "")
    return name if name.endswith((".xml", ".rels")) else name + ".xml"


@pytest.mark.parametrize("style", ["official", "review"])
def test_style_parts_match_the_golden(style, seed_report):
    got = golden_parts(style, seed_report)
    folder = GOLDEN / style
    if os.environ.get("REPORTKIT_ACCEPT"):
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in got.items():
            (folder / file_name(name)).write_text(text + "\n", "utf-8")
    expected = {p.name: p.read_text("utf-8").rstrip("\n") for p in folder.iterdir()}
    assert {file_name(name): text for name, text in got.items()} == expected
