"""Write synthetic data packages with gzkit's schema, for scale benchmarks and tests.

The shape is a national panel of cities: many regions, 48 indicators (the two
disposable-income series, so ``gzkit gap`` has work, and 46 others from the
bundled package; all bundled indicators are listed, as targets refer to them),
20 years (2000-2019). Each region holds exactly 1,000
observations:

* 960 yearly headline observations (48 indicators x 20 years; the two income
  series are among the 48);
* 20 multi-year averages (period ``2015-2019``), headline;
* 20 restatements of 2019 values from a second source, not headline.

About 2 in 1,000 yearly values come from another vintage, so that vintage
warnings appear in proportion, and a few values are approximate or bounds.

Usage::

    python benchmarks/generate.py                       # 10^4, 10^5, 10^6 into benchmarks/out/
    python benchmarks/generate.py --sizes 100000 --out /tmp/pkgs

From Python (the tests import this file by path)::

    generate(Path("/tmp/pkg"), 100_000)
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd

BUNDLED = Path(__file__).resolve().parents[1] / "data"
OUT = Path(__file__).resolve().parent / "out"

PER_REGION = 1000
YEARS = np.arange(2000, 2020)
N_INDICATORS = 48
N_AVERAGES = 20
N_RESTATED = 20
INCOME = ["disposable_income_urban", "disposable_income_rural"]
FIXED_REGIONS = ["guangzhou", "guangdong", "china"]


def _indicators(source: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All bundled indicators (targets refer to them), and the 48 with observations."""
    ind = pd.read_csv(source / "indicators.csv", dtype=str, keep_default_na=False)
    others = ind[~ind["id"].isin(INCOME)].head(N_INDICATORS - len(INCOME))
    return ind, pd.concat([ind.set_index("id").loc[INCOME].reset_index(), others], ignore_index=True)


def _regions(source: Path, count: int) -> pd.DataFrame:
    bundled = pd.read_csv(source / "regions.csv", dtype=str, keep_default_na=False)
    bundled = bundled[bundled["id"].isin(FIXED_REGIONS)]
    extra = count - len(bundled)
    nums = np.arange(1, extra + 1)
    cities = pd.DataFrame(
        {
            "id": [f"city_{n:05d}" for n in nums],
            "name_en": [f"City {n:05d}" for n in nums],
            "name_zh": [f"城市{n:05d}" for n in nums],
        }
    )
    return pd.concat([bundled, cities], ignore_index=True)


def generate(out: Path, observations: int, seed: int = 0, source: Path = BUNDLED) -> Path:
    """Write a data package of ``observations`` rows (a multiple of 1,000) to ``out``; return ``out``."""
    if observations % PER_REGION or observations < PER_REGION * len(FIXED_REGIONS):
        raise ValueError(f"observations must be a multiple of {PER_REGION} and at least {PER_REGION * 3}")
    rng = np.random.default_rng(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("datapackage.json", "domains.csv", "units.csv", "targets.csv"):
        shutil.copyfile(source / name, out / name)

    every, ind = _indicators(source)
    reg = _regions(source, observations // PER_REGION)
    every.to_csv(out / "indicators.csv", index=False, lineterminator="\n")
    reg.to_csv(out / "regions.csv", index=False, lineterminator="\n")
    n_reg, n_ind, n_year = len(reg), len(ind), len(YEARS)

    # Yearly panel: a level per indicator and region, growing at its own rate.
    percent = ind["unit"].isin(["percent", "percentage_points"]).to_numpy()
    base = rng.lognormal(mean=8.0, sigma=1.5, size=(n_ind, n_reg))
    base[percent] = rng.uniform(5, 60, size=(percent.sum(), n_reg))
    base[0] = rng.uniform(8_000, 20_000, size=n_reg)  # urban income in 2000
    base[1] = base[0] * rng.uniform(0.35, 0.6, size=n_reg)  # rural income
    rate = rng.normal(0.06, 0.03, size=(n_ind, n_reg))
    rate[percent] = rng.normal(0.0, 0.01, size=(percent.sum(), n_reg))
    t = YEARS - YEARS[0]
    value = base[:, :, None] * (1 + rate[:, :, None]) ** t[None, None, :]
    value *= rng.normal(1.0, 0.01, size=value.shape)
    value = np.round(value, 1)
    # Indicator-major order inside each region, region-major overall.
    ind_idx, reg_idx, year_idx = np.meshgrid(np.arange(n_ind), np.arange(n_reg), np.arange(n_year), indexing="ij")
    order = np.lexsort((year_idx.ravel(), ind_idx.ravel(), reg_idx.ravel()))
    ii, rr, yy = ind_idx.ravel()[order], reg_idx.ravel()[order], year_idx.ravel()[order]
    n = len(ii)
    qualifier = np.where(rng.random(n) < 0.97, "=", np.where(rng.random(n) < 0.7, "~", ">"))
    vintage = np.where(rng.random(n) < 0.998, "synthetic release 2024", "synthetic first release")
    evidence = np.where(rng.random(n) < 0.05, "全年实现增长，位居前列", "")
    yearly = pd.DataFrame(
        {
            "indicator": ind["id"].to_numpy()[ii],
            "region": reg["id"].to_numpy()[rr],
            "period": YEARS[yy].astype(str),
            "year": YEARS[yy],
            "value": value.ravel()[order],
            "qualifier": qualifier,
            "decimals": 1,
            "rounding": "nearest",
            "year_inferred": "false",
            "source": "synthetic statistical yearbook",
            "vintage": vintage,
            "confidence": "medium",
            "evidence": evidence,
            "headline": "true",
            "note": "",
        }
    )

    # Per region: averages over 2015-2019 and 2019 restated by a second source.
    last = yearly[yearly["year"] == YEARS[-1]]
    pick = last["indicator"].isin(ind["id"].iloc[2 : 2 + N_AVERAGES])
    averages = last[pick].assign(
        period="2015-2019",
        value=lambda d: np.round(d["value"] * 0.92, 1),
        qualifier="=",
        vintage="synthetic release 2024",
    )
    pick = last["indicator"].isin(ind["id"].iloc[-N_RESTATED:])
    restated = last[pick].assign(
        source="synthetic news release",
        headline="false",
        qualifier="~",
        value=lambda d: np.round(d["value"], -1),
        decimals=-1,
        note="rounded in a news release",
    )
    obs = pd.concat([yearly, averages, restated], ignore_index=True)
    obs = obs.sort_values(["region"], kind="stable", key=lambda s: s.map({r: k for k, r in enumerate(reg["id"])}))
    assert len(obs) == observations, (len(obs), observations)
    obs.to_csv(out / "observations.csv", index=False, lineterminator="\n", float_format="%.15g")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--out", type=Path, default=OUT, help="parent folder (default benchmarks/out)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for size in args.sizes:
        path = generate(args.out / f"obs_{size}", size, seed=args.seed)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
