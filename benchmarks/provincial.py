"""A provincial data package for ``gzkit report`` at scale: 4,000 indicators, 21 cities, 350,000 observations.

The shape of a province's package (Guangdong has 21 prefecture-level cities):
many indicators, few regions, a few years. Each of the 4,000 indicators (the
bundled ones, then copies with numbered ids, in the bundled domains and units)
has a headline value for every city in 2016-2019, and one in six has a
2016-2019 average as well. That is 4,000 x 21 x 4 = 336,000 yearly values,
plus 14,000 averages: 350,000 observations and 84,000 trend series.

Usage::

    python benchmarks/provincial.py                        # into benchmarks/out/provincial (gitignored)
    gzkit --data benchmarks/out/provincial report -o /tmp/provincial.html
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd

BUNDLED = Path(__file__).resolve().parents[1] / "data"
OUT = Path(__file__).resolve().parent / "out" / "provincial"
YEARS = np.arange(2016, 2020)


def generate(out: Path, indicators: int = 4000, cities: int = 21, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("datapackage.json", "domains.csv", "units.csv", "targets.csv"):
        shutil.copyfile(BUNDLED / name, out / name)
    bundled = pd.read_csv(BUNDLED / "indicators.csv", dtype=str, keep_default_na=False)
    copies = []
    for n in range(indicators - len(bundled)):
        row = bundled.iloc[n % len(bundled)].copy()
        row["id"] = f"{row['id']}_{n // len(bundled) + 1:03d}"
        row["name_en"] = f"{row['name_en']} ({n // len(bundled) + 1})"
        row["name_zh"] = f"{row['name_zh']}（{n // len(bundled) + 1}）"
        copies.append(row)
    ind = pd.concat([bundled, pd.DataFrame(copies)], ignore_index=True)
    ind.to_csv(out / "indicators.csv", index=False, lineterminator="\n")

    regions = pd.read_csv(BUNDLED / "regions.csv", dtype=str, keep_default_na=False)
    extra = pd.DataFrame(
        {
            "id": [f"city_{k:02d}" for k in range(1, cities)],
            "name_en": [f"City {k:02d}" for k in range(1, cities)],
            "name_zh": [f"城市{k:02d}" for k in range(1, cities)],
        }
    )
    regions = pd.concat([regions[regions["id"] == "guangzhou"], extra], ignore_index=True)
    regions.to_csv(out / "regions.csv", index=False, lineterminator="\n")

    ii, rr, yy = np.meshgrid(np.arange(len(ind)), np.arange(len(regions)), np.arange(len(YEARS)), indexing="ij")
    ii, rr, yy = ii.ravel(), rr.ravel(), yy.ravel()
    base = rng.lognormal(8.0, 1.5, size=(len(ind), len(regions)))
    value = np.round(base[ii, rr] * (1.06**yy) * rng.normal(1.0, 0.01, size=len(ii)), 1)
    yearly = pd.DataFrame(
        {
            "indicator": ind["id"].to_numpy()[ii],
            "region": regions["id"].to_numpy()[rr],
            "period": YEARS[yy].astype(str),
            "year": YEARS[yy],
            "value": value,
            "qualifier": np.where(rng.random(len(ii)) < 0.97, "=", "~"),
            "decimals": 1,
            "year_inferred": "false",
            "source": "synthetic provincial yearbook",
            "vintage": "synthetic release 2024",
            "confidence": "medium",
            "evidence": "",
            "headline": "true",
            "note": "",
        }
    )
    last = yearly[(yearly["year"] == YEARS[-1]) & yearly["indicator"].isin(ind["id"].iloc[::6])]
    averages = last.assign(period=f"{YEARS[0]}-{YEARS[-1]}", value=lambda d: np.round(d["value"] * 0.9, 1))
    obs = pd.concat([yearly, averages.head(350_000 - len(yearly))], ignore_index=True)
    obs.to_csv(out / "observations.csv", index=False, lineterminator="\n", float_format="%.15g")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--indicators", type=int, default=4000)
    args = parser.parse_args()
    path = generate(args.out, args.indicators)
    print(path, sum(1 for _ in open(path / "observations.csv", encoding="utf-8")) - 1, "observations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
