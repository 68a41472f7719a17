"""Saved web pages nested deeper than the HTML parser's default limit (256 elements): read up
to libxml2's huge-tree limit (2048), past Python's recursion limit; deeper than that, the
import says what is wrong instead of "no Chinese text in it"."""

from __future__ import annotations

from reportkit.readers.html import import_html

from .conftest import run_cli

REPORT = ("<p>关于某区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告</p>"
          "<p>各位代表：</p><p>一、2023年计划执行情况</p><p>全区地区生产总值增长6.7%。</p>"
          "<p>二、2024年工作安排</p><p>抓好重大项目建设。</p>")


def nested(depth: int, inner: str, before: str = "", after: str = "") -> bytes:
    """A page with ``inner`` inside ``depth`` nested elements (spans in divs, as editors
    write them)."""
    opening = "".join("<div>" if i % 2 else "<span>" for i in range(depth))
    closing = "".join("</div>" if i % 2 else "</span>" for i in reversed(range(depth)))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>报告</title></head>"
            f"<body>{before}{opening}{inner}{closing}{after}</body></html>").encode()


def test_a_page_nested_past_the_default_limit_is_read(tmp_path):
    for depth in (300, 1500):  # libxml2's default stops at 256; Python recursion at ~1000
        path = tmp_path / f"deep{depth}.html"
        path.write_bytes(nested(depth, REPORT))
        got = import_html(path)
        meta, body = got.report.meta, got.report.body
        assert meta.title.startswith("关于某区2023年"), depth
        assert [s.heading for s in body if hasattr(s, "heading")] == [
            "2023年计划执行情况", "2024年工作安排"], depth
        assert not [p for p in got.problems if p.code in ("RK304", "RK305")], got.problems


def test_a_page_nested_past_what_the_parser_reads_is_refused_truthfully(tmp_path):
    path = tmp_path / "deeper.html"
    path.write_bytes(nested(2100, REPORT))
    done = run_cli("import", path)
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "Traceback" not in err and "no Chinese text" not in err
    assert f"{path}:1:" in err and "more than 2048 deep" in err and "(RK304)" in err


def test_text_past_the_limit_beside_a_readable_report_is_a_warning(tmp_path):
    path = tmp_path / "deep-sidebar.html"
    path.write_bytes(nested(2100, "<p>相关链接之外的深层文字</p>", before=f"<div>{REPORT}</div>"))
    got = import_html(path)
    assert got.report.meta.title.startswith("关于某区2023年")
    (warning,) = [p for p in got.problems if p.code == "RK304"]
    assert warning.level == "warning" and "left out" in warning.message and warning.line == 1
