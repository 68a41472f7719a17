"""`reportkit validate`: formats, --strict and exit codes, as a user or CI sees them."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import SPEC, run_cli

GOOD = SPEC.read_text(encoding="utf-8")
#: The seed with one arithmetic slip in a hand-written result and one half-width comma.
BROKEN = GOOD.replace(
    "{indicator: fai, growth: 5.8, target: 10, vs_city: -0.3}",
    "{indicator: fai, growth: 5.8, target: 10, vs_city: -0.3, "
    "text: 全社会固定资产投资增长5.8%，低于年初预期目标（10%）4.8个百分点。}").replace(
    "请予审议，并请", "请予审议,并请")


@pytest.fixture
def broken(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_seed_spec_passes_with_its_note_warnings():
    out = run_cli("validate", SPEC)
    assert out.returncode == 0
    lines = out.stdout.decode().splitlines()
    assert len(lines) == 16
    assert all(ln.startswith("specs/dongqu-2024.yaml:") or ln.startswith(str(SPEC))
               for ln in lines)
    assert all(ln.endswith("has no explanation (RK104)") and ": warning note `" in ln
               for ln in lines)
    assert out.stderr.decode() == "1 file checked: 0 errors, 16 warnings\n"


def test_strict_fails_on_warnings():
    assert run_cli("validate", "--strict", SPEC).returncode == 1


def test_errors_exit_one_with_positions(broken):
    out = run_cli("validate", broken)
    assert out.returncode == 1
    text = out.stdout.decode()
    line_of = {n + 1: ln for n, ln in enumerate(BROKEN.splitlines())}
    rk101 = [ln for ln in text.splitlines() if ln.endswith("(RK101)")]
    rk107 = [ln for ln in text.splitlines() if ln.endswith("(RK107)")]
    assert len(rk101) == 1 and "4.8个百分点”, but 5.8 against 10 is 4.2个百分点" in rk101[0]
    assert len(rk107) == 1 and "half-width “,”" in rk107[0]
    line, col = map(int, rk101[0].split(":")[1:3])
    assert line_of[line][col - 1:].startswith("{indicator: fai")
    line, col = map(int, rk107[0].split(":")[1:3])
    assert "请予审议,并请" in line_of[line]
    assert "2 errors, 16 warnings" in out.stderr.decode()


def test_json_format(broken):
    out = run_cli("validate", "--format", "json", broken)
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert {d["code"] for d in data} == {"RK101", "RK104", "RK107"}
    assert all(set(d) == {"file", "line", "col", "level", "code", "message"} for d in data)
    assert [(d["line"], d["col"]) for d in data] == sorted((d["line"], d["col"]) for d in data)


def test_json_format_when_clean(tmp_path):
    path = tmp_path / "clean.yaml"
    explained = re.sub(r"term: ([^}]+)\}", r"term: \1, text: 解释。}", GOOD)
    path.write_text(explained, encoding="utf-8")
    out = run_cli("validate", "--format", "json", path)
    assert out.returncode == 0 and json.loads(out.stdout) == [] and out.stderr == b""
    out = run_cli("validate", path)
    assert out.returncode == 0 and out.stdout == b"" and out.stderr == b""


def test_github_format(broken):
    out = run_cli("validate", "--format", "github", broken)
    assert out.returncode == 1
    lines = out.stdout.decode().splitlines()
    errors = [ln for ln in lines if ln.startswith("::error ")]
    assert len(errors) == 2 and len(lines) == 18
    assert errors[0].startswith(f"::error file={broken},line=")
    assert ",title=RK10" in errors[0]
    assert out.stderr == b""


def test_several_files_report_each(tmp_path, broken):
    out = run_cli("validate", SPEC, broken)
    assert out.returncode == 1
    text = out.stdout.decode()
    assert str(broken) in text and "dongqu-2024.yaml" in text
    assert "2 files checked: 2 errors, 32 warnings" in out.stderr.decode()


def test_usage_errors_exit_two():
    out = run_cli("validate")
    assert out.returncode == 2 and b"usage:" in out.stderr and b"Traceback" not in out.stderr
    out = run_cli("validate", "--format", "xml", SPEC)
    assert out.returncode == 2 and b"invalid choice" in out.stderr


def test_pre_commit_hook_runs_validate_on_specs(tmp_path, broken):
    import tomllib

    import yaml

    from .conftest import ROOT

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "reportkit-validate" and "yaml" in hook["types"]
    script, *args = hook["entry"].split()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"]
    assert scripts[script] == "reportkit.cli:entry"
    # pre-commit appends the staged file names to the entry
    assert run_cli(*args, SPEC).returncode == 0
    assert run_cli(*args, SPEC, broken).returncode == 1


def test_validate_keeps_heavy_imports_off_its_path():
    """It runs on every commit: only PyYAML among the dependencies may load."""
    import subprocess
    import sys

    code = ("import sys; from reportkit.cli import main; main(['validate', "
            f"{str(SPEC)!r}]); print(' '.join(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False)
    loaded = set(out.stdout.split("\n")[-2].split())
    heavy = {"opencc", "docx", "reportlab", "lxml", "rjieba", "rich", "fontTools",
             "diff_match_patch", "jsonschema", "reportkit.clean"}
    assert "yaml" in loaded and not heavy & loaded
