#!/usr/bin/env python3
"""How fast `reportkit diff` compares the 攀枝花市 2022→2023 editions, beside other diff tools
on the same plain texts, and how it grows on a pair 50 times longer.

Every command runs as a cold process with the same interpreter (median of N runs, interleaved
so that load on the shared machine hits all alike), with bytecode cached in a scratch folder
(PYTHONPYCACHEPREFIX) as after a normal install. Peers, on the editions' plain texts (one
line per paragraph, as `reportkit diff` sees them):

- difflib, characters: SequenceMatcher over the two texts' characters;
- difflib, words: the same over rjieba words (the segmenter reportkit uses);
- redlines: the `redlines` package (pip install -e '.[bench]'), markdown output;
- git diff --no-index --word-diff (git's default word regex: runs of non-space, which in
  Chinese text without spaces means whole lines), and the same by characters (regex ".").

Two "part" rows show what every run of reportkit pays before comparing anything: loading the
segmenter's dictionary, and reading (importing) both editions.

The 50× pair writes each paragraph of each edition 50 times, each copy marked with its number so
that no two copies are equal. The goals (issue 6): under 0.5 s for the real pair, and growth
close to linear (n times the characters in about n times the time, or less).
Usage: bench/bench_diff.py [--runs N] [--timeout S]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
PAIR = ROOT / "tests" / "fixtures" / "corpus" / "panzhihua-city"
COPIES = 50

DIFFLIB_CHARS = """import difflib, sys
a, b = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
print(sum(j2 - j1 for tag, i1, i2, j1, j2 in ops if tag != "equal"))"""
DIFFLIB_WORDS = """import difflib, sys, rjieba
a, b = (rjieba.cut(open(p, encoding="utf-8").read()) for p in sys.argv[1:3])
ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
print(sum(j2 - j1 for tag, i1, i2, j1, j2 in ops if tag != "equal"))"""
REDLINES = """import sys
from redlines import Redlines
a, b = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
print(len(Redlines(a, b).output_markdown))"""


def longer(blocks, n: int):
    """The blocks with every paragraph written n times, each copy marked with its number.

    Paragraphs repeat inside their section, not the sections themselves: headings are numbered
    一、 to 九十九、 at most, and the 攀枝花 reports have three top-level sections.
    """
    from reportkit.model import Paragraph, Section

    out = []
    for b in blocks:
        if isinstance(b, Section):
            out.append(replace(b, body=tuple(longer(b.body, n))))
        elif isinstance(b, Paragraph):
            out += [replace(b, text=f"第{k}份：{b.text}") for k in range(1, n + 1)]
        else:
            out.append(b)
    return out


def prepare(tmp: Path) -> dict[str, tuple[Path, Path]]:
    """Write the inputs: the real pair, its plain texts, and the 50× pair (specs and texts)."""
    from reportkit.flat import plain_text
    from reportkit.readers import read_any
    from reportkit.writers.yaml import write_yaml

    files = {}
    for size in ("1x", f"{COPIES}x"):
        paths = []
        for year in ("2022", "2023"):
            report, _ = read_any(PAIR / f"{year}.md")
            if size != "1x":
                report = replace(report, body=tuple(longer(report.body, COPIES)))
                spec = tmp / f"{year}-{size}.yaml"
                spec.write_bytes(write_yaml(report))
                paths.append(spec)
            else:
                paths.append(PAIR / f"{year}.md")
            (tmp / f"{year}-{size}.txt").write_text(plain_text(report), encoding="utf-8")
        files[size] = tuple(paths)
        files[f"{size} text"] = (tmp / f"2022-{size}.txt", tmp / f"2023-{size}.txt")
    return files


def commands(files, size: str) -> dict[str, list[str]]:
    """The commands to time for one size."""
    py = sys.executable
    old, new = map(str, files[size])
    a, b = map(str, files[f"{size} text"])
    read_both = ("import sys; from reportkit.readers import read_any; "
                 "[read_any(p) for p in sys.argv[1:3]]")
    cmds = {
        "python (startup only)": [py, "-c", "pass"],
        "  part: import rjieba": [py, "-c", "import rjieba"],
        "  part: read both editions": [py, "-c", read_both, old, new],
        "reportkit diff --format json": [py, "-m", "reportkit", "diff", old, new, "--format",
                                         "json"],
        "reportkit diff --format text": [py, "-m", "reportkit", "diff", old, new],
        "difflib, characters": [py, "-c", DIFFLIB_CHARS, a, b],
        "difflib, rjieba words": [py, "-c", DIFFLIB_WORDS, a, b],
        "git diff --word-diff": ["git", "diff", "--no-index", "--word-diff", a, b],
        "git diff, characters": ["git", "diff", "--no-index", "--word-diff",
                                 "--word-diff-regex=.", a, b],
    }
    probe = subprocess.run([py, "-c", "import redlines"], capture_output=True, check=False)
    if probe.returncode == 0:
        cmds["redlines"] = [py, "-c", REDLINES, a, b]
    else:
        print("(redlines is not installed: pip install -e '.[bench]')")
    return cmds


INF = (float("inf"), float("inf"))


def once(cmd: list[str], env: dict[str, str], timeout: float) -> tuple[float, float]:
    """(wall seconds, CPU seconds user + system) for one cold run; inf past the timeout.

    CPU time is reported beside wall time because the machine is shared: other work stretches
    the wall clock, much less the CPU a process itself uses.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = start + timeout
    while True:
        pid, _, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = 0  # reaped here; keep Popen from waiting again
            return time.perf_counter() - start, usage.ru_utime + usage.ru_stime
        if time.perf_counter() > deadline:
            proc.kill()
            proc.wait()
            return INF
        time.sleep(0.002)


def measure(cmds, env, runs: int, timeout: float) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) per command, runs interleaved; one that times out runs once."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    for name, cmd in cmds.items():  # warm the file and bytecode caches
        times[name].append(once(cmd, env, timeout))
    for _ in range(runs):
        for name, cmd in cmds.items():
            if times[name][0] != INF:
                times[name].append(once(cmd, env, timeout))
    return {name: (statistics.median(w for w, _ in t[1:] or t),
                   statistics.median(c for _, c in t[1:] or t)) for name, t in times.items()}


def in_process(files, size: str, runs: int) -> float:
    """Median seconds of compare() alone (reading and rendering left out)."""
    from reportkit.diff import compare
    from reportkit.readers import read_any

    old, new = (read_any(p)[0] for p in files[size])
    compare(old, new)  # load the segmenter once
    spent = []
    for _ in range(runs):
        start = time.perf_counter()
        compare(old, new)
        spent.append(time.perf_counter() - start)
    return statistics.median(spent)


def fmt(seconds: float) -> str:
    return f"{'timeout':>10}" if seconds == float("inf") else f"{seconds:8.3f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=120.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = prepare(tmp)
        env = dict(os.environ, PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        chars = {size: sum(len(p.read_text(encoding="utf-8")) for p in files[f"{size} text"])
                 for size in ("1x", f"{COPIES}x")}
        results = {}
        for size in ("1x", f"{COPIES}x"):
            runs = args.runs if size == "1x" else max(1, args.runs // 2)
            print(f"\n== 攀枝花市 2022→2023, {size}: {chars[size]:,} characters in both "
                  f"editions, cold processes, median of {runs}")
            results[size] = measure(commands(files, size), env, runs, args.timeout)
            base = results[size]["reportkit diff --format json"]
            print(f"  {'':30} {'wall':>10} {'CPU':>10}   ratios (wall, CPU) to reportkit json")
            for name, (wall, cpu) in results[size].items():
                ratio = ("" if wall == float("inf") else
                         f"  {wall / base[0]:6.2f}×  {cpu / base[1]:6.2f}×")
                print(f"  {name:30} {fmt(wall)} {fmt(cpu)}{ratio}")
        factor = chars[f"{COPIES}x"] / chars["1x"]  # headings and targets are not repeated
        print(f"\n== growth, {factor:.1f}× the characters (linear would be {factor:.1f}×): "
              "wall, CPU")
        for name in results["1x"]:
            a, b = results["1x"][name], results[f"{COPIES}x"].get(name, INF)
            growth = ("n/a" if INF in (a, b) else
                      f"{b[0] / a[0]:6.1f}×  {b[1] / a[1]:6.1f}×")
            print(f"  {name:30} {growth}")
        one, many = in_process(files, "1x", 5), in_process(files, f"{COPIES}x", 1)
        print(f"  {'compare() alone, in process':30} {many / one:6.1f}×  "
              f"({one:.3f} s → {many:.3f} s)")
        wall, cpu = results["1x"]["reportkit diff --format json"]
        print(f"\ngoal: real pair under 0.5 s: {'met' if wall < 0.5 else 'NOT met'} "
              f"(wall {wall:.3f} s, CPU {cpu:.3f} s); load average {os.getloadavg()[0]:.2f} "
              f"on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
