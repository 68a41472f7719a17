"""The readers form a tree: no reader module imports, directly or through others, a module
that imports it back (text.py reads a page saved as .txt through html.py, so html.py and the
Word reader take what they share with text.py from readers/cleaning.py)."""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter

from .conftest import ROOT

READERS = ROOT / "src" / "reportkit" / "readers"


def reader_imports() -> dict[str, set[str]]:
    """Each module of reportkit.readers → the modules of reportkit.readers it imports, at the
    top or inside a function."""
    names = {p.stem for p in READERS.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in READERS.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    found.add(node.module.split(".")[0])
                else:
                    found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "reportkit.readers."):
                found.add(node.module.split(".")[2])
        graph[path.stem] = found & names
    return graph


def test_the_readers_import_graph_has_no_cycle():
    graph = reader_imports()
    assert {"text", "html", "docx", "cleaning"} <= graph.keys()
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle among the readers: {exc.args[1]}") from None
    assert order.index("cleaning") < order.index("html") < order.index("text")
    assert "text" not in graph["html"] and "text" not in graph["docx"]


def test_reading_a_web_page_does_not_load_the_text_reader():
    code = ("import sys, reportkit.readers.html, reportkit.readers.docx; "
            "print('reportkit.readers.text' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
