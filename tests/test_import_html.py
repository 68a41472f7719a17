"""Saved web pages: the report out of the page around it, as a user saves one from a browser.

The pages are written here the way government sites lay them out (menus, breadcrumbs, a title
above the article, a publication line, the article in a div, a footer, scripts), from the
seed spec and from the corpus (through pandoc), and imported as a user would.
"""

from __future__ import annotations

import html
import shutil
import subprocess

import pytest

from reportkit.flat import lines as flat_lines
from reportkit.readers import read_any
from reportkit.readers.compare import blocks
from reportkit.readers.html import import_html
from reportkit.readers.spec import read_spec

from .conftest import CORPUS, SPEC, run_cli

CHROME_TOP = """<div class="top"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> |
<a href="/hdjl">互动交流</a></div>
<nav><ul><li>网站首页</li><li>政府信息公开</li><li>办事服务</li></ul></nav>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 规划计划</div>"""
CHROME_BOTTOM = """<div class="share">分享到：微信 微博</div>
<footer><p>主办单位：某区人民政府办公室　版权所有</p><p>备案号：蜀ICP备00000000号</p></footer>
<script>var tongji = "统计代码"; document.write("<p>不是报告</p>");</script>"""


def page(report, *, encoding="utf-8", title_inside=False) -> bytes:
    """A government site's page for a report: the title in <h1> above the article (or inside
    it), a publication line, leads in <strong>, the notes as paragraphs."""
    body = []
    title = ""
    for line in flat_lines(report):
        text = html.escape(line.text)
        if line.kind == "title":
            title = f"<h1 class='title'>{html.escape(line.full)}</h1>"
            continue
        if line.lead:
            body.append(f"<p>\u3000\u3000<strong>{html.escape(line.label + line.lead)}</strong>"
                        f"{text}</p>")
        else:
            body.append(f"<p style='text-indent:2em'>{html.escape(line.full)}</p>")
    info = "<div class='info'>发布时间：2024-02-26 10:30　来源：东区发展和改革局　【字体：大 中 小】</div>"
    article = "<div id='zoom' class='TRS_Editor'>\n" + "\n".join(body) + "\n</div>"
    head = title + info if not title_inside else ""
    if title_inside:
        article = article.replace("<div id='zoom' class='TRS_Editor'>",
                                  f"<div id='zoom' class='TRS_Editor'>{title}", 1)
    charset = "gb2312" if encoding == "gb18030" else encoding
    text = (f"<!DOCTYPE html><html><head><meta http-equiv='Content-Type' content='text/html; "
            f"charset={charset}'><title>{html.escape(report.meta.title)}_某区人民政府</title>"
            f"<style>p {{ line-height: 2 }}</style></head><body>{CHROME_TOP}"
            f"<div class='main'>{head}{article}</div>{CHROME_BOTTOM}</body></html>")
    return text.encode(encoding)


@pytest.fixture(scope="module")
def seed():
    return read_spec(SPEC)[0]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_saved_page_gives_back_the_report(seed, tmp_path, encoding):
    path = tmp_path / "page.html"
    path.write_bytes(page(seed, encoding=encoding))
    got = import_html(path)
    assert blocks(got.report) == blocks(seed)  # every paragraph, lead, result and target
    assert got.report.meta.title == seed.meta.title
    assert got.report.meta.source.published == "2024-02-26"
    assert got.report.meta.source.publisher == "东区发展和改革局"
    assert any('id="zoom"' in step for step in got.steps)
    text = "".join(line.full for line in flat_lines(got.report))
    for chrome in ("首页", "备案号", "统计代码", "不是报告", "分享到"):
        assert chrome not in text


def test_a_sidebar_of_links_is_not_the_report(seed, tmp_path):
    """A sidebar of related articles as long as a third of the report: its links are not
    counted when looking for the report, so none of it is imported."""
    items = "".join(f"<li><a href='/a{n}'>关于印发某区2023年第{n}批重点项目建设计划和资金安排的通知"
                    f"及相关配套政策文件解读</a></li>" for n in range(120))
    sidebar = f"<div class='side'><h3>相关文章</h3><ul>{items}</ul></div>"
    data = page(seed).decode().replace("<div class='main'>", f"<div class='main'>{sidebar}", 1)
    path = tmp_path / "sidebar.html"
    path.write_text(data, encoding="utf-8")
    got = import_html(path)
    assert blocks(got.report) == blocks(seed)
    assert "配套政策" not in "".join(line.full for line in flat_lines(got.report))


def test_title_inside_the_article(seed, tmp_path):
    path = tmp_path / "inside.html"
    path.write_bytes(page(seed, title_inside=True))
    got = import_html(path)
    assert got.report.meta.title == seed.meta.title
    assert blocks(got.report) == blocks(seed)


def test_title_only_in_the_page_title(tmp_path):
    """A page whose article starts with the salutation: the title comes from <title>."""
    path = tmp_path / "bare.html"
    path.write_text(
        "<html><head><title>关于某区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告"
        " - 某区人民政府</title></head><body><div class='nav'>首页</div><div class='article'>"
        "<p>各位代表：</p><p>一、2023年计划执行情况</p><p>全区经济运行总体平稳，地区生产总值"
        "增长6.7%。</p><p>二、2024年工作安排</p><p>抓好重大项目建设。</p></div></body></html>",
        encoding="utf-8")
    report = import_html(path).report
    assert report.meta.title == "关于某区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告"
    assert [s.heading for s in report.body] == ["2023年计划执行情况", "2024年工作安排"]


def test_one_paragraph_with_line_breaks_and_source_wrapping(tmp_path):
    """Some sites put the whole report in one block broken by <br>, and wrap the source."""
    path = tmp_path / "br.htm"
    path.write_text(
        "<html><body><p>关于某区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告<br>"
        "各位代表：<br>一、2023年计划执行情况<br>全区经济运行\n      总体平稳，地区生产总值增长"
        "6.7%。<br/>二、2024年工作安排<br>抓好重大项目 建设。</p></body></html>",
        encoding="utf-8")
    report = import_html(path).report
    first, second = report.body
    assert first.body[0].text == "全区经济运行总体平稳，地区生产总值增长6.7%。"
    assert second.body[0].text == "抓好重大项目\u3000建设。"  # a typed space stays (full width)


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")
@pytest.mark.parametrize("edition", ["state-council/2024.md", "panzhihua-city/2023.md"])
def test_corpus_reports_as_web_pages(edition, tmp_path):
    """A corpus report made a web page (pandoc's HTML: headings as <h1>, bold as <strong>)
    imports to the same report as the markdown."""
    md = CORPUS / edition
    out = tmp_path / "page.html"
    subprocess.run(["pandoc", "-s", str(md), "-o", str(out), "--metadata", "pagetitle=报告"],
                   check=True, timeout=120)
    assert blocks(import_html(out).report) == blocks(read_any(md)[0])


def test_html_through_the_cli_and_diff(seed, tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(page(seed, encoding="gb18030"))
    spec = tmp_path / "page.yaml"
    done = run_cli("import", path, "-o", spec)
    assert done.returncode == 0, done.stderr.decode()
    assert "HTML page" in done.stderr.decode()
    assert run_cli("validate", spec).returncode == 0
    done = run_cli("diff", SPEC, path, "--format", "json")
    assert done.returncode == 0, done.stderr.decode()


def test_a_page_saved_as_txt_is_read_as_a_page(seed, tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(page(seed))
    assert blocks(read_any(path)[0]) == blocks(seed)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty file"),
    (b"<html><body><div>Hello</div><p>Not Chinese at all</p></body></html>", "no report text"),
    ((b"<html><head><title>x</title></head><body><script>var a='\xe6\x8a\xa5\xe5\x91\x8a';"
      b"</script></body></html>"), "no Chinese text"),
])
def test_pages_without_a_report(tmp_path, content, message):
    path = tmp_path / "empty.html"
    path.write_bytes(content)
    done = run_cli("import", path)
    assert done.returncode == 2 and message in done.stderr.decode()
    assert b"Traceback" not in done.stderr


def test_a_page_whose_text_is_all_links(tmp_path):
    """Links are left out only to find the report; a page with nothing else still imports."""
    path = tmp_path / "links.html"
    path.write_text("<html><body><a href='#'>关于某区2023年国民经济和社会发展计划执行情况及2024年"
                    "计划草案的报告</a><br><a href='#'>各位代表：</a><br><a href='#'>一、工作回顾"
                    "</a><br><a href='#'>地区生产总值增长6%。</a></body></html>", encoding="utf-8")
    report = import_html(path).report
    assert report.body[0].heading == "工作回顾"
