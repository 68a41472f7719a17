"""`reportkit corpus DIR -o OUT.duckdb`: every report under DIR into DuckDB tables.

Reports are read in parallel (a process pool, or Dask with ``--scheduler``), grouped by place
and year, and each place's consecutive editions diffed; see reportkit.corpus and the README's
"Many places" section for the tables. A second run reads only what changed. Exit codes: 0 done,
1 done but some reports could not be read (listed, left out), 2 usage, or OUT unusable.
"""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "many reports into DuckDB tables: targets, results, target changes with outcomes, terms"


def add_arguments(p) -> None:
    """Arguments of `corpus`."""
    p.add_argument("dir", metavar="DIR", help="folder of reports (.md .txt .docx .html .yaml), "
                   "one folder per place, or all in one folder")
    p.add_argument("-o", "--output", metavar="OUT.duckdb", required=True,
                   help="the DuckDB file to create or bring up to date")
    p.add_argument("--parquet", metavar="FOLDER", help="also write every table as "
                   "FOLDER/TABLE.parquet")
    p.add_argument("--scheduler", default="pool", metavar="WHERE",
                   help="pool (default: a process pool here), serial, dask-local (a Dask "
                        "LocalCluster here), or dask://HOST:PORT (a running Dask scheduler)")
    p.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                   help="worker processes for pool and dask-local (default: the cores here)")
    p.add_argument("--ship", choices=("paths", "bytes"), default="paths",
                   help="send workers file paths (a shared file system; default) or the files' "
                        "bytes (workers on other machines without DIR)")
    p.add_argument("--pair-gaps", action="store_true",
                   help="also diff editions with a missing year between them")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no warnings, no "
                   "summary: only the reports that could not be read")


def run(args) -> int:
    """Bring OUT up to date with DIR and say what happened."""
    from ..corpus.run import Options, RunError
    from ..corpus.run import run as run_corpus
    from ..corpus.store import StoreError

    try:
        import duckdb  # noqa: F401
    except ImportError:
        sys.stderr.write("reportkit corpus: error duckdb is not installed (pip install duckdb, "
                         "or scripts/setup.sh)\n")
        return 2
    root = Path(args.dir)
    if not root.is_dir():
        what = "not a folder" if root.exists() else "no such folder"
        sys.stderr.write(f"{args.dir}: error {what} (RK001)\n")
        return 2
    if not _scheduler_ok(args.scheduler):
        sys.stderr.write(f"reportkit corpus: --scheduler {args.scheduler}: give pool, serial, "
                         "dask-local or dask://HOST:PORT\n")
        return 2
    if args.jobs < 0:
        sys.stderr.write("reportkit corpus: --jobs N: give 1 or more (0: the cores here)\n")
        return 2
    out = Path(args.output)
    if out.resolve().is_relative_to(root.resolve()) and out.suffix.lower() in (".md", ".txt"):
        sys.stderr.write(f"{out}: error the output would overwrite a report (RK041)\n")
        return 2
    opts = Options(root, out, args.scheduler, args.jobs, args.ship, args.pair_gaps,
                   Path(args.parquet) if args.parquet else None, not args.quiet)
    try:
        summary = run_corpus(opts)
    except StoreError as exc:
        sys.stderr.write(f"error {exc}\n")
        return 2
    except RunError as exc:
        sys.stderr.write(f"reportkit corpus: error {exc}\n")
        return 2
    for p in summary.failed:  # listed even with --quiet: these reports are not in the tables
        sys.stderr.write(p.text() + "\n")
    if not args.quiet:
        _say(summary, out)
    return 1 if summary.failed else 0


def _scheduler_ok(name: str) -> bool:
    return name in ("pool", "serial", "dask-local") or (
        name.startswith("dask://") and len(name) > len("dask://"))


def _say(summary, out: Path) -> None:
    """One line per report left out or flagged, then what was done."""
    err = sys.stderr
    for p in summary.notes:
        err.write(p.text() + "\n")
    err.write(f"reportkit corpus: {summary.files} reports ({summary.read} read, the rest "
              f"unchanged), {summary.pairs} pairs ({summary.diffed} diffed); "
              f"{len(summary.failed)} could not be read; {summary.reader_problems} reader "
              f"warnings in the problems table; {out} written in {summary.seconds:.1f} s ("
              + ", ".join(f"{k} {v:.1f}" for k, v in summary.steps.items()) + ")\n")
