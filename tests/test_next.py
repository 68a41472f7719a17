"""`reportkit next`: next year's spec from this year's, with this year's targets carried over
as the results to report against them."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from reportkit.edition import next_edition
from reportkit.lint import check
from reportkit.model import ResultList, TargetList, sections, walk
from reportkit.readers.spec import read_spec
from reportkit.registry import for_report
from reportkit.wording import result_sentence

from .conftest import SPEC, run_cli


def _blocks(report, kind):
    return [b for b, _ in walk(report.body) if isinstance(b, kind)]


def test_years_move_on_and_the_targets_become_the_results():
    old = read_spec(SPEC)[0]
    edition = next_edition(old)
    new = edition.report
    assert (new.meta.year_reviewed, new.meta.year_planned) == (2024, 2025)
    assert new.meta.title == "关于攀枝花市东区2024年国民经济和社会发展计划执行情况及2025年计划草案的报告"
    assert new.meta.date == "2025-02-27" and new.meta.source is None
    assert new.meta.occasion.startswith("2025年2月27日")
    headings = [s.heading for s, _ in sections(new)]
    assert "2024年目标完成情况。" in headings and "2025年经济社会发展主要预期目标（草案）" in headings
    (results,) = _blocks(new, ResultList)
    (targets,) = _blocks(old, TargetList)
    assert [r.indicator for r in results.items] == [t.indicator for t in targets.items]
    assert [r.target for r in results.items] == [t.ensure or t.value for t in targets.items]
    assert all(r.growth is None and r.level is None for r in results.items)
    assert [m.indicator for m in results.items[-1].more] == ["unemployment"]  # the `and:` one
    assert _blocks(new, TargetList) == _blocks(old, TargetList)  # kept as the draft
    assert edition.carried == len(targets.items)
    # the narrative is last year's, to rewrite: not touched (the opening paragraph, which names
    # the report, moves on: tests/test_next_years.py)
    assert new.body[1].body[0] == old.body[1].body[0]


def test_validate_lists_each_actual_to_fill_in_and_filled_ones_give_the_sentences():
    new = next_edition(read_spec(SPEC)[0]).report
    todo = [p for p in check(new) if p.level == "error"]
    assert [p.code for p in todo] == ["RK110"] * 8
    assert any("`gdp` has a target on its growth but no `growth`" in p.message for p in todo)
    # the bureau fills in the year's actuals; the review sentences then write themselves
    (results,) = _blocks(new, ResultList)
    gdp = dataclasses.replace(results.items[0], growth=Decimal("7.0"))
    assert "增长7.0%，超过年初预期目标（6.7%）0.3个百分点" in result_sentence(gdp, for_report(new))
    jobs = results.items[-1]
    filled = dataclasses.replace(jobs, level=Decimal(6500), more=(
        dataclasses.replace(jobs.more[0], level=Decimal("3.8")),))
    sentence = result_sentence(filled, for_report(new))
    assert "6500人" in sentence and "3.8%" in sentence


def test_next_command_writes_a_spec_that_reads_back(tmp_path):
    out = tmp_path / "dongqu-2025.yaml"
    done = run_cli("next", SPEC, "-o", out)
    err = done.stderr.decode()
    assert done.returncode == 0, err
    assert "2023/2024 → 2024/2025" in err and "7 targets of 2024" in err
    text = out.read_text(encoding="utf-8")
    assert "TODO the 2024 actuals" in text
    report, _ = read_spec(out)
    assert report == next_edition(read_spec(SPEC)[0]).report
    done = run_cli("validate", out)
    assert done.returncode == 1 and done.stdout.decode().count("RK110") == 8
    # and once more: next of the next is 2026
    again = run_cli("next", out, "--force")
    assert again.returncode == 0 and b"year_planned: 2026" in again.stdout


def test_next_command_refuses(tmp_path):
    done = run_cli("next", SPEC, "-o", SPEC)
    assert done.returncode == 2 and b"overwrite" in done.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(SPEC.read_text(encoding="utf-8").replace("{indicator: fai,", "{indicator: "
                                                            "faix,", 1), encoding="utf-8")
    done = run_cli("next", bad)
    assert done.returncode == 1 and b"--force" in done.stderr and b"faix" in done.stderr
    unreadable = tmp_path / "unreadable.yaml"
    unreadable.write_text(SPEC.read_text(encoding="utf-8").replace(
        "target: 6.5", "target: 6.5, growth: 9", 1), encoding="utf-8")
    done = run_cli("next", unreadable, "--force")
    assert done.returncode == 1 and b"duplicate key" in done.stderr
    assert b"cannot be carried over" in done.stderr
    done = run_cli("next", tmp_path / "missing.yaml")
    assert done.returncode == 2 and b"Traceback" not in done.stderr
