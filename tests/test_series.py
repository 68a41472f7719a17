"""reportkit.series: one place over many editions, as a library (build_series).

Real editions (tests/fixtures/corpus) check ordering, pairing, outcomes and their provenance;
small reports built in code check the target shapes the importer may give (确保–力争 bands,
ranges, targets not stated, qualitative ones), outcomes from stated results and the edition's
own results.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportkit.model import Meta, Report, Result, ResultList, Section, Target, TargetList, Value
from reportkit.series import STATUSES, build_series, series_dict

from .conftest import CORPUS


def read(paths):
    from reportkit.readers import read_any

    return [(str(p), read_any(p)[0]) for p in paths]


@pytest.fixture(scope="module")
def national():
    files = sorted((CORPUS / "state-council").glob("*.md"), reverse=True)  # given out of order
    return build_series(read(files))


@pytest.fixture(scope="module")
def city():
    return build_series(read(sorted((CORPUS / "panzhihua-city").glob("*.md"))))


def track(series, key):
    return next(t for t in series.tracks if t.key == key)


def row(series, key, year):
    return next(r for r in track(series, key).rows if r.year == year)


def line_at(where: str) -> str:
    """The text of the file line a file:line provenance names."""
    file, line = where.rsplit(":", 1)
    return Path(file).read_text(encoding="utf-8").splitlines()[int(line) - 1]


def test_editions_are_ordered_by_the_year_they_plan(national):
    assert national.years == [2023, 2024, 2025]
    assert [Path(e.file).name for e in national.editions] == ["2023.md", "2024.md", "2025.md"]


def test_gdp_target_against_the_next_editions_outcome(national):
    gdp = track(national, "gdp")
    assert [r.year for r in gdp.rows] == [2023, 2024, 2025]
    r = row(national, "gdp", 2023)
    assert (r.target, r.outcome, r.status, r.gap) == ("5%左右", "5.2%", "met", "+0.2个百分点")
    assert (r.low, r.high, r.actual, r.gap_value) == (5, 5, Decimal("5.2"), Decimal("0.2"))
    assert row(national, "gdp", 2025).status == "no outcome"  # nothing reviews 2025 yet


def test_provenance_points_at_the_lines_that_state_target_and_outcome(national):
    r = row(national, "gdp", 2023)
    assert r.target_at.endswith("2023.md:" + r.target_at.rsplit(":", 1)[1])
    assert "5%左右" in line_at(r.target_at)
    assert r.outcome_at.rsplit(":", 1)[0].endswith("2024.md")
    assert "5.2%" in line_at(r.outcome_at) and r.evidence in line_at(r.outcome_at)


def test_an_aim_without_a_number_comes_before_the_first_number(national):
    """2023 names 能耗 without a number ("……能耗和主要污染物排放量继续下降"); 2024 gives 2.5%左右."""
    energy = track(national, "energy_intensity")
    assert [r.year for r in energy.rows] == [2023, 2024, 2025]
    first = energy.rows[0]
    assert (first.shape, first.low, first.status) == ("qualitative", None, "not comparable")
    assert "继续下降" in first.target
    assert (energy.rows[1].shape, energy.rows[1].low) == ("point", Decimal("2.5"))


def test_a_missed_target_and_a_missing_year(city):
    r = row(city, "gdp", 2022)
    assert (r.status, r.gap) == ("missed", "-3.5个百分点")
    assert any("2024" in n for n in city.notes)
    assert row(city, "gdp", 2023).status == "no outcome"  # no 2024 edition to say


def test_terms_rise_with_their_first_year(national):
    term = next(t for t in national.terms if t.term == "新质生产力")
    assert term.counts[0] == 0 and min(term.counts[1:]) > 0
    assert (term.first_year, term.trend) == (2024, "appears")


def test_json_data_is_plain_and_complete(national):
    import json

    data = json.loads(json.dumps(series_dict(national), ensure_ascii=False))
    rows = [r for ind in data["indicators"] for r in ind["rows"]]
    assert len(rows) == len(national.rows)
    assert {r["status"] for r in rows} <= set(STATUSES)
    gdp = next(r for r in rows if r["key"] == "gdp" and r["year"] == 2023)
    assert gdp["actual"] == 5.2 and gdp["low"] == 5


# Reports built in code: every shape of target -------------------------------------------------

def edition(year: int, targets=(), results=(), region="示例市") -> Report:
    body = []
    if results:
        body.append(Section("回顾", (ResultList(tuple(results)),)))
    body.append(Section("目标", (TargetList(tuple(targets)),)))
    return Report(Meta(f"{year}年政府工作报告", region=region, year_reviewed=year - 1,
                       year_planned=year), tuple(body))


def v(number: str, qualifier: str = "", high: str | None = None) -> Value:
    return Value(Decimal(number), qualifier, high=Decimal(high) if high else None)


def test_a_band_a_range_and_their_outcomes_from_stated_results():
    eds = [("a.yaml", edition(2023, [Target("gdp", ensure=v("6"), strive=v("6.5")),
                                     Target("industry", value=v("7", high="8"))])),
           ("b.yaml", edition(2024, [Target("gdp", value=v("5.5"))],
                              [Result("gdp", growth=Decimal("6.2")),
                               Result("industry", growth=Decimal("6.8"))]))]
    s = build_series(eds, terms=False)
    gdp = row(s, "gdp", 2023)
    assert (gdp.shape, gdp.low, gdp.high) == ("band", 6, Decimal("6.5"))
    assert (gdp.status, gdp.strive_status, gdp.outcome_from) == ("met", "missed", "result")
    ind = row(s, "industry", 2023)
    assert (ind.shape, ind.low, ind.high) == ("range", 7, 8)
    assert "7–8" in ind.target and ind.status == "missed"
    assert track(s, "gdp").charted and not track(s, "industry").charted


def test_not_stated_and_qualitative_targets_are_kept_and_not_judged():
    eds = [("a.yaml", edition(2023, [Target("gdp", stated=False),
                                     Target("urban_income", text="居民收入增长与经济增长同步。")])),
           ("b.yaml", edition(2024, [Target("gdp", value=v("5"))],
                              [Result("gdp", growth=Decimal("5.1"))]))]
    s = build_series(eds, terms=False)
    assert (row(s, "gdp", 2023).status, row(s, "gdp", 2023).shape) == ("not stated", "not stated")
    q = row(s, "urban_income", 2023)
    assert (q.status, q.shape, q.target) == ("not comparable", "qualitative", "居民收入增长与经济增长同步。")
    assert [r.year for r in track(s, "gdp").rows] == [2023, 2024]


def test_an_editions_own_results_fill_the_year_before_the_series():
    eds = [("b.yaml", edition(2024, [Target("gdp", value=v("5"))],
                              [Result("gdp", growth=Decimal("4.8"), target=v("5.5", "左右"))]))]
    s = build_series(eds, terms=False)
    own = row(s, "gdp", 2023)
    assert (own.target, own.outcome, own.status, own.outcome_from) == \
        ("5.5%左右", "4.8%", "missed", "own")
    assert own.gap == "-0.7个百分点"


def test_an_indicator_missing_one_year_is_found_again():
    eds = [("a.yaml", edition(2021, [Target("gdp", value=v("6")),
                                     Target("grain", value=v("700"))])),
           ("b.yaml", edition(2022, [Target("gdp", value=v("6"))])),
           ("c.yaml", edition(2023, [Target("grain", value=v("710"))]))]
    s = build_series(eds, terms=False)
    assert [r.year for r in track(s, "grain").rows] == [2021, 2023]
    assert len([t for t in s.tracks if t.key == "grain"]) == 1


def test_two_editions_of_one_year_are_both_kept_and_flagged():
    eds = [("draft.yaml", edition(2024, [Target("gdp", value=v("5"))])),
           ("final.yaml", edition(2024, [Target("gdp", value=v("5.5"))])),
           ("next.yaml", edition(2025, [], [Result("gdp", growth=Decimal("5.2"))]))]
    s = build_series(eds, terms=False)
    assert len(s.editions) == 3
    assert any("2 editions plan 2024" in n for n in s.notes)
    judged = [(r.target, r.status) for r in track(s, "gdp").rows if r.year == 2024]
    assert sorted(judged) == [("5%", "met"), ("5.5%", "missed")]


def test_an_edition_without_a_year_takes_it_from_its_file_name():
    report = Report(Meta("政府工作报告"), (Section("目标", (TargetList((Target("gdp", value=v("5")),)),)),))
    s = build_series([("gov-2022.yaml", report)], terms=False)
    assert s.years == [2022]
    assert any("file name" in n for n in s.notes)


def test_report_text_cannot_inject_markup_into_the_page():
    from reportkit.commands.series_html import page

    eds = [("a.yaml", edition(2024, [Target("<script>alert(1)</script>", value=v("5"))],
                              region="<b>某市</b>"))]
    text = page(build_series(eds, terms=False))
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)" in text
    assert "<b>某市" not in text


def test_the_chart_draws_bands_ranges_points_and_outcomes():
    from reportkit import charts

    eds = [("a.yaml", edition(2021, [Target("gdp", ensure=v("6"), strive=v("6.5"))])),
           ("b.yaml", edition(2022, [Target("gdp", value=v("5", high="5.5"))],
                              [Result("gdp", growth=Decimal("6.2"))])),
           ("c.yaml", edition(2023, [Target("gdp", value=v("5", "左右"))],
                              [Result("gdp", growth=Decimal("4.8"))]))]
    gdp = track(build_series(eds, terms=False), "gdp")
    ax = charts.figure(gdp).axes[0]
    bands = sorted((round(p.get_x() + p.get_width() / 2), p.get_y(), p.get_height())
                   for p in ax.patches)
    assert bands == [(2021, 6.0, 0.5), (2022, 5.0, 0.5)]
    (point,) = [c for c in ax.collections if c.get_label() == charts.LEGEND_TARGET]
    (x0, y0), (x1, y1) = point.get_segments()[0]
    assert (x0, x1, y0, y1) == (2022.75, 2023.25, 5.0, 5.0)
    (outcome,) = [ln for ln in ax.lines if ln.get_label() == charts.LEGEND_OUTCOME]
    assert list(outcome.get_ydata()) == [6.2, 4.8]
    assert gdp.indicator in ax.get_title()
