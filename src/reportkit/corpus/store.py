"""The DuckDB file: a cache of every task's rows, and the tables rebuilt from it.

The cache (``_rk_reads``, ``_rk_pairs``: one row per task, its rows as JSON, keyed by what
they depend on) is committed a batch at a time, so a run killed at any moment keeps what it
finished. The tables users query are replaced together in one transaction at the end of a
run: a reader sees the previous complete tables or the new ones, never a half-built one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .tables import JOINED, ORDER, TABLES, column_names, json_type

#: Marks a database as written by `reportkit corpus` (and the layout of its cache).
SCHEMA = "reportkit-corpus-1"
CACHE = ("_rk_reads", "_rk_pairs")


class StoreError(Exception):
    """OUT cannot be used; the message says why, in one line."""


def open_store(out: Path, memory_limit: str = "1GB"):
    """A connection to OUT, made ready; StoreError for every reason it cannot be."""
    import duckdb

    if out.exists() and not out.is_file():
        raise StoreError(f"{out}: not a file")
    if not out.parent.is_dir():
        raise StoreError(f"{out}: the folder {out.parent} does not exist")
    if out.exists() and not os.access(out, os.W_OK):
        raise StoreError(f"{out}: read-only; give another -o or make it writable")
    if not out.exists() and not os.access(out.parent, os.W_OK):
        raise StoreError(f"{out}: cannot create a file in {out.parent} (read-only)")
    try:
        con = duckdb.connect(str(out))
    except duckdb.Error as exc:
        raise StoreError(f"{out}: {_why(exc)}") from None
    try:
        con.execute(f"SET memory_limit = '{memory_limit}'")
        _prepare(con, out)
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{out}: {_why(exc)}") from None
    except StoreError:
        con.close()
        raise
    return con


def _why(exc: Exception) -> str:
    text = str(exc).splitlines()[0]
    if "lock" in text.lower():
        return "in use by another process (another run, or a program holding it open)"
    if "not a valid DuckDB database" in text:
        return "not a DuckDB database; reportkit leaves it alone (give another -o)"
    if "read-only" in text.lower() or "Permission denied" in text:
        return "read-only; give another -o or make it writable"
    return text.removeprefix("IO Error: ")


def _prepare(con, out: Path) -> None:
    """Create the cache on a new database; refuse a database some other program made."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    if tables and "_rk_state" not in tables:
        raise StoreError(f"{out}: a DuckDB database not made by `reportkit corpus` "
                         f"(it holds {', '.join(sorted(tables)[:3])}); give another -o")
    if tables:
        made = con.execute("SELECT value FROM _rk_state WHERE name = 'schema'").fetchone()
        if not made or made[0] != SCHEMA:
            raise StoreError(f"{out}: made by another version of `reportkit corpus` "
                             f"({made[0] if made else 'unknown'}); delete it to start afresh")
        return
    con.begin()
    con.execute("CREATE TABLE _rk_state (name VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO _rk_state VALUES ('schema', ?)", [SCHEMA])
    for name in CACHE:
        con.execute(f"CREATE TABLE {name} (key VARCHAR PRIMARY KEY, file VARCHAR, payload JSON)")
    con.commit()


def cached(con, cache: str, keys: list[str]) -> set[str]:
    """The keys already in a cache table."""
    if not keys:
        return set()
    _keys_table(con, keys)
    return {r[0] for r in con.execute(
        f"SELECT key FROM {cache} WHERE key IN (SELECT key FROM _rk_keys)").fetchall()}


def _keys_table(con, keys: list[str]) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE _rk_keys AS "
                "SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')) AS key", [json.dumps(keys)])


def all_keys(con, cache: str) -> set[str]:
    """Every key in a cache table."""
    return {r[0] for r in con.execute(f"SELECT key FROM {cache}").fetchall()}


def put(con, cache: str, rows: list[tuple[str, str, str]]) -> None:
    """Store finished tasks' rows (key, file, JSON) in one transaction."""
    if not rows:
        return
    con.begin()
    con.executemany(f"INSERT OR REPLACE INTO {cache} VALUES (?, ?, ?)", rows)
    con.commit()


def reports(con, keys: list[str]) -> dict[str, dict]:
    """key -> the report part of its cached rows."""
    _keys_table(con, keys)
    return {k: json.loads(p) for k, p in con.execute(
        "SELECT key, payload->'report' FROM _rk_reads "
        "WHERE key IN (SELECT key FROM _rk_keys)").fetchall()}


def versions(con, cache: str, keys: list[str]) -> set[str]:
    """The reportkit versions that produced these cached rows (one, unless workers differ)."""
    _keys_table(con, keys)
    return {r[0] for r in con.execute(
        f"SELECT DISTINCT payload->>'version' FROM {cache} "
        f"WHERE key IN (SELECT key FROM _rk_keys)").fetchall()}


def rebuild(con, read_keys: list[str], pair_keys: list[str], report_rows: list[dict],
            problems: list[dict], pairs: list[dict]) -> None:
    """Replace every table from the cache, in one transaction; then drop stale cache rows."""
    con.begin()
    try:
        _rows_table(con, "reports", report_rows)
        ok = "SELECT file FROM reports WHERE status = 'ok'"
        for table in ("targets", "results", "terms"):
            _from_cache(con, table, "_rk_reads", read_keys, f"file IN ({ok})")
        _from_cache(con, "target_changes", "_rk_pairs", pair_keys, "TRUE")
        _rows_table(con, "_rk_corpus_problems", problems, "problems")
        _from_cache(con, "problems", "_rk_reads", read_keys, "TRUE",
                    extra="SELECT * FROM _rk_corpus_problems UNION ALL "
                          "SELECT * FROM _rk_pairs_problems")
        _rows_table(con, "_rk_pair_list", pairs, "pairs")
        con.execute("CREATE OR REPLACE TABLE pairs AS SELECT p.* REPLACE ((SELECT count(*) "
                    "FROM target_changes c WHERE c.place = p.place AND c.old_year = p.old_year "
                    f"AND c.new_year = p.new_year) AS changes) FROM _rk_pair_list p "
                    f"ORDER BY {ORDER['pairs']}")
        for temp in ("_rk_corpus_problems", "_rk_pair_list", "_rk_pairs_problems"):
            con.execute(f"DROP TABLE IF EXISTS {temp}")
        _prune(con, "_rk_reads", read_keys)
        _prune(con, "_rk_pairs", pair_keys)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    con.execute("CHECKPOINT")


def _rows_table(con, table: str, rows: list[dict], columns_of: str | None = None) -> None:
    """A table made from rows given here (the reports, the corpus's own problems)."""
    of = columns_of or table
    names = column_names(of)
    data = json.dumps([{n: r.get(n) for n in names} for r in rows], ensure_ascii=False)
    order = f"ORDER BY {ORDER[of]}" if not table.startswith("_") else ""
    con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM (SELECT unnest(from_json("
                f"?::JSON, '{json_type(of)}'), recursive := true)) {order}", [data])


def _from_cache(con, table: str, cache: str, keys: list[str], where: str,
                extra: str = "") -> None:
    """A table made of its rows in each current cache entry, with place and year joined."""
    _keys_table(con, keys)
    rows = (f"SELECT unnest(from_json(payload->'{table}', '{json_type(table)}'), "
            f"recursive := true) FROM {cache} WHERE key IN (SELECT key FROM _rk_keys)")
    if table == "target_changes":  # a failed diff's problems go to the problems table
        con.execute("CREATE OR REPLACE TABLE _rk_pairs_problems AS SELECT unnest(from_json("
                    f"payload->'problems', '{json_type('problems')}'), recursive := true) "
                    f"FROM {cache} WHERE key IN (SELECT key FROM _rk_keys)")
        rows = rows.replace("payload->'target_changes'", "payload->'changes'")
    if extra:
        rows = f"{rows} UNION ALL {extra}"
    if table in JOINED:
        names = column_names(table)
        rest = ", ".join(f"t.{n}" for n in names[2:])
        select = (f"SELECT t.file, t.line, r.place, r.year, {rest} FROM ({rows}) t "
                  f"JOIN reports r USING (file) WHERE t.{where}")
    else:
        select = f"SELECT * FROM ({rows}) t WHERE {where}"
    con.execute(f"CREATE OR REPLACE TABLE {table} AS {select} ORDER BY {ORDER[table]}")


def _prune(con, cache: str, keys: list[str]) -> None:
    """Forget cached rows no current file or pair needs (the file changed or went away)."""
    _keys_table(con, keys)
    con.execute(f"DELETE FROM {cache} WHERE key NOT IN (SELECT key FROM _rk_keys)")


def export_parquet(con, folder: Path) -> list[Path]:
    """Every table as folder/TABLE.parquet, each written to a temporary name, then renamed."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        final = folder / f"{table}.parquet"
        tmp = folder / f".{table}.parquet.tmp"
        con.execute(f"COPY (SELECT * FROM {table}) TO '{_sql_str(tmp)}' (FORMAT PARQUET)")
        os.replace(tmp, final)
        written.append(final)
    return written


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")
