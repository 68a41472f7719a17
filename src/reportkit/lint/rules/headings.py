"""RK106 headings: no empty heading, no two sibling sections with the same heading, no
hand-typed heading number (numbers such as 一、 （一） 1. （1） are generated from position), and
no section deeper than the four levels an official document numbers.

Passing::

    - section: 2023年国民经济和社会发展计划执行情况
    - section: 2024年经济社会发展主要预期目标（草案）

Failing::

    - section: ""                                      # empty
    - section: 一、2023年国民经济和社会发展计划执行情况   # typed number
    - section: 一、2023年国民经济和社会发展计划执行情况   # and a duplicate
"""

from __future__ import annotations

import re
from typing import Iterator

from ...model import Block, Report, Section
from ...problems import Problem
from ...registry import Registry

CODE = "RK106"
LEVEL = "error"
MAX_LEVEL = 4

#: A heading number typed by hand: 一、 （一） (一) 1. 1． 1、 （1） (1).
TYPED_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
                          r"|[0-9]+(?:[.．、](?![0-9]))|[（(][0-9]+[）)])")


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield problems for empty, duplicate and hand-numbered headings."""
    yield from _siblings(report.body, 1)


def _siblings(blocks: tuple[Block, ...], level: int) -> Iterator[Problem]:
    seen: dict[str, Section] = {}
    for block in blocks:
        if not isinstance(block, Section):
            continue
        heading = block.heading.strip()
        if level == MAX_LEVEL + 1:
            yield Problem.at(block.pos, LEVEL, CODE, f"section “{heading}” is at level {level}; "
                                                     f"headings are numbered {MAX_LEVEL} levels "
                                                     "deep (一、 （一） 1. （1）)")
        if not heading:
            yield Problem.at(block.pos, LEVEL, CODE, "empty heading")
        elif heading in seen:
            first = seen[heading].pos.line
            yield Problem.at(block.pos, LEVEL, CODE, f"heading “{heading}” repeats its sibling "
                                                     f"on line {first}")
        else:
            seen[heading] = block
        typed = TYPED_NUMBER.match(heading)
        if typed:
            yield Problem.at(block.pos, LEVEL, CODE,
                             f"heading “{heading}” starts with a typed number "
                             f"“{typed.group(0).strip()}”: numbers are generated from position")
        yield from _siblings(block.body, level if block.part else level + 1)
