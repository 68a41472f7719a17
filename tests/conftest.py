"""Shared fixtures: paths of the project's specs, seeds and corpus copies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_ee0cd8f568fba525.txt"
SPEC = ROOT / "specs" / "dongqu-2024.yaml"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


@pytest.fixture(scope="session")
def seed_report():
    """The seed spec read into the model (it must read without errors)."""
    from reportkit.readers.spec import read_spec

    report, problems = read_spec(SPEC)
    assert report is not None, [p.text() for p in problems]
    return report


def run_cli(*args: str, cwd: Path = ROOT, input: bytes | None = None):
    """Run `python -m reportkit ARGS` as a user would; returns the CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "reportkit", *map(str, args)], cwd=cwd,
                          capture_output=True, input=input, timeout=600)


def text_rows(chars: list[dict]) -> list[str]:
    """pdfplumber characters grouped into lines by baseline (within 3 pt), each line's
    characters left to right (the PDF and the OFD tests read pages this way)."""
    rows: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (-round(c["matrix"][5], 1), c["x0"])):
        if rows and abs(rows[-1][0]["matrix"][5] - c["matrix"][5]) < 3:
            rows[-1].append(c)
        else:
            rows.append([c])
    return ["".join(c["text"] for c in sorted(r, key=lambda c: c["x0"])) for r in rows]


#: A CJK Extension B character no installed face draws.
RARE_GLYPH = "\U0002A6A5"


def with_a_rare_glyph(report):
    """The report with RARE_GLYPH in its first paragraph (a writer must refuse it)."""
    import dataclasses

    from reportkit.model import Paragraph

    body = list(report.body)
    body[0] = dataclasses.replace(body[0], text=f"我受区人民政府委托{RARE_GLYPH}，报告如下。")
    assert isinstance(body[0], Paragraph)
    return dataclasses.replace(report, body=tuple(body))
