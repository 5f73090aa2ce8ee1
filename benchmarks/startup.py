"""Start-up time of gzkit against the fair floor: the smallest Typer app.

The floor is ``benchmarks/startup_floor.py --help``: a Typer app with one option
and one argument and typer's defaults, which is what any Typer command line pays
before it does anything of its own. Budgets (median wall time over N runs, each
a fresh interpreter):

* ``gzkit --help`` (in English and in Chinese) and bash completion: at most 1.3 x the floor
* ``gzkit show economy -f csv``: at most 1.2 x the floor with ``import pandas`` first

The same floor with plain help (``rich_markup_mode=None``, as gzkit uses) is
measured too, without a budget, to show what typer's rich help alone costs.

Usage::

    python benchmarks/startup.py            # 21 runs each
    python benchmarks/startup.py -n 51 --json

Exits 1 when a budget is exceeded, so it can gate a change.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
FLOOR = str(Path(__file__).with_name("startup_floor.py"))
# The installed console script when there is one (what a user runs), else `python -m gzkit`.
_SCRIPT = Path(PYTHON).with_name("gzkit")
GZKIT = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "gzkit"]


def _floor_after(*imports: str) -> list[str]:
    """The floor app run with --help, after importing IMPORTS in the same interpreter."""
    code = "".join(f"import {name}; " for name in imports) + (
        f"import runpy, sys; sys.argv = [{FLOOR!r}, '--help']; runpy.run_path({FLOOR!r}, run_name='__main__')"
    )
    return [PYTHON, "-c", code] if imports else [PYTHON, FLOOR, "--help"]


FLOOR_NAME = "floor"
FLOOR_PANDAS_NAME = "floor + import pandas"
PLAIN_NAME = "floor, plain help"

#: name -> (argv, extra environment, reference name, budget ratio)
CASES = {
    FLOOR_NAME: (_floor_after(), {}, None, None),
    PLAIN_NAME: (_floor_after(), {"STARTUP_FLOOR_PLAIN_HELP": "1"}, FLOOR_NAME, None),
    FLOOR_PANDAS_NAME: (_floor_after("pandas"), {}, None, None),
    "gzkit --help": ([*GZKIT, "--help"], {}, FLOOR_NAME, 1.3),
    # Help in Chinese reads its texts from the compiled catalog (gzkit.mo): the same budget.
    "gzkit --lang zh --help": ([*GZKIT, "--lang", "zh", "--help"], {}, FLOOR_NAME, 1.3),
    "gzkit completion (show ec<TAB>)": (
        GZKIT,
        # What typer's bash completion script sets: the program's complete variable
        # (_<PROG>_COMPLETE), the words typed so far and the index of the word being completed.
        {"_GZKIT_COMPLETE": "complete_bash", "COMP_WORDS": "gzkit show ec", "COMP_CWORD": "2"},
        FLOOR_NAME,
        1.3,
    ),
    "gzkit completion (show 经<TAB>)": (
        GZKIT,
        # A Chinese prefix: every id, name and alias of domains and indicators is compared.
        {"_GZKIT_COMPLETE": "complete_bash", "COMP_WORDS": "gzkit show 经", "COMP_CWORD": "2"},
        FLOOR_NAME,
        1.3,
    ),
    "gzkit show economy -f csv": ([*GZKIT, "show", "economy", "-f", "csv"], {}, FLOOR_PANDAS_NAME, 1.2),
}


def run_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, capture_output=True, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}")
    return elapsed


def measure(runs: int) -> dict[str, float]:
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("_GZKIT", "COMP_", "GZKIT_"))}
    # Measure as installed: pip compiles bytecode at install time, so let the warm-up run write it.
    base_env.pop("PYTHONDONTWRITEBYTECODE", None)
    for argv, extra, _, _ in CASES.values():  # warm the page cache and write .pyc files
        run_once(argv, {**base_env, **extra})
    times: dict[str, list[float]] = {name: [] for name in CASES}
    # Interleave the cases so that a burst of background load hits all of them alike.
    for _ in range(runs):
        for name, (argv, extra, _, _) in CASES.items():
            times[name].append(run_once(argv, {**base_env, **extra}))
    return {name: statistics.median(t) for name, t in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=21, help="runs per case (default 21)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    medians = measure(args.runs)
    rows, ok = [], True
    for name, (_, _, ref, budget) in CASES.items():
        ratio = medians[name] / medians[ref] if ref else None
        passed = ratio is None or budget is None or ratio <= budget
        ok &= passed
        rows.append(
            {
                "case": name,
                "median_s": round(medians[name], 4),
                "reference": ref,
                "ratio": None if ratio is None else round(ratio, 2),
                "budget": budget,
                "within": passed,
            }
        )
    if args.json:
        print(json.dumps({"python": sys.version.split()[0], "runs": args.runs, "results": rows}, indent=2))
    else:
        print(f"{args.runs} runs each, median wall time ({Path(PYTHON).name} {sys.version.split()[0]})\n")
        print(f"| {'case':<34} | median ms | {'reference':<21} | ratio | budget |")
        print(f"|{'-' * 36}|----------:|{'-' * 23}|------:|-------:|")
        for r in rows:
            ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
            budget = "" if r["budget"] is None else f"{r['budget']:.1f}" + ("" if r["within"] else " ✗")
            ref = r["reference"] or ""
            print(f"| {r['case']:<34} | {r['median_s'] * 1000:9.1f} | {ref:<21} | {ratio:>5} | {budget:>6} |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
