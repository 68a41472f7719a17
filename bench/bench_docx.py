"""Benchmark: `reportkit build --format docx` as a cold process, beside pandoc on the same text.

Two inputs: the seed spec, and a spec about 50 times longer made from it in a temporary folder
(each （一）-level section's body repeated 50 times: heading numbers 一、 and （一） stop at 99,
so the seed's top-level sections cannot simply be repeated 50 times). pandoc converts markdown
written from the same flat.lines, so both produce the same words. Each command runs RUNS times
as a new process; the median wall time is printed with the ratio reportkit / pandoc.

Goals (issue 3): at most 2x pandoc on the seed, no slower than pandoc at 50x.

    python3 bench/bench_docx.py [--runs N]

The title breaker keeps a cache (REPORTKIT_NO_CACHE=1 turns it off); the first run below
fills it (and Python's bytecode cache), and a cold-cache figure is printed separately.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "specs" / "dongqu-2024.yaml"


def longer_spec(src: Path, dest: Path, times: int) -> None:
    """The spec with each second-level section's body repeated ``times`` times."""
    import yaml

    data = yaml.safe_load(src.read_text(encoding="utf-8"))

    def repeat(blocks: list, depth: int) -> list:
        out = []
        for block in blocks:
            if isinstance(block, dict) and "section" in block:
                block = dict(block)
                body = block.get("body", [])
                block["body"] = body * times if depth == 2 else repeat(body, depth + 1)
            out.append(block)
        return out

    data["body"] = repeat(data["body"], 1)
    dest.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def markdown(spec: Path, dest: Path) -> None:
    """The report's lines as markdown: headings by level, everything else a paragraph."""
    from reportkit import flat
    from reportkit.readers.spec import read_spec

    report, problems = read_spec(spec)
    assert report is not None, problems
    out = []
    for line in flat.lines(report):
        if line.kind in ("title", "heading"):
            out.append("#" * max(line.level, 1) + " " + line.full)
        else:
            out.append(line.full)
    dest.write_text("\n\n".join(out) + "\n", encoding="utf-8")


def once(cmd: list[str], env: dict) -> float:
    """Wall-clock seconds of one fresh process."""
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def timed(cmds: list[list[str]], runs: int, envs: list[dict]) -> list[float]:
    """Median seconds of each command over ``runs`` rounds; the commands alternate within a
    round, so a busy machine slows them alike."""
    times: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for i, (cmd, env) in enumerate(zip(cmds, envs)):
            times[i].append(once(cmd, env))
    return [statistics.median(t) for t in times]


STAGES = r"""
import sys, time
t = [time.perf_counter()]
import reportkit.cli, reportkit.commands.build
t.append(time.perf_counter())
from reportkit.style import load_style
style = load_style("official")
t.append(time.perf_counter())
from reportkit.commands.common import load_checked
import reportkit.lint, reportkit.readers.spec
t.append(time.perf_counter())
report, problems = load_checked(sys.argv[1])
t.append(time.perf_counter())
from reportkit.writers import writer
write = writer("docx")
t.append(time.perf_counter())
data = write(report, style)
t.append(time.perf_counter())
print(" ".join(f"{b - a:.4f}" for a, b in zip(t, t[1:])))
"""
STAGE_NAMES = ("import cli", "load style", "import reader+lint", "read+lint spec",
               "import docx writer", "write docx")


def stages(spec: Path, runs: int, env: dict) -> list[float]:
    """Median seconds of each stage of a build, inside fresh processes."""
    rows = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", STAGES, str(spec)], env=env, check=True,
                             capture_output=True, text=True).stdout
        rows.append([float(x) for x in out.split()])
    return [statistics.median(col) for col in zip(*rows)]


def main() -> int:
    """Print the figures; exit 0 (figures are not asserted)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    if shutil.which("pandoc") is None:
        print("pandoc not installed: run scripts/setup.sh --test", file=sys.stderr)
        return 2
    # As users run it: bytecode cached after the first run. A PYTHONDONTWRITEBYTECODE left in
    # the environment would make every run compile every module again (about 0.1 s here).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = tmp / "dongqu-50x.yaml"
        longer_spec(SEED, big, 50)
        for label, spec in (("seed", SEED), ("50x", big)):
            md = tmp / f"{spec.stem}.md"
            markdown(spec, md)
            ours = [sys.executable, "-m", "reportkit", "build", str(spec), "-o", str(tmp / "out"),
                    "--format", "docx", "--force"]  # --force: the 50x copy repeats headings
            theirs = ["pandoc", str(md), "-o", str(tmp / f"{spec.stem}-pandoc.docx")]
            subprocess.run(ours, env=env, check=True, capture_output=True)  # warm the caches
            if label == "seed":
                cold_env = dict(env, REPORTKIT_NO_CACHE="1")
                rk, pd, cold, bare = timed([ours, theirs, ours, [sys.executable, "-c", "pass"]],
                                           args.runs, [env, env, cold_env, env])
            else:
                rk, pd = timed([ours, theirs], args.runs, [env, env])
            rows.append((label, spec.stat().st_size, rk, pd))
    print(f"docx build, median of {args.runs} cold processes (python: {sys.executable})")
    print(f"{'input':8}{'spec bytes':>12}{'reportkit s':>13}{'pandoc s':>10}{'ratio':>8}  goal")
    for (label, size, rk, pd), goal in zip(rows, ("<= 2.00", "<= 1.00")):
        print(f"{label:8}{size:>12}{rk:>13.3f}{pd:>10.3f}{rk / pd:>8.2f}  {goal}")
    seed_pd = rows[0][3]
    print(f"seed, title cache off: {cold:.3f} s (ratio {cold / seed_pd:.2f}); "
          f"python -c pass: {bare:.3f} s")
    parts = stages(SEED, args.runs, env)
    print("where the seed's time goes (ms, median): " +
          ", ".join(f"{name} {1000 * t:.0f}" for name, t in zip(STAGE_NAMES, parts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
