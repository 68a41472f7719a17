"""Breaking a long title into balanced lines by meaning (GB/T 9704-2012 §7.3.1).

A title longer than a line is set as a trapezoid or diamond of lines of similar length, each at
most ``max_chars`` wide (digits and Latin letters count half), broken only between words: never
inside a word found by rjieba, a number with its unit (2023年), or a 《…》 title (unless the
《…》 alone is wider than a line), and by the body's 避头尾 rules: no line ends with an opening
mark （《“〈【 and none starts with a closing or pausing mark ）》”，、 or a space. Each break has a cost in meaning: best before the conjunction
that joins the title's halves (及, 与), good before a year, bad inside a compound noun or around
的; each line has a cost for its distance from the even width. The cheapest split with the
fewest lines, or one line more, wins, so a diamond that keeps a phrase whole can beat two lines.

rjieba's dictionary takes about 0.15 s to load, longer than the rest of a build, so the breaks
of each title are kept in a small cache file (a pure function of the title, the width and this
module's rules); ``REPORTKIT_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .pdf.breaker import NO_END, NO_START

RULES_VERSION = "4"  # part of the cache key: bump it whenever the costs below change
#: Conjunctions that join the halves of a title ("……执行情况及2024年计划草案"): the line
#: after the break starts with them, as in 国务院 and provincial titles.
TOP_CONJUNCTIONS = ("及", "与", "暨", "以及")
_BALANCE = 0.25  # cost of one character of difference from the ideal line width
_LINE = 0.5  # cost of one more line: a third line wins only when it breaks at better places
_BOOK_RE = re.compile(r"《[^》]*》")
_NUMBER_RE = re.compile(r"[0-9０-９.．]+[年月日号%]?")


def width(text: str) -> float:
    """The width of a text in full-width characters: ASCII counts half."""
    return sum(0.5 if ord(c) < 0x80 else 1.0 for c in text)


def break_title(text: str, max_chars: float = 20) -> list[str]:
    """The title as lines: as few as fit ``max_chars``, as even as the words allow."""
    if width(text) <= max_chars:
        return [text]
    cached = _cache_get(text, max_chars)
    if cached is not None and "".join(cached) == text:
        return cached
    lines = _best_lines(_words(text, keep_books=True), max_chars)
    if len(lines) == 1:  # a 《…》 wider than a line: it has to be broken too
        lines = _best_lines(_words(text, keep_books=False), max_chars)
    _cache_put(text, max_chars, lines)
    return lines


def _words(text: str, keep_books: bool) -> list[tuple[str, str]]:
    """(word, part of speech) pairs, with numbers and their units (and 《…》 spans) whole."""
    import rjieba

    out: list[tuple[str, str]] = []
    pos = 0
    for m in _BOOK_RE.finditer(text) if keep_books else ():
        out += _merge_numbers(rjieba.tag(text[pos:m.start()])) if m.start() > pos else []
        out.append((m.group(), "nz"))
        pos = m.end()
    if pos < len(text):
        out += _merge_numbers(rjieba.tag(text[pos:]))
    return _glue_marks(out)


def _glue_marks(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Opening marks joined to the word after them, closing marks and spaces to the word
    before (避头尾): a break can then never leave "（" at a line's end or "）" at its start.
    The joined word keeps the tag of its word, so a break before "（2023年" still reads as one
    before a year."""
    out: list[tuple[str, str]] = []
    for word, tag in words:
        if out and (out[-1][0][-1] in NO_END or word[0] in NO_START or word[0].isspace()):
            prev, prev_tag = out[-1]
            only_marks = all(c in NO_END for c in prev)
            out[-1] = (prev + word, tag if only_marks else prev_tag)
        else:
            out.append((word, tag))
    return out


def _merge_numbers(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join a number to the unit that follows it (2023 + 年): a break there splits a word."""
    out: list[tuple[str, str]] = []
    for word, tag in tagged:
        if out and _NUMBER_RE.fullmatch(out[-1][0] + word) and out[-1][1] == "m":
            out[-1] = (out[-1][0] + word, "m")
        else:
            out.append((word, tag))
    return out


def _best_lines(words: list[tuple[str, str]], max_chars: float) -> list[str]:
    """The cheapest split with the fewest lines or one more (a diamond can read better)."""
    widths = [width(w) for w, _ in words]
    total = sum(widths)
    fewest = max(2, int(-(-total // max_chars)))
    found = []
    for count in range(fewest, len(words) + 1):
        split = _split(words, widths, count, max_chars, total / count)
        if split is not None:
            found.append(split)
        if len(found) == 2 or (found and count > fewest + 1):
            break
    if not found:
        return ["".join(w for w, _ in words)]
    return min(found, key=lambda s: (s[0], len(s[1])))[1]


def _split(words, widths, count: int, max_chars: float, ideal: float):
    """(cost, lines) of the cheapest split into ``count`` lines within max_chars, or None."""
    n = len(words)
    inf = float("inf")
    # best[k][i]: cost of setting words[:i] in k lines; back[k][i]: where the last line starts
    best = [[inf] * (n + 1) for _ in range(count + 1)]
    back = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    for k in range(1, count + 1):
        for i in range(1, n + 1):
            w = 0.0
            for j in range(i - 1, -1, -1):
                w += widths[j]
                if w > max_chars:
                    break
                if best[k - 1][j] == inf:
                    continue
                cost = (best[k - 1][j] + _BALANCE * abs(w - ideal)
                        + (_break_cost(words, i) if i < n else 0))
                if cost < best[k][i]:
                    best[k][i], back[k][i] = cost, j
    if best[count][n] == inf:
        return None
    lines, i = [], n
    for k in range(count, 0, -1):
        j = back[k][i]
        lines.append("".join(w for w, _ in words[j:i]))
        i = j
    return best[count][n] + _LINE * count, lines[::-1]


def _break_cost(words, i: int) -> float:
    """What breaking between words[i-1] and words[i] costs in meaning (0 best)."""
    (prev, before), (word, after) = words[i - 1], words[i]
    if word in TOP_CONJUNCTIONS:
        return 0.0
    if prev in TOP_CONJUNCTIONS:
        return 2.0
    if "uj" in (before, after) or "ul" in (before, after):
        return 6.0  # 的 binds what precedes it to what follows
    if after == "m":
        return 1.0  # a year or number starts a new modifier
    if before == "m":
        return 2.0  # after a year: between a modifier and what it modifies
    if before == "p":
        return 2.0  # 关于 left alone at the end of a line
    if before == "c" or after == "c":
        return 4.0  # 和 joins two words of one phrase
    if before[:1] in "nv" and after[:1] in "nv":
        return 4.0  # inside a compound noun phrase
    return 3.0


def _cache_file() -> Path | None:
    if os.environ.get("REPORTKIT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "reportkit" / "title-breaks.tsv"


def _key(text: str, max_chars: float) -> str:
    # plain text, no hashing: hashlib and json would cost more to import than the lookup saves
    return f"{RULES_VERSION}\t{max_chars:g}\t{text}\t"


def _cache_get(text: str, max_chars: float) -> list[str] | None:
    path = _cache_file()
    if path is None or "\t" in text or "\n" in text:
        return None
    key = _key(text, max_chars)
    try:
        with open(path, encoding="utf-8") as fh:
            for row in fh:
                if row.startswith(key):
                    return row[len(key):].rstrip("\n").split("\t")
    except (OSError, ValueError):
        return None
    return None


def _cache_put(text: str, max_chars: float, lines: list[str]) -> None:
    path = _cache_file()
    if path is None or "\t" in text or "\n" in text:
        return
    try:
        rows = path.read_text(encoding="utf-8").splitlines(keepends=True) if path.exists() else []
        rows = rows[-999:] + [_key(text, max_chars) + "\t".join(lines) + "\n"]
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
        tmp.write_text("".join(rows), encoding="utf-8")
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs time
