#!/usr/bin/env python3
"""How fast `reportkit validate` starts and checks the seed spec, beside yamllint and
check-jsonschema on the same file (cold processes, median of N runs, interleaved).

Every tool runs as `python -m TOOL` with the same interpreter, so none pays for a launcher
script. Two settings are measured:

- "bytecode cached": every tool's .pyc files are written once to a scratch folder
  (PYTHONPYCACHEPREFIX) and reused, as after a normal `pip install`;
- "no bytecode written": the environment as it is (PYTHONDONTWRITEBYTECODE=1 here), where
  reportkit's editable source is compiled on every run while the tools in site-packages use
  the .pyc files pip wrote.

The goal (issue 2) is to be faster than yamllint. Usage: bench/bench_validate.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "dongqu-2024.yaml"
SCHEMA = ROOT / "src" / "reportkit" / "data" / "spec.schema.json"
TABLE = ROOT / "src" / "reportkit" / "data" / "traditional.txt"


def tools() -> dict[str, list[str]]:
    """The commands to time; a tool that is not installed is left out with a note."""
    py = sys.executable
    out = {"python (startup only)": [py, "-c", "pass"],
           "reportkit validate": [py, "-m", "reportkit", "validate", str(SPEC)]}
    for name, module, args in (("yamllint", "yamllint", [str(SPEC)]),
                               ("check-jsonschema", "check_jsonschema",
                                ["--schemafile", str(SCHEMA), str(SPEC)])):
        probe = subprocess.run([py, "-c", f"import {module}"], capture_output=True)
        if probe.returncode == 0:
            out[name] = [py, "-m", module, *args]
        else:
            print(f"({name} is not installed: pip install -e '.[bench]')")
    return out


def once(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds for one cold run (its exit code does not matter: yamllint finds long lines)."""
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(cmds: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, float]:
    """Median seconds per tool; runs interleaved so that load on the machine hits all alike."""
    for cmd in cmds.values():
        once(cmd, env)  # warm the file cache (and the bytecode cache, when one is written)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            times[name].append(once(cmd, env))
    return {name: statistics.median(t) for name, t in times.items()}


def report(title: str, medians: dict[str, float]) -> None:
    """Print medians in ms and each tool's time as a multiple of validate's."""
    base = medians["reportkit validate"]
    print(f"\n{title}")
    print(f"  {'tool':<24}{'median ms':>10}{'× validate':>12}")
    for name, sec in medians.items():
        print(f"  {name:<24}{sec * 1000:>10.1f}{sec / base:>12.2f}")
    if "yamllint" in medians:
        verdict = "faster" if base < medians["yamllint"] else "SLOWER"
        print(f"  validate is {verdict} than yamllint "
              f"(yamllint takes {medians['yamllint'] / base:.2f}× as long)")


def opencc_cost(env: dict[str, str], runs: int) -> None:
    """What RK108 would pay per run with OpenCC, against the table it reads instead.

    Each is timed inside a fresh process (the import is the cost, so it must be cold), from
    before the first import to after the spec's text has been checked.
    """
    read = f"t = open({str(SPEC)!r}, encoding='utf-8').read()"
    convert = f"import opencc; {read}; opencc.OpenCC('t2s').convert(t)"
    # The same work as lint/rules/traditional.py, without importing reportkit's model.
    table = (f"{read}; r = open({str(TABLE)!r}, encoding='utf-8').read(); "
             "r = r[r.index(chr(10)) + 1:]; s = dict(zip(r[0::4], r[2::4])); "
             "[c for c in t if c in s]")
    print("\nRK108 without OpenCC (timed inside a cold process, median):")
    for name, code in (("OpenCC: import, t2s converter, convert the spec", convert),
                       ("reportkit's table: read it, scan the spec", table)):
        timed = ("import time; s0 = time.perf_counter(); " + code
                 + "; print(time.perf_counter() - s0)")
        samples = [float(subprocess.run([sys.executable, "-c", timed], env=env, check=True,
                                        capture_output=True, text=True).stdout)
                   for _ in range(runs)]
        print(f"  {name:<50}{statistics.median(samples) * 1000:6.1f} ms")


def main() -> int:
    """Measure both settings and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per tool (default 15)")
    args = parser.parse_args()
    check = subprocess.run([sys.executable, "-m", "reportkit", "validate", str(SPEC)],
                           cwd=ROOT, capture_output=True)
    if check.returncode != 0:
        sys.stderr.write(check.stderr.decode() + check.stdout.decode())
        return 1
    cmds = tools()
    print(f"spec: {SPEC.relative_to(ROOT)} ({SPEC.stat().st_size} bytes); {args.runs} runs "
          f"each; {os.cpu_count()} CPUs; load {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="bench-pyc-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        report("bytecode cached (as installed):", measure(cmds, env, args.runs))
        opencc_cost(env, args.runs)
    env = dict(os.environ)
    env.pop("PYTHONPYCACHEPREFIX", None)
    report(f"no bytecode written (PYTHONDONTWRITEBYTECODE="
           f"{env.get('PYTHONDONTWRITEBYTECODE', 'unset')}):", measure(cmds, env, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
