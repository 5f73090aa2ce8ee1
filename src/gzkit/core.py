"""Computations over a :class:`~gzkit.data.Dataset`: DataFrame in, DataFrame out.

Nothing here prints. Every function returns a tidy DataFrame with stable
snake_case columns; derived numbers carry a ``qualifier`` (see
:mod:`gzkit.bounds`) and a ``note`` that says why a value is undefined or which
vintages it mixes. Warnings a user should see are also listed in
``result.attrs["warnings"]``.

Formulas (docs/methodology.md has the full text):

* change      = v1 - v0
* pct_change  = (v1 / v0 - 1) * 100, undefined when v0 <= 0
* cagr        = ((v1 / v0) ** (1 / n) - 1) * 100, n = real years between the
  observations; undefined when v0 <= 0, v1 < 0 or n = 0
* ratio       = urban / rural; difference = urban - rural
* completion  = value / target * 100 (higher is better) or target / value * 100
  (lower is better)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gzkit import bounds
from gzkit.browse import domains, headline, indicator_info, indicators, latest, observations, regions, sources
from gzkit.columns import DIFFERENCE, VALUE, Column, attach
from gzkit.data import Dataset
from gzkit.errors import NoData, UsageError
from gzkit.finite import DERIVED_DECIMALS
from gzkit.gap import gap
from gzkit.growth import growth
from gzkit.i18n import T
from gzkit.lookups import (
    DEFAULT_REGION,
    check_year,
    default_region,
    resolve_domain,
    resolve_indicator,
    resolve_region,
    with_meta,
)
from gzkit.notes import join_notes, note_column, years_text
from gzkit.rates import NO_GROWTH_UNITS, change_rates, direction
from gzkit.targets import progress
from gzkit.tidy import EXPORT_LEAD, export, export_columns, rows_matching

__all__ = [
    "DEFAULT_REGION",
    "DERIVED_DECIMALS",
    "EXPORT_LEAD",
    "NO_GROWTH_UNITS",
    "check_year",
    "compare",
    "default_region",
    "domains",
    "export",
    "export_columns",
    "gap",
    "growth",
    "headline",
    "indicator_info",
    "indicators",
    "latest",
    "observations",
    "progress",
    "regions",
    "resolve_domain",
    "resolve_indicator",
    "resolve_region",
    "rows_matching",
    "sources",
    "with_meta",
]

# compare's own names for the helpers it shares with growth, gap and versus, whose homes are now
# lookups, notes and rates.
_check_year = check_year
_with_meta = with_meta
_years_text = years_text
_rates = change_rates
_direction = direction


def _join_notes(*notes: np.ndarray | pd.Series) -> pd.Series:
    """:func:`gzkit.notes.join_notes` as a column compare assigns to its merged frame (a fresh RangeIndex).

    An object Series keeps each note a Text (Chinese for a Chinese reader); a bare array would be
    stored as pandas' str dtype, English only.
    """
    return note_column(join_notes(*notes))


def _in_domain(ds: Dataset, domain: str | None) -> pd.Series | None:
    if domain is None:
        return None
    dom = resolve_domain(ds, domain)
    return ds.indicators.loc[ds.indicators["domain"] == dom, "id"]


#: The numbers of a comparison: each year's value with its own precision and qualifier, and the
#: change in the indicator's unit (in percentage points for a percentage).
COMPARE_COLUMNS: dict[str, Column] = {
    "value_a": VALUE.but(decimals="decimals_a", qualifier="qualifier_a"),
    "value_b": VALUE.but(decimals="decimals_b", qualifier="qualifier_b"),
    "change": DIFFERENCE,
}


def compare(
    ds: Dataset,
    year_a: int,
    year_b: int,
    domain: str | None = None,
    region: str | None = DEFAULT_REGION,
    derived: bool = True,
) -> pd.DataFrame:
    """Every indicator with a point in both years, with change, percent change and CAGR.

    A point is the headline single-year statement, or where the data states
    nothing for that year and ``derived`` is true, the value its figures imply
    (:mod:`gzkit.points`: the report's figures, or official ones, with the lowest
    confidence of its inputs). ``n = year_b - year_a``. Where the report states the
    growth itself, ``stated_rate`` shows it beside the computed one.
    Columns: indicator, domain, name_en, name_zh, unit, region, year_a, value_a,
    qualifier_a, decimals_a, year_b, value_b, qualifier_b, decimals_b, change,
    pct_change, cagr, qualifier (of the derived numbers), better, stated_rate,
    qualifier_stated, confidence (the lower of the two points'), implied (the
    years whose value is implied, space separated), derivation, vintage_a,
    vintage_b, note. ``attrs["warnings"]`` names every pair that crosses releases.
    """
    from gzkit import points, provenance, stated
    from gzkit.derived import KINDS, RULES

    lo, hi = ds.year_range()
    for y in (year_a, year_b):
        if not lo <= y <= hi:
            _check_year(ds, y)  # says which years the data covers
    if year_a >= year_b:
        raise UsageError(
            T("YEAR_A ({year_a}) must be before YEAR_B ({year_b}).", year_a=year_a, year_b=year_b),
            T("Try `gzkit compare {low} {high}`.", low=min(year_a, year_b), high=max(year_a, year_b))
            if year_a != year_b
            else T("Give two different years."),
        )
    region = resolve_region(ds, region)
    ids = _in_domain(ds, domain)
    # Only the rows the comparison reads: the two years, and in the years whose figures imply them only the
    # indicators the rules read. On a large package the other rows are never built.
    inputs = {r.level for r in RULES} | {r.rate for r in RULES}
    implying = {y - kind.year_shift for y in (year_a, year_b) for kind in KINDS.values()} - {year_a, year_b}
    work = ds.narrowed({year_a, year_b} | implying, only={y: inputs for y in implying})
    obs = points.yearly(work, years=(year_a, year_b), indicators=ids, region=region, with_implied=derived)
    cols = ["indicator", "region", "value", "qualifier", "decimals", "vintage", "confidence", "implied", "derivation"]
    a = obs.loc[obs["year"] == year_a, cols]
    b = obs.loc[obs["year"] == year_b, cols]
    if a.empty or b.empty:
        have = sorted(set(points.yearly(ds, indicators=ids, region=region, with_implied=derived)["year"]))
        missing = year_a if a.empty else year_b
        scope = {"year": missing, "region": region, "domain": domain}
        if region and domain:
            where = T("No observations for {year} in region '{region}' and domain '{domain}'.", **scope)
        elif region:
            where = T("No observations for {year} in region '{region}'.", **scope)
        elif domain:
            where = T("No observations for {year} and domain '{domain}'.", **scope)
        else:
            where = T("No observations for {year}.", **scope)
        raise NoData(where, T("Years with data: {years}.", years=years_text(have)))
    m = a.merge(b, on=["indicator", "region"], suffixes=("_a", "_b"))
    m = _with_meta(m, ds, ("domain", "name_en", "name_zh", "unit", "polarity"))
    n = year_b - year_a
    change, pct, cagr, reason = _rates(m["value_a"], m["value_b"], np.full(len(m), n), m["unit"])
    q = bounds.combine([m["qualifier_a"].to_numpy(), m["qualifier_b"].to_numpy()], [-1, +1])
    m["year_a"], m["year_b"] = year_a, year_b
    m["change"], m["pct_change"], m["cagr"], m["qualifier"] = change, pct, cagr, q
    m["better"] = _direction(change, q, m["polarity"])
    pairs = provenance.compare_columns(m["vintage_a"], m["vintage_b"], m["confidence_a"], m["confidence_b"])
    m["confidence"] = pairs["confidence"].to_numpy()
    ia, ib = m["implied_a"].to_numpy(dtype=bool), m["implied_b"].to_numpy(dtype=bool)
    m["implied"] = np.where(ia & ib, f"{year_a} {year_b}", np.where(ia, str(year_a), np.where(ib, str(year_b), "")))
    m["derivation"] = _join_notes(
        np.where(m["implied_a"], f"{year_a}: " + m["derivation_a"].astype(str), ""),
        np.where(m["implied_b"], f"{year_b}: " + m["derivation_b"].astype(str), ""),
    )
    rates = stated.stated_rates(work, indicators=list(m["indicator"].unique()), region=region, to_year=year_b)
    rates = rates[(rates["from_year"] == year_a) & (rates["to_year"] == year_b)].drop_duplicates(
        ["indicator", "region"]
    )
    m = m.merge(
        rates[
            ["indicator", "region", "rate", "qualifier", "span", "basis", "period", "rate_indicator", "confidence"]
        ].rename(columns={"rate": "stated_rate", "qualifier": "qualifier_stated", "confidence": "confidence_stated"}),
        on=["indicator", "region"],
        how="left",
    )
    has_rate = m["rate_indicator"].notna()
    stated_note = np.full(len(m), "", dtype=object)
    stated_note[has_rate.to_numpy()] = [
        stated.describe(r)
        for r in m.loc[
            has_rate,
            ["span", "basis", "period", "rate_indicator", "qualifier_stated", "stated_rate", "confidence_stated"],
        ]
        .rename(columns={"qualifier_stated": "qualifier", "stated_rate": "rate", "confidence_stated": "confidence"})
        .itertuples(index=False)
    ]
    m["qualifier_stated"] = m["qualifier_stated"].fillna("")
    m["note"] = _join_notes(reason, pairs["note"].to_numpy(), stated_note)
    out: pd.DataFrame = m[
        [
            "indicator",
            "domain",
            "name_en",
            "name_zh",
            "unit",
            "region",
            "year_a",
            "value_a",
            "qualifier_a",
            "decimals_a",
            "year_b",
            "value_b",
            "qualifier_b",
            "decimals_b",
            "change",
            "pct_change",
            "cagr",
            "qualifier",
            "better",
            "stated_rate",
            "qualifier_stated",
            "confidence",
            "implied",
            "derivation",
            "vintage_a",
            "vintage_b",
            "note",
        ]
    ].reset_index(drop=True)
    out["stated_rate"] = out["stated_rate"].astype("float64")
    ind_of, region_of = m["indicator"].to_numpy(dtype=object), m["region"].to_numpy(dtype=object)
    out.attrs["warnings"] = provenance.warnings_from(pairs, lambda i: f"{ind_of[i]} {region_of[i]}")
    return attach(out, ds, **COMPARE_COLUMNS)
