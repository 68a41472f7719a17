"""What a comparison of two editions finds: plain frozen dataclasses, rendered by diff/render.

The JSON output is these dataclasses as dictionaries (see data/diff.schema.json), so a field
added here is a schema change: keep names stable and add, never rename.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Target change kinds, as in the JSON schema.
CHANGES = ("added", "removed", "changed", "unchanged", "kind-changed")
#: Section statuses.
STATUSES = ("unchanged", "changed", "renamed", "moved", "added", "removed")
#: Paragraph operations.
PARA_OPS = ("equal", "changed", "moved", "added", "removed")


@dataclass(frozen=True)
class Amount:
    """One stated number of a target: "7.2", "%", "以上"."""

    number: str
    unit: str = ""
    qualifier: str = ""

    @property
    def text(self) -> str:
        """As written: "7.2%以上"."""
        return self.number + self.unit + self.qualifier


@dataclass(frozen=True)
class TargetSide:
    """One edition's target for an indicator.

    ``measure`` is growth, level or ceiling; ``cell`` the short form "确保6.7% / 力争7.2%以上";
    ``sentence`` the line as the report prints it.
    """

    key: str
    name: str
    measure: str
    cell: str
    sentence: str
    ensure: Amount | None = None
    strive: Amount | None = None
    value: Amount | None = None

    @property
    def main(self) -> Amount | None:
        """The binding number: 确保 when given, else the single value, else 力争."""
        return self.ensure or self.value or self.strive


@dataclass(frozen=True)
class Outcome:
    """Last year's result against last year's target (from the new edition).

    ``verdict`` is met, missed or unknown; ``gap`` the signed difference in the target's
    measure ("-0.6个百分点"); ``source`` says where the actual came from: a structured result
    of the new edition ("result") or a sentence of its text ("text", quoted in ``evidence``).
    ``strive`` is met or missed against the 力争 value when the target had one beside 确保.
    """

    actual: str
    target: str
    verdict: str
    gap: str = ""
    source: str = "result"
    evidence: str = ""
    strive: str = ""


@dataclass(frozen=True)
class TargetDiff:
    """One indicator across the two editions.

    ``change`` is one of CHANGES; ``matched_by`` says how the two sides were paired (key, name,
    near); ``delta`` the change of the binding number when the kind is the same ("+0.5个百分点");
    ``note`` a sentence for a kind change or a qualifier change.
    """

    indicator: str
    change: str
    old: TargetSide | None
    new: TargetSide | None
    matched_by: str = ""
    delta: str = ""
    note: str = ""
    outcome: Outcome | None = None


@dataclass(frozen=True)
class ParaDiff:
    """One paragraph (flat line) across the editions.

    ``op`` is one of PARA_OPS. ``pieces`` are (op, text) with op "=", "+" or "-", word-diffed for
    changed and moved paragraphs. A move names the section it came from or went to.
    """

    op: str
    old: str | None
    new: str | None
    pieces: tuple[tuple[str, str], ...] = ()
    moved_from: str = ""
    moved_to: str = ""
    share: float = 0.0


@dataclass(frozen=True)
class SectionDiff:
    """One section across the editions (the lines under a heading, up to the next heading).

    ``status`` is one of STATUSES; ``renamed`` and ``moved`` may both hold, status names the
    stronger. ``share`` is the share of characters changed (0–1). The front matter and any text
    before the first heading form a section with an empty heading.
    """

    id: str
    status: str
    level: int
    old_heading: str | None
    new_heading: str | None
    renamed: bool = False
    moved: bool = False
    share: float = 0.0
    paragraphs: tuple[ParaDiff, ...] = ()


@dataclass(frozen=True)
class TermDiff:
    """A term's count in each edition; ``change`` is new, dropped, more, fewer or same."""

    term: str
    old: int
    new: int
    change: str
    dictionary: bool = True


@dataclass(frozen=True)
class Stats:
    """Totals over the whole comparison; ``identical`` when nothing at all changed."""

    identical: bool = False
    old_chars: int = 0
    new_chars: int = 0
    changed_chars: int = 0
    share: float = 0.0
    sections: dict = field(default_factory=dict)
    paragraphs: dict = field(default_factory=dict)
    targets: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DiffResult:
    """A whole comparison: editions' titles, targets, sections, terms and totals."""

    old_title: str
    new_title: str
    old_file: str
    new_file: str
    targets: tuple[TargetDiff, ...]
    sections: tuple[SectionDiff, ...]
    terms: tuple[TermDiff, ...]
    stats: Stats

    @property
    def targets_changed(self) -> bool:
        """Whether any target was added, removed or changed."""
        return any(t.change != "unchanged" for t in self.targets)

    @property
    def wording_changed(self) -> bool:
        """Whether any section's text differs."""
        return any(s.status != "unchanged" for s in self.sections)

    @property
    def identical(self) -> bool:
        """No change at all: targets and wording the same."""
        return not (self.targets_changed or self.wording_changed)
