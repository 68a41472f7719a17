"""`reportkit diff` as a user runs it: formats, exit codes, bad input."""

from __future__ import annotations

import json
import unicodedata
from html.parser import HTMLParser

import jsonschema
import pytest

from .conftest import ROOT, SPEC, run_cli
from .test_diff_pairs import new_edition, old_edition, seed, write

SCHEMA = ROOT / "src" / "reportkit" / "data" / "diff.schema.json"


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    return old_edition(tmp), new_edition(tmp)


def diff(*args):
    return run_cli("diff", *args)


def width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_text_shows_targets_and_word_changes_within_100_columns(editions):
    out = diff(*editions)
    assert out.returncode == 0, out.stderr.decode()
    text = out.stdout.decode()
    assert "地区生产总值" in text and "+0.2个百分点" in text
    assert "[-战略性新兴产业-]{+新质生产力+}" in text  # marked without colour when piped
    assert "\x1b[" not in text
    assert max(width(line) for line in text.splitlines()) <= 100


def test_text_in_colour_when_asked(editions):
    text = diff(*editions, "--color", "always").stdout.decode()
    assert "\x1b[" in text and "[-战略性新兴产业-]" not in text


def test_identical_editions_say_no_changes():
    for fmt in ("text", "md"):
        out = diff(SPEC, SPEC, "--format", fmt, "--fail-on", "targets", "--fail-on", "wording")
        assert out.returncode == 0
        assert "no changes" in out.stdout.decode()


def test_json_follows_the_schema(editions):
    out = diff(*editions, "--format", "json")
    data = json.loads(out.stdout)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert {"targets", "sections", "terms", "stats"} <= set(data)
    gdp = data["targets"][0]
    assert (gdp["indicator"], gdp["change"], gdp["old"]["ensure"]["number"],
            gdp["new"]["ensure"]["number"]) == ("地区生产总值", "changed", "6.5", "6.7")


def test_same_inputs_give_the_same_bytes(editions, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert diff(*editions, "--format", "json", "-o", a).returncode == 0
    assert diff(*editions, "--format", "json", "-o", b).returncode == 0
    assert a.read_bytes() == b.read_bytes()


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.external, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("#"):
                self.external.append(value)

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_standalone_and_escapes_report_text(tmp_path):
    data = seed()
    data["body"].insert(0, "<script>alert('x')</script>与“A&B”<b>项目</b>")
    old = write(seed(), tmp_path / "old.yaml")
    new = write(data, tmp_path / "new.yaml")
    out = diff(old, new, "--format", "html")
    assert out.returncode == 0, out.stderr.decode()
    page = _Page()
    page.feed(out.stdout.decode())
    assert "script" not in page.tags and "b" not in page.tags and "link" not in page.tags
    assert page.external == []
    assert "<script>alert('x')</script>与“A&B”<b>项目</b>" in "".join(page.text)
    # the targets table comes before the sections
    html = out.stdout.decode()
    assert html.index('id="targets"') < html.index('id="s0"')


def test_markdown_for_a_pull_request(editions):
    md = diff(*editions, "--format", "md").stdout.decode()
    assert "| 地区生产总值 | 确保6.5% | 确保6.7% / 力争7.2%以上 |" in md
    assert "<del>战略性新兴产业</del><ins>新质生产力</ins>" in md


def test_fail_on_targets_and_wording(editions, tmp_path):
    assert diff(*editions, "--fail-on", "targets").returncode == 1
    assert diff(*editions, "--fail-on", "wording").returncode == 1
    # wording changed but no target: only --fail-on wording fails
    data = seed()
    data["body"][0] = data["body"][0] + "特此报告。"
    new = write(data, tmp_path / "reworded.yaml")
    assert diff(SPEC, new, "--fail-on", "targets").returncode == 0
    assert diff(SPEC, new, "--fail-on", "wording").returncode == 1


@pytest.mark.parametrize("content, message", [
    (None, "OLD: "),
    (b"", "OLD: empty"),
    (b"\x00\x01\x02binary", "OLD: "),
    ("---\ntitle: 报告\n---\n".encode(), "OLD: "),
])
def test_unreadable_or_empty_side_exits_2(tmp_path, content, message):
    path = tmp_path / "old.md"
    if content is not None:
        path.write_bytes(content)
    out = diff(path, SPEC)
    assert out.returncode == 2
    err = out.stderr.decode()
    assert "Traceback" not in err and str(path) in err and message in err


def test_unknown_file_type_exits_2(tmp_path):
    path = tmp_path / "old.pdf"
    path.write_bytes(b"%PDF-1.4")
    out = diff(path, SPEC)
    assert out.returncode == 2 and "unknown file type" in out.stderr.decode()


def test_docx_needs_an_output_file():
    out = diff(SPEC, SPEC, "--format", "docx")
    assert out.returncode == 2 and "-o FILE" in out.stderr.decode()


def test_output_written_atomically_to_a_file(editions, tmp_path):
    target = tmp_path / "out" / "diff.md"
    assert diff(*editions, "--format", "md", "-o", target).returncode == 0
    assert target.read_text(encoding="utf-8").startswith("### reportkit diff")
    assert [p.name for p in target.parent.iterdir()] == ["diff.md"]


def test_word_and_markdown_inputs_are_imported_on_the_fly(editions, tmp_path):
    from reportkit.readers.spec import read_spec
    from reportkit.writers.docx import write_docx

    old_docx = tmp_path / "old.docx"
    old_docx.write_bytes(write_docx(read_spec(editions[0])[0]))
    from_specs = json.loads(diff(*editions, "--format", "json").stdout)
    from_word = json.loads(diff(old_docx, editions[1], "--format", "json").stdout)
    assert ([(t["indicator"], t["change"], t["delta"]) for t in from_word["targets"]]
            == [(t["indicator"], t["change"], t["delta"]) for t in from_specs["targets"]])


def test_markdown_escapes_report_text(tmp_path):
    data = seed()
    data["body"].insert(0, "表格|分隔与<b>标签</b>和*星号*、`代码`")
    new = write(data, tmp_path / "new.yaml")
    md = diff(SPEC, new, "--format", "md").stdout.decode()
    assert r"表格\|分隔与\<b\>标签\</b\>和\*星号\*、\`代码\`" in md
    assert "<b>" not in md


def test_refuses_to_overwrite_an_input(editions):
    before = editions[0].read_bytes()
    out = diff(*editions, "--format", "md", "-o", editions[0])
    assert out.returncode == 2 and "overwrite an input" in out.stderr.decode()
    assert editions[0].read_bytes() == before
