"""Aligning two editions: sections by heading and content, paragraphs within them, moves.

Both editions are read as flat lines (flat.lines). A *section* is a heading with the lines under
it up to the next heading of any level; the front matter and any text before the first heading
form a section of their own. Pairing runs cheapest first so long reports stay near-linear:
identical texts by hash, then similar ones within a window of nearby positions, scored by
heading similarity and by shared character pairs of the content. Pairs that keep their order
(the longest increasing run) are in place; the rest are moves. Paragraphs that leave one section
for another are found last, among everything still unpaired.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from ..flat import Line

#: Similar paragraphs pair at or above this share of common character pairs.
PARA_SIMILAR = 0.5
#: Paragraphs this short (both together, in characters) are compared with difflib.
SHORT = 240
#: A section pairs when its heading is this alike, or its content this alike.
HEADING_SIMILAR = 0.6
BODY_SIMILAR = 0.35
#: Children of paired sections pair on this weaker heading or content likeness.
CHILD_HEADING = 0.45
CHILD_BODY = 0.12
#: How many positions either side of the expected one are compared (keeps the cost linear).
WINDOW = 40
PARA_WINDOW = 8


@dataclass
class Unit:
    """A section of one edition: its heading line (None for the front part) and its lines."""

    index: int
    heading: Line | None
    lines: list[Line] = field(default_factory=list)
    parent: int | None = None  #: index of the enclosing section (None at the top level)
    _grams: set | None = None

    @property
    def title(self) -> str:
        """The heading text without its generated number ("" for the front part)."""
        return "" if self.heading is None else self.heading.lead + self.heading.text

    @property
    def display(self) -> str:
        """The heading as printed, number included."""
        return "" if self.heading is None else self.heading.full

    @property
    def level(self) -> int:
        """The heading level (0 for the front part, 1 for the note list)."""
        if self.heading is None:
            return 0
        return self.heading.level or 1

    @property
    def grams(self) -> frozenset:
        """Character pairs of the content (a fixed sample of them when it is long), computed once
        when first needed."""
        if self._grams is None:
            self._grams = sampled_bigrams("".join(ln.full for ln in self.lines))
        return self._grams


_GRAMS: dict[str, frozenset] = {}


def bigrams(text: str) -> frozenset:
    """The set of adjacent character pairs of a text (remembered until clear_cache)."""
    found = _GRAMS.get(text)
    if found is None:
        found = _GRAMS[text] = frozenset(text[i:i + 2] for i in range(len(text) - 1))
    return found


def sampled_bigrams(text: str, over: int = 400) -> frozenset:
    """Character pairs of a long text that start with every fifth code point of the BMP (all of
    them for a short one): the Jaccard index of two samples estimates that of the full sets, for a fifth
    of the work. The sample depends only on the characters, so every run picks the same."""
    if len(text) <= over:
        return bigrams(text)
    starts = _sample_starts()
    return frozenset(text[i:i + 2] for i in range(len(text) - 1) if text[i] in starts)


@lru_cache(maxsize=1)
def _sample_starts() -> frozenset:
    # a set lookup is faster than ord() and a modulo for every character
    return frozenset(chr(c) for c in range(0x10000) if c % 5 == 0 and not 0xD800 <= c < 0xE000)


def clear_cache() -> None:
    """Forget remembered character pairs (one comparison's worth)."""
    _GRAMS.clear()


def jaccard(a: frozenset, b: frozenset) -> float:
    """Shared share of two sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def units(lines: list[Line]) -> list[Unit]:
    """Cut an edition's lines into sections."""
    out = [Unit(0, None)]
    open_at: dict[int, int] = {}  # level -> index of the latest section at that level
    for line in lines:
        if line.kind in ("heading", "notes_heading"):
            unit = Unit(len(out), line)
            unit.parent = open_at.get(unit.level - 1) if unit.level > 1 else None
            open_at = {lv: i for lv, i in open_at.items() if lv < unit.level}
            open_at[unit.level] = unit.index
            out.append(unit)
        else:
            out[-1].lines.append(line)
    return out


# Pairing ---------------------------------------------------------------------------------------

def pair_exact(old_keys: list, new_keys: list, pairs: dict[int, int]) -> None:
    """Pair equal keys in order of occurrence (new index -> old index), skipping paired ones."""
    taken = set(pairs.values())
    waiting: dict = {}
    for i, key in enumerate(old_keys):
        if i not in taken:
            waiting.setdefault(key, []).append(i)
    for j, key in enumerate(new_keys):
        if j in pairs:
            continue
        queue = waiting.get(key)
        if queue:
            pairs[j] = queue.pop(0)


def take_best(scored: list[tuple[float, int, int]], pairs: dict[int, int], taken: set) -> None:
    """Pair (-score, new, old) candidates best first, each index at most once."""
    scored.sort()
    for _, j, i in scored:
        if j not in pairs and i not in taken:
            pairs[j] = i
            taken.add(i)


def pair_similar(n_old: int, n_new: int, score, threshold: float,
                 pairs: dict[int, int], window: int = WINDOW) -> None:
    """Pair the still unpaired, best score first, comparing only nearby positions."""
    taken = set(pairs.values())
    free_old = [i for i in range(n_old) if i not in taken]
    free_new = [j for j in range(n_new) if j not in pairs]
    if not free_old or not free_new:
        return
    ratio = len(free_old) / len(free_new)
    scored = []
    for rank, j in enumerate(free_new):
        centre = int(rank * ratio)
        for i in free_old[max(0, centre - window):centre + window + 1]:
            s = score(i, j)
            if s >= threshold:
                scored.append((-s, j, i))
    take_best(scored, pairs, taken)


def in_place(pairs: dict[int, int]) -> set[int]:
    """New indexes whose pairs keep their order: the longest increasing run of old indexes."""
    import bisect

    items = sorted(pairs.items())
    tails: list[int] = []  # old index ending the best run of each length
    tail_at: list[int] = []  # position in items of that end
    back = [-1] * len(items)
    for k, (_, i) in enumerate(items):
        pos = bisect.bisect_left(tails, i)
        if pos == len(tails):
            tails.append(i)
            tail_at.append(k)
        else:
            tails[pos] = i
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    keep, k = set(), tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(items[k][0])
        k = back[k]
    return keep


def pair_sections(old: list[Unit], new: list[Unit]) -> dict[int, int]:
    """Pair sections: the front parts, equal headings, then similar headings or content."""
    pairs = {0: 0}
    pair_exact([(u.level, u.title) for u in old], [(u.level, u.title) for u in new], pairs)

    def score(i: int, j: int) -> float:
        a, b = old[i], new[j]
        matcher = SequenceMatcher(None, a.title, b.title)
        heading = matcher.ratio() if matcher.real_quick_ratio() >= HEADING_SIMILAR else 0.0
        body = jaccard(a.grams, b.grams)
        s = heading if heading >= HEADING_SIMILAR else 0.0
        s = max(s, body / BODY_SIMILAR * HEADING_SIMILAR if body >= BODY_SIMILAR else 0.0)
        return s - (0.1 if a.level != b.level else 0.0)

    pair_similar(len(old), len(new), score, HEADING_SIMILAR, pairs)
    _pair_children(old, new, pairs)
    return pairs


def _pair_children(old: list[Unit], new: list[Unit], pairs: dict[int, int]) -> None:
    """Under paired parents, pair the children left over on a weaker likeness.

    A rewritten subsection ("推动成渝地区双城经济圈建设乘势跃升" one year, "……走深走实" the next)
    shares little text with its counterpart, but more than with its other siblings.
    """
    taken = set(pairs.values())
    kids_old: dict[int, list[Unit]] = {}
    for u in old:
        if u.parent is not None and u.index not in taken:
            kids_old.setdefault(u.parent, []).append(u)
    kids_new: dict[int, list[Unit]] = {}
    for u in new:
        if u.parent is not None and u.index not in pairs:
            kids_new.setdefault(u.parent, []).append(u)
    scored = []
    for j_parent, kids in kids_new.items():
        i_parent = pairs.get(j_parent)
        for b in kids:
            for a in kids_old.get(i_parent, ()) if i_parent is not None else ():
                if a.level == b.level:
                    heading = SequenceMatcher(None, a.title, b.title).ratio()
                    s = max(heading / CHILD_HEADING, jaccard(a.grams, b.grams) / CHILD_BODY)
                    if s >= 1:
                        scored.append((-s, b.index, a.index))
    take_best(scored, pairs, taken)


def similarity(a: str, b: str) -> float:
    """How alike two paragraphs are (0–1); 0 for any pair below PARA_SIMILAR's reach.

    Short lines (a target line, a heading) use difflib's ratio, since one changed number is a
    large share of their character pairs; long ones use shared character pairs, which is fast.
    """
    la, lb = len(a), len(b)
    if min(la, lb) < PARA_SIMILAR * max(la, lb):
        return 0.0  # either measure is at most the length ratio: too unlike to pair
    if la + lb <= SHORT:
        matcher = SequenceMatcher(None, a, b)
        return matcher.ratio() if matcher.quick_ratio() >= PARA_SIMILAR else 0.0
    return jaccard(bigrams(a), bigrams(b))


def pair_paragraphs(old: list[str], new: list[str]) -> dict[int, int]:
    """Pair paragraphs of two sections: equal texts, then similar ones."""
    pairs: dict[int, int] = {}
    pair_exact(old, new, pairs)
    if len(pairs) < min(len(old), len(new)):
        def score(i: int, j: int) -> float:
            return similarity(old[i], new[j])

        # a near window: a paragraph that went further is still found as a move, later
        pair_similar(len(old), len(new), score, PARA_SIMILAR, pairs, PARA_WINDOW)
    return pairs
