"""The spec writer: readable like a hand-written spec, and read_spec(write_yaml(r)) == r."""

from __future__ import annotations

from decimal import Decimal

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportkit import vocab
from reportkit.model import (Comparison, DashList, Indicator, Meta, Note, Paragraph, Report, Result,
                             ResultList, Section, Source, Speaker, Target, TargetList, Value)
from reportkit.readers.spec import read_spec, read_spec_text
from reportkit.writers.yaml import quote, scalar, write_yaml

from .conftest import SPEC


def roundtrip(report: Report) -> Report:
    text = write_yaml(report).decode("utf-8")
    back, problems = read_spec_text(text, "<written>")
    assert [p for p in problems if p.level == "error"] == [], (problems, text)
    return back


def test_seed_spec_round_trips(seed_report):
    assert roundtrip(seed_report) == seed_report


def test_seed_spec_written_like_the_hand_written_one(seed_report):
    text = write_yaml(seed_report).decode("utf-8")
    hand = SPEC.read_text(encoding="utf-8")
    # the result and target lines come out exactly as the person wrote them
    for line in (("- {indicator: gdp, level: 571.02, growth: 6.7, growth_note: 同比，下同, "
                  "target: 6.5, vs_city: 0.2}"),
                 "- {indicator: urban_income, growth: 3.4, target: 7左右, vs_city: -0.5}",
                 "- {indicator: gdp, ensure: 6.7, strive: 7.2以上}",
                 "- {indicator: unemployment, value: 4.0以内}",
                 "speaker: {office: 攀枝花市东区发展和改革局局长, name: 孟昆}",
                 "date: 2024-02-27",
                 "- lead: 顶层设计基本成型。"):
        assert line in hand and line in text, line


def test_decimals_kept_exactly():
    report = Report(Meta("t"), body=(TargetList((
        Target("unemployment", value=Value(Decimal("4.0"), "以内")),
        Target("gdp", ensure=Value(Decimal("6.50")), strive=Value(Decimal(7), "以上")))),))
    text = write_yaml(report).decode()
    assert "value: 4.0以内" in text and "ensure: 6.50" in text
    back = roundtrip(report)
    assert str(back.body[0].items[0].value.number) == "4.0"
    assert str(back.body[0].items[1].ensure.number) == "6.50"


def test_unsafe_strings_are_quoted():
    for s in ("yes", "null", "~", "1.5", "2024", "- x", "a: b", "x #c", "[a]", "{a}", "@x", "",
              " lead", "tail ", "a\nb", "\x85", "\u2028", "\ufeff", "'q'", '"q"', "%x", "*a"):
        out = scalar(s)
        assert yaml.safe_load(f"k: {out}")["k"] == s, (s, out)
    assert scalar("地区生产总值") == "地区生产总值"  # Chinese prose stays plain
    assert quote('a"b\\c') == '"a\\"b\\\\c"'


# -- property: model -> write_yaml -> read_spec is the identity -------------------------------

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
short = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8)
#: numbers as reports state them (the reader refuses absurd precision, RK020)
decimals = st.integers(0, 4).flatmap(lambda places: st.decimals(
    allow_nan=False, allow_infinity=False, places=places, min_value=-10**6, max_value=10**6))
numbers = st.one_of(decimals, st.integers(-10**6, 10**6).map(Decimal),
                    st.sampled_from(["4.0", "0.50", "-0.3", "571.02"]).map(Decimal))
values = st.builds(Value, numbers, st.sampled_from(("",) + vocab.QUALIFIERS),
                   st.one_of(st.none(), st.sampled_from(["", "%", "亿元", "人", "万人", "个 2"])))
measures = st.sampled_from(("",) + vocab.MEASURES)
comparisons = st.builds(Comparison, st.one_of(st.just(vocab.CITY_AVERAGE), short), numbers)


def _result(more):
    return st.builds(Result, short, st.none() | numbers, st.none() | numbers, text,
                     st.none() | values, measures, st.lists(comparisons, max_size=2).map(tuple),
                     text, st.none() | text, text, more)


results_ = _result(st.lists(_result(st.just(())), max_size=2).map(tuple))


def _target(more):
    single = st.builds(Target, short, measures, st.none(), st.none(), values, text, text, more)
    pair = st.builds(Target, short, measures, values, st.none() | values, st.none(), text, text,
                     more)
    return single | pair


targets_ = _target(st.lists(_target(st.just(())), max_size=2).map(tuple))
leaves = st.one_of(
    st.builds(Paragraph, text, text),
    st.builds(DashList, st.lists(text, max_size=3).map(tuple)),
    st.builds(ResultList, st.lists(results_, max_size=3).map(tuple)),
    st.builds(TargetList, st.lists(targets_, max_size=3).map(tuple)),
)
blocks = st.recursive(leaves, lambda inner: st.builds(
    Section, text, st.lists(inner, max_size=3).map(tuple)), max_leaves=8)
metas = st.builds(
    Meta, text, text, st.none() | st.integers(0, 9999), st.none() | st.integers(0, 9999), text,
    st.none() | st.builds(Speaker, text, text), text, text, text, text, text,
    st.lists(text, max_size=3).map(tuple),
    st.none() | st.builds(Source, text, text, text, text))
indicators = st.builds(Indicator, short, text, st.lists(text, max_size=2).map(tuple), text,
                       st.sampled_from(vocab.MEASURES), text)
reports = st.builds(Report, metas, st.lists(blocks, max_size=4).map(tuple),
                    st.lists(indicators, max_size=2).map(tuple),
                    st.lists(st.builds(Note, short, text, text), max_size=2).map(tuple))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports)
def test_write_then_read_is_identity(report):
    assert roundtrip(report) == report


def test_written_seed_import_reads_back(tmp_path):
    from reportkit.readers.text import import_text

    from .conftest import SEED

    got = import_text(SEED)
    path = tmp_path / "seed.yaml"
    path.write_bytes(write_yaml(got.report))
    back, problems = read_spec(path)
    assert problems == [] and back == got.report
