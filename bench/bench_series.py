#!/usr/bin/env python3
"""How fast `reportkit series` makes one place's series from ~10 editions, charts included,
beside what reading the same files alone costs.

Every command is a cold process with the same interpreter (median of N runs, interleaved, with
bytecode cached in a scratch folder as after a normal install; matplotlib's own font list,
built once per machine, is warm). CPU seconds are printed beside the wall clock because the
machine is shared. Rows:

- python (startup only), and two parts every charted run pays: importing matplotlib (figure
  and SVG canvas), importing rjieba (the term counts' segmenter);
- peer: reading the editions with `reportkit import`'s readers only (read_any on each file);
- peer: `reportkit diff`'s compare() on every consecutive pair, in one process (what a user
  would otherwise run, pair by pair);
- reportkit series as json (no charts), html (one SVG chart per indicator with targets over two
  years or more) and docx (the same charts as PNG, in a Word table document).

The goal (issue 11): `reportkit series` on 10 editions in ≤ 2 s cold, charts included.
Usage: bench/bench_series.py [DIR] [--last N] [--runs N]. DIR is a folder of one place's
editions (default: ../shared/gwr/政府工作报告-省自治区/吉林省 when present, else the national
reports in tests/fixtures/corpus/state-council); its last N files by name are used.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from bench_diff import fmt, measure  # noqa: E402  (same timing rules as the diff's bench)

SHARED = ROOT.parent / "shared" / "gwr" / "政府工作报告-省自治区" / "吉林省"
FIXTURE = ROOT / "tests" / "fixtures" / "corpus" / "state-council"

READ_ALL = ("import sys; from reportkit.readers import read_any; "
            "[read_any(p) for p in sys.argv[1:]]")
DIFF_PAIRS = ("import sys; from reportkit.readers import read_any; "
              "from reportkit.diff import compare; "
              "r = [read_any(p)[0] for p in sys.argv[1:]]; "
              "[compare(a, b) for a, b in zip(r, r[1:])]")
MPL = ("import matplotlib.figure, matplotlib.backends.backend_svg")


def editions(folder: Path, last: int, tmp: Path) -> list[Path]:
    """Copy the folder's last N report files (by name) into a scratch folder."""
    files = sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt", ".yaml", ".docx"))
    out = tmp / "editions"
    out.mkdir()
    for p in files[-last:]:
        shutil.copy(p, out / p.name)
    return sorted(out.iterdir())


def commands(files: list[Path], tmp: Path) -> dict[str, list[str]]:
    py = sys.executable
    names = list(map(str, files))
    folder = str(files[0].parent)
    series = [py, "-m", "reportkit", "series", folder]
    return {
        "python (startup only)": [py, "-c", "pass"],
        "  part: import matplotlib": [py, "-c", MPL],
        "  part: import rjieba": [py, "-c", "import rjieba"],
        "peer: read the editions (import only)": [py, "-c", READ_ALL, *names],
        "peer: diff every consecutive pair": [py, "-c", DIFF_PAIRS, *names],
        "reportkit series --format json": [*series, "--format", "json"],
        "reportkit series --format html (charts)": [*series, "--format", "html", "-o",
                                                    str(tmp / "s.html")],
        "reportkit series --format docx (charts)": [*series, "--format", "docx", "-o",
                                                    str(tmp / "s.docx")],
    }


def verify(cmds: dict[str, list[str]], env: dict[str, str]) -> None:
    """Run every command once and stop with its error if one fails (the timings would
    otherwise time a traceback)."""
    for name, cmd in cmds.items():
        out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=False)
        if out.returncode not in (0, 1):
            sys.exit(f"{name} failed (exit {out.returncode}):\n"
                     + out.stderr.decode(errors="replace")[-1500:])


def charts_drawn(files: list[Path]) -> tuple[int, int]:
    """(indicators, charted indicators) of the series, for the header line."""
    out = subprocess.run([sys.executable, "-m", "reportkit", "series", str(files[0].parent),
                          "--format", "json"], capture_output=True, cwd=ROOT, check=True)
    import json

    data = json.loads(out.stdout)
    return len(data["indicators"]), sum(i["charted"] for i in data["indicators"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path,
                    default=SHARED if SHARED.is_dir() else FIXTURE)
    ap.add_argument("--last", type=int, default=10)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=120.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = editions(args.folder, args.last, tmp)
        env = dict(os.environ, PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        indicators, charted = charts_drawn(files)
        print(f"== {args.folder.name}: {len(files)} editions ({files[0].name} … "
              f"{files[-1].name}), {indicators} indicators, {charted} charts; cold processes, "
              f"median of {args.runs}")
        cmds = commands(files, tmp)
        verify(cmds, env)
        results = measure(cmds, env, args.runs, args.timeout)
        base = results["peer: read the editions (import only)"][0]
        print(f"{'':42} {'wall':>10} {'CPU':>10}  {'× read':>7}")
        for name, (wall, cpu) in results.items():
            print(f"{name:42} {fmt(wall)} {fmt(cpu)}  {wall / base:6.2f}x")
        html = results["reportkit series --format html (charts)"][0]
        print(f"goal: series with charts ≤ 2 s cold on 10 editions: {html:.2f} s "
              f"({'met' if html <= 2.0 else 'not met'})")


if __name__ == "__main__":
    main()
