"""Growth of one indicator: year-on-year steps, the whole span, and the rates the report states.

Formulas in :mod:`gzkit.rates`; docs/methodology.md has the full text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gzkit import bounds, points, provenance, stated
from gzkit.columns import COUNT, DIFFERENCE, VALUE, Column, attach
from gzkit.data import Dataset
from gzkit.errors import NoData, UsageError
from gzkit.i18n import T
from gzkit.lookups import DEFAULT_REGION, check_year, resolve_indicator, resolve_region
from gzkit.notes import choose, join_notes, join_two, note_column, years_text
from gzkit.rates import change_rates

#: The numbers of a growth table: each end's value with its own precision and qualifier, the
#: change in the indicator's unit (in percentage points for a percentage), and the span in years.
GROWTH_COLUMNS: dict[str, Column] = {
    "value_from": VALUE.but(decimals="decimals_from", qualifier="qualifier_from"),
    "value_to": VALUE.but(decimals="decimals_to", qualifier="qualifier_to"),
    "change": DIFFERENCE,
    "years": COUNT.but(header=("years", "年数")),
}


def growth(
    ds: Dataset,
    indicator: str,
    region: str | None = DEFAULT_REGION,
    start: int | None = None,
    end: int | None = None,
    derived: bool = True,
) -> pd.DataFrame:
    """Change between consecutive points, CAGR over the whole span, and the report's own rates beside them.

    ``region`` defaults to the package's default region (Guangzhou); None or
    'all' means every region.

    Points are headline single-year statements and, with ``derived``, implied
    values for years the data does not state (:mod:`gzkit.points`). One ``step``
    row per consecutive pair (annualised over the real gap in years), one
    ``span`` row per region from the first point to the last, and one ``stated``
    row per average rate the report states (``gdp_growth_avg`` 2016-2019: from
    the 2015 point to the 2019 one, or from the first year of the period when
    the base year has no point), with the stated rate in ``stated_rate`` beside
    the computed ``cagr``. A step whose years match a stated yearly rate also
    carries it. Columns: indicator, region, unit, kind, from_year, to_year,
    years, value_from, qualifier_from, decimals_from, value_to, qualifier_to,
    decimals_to, change, pct_change, cagr, qualifier, stated_rate,
    qualifier_stated, confidence, implied, derivation, note, name_en, name_zh
    (the indicator's names, last so that the earlier columns keep their places).
    """
    ind = resolve_indicator(ds, indicator)
    region = resolve_region(ds, region)
    for y, what in ((start, "--from"), (end, "--to")):
        if y is not None:
            check_year(ds, y, what)
    if start is not None and end is not None and start > end:
        raise UsageError(T("--from {start} is after --to {end}.", start=start, end=end))
    obs = points.yearly(ds, indicators=[ind], region=region, with_implied=derived)
    if start is not None:
        obs = obs[obs["year"] >= start]
    if end is not None:
        obs = obs[obs["year"] <= end]
    if obs.empty:
        have = sorted(set(points.yearly(ds, indicators=[ind], with_implied=derived)["year"]))
        raise NoData(
            T(
                "No yearly observations of '{indicator}' for region '{region}' in that range.",
                indicator=ind,
                region=region,
            )
            if region
            else T("No yearly observations of '{indicator}' in that range.", indicator=ind),
            T("Years with data: {years}.", years=years_text(have))
            if have
            else T("Run `gzkit show {indicator}` to see its periods.", indicator=ind),
        )
    obs = obs.sort_values(["region", "year"], kind="stable")
    cols = ["region", "year", "value", "qualifier", "decimals", "vintage", "confidence", "implied", "derivation"]
    cur = obs[cols].reset_index(drop=True)
    prev = cur.groupby("region").shift(1)
    steps = pd.concat([prev.add_suffix("_from"), cur.add_suffix("_to")], axis=1)
    steps = steps[steps["year_from"].notna()].copy()
    steps["region"] = steps["region_to"]
    steps["kind"] = "step"
    first = cur.groupby("region", sort=False).head(1).set_index("region")
    last = cur.groupby("region", sort=False).tail(1).set_index("region")
    span = pd.concat([first.add_suffix("_from"), last.add_suffix("_to")], axis=1).reset_index()
    span["kind"] = "span"
    parts = [steps, span]
    rates = stated.stated_rates(ds, indicators=[ind], region=region)
    by_year = cur.set_index(["region", "year"])
    stated_rows = []
    for r in rates[rates["span"] == "average"].itertuples(index=False):
        base = r.from_year if (r.region, r.from_year) in by_year.index else r.from_year + 1
        if (r.region, base) not in by_year.index or (r.region, r.to_year) not in by_year.index:
            continue
        if (start is not None and base < start) or (end is not None and r.to_year > end):
            continue
        row = {f"{k}_from": v for k, v in by_year.loc[(r.region, base)].items()}
        row |= {f"{k}_to": v for k, v in by_year.loc[(r.region, r.to_year)].items()}
        row |= {"region": r.region, "year_from": base, "year_to": r.to_year, "kind": "stated"}
        stated_rows.append(row)
    if stated_rows:
        parts.append(pd.DataFrame(stated_rows))
    rows = pd.concat(parts, ignore_index=True)
    for col in ("year_from", "year_to", "decimals_from", "decimals_to"):
        rows[col] = rows[col].astype("int64")
    rows["years"] = rows["year_to"] - rows["year_from"]
    unit = ds.indicators.set_index("id").at[ind, "unit"]
    change, pct, cagr, reason = change_rates(
        rows["value_from"], rows["value_to"], rows["years"], np.full(len(rows), unit)
    )
    single = (rows["kind"] == "span") & (rows["years"] == 0)
    reason = choose(single, T("undefined: only one observation"), reason)
    change = np.where(single, np.nan, change)
    pct = np.where(single, np.nan, pct)
    rows["change"], rows["pct_change"], rows["cagr"] = change, pct, cagr
    rows["qualifier"] = bounds.combine([rows["qualifier_from"].to_numpy(), rows["qualifier_to"].to_numpy()], [-1, 1])
    pairs = provenance.compare_columns(
        rows["vintage_from"], rows["vintage_to"], rows["confidence_from"], rows["confidence_to"]
    ).set_index(rows.index)
    rows["confidence"] = pairs["confidence"]
    implied_from = rows["implied_from"].fillna(False).astype(bool)
    implied_to = rows["implied_to"].fillna(False).astype(bool)
    rows["implied"] = [
        " ".join(str(y) for y, flag in ((yf, i_f), (yt, i_t)) if flag)
        for yf, yt, i_f, i_t in zip(rows["year_from"], rows["year_to"], implied_from, implied_to)
    ]
    rows["derivation"] = join_notes(
        np.where(implied_from, rows["year_from"].astype(str) + ": " + rows["derivation_from"].astype(str), ""),
        np.where(implied_to, rows["year_to"].astype(str) + ": " + rows["derivation_to"].astype(str), ""),
    )
    # The report's own rates beside the computed ones: averages on the `stated` rows, yearly rates on matching steps.
    rows["stated_rate"] = np.nan
    rows["qualifier_stated"] = ""
    stated_note = np.full(len(rows), "", dtype=object)
    base_note: str
    for r in rates.itertuples(index=False):
        from_year = int(r.from_year)  # type: ignore[arg-type]  # pandas-stubs types a tuple field as any scalar
        if r.span == "average":
            hit = (rows["kind"] == "stated") & (rows["region"] == r.region) & (rows["year_to"] == r.to_year)
            later_base = hit.any() and int(rows.loc[hit, "year_from"].iloc[0]) != from_year
            base_note = (
                T(
                    "the computed CAGR is nominal, from levels (no {year} figure: from {base})",
                    year=from_year,
                    base=from_year + 1,
                )
                if later_base
                else T("the computed CAGR is nominal, from levels")
            )
        else:
            hit = (rows["kind"] == "step") & (rows["region"] == r.region) & (rows["year_from"] == from_year)
            hit &= rows["year_to"] == r.to_year
            base_note = ""
        rows.loc[hit, "stated_rate"] = float(r.rate)  # type: ignore[arg-type]  # as above: a float column
        rows.loc[hit, "qualifier_stated"] = r.qualifier
        stated_note[hit.to_numpy()] = join_two(stated.describe(r), base_note)
    rows["note"] = note_column(join_notes(reason, pairs["note"].to_numpy(dtype=object), stated_note), rows.index)
    meta = ds.indicators.set_index("id")
    rows["indicator"], rows["unit"] = ind, unit
    rows["name_en"], rows["name_zh"] = meta.at[ind, "name_en"], meta.at[ind, "name_zh"]
    rows = rows.sort_values(
        ["region", "kind", "year_from"],
        key=lambda s: s.map({"step": 0, "span": 1, "stated": 2}) if s.name == "kind" else s,
        kind="stable",
    )
    out = (
        rows[
            [
                "indicator",
                "region",
                "unit",
                "kind",
                "year_from",
                "year_to",
                "years",
                "value_from",
                "qualifier_from",
                "decimals_from",
                "value_to",
                "qualifier_to",
                "decimals_to",
                "change",
                "pct_change",
                "cagr",
                "qualifier",
                "stated_rate",
                "qualifier_stated",
                "confidence",
                "implied",
                "derivation",
                "note",
                "name_en",
                "name_zh",
            ]
        ]
        .rename(columns={"year_from": "from_year", "year_to": "to_year"})
        .reset_index(drop=True)
    )
    where, first, last = (out[c].to_numpy(dtype=object) for c in ("region", "from_year", "to_year"))
    out.attrs["warnings"] = provenance.warnings_from(
        pairs.loc[rows.index].reset_index(drop=True), lambda i: f"{ind} {where[i]} {first[i]}->{last[i]}"
    )
    return attach(out, ds, **GROWTH_COLUMNS)
