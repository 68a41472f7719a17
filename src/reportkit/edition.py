"""Next year's report started from this year's: the spec the drafting bureau edits next.

Each year's report reviews last year against last year's targets; in a spec, last year's targets
are already stated once, so the next edition takes them over instead of having them typed
again. ``next_edition(report)`` gives:

- the years moved on by one: ``year_reviewed`` is the old planned year; the title, the section
  headings, the occasion line, the date and the opening paragraphs (those before the first
  section: "向大会报告《东区2023年……及2024年计划草案》") name the new years. Only this
  edition's two years move, and not inside a quotation (《…》, “…”) unless it quotes the
  report's own name: the name of a plan or a slogan is history. The rest of the narrative is
  left as it was: it is what the bureau rewrites, and its numbers are last year's;
- the session of the congress moved on by one in the occasion and the title (第四次会议 →
  第五次会议: next year's session of the same congress, which the drafter checks in the year
  a new congress is elected);
- every place changed, in ``Edition.changes``, for the drafter to check;
- this year's targets as the results to report: each target becomes a result with the target
  it set (the 确保 value, else the single one) and its measure, and no actual yet, so
  ``reportkit validate`` lists every actual still to fill in (RK110); the result sentences
  ("增长7.0%，超过年初预期目标（6.7%）0.3个百分点") are generated once they are;
- the targets, the text and the notes kept as the draft of the new ones.

The results take the place of the first results list (the old results are last year's
facts, not next year's); without one, nothing is carried and ``Edition.carried`` is 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import vocab
from .model import Paragraph, Report, Result, ResultList, Section, Target, TargetList, walk

_YEAR = re.compile(r"(?<!\d)(\d{4})(?=\s*年)")
_ISO_YEAR = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
#: A quotation: the name of a document (《…》) or a phrase (“…”).
_QUOTED = re.compile(r"《[^《》]*》|“[^“”]*”")
#: The session of a congress: "第四次会议", "四次会议" (十二届人大四次会议), "第4次会议".
_SESSION = re.compile(r"(第?)([一二三四五六七八九十]{1,3}|\d{1,2})(次会议)")


@dataclass(frozen=True)
class Change:
    """One place the next edition changed, for the drafter to check."""

    where: str  #: "meta.title", "heading", "opening paragraph" …
    line: int  #: line of this year's spec it comes from (0: not known)
    old: str
    new: str


@dataclass(frozen=True)
class Edition:
    """The next edition and what was done to make it."""

    report: Report
    years: tuple[int, int]  #: (year reviewed, year planned) of the new edition
    carried: int  #: targets carried over as results to report on
    results_pos: int  #: spec line of the results list that now holds them (0: none)
    changes: tuple[Change, ...] = ()  #: every text that changed, in the spec's order


def next_edition(report: Report) -> Edition:
    """The report of the year after ``report``'s (see the module docstring)."""
    meta = report.meta
    if not meta.year_planned:
        raise ValueError("the spec states no planned year (meta.year_planned)")
    mover = _Mover({y for y in (meta.year_reviewed, meta.year_planned) if y},
                   _own_name(meta.subject or meta.title, meta.region))
    targets = [t for block, _ in walk(report.body) if isinstance(block, TargetList)
               for t in block.items]
    rolled = tuple(_as_result(t) for t in targets)
    line = 0  # a meta field's own line is not kept: the field's name says where it is
    new_meta = replace(
        meta, title=mover.title("meta.title", line, meta.title),
        occasion=mover.occasion(line, meta.occasion),
        subject=mover.text("meta.subject", line, meta.subject, quotes=False),
        keywords=tuple(mover.text("meta.keywords", line, k, quotes=False)
                       for k in meta.keywords),
        date=mover.note("meta.date", line, meta.date, _next_date(meta.date)),
        year_reviewed=meta.year_planned, year_planned=meta.year_planned + 1, source=None)
    body, placed = _body(report.body, mover, rolled)
    new = replace(report, meta=new_meta, body=body)
    carried = len(rolled) if placed else 0
    return Edition(new, (meta.year_planned, meta.year_planned + 1), carried, max(placed, 0),
                   tuple(mover.changes))


def _body(items: tuple, mover: _Mover, rolled: tuple) -> tuple[tuple, int]:
    """The body with its headings and opening paragraphs moved on and the first results list
    holding ``rolled``; and that list's spec line (-1 when unknown, 0 when none)."""
    placed = [0]
    opening = [True]  # until the first section

    def blocks(items: tuple) -> tuple:
        out = []
        for block in items:
            if isinstance(block, Section):
                opening[0] = False
                block = replace(block, heading=mover.text("heading", block.pos.line,
                                                          block.heading),
                                body=blocks(block.body))
            elif isinstance(block, Paragraph) and opening[0]:
                block = replace(block, text=mover.text("opening paragraph", block.pos.line,
                                                       block.text),
                                lead=mover.text("opening paragraph", block.pos.line,
                                                block.lead))
            elif isinstance(block, ResultList) and not placed[0] and rolled:
                placed[0] = block.pos.line or -1
                block = replace(block, items=rolled)
            out.append(block)
        return tuple(out)

    return blocks(items), placed[0]


class _Mover:
    """Moves texts on by a year (and a session), noting each change."""

    def __init__(self, years: set[int], own: str):
        self.years = years
        self.own = own
        self.changes: list[Change] = []

    def note(self, where: str, line: int, old: str, new: str) -> str:
        """``new``, with the change noted when it is one."""
        if new != old:
            self.changes.append(Change(where, line, old, new))
        return new

    def text(self, where: str, line: int, text: str, quotes: bool = True) -> str:
        """This edition's years in ``text`` moved on; with ``quotes``, not inside a quotation
        other than the report's own name."""
        return self.note(where, line, text, self._years(text, quotes))

    def title(self, where: str, line: int, text: str) -> str:
        """A title: every one of this edition's years, and the session it names."""
        return self.note(where, line, text, _next_session(self._years(text, False)))

    def occasion(self, line: int, text: str) -> str:
        """The occasion line: its years and its session."""
        return self.note("meta.occasion", line, text, _next_session(self._years(text, True)))

    def _years(self, text: str, quotes: bool) -> str:
        def move(m: re.Match) -> str:
            year = int(m.group(1))
            return str(year + 1) if year in self.years else m.group(0)

        if not quotes:
            return _YEAR.sub(move, text)
        out, pos = [], 0
        for q in _QUOTED.finditer(text):
            out.append(_YEAR.sub(move, text[pos:q.start()]))
            quoted = q.group()
            out.append(_YEAR.sub(move, quoted) if self._is_own(quoted) else quoted)
            pos = q.end()
        out.append(_YEAR.sub(move, text[pos:]))
        return "".join(out)

    def _is_own(self, quoted: str) -> bool:
        """Whether a quotation names this report ("《东区2023年……及2024年计划草案》")."""
        return bool(self.own) and self.own in _YEAR.sub("Y", quoted)


def _own_name(subject: str, region: str) -> str:
    """What a quotation of the report's own name holds, years written Y: the title without
    关于, the region and 的报告 ("Y年国民经济和社会发展计划执行情况及Y年计划草案")."""
    core = subject.removeprefix("关于").removesuffix("的报告")
    if region and core.startswith(region):
        core = core[len(region):]
    core = _YEAR.sub("Y", core)
    return core if "Y" in core and len(core) >= 8 else ""


def _next_session(text: str) -> str:
    """The session of a congress moved on by one: 第四次会议 → 第五次会议, 4次会议 → 5次会议."""
    def move(m: re.Match) -> str:
        number = m.group(2)
        if number.isdigit():
            return f"{m.group(1)}{int(number) + 1}{m.group(3)}"
        value = _cn_value(number)
        if value is None:
            return m.group(0)
        return f"{m.group(1)}{vocab.cn_number(value + 1)}{m.group(3)}"

    return _SESSION.sub(move, text)


def _cn_value(text: str) -> int | None:
    """一 … 九十九 as a number; None for anything else."""
    digits = vocab.CN_DIGITS
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return digits.index(text) if len(text) == 1 and text in digits[1:] else None
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in digits[1:]) or \
            (ones and ones not in digits[1:]):
        return None
    return (digits.index(tens) if tens else 1) * 10 + (digits.index(ones) if ones else 0)


def _as_result(target: Target) -> Result:
    """A target as the result to report against it: the number it set (its measure follows
    the indicator's kind, as the target's did, unless the target stated one)."""
    return Result(indicator=target.indicator, target=target.ensure or target.value or
                  target.strive, measure=target.measure, name=target.name,
                  more=tuple(_as_result(t) for t in target.more))


def _next_date(date: str) -> str:
    """The same day a year later ("2024-02-29" → "2025-02-28"); "" stays ""."""
    m = _ISO_YEAR.match(date or "")
    if not m:
        return date
    year, month, day = int(m.group(1)) + 1, m.group(2), int(m.group(3))
    if month == "02" and day == 29:
        day = 28
    return f"{year}-{month}-{day:02d}"
