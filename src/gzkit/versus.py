"""The package's default region (Guangzhou) set beside another region, indicator by indicator.

Every indicator that both regions have for the same period gives one row: both
values with their qualifiers, ``ratio = value_a / value_b`` and ``difference =
value_a - value_b`` (each qualified by :func:`gzkit.bounds.combine`: Guangzhou's
"more than 150,000 yuan" GDP per capita against China's 70,892 is a ratio of
more than 2.12), the better side by the indicator's polarity, the lower of the
two confidences, and a warning where the two figures come from different
releases. Ratios of percentages and ranks mean nothing and are left empty.

A total (the indicator's ``scale`` is ``total``: GDP in 亿元, population, road
length) grows with the size of the region, so China's larger GDP says nothing
about which economy does better: such a row keeps its ratio and difference but
``better`` is :data:`NOT_COMPARABLE`, and the note says why. An indicator of
unknown scale (a package without the column) is judged by its polarity alone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from gzkit import bounds, provenance
from gzkit.browse import headline
from gzkit.data import Dataset
from gzkit.errors import NoData, UsageError
from gzkit.finite import derived_number
from gzkit.i18n import N_, T, Text
from gzkit.lookups import DEFAULT_REGION, check_year, resolve_domain, resolve_region, with_meta
from gzkit.notes import choose, join_notes, note_column
from gzkit.rates import NO_GROWTH_UNITS, direction

#: What two regions' figures from different releases may hide.
CAVEAT = Text(N_("different releases; check that both measure the same thing in the same way"))

#: ``better`` of a total: the larger region is not the better one.
NOT_COMPARABLE = N_("not comparable")
#: What a table with such a row says under it, since a table shows no notes.
TOTALS_CAPTION = Text(
    N_(
        "not comparable: a total grows with the region's size, so the larger region is not the better one; "
        "compare per-capita figures."
    )
)

COLUMNS = [
    "indicator",
    "domain",
    "name_en",
    "name_zh",
    "unit",
    "period",
    "year",
    "region_a",
    "value_a",
    "qualifier_a",
    "decimals_a",
    "region_b",
    "value_b",
    "qualifier_b",
    "decimals_b",
    "ratio",
    "difference",
    "qualifier",
    "better",
    "confidence",
    "implied",
    "vintage_a",
    "vintage_b",
    "note",
]


def versus(
    ds: Dataset,
    region: str,
    year: int | None = None,
    domain: str | None = None,
    base: str = DEFAULT_REGION,
    derived: bool = True,
) -> pd.DataFrame:
    """``base`` against ``region`` on every indicator both have for the same period.

    Headline statements of any period (a single year, or a span such as
    2016-2019 for average growth), and with ``derived`` the values the report
    implies for years it does not state. ``year`` keeps periods ending in that
    year. Columns: :data:`COLUMNS`; ``qualifier`` qualifies both ratio and
    difference, ``better`` names the better region (or same, unclear, neutral,
    or :data:`NOT_COMPARABLE` for a total).
    """
    from gzkit import points

    a_id = resolve_region(ds, base)
    b_id = resolve_region(ds, region)
    if a_id is None or b_id is None:
        raise UsageError(
            T("versus needs one region on each side, not 'all'."), T("Try `{command}`.", command="gzkit versus china")
        )
    if a_id == b_id:
        others = [r for r in ds.regions["id"] if r != a_id]
        raise UsageError(
            T("versus compares {region} with another region.", region=a_id),
            T("Choose one of: {regions}.", regions=", ".join(others))
            if others
            else T("The package has only one region."),
        )
    if year is not None:
        check_year(ds, year)
    ids = None
    if domain is not None:
        dom = resolve_domain(ds, domain)
        ids = ds.indicators.loc[ds.indicators["domain"] == dom, "id"]
    cols = ["indicator", "region", "period", "year", "value", "qualifier", "decimals", "vintage", "confidence"]
    obs = headline(ds, single_year=False, indicators=ids)
    obs = obs[obs["region"].isin([a_id, b_id])].assign(implied=False)
    if derived:
        imp = points.implied(ds)
        imp = imp[imp["region"].isin([a_id, b_id])]
        if ids is not None:
            imp = imp[imp["indicator"].isin(list(ids))]
        have = pd.MultiIndex.from_frame(obs[["indicator", "region", "period"]])
        imp = imp[~pd.MultiIndex.from_frame(imp[["indicator", "region", "period"]]).isin(have)]
        obs = pd.concat([obs[[*cols, "implied"]], imp[[*cols, "implied"]]], ignore_index=True)
    if year is not None:
        obs = obs[obs["year"] == year]
    a = obs.loc[obs["region"] == a_id, [*cols, "implied"]].drop(columns="region")
    b = obs.loc[obs["region"] == b_id, [*cols, "implied"]].drop(columns=["region", "year"])
    m = a.merge(b, on=["indicator", "period"], suffixes=("_a", "_b"))
    if m.empty:
        raise NoData(
            T("{a} and {b} have no indicator for the same period in {year}.", a=a_id, b=b_id, year=year)
            if year
            else T("{a} and {b} have no indicator for the same period.", a=a_id, b=b_id),
            T(
                "Run `gzkit show INDICATOR -r all` to see each region's periods; `gzkit versus {b}` without --year "
                "tries every period.",
                b=b_id,
            ),
        )
    m = m.rename(columns={"year_a": "year"})
    m = with_meta(m, ds, ("domain", "name_en", "name_zh", "unit", "polarity", "scale"))
    va, vb = m["value_a"].to_numpy(dtype="float64"), m["value_b"].to_numpy(dtype="float64")
    no_ratio = m["unit"].isin(NO_GROWTH_UNITS).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where((vb > 0) & (va >= 0) & ~no_ratio, va / np.where(vb > 0, vb, 1), np.nan)
    difference = va - vb
    q = bounds.combine([m["qualifier_a"].to_numpy(), m["qualifier_b"].to_numpy()], [1, -1])
    total = (m["scale"] == "total").to_numpy(dtype=bool)
    better = np.where(total, NOT_COMPARABLE, direction(difference, q, m["polarity"]))
    names = {"better": a_id, "worse": b_id}
    pairs = provenance.compare_columns(m["vintage_a"], m["vintage_b"], m["confidence_a"], m["confidence_b"])
    reason = join_notes(
        choose(
            no_ratio,
            T("a ratio of rates or ranks means nothing; see difference"),
            choose(np.isnan(ratio), T("undefined: {region}'s value is not positive", region=b_id)),
        ),
        choose(total, T("a total grows with the region's size; compare per-capita figures")),
    )
    out = pd.DataFrame(
        {
            "indicator": m["indicator"],
            "domain": m["domain"],
            "name_en": m["name_en"],
            "name_zh": m["name_zh"],
            "unit": m["unit"],
            "period": m["period"],
            "year": m["year"].astype("int64"),
            "region_a": a_id,
            "value_a": va,
            "qualifier_a": m["qualifier_a"],
            "decimals_a": m["decimals_a"].astype("int64"),
            "region_b": b_id,
            "value_b": vb,
            "qualifier_b": m["qualifier_b"],
            "decimals_b": m["decimals_b"].astype("int64"),
            "ratio": derived_number(ratio),
            "difference": derived_number(difference),
            "qualifier": q,
            "better": [names.get(b, b) for b in better],
            "confidence": pairs["confidence"].to_numpy(),
            "implied": [
                " ".join(r for r, flag in ((a_id, ia), (b_id, ib)) if flag)
                for ia, ib in zip(m["implied_a"].astype(bool), m["implied_b"].astype(bool))
            ],
            "vintage_a": m["vintage_a"],
            "vintage_b": m["vintage_b"],
            "note": note_column(
                join_notes(
                    reason,
                    [
                        ""
                        if same
                        else T("from different releases: {release_a} vs {release_b}", release_a=va_, release_b=vb_)
                        for same, va_, vb_ in zip(pairs["same_release"], pairs["vintage_a"], pairs["vintage_b"])
                    ],
                )
            ),
            "_label": [
                T("{indicator} {period} {a} vs {b}", indicator=i, period=period, a=a_id, b=b_id)
                for i, period in zip(m["indicator"], m["period"])
            ],
        }
    )
    order = {i: n for n, i in enumerate(ds.indicators["id"])}
    out = out.assign(_o=out["indicator"].map(order)).sort_values(["_o", "year", "period"], kind="stable")
    out = out.drop(columns="_o").reset_index(drop=True)
    compared = provenance.compare_columns(out["vintage_a"], out["vintage_b"], out["confidence"], out["confidence"])
    labels = out["_label"].to_numpy(dtype=object)
    warnings = provenance.warnings_from(compared, lambda i: labels[i], CAVEAT)
    out = out[COLUMNS]
    out.attrs["warnings"] = warnings
    result: pd.DataFrame = out
    return result
