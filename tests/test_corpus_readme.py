"""The README's SQL questions for `reportkit corpus`, run on the fixture corpus: each gives the
answer the README prints under it. The answers follow the importer: when it improves, rewrite
them on purpose with `REPORTKIT_ACCEPT=1 python3 -m pytest tests/test_corpus_readme.py` and
read the change in git diff."""

from __future__ import annotations

import os
import re
import shutil

import duckdb
import pytest

from .conftest import CORPUS, ROOT, run_cli

SECTION = "## Many places: reportkit corpus"


def markdown(cursor) -> str:
    """A query's answer as the README prints it: a markdown table, NULL as an empty cell."""
    names = [d[0] for d in cursor.description]
    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    for row in cursor.fetchall():
        cells = ["" if v is None else str(v) for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def questions() -> list[tuple[str, str]]:
    """(sql, answer) for each ```sql block of the README's corpus section."""
    text = (ROOT / "README.md").read_text()
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    found = re.findall(r"```sql\n(.*?)```\n+((?:\|[^\n]*\n)+)", section, re.DOTALL)
    return [(sql, answer.strip()) for sql, answer in found]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("readme")
    src = tmp / "corpus"
    shutil.copytree(CORPUS, src)
    out = tmp / "corpus.duckdb"
    res = run_cli("corpus", src, "-o", out, "-q", "--scheduler", "serial")
    assert res.returncode == 0, res.stderr.decode()
    return out


def test_the_readme_asks_five_questions():
    assert len(questions()) >= 5


@pytest.mark.parametrize("number", range(5))
def test_each_answer_is_what_the_query_gives(db, number):
    sql, answer = questions()[number]
    con = duckdb.connect(str(db), read_only=True)
    try:
        got = markdown(con.execute(sql))
    finally:
        con.close()
    if os.environ.get("REPORTKIT_ACCEPT") == "1" and got != answer:
        accept(sql, answer, got)
        return
    assert got == answer


def accept(sql: str, old: str, new: str) -> None:
    """Write a query's new answer under it in the README (only there)."""
    path = ROOT / "README.md"
    text = path.read_text()
    start = text.index(SECTION)
    at = text.index(f"```sql\n{sql}```", start)
    answer_at = text.index(old, at)
    path.write_text(text[:answer_at] + new + text[answer_at + len(old):])
