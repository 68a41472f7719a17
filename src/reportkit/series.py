"""One place over many editions: each indicator's target per year against the outcome the next
edition states.

``build_series(editions)`` takes (file, Report) pairs — any order, any readers — and returns a
:class:`Series`: the editions ordered by the year they plan (``meta.year_planned``), one
:class:`Track` per indicator with one :class:`SeriesRow` per year, and the policy terms counted
per edition. Nothing here reads report text on its own: indicators are paired across editions,
outcomes found and judged by the diff's code (diff/targets.py: registry key, alias, near name;
a result of the next edition, else the sentence of its review the diff finds), and terms
counted by diff/terms.py. A year's outcome comes from the edition that reviews that year; an
edition's own results (with the target they restate) fill a year no edition in the series
plans.

Statuses (``SeriesRow.status``): ``met``, ``missed``, ``not comparable`` (a qualitative target,
or an outcome in another measure than the target's), ``not stated`` (the report names the
indicator and deliberately gives no number) and ``no outcome`` (no later edition, or it states
no result for the indicator).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .model import NOPOS, Pos, Report, Result, Target, TargetList, Value, results, walk

#: Statuses, in the order the tables explain them.
STATUSES = ("met", "missed", "not comparable", "not stated", "no outcome")
#: Chinese labels of the statuses (tables for a report; JSON and CSV keep the English codes).
STATUS_LABELS = {"met": "完成", "missed": "未完成", "not comparable": "不可比",
                 "not stated": "未定量", "no outcome": "暂无结果"}
#: Column headings of the Chinese tables (md, HTML, docx, terminal).
COLUMNS = ("指标", "年份", "目标", "实际", "完成情况", "差距", "出处")
#: How a target's numbers are laid out, for the charts.
SHAPES = ("point", "band", "range", "qualitative", "not stated")
#: Term trends over the series.
TRENDS = ("appears", "fades", "rises", "falls", "steady")
TREND_LABELS = {"appears": "新出现", "fades": "消失", "rises": "增多", "falls": "减少",
                "steady": "持平"}
#: A word outside the policy-term dictionary is listed when one edition uses it this often and
#: another never does (diff/terms.py's rule, over the series).
TERM_MIN_COUNT = 3
#: At most this many such words are listed (the most used first).
TERM_MAX_EXTRA = 30

_LEADING_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?")
_YEAR_IN_NAME = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class Edition:
    """One edition of the series: its file, the year it plans and how that year was known
    (``meta``: the text's own years; ``file name``: only the file name had one)."""

    file: str
    year: int | None
    title: str
    region: str = ""
    year_from: str = "meta"


@dataclass(frozen=True)
class SeriesRow:
    """One indicator in one year: the target stated for it and the outcome stated later.

    ``target`` is the cell as written ("确保6% / 力争6.5%", "5%–5.5%", "7%左右"; the words of a
    qualitative target); ``shape`` one of SHAPES; ``low``/``high`` the band, range or point
    (equal for a point) in ``unit``; ``ensure``/``strive`` the 确保 and 力争 values as written.
    ``outcome`` is the actual as written ("5.2%"), ``actual`` its number; ``status`` one of
    STATUSES; ``gap`` actual minus the binding target ("+0.2个百分点"), ``gap_value`` its
    number; ``strive_status`` met or missed against 力争 when there was one.
    ``target_at``/``outcome_at`` are file:line; ``outcome_from`` says where the actual came from
    ("result": a stated result of the next edition; "text": a sentence of its review, quoted in
    ``evidence``; "own": the edition's own result, which restates the target).
    """

    indicator: str
    key: str
    year: int | None
    measure: str = ""
    unit: str = ""
    target: str = ""
    shape: str = "point"
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str = ""
    ensure: str = ""
    strive: str = ""
    outcome: str = ""
    actual: Decimal | None = None
    status: str = "no outcome"
    gap: str = ""
    gap_value: Decimal | None = None
    strive_status: str = ""
    target_at: str = ""
    outcome_at: str = ""
    outcome_from: str = ""
    evidence: str = ""
    note: str = ""


@dataclass(frozen=True)
class Track:
    """One indicator across the series: its name (the latest edition's), registry key and the
    rows per year in year order."""

    indicator: str
    key: str
    rows: tuple[SeriesRow, ...]

    @property
    def chartable(self) -> tuple[SeriesRow, ...]:
        """The rows a chart can draw: numeric targets of the most common measure and unit (a
        target that changed kind — 亿元 one year, % the next — is left out of the chart)."""
        numeric = [r for r in self.rows if r.low is not None and r.year is not None]
        if not numeric:
            return ()
        kind = Counter((r.measure, r.unit) for r in numeric).most_common(1)[0][0]
        return tuple(r for r in numeric if (r.measure, r.unit) == kind)

    @property
    def charted(self) -> bool:
        """Whether the track gets a chart: numeric targets in two years or more."""
        return len({r.year for r in self.chartable}) >= 2


@dataclass(frozen=True)
class TermSeries:
    """A policy term's count in each edition (in edition order), when it first appears and its
    trend (one of TRENDS); ``dictionary`` is False for a word found only by its counts."""

    term: str
    counts: tuple[int, ...]
    first_year: int | None
    trend: str
    dictionary: bool = True


@dataclass(frozen=True)
class Series:
    """One place over its editions: tracks of indicators, terms, and notes on the input
    (duplicate years, gaps, editions of other places)."""

    place: str
    editions: tuple[Edition, ...]
    tracks: tuple[Track, ...]
    terms: tuple[TermSeries, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def rows(self) -> list[SeriesRow]:
        """Every row, track by track."""
        return [row for t in self.tracks for row in t.rows]

    @property
    def years(self) -> list[int | None]:
        """The planned year of each edition, in order."""
        return [e.year for e in self.editions]


def status_counts(series: Series) -> list[tuple[int | None, Counter]]:
    """How many targets of each year were met, missed … (years in order)."""
    counts: dict[int | None, Counter] = {}
    for r in series.rows:
        counts.setdefault(r.year, Counter())[r.status] += 1
    return sorted(counts.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))


# Editions -----------------------------------------------------------------------------------

@dataclass
class _Ed:
    """An edition being worked on: its report, registry, flat lines and sides."""

    edition: Edition
    report: Report
    reg: object = None
    lines: list = field(default_factory=list)
    items: list = field(default_factory=list)  # (Target, TargetSide, Pos)
    review: list | None = None  # the lines before the target list, where results are told
    results: list = field(default_factory=list)


def edition_year(file: str, report: Report) -> tuple[int | None, str]:
    """The year an edition plans: the text's own (year planned, else the year reviewed + 1),
    else a year in the file name; and where it came from."""
    m = report.meta
    if m.year_planned is not None:
        return m.year_planned, "meta"
    if m.year_reviewed is not None:
        return m.year_reviewed + 1, "meta"
    from pathlib import Path

    found = _YEAR_IN_NAME.findall(Path(file).stem)
    if found:
        return int(found[-1]), "file name"
    return None, ""


def order_editions(editions: list[tuple[str, Report]]) -> list[tuple[Edition, Report]]:
    """Editions as Edition values, ordered by the year they plan (unknown years last), then file."""
    out = []
    for file, report in editions:
        year, how = edition_year(file, report)
        out.append((Edition(file, year, report.meta.title, report.meta.region, how), report))
    return sorted(out, key=lambda e: (e[0].year is None, e[0].year or 0, e[0].file))


# The series -----------------------------------------------------------------------------------

def build_series(editions: list[tuple[str, Report]], terms: bool = True) -> Series:
    """The series of one place over the given editions (file, report), in any order."""
    from .diff.targets import side
    from .flat import lines
    from .registry import for_report

    eds = []
    for edition, report in order_editions(editions):
        reg = for_report(report)
        ed = _Ed(edition, report, reg, lines(report, reg))
        ed.items = [(t, side(t, reg), pos) for t, pos in _targets_with_pos(report)]
        eds.append(ed)
    merged = _merged_registry([e.report for e in eds])
    names, member = _tracks(eds, merged)
    rows: list[list[SeriesRow]] = [[] for _ in names]
    for k, ed in enumerate(eds):
        reviewer = _reviewer(eds, k)
        for j, (t, s, pos) in enumerate(ed.items):
            rows[member[k, j]].append(_row(ed, t, s, pos, reviewer))
    _own_results(eds, names, rows, merged)
    tracks = []
    for (key, name), rs in zip(names, rows):
        rs.sort(key=lambda r: (r.year is None, r.year or 0))
        if rs:
            tracks.append(Track(rs[-1].indicator or name, key, tuple(rs)))
    term_rows = series_terms([e.edition for e in eds], [e.lines for e in eds]) if terms else []
    return Series(_place(eds), tuple(e.edition for e in eds), tuple(tracks), tuple(term_rows),
                  tuple(_notes(eds)))


def _targets_with_pos(report: Report):
    """Every target with its position; a joined ``more`` target takes its line's position."""
    for block, _ in walk(report.body):
        if isinstance(block, TargetList):
            for item in block.items:
                pos = item.pos if item.pos != NOPOS else block.pos
                yield item, pos
                for extra in item.more:
                    yield extra, extra.pos if extra.pos != NOPOS else pos


def _merged_registry(reports: list[Report]):
    """Built-in indicators plus every edition's own: names of one edition are known to all."""
    from .registry import Registry, builtin

    reg = Registry()
    for ind in builtin():
        reg.add(ind)
    for report in reports:
        for ind in report.indicators:
            reg.add(ind)
    return reg


def _tracks(eds: list[_Ed], reg) -> tuple[list[tuple[str, str]], dict[tuple[int, int], int]]:
    """Indicators across editions, paired the diff's way (key, name, near name) against each
    track's latest target, so an indicator missing for a year is found again after the gap.

    Returns each track's (key, name) and the track of every (edition, target) index pair.
    """
    from .diff.targets import pair

    names: list[tuple[str, str]] = []
    latest: list = []  # each track's latest side
    member: dict[tuple[int, int], int] = {}
    for k, ed in enumerate(eds):
        sides = [s for _, s, _ in ed.items]
        where = {id(s): j for j, s in enumerate(sides)}
        track_at = {id(s): i for i, s in enumerate(latest)}
        for old, new, _how in pair(list(latest), sides, reg, reg):
            if new is None:
                continue
            if old is None:
                names.append((new.key, new.name))
                latest.append(new)
                ti = len(names) - 1
            else:
                ti = track_at[id(old)]
                latest[ti] = new
            member[k, where[id(new)]] = ti
    return names, member


def _reviewer(eds: list[_Ed], k: int) -> _Ed | None:
    """The edition that reviews the year edition k plans: the first later edition of another
    year, when it is the next year's (the diff's ``consecutive`` test)."""
    from .diff.targets import consecutive

    this = eds[k]
    for later in eds[k + 1:]:
        year, next_year = this.edition.year, later.edition.year
        if year is not None and next_year is not None and next_year <= year:
            continue  # another draft of the same year
        if not consecutive(this.report, later.report):
            return None
        if year is not None and next_year is not None and next_year != year + 1:
            return None
        return later
    return None


# One row -------------------------------------------------------------------------------------

def _row(ed: _Ed, t: Target, s, pos: Pos, reviewer: _Ed | None) -> SeriesRow:
    """One edition's target for one indicator, with the outcome the reviewing edition states."""
    row = SeriesRow(s.name, s.key, ed.edition.year, s.measure, s.main.unit if s.main else "",
                    target_at=_at(pos, ed.edition.file), **_target_fields(t, s))
    if not t.stated:
        return replace(row, status="not stated")
    if s.main is None:
        return replace(row, status="not comparable", note="qualitative target")
    if reviewer is None:
        year = ed.edition.year
        return replace(row, note=f"no edition of {year + 1} in the series" if year
                       else "no later edition reviews this year")
    return _with_outcome(row, s, reviewer)


def _target_fields(t: Target, s) -> dict:
    """The target's cell, shape and numbers."""
    from . import vocab as v
    from .numbers import fmt

    if not t.stated:  # the words that name it, when the importer kept them
        return {"target": t.text, "shape": "not stated"}
    if s.main is None:
        return {"target": t.text or s.sentence, "shape": "qualitative"}
    main_value = t.ensure or t.value or t.strive
    fields = {"qualifier": s.main.qualifier,
              "ensure": s.ensure.text if s.ensure else "",
              "strive": s.strive.text if s.strive else ""}
    if t.ensure is not None and t.strive is not None:
        low, high = sorted((t.ensure.number, t.strive.number))
        return {**fields, "target": s.cell, "shape": "band", "low": low, "high": high}
    if main_value.high is not None:
        low, high = main_value.number, main_value.high
        cell = f"{fmt(low)}–{fmt(high)}{s.main.unit}{s.main.qualifier}"
        if t.ensure is not None:
            cell = v.ENSURE + cell
        return {**fields, "target": cell, "shape": "range", "low": low, "high": high}
    return {**fields, "target": s.cell, "shape": "point", "low": main_value.number,
            "high": main_value.number}


def _with_outcome(row: SeriesRow, s, reviewer: _Ed) -> SeriesRow:
    """Find and judge the outcome in the reviewing edition with the diff's own code."""
    from .diff.targets import _comparable, _result_for, _review_lines, outcome
    from .wording import result_measure

    if reviewer.review is None:  # once per edition, not once per target
        reviewer.review = _review_lines(reviewer.lines)
        reviewer.results = list(results(reviewer.report))
    review = reviewer.review
    found = _result_for(s, reviewer.results, reviewer.reg)
    got = outcome(s, found, reviewer.reg, review)
    file = reviewer.edition.file
    if got is None:
        if found is not None and not _comparable(
                result_measure(found, reviewer.reg.get(found.indicator)), s.measure):
            return replace(row, status="not comparable", outcome_at=_at(found.pos, file),
                           outcome_from="result",
                           note="the outcome is stated in another measure than the target")
        return replace(row, note=f"{file} states no outcome for it")
    if got.source == "result":
        at = _at(found.pos, file)
    else:
        at = _evidence_at(review, got.evidence, file)
    return replace(row, outcome=got.actual, actual=_number(got.actual), status=got.verdict,
                   gap=got.gap, gap_value=_number(got.gap), strive_status=got.strive,
                   outcome_at=at, outcome_from=got.source, evidence=got.evidence)


def _own_results(eds: list[_Ed], names: list, rows: list[list[SeriesRow]], reg) -> None:
    """Rows from an edition's own results, which restate last year's target, for a year no
    edition of the series plans (the first edition's review year, or a gap)."""
    from .registry import normalize_name

    planned = {e.edition.year for e in eds}
    for ed in eds:
        year = ed.report.meta.year_reviewed
        if year is None and ed.edition.year is not None:
            year = ed.edition.year - 1
        if year is None or year in planned:
            continue
        for r in results(ed.report):
            if r.target is None:
                continue
            ind = reg.get(r.indicator)
            wanted = {r.indicator, normalize_name(r.name or ind.name)}
            ti = next((i for i, (key, name) in enumerate(names)
                       if key in wanted or normalize_name(name) in wanted), None)
            if ti is None:
                names.append((r.indicator, r.name or ind.name))
                rows.append([])
                ti = len(names) - 1
            if any(row.year == year for row in rows[ti]):
                continue
            rows[ti].append(_own_row(ed, r, year, ind, reg))


def _own_row(ed: _Ed, r: Result, year: int, ind, reg) -> SeriesRow:
    """A row from a stated result and the target it restates."""
    from .numbers import fmt
    from .wording import diff_unit, measure_unit, result_gap, result_measure

    measure = result_measure(r, ind)
    unit = measure_unit(measure, ind, r.target)
    actual = r.growth if measure == "growth" else r.level
    at = _at(r.pos, ed.edition.file)
    row = SeriesRow(r.name or ind.name, r.indicator, year, measure, unit,
                    **_value_fields(r.target, unit), target_at=at, outcome_at=at,
                    outcome_from="own")
    gap = result_gap(r, reg)
    if actual is None or gap is None:
        return replace(row, note=f"{ed.edition.file} restates the target without an outcome")
    judged = "ceiling" if ind.kind == "ceiling" else measure
    met = gap <= 0 if judged == "ceiling" else gap >= 0
    return replace(row, outcome=fmt(actual) + unit, actual=actual,
                   status="met" if met else "missed",
                   gap=f"{'+' if gap > 0 else ''}{fmt(gap)}{diff_unit(unit)}", gap_value=gap)


def _value_fields(value: Value, unit: str) -> dict:
    from .numbers import fmt

    high = value.high if value.high is not None else value.number
    cell = fmt(value.number) + (f"–{fmt(value.high)}" if value.high is not None else "")
    return {"target": cell + unit + value.qualifier, "qualifier": value.qualifier,
            "shape": "range" if value.high is not None else "point", "low": value.number,
            "high": high}


def _at(pos: Pos, file: str) -> str:
    """file:line of a position (just the file when the line is unknown)."""
    return f"{pos.file or file}:{pos.line}" if pos.line else (pos.file or file)


def _evidence_at(review: list, evidence: str, file: str) -> str:
    """Where the sentence the diff quoted stands: the line of the paragraph that holds it."""
    for line in review:
        if evidence and evidence in line.full:
            return _at(getattr(line.block, "pos", NOPOS), file)
    return file


def _number(text: str) -> Decimal | None:
    """The number at the start of a value the diff wrote ("+0.2个百分点", "5.2%")."""
    m = _LEADING_NUMBER.match(text or "")
    return Decimal(m.group()) if m else None


# Terms ---------------------------------------------------------------------------------------

def series_terms(editions: list[Edition], edition_lines: list[list]) -> list[TermSeries]:
    """Policy terms counted in each edition (diff/terms.py's segmenter and dictionary): every
    dictionary term used at all, then longer words one edition uses often and another never."""
    from .diff.terms import MIN_LEN, count_words
    from .diff.tokens import policy_terms

    counts = [count_words("\n".join(ln.full for ln in ls)) for ls in edition_lines]
    years = [e.year for e in editions]
    dictionary = policy_terms()
    out = [_term(t, [c[t] for c in counts], years, True) for t in dictionary
           if any(c[t] for c in counts)]
    known = set(dictionary)
    extra = []
    for word in sorted(set().union(*counts)) if counts else ():
        if word in known or len(word) < MIN_LEN or not _is_han(word):
            continue
        row = [c[word] for c in counts]
        if min(row) == 0 and max(row) >= TERM_MIN_COUNT:
            extra.append(_term(word, row, years, False))
    extra.sort(key=lambda t: (-max(t.counts), t.term))
    order = {trend: i for i, trend in enumerate(TRENDS)}
    return sorted(out, key=lambda t: (order[t.trend], -sum(t.counts), t.term)) + \
        sorted(extra[:TERM_MAX_EXTRA], key=lambda t: (order[t.trend], -max(t.counts), t.term))


def _is_han(word: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in word)


def _term(term: str, counts: list[int], years: list, dictionary: bool) -> TermSeries:
    first = next((y for y, c in zip(years, counts) if c), None)
    a, b = counts[0], counts[-1]
    if len(counts) > 1 and a == 0 and b:
        trend = "appears"
    elif len(counts) > 1 and a and b == 0:
        trend = "fades"
    else:
        trend = "rises" if b > a else "falls" if b < a else "steady"
    return TermSeries(term, tuple(counts), first, trend, dictionary)


# Notes on the input --------------------------------------------------------------------------

def _place(eds: list[_Ed]) -> str:
    """The place: the region most editions name, else the folder that holds them all, else the
    latest title."""
    from pathlib import Path

    regions = Counter(e.report.meta.region for e in eds if e.report.meta.region)
    if regions:
        return regions.most_common(1)[0][0]
    folders = {Path(e.edition.file).resolve().parent.name for e in eds}
    if len(folders) == 1:
        return folders.pop()
    return eds[-1].edition.title if eds else ""


def _notes(eds: list[_Ed]) -> list[str]:
    """What a reader should know about the input: unknown years, two editions of one year,
    missing years, editions of other places."""
    notes = []
    for e in eds:
        if e.edition.year is None:
            notes.append(f"{e.edition.file}: no year in its text or name; listed last")
        elif e.edition.year_from == "file name":
            notes.append(f"{e.edition.file}: no year in its text; {e.edition.year} from its "
                         "file name")
    by_year = Counter(e.edition.year for e in eds if e.edition.year is not None)
    for year, n in sorted(by_year.items()):
        if n > 1:
            files = ", ".join(e.edition.file for e in eds if e.edition.year == year)
            notes.append(f"{n} editions plan {year}: {files} (all kept, each a row of its "
                         "own, each judged against the next year's edition)")
    years = sorted(by_year)
    for a, b in zip(years, years[1:]):
        if b - a > 1:
            gap = f"{a + 1}" if b - a == 2 else f"{a + 1}–{b - 1}"
            notes.append(f"no edition for {gap}: {a}'s targets have no outcome")
    regions = sorted({e.report.meta.region for e in eds if e.report.meta.region})
    if len(regions) > 1:
        notes.append("editions of more than one place: " + ", ".join(regions))
    return notes


# Plain data ----------------------------------------------------------------------------------

#: Version of the JSON layout of a series (keys are added, never renamed).
SCHEMA_VERSION = 1


def series_dict(series: Series) -> dict:
    """The series as JSON-ready data: editions, indicators with their rows, terms, notes.
    Numbers are JSON numbers (exact for the decimals these reports state); counts of a term
    are keyed by the edition's year ("YEAR FILE" when two editions plan one year, the file when
    the year is unknown)."""
    from dataclasses import asdict

    def row(r: SeriesRow) -> dict:
        return {k: _plain(v) for k, v in asdict(r).items()}

    years = Counter(e.year for e in series.editions)
    keys = [str(e.year) if e.year is not None and years[e.year] == 1 else
            f"{e.year} {e.file}" if e.year is not None else e.file for e in series.editions]
    return {
        "version": SCHEMA_VERSION,
        "place": series.place,
        "editions": [asdict(e) for e in series.editions],
        "indicators": [{"indicator": t.indicator, "key": t.key, "charted": t.charted,
                        "rows": [row(r) for r in t.rows]} for t in series.tracks],
        "terms": [{"term": t.term, "counts": dict(zip(keys, t.counts)),
                   "first_year": t.first_year, "trend": t.trend, "dictionary": t.dictionary}
                  for t in series.terms],
        "notes": list(series.notes),
    }


def _plain(value):
    """A Decimal as an int or float (JSON number); anything else as is."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) \
            else float(value)
    return value
