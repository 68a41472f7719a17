"""Editions into places and years, and the pairs to diff.

A report's place is the folder holding it (``…/成都市/2024.md`` → 成都市); a report directly
in the corpus folder takes the region its title names, else its title. Its year is the year the
text plans (else the year after the one it reviews); only when the text gives none does the file
name's year count. Two editions of one place and year are both kept and flagged; pairs use the
one whose file name agrees with its text, then the one with more targets and text. Consecutive
years are paired; a missing year breaks the chain unless ``pair_gaps``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import pairwise
from pathlib import PurePosixPath

from ..problems import Problem
from .scan import Source, pair_key
from .tasks import MIN_HAN

NOT_REPORT, NO_YEAR, DUPLICATE, GAP, YEAR_DISAGREES = "RK702", "RK703", "RK704", "RK705", "RK706"
_NAME_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def group(items: list[tuple[Source, dict]], pair_gaps: bool = False):
    """(report rows, problems, pairs) for the editions read: ``items`` is (source, the report
    part of its rows) in path order."""
    rows, problems = [], []
    for source, info in items:
        row, found = _place_and_year(source, info)
        rows.append(row)
        problems += found
    editions = _editions(rows, problems)
    pairs = _pairs(editions, {s.rel: s for s, _ in items}, pair_gaps, problems)
    return rows, problems, pairs


def _place_and_year(source: Source, info: dict) -> tuple[dict, list[Problem]]:
    """A report row with its place, year and status (before duplicates are known)."""
    rel = PurePosixPath(source.rel)
    folder = str(rel.parent) if str(rel.parent) != "." else ""
    place = rel.parent.name or info.get("region") or info.get("title") or rel.stem
    name_year = _name_year(rel.stem)
    text_year, clash = _text_year(info.get("year_planned"), info.get("year_reviewed"))
    year, year_from = (text_year, "text") if text_year else (name_year, "name" if name_year
                                                             else None)
    status, problems = info["status"], []
    at = Problem(source.rel, 0, 0, "warning", "", "")  # line 0: the file as a whole
    if status == "ok" and clash:
        problems.append(_at(at, YEAR_DISAGREES, clash))
    if status == "ok" and info.get("han", 0) < MIN_HAN:
        status = "not-report"
        problems.append(_at(at, NOT_REPORT, f"not a report: {info.get('han', 0)} Chinese "
                            f"characters (fewer than {MIN_HAN}); left out of the tables"))
    elif status == "ok" and year is None:
        status = "no-year"
        problems.append(_at(at, NO_YEAR, "no year in the text or the file name: not paired"))
    elif status == "ok" and text_year and name_year and text_year != name_year:
        problems.append(_at(at, YEAR_DISAGREES, f"the text plans {text_year}, the file name says "
                            f"{name_year}: filed under {text_year}"))
    row = {"file": source.rel, "line": info.get("line") or 0, "place": place, "folder": folder,
           "year": year, "year_from": year_from, "year_reviewed": info.get("year_reviewed"),
           "title": info.get("title"), "region": info.get("region") or None,
           "date": info.get("date") or None, "status": status, "duplicate": False,
           "paired": False, "chars": info.get("chars"), "targets": info.get("targets"),
           "results": info.get("results"), "sha256": source.sha256, "_name_year": name_year}
    return row, problems


def _text_year(planned: int | None, reviewed: int | None) -> tuple[int | None, str]:
    """The year a text plans, and a note when its two years disagree: a report cannot plan
    the year it reviews (one delivered in December, 2022-12-26, reviews 2022 and plans 2023,
    whatever its delivery date suggests), so then the year after the review counts."""
    if reviewed is not None and (planned is None or planned <= reviewed):
        note = (f"the text plans {planned} but reviews {reviewed}: filed under {reviewed + 1}"
                if planned is not None else "")
        return reviewed + 1, note
    return planned, ""


def _at(template: Problem, code: str, message: str) -> Problem:
    return Problem(template.file, template.line, 0, "warning", code, message)


def _name_year(stem: str) -> int | None:
    m = _NAME_YEAR.search(stem)
    return int(m.group(1)) if m else None


def _editions(rows: list[dict], problems: list[Problem]) -> dict[str, dict[int, dict]]:
    """place -> year -> the row pairs use; duplicates flagged on every row of a place-year."""
    found: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for row in rows:
        if row["status"] == "ok":
            found[(row["place"], row["year"])].append(row)
    editions: dict[str, dict[int, dict]] = defaultdict(dict)
    for (place, year), same in sorted(found.items()):
        chosen = min(same, key=_preference)
        chosen["paired"] = True
        editions[place][year] = chosen
        if len(same) > 1:
            for row in same:
                row["duplicate"] = True
                others = ", ".join(r["file"] for r in same if r is not row)
                problems.append(Problem(row["file"], 0, 0, "warning", DUPLICATE,
                                        f"{place} {year} again (also {others}): both kept; "
                                        f"pairs use {chosen['file']}"))
    return editions


def _preference(row: dict):
    agrees = row["year_from"] == "text" and row["_name_year"] == row["year"]
    return (not agrees, -(row["targets"] or 0), -(row["chars"] or 0), row["file"])


def _pairs(editions, sources: dict[str, Source], pair_gaps: bool,
           problems: list[Problem]) -> list[dict]:
    """Consecutive editions of each place, as tasks: {key, place, old, new, gap}."""
    pairs = []
    for place in sorted(editions):
        years = sorted(editions[place])
        for a, b in pairwise(years):
            old, new = editions[place][a], editions[place][b]
            if b - a > 1:
                missing = f"{a + 1}" if b - a == 2 else f"{a + 1}–{b - 1}"
                then = "paired across the gap" if pair_gaps else \
                    f"{a} and {b} not paired (--pair-gaps pairs them)"
                problems.append(Problem(new["file"], 0, 0, "warning", GAP,
                                        f"{place}: no edition for {missing}; {then}"))
                if not pair_gaps:
                    continue
            so, sn = sources[old["file"]], sources[new["file"]]
            pairs.append({"key": pair_key(place, so, sn, a, b), "place": place, "gap": b - a,
                          "old": {"rel": so.rel, "path": so.path, "year": a,
                                  "line": old["line"]},
                          "new": {"rel": sn.rel, "path": sn.path, "year": b,
                                  "line": new["line"]}})
    return pairs


def chains(pairs: list[dict]) -> list[list[dict]]:
    """The pairs cut into runs of one place where each pair's old edition is the previous
    pair's new one: a worker reads each edition of a run once."""
    runs: list[list[dict]] = []
    for p in pairs:
        last = runs[-1][-1] if runs else None
        if last and last["place"] == p["place"] and last["new"]["rel"] == p["old"]["rel"]:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs
