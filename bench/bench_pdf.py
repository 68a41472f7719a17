"""Benchmark: `reportkit build --format pdf` as a cold process, beside the route users take today
(build the .docx, then `soffice --headless --convert-to pdf`).

Inputs: the seed spec and longer specs made from it in a temporary folder (1x, 10x, 25x, 50x:
each （一）-level section's body repeated, as bench_docx.py does). Each command runs as a new
process; the median wall time and the peak memory of the process (os.wait4's ru_maxrss) are
printed, with the ratio route / reportkit. LibreOffice keeps one profile for the whole run,
warmed once, as a user's would be; the modules are byte-compiled by the first, untimed build
(as an installed package is), even where PYTHONDONTWRITEBYTECODE is set. The converted fonts
are cached (~/.cache/reportkit/fonts) by that build too; its cost is printed on its own when
the cache is cold.

The route is timed in turns with reportkit's own build of the same spec (reportkit, route,
route, reportkit, …): on a shared machine both then meet the same slow and fast moments, and
the ratio of their medians is printed with the ratio of each turn.

Goals (issue 4): at least 5x faster than the route on the seed; under 2 s at 50x; time growing
linearly with length.

    python3 bench/bench_pdf.py [--runs N] [--route-runs N]
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
LENGTHS = (1, 10, 25, 50)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_docx import longer_spec  # the same long specs as the Word benchmark


def once(cmd: list[str], env: dict) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak resident memory (KiB) of one fresh
    process and the children it waited for."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def interleaved(ours: list[str], env: dict, route: list[list[str]], route_env: dict,
                runs: int) -> tuple[tuple[float, float, int], tuple[float, float, int], list]:
    """reportkit's build and the route, run in turns (ABBA…), so that both meet the same
    moments of a shared machine: (median wall, median cpu, peak) of each, and the per-turn
    wall ratios route / reportkit."""
    mine, theirs, ratios = [], [], []
    for i in range(runs):
        a = b = None
        for which in ((0, 1) if i % 2 == 0 else (1, 0)):
            if which == 0:
                a = once(ours, env)
            else:
                parts = [once(cmd, route_env) for cmd in route]
                b = (sum(p[0] for p in parts), sum(p[1] for p in parts), max(p[2] for p in parts))
        mine.append(a)
        theirs.append(b)
        ratios.append(b[0] / a[0])

    def summary(xs):
        return (statistics.median(x[0] for x in xs), statistics.median(x[1] for x in xs),
                max(x[2] for x in xs), min(x[0] for x in xs))

    return summary(mine), summary(theirs), ratios


def median_of(cmds: list[list[str]], env: dict, runs: int) -> tuple[float, float, int, float]:
    """Median total wall and CPU time of a sequence of commands, the largest peak memory, and
    the fastest wall time."""
    walls, cpus, peak = [], [], 0
    for _ in range(runs):
        wall = cpu = 0.0
        for cmd in cmds:
            w, c, rss = once(cmd, env)
            wall, cpu, peak = wall + w, cpu + c, max(peak, rss)
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus), peak, min(walls)


def build(spec: Path, out: Path, fmt: str) -> list[str]:
    """The build command a user runs (--force: the long copies repeat headings)."""
    return [sys.executable, "-m", "reportkit", "build", str(spec), "-o", str(out), "--format",
            fmt, "--force"]


def soffice(docx: Path, out: Path, profile: Path) -> list[str]:
    """LibreOffice's conversion of a .docx to PDF with its own profile folder."""
    return ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(out), str(docx)]


def cold_font_cache(env: dict, tmp: Path) -> float | None:
    """Seconds of a seed build with an empty font cache (the one-off TrueType conversion), or
    None when the machine's cache is already filled (then the timed builds never pay it)."""
    cache = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reportkit" / "fonts"
    if cache.exists() and any(cache.glob("*.ttf")):
        return None
    seconds, _, _ = once(build(SEED, tmp / "cold", "pdf"), env)
    return seconds


def main() -> int:
    """Print the figures; exit 0 (figures are not asserted)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each reportkit build")
    parser.add_argument("--route-runs", type=int, default=3,
                        help="runs of the .docx + LibreOffice route (slow; keep few)")
    args = parser.parse_args()
    # Installed packages are byte-compiled; PYTHONDONTWRITEBYTECODE (set on the dev machine)
    # would make every run compile every changed module again (~0.1 s), as bench_docx.py notes.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    from reportkit import fonts

    lo_env = fonts.config_env(env)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cold = cold_font_cache(env, tmp)
        specs = {}
        for n in LENGTHS:
            specs[n] = SEED if n == 1 else tmp / f"dongqu-{n}x.yaml"
            if n > 1:
                longer_spec(SEED, specs[n], n)
        rows, route = [], {}
        for n, spec in specs.items():
            out = tmp / f"out{n}"
            ours = build(spec, out, "pdf")
            once(ours, env)  # warm the title and font caches
            cmds = _route_cmds(spec, tmp / f"route{n}", tmp / "lo-profile", lo_env)
            if cmds and n in (1, LENGTHS[-1]):
                # the seed is cheap: as many turns as reportkit alone would get
                turns = max(args.runs, args.route_runs) if n == 1 else args.route_runs
                (seconds, cpu, rss, fastest), theirs, ratios = interleaved(ours, env, cmds,
                                                                           lo_env, turns)
                route[n] = (*theirs, ratios)
            else:
                seconds, cpu, rss, fastest = median_of([ours], env, args.runs)
            pages = _pages(out / f"{spec.stem}.pdf")
            rows.append((n, pages, seconds, cpu, rss, fastest))
        bare, _, _, _ = median_of([[sys.executable, "-c", "pass"]], env, args.runs)
    _print(rows, route, cold, bare, args)
    return 0


def _route_cmds(spec: Path, folder: Path, profile: Path, lo_env: dict) -> list[list[str]]:
    """The route's commands for a spec (.docx build, then LibreOffice), run once untimed (the
    first start of LibreOffice writes its profile); none without LibreOffice."""
    if not shutil.which("soffice"):
        return []
    docx = folder / f"{spec.stem}.docx"
    cmds = [build(spec, folder, "docx"), soffice(docx, folder, profile)]
    for cmd in cmds:
        once(cmd, lo_env)
    return cmds


def _pages(pdf: Path) -> int:
    """Page count (pdfplumber reads the page tree)."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return len(doc.pages)


def _print(rows, route: dict, cold, bare: float, args) -> None:
    print(f"PDF build, median of {args.runs} cold processes; route: median of {args.route_runs} "
          f"(seed: {max(args.runs, args.route_runs)}), run in turns with reportkit's build "
          f"(python: {sys.executable})")
    print("wall = elapsed seconds, cpu = user + system seconds of the process tree")
    print(f"{'length':>7}{'pages':>7}{'rk wall':>9}{'rk min':>8}{'rk cpu':>8}{'peak MiB':>10}"
          f"{'route wall':>12}{'route cpu':>11}{'route MiB':>11}{'wall x':>8}{'cpu x':>7}")
    for n, pages, seconds, cpu, rss, fastest in rows:
        r = route.get(n)
        extra = (f"{r[0]:>12.3f}{r[1]:>11.3f}{r[2] / 1024:>11.0f}{r[0] / seconds:>8.1f}"
                 f"{r[1] / cpu:>7.1f}" if r else "")
        print(f"{n:>6}x{pages:>7}{seconds:>9.3f}{fastest:>8.3f}{cpu:>8.3f}{rss / 1024:>10.0f}"
              f"{extra}")
    # Growth from the fastest runs: the ones the machine's other load disturbed least.
    (_, p0, _, _, _, t0), (_, p1, _, _, _, t1) = rows[0], rows[-1]
    slope = (t1 - t0) / max(p1 - p0, 1)
    print(f"growth (fastest runs): {slope * 1000:.1f} ms per extra page; fixed cost "
          f"{t0 - slope * p0:.3f} s (python -c pass: {bare:.3f} s)")
    for n, pages, _, _, _, seconds in rows[1:-1]:
        predicted = t0 + slope * (pages - p0)
        print(f"  {n}x: {seconds:.3f} s measured, {predicted:.3f} s on the line "
              f"({(seconds / predicted - 1) * 100:+.0f}%)")
    for n, r in route.items():
        print(f"  {n}x route/reportkit wall ratio per turn: "
              + " ".join(f"{x:.1f}" for x in r[-1]) + f" (min {min(r[-1]):.1f})")
    if route:
        print(f"goals: seed route/reportkit {route[1][0] / rows[0][2]:.1f}x wall, "
              f"{route[1][1] / rows[0][3]:.1f}x cpu (goal >= 5x); 50x {rows[-1][2]:.3f} s wall, "
              f"{rows[-1][3]:.3f} s cpu (goal < 2 s)")
    else:
        print("LibreOffice not installed: route not measured (scripts/setup.sh --test)")
    if cold is not None:
        print(f"first build on this machine (fonts converted to TrueType, cached): {cold:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
