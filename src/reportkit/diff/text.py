"""Word diffs of two texts: tokens encoded as characters, diff-match-patch, semantic clean-up.

This is diff-match-patch's line-mode trick applied to words: every distinct token becomes one
character, the character strings are diffed and cleaned up semantically, and the result is
decoded back to tokens. A change can therefore never cut through a token ("6.5%" stays whole).
"""

from __future__ import annotations

from functools import lru_cache

from .tokens import tokens

Pieces = tuple[tuple[str, str], ...]
_OPS = {0: "=", 1: "+", -1: "-"}
#: Encoded characters start above the surrogates and private-use blocks, which some tools
#: mishandle; 0x10000 leaves room for a million distinct tokens.
_BASE = 0x10000


@lru_cache(maxsize=1)
def _engine():
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no timeout: the same inputs must always give the same diff
    return dmp


def _encode(words: list[str], table: dict[str, str]) -> str:
    out = []
    for w in words:
        ch = table.get(w)
        if ch is None:
            ch = table[w] = chr(_BASE + len(table))
        out.append(ch)
    return "".join(out)


def word_diff(old: str, new: str) -> Pieces:
    """The word diff of two texts as (op, text) pieces, op "=", "+" or "-", adjacent ops merged."""
    if old == new:
        return (("=", old),) if old else ()
    table: dict[str, str] = {}
    a, b = _encode(tokens(old), table), _encode(tokens(new), table)
    dmp = _engine()
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    words = list(table)
    return merge((_OPS[op], "".join(words[ord(c) - _BASE] for c in text)) for op, text in diffs)


def merge(pieces) -> Pieces:
    """Join adjacent pieces of the same op, drop empty ones, put deletions before insertions."""
    out: list[list[str]] = []
    for op, text in pieces:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1][1] += text
        else:
            out.append([op, text])
    _order(out)
    return tuple((op, text) for op, text in out)


def _order(out: list[list[str]]) -> None:
    for i in range(len(out) - 1):
        if out[i][0] == "+" and out[i + 1][0] == "-":
            out[i], out[i + 1] = out[i + 1], out[i]


def changed_chars(pieces: Pieces) -> int:
    """Characters inserted plus characters deleted."""
    return sum(len(text) for op, text in pieces if op != "=")


def side(pieces: Pieces, which: str) -> str:
    """Rebuild one side from pieces: "old" (= and -) or "new" (= and +)."""
    keep = "-" if which == "old" else "+"
    return "".join(text for op, text in pieces if op in ("=", keep))
