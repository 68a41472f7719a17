"""Renderers of a comparison: ``RENDERERS`` maps a format to "module:function".

Each text function is ``render(comparison, **options) -> str``; the docx one returns bytes.
Modules are imported only when their format is asked for (rich only for text).
"""

from __future__ import annotations

import importlib

RENDERERS = {
    "text": "reportkit.diff.render.text:render",
    "html": "reportkit.diff.render.html:render",
    "json": "reportkit.diff.render.json:render",
    "md": "reportkit.diff.render.md:render",
    "docx": "reportkit.diff.render.redline:render",
}


def renderer(fmt: str):
    """The render function of a format."""
    module, func = RENDERERS[fmt].split(":")
    return getattr(importlib.import_module(module), func)


def elide(pieces, context: int = 24) -> list[tuple[str, str]]:
    """Shorten long unchanged runs to their ends, keeping ``context`` characters of each side."""
    out = []
    last = len(pieces) - 1
    for k, (op, text) in enumerate(pieces):
        if op == "=" and len(text) > 2 * context + 1:
            head = text[:context] if k > 0 else ""
            tail = text[-context:] if k < last else ""
            text = head + "…" + tail
        out.append((op, text))
    return out


def share(x: float) -> str:
    """A share as a percentage: 0.1234 -> "12.3%"."""
    return f"{x * 100:.1f}%"
