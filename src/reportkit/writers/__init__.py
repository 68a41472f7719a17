"""Writers: each turns a model.Report into bytes of one format.

``WRITERS`` maps a format name to "module:function"; the documents' writers are
``write_x(report, style, warnings=None) -> bytes``, appending to ``warnings`` what is worth
saying about the output that does not stop it (the yaml writer is the importer's own). Modules are imported only when their format is asked for,
so building a .docx never imports reportlab.
"""

from __future__ import annotations

import importlib

WRITERS = {
    "docx": "reportkit.writers.docx:write_docx",
    "pdf": "reportkit.writers.pdf:write_pdf",
    "ofd": "reportkit.writers.ofd:write_ofd",
    "yaml": "reportkit.writers.yaml:write_yaml",
}


def writer(fmt: str):
    """The writer function of a format."""
    module, func = WRITERS[fmt].split(":")
    return getattr(importlib.import_module(module), func)
