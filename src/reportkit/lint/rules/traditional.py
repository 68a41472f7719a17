"""RK108 traditional characters in a simplified document.

The table of traditional-only characters (data/traditional.txt) is generated from OpenCC by
scripts/make_traditional.py, so the check needs no OpenCC import at validate time. Characters
that simplified text also uses (著, 藉, 瞭, 乾, and 濛 in place names) are not in it.

Passing::

    - 顺利完成6500吨储备粮食轮换，显著提升保障能力。

Failing::

    - 順利完成6500噸儲備糧食輪換。      # 順 噸 儲 備 糧 輪 換
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ...model import Report
from ...problems import Problem
from ...registry import Registry
from ..text import all_texts, snippet

CODE = "RK108"
LEVEL = "error"
TABLE = Path(__file__).resolve().parent.parent.parent / "data" / "traditional.txt"
_SHOWN = 8


@lru_cache(maxsize=1)
def simplified_of() -> dict[str, str]:
    """Traditional-only character → its simplified form."""
    text = TABLE.read_text(encoding="utf-8")
    rows = text[text.index("\n") + 1:]  # after the header line
    # Every row is exactly "T\tS\n" (the generator makes sure), so slicing reads the table
    # several times faster than splitting lines: this runs on every `reportkit validate`.
    return dict(zip(rows[0::4], rows[2::4], strict=True))


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield one problem per piece of text that has traditional characters, naming them."""
    table = simplified_of()
    for t in all_texts(report):
        if table.keys().isdisjoint(t.text):  # the common case, decided in C
            continue
        found = [(i, c) for i, c in enumerate(t.text) if c in table]
        if not found:
            continue
        pairs = list(dict.fromkeys(f"{c}→{table[c]}" for _, c in found))
        more = f" and {len(pairs) - _SHOWN} more" if len(pairs) > _SHOWN else ""
        yield Problem.at(t.pos, LEVEL, CODE,
                         f"{t.what} has traditional characters {' '.join(pairs[:_SHOWN])}{more} "
                         f"(first in “{snippet(t.text, found[0][0])}”)")
