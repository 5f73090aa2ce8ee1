"""gzkit at scale: wall time and peak memory against a hand-written pandas baseline.

For each generated package (``benchmarks/generate.py``) this runs, as separate
processes with stdout to /dev/null:

* ``gzkit --data DIR export -f csv``
* ``gzkit --data DIR compare 2015 2019 -r all -f csv``
* ``gzkit --data DIR growth disposable_income_urban -r all -f csv``
* ``gzkit --data DIR gap -r all -f csv``

and, for each, the same computation written directly in vectorised pandas
(``--baseline``): read the CSVs, compute, write CSV. The baseline trusts its
input; gzkit validates the whole package first. Peak memory is each child's
maximum resident set size (``os.wait4``).

Usage::

    python benchmarks/generate.py                 # once: 10^4, 10^5, 10^6 observations
    python benchmarks/scale.py                    # median of 3 runs each
    python benchmarks/scale.py --runs 5 --sizes 100000
    python benchmarks/scale.py --baseline compare benchmarks/out/obs_10000 > /tmp/b.csv

Targets (docs/performance.md): time linear in size; at 10^6 observations
``compare`` within 3 s and 1.5 GB; every command within 1.5 x its baseline.
Exits 1 when a target is missed.
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

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

COMMANDS = {
    "export": ["export", "-f", "csv"],
    "compare": ["compare", "2015", "2019", "-r", "all", "-f", "csv"],
    "growth": ["growth", "disposable_income_urban", "-r", "all", "-f", "csv"],
    "gap": ["gap", "-r", "all", "-f", "csv"],
}


# --------------------------------------------------------------------------- baseline


def _baseline(command: str, root: Path) -> None:
    import numpy as np
    import pandas as pd

    obs = pd.read_csv(root / "observations.csv", keep_default_na=False, dtype={"period": str})
    ind = pd.read_csv(root / "indicators.csv", keep_default_na=False).rename(columns={"id": "indicator"})
    out = sys.stdout
    if command == "export":
        df = obs.merge(ind[["indicator", "domain", "name_en", "name_zh", "unit"]], on="indicator", how="left")
        lead = [
            "indicator",
            "domain",
            "region",
            "name_en",
            "name_zh",
            "unit",
            "period",
            "year",
            "value",
            "qualifier",
            "decimals",
            "year_inferred",
            "source",
            "vintage",
            "confidence",
            "evidence",
            "headline",
            "note",
        ]
        df[lead].to_csv(out, index=False, lineterminator="\n")
        return
    series = obs[obs["headline"] & (obs["period"].str.len() == 4)]
    if command == "compare":
        cols = ["indicator", "region", "value", "qualifier", "vintage"]
        a = series.loc[series["year"] == 2015, cols]
        b = series.loc[series["year"] == 2019, cols]
        m = a.merge(b, on=["indicator", "region"], suffixes=("_a", "_b"))
        m = m.merge(ind[["indicator", "domain", "name_en", "name_zh", "unit", "polarity"]], on="indicator")
        va, vb = m["value_a"].to_numpy(), m["value_b"].to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            m["change"] = vb - va
            m["pct_change"] = np.where(va > 0, (vb / va - 1) * 100, np.nan)
            m["cagr"] = np.where((va > 0) & (vb >= 0), ((vb / va) ** (1 / 4) - 1) * 100, np.nan)
        sign = np.sign(m["change"].to_numpy()) * np.where(m["polarity"] == "lower_better", -1, 1)
        m["better"] = np.where(
            m["polarity"] == "neutral", "neutral", np.where(sign > 0, "better", np.where(sign < 0, "worse", "same"))
        )
        m["note"] = np.where(
            m["vintage_a"] != m["vintage_b"], "crosses vintages: " + m["vintage_a"] + " vs " + m["vintage_b"], ""
        )
        m.to_csv(out, index=False, lineterminator="\n")
    elif command == "growth":
        s = series[series["indicator"] == "disposable_income_urban"].sort_values(["region", "year"])
        cur = s[["region", "year", "value", "qualifier", "vintage"]].reset_index(drop=True)
        prev = cur.groupby("region").shift(1)
        steps = pd.concat([prev.add_suffix("_from"), cur.add_suffix("_to")], axis=1).dropna(subset=["year_from"])
        g = cur.groupby("region")
        span = pd.concat(
            [g.head(1).set_index("region").add_suffix("_from"), g.tail(1).set_index("region").add_suffix("_to")], axis=1
        ).reset_index()
        rows = pd.concat([steps.assign(kind="step", region=steps["region_to"]), span.assign(kind="span")])
        v0, v1 = rows["value_from"].to_numpy(), rows["value_to"].to_numpy()
        years = (rows["year_to"] - rows["year_from"]).to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            rows["change"] = v1 - v0
            rows["pct_change"] = np.where(v0 > 0, (v1 / v0 - 1) * 100, np.nan)
            rows["cagr"] = np.where((v0 > 0) & (years > 0), ((v1 / v0) ** (1 / years) - 1) * 100, np.nan)
        rows.sort_values(["region", "kind", "year_from"]).to_csv(out, index=False, lineterminator="\n")
    elif command == "gap":
        cols = ["region", "year", "value", "qualifier", "vintage"]
        u = series.loc[series["indicator"] == "disposable_income_urban", cols]
        r = series.loc[series["indicator"] == "disposable_income_rural", cols]
        m = u.merge(r, on=["region", "year"], suffixes=("_urban", "_rural"))
        with np.errstate(divide="ignore", invalid="ignore"):
            m["ratio"] = np.where(m["value_rural"] > 0, m["value_urban"] / m["value_rural"], np.nan)
        m["difference"] = m["value_urban"] - m["value_rural"]
        m.sort_values(["region", "year"]).to_csv(out, index=False, lineterminator="\n")
    else:
        raise SystemExit(f"unknown command {command}")


# --------------------------------------------------------------------------- measuring


def _run(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    # Read stderr while waiting: a chatty child must not block on a full pipe.
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.decode(errors='replace')[-500:]}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def measure(sizes: list[int], runs: int) -> list[dict]:
    rows = []
    for size in sizes:
        root = OUT / f"obs_{size}"
        if not (root / "observations.csv").is_file():
            raise SystemExit(f"{root} is missing: run python benchmarks/generate.py --sizes {size}")
        for name, args in COMMANDS.items():
            gz, base = [], []
            # Alternate the two, so that background load on a shared machine hits both alike.
            for _ in range(runs):
                # --no-cache: like the baseline, every run parses the package (benchmarks/formats.py times the cache).
                gz.append(_run([sys.executable, "-m", "gzkit", "--no-cache", "--data", str(root), *args]))
                base.append(_run([sys.executable, str(Path(__file__).resolve()), "--baseline", name, str(root)]))
            t_gz, t_base = statistics.median(t for t, _ in gz), statistics.median(t for t, _ in base)
            rows.append(
                {
                    "observations": size,
                    "command": name,
                    "gzkit_s": round(t_gz, 2),
                    "gzkit_mb": round(max(m for _, m in gz)),
                    "baseline_s": round(t_base, 2),
                    "baseline_mb": round(max(m for _, m in base)),
                    "ratio": round(t_gz / t_base, 2),
                }
            )
            print(_line(rows[-1]), file=sys.stderr, flush=True)
    return rows


def _line(r: dict) -> str:
    return (
        f"| {r['observations']:>9,} | {r['command']:<7} | {r['gzkit_s']:6.2f} | {r['gzkit_mb']:6,} | "
        f"{r['baseline_s']:6.2f} | {r['baseline_mb']:6,} | {r['ratio']:4.2f} |"
    )


def check(rows: list[dict]) -> list[str]:
    """The targets missed, as sentences."""
    missed = []
    for r in rows:
        if r["ratio"] > 1.5:
            missed.append(f"{r['command']} at {r['observations']:,}: {r['ratio']} x baseline (target 1.5)")
        if r["command"] == "compare" and r["observations"] >= 10_000_000:
            if r["gzkit_s"] > 15:
                missed.append(f"compare at {r['observations']:,}: {r['gzkit_s']} s (target 15 s)")
            if r["gzkit_mb"] > 4096:
                missed.append(f"compare at {r['observations']:,}: {r['gzkit_mb']} MB (target 4 GB)")
        elif r["command"] == "compare" and r["observations"] >= 1_000_000:
            if r["gzkit_s"] > 3:
                missed.append(f"compare at {r['observations']:,}: {r['gzkit_s']} s (target 3 s)")
            if r["gzkit_mb"] > 1536:
                missed.append(f"compare at {r['observations']:,}: {r['gzkit_mb']} MB (target 1.5 GB)")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per command and size (default 3)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--baseline",
        nargs=2,
        metavar=("COMMAND", "DIR"),
        help="run the pandas baseline of COMMAND on the package DIR, CSV to stdout",
    )
    args = parser.parse_args()
    if args.baseline:
        _baseline(args.baseline[0], Path(args.baseline[1]))
        return 0

    print("| observations | command | gzkit s | gzkit MB | baseline s | baseline MB | ratio |", file=sys.stderr)
    print("|------:|:--|--:|--:|--:|--:|--:|", file=sys.stderr)
    rows = measure(args.sizes, args.runs)
    if args.json:
        print(json.dumps(rows, indent=2))
    missed = check(rows)
    for m in missed:
        print(f"missed: {m}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
