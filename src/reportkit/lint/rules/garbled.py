"""RK114 garbled text: the traces a broken web copy leaves (encoding damage and markup).

Flagged: the replacement character �, mojibake (锟斤拷/烫烫烫/屯屯屯, UTF-8 read as Latin-1:
â€œ), a question mark or parenthesis holding a toned pinyin syllable where a character was
lost (发展?jié撃艿…, 犬a(chǎn)业; also once made full-width: 发展？jié), and HTML left in
the text (</p>, <br>, &nbsp;, /p>). The mojibake and HTML patterns are the importer's
(reportkit.clean), so a spec is held to what an import warns about. RK109 reports a pinyin annotation in ASCII parentheses after a character. The garbled
characters around these traces cannot be told from real ones: restore the passage from another
copy of the report.

Passing::

    - 加快发展潜能释放，培育壮大冷链食品、特色功能食品等产业。是否可行？（试行）

Failing::

    - 加快发展?jié撃艿玫叫箩尫拧?/p>，培育壮大冷链?zhǔn)称贰⑻厣δ苁称返犬a(chǎn)业。
"""

from __future__ import annotations

import re
from functools import cache, partial
from typing import Iterator

from ...model import Report
from ...problems import Problem
from ...registry import Registry
from ..text import all_texts, snippet

CODE = "RK114"
LEVEL = "error"

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_LETTERS = "a-zü" + _TONED
#: A toned pinyin syllable where a character was lost: after "?" (?jié, or ？jié once made
#: full-width), or in parentheses not after a Chinese character (a(chǎn), （jié）).
_PINYIN = (f"[?？][{_LETTERS}]*[{_TONED}][{_LETTERS}]*"
           f"|(?<![\u3400-\u9fff])\\([{_LETTERS}]*[{_TONED}][{_LETTERS}]*\\)"
           f"|（[{_LETTERS}]*[{_TONED}][{_LETTERS}]*）")


@cache
def _own(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _html():
    from ...clean import HTML_RE  # here: reportkit.clean is slow to import

    return HTML_RE


def _mojibake():
    from ...clean import MOJIBAKE_RE

    return MOJIBAKE_RE


#: (characters one of which a match needs, the pattern): the encoding damage and HTML the
#: importer looks for in a web copy (reportkit.clean), and the pinyin traces above. A text
#: with none of a pattern's characters is decided without compiling or running it.
_CHECKS = ((frozenset("\ufffd"), partial(_own, "\ufffd+")),
           (frozenset(_TONED), partial(_own, _PINYIN)),
           (frozenset("<>&"), _html),
           (frozenset("锟烫屯ÃÂâ鈥锛"), _mojibake))


#: Any character some pattern needs: most texts are decided by this one test.
_ANY = frozenset().union(*(needs for needs, _ in _CHECKS))


def _traces(text: str) -> list[re.Match]:
    """Every trace of garbling in a text, in order."""
    if _ANY.isdisjoint(text):
        return []
    found = []
    for needs, pattern in _CHECKS:
        if not needs.isdisjoint(text):
            found += pattern().finditer(text)
    return sorted(found, key=lambda m: m.start())


def check(report: Report, registry: Registry) -> Iterator[Problem]:
    """Yield one problem per piece of text with traces of garbling, naming the first."""
    for t in all_texts(report):
        found = _traces(t.text)
        if found:
            first = found[0]
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            yield Problem.at(t.pos, LEVEL, CODE,
                             f"{t.what} looks garbled at “{first.group(0)}”{more}, in "
                             f"“{snippet(t.text, first.start(), first.end())}”: restore the "
                             "passage from another copy of the report")
