#!/usr/bin/env python3
"""How well reportkit reads the family: every report under a folder imported, and the labelled
development set scored.

    python3 bench/bench_family.py ../shared/gwr [--jobs 2] [--labels tests/fixtures/labels]
                                                 [--list-low] [--limit N]

Prints one table: reports imported, crashes, silent overwrites, share of the source's Chinese
characters kept in the imported report (its text as a built document prints it; mean and
the reports below 99.5%, with the reason),
RK302/RK303 counts (median per report), reports from 2000 on with a target paragraph in the
text and how many of those had a target list found, the wall time; then, on the labelled set,
target precision and recall (indicator + number + qualifier all equal) and core results recall
and precision. Nothing is asserted here: tests/test_family_labels.py holds the labelled set to
its figures.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

#: A paragraph that introduces the main targets of the year ("主要预期目标是：", "主要目标：").
TARGET_PARA_RE = re.compile(r"(?:主要|预期|经济社会发展)[^。；\n]{0,12}目标[^。；\n]{0,8}[:：]")
HAN_RE = re.compile(r"[\u3400-\u9fff]")


def han(text: str) -> Counter:
    """The multiset of Chinese characters of a text."""
    return Counter(HAN_RE.findall(text))


def kept_share(source: Counter, out: Counter) -> float:
    """The share of the source's Chinese characters (as a multiset) found in the output."""
    total = sum(source.values())
    if not total:
        return 1.0
    return sum(min(n, out[c]) for c, n in source.items()) / total


def source_body(path: Path) -> str:
    """The source text without a markdown front matter's keys and HTML comments."""
    text = path.read_text("utf-8", errors="replace")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    m = re.match(r"^---\n(.*?)\n---\n", text, re.DOTALL)
    if m:
        front = "".join(re.findall(r"^\s*\w+:\s*(.*)$", m.group(1), re.MULTILINE))
        text = front + "\n" + text[m.end():]
    return text


def one(path_str: str) -> dict:
    """Import one report and measure it (run in a worker process)."""
    from reportkit.commands.import_ import load
    from reportkit.flat import plain_text
    from reportkit.model import results, targets
    from reportkit.writers.yaml import write_yaml

    path = Path(path_str)
    row = {"path": path_str, "crash": "", "kept": 1.0, "rk302": 0, "rk303": 0, "targets": 0,
           "results": 0, "target_para": False, "year": None, "overwrite": 0, "seconds": 0.0}
    src = source_body(path)
    row["target_para"] = bool(TARGET_PARA_RE.search(src))
    m = re.search(r"(\d{4})", path.stem)
    row["year"] = int(m.group(1)) if m else None
    t0 = time.perf_counter()
    try:
        got = load(path_str)
        write_yaml(got.report)  # the spec must be writable
        data = plain_text(got.report)  # what the built document says
    except Exception as exc:  # noqa: BLE001 - a crash is what is being counted
        row["crash"] = f"{type(exc).__name__}: {exc}"[:200]
        return row
    row["seconds"] = time.perf_counter() - t0
    codes = Counter(p.code for p in got.problems)
    row["rk302"], row["rk303"] = codes["RK302"], codes["RK303"]
    row["overwrite"] = codes["RK312"]
    row["kept"] = kept_share(han(src), han(data))
    row["targets"] = sum(1 for _ in targets(got.report))
    row["results"] = sum(1 for _ in results(got.report))
    if got.report.meta.year_planned:
        row["year"] = got.report.meta.year_planned
    return row


def run_all(root: Path, jobs: int, limit: int | None) -> tuple[list[dict], float]:
    """Import every .md/.txt/.docx/.html under root in a process pool."""
    files = sorted(str(p) for p in root.rglob("*") if p.suffix in (".md", ".txt", ".docx", ".html")
                   and p.name != "README.md")
    if limit:
        files = files[:limit]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        rows = list(pool.map(one, files, chunksize=8))
    return rows, time.perf_counter() - t0


def family_table(rows: list[dict], wall: float, list_low: bool) -> list[tuple[str, str]]:
    """The figures of a whole-folder run."""
    ok = [r for r in rows if not r["crash"]]
    low = [r for r in ok if r["kept"] < 0.995]
    recent = [r for r in ok if r["year"] and r["year"] >= 2000 and r["target_para"]]
    found = [r for r in recent if r["targets"]]
    rk302 = [r["rk302"] for r in ok]
    out = [
        ("reports", str(len(rows))),
        ("imported", str(len(ok))),
        ("crashes", str(len(rows) - len(ok))),
        ("notes explained twice (RK312, never overwritten)", str(sum(r["overwrite"] for r in ok))),
        ("Chinese characters kept, mean", f"{statistics.mean(r['kept'] for r in ok):.4%}"),
        ("reports keeping < 99.5%", str(len(low))),
        ("RK302 total / reports with any / median", (
            f"{sum(rk302)} / {sum(1 for x in rk302 if x)} / "
            f"{statistics.median(rk302) if rk302 else 0}")),
        ("RK303 total", str(sum(r["rk303"] for r in ok))),
        ("2000+ reports with a target paragraph", str(len(recent))),
        ("… with a target list found", f"{len(found)} ({len(found) / max(1, len(recent)):.1%})"),
        ("reports with results found", str(sum(1 for r in ok if r["results"]))),
        ("wall time", f"{wall:.1f} s ({wall / max(1, len(rows)) * 1000:.0f} ms a report)"),
    ]
    if list_low:
        for r in sorted(low, key=lambda r: r["kept"])[:40]:
            print(f"  kept {r['kept']:.3%}  {r['path']}", file=sys.stderr)
        for r in rows:
            if r["crash"]:
                print(f"  CRASH {r['path']}: {r['crash']}", file=sys.stderr)
        for r in sorted(recent, key=lambda r: r["path"]):
            if not r["targets"]:
                print(f"  no targets: {r['path']}", file=sys.stderr)
    return out


def main() -> int:
    """Run the bench; print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", help="a folder of reports (e.g. ../shared/gwr)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--labels", default=str(Path(__file__).resolve().parents[1] /
                                            "tests/fixtures/labels"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("-v", "--verbose", action="store_true", help="list each label missed")
    ap.add_argument("--list-low", action="store_true",
                    help="list reports below 99.5%% kept, crashes and missing target lists")
    args = ap.parse_args()
    table: list[tuple[str, str]] = []
    if args.root:
        if not Path(args.root).is_dir():
            print(f"bench_family: {args.root}: no such folder", file=sys.stderr)
            return 2
        rows, wall = run_all(Path(args.root), args.jobs, args.limit)
        if not rows:
            print(f"bench_family: {args.root}: no reports (.md .txt .docx .html) under it",
                  file=sys.stderr)
            return 2
        table += family_table(rows, wall, args.list_low)
    score = None
    if Path(args.labels).is_dir() and any(Path(args.labels).glob("*.yaml")):
        from reportkit.labels import LabelError, evaluate_labels

        try:
            score = evaluate_labels(Path(args.labels), Path(args.labels).parent)
        except LabelError as exc:
            print(f"bench_family: {exc}", file=sys.stderr)
            return 2
        table += score.table()
    width = max(len(k) for k, _ in table)
    for k, val in table:
        print(f"{k:<{width}}  {val}")
    if score and score.misses and args.verbose:
        for line in score.misses:
            print("  " + line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
