"""Where the words of a report live: every piece of text with the model position it came from.

Text rules (punctuation, traditional characters, pinyin, note marks) walk these instead of the
model, so a new text field is checked by every rule once it is listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..model import (DashList, Paragraph, Pos, Report, Result, ResultList, Section, Target,
                     TargetList, walk)


@dataclass(frozen=True)
class Text:
    """A piece of report text: its position, what it is (for messages) and the words."""

    pos: Pos
    what: str
    text: str


def meta_texts(report: Report) -> Iterator[Text]:
    """The front matter's text fields."""
    m = report.meta
    for field in ("title", "occasion", "salutation", "region", "issuer", "subject"):
        yield Text(m.pos, f"meta.{field}", getattr(m, field))
    if m.speaker:
        yield Text(m.pos, "meta.speaker.office", m.speaker.office)
        yield Text(m.pos, "meta.speaker.name", m.speaker.name)


def body_texts(report: Report) -> Iterator[Text]:
    """Headings, lead sentences, paragraphs, dash items and result/target wording, in order."""
    for block, _ in walk(report.body):
        if isinstance(block, Section):
            yield Text(block.pos, "heading", block.heading)
        elif isinstance(block, Paragraph):
            yield Text(block.pos, "lead sentence", block.lead)
            yield Text(block.pos, "paragraph", block.text)
        elif isinstance(block, DashList):
            for item in block.items:
                yield Text(block.pos, "dash item", item)
        elif isinstance(block, (ResultList, TargetList)):
            for item in block.items:
                yield from _item_texts(item)


def _item_texts(item: Result | Target) -> Iterator[Text]:
    kind = "result" if isinstance(item, Result) else "target"
    for one in (item, *item.more):
        yield Text(one.pos, f"{kind} name", one.name)
        yield Text(one.pos, f"{kind} text", one.text)


def note_texts(report: Report) -> Iterator[Text]:
    """The end notes' terms and explanations."""
    for note in report.notes:
        yield Text(note.pos, "note term", note.term)
        yield Text(note.pos, "note text", note.text)


#: The last report's texts: ten rules ask for them in one check, and walking the model each
#: time was a third of the linter's time on a long report. Keyed by identity (the report is
#: kept with them, so its id cannot be reused); a model is frozen, so they cannot go stale.
_LAST: list = [None, ()]


def all_texts(report: Report) -> tuple[Text, ...]:
    """Every non-empty piece of text a reader of the document sees, in order."""
    if _LAST[0] is not report:
        _LAST[:] = [report, tuple(t for t in (*meta_texts(report), *body_texts(report),
                                              *note_texts(report)) if t.text)]
    return _LAST[1]


def snippet(text: str, start: int, end: int | None = None, width: int = 8) -> str:
    """The words around text[start:end], for a message: "…发展?jié撃…"."""
    end = start + 1 if end is None else end
    left, right = max(0, start - width), min(len(text), end + width)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
