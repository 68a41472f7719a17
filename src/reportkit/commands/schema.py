"""`reportkit schema`: the JSON Schema of a spec, for editors and other checkers."""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "print the JSON Schema of a spec (for editors: yaml-language-server, VS Code)"
SCHEMA = Path(__file__).resolve().parent.parent / "data" / "spec.schema.json"


def add_arguments(p) -> None:
    """Arguments of `schema`."""
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write the schema to FILE instead of printing it")


def run(args) -> int:
    """Print (or write) the schema; 0."""
    data = SCHEMA.read_bytes()
    if args.output:
        from ..outputs import write_atomic

        write_atomic(args.output, data)
    else:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
    return 0
