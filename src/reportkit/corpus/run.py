"""A corpus run: scan, read what changed, group, diff the pairs that changed, rebuild.

The tasks run on a process pool (default), in this process (``serial``), or on Dask
distributed (``dask-local``: a LocalCluster here; ``dask://HOST:PORT``: a running scheduler).
Every scheduler runs the same functions of :mod:`.tasks` on the same arguments, so the tables
do not depend on where the work was done.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem
from . import store
from .group import chains, group
from .scan import Source, read_key, scan, version_key
from .tasks import cpu_count, folder_task, pairs_task, read_task

#: Finished tasks are committed to the cache at least this often (seconds) or this many at once.
COMMIT_SECONDS, COMMIT_BATCH = 2.0, 64
#: At most this many pairs go to one worker task (a place's chain is cut into pieces this long,
#: so one long-lived place does not keep a worker busy after the others finish).
CHAIN = 6
#: How long to wait for a Dask scheduler to answer.
CONNECT_TIMEOUT = "10s"


class RunError(Exception):
    """The run cannot go on (workers running other code, the scheduler unreachable)."""


@dataclass
class Options:
    """What `reportkit corpus` was asked to do."""

    root: Path
    out: Path
    scheduler: str = "pool"
    jobs: int = 0
    ship: str = "paths"
    pair_gaps: bool = False
    parquet: Path | None = None
    progress: bool = True


@dataclass
class Summary:
    """What a run did: counts and the problems worth a line on the terminal."""

    files: int = 0
    read: int = 0
    pairs: int = 0
    diffed: int = 0
    failed: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    reader_problems: int = 0
    seconds: float = 0.0
    #: wall seconds of each step: scan (hashing), read, diff, write (the tables)
    steps: dict[str, float] = field(default_factory=dict)


def run(opts: Options) -> Summary:
    """Bring OUT up to date with the files under root; return what was done."""
    start = time.perf_counter()
    own = (opts.out, opts.out.with_name(opts.out.name + ".wal"))
    sources, skipped = scan(opts.root, own)
    scanned = time.perf_counter() - start
    con = store.open_store(opts.out)
    try:
        with _scheduler(opts) as sched, _progress(opts.progress) as bar:
            summary = _update(con, sources, opts, sched, bar)
        summary.steps = {"scan": scanned, **summary.steps}
        summary.notes = skipped + summary.notes
        if opts.parquet:
            store.export_parquet(con, opts.parquet)
    except (KeyboardInterrupt, RunError, store.StoreError):
        raise
    except Exception as exc:  # noqa: BLE001 - disk full, a worker killed, a lost cluster
        # each gets one line, no traceback; Ctrl-C inside DuckDB is still Ctrl-C
        if type(exc).__name__ == "InterruptException":
            raise KeyboardInterrupt from None
        raise RunError(_failure(exc)) from None
    finally:
        con.close()
    summary.seconds = time.perf_counter() - start
    return summary


def _update(con, sources: list[Source], opts: Options, sched, bar) -> Summary:
    summary = Summary(files=len(sources))
    clock = time.perf_counter()
    keys = {s.rel: read_key(s) for s in sources}
    have = store.cached(con, "_rk_reads", list(keys.values()))
    had_pairs = store.all_keys(con, "_rk_pairs")
    todo = [s for s in sources if keys[s.rel] not in have]
    summary.read = len(todo)
    _work(con, sched, _read_calls(todo, sources, opts), bar, "reading", len(todo))
    summary.steps["read"], clock = time.perf_counter() - clock, time.perf_counter()
    infos = store.reports(con, list(keys.values()))
    items = [(s, infos[keys[s.rel]]) for s in sources]
    rows, problems, pairs = group(items, opts.pair_gaps)
    pair_keys = [p["key"] for p in pairs]
    have = store.cached(con, "_rk_pairs", pair_keys)
    pending = [p for p in pairs if p["key"] not in have]
    summary.pairs = len(pairs)
    summary.diffed = sum(p["key"] not in had_pairs for p in pairs)
    ship = opts.ship == "bytes"
    calls = [(pairs_task, (piece, _bytes(piece) if ship else None), None)
             for piece in _pieces(chains(pending))]
    _work(con, sched, calls, bar, "diffing", len(pending))
    summary.steps["diff"], clock = time.perf_counter() - clock, time.perf_counter()
    _check_versions(con, list(keys.values()), pair_keys)
    store.rebuild(con, list(keys.values()), pair_keys, rows,
                  [_problem_row(p) for p in problems], [_pair_row(p) for p in pairs])
    _tally(con, summary, problems)
    summary.steps["write"] = time.perf_counter() - clock
    return summary


def _read_calls(todo: list[Source], sources: list[Source], opts: Options) -> list:
    """A folder whose reports are all to be read is one task that also diffs its pairs (each
    report read once); the reports of other folders (some unchanged) are read one a task and
    their pairs diffed afterwards. Larger folders first, so no worker is left with a big one
    at the end."""
    ship = opts.ship == "bytes"
    folders: dict[str, list[Source]] = {}
    for s in todo:
        folders.setdefault(str(Path(s.rel).parent), []).append(s)
    whole = _whole_folders(folders, sources)
    calls = []
    for folder, members in sorted(folders.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        files = [(s.rel, s.path, s.sha256, Path(s.path).read_bytes() if ship else None)
                 for s in members]
        if folder in whole:
            keys = {s.rel: read_key(s) for s in members}
            calls.append((folder_task, (files, opts.pair_gaps), keys))
        else:
            calls += [(read_task, (f[0], f[1], f[3]), read_key(s)) for f, s in zip(files, members)]
    return calls


def _whole_folders(folders: dict[str, list[Source]], sources: list[Source]) -> set[str]:
    """Folders under DIR none of whose report files is cached."""
    counts: dict[str, int] = {}
    for source in sources:
        folder = str(Path(source.rel).parent)
        counts[folder] = counts.get(folder, 0) + 1
    return {f for f, members in folders.items() if counts.get(f) == len(members)}


def _failure(exc: Exception) -> str:
    """One line for what stopped the run; what finished is kept in OUT's cache."""
    name = type(exc).__name__
    text = str(exc).splitlines()[0] if str(exc) else ""
    if name == "BrokenProcessPool":
        text = "a worker process died (out of memory, or killed)"
    return (f"{name}: {text}; the reports finished so far are kept in the cache, and a new "
            "run goes on from there")


def _pieces(runs: list[list[dict]]) -> list[list[dict]]:
    return [run[i:i + CHAIN] for run in runs for i in range(0, len(run), CHAIN)]


def _bytes(piece: list[dict]) -> dict[str, bytes]:
    return {e["rel"]: Path(e["path"]).read_bytes() for p in piece for e in (p["old"], p["new"])}


def _work(con, sched, calls: list, bar, label: str, total: int) -> None:
    """Run the calls, committing their rows to the cache as they finish; the bar counts
    reports (reading) or pairs (diffing)."""
    if not calls:
        return
    task = bar.add_task(label, total=total)
    batch: dict[str, list] = {"_rk_reads": [], "_rk_pairs": []}
    last = time.monotonic()
    for meta, out in sched.run(calls):
        done = _rows(meta, out, batch)
        bar.advance(task, done)
        if sum(map(len, batch.values())) >= COMMIT_BATCH or \
                time.monotonic() - last > COMMIT_SECONDS:
            _commit(con, batch)
            last = time.monotonic()
    _commit(con, batch)


def _rows(meta, out, batch: dict[str, list]) -> int:
    """File a finished task's rows under their cache; return how many reports or pairs it
    did (for the bar). ``meta`` is what the call was sent with: read keys, or nothing."""
    if isinstance(out, dict):  # folder_task: meta maps each file to its read key
        batch["_rk_reads"] += [(meta[rel], rel, j) for rel, j in out["reads"]]
        batch["_rk_pairs"] += [(k, "", j) for k, j in out["pairs"]]
        return len(out["reads"])
    if isinstance(out, list):  # pairs_task
        batch["_rk_pairs"] += [(k, "", j) for k, j in out]
        return len(out)
    batch["_rk_reads"].append((meta, _file_of(out), out))  # read_task: meta is its key
    return 1


def _file_of(payload: str) -> str:
    return json.loads(payload)["report"]["file"]


def _commit(con, batch: dict[str, list]) -> None:
    for cache, rows in batch.items():
        store.put(con, cache, rows)
        rows.clear()


def _check_versions(con, read_keys: list[str], pair_keys: list[str]) -> None:
    here = version_key()
    for cache, keys in (("_rk_reads", read_keys), ("_rk_pairs", pair_keys)):
        other = store.versions(con, cache, keys) - {here}
        if other:
            raise RunError(f"workers run reportkit {', '.join(sorted(other))}, this machine "
                           f"{here}: install the same reportkit on every worker")


def _problem_row(p: Problem) -> dict:
    return {"file": p.file, "line": p.line, "col": p.col, "level": p.level, "code": p.code,
            "message": p.message}


def _pair_row(p: dict) -> dict:
    return {"file": p["new"]["rel"], "line": p["new"]["line"], "place": p["place"],
            "old_year": p["old"]["year"], "new_year": p["new"]["year"],
            "old_file": p["old"]["rel"], "gap": p["gap"], "changes": 0}


def _tally(con, summary: Summary, problems: list[Problem]) -> None:
    rows = con.execute("SELECT file, line, col, level, code, message FROM problems "
                       "WHERE code IN ('RK701', 'RK708') OR (level = 'error' AND file IN "
                       "(SELECT file FROM reports WHERE status = 'failed'))").fetchall()
    summary.failed = [Problem(*r) for r in rows]
    summary.notes = sorted(problems)
    summary.reader_problems = con.execute(
        "SELECT count(*) FROM problems").fetchone()[0] - len(rows) - len(problems)


# Schedulers ------------------------------------------------------------------------------------

class _Serial:
    """Run every call here, in order (for --jobs 1 and debugging)."""

    def run(self, calls):
        """Yield (meta, result) of each (function, arguments, meta) as it finishes."""
        for fn, args, meta in calls:
            yield meta, fn(*args)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class _Pool(_Serial):
    """A process pool of this machine's cores, forked from this process once every module a
    task uses is loaded: the workers run exactly the code the cache keys name (even while the
    files change on disk), and none of them loads the readers or the segmenter's dictionary
    again."""

    def __init__(self, jobs: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods:
            preload()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_quiet_worker)
        # start the workers now, before the progress bar's thread exists
        list(self.pool.map(abs, range(jobs)))

    def run(self, calls):
        from concurrent.futures import as_completed

        futures = {self.pool.submit(fn, *args): meta for fn, args, meta in calls}
        for fut in as_completed(futures):
            yield futures[fut], fut.result()

    def __exit__(self, *exc):
        self.pool.shutdown(wait=True, cancel_futures=True)
        return False


class _Dask(_Serial):
    """Dask distributed: a LocalCluster made here, or a scheduler at an address."""

    def __init__(self, address: str | None, jobs: int):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise RunError("Dask is not installed: pip install 'reportkit[dask]'") from None
        self.cluster = None
        try:
            if address is None:
                self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1,
                                            processes=True, dashboard_address=None)
                address = self.cluster.scheduler_address
            self.client = Client(address, timeout=CONNECT_TIMEOUT)
        except OSError as exc:
            self._close()
            raise RunError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self._same_code()

    def _same_code(self) -> None:
        from .tasks import worker_version

        here = version_key()
        seen = self.client.run(worker_version)
        other = {w: v for w, v in seen.items() if v != here}
        if other:
            self._close()
            worker, ver = next(iter(other.items()))
            raise RunError(f"Dask worker {worker} runs reportkit {ver}, this machine {here}: "
                           "install the same reportkit on every worker")

    def run(self, calls):
        from distributed import as_completed

        futures = {}
        for fn, args, meta in calls:
            futures[self.client.submit(fn, *args, pure=False)] = meta
        for fut in as_completed(futures):
            yield futures[fut], fut.result()

    def _close(self) -> None:
        if getattr(self, "client", None) is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __exit__(self, *exc):
        self._close()
        return False


#: What a task runs: these packages' modules and these modules (the rest come as imports).
TASK_PACKAGES = ("readers", "diff")
TASK_MODULES = ("model", "flat", "registry", "wording", "scorecard", "numbers", "clean", "vocab",
                "corpus.tasks")


def _quiet_worker() -> None:
    """Ctrl-C is the main process's to handle (it stops the pool and keeps what finished); a
    worker that took it too would print a traceback of its own."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def preload() -> None:
    """Import every module a task may use and load the segmenter's dictionary."""
    import importlib
    import pkgutil

    from ..diff.tokens import segmenter

    names = [f"reportkit.{m}" for m in TASK_MODULES]
    for package in TASK_PACKAGES:
        pkg = importlib.import_module(f"reportkit.{package}")
        names += [m.name for m in pkgutil.walk_packages(pkg.__path__, f"{pkg.__name__}.")]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112 - it fails again in the task, and is reported
            continue
    segmenter()
    version_key()


def _scheduler(opts: Options):
    jobs = opts.jobs or cpu_count()
    if opts.scheduler == "serial" or (opts.scheduler == "pool" and jobs == 1):
        return _Serial()
    if opts.scheduler == "pool":
        return _Pool(jobs)
    if opts.scheduler == "dask-local":
        return _Dask(None, jobs)
    return _Dask(opts.scheduler.removeprefix("dask://"), jobs)


class _NoBar:
    def add_task(self, *args, **kw):
        return 0

    def advance(self, *args):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _progress(show: bool):
    """A rich progress bar on stderr with the time left, or nothing."""
    if not show:
        return _NoBar()
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=False)


def dumps(summary: Summary) -> str:
    """The summary as JSON (for the bench)."""
    return json.dumps({"files": summary.files, "read": summary.read, "pairs": summary.pairs,
                       "diffed": summary.diffed, "failed": len(summary.failed),
                       "seconds": round(summary.seconds, 3),
                       "steps": {k: round(v, 3) for k, v in summary.steps.items()}})
