"""`reportkit corpus DIR -o OUT.duckdb` as a user runs it: the tables, re-runs, bad input."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from .conftest import CORPUS, run_cli

TABLES = ("reports", "targets", "results", "terms", "target_changes", "pairs", "problems")


def tables(db) -> dict:
    """Every table's rows, in the order the database keeps them."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES}
    finally:
        con.close()


def query(db, sql: str, *params):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def corpus(*args):
    out = run_cli("corpus", *args)
    assert "Traceback" not in out.stderr.decode(), out.stderr.decode()
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture corpus (three places, a README) into a database with the process pool."""
    tmp = tmp_path_factory.mktemp("corpus")
    src = tmp / "reports"
    shutil.copytree(CORPUS, src)
    db = tmp / "out.duckdb"
    out = corpus(src, "-o", db, "-j", "2")
    assert out.returncode == 0, out.stderr.decode()
    return src, db, out.stderr.decode()


def test_places_and_years_come_from_folders_and_texts(built):
    _, db, _ = built
    rows = query(db, "SELECT place, year, status FROM reports WHERE status = 'ok' "
                     "ORDER BY place, year")
    assert rows == [("panzhihua-city", 2022, "ok"), ("panzhihua-city", 2023, "ok"),
                    ("panzhihua-city", 2025, "ok"), ("sichuan-province", 2023, "ok"),
                    ("sichuan-province", 2024, "ok"), ("state-council", 2023, "ok"),
                    ("state-council", 2024, "ok"), ("state-council", 2025, "ok")]
    assert query(db, "SELECT status FROM reports WHERE file = 'README.md'") == [("not-report",)]


def test_targets_have_their_file_line_and_qualifier(built):
    _, db, _ = built
    gdp = query(db, "SELECT file, line, number, qualifier, unit, kind FROM targets "
                    "WHERE place = 'state-council' AND year = 2024 AND indicator = 'gdp'")
    assert gdp == [("state-council/2024.md", 58, 5.0, "左右", "%", "number")]
    src, _, _ = built
    line = (src / "state-council/2024.md").read_text().splitlines()[57]
    assert "国内生产总值增长5%左右" in line
    assert query(db, "SELECT count(*) FROM targets WHERE line = 0") == [(0,)]


def test_consecutive_pairs_carry_target_changes_and_outcomes(built):
    _, db, stderr = built
    pairs = query(db, "SELECT place, old_year, new_year FROM pairs")
    assert pairs == [("panzhihua-city", 2022, 2023), ("sichuan-province", 2023, 2024),
                     ("state-council", 2023, 2024), ("state-council", 2024, 2025)]
    gdp = query(db, "SELECT old_cell, new_cell, change, actual, verdict, outcome_file, "
                    "outcome_line FROM target_changes WHERE place = 'state-council' "
                    "AND new_year = 2024 AND indicator = 'gdp'")
    # the 2024 report's line 14: "国内生产总值超过126万亿元，增长5.2%"
    assert gdp == [("5%左右", "5%左右", "unchanged", 5.2, "met", "state-council/2024.md", 14)]
    # 2024 is missing for 攀枝花: no pair across the gap, and a line says so
    assert "panzhihua-city: no edition for 2024" in stderr
    assert query(db, "SELECT count(*) FROM target_changes WHERE new_year = 2025 AND "
                     "place = 'panzhihua-city'") == [(0,)]


def test_a_new_term_is_found_where_it_first_appears(built):
    _, db, _ = built
    first = query(db, "SELECT place, year, file, line FROM terms WHERE term = '新质生产力' "
                      "ORDER BY year, place LIMIT 1")
    assert first[0][:3] == ("sichuan-province", 2024, "sichuan-province/2024.md")


def test_a_second_run_reads_nothing_and_a_changed_file_alone_is_read_again(built, tmp_path):
    src, db, _ = built
    db2 = tmp_path / "again.duckdb"
    shutil.copy(db, db2)
    before = tables(db2)
    out = corpus(src, "-o", db2, "-j", "2")
    assert "(0 read" in out.stderr.decode() and "(0 diffed)" in out.stderr.decode()
    assert tables(db2) == before
    report = src / "state-council" / "2025.md"
    saved = report.read_bytes()
    try:
        report.write_text(report.read_text().replace("5%左右", "4.5%左右", 1))
        out = corpus(src, "-o", db2, "-j", "2")
        assert "(1 read" in out.stderr.decode() and "(1 diffed)" in out.stderr.decode()
        assert query(db2, "SELECT new_cell FROM target_changes WHERE new_year = 2025 AND "
                          "place = 'state-council' AND indicator = 'gdp'") == [("4.5%左右",)]
    finally:
        report.write_bytes(saved)


def test_pair_gaps_pairs_across_a_missing_year(built, tmp_path):
    src, _, _ = built
    db = tmp_path / "gaps.duckdb"
    assert corpus(src, "-o", db, "--scheduler", "serial", "--pair-gaps").returncode == 0
    assert query(db, "SELECT gap FROM pairs WHERE place = 'panzhihua-city' AND new_year = 2025") \
        == [(2,)]


def test_parquet_holds_the_same_tables(built, tmp_path):
    src, db, _ = built
    pq = tmp_path / "pq"
    db2 = tmp_path / "p.duckdb"
    shutil.copy(db, db2)
    assert corpus(src, "-o", db2, "--parquet", pq).returncode == 0
    con = duckdb.connect()
    for t, rows in tables(db).items():
        assert con.execute(f"SELECT * FROM '{pq / t}.parquet'").fetchall() == rows, t


def test_bad_input_gets_a_line_each_and_the_run_goes_on(tmp_path):
    src = tmp_path / "mixed"
    (src / "state-council").mkdir(parents=True)
    for year in (2023, 2024):
        shutil.copy(CORPUS / "state-council" / f"{year}.md", src / "state-council")
    # the same report twice, under a name whose year is wrong
    shutil.copy(CORPUS / "state-council" / "2024.md", src / "state-council" / "2020.md")
    (src / "state-council" / "scan.pdf").write_bytes(b"%PDF-1.4")
    (src / "state-council" / "broken.docx").write_bytes(b"not a zip")
    (src / "notes.txt").write_text("to do: ask for the 2019 report\n")
    # a report directly under DIR, with no year in its name: its place is its region
    shutil.copy(CORPUS / "sichuan-province" / "2024.md", src / "report.md")
    db = tmp_path / "out.duckdb"
    out = corpus(src, "-o", db)
    err = out.stderr.decode()
    assert out.returncode == 1, err  # a report could not be read: listed, left out
    assert "state-council/broken.docx: error not a Word file" in err
    assert "state-council/scan.pdf: warning not a file reportkit reads" in err
    assert "notes.txt: warning not a report" in err
    assert "the text plans 2024, the file name says 2020" in err
    assert "state-council 2024 again" in err
    dup = query(db, "SELECT file, duplicate, paired FROM reports WHERE year = 2024 AND "
                    "place = 'state-council' ORDER BY file")
    assert dup == [("state-council/2020.md", True, False), ("state-council/2024.md", True, True)]
    assert query(db, "SELECT place, year FROM reports WHERE file = 'report.md'") == [
        ("四川省", 2024)]
    assert query(db, "SELECT status FROM reports WHERE file = 'state-council/broken.docx'") == [
        ("failed",)]
    assert query(db, "SELECT count(*) FROM pairs") == [(1,)]


def test_an_unusable_output_stops_with_exit_2_and_is_left_alone(tmp_path):
    src = tmp_path / "one"
    (src / "state-council").mkdir(parents=True)
    shutil.copy(CORPUS / "state-council" / "2024.md", src / "state-council")
    missing = corpus(src, "-o", tmp_path / "nowhere" / "out.duckdb")
    assert missing.returncode == 2 and "does not exist" in missing.stderr.decode()
    other = tmp_path / "notes.duckdb"
    other.write_text("my notes")
    out = corpus(src, "-o", other)
    assert out.returncode == 2 and "not a DuckDB database" in out.stderr.decode()
    assert other.read_text() == "my notes"
    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE reports (x INTEGER)")
    con.close()
    out = corpus(src, "-o", foreign)
    assert out.returncode == 2 and "not made by `reportkit corpus`" in out.stderr.decode()


def test_a_database_in_use_is_refused(tmp_path):
    import subprocess
    import sys

    src = tmp_path / "one"
    (src / "state-council").mkdir(parents=True)
    shutil.copy(CORPUS / "state-council" / "2024.md", src / "state-council")
    db = tmp_path / "busy.duckdb"
    hold = (f"import duckdb, sys; c = duckdb.connect({str(db)!r}); print('open', flush=True); "
            "sys.stdin.read()")
    holder = subprocess.Popen([sys.executable, "-c", hold], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"open"
        out = corpus(src, "-o", db)
        assert out.returncode == 2 and "in use by another process" in out.stderr.decode()
    finally:
        holder.stdin.close()
        holder.wait()
        holder.stdout.close()


def test_reports_added_later_give_the_tables_of_one_run(built, tmp_path):
    """A corpus that grows (2023 first, then the other years) ends with the tables of a single
    run over all of it: pairs diffed afterwards equal pairs diffed with their folder."""
    src, db, _ = built
    grown = tmp_path / "grown"
    for report in src.rglob("2023.md"):
        target = grown / report.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(report, target)
    out = tmp_path / "grown.duckdb"
    assert corpus(grown, "-o", out, "-q").returncode == 0
    shutil.rmtree(grown)
    shutil.copytree(src, grown)
    res = corpus(grown, "-o", out)
    assert "(6 read" in res.stderr.decode(), res.stderr.decode()
    assert tables(out) == tables(db)


def test_an_output_inside_the_folder_is_not_read_as_a_report(tmp_path):
    src = tmp_path / "reports"
    (src / "state-council").mkdir(parents=True)
    shutil.copy(CORPUS / "state-council" / "2024.md", src / "state-council")
    db = src / "corpus.duckdb"
    for _ in range(2):  # the second run finds the database (and its .wal) beside the reports
        out = corpus(src, "-o", db, "--scheduler", "serial")
        assert out.returncode == 0 and "corpus.duckdb: warning" not in out.stderr.decode()
    assert query(db, "SELECT file FROM reports") == [("state-council/2024.md",)]


def test_a_missing_or_wrong_dir_is_named(tmp_path):
    """DIR that does not exist, or is a file: one line with RK001, exit 2, no database made."""
    from .conftest import run_cli

    spec = tmp_path / "a.yaml"
    spec.write_text("x", encoding="utf-8")
    for where, says in ((tmp_path / "nowhere", "no such folder"), (spec, "not a folder")):
        done = run_cli("corpus", where, "-o", tmp_path / "out.duckdb")
        err = done.stderr.decode()
        assert done.returncode == 2 and f"{says} (RK001)" in err and "Traceback" not in err
    assert not (tmp_path / "out.duckdb").exists()
