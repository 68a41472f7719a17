"""Where each line of a built report lives in its spec: a path into the YAML tree.

A path is a tuple of mapping keys and list indices from the document root, as ruamel.yaml's
round-trip data is indexed: ``("body", 1, "body", 0, "body", 0, "results", 0)``. Paths are
computed from the model, whose lists follow the YAML lists one for one in a valid spec.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..flat import Line
from ..model import DashList, Report, ResultList, Section, TargetList

FRONT = {"title": ("meta", "title"), "occasion": ("meta", "occasion"),
         "speaker": ("meta", "speaker"), "salutation": ("meta", "salutation")}


@dataclass(frozen=True)
class Place:
    """A line of the report and its path in the spec (``None`` for generated lines such as
    the notes heading); ``line_no`` is the spec's 1-based line of the item (0 unknown)."""

    line: Line
    path: tuple | None
    line_no: int = 0


def places(report: Report, lines: list[Line]) -> list[Place]:
    """A Place for each line of ``flat.lines(report)``, in order."""
    ids = _paths(report)
    out, dash_count = [], {}
    for line in lines:
        path = FRONT.get(line.kind)
        if line.block is not None and id(line.block) in ids:
            path = ids[id(line.block)]
            if isinstance(line.block, DashList):
                k = dash_count.get(id(line.block), 0)
                dash_count[id(line.block)] = k + 1
                path = path + ("dashes", k)
        pos = getattr(line.block, "pos", None) if line.block is not None else None
        if pos is None and line.kind in FRONT:
            pos = report.meta.pos
        out.append(Place(line, path, pos.line if pos is not None else 0))
    return out


def _paths(report: Report) -> dict[int, tuple]:
    """id(model object) -> its path, for blocks, results, targets and notes."""
    ids: dict[int, tuple] = {}

    def blocks(items, prefix: tuple) -> None:
        for i, block in enumerate(items):
            path = prefix + (i,)
            ids[id(block)] = path
            if isinstance(block, Section):
                blocks(block.body, path + ("body",))
            elif isinstance(block, (ResultList, TargetList)):
                key = "results" if isinstance(block, ResultList) else "targets"
                for k, item in enumerate(block.items):
                    ids[id(item)] = path + (key, k)

    blocks(report.body, ("body",))
    for i, note in enumerate(report.notes):
        ids[id(note)] = ("notes", i)
    return ids


def block_path(place: Place) -> tuple | None:
    """The path of the body item a line belongs to (a result's list, a dash's list)."""
    path = place.path
    if path is None or path[0] != "body":
        return None
    if place.line.kind in ("result", "target", "dash"):
        return path[:-2]
    return path


def section_of(path: tuple) -> tuple:
    """The path of the list a body item sits in."""
    return path[:-1]
