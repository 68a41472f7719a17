"""`reportkit import` as a user runs it: outputs, summary, encodings and bad input."""

from __future__ import annotations

import pytest

from reportkit.readers.spec import read_spec, read_spec_text

from .conftest import CORPUS, SEED, run_cli

SMALL = """关于某区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告
（2024年2月20日在某区第一届人民代表大会第二次会议上）
某区发展和改革局局长　张三
各位代表：
一、2023年国民经济和社会发展计划执行情况
（一）2023年目标完成情况。
——地区生产总值增长6.7%，超过年初预期目标（6.5%）0.2个百分点。
二、2024年经济社会发展主要预期目标
2024年经济社会发展主要预期目标为：
——地区生产总值确保增长6.7%、力争7.2%以上。
"""


def test_spec_to_stdout_summary_to_stderr():
    done = run_cli("import", SEED)
    assert done.returncode == 0, done.stderr.decode()
    spec, _ = read_spec_text(done.stdout.decode("utf-8"))
    assert spec is not None and spec.meta.region == "攀枝花市东区"
    err = done.stderr.decode("utf-8")
    assert "17 sections" in err and "7 results" in err and "7 targets" in err
    assert "3 warnings" in err and err.count("(RK301)") == 3
    assert "traditional → simplified" in err and "encoding utf-8" in err
    assert "Traceback" not in err
    # each garbled passage is marked in the spec, right above the item that holds it
    lines = done.stdout.decode("utf-8").splitlines()
    marked = [i for i, line in enumerate(lines) if "# FIXME garbled passage" in line]
    assert len(marked) == 3
    assert "?jié)" in lines[marked[0] + 1] and "section:" in lines[marked[0] + 1]


def test_output_file_written(tmp_path):
    out = tmp_path / "specs" / "seed.yaml"
    done = run_cli("import", SEED, "-o", out)
    assert done.returncode == 0 and done.stdout == b""
    report, problems = read_spec(out)
    assert report is not None and [p for p in problems if p.level == "error"] == []
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind


def test_strict_fails_on_warnings():
    assert run_cli("import", SEED, "--strict").returncode == 1
    assert run_cli("import", CORPUS / "state-council" / "2024.md", "--strict").returncode == 0


def test_same_input_same_bytes(tmp_path):
    a, b = run_cli("import", SEED), run_cli("import", SEED)
    assert a.stdout == b.stdout


@pytest.mark.parametrize("encoding, name", [("utf-8-sig", "utf-8-sig"), ("gbk", "gb"),
                                            ("gb18030", "gb"), ("big5", "big5")])
def test_legacy_encodings_decoded_and_named(tmp_path, encoding, name):
    text = SMALL
    if encoding == "big5":
        import opencc

        text = opencc.OpenCC("s2tw").convert(SMALL)
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    done = run_cli("import", path)
    assert done.returncode == 0, done.stderr.decode()
    err = done.stderr.decode()
    assert f"encoding {name}" in err
    spec, _ = read_spec_text(done.stdout.decode())
    assert spec.meta.title == SMALL.splitlines()[0]  # simplified again for Big5
    assert "1 results, 1 targets" in err


def _bad(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out.yaml"
    done = run_cli("import", path, "-o", out)
    err = done.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert not out.exists()  # never a half-written spec
    return done.returncode, err


def test_binary_file(tmp_path):
    code, err = _bad(tmp_path, "report.txt", bytes(range(256)) * 10)
    assert code == 2 and "binary file" in err and "report.txt" in err


def test_empty_file(tmp_path):
    code, err = _bad(tmp_path, "report.txt", b"  \n\n")
    assert code == 2 and "empty file" in err


def test_html_page_without_a_report(tmp_path):
    """A page that is all markup and chrome (no Chinese text) is refused, whatever its name;
    pages with a report are imported (tests/test_import_html.py)."""
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>报告</title></head><body>"
            + "<div><p>Menu</p></div>" * 30 + "</body></html>")
    for name in ("page.txt", "page.html"):
        code, err = _bad(tmp_path, name, page.encode())
        assert code == 2 and "no Chinese text" in err and "(RK305)" in err
    code, err = _bad(tmp_path, "report.pdf", b"%PDF-1.4")
    assert code == 2 and "cannot import `.pdf`" in err


def test_ten_megabytes_of_text(tmp_path):
    code, err = _bad(tmp_path, "big.txt", ("各位代表：" * 100 + "\n").encode() * 7000)
    assert code == 2 and "MB" in err and "limit" in err


def test_docx_that_is_not_a_zip(tmp_path):
    code, err = _bad(tmp_path, "report.docx", b"PK\x03\x04 not really a zip" * 10)
    assert code == 2 and "not a Word file" in err


def test_missing_file(tmp_path):
    done = run_cli("import", tmp_path / "nothing.txt")
    assert done.returncode == 2 and "no such file" in done.stderr.decode()


def test_a_folder_is_named_as_one(tmp_path):
    done = run_cli("import", tmp_path)
    assert done.returncode == 2 and "is a folder, not a report file" in done.stderr.decode()
    assert b"Traceback" not in done.stderr


def test_unwritable_output(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = run_cli("import", SEED, "-o", blocker / "spec.yaml")
    assert done.returncode == 2 and "cannot write" in done.stderr.decode()
    assert "Traceback" not in done.stderr.decode()


def test_a_hundred_reports_in_one_file(tmp_path):
    """More than 99 top-level sections cannot be numbered: a warning, not a traceback."""
    path = tmp_path / "many.txt"
    path.write_text("某区工作报告\n" + "".join(f"一、第{i}项工作\n内容。\n" for i in range(120)),
                    encoding="utf-8")
    done = run_cli("import", path, "-o", tmp_path / "many.yaml")
    err = done.stderr.decode()
    assert done.returncode == 0 and "Traceback" not in err
    assert "more than 99 sections at level 1" in err


def test_reports_one_after_another_are_parts(tmp_path):
    """The seed 34 times over: each copy's 一、二、… restarts under its title line, read as
    an unnumbered part, so no heading is renumbered past 九十九."""
    path = tmp_path / "many.txt"
    path.write_bytes(SEED.read_bytes() * 34)
    done = run_cli("import", path, "-o", tmp_path / "many.yaml")
    err = done.stderr.decode()
    assert done.returncode == 0 and "Traceback" not in err
    assert "more than 99 sections" not in err
    assert (tmp_path / "many.yaml").read_text(encoding="utf-8").count("- part: ") >= 33


def test_zip_that_is_not_a_word_document(tmp_path):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "各位代表：")
    code, err = _bad(tmp_path, "report.docx", buf.getvalue())
    assert code == 2 and "not a Word file" in err


def test_old_binary_doc_is_named(tmp_path):
    code, err = _bad(tmp_path, "report.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert code == 2 and "old binary .doc" in err


def test_a_gbk_web_page_copy(tmp_path):
    """tests/fixtures/import/webpage_gbk.txt: GBK, half-width punctuation, chrome above and
    below the report; every result and target line regenerates exactly."""
    from .conftest import ROOT

    done = run_cli("import", ROOT / "tests" / "fixtures" / "import" / "webpage_gbk.txt")
    assert done.returncode == 0, done.stderr.decode()
    err = done.stderr.decode()
    assert "encoding gbk" in err and "web-page chrome dropped" in err
    assert "2 results, 2 targets (4 lines regenerate exactly" in err
    spec, _ = read_spec_text(done.stdout.decode("utf-8"))
    m = spec.meta
    assert m.title.startswith("关于某区2023年") and m.salutation == "各位代表："
    assert (m.source.published, m.source.publisher) == ("2024-03-05", "某区发展和改革局")
    from reportkit.flat import plain_text

    text = plain_text(spec)
    for chrome in ("门户网站", "当前位置", "浏览次数", "字号", "打印本页", "分享到"):
        assert chrome not in text
    assert "——地区生产总值为120.5亿元，增长（同比，下同）6.2%，超过年初预期目标（6%）0.2个百分点。" in text


def test_windows_line_ends_change_nothing(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))
    a, b = run_cli("import", SEED), run_cli("import", path)
    assert a.returncode == b.returncode == 0
    # the first line, a comment, names the file; the rest is the same
    assert a.stdout.split(b"\n", 1)[1] == b.stdout.split(b"\n", 1)[1]


def test_text_that_is_not_a_report(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello world\n", encoding="utf-8")
    done = run_cli("import", path, "--strict")
    err = done.stderr.decode()
    assert done.returncode == 1 and "no Chinese characters" in err and "no body" in err
