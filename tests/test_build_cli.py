"""`reportkit build`: what a user sees at the command line."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile

from reportkit.commands import build as build_cmd
from reportkit.writers import WRITERS

from .conftest import ROOT, SPEC, run_cli

BAD_SPEC = """\
reportkit: 1
meta:
  title: 关于测试区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告
body:
  - 我受区人民政府委托,向大会报告。
"""
UNREADABLE_SPEC = BAD_SPEC.replace("meta:\n", "meta:\n  bogus: 1\n")


def core_xml(path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("docProps/core.xml").decode()


def test_build_docx_writes_spec_named_file(tmp_path):
    r = run_cli("build", SPEC, "-o", tmp_path, "--format", "docx")
    assert r.returncode == 0, r.stderr.decode()
    out = tmp_path / "dongqu-2024.docx"
    assert out.exists() and f"wrote {out}" in r.stderr.decode()
    assert zipfile.is_zipfile(out)
    assert list(tmp_path.iterdir()) == [out]  # no temporary files left


def test_two_builds_are_byte_identical(tmp_path):
    for sub in ("a", "b"):
        assert run_cli("build", SPEC, "-o", tmp_path / sub, "--format", "docx").returncode == 0
    first = (tmp_path / "a" / "dongqu-2024.docx").read_bytes()
    assert first == (tmp_path / "b" / "dongqu-2024.docx").read_bytes()


def test_source_date_epoch_is_honoured(tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1709251200")  # 2024-03-01T00:00:00Z
    r = subprocess.run([sys.executable, "-m", "reportkit", "build", str(SPEC), "-o",
                        str(tmp_path), "--format", "docx"], cwd=ROOT, env=env,
                       capture_output=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr.decode()
    assert "2024-03-01T00:00:00Z" in core_xml(tmp_path / "dongqu-2024.docx")


def test_spec_with_errors_is_refused_unless_forced(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text(BAD_SPEC, encoding="utf-8")
    r = run_cli("build", spec, "-o", tmp_path / "out", "--format", "docx")
    err = r.stderr.decode()
    assert r.returncode == 1
    assert "bad.yaml:5:5: error paragraph has a half-width “,”" in err and "--force" in err
    assert not (tmp_path / "out").exists()
    r = run_cli("build", spec, "-o", tmp_path / "out", "--format", "docx", "--force")
    assert r.returncode == 0, r.stderr.decode()
    assert (tmp_path / "out" / "bad.docx").exists()


def test_spec_that_does_not_read_is_not_built_even_forced(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text(UNREADABLE_SPEC, encoding="utf-8")
    r = run_cli("build", spec, "-o", tmp_path / "out", "--format", "docx", "--force")
    err = r.stderr.decode()
    assert r.returncode == 1
    assert "bad.yaml:3:3: error unknown key `bogus`" in err and "cannot be built" in err
    assert not (tmp_path / "out").exists()


def test_output_equal_to_input_is_refused(tmp_path):
    spec = tmp_path / "report.docx"  # a spec that happens to carry the output's name
    spec.write_bytes(SPEC.read_bytes())
    before = spec.read_bytes()
    r = run_cli("build", spec, "-o", tmp_path, "--format", "docx")
    assert r.returncode == 2
    assert "output path is the input" in r.stderr.decode()
    assert spec.read_bytes() == before


def test_unwritable_output_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    r = run_cli("build", SPEC, "-o", blocker / "out", "--format", "docx")
    err = r.stderr.decode()
    assert r.returncode == 2
    assert "RK040" in err and "cannot write" in err and "Traceback" not in err


def test_failed_build_leaves_previous_output(tmp_path):
    assert run_cli("build", SPEC, "-o", tmp_path, "--format", "docx").returncode == 0
    previous = (tmp_path / "dongqu-2024.docx").read_bytes()
    spec = tmp_path / "dongqu-2024.yaml"
    spec.write_text(BAD_SPEC, encoding="utf-8")
    r = run_cli("build", spec, "-o", tmp_path, "--format", "docx")
    assert r.returncode == 1
    assert (tmp_path / "dongqu-2024.docx").read_bytes() == previous


def test_unknown_format_and_style_are_usage_errors(tmp_path):
    r = run_cli("build", SPEC, "-o", tmp_path, "--format", "odt")
    assert r.returncode == 2 and "unknown format odt" in r.stderr.decode()
    r = run_cli("build", SPEC, "-o", tmp_path, "--style", "nonesuch")
    assert r.returncode == 2 and "RK030" in r.stderr.decode()
    assert list(tmp_path.iterdir()) == []


def test_review_style_by_name_and_by_file(tmp_path):
    r = run_cli("build", SPEC, "-o", tmp_path / "a", "--format", "docx", "--style", "review")
    assert r.returncode == 0
    with zipfile.ZipFile(tmp_path / "a" / "dongqu-2024.docx") as zf:
        assert "征求意见稿" in zf.read("word/header1.xml").decode()
    mine = tmp_path / "mine.yaml"
    mine.write_text("base: official\nheader:\n  text: {value: 内部讨论稿}\n", encoding="utf-8")
    r = run_cli("build", SPEC, "-o", tmp_path / "b", "--format", "docx", "--style", mine)
    assert r.returncode == 0, r.stderr.decode()
    with zipfile.ZipFile(tmp_path / "b" / "dongqu-2024.docx") as zf:
        assert "内部讨论稿" in zf.read("word/header1.xml").decode()


def test_docx_only_build_does_not_import_reportlab(tmp_path):
    code = ("import sys; from reportkit.cli import main; "
            f"rc = main(['build', {str(SPEC)!r}, '-o', {str(tmp_path)!r}, '--format', 'docx']); "
            "print(rc, 'reportlab' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=300,
                       check=False)
    assert r.stdout.decode().split() == ["0", "False"], r.stderr.decode()


def test_missing_writer_is_a_clear_message(tmp_path, monkeypatch, capsys, seed_report):
    monkeypatch.setitem(WRITERS, "pdf", "reportkit.writers.no_such_module:write_pdf")
    from reportkit.style import load_style

    rc = build_cmd._build_one("pdf", seed_report, load_style("official"), tmp_path / "x.pdf")
    err = capsys.readouterr().err
    assert rc == 2 and "the pdf writer is not available" in err
    assert not (tmp_path / "x.pdf").exists()


def test_docx_content_is_the_report(tmp_path, seed_report):
    assert run_cli("build", SPEC, "-o", tmp_path, "--format", "docx").returncode == 0
    import docx

    document = docx.Document(io.BytesIO((tmp_path / "dongqu-2024.docx").read_bytes()))
    # word joiners (U+2060) keep numbers with their units: invisible, not part of the words
    text = "\n".join(p.text for p in document.paragraphs).replace("\u2060", "")
    assert "一、2023年国民经济和社会发展计划执行情况" in text
    assert seed_report.meta.salutation in text


def test_style_without_needed_values_is_a_clear_error(tmp_path):
    mine = tmp_path / "bare.yaml"
    mine.write_text("name: bare\npage:\n  width: {value: 210}\n", encoding="utf-8")
    r = run_cli("build", SPEC, "-o", tmp_path / "out", "--format", "docx", "--style", mine)
    err = r.stderr.decode()
    assert r.returncode == 2
    assert "bare: error the style lacks or mistypes a value" in err and "RK031" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_style_whose_grid_does_not_fit_is_refused(tmp_path):
    mine = tmp_path / "tight.yaml"
    mine.write_text("base: official\ngrid:\n  lines: {value: 20}\n", encoding="utf-8")
    r = run_cli("build", SPEC, "-o", tmp_path / "out", "--format", "docx", "--style", mine)
    err = r.stderr.decode()
    assert r.returncode == 2
    assert "grid.lines is 20 but 22 lines of 579 twips fit the type area (RK031)" in err
