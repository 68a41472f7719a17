#!/usr/bin/env python3
"""How well and how fast `reportkit import` reads existing reports (issue 5).

Quality: the seed web copy (seeds/000_ee0cd8f568fba525.txt) imported and compared with the
hand-checked spec (specs/dongqu-2024.yaml): share of blocks that match exactly, and every
structured number that differs. The goal: all numbers equal, every block equal except the three
garbled passages, which the import flags.

Speed: cold-process `python -m reportkit import FILE` (the spec to stdout) for the seed, for
the largest corpus report, and for the seed spec's Word file (built once by the Word writer),
median of N runs, interleaved with peers on the same machine:

- python: `python -c pass`, the interpreter's own start (the floor for any Python tool);
- pandoc: `pandoc -f markdown -t plain`, a compiled converter reading the same file (the seed is
  read as markdown too; pandoc does no cleaning, structure or numbers).

Bytecode is cached in a scratch folder (PYTHONPYCACHEPREFIX) as after a normal install.
Usage: bench/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SEED = ROOT / "seeds" / "000_ee0cd8f568fba525.txt"
SPEC = ROOT / "specs" / "dongqu-2024.yaml"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def quality() -> None:
    """Print the seed comparison."""
    from reportkit.readers.compare import compare, report
    from reportkit.readers.spec import read_spec
    from reportkit.readers.text import import_text

    got = import_text(SEED)
    spec, _ = read_spec(SPEC)
    print(f"== quality: import of {SEED.name} vs {SPEC.name}")
    print(report(compare(got.report, spec)))
    flagged = [p for p in got.problems if p.code == "RK301"]
    print(f"garbled passages flagged: {len(flagged)} (lines "
          f"{', '.join(str(p.line) for p in flagged)})")


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr.decode()}")
    return elapsed


def speed(runs: int) -> None:
    """Print the cold-process medians and ratios."""
    largest = max(CORPUS.glob("*/*.md"), key=lambda p: p.stat().st_size)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"),
               PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="rk-bench-pyc-"))
    py = sys.executable
    commands: dict[str, list[str]] = {}
    for label, path in (("seed", SEED), ("largest", largest)):
        commands[f"reportkit import {label}"] = [py, "-m", "reportkit", "import", str(path)]
        if shutil.which("pandoc"):
            commands[f"pandoc {label}"] = ["pandoc", "-f", "markdown", "-t", "plain", str(path)]
    docx = Path(tempfile.mkdtemp(prefix="rk-bench-docx-")) / "dongqu-2024.docx"
    _build_docx(docx)
    commands["reportkit import seed .docx"] = [py, "-m", "reportkit", "import", str(docx)]
    commands["python -c pass"] = [py, "-c", "pass"]
    for cmd in commands.values():  # warm the bytecode cache and the page cache
        timed(cmd, env)
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(timed(cmd, env))
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"== speed: cold process, median of {runs} runs "
          f"(seed {SEED.stat().st_size // 1024} KB, largest {largest.parent.name}/"
          f"{largest.name} {largest.stat().st_size // 1024} KB)")
    for name, t in med.items():
        print(f"{name:28s} {t * 1000:7.0f} ms")
    base = med["python -c pass"]
    for label in ("seed", "largest", "seed .docx"):
        ours = med[f"reportkit import {label}"]
        line = f"import {label}: {ours / base:.1f}× python start"
        if f"pandoc {label}" in med:
            line += f", {ours / med[f'pandoc {label}']:.2f}× pandoc"
        print(line)


def _build_docx(path: Path) -> None:
    """The seed spec as a Word file, by the project's own writer."""
    from reportkit.readers.spec import read_spec
    from reportkit.writers import writer

    spec, _ = read_spec(SPEC)
    path.write_bytes(writer("docx")(spec))


def main() -> None:
    """Run the quality comparison and the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    quality()
    speed(args.runs)


if __name__ == "__main__":
    main()
