"""`make demo` as the README gives it (without its setup step, `make run-demo`): each warning
of the seed spec is printed once, though both validate and build check the spec."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_demo_prints_each_warning_once_and_builds(tmp_path):
    done = subprocess.run(["make", "-s", "run-demo", f"OUT={tmp_path}", f"PY={sys.executable}"],
                          check=False, cwd=ROOT, capture_output=True, timeout=600)
    out = done.stdout.decode() + done.stderr.decode()
    assert done.returncode == 0, out
    warnings = re.findall(r"^.*\(RK1\d\d\)$", out, re.MULTILINE)
    assert len(warnings) == 16 and len(set(warnings)) == 16, warnings
    assert "1 file checked: 0 errors, 16 warnings" in out
    assert f"wrote {tmp_path}/dongqu-2024.docx" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dongqu-2024.docx", "dongqu-2024.pdf"]
