"""The report as a sequence of typeset-neutral lines: what every writer lays out.

Headings get their generated numbers, note marks ``[^key]`` become ``[n]`` (numbered by first
appearance), results and targets become sentences. The Word writer, the PDF writer, the text
writer and the diff all read this one sequence, so they cannot disagree about the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from . import vocab as v
from .model import Block, DashList, Paragraph, Report, ResultList, Section, TargetList
from .registry import Registry, for_report
from .wording import result_sentence, target_sentence

MARK_RE = re.compile(r"\[\^([^\]\s]+)\]")
RENDERED_MARK_RE = re.compile(r"\[(\d+)\]")

#: Line kinds, in the order they can appear.
KINDS = ("title", "occasion", "speaker", "salutation", "heading", "para", "dash", "result",
         "target", "notes_heading", "note")


@dataclass(frozen=True)
class Line:
    """One typeset paragraph.

    ``label`` is a heading's generated number ("一、"); ``lead`` a paragraph's lead sentence,
    which ``text`` does not repeat; ``level`` the section level (headings: their own level).
    ``full`` is what a reader sees: label + lead + text.
    """

    kind: str
    text: str
    level: int = 0
    label: str = ""
    lead: str = ""
    block: object = None

    @property
    def full(self) -> str:
        """The line as printed: number, lead sentence and text."""
        return self.label + self.lead + self.text


def note_numbers(report: Report) -> dict[str, int]:
    """Number the note keys by first appearance in the body."""
    numbers: dict[str, int] = {}
    for line in _body(report, Registry(), {}):
        for key in MARK_RE.findall(line.label + line.lead + line.text):
            numbers.setdefault(key, len(numbers) + 1)
    return numbers


def lines(report: Report, registry: Registry | None = None) -> list[Line]:
    """The whole report as lines: front matter, body, and the note list."""
    registry = registry or for_report(report)
    numbers = note_numbers(report)
    out = list(_front(report))
    out += [_number_marks(line, numbers) for line in _body(report, registry, numbers)]
    out += list(_notes(report, numbers))
    if report.appendix:  # after the notes, laid out like the body
        out += [_number_marks(line, numbers) for line in _blocks(report.appendix, 1, registry)]
    return out


def plain_text(report: Report) -> str:
    """The report as plain text, one line per paragraph."""
    return "\n".join(line.full for line in lines(report)) + "\n"


def _front(report: Report) -> Iterator[Line]:
    m = report.meta
    yield Line("title", m.title)
    if m.occasion:
        yield Line("occasion", f"（{m.occasion}）")
    if m.speaker:
        yield Line("speaker", "　".join(p for p in (m.speaker.office, m.speaker.name) if p))
    if m.salutation:
        yield Line("salutation", m.salutation)


def _body(report: Report, registry: Registry, numbers: dict) -> Iterator[Line]:
    yield from _blocks(report.body, 1, registry)


def _blocks(blocks: tuple[Block, ...], level: int, registry: Registry) -> Iterator[Line]:
    count = 0
    for block in blocks:
        if isinstance(block, Section) and block.part:  # unnumbered; its sections restart
            yield Line("heading", block.heading, level, "", block=block)
            yield from _blocks(block.body, level, registry)
        elif isinstance(block, Section):
            count += 1
            yield Line("heading", block.heading, level, v.heading_label(level, count), block=block)
            yield from _blocks(block.body, level + 1, registry)
        elif isinstance(block, Paragraph):
            yield Line("para", block.text, level - 1, lead=block.lead, block=block)
        elif isinstance(block, DashList):
            for item in block.items:
                yield Line("dash", v.DASH + item, level - 1, block=block)
        elif isinstance(block, ResultList):
            for r in block.items:
                yield Line("result", v.DASH + result_sentence(r, registry), level - 1, block=r)
        elif isinstance(block, TargetList):
            for t in block.items:
                yield Line("target", v.DASH + target_sentence(t, registry), level - 1, block=t)


def _number_marks(line: Line, numbers: dict[str, int]) -> Line:
    def sub(text: str) -> str:
        return MARK_RE.sub(lambda m: f"[{numbers[m.group(1)]}]", text)

    return Line(line.kind, sub(line.text), line.level, line.label, sub(line.lead), line.block)


def _notes(report: Report, numbers: dict[str, int]) -> Iterator[Line]:
    """The note list: notes whose marks appear, in mark order, then explained notes that no
    mark references (imported 名词解释 lists often have no marks), numbered on after them."""
    explained = [n for n in report.notes if n.text]
    if not explained:
        return
    marked = sorted((n for n in explained if n.key in numbers), key=lambda n: numbers[n.key])
    unmarked = [n for n in explained if n.key not in numbers]
    yield Line("notes_heading", v.NOTES_HEADING)
    for i, note in enumerate(marked + unmarked):
        n = numbers[note.key] if note.key in numbers else len(numbers) + i - len(marked) + 1
        term = f"{note.term}{v.COLON}" if note.term else ""
        yield Line("note", f"[{n}]{term}{note.text}", block=note)
