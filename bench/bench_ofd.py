"""Benchmark: `reportkit build --format ofd` beside `--format pdf`, as cold processes.

Inputs: the seed spec and a spec 50 times as long made from it in a temporary folder (each
（一）-level section's body repeated, as bench_docx.py and bench_pdf.py do). The two builds of
one spec run in turns (pdf, ofd, ofd, pdf, …) so that both meet the same moments of a shared
machine; the median wall time, CPU time and peak memory of each are printed with the ratio
OFD / PDF (median and per turn). Both share the layout and the font cache, warmed by one
untimed build of each.

Goal (issue 13): the OFD build within 1.5x of the PDF build on the seed and at 50x.

    python3 bench/bench_ofd.py [--runs N] [--lengths 1,50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "specs" / "dongqu-2024.yaml"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_docx import longer_spec  # the same long specs as the Word and PDF benchmarks
from bench_pdf import build, once


def in_turns(cmds: dict[str, list[str]], env: dict, runs: int) -> dict[str, list[tuple]]:
    """Each command run ``runs`` times, in turns (ABBA…): fmt -> [(wall, cpu, peak KiB)]."""
    names = list(cmds)
    out: dict[str, list[tuple]] = {name: [] for name in names}
    for i in range(runs):
        for name in (names if i % 2 == 0 else names[::-1]):
            out[name].append(once(cmds[name], env))
    return out


def _pages(folder: Path, stem: str) -> tuple[int, int]:
    """Pages of the PDF (pdfplumber) and of the OFD (its Pages entries)."""
    import pdfplumber

    with pdfplumber.open(folder / f"{stem}.pdf") as doc:
        pdf = len(doc.pages)
    with zipfile.ZipFile(folder / f"{stem}.ofd") as zf:
        ofd = sum(1 for n in zf.namelist() if n.endswith("/Content.xml"))
    return pdf, ofd


def main() -> int:
    """Print the figures; exit 0 (figures are not asserted)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each build")
    parser.add_argument("--lengths", default="1,50", help="spec lengths (default: 1,50)")
    args = parser.parse_args()
    lengths = [int(n) for n in args.lengths.split(",")]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for n in lengths:
            spec = SEED if n == 1 else tmp / f"dongqu-{n}x.yaml"
            if n > 1:
                longer_spec(SEED, spec, n)
            out = tmp / f"out{n}"
            cmds = {fmt: build(spec, out, fmt) for fmt in ("pdf", "ofd")}
            for cmd in cmds.values():
                once(cmd, env)  # byte-compile, warm the font caches
            times = in_turns(cmds, env, args.runs)
            sizes = {fmt: (out / f"{spec.stem}.{fmt}").stat().st_size for fmt in cmds}
            rows.append((n, _pages(out, spec.stem), times, sizes))
    _print(rows, args.runs)
    return 0


def _print(rows, runs: int) -> None:
    print(f"OFD and PDF builds, median of {runs} cold processes run in turns "
          f"(python: {sys.executable})")
    print("wall = elapsed seconds, cpu = user + system seconds; ratio = OFD / PDF")
    print(f"{'length':>7}{'pages':>7}{'pdf wall':>10}{'ofd wall':>10}{'pdf cpu':>9}"
          f"{'ofd cpu':>9}{'pdf MiB':>9}{'ofd MiB':>9}{'pdf KB':>8}{'ofd KB':>8}"
          f"{'wall x':>8}{'cpu x':>7}")
    for n, (pages, ofd_pages), times, sizes in rows:
        pdf, ofd = times["pdf"], times["ofd"]
        pw, ow = (statistics.median(t[0] for t in x) for x in (pdf, ofd))
        pc, oc = (statistics.median(t[1] for t in x) for x in (pdf, ofd))
        pm, om = (max(t[2] for t in x) / 1024 for x in (pdf, ofd))
        note = "" if pages == ofd_pages else f"  (OFD has {ofd_pages} pages!)"
        print(f"{n:>6}x{pages:>7}{pw:>10.3f}{ow:>10.3f}{pc:>9.3f}{oc:>9.3f}{pm:>9.0f}{om:>9.0f}"
              f"{sizes['pdf'] / 1000:>8.0f}{sizes['ofd'] / 1000:>8.0f}{ow / pw:>8.2f}"
              f"{oc / pc:>7.2f}{note}")
        turns = " ".join(f"{b[0] / a[0]:.2f}" for a, b in zip(pdf, ofd))
        print(f"        per turn (wall x): {turns}")


if __name__ == "__main__":
    raise SystemExit(main())
