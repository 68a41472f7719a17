"""The series page in a real browser: headless Chromium (Debian's `chromium`, installed by
scripts/setup.sh --test) loads the page, runs its script, and the DOM it dumps shows every
chart drawn at a non-zero size and a table that says what the JSON says."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from lxml import html as lxml_html

from .conftest import CORPUS, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(scripts/setup.sh --test installs it)")


def dump_dom(page, tmp_path) -> str:
    """The page's DOM after load, as Chromium sees it."""
    out = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                          "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
                          "--window-size=1200,900", "--dump-dom", page.as_uri()],
                         capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr.decode(errors="replace")[-2000:]
    return out.stdout.decode("utf-8")


@pytest.fixture(scope="module", params=["state-council", "panzhihua-city"])
def place(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param)
    page = tmp / "series.html"
    folder = CORPUS / request.param
    made = run_cli("series", folder, "--format", "html", "-o", page)
    assert made.returncode == 0, made.stderr.decode()
    data = json.loads(run_cli("series", folder, "--format", "json").stdout)
    return lxml_html.fromstring(dump_dom(page, tmp)), data


def test_every_chart_is_drawn_with_a_real_size(place):
    dom, data = place
    figures = dom.xpath('//figure[@class="chart"]')
    charted = [ind["indicator"] for ind in data["indicators"] if ind["charted"]]
    assert len(charted) >= 2
    assert [f.get("data-indicator") for f in figures] == charted
    for f in figures:
        width, height = map(int, f.get("data-drawn").split("x"))  # written by the page's script
        assert width > 100 and height > 50, (f.get("data-indicator"), width, height)
    assert dom.get_element_by_id("chart-sizes").get("data-count") == str(len(charted))


def test_the_table_matches_the_json(place):
    from reportkit.series import STATUS_LABELS

    dom, data = place
    rows = dom.get_element_by_id("series-table").xpath("./tbody/tr")
    expected = [r for ind in data["indicators"] for r in ind["rows"]]
    assert len(rows) == len(expected)
    for tr, r in zip(rows, expected):
        cell = {td.get("class"): td.text_content() for td in tr.xpath("./td")}
        assert (tr.get("data-key"), tr.get("data-year"), tr.get("data-status")) == \
            (r["key"], str(r["year"]), r["status"])
        assert cell["indicator"] == r["indicator"] and cell["target"] == (r["target"] or "—")
        assert cell["outcome"] == (r["outcome"] or "—") and cell["gap"] == (r["gap"] or "—")
        assert cell["status"].startswith(STATUS_LABELS[r["status"]])


def test_the_page_is_self_contained(place):
    dom, _ = place
    assert not dom.xpath("//link[@href] | //script[@src] | //img[@src]")


def test_the_summary_counts_what_the_json_says(place):
    dom, data = place
    text = dom.get_element_by_id("summary").text_content()
    rows = [r for ind in data["indicators"] for r in ind["rows"]]
    for year in sorted({r["year"] for r in rows if r["status"] in ("met", "missed")}):
        met = sum(r["year"] == year and r["status"] == "met" for r in rows)
        missed = sum(r["year"] == year and r["status"] == "missed" for r in rows)
        assert f"{year}年完成{met}项、未完成{missed}项" in text
