"""Sections and paragraphs across two editions, with word diffs and moves.

``align(old_lines, new_lines)`` returns :class:`SecEntry` values that keep the flat lines (the
redline lays those out); ``to_model`` turns them into the DiffResult's SectionDiff values.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from ..flat import Line
from .align import (
    Unit,
    bigrams,
    clear_cache,
    in_place,
    jaccard,
    pair_paragraphs,
    pair_sections,
    sampled_bigrams,
    take_best,
    units,
)
from .model import ParaDiff, SectionDiff
from .text import Pieces, changed_chars, word_diff

#: A paragraph that left its section pairs with one elsewhere at this similarity or more.
MOVE_SIMILAR = 0.6
#: How many of a paragraph's sampled character pairs look for where it came from.
RAREST = 32
#: ... and stop once they name this many candidates in all.
BUDGET = 256


@dataclass
class ParaEntry:
    """A paragraph in the merged order: op, its old and new lines, its word diff."""

    op: str
    old: Line | None = None
    new: Line | None = None
    pieces: Pieces = ()
    moved_from: str = ""
    moved_to: str = ""


@dataclass
class SecEntry:
    """A section in the merged order (new edition order, removed ones where they stood)."""

    old: Unit | None
    new: Unit | None
    moved: bool = False
    paras: list[ParaEntry] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The heading a reader sees for this section (new edition's when both exist)."""
        unit = self.new or self.old
        return unit.display


def align(old_lines: list[Line], new_lines: list[Line]) -> list[SecEntry]:
    """Align two editions' lines into merged sections with paragraph entries and moves."""
    clear_cache()
    old_u, new_u = units(old_lines), units(new_lines)
    pairs = pair_sections(old_u, new_u)
    keep = in_place(pairs)
    entries = _merge_order(old_u, new_u, pairs, keep)
    for e in entries:
        e.paras = _paragraphs(e)
    _cross_moves(entries)
    for e in entries:
        for p in e.paras:
            p.pieces = _pieces(p)
    clear_cache()
    return entries


def _merge_order(old_u, new_u, pairs, keep) -> list[SecEntry]:
    """New edition order; each removed old section goes right before its old successor."""
    paired_old = set(pairs.values())
    waiting = [i for i in range(len(old_u)) if i not in paired_old]
    out, w = [], 0
    for j, unit in enumerate(new_u):
        i = pairs.get(j)
        if i is not None and j in keep:
            while w < len(waiting) and waiting[w] < i:
                out.append(SecEntry(old_u[waiting[w]], None))
                w += 1
        out.append(SecEntry(old_u[i] if i is not None else None, unit, moved=j not in keep
                            and i is not None))
    out += [SecEntry(old_u[i], None) for i in waiting[w:]]
    return out


def _paragraphs(e: SecEntry) -> list[ParaEntry]:
    old = e.old.lines if e.old else []
    new = e.new.lines if e.new else []
    pairs = pair_paragraphs([ln.full for ln in old], [ln.full for ln in new])
    keep = in_place(pairs)
    kept_old = {pairs[q] for q in keep}
    out: list[ParaEntry] = []
    # old lines not kept in place, in order: removed, or moved within the section
    moved_old = {pairs[q]: q for q in pairs if q not in keep}
    lone = [p for p in range(len(old)) if p not in kept_old]
    w = 0
    for q, line in enumerate(new):
        p = pairs.get(q)
        if p is not None and q in keep:
            while w < len(lone) and lone[w] < p:
                out.append(_old_only(old[lone[w]], lone[w] in moved_old, e.name))
                w += 1
            out.append(ParaEntry("equal" if old[p].full == line.full else "changed", old[p], line))
        elif p is not None:
            out.append(ParaEntry("moved", old[p], line, moved_from=e.name))
        else:
            out.append(ParaEntry("added", None, line))
    out += [_old_only(old[p], p in moved_old, e.name) for p in lone[w:]]
    return out


def _old_only(line: Line, moved: bool, section: str) -> ParaEntry:
    if moved:
        return ParaEntry("moved", line, None, moved_to=section)
    return ParaEntry("removed", line, None)


def _cross_moves(entries: list[SecEntry]) -> None:
    """Turn a removal in one section and an addition in another into a move, when alike."""
    gone = [(e, p) for e in entries for p in e.paras if p.op == "removed"]
    came = [(e, p) for e in entries for p in e.paras if p.op == "added"]
    if not gone or not came:
        return
    pairs: dict[int, int] = {}
    exact: dict[str, list[int]] = {}
    for i, (_, p) in enumerate(gone):
        exact.setdefault(p.old.full, []).append(i)
    for j, (_, p) in enumerate(came):
        queue = exact.get(p.new.full)
        if queue:
            pairs[j] = queue.pop(0)
    _similar_moves(gone, came, pairs)
    for j, i in pairs.items():
        (ge, gp), (ce, cp) = gone[i], came[j]
        gp.op, gp.moved_to = "moved", ce.name
        cp.op, cp.old, cp.moved_from = "moved", gp.old, ge.name


def _features(text: str) -> frozenset:
    # a fixed sample of the character pairs (by first character): cheap to index, and the same
    # in every run, unlike a sample by hash()
    return sampled_bigrams(text, over=0)


def _similar_moves(gone, came, pairs: dict[int, int]) -> None:
    """Pair the rest by shared sampled features, checking the few best candidates fully."""
    taken = set(pairs.values())
    index: dict[str, list[int]] = {}
    for i, (_, p) in enumerate(gone):
        if i not in taken:
            for f in _features(p.old.full):
                index.setdefault(f, []).append(i)
    scored = []
    for j, (_, p) in enumerate(came):
        if j not in pairs:
            for i in _candidates(p.new.full, index):
                s = _likeness(gone[i][1].old.full, p.new.full)
                if s >= MOVE_SIMILAR:
                    scored.append((-s, j, i))
    take_best(scored, pairs, taken)


def _candidates(text: str, index: dict[str, list[int]], keep: int = 4) -> list[int]:
    """The few removed paragraphs sharing the most of a text's rarest sampled features.

    Rarest first, because they point at the likely sources; the budget bounds the work when a
    text repeats itself many times over.
    """
    counts: dict[int, int] = {}
    seen = 0
    for f in sorted(_features(text), key=lambda f: (len(index.get(f, ())), f))[:RAREST]:
        posting = index.get(f, ())
        if seen and seen + len(posting) > BUDGET:
            break
        seen += len(posting)
        for i in posting:
            counts[i] = counts.get(i, 0) + 1
    return heapq.nsmallest(keep, counts, key=lambda i: (-counts[i], i))


def _likeness(a: str, b: str) -> float:
    """Shared character pairs of two paragraphs; 0 when their lengths already rule a move out."""
    if min(len(a), len(b)) < MOVE_SIMILAR * max(len(a), len(b)):
        return 0.0
    return jaccard(bigrams(a), bigrams(b))


def _pieces(p: ParaEntry) -> Pieces:
    if p.old is not None and p.new is not None:
        return word_diff(p.old.full, p.new.full)
    if p.new is not None:
        return (("+", p.new.full),)
    return (("-", p.old.full),)


# To the result model ---------------------------------------------------------------------------

def heading_pieces(e: SecEntry) -> Pieces:
    """The word diff of a section's heading (numbers included)."""
    old = e.old.display if e.old else ""
    new = e.new.display if e.new else ""
    return word_diff(old, new) if old or new else ()


def to_model(entries: list[SecEntry]) -> list[SectionDiff]:
    """The result model's sections, with ids s0, s1 … in merged order."""
    return [_section(k, e) for k, e in enumerate(entries)]


def _section(k: int, e: SecEntry) -> SectionDiff:
    paras = tuple(_para(p) for p in e.paras)
    renamed = bool(e.old and e.new and e.old.title != e.new.title)
    status = _status(e, renamed, paras)
    counted = [p for p in paras if not _moved_away(p)]  # a move counts where it now stands
    total = sum(len(p.old or "") + len(p.new or "") for p in counted)
    changed = sum(changed_chars(p.pieces) for p in counted if p.op != "equal")
    heads = heading_pieces(e)
    total += sum(len(t) for _, t in heads)
    changed += changed_chars(heads) if renamed or not (e.old and e.new) else 0
    unit = e.new or e.old
    return SectionDiff(f"s{k}", status, unit.level, e.old.display if e.old else None,
                       e.new.display if e.new else None, renamed, e.moved,
                       round(changed / total, 4) if total else 0.0, paras)


def _status(e: SecEntry, renamed: bool, paras) -> str:
    if e.old is None:
        return "added"
    if e.new is None:
        return "removed"
    if e.moved:
        return "moved"
    if renamed:
        return "renamed"
    return "changed" if any(p.op != "equal" for p in paras) else "unchanged"


def _para(p: ParaEntry) -> ParaDiff:
    old = p.old.full if p.old else None
    new = p.new.full if p.new else None
    total = len(old or "") + len(new or "")
    share = 0.0 if p.op == "equal" else changed_chars(p.pieces) / total if total else 0.0
    if _moved_away(p):
        share = 0.0  # the move itself is counted once, where the paragraph now stands
    return ParaDiff(p.op, old, new, p.pieces, p.moved_from, p.moved_to, round(share, 4))


def _moved_away(p) -> bool:
    return p.op == "moved" and p.new is None
