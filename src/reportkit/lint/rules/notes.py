"""RK104 notes: every mark ``[^key]`` explained, every explanation referenced, no typed numbers.

Note numbers are generated from the order of the marks, so a mark typed as "[3]" is an error.
A mark with no note, or a note with an empty explanation, is a warning: real sources omit them.
A note that no mark references is a warning; a key listed twice is an error.

Passing::

    body:
      - 建立“1+7+3”全覆盖责任落实体系[^1+7+3]。
    notes:
      - {key: "1+7+3", term: “1+7+3”, text: 1个领导小组、7个工作专班、3个保障专班。}

Failing::

    body:
      - 建立“1+7+3”全覆盖责任落实体系[1]。          # error: typed number, write [^1+7+3]
      - 加快培育发展新质生产力[^新质生产力]。         # warning: no note explains it
    notes:
      - {key: 银发经济, term: 银发经济, text: ……}     # warning: never referenced
"""

from __future__ import annotations

import re
from typing import Iterator

from ...flat import MARK_RE
from ...model import Report
from ...problems import Problem
from ...registry import Registry
from ..text import all_texts, body_texts, snippet

CODE = "RK104"
LEVEL = "warning"

#: "[3]" or "［3］" typed in the text: a note number that should be generated.
TYPED_MARK = re.compile(r"[\[［]([0-9]{1,3})[\]］]")


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield problems for unexplained marks, unreferenced or duplicate notes, typed numbers."""
    marks: dict[str, object] = {}
    for t in body_texts(report):
        for key in MARK_RE.findall(t.text):
            marks.setdefault(key, t.pos)
    notes = {}
    for note in report.notes:
        if note.key in notes:
            yield Problem.at(note.pos, "error", CODE, f"note `{note.key}` is listed twice")
            continue
        notes[note.key] = note
        if note.key not in marks:
            yield Problem.at(note.pos, LEVEL, CODE,
                             f"note `{note.key}` is never referenced: no [^{note.key}] in the text")
        elif not note.text.strip():
            yield Problem.at(note.pos, LEVEL, CODE, f"note `{note.key}` has no explanation")
    for key, pos in marks.items():
        if key not in notes:
            yield Problem.at(pos, LEVEL, CODE, f"mark [^{key}] has no note in `notes`")
    yield from _typed(report)


def _typed(report: Report) -> Iterator[Problem]:
    for t in all_texts(report):
        for m in TYPED_MARK.finditer(t.text):
            yield Problem.at(t.pos, "error", CODE,
                             f"{t.what} has a typed note number {m.group(0)} in "
                             f"“{snippet(t.text, m.start(), m.end())}”: note numbers are "
                             "generated; write [^key] and list the key under `notes`")
