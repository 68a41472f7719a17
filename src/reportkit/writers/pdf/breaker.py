"""Chinese line breaking (避头尾) on a fixed grid.

The breaker sees a paragraph as characters with widths (points) and returns where its lines
end. It never measures fonts itself, so it can be tested on plain strings.

Rules (GB/T 15834 practice, and what the issue asks):

- no line starts with a closing or pausing mark (``NO_START``: ，。、；：？！”’）》〉】…— …);
- no line ends with an opening mark (``NO_END``: “‘（《〈【 …);
- a number stays with its unit ("571.02亿元", "6.5%", "0.2个百分点") and a Latin/digit run is
  never split (it keeps its real width from the Latin face's metrics);
- a note mark "[12]" stays with the character before it;
- everywhere else a break is allowed between two characters, as in Chinese typesetting.

A paragraph is split greedily: each line takes as many unbreakable clusters as fit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

from ... import vocab

#: Marks that must not start a line.
NO_START = frozenset("，。、；：？！”’）》〉】」』〕〗…—·,.;:?!)]}%‰℃")
#: Marks that must not end a line.
NO_END = frozenset("“‘（《〈【「『〔〖([{")
#: Marks that may hang in the right margin when they would start the next line (LibreOffice's
#: "allow hanging punctuation", on for the .docx: its zh-CN hanging characters).
HANGING = frozenset("、。，．,.")
#: Closing marks (Unicode line-break class CL) that keep a Latin letter or digit after them:
#: LibreOffice never breaks "同）|6.7%" or "22.6%、|21.4%", so neither do we.
_CLOSE = frozenset("、。，．）》〉】」』〕〗］｝")

_LATIN = re.compile(r"[A-Za-z0-9.%+\-/#&@_'~‰]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
_MARK = re.compile(r"\[\d+\]")
_UNITS = re.compile("|".join(sorted(map(re.escape, vocab.NUMBER_UNITS), key=len, reverse=True)))

_NO_START_RE = re.compile("[" + re.escape("".join(sorted(NO_START))) + "]")
#: An opening mark (the character after it is glued to it), or a closing one before a Latin
#: letter or digit (which is glued to it): matched on the mark, which is cheaper than a
#: lookbehind tried at every character.
_BEFORE_GLUED_RE = re.compile("[" + re.escape("".join(sorted(NO_END))) + "](?=.)|["
                              + re.escape("".join(sorted(_CLOSE))) + "](?=[A-Za-z0-9])",
                              re.DOTALL)



@dataclass(frozen=True)
class LineRules:
    """The house style's line rules (``lines`` and ``body.widow_control``), which both writers
    read: the .docx states them, the PDF applies them. A profile that lacks a key gets the
    official style's value."""

    keep_units: bool = True
    hanging: frozenset = HANGING
    autospace_em: float = 0.2
    widow_control: bool = False

    @classmethod
    def from_style(cls, style) -> LineRules:
        """The rules of a house style (a reportkit.style.Style)."""
        def get(default, *path):
            try:
                return style.value(*path)
            except (KeyError, TypeError):
                return default

        return cls(bool(get(cls.keep_units, "lines", "keep_units")),
                   frozenset(str(get("".join(sorted(HANGING)), "lines", "hanging_punctuation"))),
                   float(get(cls.autospace_em, "lines", "autospace_em")),
                   bool(get(cls.widow_control, "body", "widow_control")))


#: Slack for floating-point sums of widths (points).
EPS = 1e-6


@dataclass(frozen=True)
class Span:
    """One line of a paragraph: characters [start, end) and their natural width in points."""

    start: int
    end: int
    width: float


def glue(text: str, units: bool = True, kept: list | None = None) -> list[bool]:
    """For each index i, True when no break is allowed between text[i-1] and text[i].

    ``units=False`` lets a number part from its unit; ``kept`` are the text's unit_spans when
    the caller has them already (the layout does).
    """
    g = [False] * len(text)
    if text:
        g[0] = True
    for m in _NO_START_RE.finditer(text):
        g[m.start()] = True
    for m in _BEFORE_GLUED_RE.finditer(text):
        g[m.end()] = True
    for regex in (_LATIN, _MARK):
        for m in regex.finditer(text):
            g[m.start() + 1:m.end()] = [True] * (m.end() - m.start() - 1)
    for m in _MARK.finditer(text):
        if m.start() > 0:
            g[m.start()] = True  # the mark belongs to the word before it
    if units and kept is not None:
        for _, _, js in kept:
            for i in js:
                g[i] = True
    elif units:
        _glue_units(text, g)
    return g


def _glue_units(text: str, g: list[bool]) -> None:
    for m in _NUMBER.finditer(text):
        unit = _UNITS.match(text, m.end())
        if unit:
            for i in range(m.end(), unit.end()):
                g[i] = True


#: The word joiner the .docx puts between a number and its unit: LibreOffice breaks Chinese
#: text anywhere outside its forbidden marks (even around U+2060/U+FEFF), but in a run whose
#: East Asian language is not CJK it follows Unicode line breaking, which honours U+2060.
JOINER = "\u2060"
#: Marks that stay in the kept run after a unit: a break before them would otherwise be moved
#: back into the unit by LibreOffice's CJK forbidden-character rule ("20亿|元，").
_KEPT_TAIL = frozenset("，。、；：？！”’）》〉】」』〕〗…")


def unit_spans(text: str) -> list[tuple[int, int, tuple[int, ...]]]:
    """Where numbers meet their units: (start, end, joins) for each number-and-unit span
    (with the closing marks after it); ``joins`` are the indexes a joiner goes before."""
    out = []
    for m in _NUMBER.finditer(text):
        unit = _UNITS.match(text, m.end())
        if not unit:
            continue
        end = unit.end()
        while end < len(text) and text[end] in _KEPT_TAIL:
            end += 1
        out.append((m.start(), end, tuple(range(m.end(), unit.end()))))
    return out


def joins(text: str, kept: list | None = None) -> set[int]:
    """Indexes the .docx puts a word joiner before: each unit character of ``kept`` (unit_spans)
    and each note mark "[12]", which stays with the character before it."""
    kept = unit_spans(text) if kept is None else kept
    out = {j for _, _, js in kept for j in js}
    out.update(m.start() for m in _MARK.finditer(text) if m.start() > 0)
    return out


def clusters(text: str, units: bool = True, kept: list | None = None) -> list[tuple[int, int]]:
    """The unbreakable pieces of a text as [start, end) index pairs (``kept``: see glue)."""
    g = glue(text, units, kept)
    starts = [i for i, glued in enumerate(g) if not glued or i == 0]
    return list(zip(starts, starts[1:] + [len(text)]))


def break_lines(text: str, widths: Sequence[float], first: float, rest: float | None = None,
                hanging: frozenset = frozenset(), tails: Mapping[int, float] | None = None,
                units: bool = True, unhung: frozenset = frozenset(),
                kept: list | None = None) -> list[Span]:
    """Split a paragraph into lines: ``first`` is the first line's width, ``rest`` the others'.

    A cluster wider than a whole line is split by character (it cannot fit otherwise).
    Spaces at the end of a line take no room, as in Word and LibreOffice, and so does one
    final mark of ``hanging`` (it hangs in the margin). ``tails[i]`` is the part of
    ``widths[i]`` that is not needed when a line ends after character i (the space Chinese
    keeps from a following Latin letter). A mark at an index in ``unhung`` never hangs (the
    .docx sets it in a run LibreOffice does not hang: see unit_spans). ``kept``: see glue.
    """
    rest = first if rest is None else rest
    end_of = _Ends(text, widths, hanging, tails or {}, unhung)
    at = [0.0, *accumulate(widths)]  # at[i]: width of text[:i]
    pieces = clusters(text, units, kept)
    # Clusters that fit even with their full width need no look: with widths never negative
    # (``at`` rising), bisect finds the first that may not, so the loop runs once per line.
    ends_at = [at[b] for _, b in pieces] if min(widths, default=0) >= 0 else None
    spans: list[Span] = []
    start, room = 0, first
    i, n = 0, len(pieces)
    while i < n:
        if ends_at is not None:
            i = bisect_right(ends_at, at[start] + room + EPS, i)
            if i == n:
                break
        a, b = pieces[i]
        i += 1
        # most clusters fit even with their full width: the exact end width only when not
        if a > start and at[b] - at[start] > room + EPS and end_of(start, b) > room + EPS:
            spans.append(Span(start, a, at[a] - at[start]))
            start, room = a, rest
        while b - start > 1 and at[b] - at[start] > room + EPS and end_of(start, b) > room + EPS:
            cut = _fit(at, start, b, room)  # a cluster longer than a line: split by force
            spans.append(Span(start, cut, at[cut] - at[start]))
            start, room = cut, rest
    spans.append(Span(start, len(text), at[len(text)] - at[start]))
    return spans


class _Ends:
    """The width characters [a, b) need at the end of a line: trailing spaces, one hanging
    mark and the autospace after the last character stand outside the line."""

    def __init__(self, text: str, widths: Sequence[float], hanging: frozenset,
                 tails: Mapping[int, float], unhung: frozenset = frozenset()):
        self.text, self.widths, self.hanging, self.tails = text, widths, hanging, tails
        self.unhung = unhung

    def __call__(self, a: int, b: int) -> float:
        text, widths = self.text, self.widths
        w = sum(widths[a:b])
        while b > a and text[b - 1] == " ":
            b -= 1
            w -= widths[b]
        if b - a > 1 and text[b - 1] in self.hanging and b - 1 not in self.unhung:
            w -= widths[b - 1]
        elif b > a:
            w -= self.tails.get(b - 1, 0.0)
        return w


def _fit(at: Sequence[float], start: int, end: int, room: float) -> int:
    """How far from ``start`` characters fit in ``room`` (at least one)."""
    i = start
    while i < end and at[i + 1] - at[start] <= room + EPS:
        i += 1
    return max(i, start + 1)
