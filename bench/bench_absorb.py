"""Benchmark: `reportkit absorb` on a 20-page review with 50 tracked changes and 20 comments.

The review is the seed report's Word build (about 20 official pages; the count in reportkit's
own PDF layout is printed) with, written as Word writes them: 45 paragraphs each with a
tracked replacement of two characters, 5 results each with a tracked change of a number (growth
up 1 point, the derived gaps unchanged, so regenerated), and
20 comments anchored in 20 paragraphs. Each run is a new process (cold: imports, reading the
spec, lint before and after) of

    reportkit absorb SPEC REVIEW.docx --dry-run --format json

and its median and fastest wall times are printed with the goal's ratio (issue 12: ≤ 1 s).
A breakdown of one in-process run (read, map, apply and validate) follows.

    python3 bench/bench_absorb.py [--runs N]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "specs" / "dongqu-2024.yaml"
GOAL_S = 1.0
WHO = 'w:author="审阅人" w:date="2024-03-01T09:00:00Z"'
PARA_RE = re.compile(r"<w:p>.*?</w:p>", re.DOTALL)
T_RE = re.compile(r"(<w:t[^>]*>)([^<]*)(</w:t>)")
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def review(spec: Path, changes: int = 50, comments: int = 20) -> bytes:
    """The spec's build with tracked changes and comments added."""
    from reportkit.readers.spec import read_spec
    from reportkit.writers.docx import write_docx

    report, _ = read_spec(spec)
    src = zipfile.ZipFile(io.BytesIO(write_docx(report)))
    doc = src.read("word/document.xml").decode()
    state = {"paras": 0, "results": 0, "comments": 0, "id": 100}

    def edit(m: re.Match) -> str:
        p = m.group(0)
        text = "".join(t for _, t, _ in T_RE.findall(p))
        if text.startswith("——") and "确保" not in text and state["results"] < 5 and \
                re.search(r"增长(?:（[^）<]*）)?\d", p):
            state["results"] += 1
            p = _tracked(p, re.compile(r"增长(?:（[^）]*）)?(\d)"), lambda d: str((int(d) + 1) % 10),
                         state)
        elif len(text) > 60 and state["paras"] < changes - 5:
            state["paras"] += 1
            p = _tracked(p, re.compile(r"([\u4e00-\u9fff]{2})(?=[\u4e00-\u9fff]{4})"),
                         lambda w: "推进", state)
        if len(text) > 60 and state["comments"] < comments:
            p = _comment(p, state["comments"])
            state["comments"] += 1
        return p

    doc = PARA_RE.sub(edit, doc)
    notes = "".join(f'<w:comment w:id="{i}" {WHO}><w:p><w:r><w:t>意见{i + 1}：请核实。</w:t>'
                    "</w:r></w:p></w:comment>" for i in range(state["comments"]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in src.namelist():
            zf.writestr(name, doc if name == "word/document.xml" else src.read(name))
        zf.writestr("word/comments.xml", f"<w:comments {W_NS}>{notes}</w:comments>")
    print(f"review: {state['paras'] + state['results']} tracked changes, {state['comments']} "
          "comments")
    return out.getvalue()


def _tracked(p: str, pattern: re.Pattern, new, state: dict) -> str:
    """The paragraph with the first match of ``pattern``'s group 1 deleted and ``new``
    inserted, as w:del/w:ins runs split out of the run holding it."""
    def sub(m: re.Match) -> str:
        found = pattern.search(m.group(2))
        if not found or state.get("done"):
            return m.group(0)
        state["done"] = True
        a, b = found.span(1)
        text, i = m.group(2), state["id"]
        state["id"] += 2
        return (f"{m.group(1)}{text[:a]}</w:t></w:r><w:del w:id=\"{i}\" {WHO}><w:r><w:delText>"
                f"{text[a:b]}</w:delText></w:r></w:del><w:ins w:id=\"{i + 1}\" {WHO}><w:r><w:t>"
                f"{new(text[a:b])}</w:t></w:r></w:ins><w:r><w:t xml:space=\"preserve\">"
                f"{text[b:]}{m.group(3)}")

    state["done"] = False
    return T_RE.sub(sub, p)


def _comment(p: str, cid: int) -> str:
    start = p.index("<w:r>")
    return (p[:start] + f'<w:commentRangeStart w:id="{cid}"/>' + p[start:-len("</w:p>")] +
            f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference w:id="{cid}"/></w:r>'
            "</w:p>")


def pages(spec: Path) -> int:
    """Pages of the report in reportkit's own official PDF layout."""
    from reportkit.readers.spec import read_spec
    from reportkit.style import load_style
    from reportkit.writers import writer

    report, _ = read_spec(spec)
    return len(re.findall(rb"/Type\s*/Page[^s]", writer("pdf")(report, load_style("official"), warnings=[])))


def main() -> None:
    """Build the review, time cold runs, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "spec.yaml"
        shutil.copy(SEED, spec)
        rev = Path(tmp) / "review.docx"
        rev.write_bytes(review(spec))
        print(f"pages (reportkit's official PDF of the same spec): {pages(spec)}")
        cmd = [sys.executable, "-m", "reportkit", "absorb", str(spec), str(rev), "--dry-run",
               "--format", "json"]
        times, cpus, result = [], [], None
        for _ in range(args.runs):
            c0 = _child_cpu()
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, check=False)
            times.append(time.perf_counter() - t0)
            cpus.append(_child_cpu() - c0)
            result = proc
        rows = json.loads(result.stdout)
        print(f"absorbed: {len(rows['applied'])} applied, {len(rows['conflicts'])} conflicts, "
              f"{len(rows['rejected'])} rejected, {len(rows['comments'])} comments listed "
              f"(exit {result.returncode})")
        med, best = statistics.median(times), min(times)
        print(f"absorb cold, {args.runs} runs: median {med:.3f} s, fastest {best:.3f} s; "
              f"goal {GOAL_S:.1f} s: median/goal {med / GOAL_S:.2f}; CPU (user+sys) median "
              f"{statistics.median(cpus):.3f} s")
        breakdown(spec, rev)


def _child_cpu() -> float:
    """CPU seconds (user and system) used by finished child processes so far."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def breakdown(spec: Path, rev: Path) -> None:
    """One in-process run, step by step."""
    t0 = time.perf_counter()
    from reportkit.review import absorb as ab
    from reportkit.review.read import read_review
    t1 = time.perf_counter()
    read_review(rev)
    t2 = time.perf_counter()
    ab.absorb(str(spec), [str(rev)])
    t3 = time.perf_counter()
    print(f"in process: imports {t1 - t0:.3f} s, read the .docx {t2 - t1:.3f} s, "
          f"whole absorb (read, lint, map, apply, dump, re-read, lint) {t3 - t2:.3f} s")


if __name__ == "__main__":
    main()
