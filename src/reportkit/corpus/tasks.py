"""What a worker does, in the process pool or on a Dask worker: plain functions of plain values.

``read_task`` reads one report and returns its rows as compact JSON; ``pairs_task`` reads a
place's editions and returns the target changes of each consecutive pair. Neither writes
anything: the main process stores what they return. Any failure of a reader becomes a row in
``problems`` (code, message, no traceback), so a bad file never stops the run. The rows carry
the worker's version key; the main process refuses rows from a worker running other code.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..problems import Problem, ReportError
from .scan import UNREADABLE, version_key

#: A report with fewer Chinese characters than this is not a report (a README, a stub page).
MIN_HAN = 200
_HAN = re.compile(r"[\u4e00-\u9fff]")
#: One task at a time in a process: the segmenter (rjieba) fails when two threads use it at
#: once ("Already borrowed"), and the work holds the GIL anyway, so a Dask worker's extra
#: threads would add nothing. Parallelism comes from processes (pool workers, Dask workers).
_ONE_AT_A_TIME = threading.Lock()


def read_task(rel: str, path: str, data: bytes | None = None) -> str:
    """One report's rows (report, targets, results, terms, problems) as JSON.

    ``path`` is read where the worker runs (a shared file system); with ``data`` the bytes
    travel with the task and are read from a temporary file of the same name."""
    with _ONE_AT_A_TIME:
        return _read_rows(rel, path, data)


def _read_rows(rel: str, path: str, data: bytes | None) -> str:
    return _dump(_read_one(rel, path, data)[0])


def _read_one(rel: str, path: str, data: bytes | None) -> tuple[dict, object]:
    """(rows, the Report or None when it could not be read)."""
    try:
        report, problems = _read(rel, path, data)
    except ReportError as exc:
        return _failed(rel, exc.problem.code, exc.problem.message), None
    except Exception as exc:  # noqa: BLE001 - a reader's bug must not stop the other reports
        return _failed(rel, UNREADABLE, f"reportkit could not read it: "
                                        f"{type(exc).__name__}: {exc}"), None
    try:
        return report_rows(rel, report, problems), report
    except Exception as exc:  # noqa: BLE001
        return _failed(rel, UNREADABLE, f"reportkit read it but could not tabulate it: "
                                        f"{type(exc).__name__}: {exc}"), None


def folder_task(files: list[tuple[str, str, str, bytes | None]], pair_gaps: bool) -> dict:
    """Every report of one folder read, and the folder's pairs diffed in the same task, so a
    fresh run reads each report once: {"reads": [(file, json)], "pairs": [(key, json)]}.

    ``files`` are (rel, path, sha256, bytes or None). The folder's editions are grouped as the
    main process groups them (:func:`reportkit.corpus.group.group`); a place spread over
    several folders gets its missing pairs from :func:`pairs_task` afterwards."""
    with _ONE_AT_A_TIME:
        return _folder_rows(files, pair_gaps)


def _folder_rows(files, pair_gaps: bool) -> dict:
    from .group import group
    from .scan import Source

    reads, reports, items = [], {}, []
    for rel, path, sha, data in files:
        rows, report = _read_one(rel, path, data)
        reads.append((rel, _dump(rows)))
        reports[rel] = report
        items.append((Source(rel, path, sha), rows["report"]))
    _, _, pairs = group(items, pair_gaps)
    return {"reads": reads, "pairs": [(item["key"], _dump(_pair_rows(item, reports)))
                                      for item in pairs]}


def _pair_rows(item: dict, reports: dict) -> dict:
    """One pair's rows from editions already read; a failure becomes a problem row."""
    try:
        return change_rows(item, reports[item["old"]["rel"]], reports[item["new"]["rel"]])
    except Exception as exc:  # noqa: BLE001 - one pair's failure must not stop the others
        return {"changes": [], "problems": [_problem(Problem(
            item["new"]["rel"], 0, 0, "error", "RK708",
            f"could not diff it with {item['old']['rel']}: {type(exc).__name__}: {exc}"))]}


def _read(rel: str, path: str, data: bytes | None):
    """read_any on the path, or on the shipped bytes; problems renamed to the relative path."""
    from ..readers import read_any

    if data is None:
        report, problems = read_any(path)
    else:
        with tempfile.TemporaryDirectory(prefix="reportkit-corpus-") as tmp:
            local = Path(tmp, Path(rel).name)
            local.write_bytes(data)
            report, problems = read_any(local)
    if report is None:
        first = next((p for p in problems if p.level == "error"), None)
        raise ReportError(first or Problem(rel, 0, 0, "error", UNREADABLE, "nothing read"))
    return report, [replace(p, file=rel) for p in problems]


def _failed(rel: str, code: str, message: str) -> dict:
    report = {"file": rel, "status": "failed", "line": 0}
    return {"report": report, "problems": [_problem(Problem(rel, 0, 0, "error", code, message))]}


def _dump(payload: dict) -> str:
    payload["version"] = version_key()
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def _problem(p: Problem) -> dict:
    return {"file": p.file, "line": p.line, "col": p.col, "level": p.level, "code": p.code,
            "message": p.message}


# One report ------------------------------------------------------------------------------------

def report_rows(rel: str, report, problems: list[Problem]) -> dict:
    """The rows one report gives: its own line, its targets, results, terms and problems."""
    from ..flat import lines
    from ..model import results, targets
    from ..registry import for_report

    reg = for_report(report)
    flat = lines(report, reg)
    text = "\n".join(ln.full for ln in flat)
    tlist, rlist = list(targets(report)), list(results(report))
    m = report.meta
    info = {"file": rel, "status": "ok", "line": m.pos.line or 1, "title": m.title,
            "region": m.region, "year_planned": m.year_planned,
            "year_reviewed": m.year_reviewed, "date": m.date, "chars": len(text),
            "han": len(_HAN.findall(text)), "targets": len(tlist), "results": len(rlist)}
    return {"report": info, "targets": target_rows(rel, tlist, reg),
            "results": result_rows(rel, report, rlist, reg), "terms": term_rows(rel, text, flat),
            "problems": [_problem(p) for p in problems]}


def target_rows(rel: str, tlist: list, reg) -> list[dict]:
    """One row per target; a joined target without a position takes the one before it."""
    from ..diff.targets import side

    rows = []
    for seq, (t, pos) in enumerate(zip(tlist, positions(tlist))):
        s = side(t, reg)
        binding = "ensure" if t.ensure else "value" if t.value else "strive" if t.strive else None
        main = t.ensure or t.value or t.strive
        rows.append({
            "file": rel, "line": pos.line, "col": pos.col, "seq": seq, "indicator": t.indicator,
            "name": s.name, "measure": s.measure, "kind": _kind(t, main), "binding": binding,
            **_value("", main), "unit": s.main.unit if s.main else None,
            **_value("ensure_", t.ensure, False), **_value("strive_", t.strive, False),
            "cell": s.cell, "text": t.text or s.sentence})
    return rows


def positions(items: list) -> list:
    """Each item's position; a joined item the reader gave none takes the one before it (the
    sentence it was joined from)."""
    out, last = [], None
    for item in items:
        last = item.pos if item.pos.line or last is None else last
        out.append(last)
    return out


def _kind(t, main) -> str:
    if not t.stated:
        return "not-stated"
    if main is None:
        return "qualitative"
    return "range" if main.high is not None else "number"


def _value(prefix: str, val, bare: bool = True) -> dict:
    """number/high/qualifier columns of one value (``ensure`` rather than ``ensure_number``)."""
    first = "number" if bare else prefix.rstrip("_")
    return {first: _num(val.number) if val else None,
            prefix + "high": _num(val.high) if val else None,
            prefix + "qualifier": val.qualifier if val else None}


def _num(d) -> float | None:
    return None if d is None else float(d)


def result_rows(rel: str, report, rlist: list, reg) -> list[dict]:
    """One row per result, listed ones and prose ones (marked by ``source``)."""
    from ..model import results
    from ..wording import measure_unit, result_measure, result_sentence

    listed = {id(r) for r in results(report, prose=False)}
    rows = []
    for seq, (r, pos) in enumerate(zip(rlist, positions(rlist))):
        ind = reg.get(r.indicator)
        measure = result_measure(r, ind)
        rows.append({
            "file": rel, "line": pos.line, "col": pos.col, "seq": seq,
            "source": "list" if id(r) in listed else "prose", "indicator": r.indicator,
            "name": r.name or ind.name, "measure": measure, "level": _num(r.level),
            "growth": _num(r.growth), "unit": measure_unit("level", ind) or None,
            "target": _num(r.target.number) if r.target else None,
            "target_qualifier": r.target.qualifier if r.target else None,
            "text": r.text or _sentence(result_sentence, replace(r, more=()), reg)})
    return rows


def _sentence(fn, item, reg) -> str:
    try:
        return fn(item, reg)
    except Exception:  # noqa: BLE001 - a sentence is a convenience; numbers are in columns
        return ""


def term_rows(rel: str, text: str, flat: list) -> list[dict]:
    """Each dictionary policy term the report uses: how often, and the first line using it."""
    from ..diff.terms import count_words
    from ..diff.tokens import policy_terms

    counts = count_words(text)
    rows = []
    for term in policy_terms():
        if counts[term]:
            rows.append({"file": rel, "line": _first_line(term, flat), "term": term,
                         "count": counts[term]})
    return rows


def _first_line(needle: str, flat: list) -> int:
    for ln in flat:
        if needle in ln.full:
            pos = getattr(ln.block, "pos", None)
            if pos is not None and pos.line:
                return pos.line
    return 0


# A place's pairs -------------------------------------------------------------------------------

def pairs_task(items: list[dict], data: dict | None = None) -> list[tuple[str, str]]:
    """Target changes of each pair in ``items`` (one place's, in year order): [(key, json)].

    An item is {key, place, old: {rel, path, year}, new: {…}}. Each edition is read once."""
    with _ONE_AT_A_TIME:
        return _pairs_rows(items, data)


def _pairs_rows(items: list[dict], data: dict | None) -> list[tuple[str, str]]:
    memo: dict[str, object] = {}
    out = []
    for item in items:
        try:
            for side in ("old", "new"):
                _edition(item[side], memo, data)
            rows = _pair_rows(item, memo)
        except Exception as exc:  # noqa: BLE001 - an edition that cannot be read here
            rows = {"changes": [], "problems": [_problem(Problem(
                item["new"]["rel"], 0, 0, "error", "RK708",
                f"could not diff it with {item['old']['rel']}: {type(exc).__name__}: {exc}"))]}
        for rel in list(memo):
            if rel != item["new"]["rel"]:
                del memo[rel]  # a chain needs only the newest edition again
        out.append((item["key"], _dump(rows)))
    return out


def _edition(spec: dict, memo: dict, data: dict | None):
    if spec["rel"] not in memo:
        blob = data.get(spec["rel"]) if data else None
        memo[spec["rel"]] = _read(spec["rel"], spec["path"], blob)[0]
    return memo[spec["rel"]]


def change_rows(item: dict, old, new) -> dict:
    """Pair the old edition's targets with the new one's (the diff's own pairing), and judge
    each old target against the outcome the new edition states."""
    from ..diff.targets import _result_for, _review_lines, compare, consecutive, outcome, pair, side
    from ..flat import lines
    from ..model import results, targets
    from ..registry import for_report

    old_reg, new_reg = for_report(old), for_report(new)
    old_t, new_t = list(targets(old)), list(targets(new))
    old_s = [side(t, old_reg) for t in old_t]
    new_s = [side(t, new_reg) for t in new_t]
    where = {id(s): (p, i) for sides, ts in ((old_s, old_t), (new_s, new_t))
             for i, (s, p) in enumerate(zip(sides, positions(ts)))}
    new_lines = lines(new, new_reg)
    review, found_in = _review_lines(new_lines), list(results(new))
    follows = consecutive(old, new)
    rows = []
    for o, n, how in pair(old_s, new_s, old_reg, new_reg):
        d = compare(o, n, how)
        found = None
        if o is not None and follows:
            found = _result_for(o, found_in, new_reg)
            d = replace(d, outcome=outcome(o, found, new_reg, review))
        rows.append(_change(item, d, where, found, new_lines))
    return {"changes": rows, "problems": []}


def _change(item: dict, d, where: dict, found, new_lines) -> dict:
    old_pos, old_seq = where[id(d.old)] if d.old else (None, None)
    new_pos, new_seq = where[id(d.new)] if d.new else (None, None)
    old_rel, new_rel = item["old"]["rel"], item["new"]["rel"]
    main = (d.new or d.old).main
    out = d.outcome
    row = {
        "file": new_rel if d.new else old_rel,
        "line": (new_pos or old_pos).line if (new_pos or old_pos) else 0,
        "place": item["place"], "old_year": item["old"]["year"], "new_year": item["new"]["year"],
        "indicator": (d.new or d.old).key, "name": d.indicator,
        "measure": (d.new or d.old).measure, "change": d.change,
        "matched_by": d.matched_by or None,
        "old_file": old_rel if d.old else None, "old_line": old_pos.line if old_pos else None,
        "old_seq": old_seq,
        "old_cell": d.old.cell if d.old else None, "old_number": _main(d.old),
        "new_file": new_rel if d.new else None, "new_line": new_pos.line if new_pos else None,
        "new_seq": new_seq,
        "new_cell": d.new.cell if d.new else None, "new_number": _main(d.new),
        "unit": main.unit if main else None, "delta": d.delta or None, "note": d.note or None,
        "actual": None, "actual_text": None, "verdict": None, "gap": None,
        "strive_verdict": None, "outcome_source": None, "outcome_file": None,
        "outcome_line": None, "evidence": None}
    if out is not None:
        row.update({"actual": _leading_number(out.actual), "actual_text": out.actual,
                    "verdict": out.verdict, "gap": out.gap or None,
                    "strive_verdict": out.strive or None, "outcome_source": out.source,
                    "outcome_file": new_rel, "outcome_line": _outcome_line(out, found, new_lines),
                    "evidence": out.evidence or None})
    return row


def _main(s) -> float | None:
    return _leading_number(s.main.number) if s is not None and s.main else None


def _leading_number(text: str) -> float | None:
    m = re.match(r"-?\d+(?:\.\d+)?", text or "")
    try:
        return float(Decimal(m.group())) if m else None
    except InvalidOperation:
        return None


def _outcome_line(out, found, new_lines) -> int:
    if out.source == "result" and found is not None and found.pos.line:
        return found.pos.line
    return _first_line(out.evidence, new_lines) if out.evidence else 0


def worker_version() -> str:
    """The version key where this runs (a Dask worker's, asked before any task is sent)."""
    return version_key()


def cpu_count() -> int:
    """Cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
