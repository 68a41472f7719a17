"""Readers: each turns a source (spec YAML, report text, markdown, Word file, web page) into a
Report.

``READERS`` maps a file suffix to "module:function"; the function is
``read_x(path) -> tuple[Report, list[Problem]]`` (problems are warnings and errors found while
reading). ``read_any`` picks by suffix. Modules are imported only when needed.
"""

from __future__ import annotations

import importlib
from pathlib import Path

READERS = {
    ".yaml": "reportkit.readers.spec:read_spec",
    ".yml": "reportkit.readers.spec:read_spec",
    ".txt": "reportkit.readers.text:read_text",
    ".md": "reportkit.readers.text:read_markdown",
    ".docx": "reportkit.readers.docx:read_docx",
    ".html": "reportkit.readers.html:read_html",
    ".htm": "reportkit.readers.html:read_html",
}


def read_any(path: str | Path):
    """Read any supported file into (Report | None, problems), choosing the reader by suffix."""
    from ..problems import Problem, ReportError

    suffix = Path(path).suffix.lower()
    if suffix not in READERS:
        known = ", ".join(sorted(READERS))
        raise ReportError(Problem(str(path), 0, 0, "error", "RK005",
                                  f"unknown file type `{suffix or '(none)'}`; reportkit reads "
                                  f"{known}"))
    module, func = READERS[suffix].split(":")
    return getattr(importlib.import_module(module), func)(path)
