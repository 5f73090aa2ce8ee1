"""Small data packages for tests: a copy of the bundled one with rows appended.

Rows are appended only where the copy lacks them, so a test written before an
official series is bundled keeps working, unchanged, once it is.
"""

from __future__ import annotations

import shutil

import pandas as pd

from gzkit.data import bundled_path

OFFICIAL_SOURCE = "official figure, appended for a test"

#: Official Guangzhou figures the urban-income rule needs: the urban/rural ratios 2015 and 2016
#: and the 2018 urban income (NBS Guangzhou survey team), graded medium.
RATIO_ROWS = [
    {
        "indicator": "income_ratio_urban_rural",
        "region": "guangzhou",
        "period": "2015",
        "value": "2.42",
        "decimals": "2",
    },
    {
        "indicator": "income_ratio_urban_rural",
        "region": "guangzhou",
        "period": "2016",
        "value": "2.38",
        "decimals": "2",
    },
    {
        "indicator": "disposable_income_urban",
        "region": "guangzhou",
        "period": "2018",
        "value": "59982",
        "decimals": "0",
    },
]
RATIO_INDICATOR = {
    "id": "income_ratio_urban_rural",
    "domain": "livelihood",
    "name_en": "Urban-rural income ratio",
    "name_zh": "城乡居民收入比",
    "unit": "ratio",
    "polarity": "lower_better",
    "description": "Urban per-capita disposable income divided by rural (rural = 1).",
}


def package(tmp_path, observations=(), indicators=(), name="pkg"):
    """A copy of the bundled package with ``indicators`` and ``observations`` appended where missing.

    Observation dicts need indicator, region, period, value; the rest defaults to an
    official figure of medium confidence that becomes the headline of its period
    only when no headline exists yet.
    """
    root = tmp_path / name
    shutil.copytree(bundled_path(), root)
    ind = pd.read_csv(root / "indicators.csv", dtype=str, keep_default_na=False)
    new_ind = [i for i in indicators if i["id"] not in set(ind["id"])]
    if new_ind:
        ind = pd.concat([ind, pd.DataFrame(new_ind)], ignore_index=True)
        ind.to_csv(root / "indicators.csv", index=False, lineterminator="\n")
    obs = pd.read_csv(root / "observations.csv", dtype=str, keep_default_na=False)
    rows = []
    headed = set()
    for o in observations:
        key = (o["indicator"], o["region"], o["period"])
        same = (obs["indicator"] == o["indicator"]) & (obs["region"] == o["region"]) & (obs["period"] == o["period"])
        if (same & (obs["value"].astype(float) == float(o["value"]))).any():
            continue
        headline = not (same & (obs["headline"] == "true")).any() and key not in headed
        if headline:
            headed.add(key)
        period = o["period"]
        rows.append(
            {
                "indicator": o["indicator"],
                "region": o["region"],
                "period": period,
                "year": period[-4:],
                "value": o["value"],
                "qualifier": o.get("qualifier", "="),
                "decimals": o.get("decimals", "0"),
                "year_inferred": "false",
                "source": o.get("source", OFFICIAL_SOURCE),
                "vintage": o.get("vintage", "test release"),
                "confidence": o.get("confidence", "medium"),
                "evidence": "",
                "headline": "true" if headline else "false",
                "note": o.get("note", "official statistics"),
            }
        )
    if rows:
        obs = pd.concat([obs, pd.DataFrame(rows)], ignore_index=True)
        obs.to_csv(root / "observations.csv", index=False, lineterminator="\n")
    return root


def with_ratios(tmp_path):
    """The bundled package plus the official urban/rural ratios and the 2018 urban income."""
    return package(tmp_path, RATIO_ROWS, [RATIO_INDICATOR], name="ratios")
