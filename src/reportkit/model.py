"""THE document model of a plan report.

Every reader produces a :class:`Report`; every writer, the linter and the diff consume one.
All classes are frozen dataclasses. Source positions (:class:`Pos`) ride along for messages but
never take part in equality, so a report read from YAML equals the same report built in code.

Numbers are :class:`decimal.Decimal` so that "4.0" stays "4.0" and differences are exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator, Union


@dataclass(frozen=True)
class Pos:
    """Where a node came from: file name and 1-based line and column (0 when unknown)."""

    file: str = ""
    line: int = 0
    col: int = 0


NOPOS = Pos()


def _pos() -> Pos:
    return field(default=NOPOS, compare=False, repr=False)


@dataclass(frozen=True)
class Speaker:
    """The person who delivers the report: office ("……发展和改革局局长") and name."""

    office: str
    name: str = ""


@dataclass(frozen=True)
class Source:
    """Where an imported report came from (web page, file); kept as metadata only."""

    url: str = ""
    published: str = ""
    publisher: str = ""
    note: str = ""


@dataclass(frozen=True)
class Meta:
    """Front matter and document properties of a report."""

    title: str
    region: str = ""
    year_reviewed: int | None = None
    year_planned: int | None = None
    occasion: str = ""  #: without the parentheses: "2024年2月27日在……会议上"
    speaker: Speaker | None = None
    date: str = ""  #: ISO date of delivery, "2024-02-27"
    salutation: str = ""  #: "各位代表："
    issuer: str = ""  #: issuing body, used as document author
    status: str = ""  #: 草案, 征求意见稿, 定稿 …
    subject: str = ""
    keywords: tuple[str, ...] = ()
    source: Source | None = None
    pos: Pos = _pos()


@dataclass(frozen=True)
class Indicator:
    """A registered indicator.

    ``kind`` says what a target for it usually measures: ``growth`` (a rate of growth, in %),
    ``level`` (an amount in ``unit``) or ``ceiling`` (a level that must stay at or below the
    target, such as the unemployment rate). ``verb`` joins the name to a stated level
    ("为", "实现", or nothing).
    """

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    unit: str = ""
    kind: str = "growth"
    verb: str = ""
    pos: Pos = _pos()

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Value:
    """A stated number with its qualifier (左右, 以上, 以内 …) and, rarely, its own unit."""

    number: Decimal
    qualifier: str = ""
    unit: str | None = None
    high: Decimal | None = None  #: a range's upper bound ("5%-5.5%": number 5, high 5.5)
    pos: Pos = _pos()


@dataclass(frozen=True)
class Comparison:
    """A stated difference against a reference such as 全市平均 (positive: higher)."""

    against: str
    diff: Decimal
    pos: Pos = _pos()


@dataclass(frozen=True)
class Result:
    """Last year's outcome for one indicator, measured against last year's target.

    ``measure`` names what the target applies to (growth, level or ceiling); when empty it
    follows the indicator's kind. ``text`` overrides the generated sentence; the linter then
    checks that the numbers stated in it agree with the fields. ``more`` are further results
    stated in the same sentence.
    """

    indicator: str
    level: Decimal | None = None
    growth: Decimal | None = None
    growth_note: str = ""  #: "同比，下同" in "增长（同比，下同）6.7%"
    target: Value | None = None
    measure: str = ""
    comparisons: tuple[Comparison, ...] = ()
    name: str = ""  #: the name as written, when it is an alias
    verb: str | None = None
    text: str = ""
    more: tuple["Result", ...] = ()
    pos: Pos = _pos()


@dataclass(frozen=True)
class Target:
    """This year's target for one indicator: 确保 and 力争 values, or a single value."""

    indicator: str
    measure: str = ""
    ensure: Value | None = None
    strive: Value | None = None
    value: Value | None = None
    name: str = ""
    text: str = ""
    more: tuple["Target", ...] = ()
    #: False when the report names the indicator but deliberately gives no number for it
    #: ("not stated", unlike "not found"). A stated target with no value is qualitative: its
    #: words are in ``text`` ("居民收入增长与经济增长同步").
    stated: bool = True
    pos: Pos = _pos()


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; ``lead`` is the lead sentence set apart ("顶层设计基本成型。").

    Note marks are written ``[^key]`` in the text and numbered by first appearance.
    """

    text: str
    lead: str = ""
    #: last year's outcomes this paragraph states in prose, read into numbers on import
    #: ("全年地区生产总值增长6.3%，……"); the text stays the source of the words.
    results: tuple["Result", ...] = ()
    pos: Pos = _pos()


@dataclass(frozen=True)
class DashList:
    """A list whose items each start with "——"."""

    items: tuple[str, ...]
    pos: Pos = _pos()


@dataclass(frozen=True)
class ResultList:
    """Last year's results, one "——" line each."""

    items: tuple[Result, ...]
    pos: Pos = _pos()


@dataclass(frozen=True)
class TargetList:
    """This year's targets, one "——" line each."""

    items: tuple[Target, ...]
    pos: Pos = _pos()


@dataclass(frozen=True)
class Section:
    """A numbered section; its level (1–4) and number come from its position in the tree.

    A ``part`` is an unnumbered heading above the numbered ones ("2023年工作回顾", then
    "2024年工作安排", each restarting 一、二、…): its sections are numbered from 一、 again, at
    the part's own level.
    """

    heading: str
    body: tuple["Block", ...] = ()
    part: bool = False
    pos: Pos = _pos()


Block = Union[Paragraph, DashList, ResultList, TargetList, Section]


@dataclass(frozen=True)
class Note:
    """The explanation of a note mark, listed at the end (名词解释). ``text`` may be empty."""

    key: str
    term: str = ""
    text: str = ""
    pos: Pos = _pos()


@dataclass(frozen=True)
class Report:
    """A whole report: metadata, the spec's own indicators, the body tree and the notes."""

    meta: Meta
    body: tuple[Block, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    notes: tuple[Note, ...] = ()
    #: what follows the notes (附件, 相关数据情况说明, 附表): built and compared like the body
    appendix: tuple[Block, ...] = ()
    pos: Pos = _pos()


def walk(blocks: tuple[Block, ...], level: int = 1) -> Iterator[tuple[Block, int]]:
    """Yield every block in document order with the section level it sits in (1 = top; a
    part's sections are at the part's own level)."""
    for block in blocks:
        yield block, level
        if isinstance(block, Section):
            yield from walk(block.body, level if block.part else level + 1)


def sections(report: Report) -> Iterator[tuple[Section, int]]:
    """Yield every section with its level (1–4)."""
    for block, level in walk(report.body):
        if isinstance(block, Section):
            yield block, level


def results(report: Report, prose: bool = True) -> Iterator[Result]:
    """Yield every result, the joined ``more`` ones included, and (with ``prose``) those read
    from paragraphs that state them in prose."""
    for block, _ in walk(report.body):
        items = block.items if isinstance(block, ResultList) else \
            block.results if prose and isinstance(block, Paragraph) else ()
        for item in items:
            yield item
            yield from item.more


def targets(report: Report) -> Iterator[Target]:
    """Yield every target, the joined ``more`` ones included."""
    for block, _ in walk(report.body):
        if isinstance(block, TargetList):
            for item in block.items:
                yield item
                yield from item.more
