#!/usr/bin/env python3
"""How fast `reportkit corpus` puts a folder of reports into DuckDB, and how much memory it takes.

Every run is a cold `python -m reportkit corpus SUB -o OUT -q` process; its peak memory is the
largest sum of the resident memory of the process and all its children (the pool's workers,
Dask's scheduler and workers), sampled every 50 ms from /proc. The rows:

- N reports, fresh: the first N files of DIR in path order (whole places, in order), linked
  into a scratch folder with their paths kept, into a new database; time per report beside it
  shows whether the cost grows with the corpus (the goal: flat from 100 to 1,500);
- the whole folder again with nothing changed (goal ≤ 15 s);
- the whole folder on a 2-worker Dask LocalCluster, fresh, and whether its tables equal the
  pool's (goal: equal).

Every run uses a snapshot of src/ taken when the bench starts (PYTHONPATH), so edits made to
the working tree meanwhile neither change the code measured nor void the cache between runs.

Goals (issue 11) for ../shared/gwr (1,507 reports) on 2 cores: ≤ 5 min and ≤ 1.5 GB fresh.
Usage: bench/bench_corpus.py DIR [--sizes 100,500,0] [--jobs 2] [--no-dask]
(0 in --sizes means every file). This reads every report: run it rarely on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
TABLES = ("reports", "targets", "results", "terms", "target_changes", "pairs", "problems")
GOAL_SECONDS, GOAL_MIB, GOAL_AGAIN = 300, 1536, 15


def files(folder: Path) -> list[Path]:
    """The report files under folder, in path order (what the corpus command would read)."""
    from reportkit.corpus.scan import scan

    return [Path(s.path) for s in scan(folder)[0]]


def subset(folder: Path, picked: list[Path], into: Path) -> Path:
    """A scratch folder holding links to the picked files under their relative paths."""
    for path in picked:
        link = into / path.relative_to(folder)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(path.resolve())
    return into


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


ENV = dict(os.environ)


def snapshot(into: Path) -> None:
    """Copy src/ and run every command on the copy."""
    import shutil

    shutil.copytree(ROOT / "src", into, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    ENV["PYTHONPATH"] = str(into)


def timed(cmd: list[str]) -> tuple[float, float, int, int]:
    """(seconds, CPU seconds, peak MiB of the process tree, exit code) of one command. CPU
    seconds (user + system of the run and the workers it waited for) are what the load of
    other jobs on a shared machine changes least."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(proc.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    stop.set()
    sampler.join()
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    return seconds, usage.ru_utime + usage.ru_stime, peak // 2**20, proc.returncode


def corpus(sub: Path, out: Path, jobs: int, scheduler: str = "pool") -> list[str]:
    """The command line of one run."""
    return [sys.executable, "-m", "reportkit", "corpus", str(sub), "-o", str(out), "-q",
            "--jobs", str(jobs), "--scheduler", scheduler]


def tables(db: Path) -> dict:
    """Every table's rows, for comparing two databases."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES}
    finally:
        con.close()


def counts(db: Path) -> dict:
    """Rows per table."""
    return {t: len(rows) for t, rows in tables(db).items()}


def main() -> int:
    """Run the rows and print them with the goals."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--sizes", default="100,500,0")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()
    every = files(args.dir)
    sizes = [int(s) or len(every) for s in args.sizes.split(",")]
    print(f"reportkit corpus on {args.dir} ({len(every)} files), {args.jobs} jobs")
    print(f"load average at the start: {os.getloadavg()[0]:.1f} (2 cores: above 2, others "
          "are running too)")
    print(f"{'run':34} {'reports':>7} {'seconds':>8} {'ms/report':>9} {'CPU s':>7} "
          f"{'CPU ms/report':>13} {'peak MiB':>8}  exit")
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        tmp = Path(tmp)
        snapshot(tmp / "src")
        for n in sizes:
            sub = subset(args.dir, every[:n], tmp / f"sub{n}")
            out = tmp / f"pool{n}.duckdb"
            row("pool, fresh", n, *timed(corpus(sub, out, args.jobs)))
        full_sub, full_out = tmp / f"sub{sizes[-1]}", tmp / f"pool{sizes[-1]}.duckdb"
        again = timed(corpus(full_sub, full_out, args.jobs))
        row("pool, again, nothing changed", sizes[-1], *again)
        print(f"rows: {json.dumps(counts(full_out))}")
        if not args.no_dask:
            dask_out = tmp / "dask.duckdb"
            took = timed(corpus(full_sub, dask_out, args.jobs, "dask-local"))
            row(f"dask-local, {args.jobs} workers, fresh", sizes[-1], *took)
            same = tables(dask_out) == tables(full_out)
            print(f"dask tables equal to the pool's: {same}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print(f"goals: fresh ≤ {GOAL_SECONDS} s and ≤ {GOAL_MIB} MiB; again ≤ {GOAL_AGAIN} s; "
          "ms/report flat")
    return 0


def row(label: str, n: int, seconds: float, cpu: float, mib: int, code: int) -> None:
    """One printed row."""
    print(f"{label:34} {n:>7} {seconds:>8.1f} {1000 * seconds / n:>9.1f} {cpu:>7.1f} "
          f"{1000 * cpu / n:>13.1f} {mib:>8}  {code}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
