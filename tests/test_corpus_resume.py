"""`reportkit corpus` killed at any moment, and on Dask: the tables always end the same."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from .conftest import CORPUS, ROOT, run_cli
from .test_corpus import TABLES, tables


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """The fixture reports under eight place folders (64 files): a run that lasts a while."""
    src = tmp_path_factory.mktemp("many") / "reports"
    for i in range(8):
        for place in ("panzhihua-city", "sichuan-province", "state-council"):
            shutil.copytree(CORPUS / place, src / f"{place}-{i}")
    return src


@pytest.fixture(scope="module")
def reference(many, tmp_path_factory):
    """The tables of one uninterrupted run with the process pool."""
    db = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    out = run_cli("corpus", many, "-o", db, "-q", "-j", "2")
    assert out.returncode == 0, out.stderr.decode()
    return tables(db)


def visible(db) -> dict | None:
    """The tables a reader sees now: None before the first complete run."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        if not set(TABLES) <= names:
            return None
        return {t: con.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES}
    finally:
        con.close()


def kill_group(proc) -> None:
    """kill -9 the run and its workers at once (the run leads its own process group)."""
    import os

    if os.getpgid(proc.pid) == proc.pid != os.getpgid(0):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def test_killed_runs_resume_to_the_same_tables(many, reference, tmp_path):
    db = tmp_path / "killed.duckdb"
    cmd = [sys.executable, "-m", "reportkit", "corpus", str(many), "-o", str(db), "-q", "-j", "2"]
    for delay in (0.3, 0.8, 1.3, 1.8, 2.5):
        proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        kill_group(proc)
        if db.exists():
            seen = visible(db)  # the database opens, and holds complete tables or none
            assert seen is None or seen == reference, delay
    out = run_cli("corpus", many, "-o", db, "-j", "2")
    assert out.returncode == 0, out.stderr.decode()
    assert tables(db) == reference


def test_a_two_worker_dask_cluster_gives_the_pools_tables(many, reference, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  protocol="tcp", dashboard_address=None) as cluster:
        from reportkit.cli import main

        db = tmp_path / "dask.duckdb"
        code = main(["corpus", str(many), "-o", str(db), "-q", "--scheduler",
                     cluster.scheduler_address.replace("tcp://", "dask://")])
        assert code == 0
        assert tables(db) == reference
        shipped = tmp_path / "bytes.duckdb"
        code = main(["corpus", str(many), "-o", str(shipped), "-q", "--ship", "bytes",
                     "--scheduler", cluster.scheduler_address.replace("tcp://", "dask://")])
        assert code == 0
        assert tables(shipped) == reference


def test_an_unreachable_scheduler_is_one_line_and_exit_2(many, tmp_path):
    out = run_cli("corpus", many, "-o", tmp_path / "x.duckdb", "--scheduler",
                  "dask://127.0.0.1:9")
    err = out.stderr.decode()
    assert out.returncode == 2 and "cannot reach the Dask scheduler" in err
    assert "Traceback" not in err
