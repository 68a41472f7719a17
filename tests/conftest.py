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
