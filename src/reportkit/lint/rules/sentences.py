"""RK112 sentences: paragraphs and dash items end with end punctuation (。！？：；…), a lead
sentence ends with 。！？, and no paragraph repeats an earlier one word for word.

A paragraph that stops mid-sentence was usually cut when pasted; a repeated paragraph was pasted
twice. Both are warnings: the drafter decides. A paragraph that leads into a list may end with
，or ：("分别增长8%、9%，" followed by "——…" lines).

Passing::

    - lead: 顶层设计基本成型。
      text: 出台行动方案，实施七大行动。
    - 2024年经济社会发展主要预期目标为：

Failing::

    - lead: 顶层设计基本成型
      text: 出台行动方案，实施七大行动
    - 出台行动方案，实施七大行动
"""

from __future__ import annotations

from typing import Iterator

from ...model import DashList, Paragraph, Report, ResultList, TargetList, walk
from ...problems import Problem
from ...registry import Registry

CODE = "RK112"
LEVEL = "warning"

#: What a paragraph may end with: end punctuation, a closing quote or bracket after it, a note.
ENDINGS = "。！？：；…"
LEAD_ENDINGS = "。！？"
_TRAILING = "”’）》】」]"


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield warnings for unfinished sentences and repeated paragraphs."""
    seen: dict[str, int] = {}
    blocks = [block for block, _ in walk(report.body)]
    for block, after in zip(blocks, [*blocks[1:], None], strict=True):
        if isinstance(block, Paragraph):
            if block.lead and block.lead.rstrip()[-1:] not in LEAD_ENDINGS:
                yield _warn(block, f"the lead sentence “{block.lead}” does not end with 。")
            into_list = isinstance(after, (DashList, ResultList, TargetList))
            yield from _ending(block, "paragraph", block.text, "，" if into_list else "")
            key = block.lead + block.text
            if len(key) > 20 and key in seen:
                yield _warn(block, f"this paragraph repeats the one on line {seen[key]}")
            seen.setdefault(key, block.pos.line)
        elif isinstance(block, DashList):
            for item in block.items:
                yield from _ending(block, "dash item", item)


def ends_a_sentence(text: str, also: str = "") -> bool:
    """True when the text ends with end punctuation or one of ``also`` (closing marks and note
    marks aside)."""
    text = text.rstrip()
    while text and (text[-1] in _TRAILING or text.endswith("]")):
        if text.endswith("]") and "[" in text:
            text = text[:text.rfind("[")].rstrip()
        else:
            text = text[:-1]
    return bool(text) and text[-1] in ENDINGS + also


def _ending(block, what: str, text: str, also: str = "") -> Iterator[Problem]:
    if text.strip() and not ends_a_sentence(text, also):
        tail = text.rstrip()[-12:]
        yield _warn(block, f"{what} ends without end punctuation: “…{tail}”")


def _warn(block, message: str) -> Problem:
    return Problem.at(block.pos, LEVEL, CODE, message)
