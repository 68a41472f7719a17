"""Absorbing reviewed Word files into their spec: read, map, resolve conflicts, apply, validate.

:func:`absorb` does everything but writing: it returns an :class:`Outcome` with the new spec
text, the edits applied, the conflicts and the rejected edits (each with why), the notes and
the comments, for commands/absorb.py to print and write.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import flat
from ..problems import Problem, ReportError
from ..readers.source import decode, read_bytes
from ..readers.spec import _Loader, read_spec_text
from ..writers.docx.review import PROP_LINES, PROP_SPEC, PROP_TEXT, fingerprint
from . import apply as yaml_edit
from .map import Edit, Mapped, map_review
from .places import places
from .read import Para, read_review


@dataclass
class Outcome:
    """What absorbing gives: the spec's old and new text and what happened to each change."""

    spec: str
    old_text: str
    new_text: str
    applied: list[Edit] = field(default_factory=list)
    conflicts: list[list[Edit]] = field(default_factory=list)
    rejected: list[tuple[Edit, str]] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    mapped: list[Mapped] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)
    revisions: int = 0

    @property
    def comments(self) -> list[tuple]:
        """(file, Comment, Place | None) for every comment of every file."""
        return [(m.source, c, p) for m in self.mapped for c, p in m.comments]


def absorb(spec: str, reviewed: list[str], force: bool = False) -> Outcome:
    """Absorb reviewed .docx files into the spec at ``spec`` (nothing is written)."""
    text, _ = decode(read_bytes(spec), spec)
    report, problems = read_spec_text(text, spec)
    if report is None:
        raise ReportError(next((p for p in problems if p.level == "error"), Problem(
            spec, 0, 0, "error", "RK604", "the spec cannot be read")))
    from ..lint import check

    problems = problems + check(report)
    lines = flat.lines(report)
    where = places(report, lines)
    plain = yaml.load(text, Loader=_Loader)  # read-only for mapping: PyYAML's C loader is fast
    out = Outcome(spec, text, text)
    own = fingerprint(lines)
    for path in reviewed:
        rev = read_review(path)
        _untracked(rev, lines, out)
        out.revisions += rev.revisions
        exact = rev.properties.get(PROP_TEXT) == own
        if not exact and not force:
            out.refused.append(_refusal(path, spec, rev.properties))
            continue
        mapped = map_review(rev, report, where, plain, exact)
        out.mapped.append(mapped)
        out.notes += mapped.notes
        if not exact:
            out.notes.append(Problem(path, 0, 0, "warning", "RK605", _sureness(mapped)))
    if out.refused:
        return out
    edits = _resolve(out)
    _apply_valid(out, edits, text, problems, plain)
    return out


def _untracked(rev, lines: list, out: Outcome) -> None:
    """A file edited without Track Changes: its text is compared with the build's lines, so
    the edits still come back (with a note saying how they were found)."""
    if rev.revisions:
        return
    built = [line.full for line in lines]
    text = [p.text for p in rev.new if p.text.strip()]
    if text == built:
        return
    rev.old = [Para(t) for t in built]
    rev.revisions = sum(a != b for a, b in zip(built, text)) + abs(len(built) - len(text))
    out.notes.append(Problem(rev.path, 0, 0, "warning", "RK609",
                             "the file has no tracked changes but its text differs from the "
                             "build: it was edited with Track Changes off; its edits were found "
                             "by comparing it with the spec's text"))


def _refusal(path: str, spec: str, props: dict[str, str]) -> Problem:
    if PROP_TEXT not in props:
        why = (f"it was not built by reportkit from {Path(spec).name} (it carries no "
               f"{PROP_TEXT} property)")
    else:
        built = props.get(PROP_SPEC) or "another spec"
        why = (f"it was built from {built} as it was then ({props.get(PROP_LINES, '?')} lines), "
               f"not from {Path(spec).name} as it is now")
    return Problem(path, 0, 0, "error", "RK606",
                   f"{why}; use --force to align its paragraphs with the spec by text")


def _sureness(m: Mapped) -> str:
    pct = round(m.sureness * 100)
    return (f"aligned by text (--force): {pct}% of the file's original paragraphs match a line "
            "of the spec exactly" + ("; changes to the others are listed as no longer applying"
                                     if pct < 100 else ""))


def _resolve(out: Outcome) -> list[Edit]:
    """The edits of every file, the same edit from several files once; two different edits
    of one place (or an edit inside an item another file deletes or moves) are a conflict and
    neither is applied, nor any other part of the changes they belong to."""
    by_key: dict[tuple, list[Edit]] = defaultdict(list)
    for m in out.mapped:
        for e in m.edits:
            by_key[e.key()].append(e)
    chosen = {}
    for key, group in by_key.items():
        values = {repr(e.value) for e in group}
        if len(values) > 1 and len({e.source for e in group}) > 1:
            out.conflicts.append(group)
        else:
            chosen[key] = group if key[0] == "insert" and len({e.source for e in group}) == 1 \
                else group[:1]
    removed = {k[1]: k for k in chosen if k[0] == "item"}
    for key in list(chosen):
        for cut, rkey in removed.items():
            if key != rkey and key[1][:len(cut)] == cut and key in chosen and rkey in chosen \
                    and chosen[key][0].source != chosen[rkey][0].source:
                out.conflicts.append(chosen.pop(key) + chosen.pop(rkey))
    edits = [e for group in chosen.values() for e in group]
    held = {e.group for conflict in out.conflicts for e in conflict}
    for conflict in out.conflicts:
        groups = {e.group for e in conflict}
        conflict += [e for e in edits if e.group in groups]
    return [e for e in edits if e.group not in held]


def _apply_valid(out: Outcome, edits: list[Edit], text: str, before: list[Problem],
                 plain) -> None:
    """Apply the changes that keep the spec valid. Trials run on plain data dumped by PyYAML's
    C dumper (about 40 ms each, where a ruamel.yaml round trip takes 300 ms); the changes that
    cause new errors are found by halving (delta debugging), so one bad change among 50 costs
    about a dozen trials. A change (all the edits of one group) is kept or left out whole. The
    spec's text is then edited once, with ruamel.yaml."""
    groups: dict[str, list[Edit]] = defaultdict(list)
    for e in edits:
        groups[e.group or str(id(e))].append(e)
    bad = _culprits(list(groups.values()), [], plain, out.spec, before)
    for change in bad:
        _, errs = _trial(change, plain, out.spec, before)
        why = "; ".join(p.message for p in errs[:2]) or "invalid together with other edits"
        out.rejected += [(e, why) for e in change]
    dropped = {id(e) for change in bad for e in change}
    out.applied = [e for e in edits if id(e) not in dropped]
    data = yaml_edit.load(text)
    yaml_edit.apply(data, out.applied)
    out.new_text = yaml_edit.dump(data)


def _culprits(changes: list[list[Edit]], base: list[Edit], plain, spec: str, before
              ) -> list[list[Edit]]:
    """The changes that, added to ``base``, make the spec invalid."""
    flat_edits = [e for c in changes for e in c]
    if not changes or not _trial(base + flat_edits, plain, spec, before)[1]:
        return []
    if len(changes) == 1:
        return changes
    half = len(changes) // 2
    bad_a = _culprits(changes[:half], base, plain, spec, before)
    good_a = [e for c in changes[:half] if not any(c is b for b in bad_a) for e in c]
    return bad_a + _culprits(changes[half:], base + good_a, plain, spec, before)


def _trial(edits: list[Edit], plain, spec: str, before: list[Problem]):
    """The edits applied to a copy of the spec's plain data: its text (PyYAML's dump) and the
    errors it has that the spec had not."""
    import copy

    from ..lint import check

    data = copy.deepcopy(plain)
    try:
        yaml_edit.apply(data, edits)
    except (KeyError, IndexError, TypeError) as exc:
        return "", [Problem(spec, 0, 0, "error", "RK607", f"cannot apply: {exc}")]
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    new = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1 << 20)
    report, problems = read_spec_text(new, spec)
    if report is not None:
        problems = problems + check(report)
    old = Counter((p.code, p.message) for p in before if p.level == "error")
    errors = []
    for p in problems:
        if p.level == "error":
            if old[(p.code, p.message)]:
                old[(p.code, p.message)] -= 1
            else:
                errors.append(p)
    return new, errors
