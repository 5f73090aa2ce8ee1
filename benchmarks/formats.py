"""Output formats, the package cache and the HTML report at scale: wall time and peak memory.

Each case runs gzkit as its own process (stdout to /dev/null; peak memory is the
child's maximum resident set size from ``os.wait4``):

* ``json``: ``export -f csv``, ``-f json`` and ``-f jsonl`` of the 10^6 package;
  target: JSON and JSON Lines within 2 x the CSV time.
* ``cache``: ``show disposable_income_urban -f csv`` on the 10^6 package with an
  empty cache (parses, validates and writes the entry), again (reads the entry),
  and with ``--no-cache``; target: the second run at least 3 x faster than the first.
  Also ``show gdp -f csv`` on the bundled package, which is never cached.
* ``report``: ``report -o FILE`` on the provincial package (``benchmarks/provincial.py``:
  350,000 observations, 4,000 indicators); target: within 60 s.
* ``compare``: ``compare 2015 2019 -r all -f csv`` on the 10^7 package: the first run (empty
  cache: parses, checks and writes the entry), with ``--no-cache`` and with a warm cache; target:
  within 15 s and 4 GB. Not run by default: it is a benchmark of
  minutes, run by hand with ``--cases compare``.

Usage::

    python benchmarks/generate.py --sizes 1000000 10000000    # once
    python benchmarks/provincial.py                             # once
    python benchmarks/formats.py --runs 3                       # json, cache and report
    python benchmarks/formats.py --cases compare --runs 1       # the 10^7 case
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import _run  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
GZKIT = [sys.executable, "-m", "gzkit"]


def _median(argv: list[str], runs: int, env: dict | None = None, before=None) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        old = dict(os.environ)
        os.environ.update(env or {})
        try:
            t, mb = _run(argv)
        finally:
            os.environ.clear()
            os.environ.update(old)
        times.append(t)
        peaks.append(mb)
    return statistics.median(times), max(peaks)


def _row(case: str, command: str, seconds: float, mb: float, note: str = "") -> None:
    print(f"| {case} | `{command}` | {seconds:.2f} | {mb:,.0f} | {note} |", flush=True)


def json_case(runs: int) -> list[str]:
    pkg = OUT / "obs_1000000"
    times = {}
    for fmt in ("csv", "json", "jsonl"):
        argv = [*GZKIT, "--no-cache", "--data", str(pkg), "export", "-f", fmt]
        times[fmt], mb = _median(argv, runs)
        note = "" if fmt == "csv" else f"{times[fmt] / times['csv']:.2f} x csv"
        _row("json", f"gzkit --no-cache --data {pkg.name} export -f {fmt}", times[fmt], mb, note)
    return [
        f"-f {f}: {times[f] / times['csv']:.2f} x csv (target 2)"
        for f in ("json", "jsonl")
        if times[f] > 2 * times["csv"]
    ]


def cache_case(runs: int) -> list[str]:
    pkg = OUT / "obs_1000000"
    folder = tempfile.mkdtemp(prefix="gzkit-bench-cache-")
    env = {"GZKIT_CACHE_DIR": folder}
    argv = [*GZKIT, "--data", str(pkg), "show", "disposable_income_urban", "-f", "csv"]
    try:
        first, mb1 = _median(argv, runs, env, before=lambda: shutil.rmtree(folder, ignore_errors=True))
        _row("cache", "first run (empty cache)", first, mb1)
        second, mb2 = _median(argv, runs, env)
        _row("cache", "second run (valid entry)", second, mb2, f"{first / second:.2f} x faster")
        plain, mb3 = _median([*GZKIT, "--no-cache", *argv[len(GZKIT) :]], runs, env)
        _row("cache", "--no-cache", plain, mb3, f"second run {plain / second:.2f} x faster")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    bundled, mb = _median([*GZKIT, "show", "gdp", "-f", "csv"], runs)
    _row("cache", "gzkit show gdp -f csv (bundled, never cached)", bundled, mb)
    return [] if first >= 3 * second else [f"second run only {first / second:.2f} x faster (target 3)"]


def report_case(runs: int) -> list[str]:
    pkg = OUT / "provincial"
    target = Path(tempfile.mkdtemp(prefix="gzkit-bench-report-")) / "provincial.html"
    argv = [*GZKIT, "--no-cache", "--data", str(pkg), "report", "-o", str(target), "--force"]
    seconds, mb = _median(argv, runs)
    _row("report", f"gzkit --no-cache --data {pkg.name} report -o provincial.html", seconds, mb)
    size = target.stat().st_size / 1e6
    print(f"(page: {size:,.0f} MB)", file=sys.stderr)
    return [] if seconds <= 60 else [f"report {seconds:.1f} s (target 60 s)"]


def compare_case(runs: int) -> list[str]:
    pkg = OUT / "obs_10000000"
    folder = tempfile.mkdtemp(prefix="gzkit-bench-cache-")
    env = {"GZKIT_CACHE_DIR": folder}
    tail = ["--data", str(pkg), "compare", "2015", "2019", "-r", "all", "-f", "csv"]

    def empty_cache() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)

    missed = []
    cases = (
        # Both cold measures count: the first run parses, checks and writes the entry; --no-cache only parses.
        ("first run, empty cache", [*GZKIT, *tail], empty_cache),
        ("--no-cache", [*GZKIT, "--no-cache", *tail], None),
        ("warm cache", [*GZKIT, *tail], None),
    )
    try:
        for label, argv, before in cases:
            if label == "warm cache":
                _median(argv, 1, env)  # fills the entry
            seconds, mb = _median(argv, runs, env, before)
            load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
            _row("compare", f"compare at 10^7, {label}", seconds, mb, f"load average after: {load}")
            if seconds > 15 or mb > 4096:
                missed.append(f"compare at 10^7 ({label}): {seconds:.1f} s, {mb:,.0f} MB (target 15 s, 4 GB)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return missed


CASES = {"json": json_case, "cache": cache_case, "report": report_case, "compare": compare_case}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=["json", "cache", "report"])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| case | command | median s | peak MB | note |\n| --- | --- | ---: | ---: | --- |", flush=True)
    missed = [m for case in args.cases for m in CASES[case](args.runs)]
    for m in missed:
        print(f"missed: {m}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
