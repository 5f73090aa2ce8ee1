"""Completion against targets, direction-aware: value / target, or target / value for lower-is-better.

completion = value / target * 100 for ``>=`` targets and target / value * 100 for
``<=`` targets. docs/methodology.md has the full text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gzkit import bounds
from gzkit.columns import VALUE, Column, attach
from gzkit.data import Dataset
from gzkit.finite import derived_number
from gzkit.i18n import T
from gzkit.lookups import resolve_domain, resolve_region, with_meta
from gzkit.notes import choose, join_notes, note_column

#: The numbers of a completion table: the value (qualified by its own bound, at no published
#: precision of its own) and the target, both in the indicator's unit.
PROGRESS_COLUMNS: dict[str, Column] = {
    "value": VALUE.but(decimals=None, qualifier="qualifier_value"),
    "target": Column("number", unit="unit"),
}


def progress(
    ds: Dataset, domain: str | None = None, framework: str = "report", region: str | None = None
) -> pd.DataFrame:
    """Completion against targets, direction-aware, sorted by completion.

    completion = value / target * 100 for ``>=`` targets and target / value * 100
    for ``<=`` targets (so beating a lower-is-better target is over-completion).
    Where the report states only a completion rate, that rate is used and the
    target it implies (value / rate) is shown, qualified ``~``. Where it states
    only that a target was reached (``stated_reached`` in targets.csv), the
    status is "reached (stated)" and no completion is computed; the value beside
    such a target is the report's own statement, if any (an official figure of
    another year is left out and named in the note).
    Columns: target_id, framework, name_en, name_zh, indicator, region, year,
    value, qualifier_value, confidence (of the value), comparison, target,
    target_implied, unit, completion_pct, qualifier, status, source, note.
    """
    t = ds.targets[ds.targets["framework"] == framework]
    region = resolve_region(ds, region)
    if region is not None:
        t = t[t["region"] == region]
    if domain is not None:
        dom = resolve_domain(ds, domain)
        t = t[t["indicator"].isin(ds.indicators.loc[ds.indicators["domain"] == dom, "id"])]
    t = t[t["indicator"] != ""]
    obs = ds.observations[ds.observations["headline"]]
    latest_obs = (
        obs.sort_values(["year", "period"], kind="stable")
        .groupby(["indicator", "region"], sort=False)
        .tail(1)[["indicator", "region", "year", "value", "qualifier", "confidence"]]
    )
    # A package's targets.csv may carry columns of its own; those named like the observation's
    # would otherwise stand in the place of the figure measured against the target.
    t = t.drop(columns=[c for c in ("year", "value", "qualifier", "confidence") if c in t.columns])
    m = t.merge(latest_obs, on=["indicator", "region"], how="left", suffixes=("", "_obs"))
    m = with_meta(m, ds, ("unit", "polarity")).rename(columns={"qualifier": "qualifier_value", "id": "target_id"})
    reached = m["stated_reached"].fillna(False).to_numpy(dtype=bool)
    # Beside a target the report says it reached, only the report's own figure belongs: an official figure
    # of another year (PM2.5 in 2015) would read as the figure the report measured it by.
    foreign = reached & (m["confidence"] != "report").to_numpy()
    m.loc[foreign, ["year", "value", "qualifier_value", "confidence"]] = [pd.NA, np.nan, "", ""]
    value, target = m["value"].to_numpy(dtype="float64"), m["target"].to_numpy(dtype="float64")
    stated = m["completion_stated"].to_numpy(dtype="float64")
    lower = (m["comparison"] == "<=").to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        comp = np.where(lower, target / value, value / target) * 100
    implied = np.isnan(target) & ~np.isnan(stated)
    with np.errstate(divide="ignore", invalid="ignore"):
        # A stated rate of zero implies no target (not an infinite one).
        target = np.where(implied & (stated > 0), value / (stated / 100), target)
    comp = np.where(implied, stated, comp)
    ok = np.isfinite(comp) & (np.where(lower, value, target) > 0) & ~reached
    note = choose(
        ~reached,
        choose(np.isnan(value), T("no observation"), choose(~ok, T("undefined: zero or missing base"))),
    )
    q_val = m["qualifier_value"].fillna("=").to_numpy(dtype=object)
    # completion rises with the value for >= targets and falls with it for <= targets.
    qual = np.where(lower, bounds.invert(q_val), q_val)
    qual = np.where(implied, "=", qual)
    qual = np.where(reached, "", qual)
    status = np.where(
        ~ok,
        "undefined",
        np.where(comp >= 100, np.where(np.isin(qual, ["=", ">", ">=", "~"]), "achieved", "unclear"), "in progress"),
    )
    status = np.where(reached, "reached (stated)", status)
    out = pd.DataFrame(
        {
            "target_id": m["target_id"],
            "framework": m["framework"],
            "name_en": m["name_en"],
            "name_zh": m["name_zh"],
            "indicator": m["indicator"],
            "region": m["region"],
            "year": m["year"].astype("Int64"),
            "value": value,
            "qualifier_value": m["qualifier_value"].fillna(""),
            "confidence": m["confidence"].fillna(""),
            "comparison": m["comparison"],
            "target": derived_number(target),
            "target_implied": implied,
            "unit": m["unit"],
            "completion_pct": derived_number(np.where(ok, comp, np.nan)),
            "qualifier": qual,
            "status": status,
            "source": m["source"],
            "note": note_column(join_notes(note, m["note"].fillna("").to_numpy(dtype=object)), m.index),
        }
    )
    result: pd.DataFrame = out.sort_values(
        "completion_pct", ascending=False, na_position="last", kind="stable"
    ).reset_index(drop=True)
    return attach(result, ds, **PROGRESS_COLUMNS)
