"""The tables a corpus run writes: their columns, types and meaning (the README lists them).

Every row says where it was read: ``file`` (relative to the corpus folder) and ``line`` (1-based;
0 when the reader gave no position). Rows are ordered by file and position, so two runs over the
same files give identical tables.
"""

from __future__ import annotations

#: table -> ((column, DuckDB type, meaning), ...). The worker's rows hold these columns except
#: the ones ``JOINED`` adds from the reports table.
COLUMNS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "reports": (
        ("file", "VARCHAR", "path under DIR"),
        ("line", "INTEGER", "line of the title"),
        ("place", "VARCHAR", "the folder's name, else the region the title names"),
        ("folder", "VARCHAR", "the folder under DIR holding the file"),
        ("year", "INTEGER", "the year planned: the text's own, else the file name's"),
        ("year_from", "VARCHAR", "text or name: where the year came from"),
        ("year_reviewed", "INTEGER", "the year the review tells (the text's)"),
        ("title", "VARCHAR", "the title as read"),
        ("region", "VARCHAR", "the region the title names"),
        ("date", "VARCHAR", "ISO date of delivery, when stated"),
        ("status", "VARCHAR", "ok, failed, not-report or no-year"),
        ("duplicate", "BOOLEAN", "another file has the same place and year"),
        ("paired", "BOOLEAN", "the edition of its place and year that pairs are diffed with"),
        ("chars", "INTEGER", "characters of text read"),
        ("targets", "INTEGER", "targets found"),
        ("results", "INTEGER", "results found"),
        ("sha256", "VARCHAR", "digest of the file's bytes"),
    ),
    "targets": (
        ("file", "VARCHAR", ""), ("line", "INTEGER", ""), ("col", "INTEGER", ""),
        ("seq", "INTEGER", "order in the report's target list, from 0"),
        ("indicator", "VARCHAR", "registry key (gdp, cpi …) or the name when not registered"),
        ("name", "VARCHAR", "the indicator's name as written"),
        ("measure", "VARCHAR", "growth, level or ceiling"),
        ("kind", "VARCHAR", "number, range, qualitative (words only) or not-stated"),
        ("binding", "VARCHAR", "which value binds: ensure (确保), value, or strive (力争)"),
        ("number", "DOUBLE", "the binding value"),
        ("high", "DOUBLE", "a range's upper bound (5–5.5%: number 5, high 5.5)"),
        ("qualifier", "VARCHAR", "左右, 以上, 以内 … of the binding value"),
        ("unit", "VARCHAR", "% for growth, else the indicator's unit"),
        ("ensure", "DOUBLE", "确保 value"), ("ensure_high", "DOUBLE", ""),
        ("ensure_qualifier", "VARCHAR", ""),
        ("strive", "DOUBLE", "力争 value"), ("strive_high", "DOUBLE", ""),
        ("strive_qualifier", "VARCHAR", ""),
        ("cell", "VARCHAR", "short form: 确保6.7% / 力争7.2%以上"),
        ("text", "VARCHAR", "the target as the report states it"),
    ),
    "results": (
        ("file", "VARCHAR", ""), ("line", "INTEGER", ""), ("col", "INTEGER", ""),
        ("seq", "INTEGER", "order in the report, from 0"),
        ("source", "VARCHAR", "list (a result list) or prose (a paragraph)"),
        ("indicator", "VARCHAR", ""), ("name", "VARCHAR", ""),
        ("measure", "VARCHAR", "growth, level or ceiling"),
        ("level", "DOUBLE", "the level reached"), ("growth", "DOUBLE", "growth in %"),
        ("unit", "VARCHAR", "the level's unit"),
        ("target", "DOUBLE", "the target the report restates beside it"),
        ("target_qualifier", "VARCHAR", ""),
        ("text", "VARCHAR", "the result's sentence"),
    ),
    "terms": (
        ("file", "VARCHAR", ""), ("line", "INTEGER", "first line using the term"),
        ("term", "VARCHAR", "a policy term of reportkit's dictionary (data/policy_terms.txt)"),
        ("count", "INTEGER", "occurrences in the report"),
    ),
    "target_changes": (
        ("file", "VARCHAR", "the new edition (the old one for a removed target)"),
        ("line", "INTEGER", "the target's line in that file"),
        ("place", "VARCHAR", ""), ("old_year", "INTEGER", ""), ("new_year", "INTEGER", ""),
        ("indicator", "VARCHAR", ""), ("name", "VARCHAR", ""),
        ("measure", "VARCHAR", "growth, level or ceiling (the new target's, else the old's)"),
        ("change", "VARCHAR", "added, removed, changed, unchanged or kind-changed"),
        ("matched_by", "VARCHAR", "key, name or near: how old and new were paired"),
        ("old_file", "VARCHAR", ""), ("old_line", "INTEGER", ""),
        ("old_seq", "INTEGER", "the old target's seq in targets"),
        ("old_cell", "VARCHAR", "old target, short form"), ("old_number", "DOUBLE", ""),
        ("new_file", "VARCHAR", ""), ("new_line", "INTEGER", ""),
        ("new_seq", "INTEGER", "the new target's seq in targets"),
        ("new_cell", "VARCHAR", "new target, short form"), ("new_number", "DOUBLE", ""),
        ("unit", "VARCHAR", ""), ("delta", "VARCHAR", "change of the binding number"),
        ("note", "VARCHAR", "a kind or qualifier change in words"),
        ("actual", "DOUBLE", "the old year's outcome, as the new edition states it"),
        ("actual_text", "VARCHAR", "the outcome with its unit"),
        ("verdict", "VARCHAR", "met or missed against the old binding target; NULL unknown"),
        ("gap", "VARCHAR", "outcome minus target"),
        ("strive_verdict", "VARCHAR", "met or missed against the old 力争 value"),
        ("outcome_source", "VARCHAR", "result (a stated result) or text (a sentence)"),
        ("outcome_file", "VARCHAR", ""), ("outcome_line", "INTEGER", ""),
        ("evidence", "VARCHAR", "the sentence the outcome was read from"),
    ),
    "pairs": (
        ("file", "VARCHAR", "the new edition"), ("line", "INTEGER", "its title line"),
        ("place", "VARCHAR", ""), ("old_year", "INTEGER", ""), ("new_year", "INTEGER", ""),
        ("old_file", "VARCHAR", ""), ("gap", "INTEGER", "years between (1 unless --pair-gaps)"),
        ("changes", "INTEGER", "target_changes rows"),
    ),
    "problems": (
        ("file", "VARCHAR", ""), ("line", "INTEGER", ""), ("col", "INTEGER", ""),
        ("level", "VARCHAR", "error or warning"), ("code", "VARCHAR", "RK…"),
        ("message", "VARCHAR", ""),
    ),
}

#: Columns added to a worker's rows from the reports table (by file).
JOINED = {"targets": ("place", "year"), "results": ("place", "year"),
          "terms": ("place", "year")}

#: The order rows are kept in.
ORDER = {
    "reports": "file",
    "targets": "file, seq",
    "results": "file, seq",
    "terms": "file, line, term",
    "target_changes": "place, new_year, new_seq NULLS LAST, old_seq",
    "pairs": "place, new_year, file, old_file",
    "problems": "file, line, col, code, message",
}

TABLES = tuple(COLUMNS)


def json_type(table: str) -> str:
    """The from_json structure of a list of this table's rows: '[{"file":"VARCHAR",…}]'."""
    fields = ",".join(f'"{name}":"{typ}"' for name, typ, _ in COLUMNS[table])
    return "[{" + fields + "}]"


def column_names(table: str) -> list[str]:
    """The table's column names in order."""
    return [name for name, _, _ in COLUMNS[table]]
