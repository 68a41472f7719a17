"""Measuring an import against a hand-checked spec: blocks that match, numbers that differ.

Blocks are compared as model values in document order (a section by its level and heading, a
paragraph by lead and text, a list by its items), with one allowance: note keys are replaced by
their numbers, since an import cannot know the keys a person chose ([^1+7+3] and [^1] both
print as [1]). Numbers are compared field by field for each result and target, paired by
indicator in document order.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..flat import MARK_RE, note_numbers
from ..model import (DashList, Paragraph, Report, ResultList, Section, TargetList, results, targets,
                     walk)

_RESULT_FIELDS = ("level", "growth", "growth_note", "target", "measure", "comparisons", "name",
                  "verb")
_TARGET_FIELDS = ("measure", "ensure", "strive", "value", "name")


@dataclass
class ImportComparison:
    """How an imported report compares with a reference spec."""

    blocks: int = 0  #: body lines in the reference
    matched: int = 0  #: of those, printed identically in the import (in order)
    mismatched: list[tuple[str, str]] = field(default_factory=list)  #: (reference, imported)
    numbers: int = 0  #: structured numbers compared
    number_diffs: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Share of the reference's blocks matched exactly."""
        return self.matched / self.blocks if self.blocks else 1.0


def blocks(report: Report) -> list[tuple]:
    """Every block as a comparable tuple (kind, level, content), note keys as numbers."""
    numbers = note_numbers(report)

    def norm(text: str) -> str:
        return MARK_RE.sub(lambda m: f"[^{numbers.get(m.group(1), m.group(1))}]", text)

    out: list[tuple] = []
    for b, level in walk(report.body):
        if isinstance(b, Section):
            out.append(("section", level, norm(b.heading)))
        elif isinstance(b, Paragraph):
            out.append(("para", level, norm(b.lead), norm(b.text)))
        elif isinstance(b, DashList):
            out.append(("dashes", level, tuple(norm(x) for x in b.items)))
        elif isinstance(b, ResultList):
            out.append(("results", level, b.items))
        elif isinstance(b, TargetList):
            out.append(("targets", level, b.items))
    return out


def _show(block: tuple) -> str:
    return "" if not block else f"{block[0]}: " + "".join(
        str(x) if not isinstance(x, tuple) else repr(x) for x in block[2:])


def compare(imported: Report, reference: Report) -> ImportComparison:
    """Compare an import with a reference: matching blocks and differing numbers."""
    ref, got = blocks(reference), blocks(imported)
    out = ImportComparison(blocks=len(ref))
    sm = difflib.SequenceMatcher(None, ref, got, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.matched += i2 - i1
            continue
        a, b = ref[i1:i2], got[j1:j2]
        for k in range(max(len(a), len(b))):
            out.mismatched.append((_show(a[k]) if k < len(a) else "",
                                   _show(b[k]) if k < len(b) else ""))
    _numbers(out, list(results(reference)), list(results(imported)), _RESULT_FIELDS, "result")
    _numbers(out, list(targets(reference)), list(targets(imported)), _TARGET_FIELDS, "target")
    return out


def _numbers(out: ImportComparison, ref: list, got: list, names: tuple[str, ...], what: str):
    pool = list(got)
    for r in ref:
        match = next((g for g in pool if g.indicator == r.indicator), None)
        out.numbers += len(names)
        if match is None:
            out.number_diffs.append(f"{what} {r.indicator}: missing from the import")
            continue
        pool.remove(match)
        for name in names:
            a, b = getattr(r, name), getattr(match, name)
            if a != b:
                out.number_diffs.append(f"{what} {r.indicator}.{name}: spec {a!r}, import {b!r}")
        if match.text and not r.text:
            out.number_diffs.append(f"{what} {r.indicator}: import keeps the wording as text")
    for g in pool:
        out.number_diffs.append(f"{what} {g.indicator}: only in the import")


def report(c: ImportComparison) -> str:
    """The comparison as printed figures."""
    out = [f"blocks matching exactly: {c.matched}/{c.blocks} ({c.share:.1%})",
           f"structured fields compared: {c.numbers}, differing: {len(c.number_diffs)}"]
    out += [f"  number differs: {d}" for d in c.number_diffs]
    for ref, got in c.mismatched:
        start = next((i for i, (a, b) in enumerate(zip(ref, got)) if a != b),
                     min(len(ref), len(got)))
        lo = max(0, start - 20)
        out.append(f"  block differs at character {start}:\n    spec:   …{ref[lo:start + 30]}"
                   f"\n    import: …{got[lo:start + 30]}")
    return "\n".join(out)

