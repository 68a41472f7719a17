"""RK114 garbled text: the traces a broken web copy leaves (encoding damage and markup).

Flagged: the replacement character �, the mojibake runs 锟斤拷/烫烫烫/屯屯屯, a question mark
or parenthesis holding a toned pinyin syllable where a character was lost (发展?jié撃艿…,
犬a(chǎn)业; also once made full-width: 发展？jié), and HTML left in the text (</p>, <br>,
&nbsp;). RK109 reports a pinyin annotation in ASCII parentheses after a character. The garbled
characters around these traces cannot be told from real ones: restore the passage from another
copy of the report.

Passing::

    - 加快发展潜能释放，培育壮大冷链食品、特色功能食品等产业。是否可行？（试行）

Failing::

    - 加快发展?jié撃艿玫叫箩尫拧?/p>，培育壮大冷链?zhǔn)称贰⑻厣δ苁称返犬a(chǎn)业。
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ...model import Report
from ...problems import Problem
from ...registry import Registry
from ..text import all_texts, snippet

CODE = "RK114"
LEVEL = "error"

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_LETTERS = "a-zü" + _TONED
_PATTERN = (f"\ufffd|锟斤拷|烫烫烫|屯屯屯"
            f"|[?？][{_LETTERS}]*[{_TONED}][{_LETTERS}]*"  # ?jié, or ？jié once made full-width
            f"|(?<![\u3400-\u9fff])\\([{_LETTERS}]*[{_TONED}][{_LETTERS}]*\\)"  # a(chǎn)
            f"|（[{_LETTERS}]*[{_TONED}][{_LETTERS}]*）"
            f"|</?[A-Za-z][A-Za-z0-9]*(?:\\s[^<>]*)?/?>|&(?:nbsp|amp|lt|gt|quot|#[0-9]+);")
#: Every alternative of the pattern needs one of these (the pinyin ones a toned letter): a
#: text without any is decided without compiling or running the pattern (3 ms to compile).
_TRIGGERS = frozenset("\ufffd锟烫屯<&" + _TONED)


@lru_cache(maxsize=1)
def _garbled() -> re.Pattern:
    return re.compile(_PATTERN)


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield one problem per piece of text with traces of garbling, naming the first."""
    for t in all_texts(report):
        if _TRIGGERS.isdisjoint(t.text):
            continue
        found = list(_garbled().finditer(t.text))
        if found:
            first = found[0]
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            yield Problem.at(t.pos, LEVEL, CODE,
                             f"{t.what} looks garbled at “{first.group(0)}”{more}, in "
                             f"“{snippet(t.text, first.start(), first.end())}”: restore the "
                             "passage from another copy of the report")
