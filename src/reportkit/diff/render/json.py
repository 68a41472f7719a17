"""The comparison as JSON: the documented, stable schema in data/diff.schema.json.

Top-level keys: ``version`` (1), ``editions`` (files and titles), ``targets``, ``sections``,
``terms`` and ``stats``. Pieces are ``[op, text]`` pairs with op "=", "+" or "-"; unchanged
paragraphs carry their text and no pieces, to keep the output small.
"""

from __future__ import annotations

import json
from dataclasses import asdict

SCHEMA_VERSION = 1


def as_dict(comparison) -> dict:
    """The comparison as plain JSON-ready data."""
    r = comparison.result
    sections = []
    for s in r.sections:
        d = asdict(s)
        for p in d["paragraphs"]:
            p["pieces"] = [] if p["op"] == "equal" else [list(x) for x in p["pieces"]]
        sections.append(d)
    return {
        "version": SCHEMA_VERSION,
        "editions": {"old": {"file": r.old_file, "title": r.old_title},
                     "new": {"file": r.new_file, "title": r.new_title}},
        "targets": [asdict(t) for t in r.targets],
        "sections": sections,
        "terms": [asdict(t) for t in r.terms],
        "stats": asdict(r.stats),
    }


def render(comparison, **_options) -> str:
    """The comparison as indented JSON (Chinese kept as is, keys in a fixed order)."""
    return json.dumps(as_dict(comparison), ensure_ascii=False, indent=1) + "\n"
