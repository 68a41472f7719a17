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

Bytecode is cached in a scratch folder (PYTHONPYCACHEPREFIX) as after a normal install, also
where the environment sets PYTHONDONTWRITEBYTECODE. "reading" times, in a fresh interpreter,
importing the reader and reading one file: reportkit's own share of a cold run.
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


def _env() -> dict:
    """The environment for timed runs: reportkit from this checkout, bytecode cached in a
    scratch folder as after a normal install. PYTHONDONTWRITEBYTECODE (set in some CI and
    container images) is dropped: with it every run compiles every module from source, the
    standard library's too, and that, not reportkit, is what gets timed."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"),
               PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="rk-bench-pyc-"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


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
    env = _env()
    py = sys.executable
    commands: dict[str, list[str]] = {}
    for label, path in (("seed", SEED), ("largest", largest)):
        commands[f"reportkit import {label}"] = [py, "-m", "reportkit", "import", str(path)]
        if shutil.which("pandoc"):
            commands[f"pandoc {label}"] = ["pandoc", "-f", "markdown", "-t", "plain", str(path)]
    docx = Path(tempfile.mkdtemp(prefix="rk-bench-docx-")) / "dongqu-2024.docx"
    _build_docx(docx)
    commands["reportkit import seed .docx"] = [py, "-m", "reportkit", "import", str(docx)]
    pair = sorted((CORPUS / "sichuan-province").glob("*.md"))[:2]
    commands["reportkit diff corpus pair"] = [py, "-m", "reportkit", "diff", *map(str, pair)]
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
    print(f"{'(diff reads ' + pair[0].parent.name + ' ' + pair[0].stem + ' and ' + pair[1].stem + ')':28s}")
    base = med["python -c pass"]
    for label in ("seed", "largest", "seed .docx"):
        ours = med[f"reportkit import {label}"]
        line = f"import {label}: {ours / base:.1f}× python start"
        if f"pandoc {label}" in med:
            line += f", {ours / med[f'pandoc {label}']:.2f}× pandoc"
        print(line)


#: Run in a fresh interpreter: the time from importing the reader to having the report, i.e.
#: reportkit's own share of a cold run without the interpreter's start.
_READ_ONCE = """
import sys, time
t = time.perf_counter()
from reportkit.readers.text import import_text
import_text(sys.argv[1])
print(time.perf_counter() - t)
"""


def reading(runs: int) -> None:
    """Print the median cold reading time (modules imported, first file read) in-process."""
    env = _env()
    largest = max(CORPUS.glob("*/*.md"), key=lambda p: p.stat().st_size)
    print(f"== reading in a fresh process (import reportkit.readers.text + import_text), "
          f"median of {runs}")
    for label, path in (("seed", SEED), ("largest", largest)):
        cmd = [sys.executable, "-c", _READ_ONCE, str(path)]
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)  # bytecode cache
        got = [float(subprocess.run(cmd, env=env, check=True, capture_output=True,
                                    text=True).stdout) for _ in range(runs)]
        print(f"{label:28s} {statistics.median(got) * 1000:7.1f} ms")


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
    reading(args.runs * 3)
    speed(args.runs)


if __name__ == "__main__":
    main()
