"""The urban-rural income gap (城乡收入倍差): ratio = urban / rural, difference = urban - rural."""

from __future__ import annotations

import numpy as np
import pandas as pd

from gzkit import bounds, provenance
from gzkit.browse import headline
from gzkit.columns import PLAIN, Column, attach
from gzkit.data import Dataset
from gzkit.errors import NoData
from gzkit.finite import derived_number
from gzkit.i18n import T
from gzkit.lookups import check_year, resolve_region
from gzkit.notes import choose, join_notes, note_column, years_text

#: The numbers of the income gap: both incomes and their difference in the incomes' unit, the
#: ratio a plain relative number; all carry the qualifier of their own bound.
GAP_COLUMNS: dict[str, Column] = {
    "urban": Column("number", unit_of="disposable_income_urban", qualifier="qualifier_urban"),
    "rural": Column("number", unit_of="disposable_income_rural", qualifier="qualifier_rural"),
    "difference": Column("number", unit_of="disposable_income_urban", qualifier="qualifier"),
    "ratio": PLAIN.but(qualifier="qualifier", gauge="relative"),
}


def gap(ds: Dataset, year: int | None = None, region: str | None = None) -> pd.DataFrame:
    """Urban versus rural per-capita disposable income (the 城乡收入倍差).

    ratio = urban / rural, difference = urban - rural, for every region and year
    with both. Columns: region, year, urban, qualifier_urban, rural,
    qualifier_rural, ratio, difference, qualifier, note.
    """
    if year is not None:
        check_year(ds, year)
    region = resolve_region(ds, region)
    obs = headline(ds, indicators=["disposable_income_urban", "disposable_income_rural"], region=region)
    cols = ["region", "year", "value", "qualifier", "vintage", "confidence"]
    u = obs.loc[obs["indicator"] == "disposable_income_urban", cols]
    r = obs.loc[obs["indicator"] == "disposable_income_rural", cols]
    m = u.merge(r, on=["region", "year"], suffixes=("_urban", "_rural"))
    if year is not None:
        m = m[m["year"] == year]
    if m.empty:
        both = sorted(set(u["year"]) & set(r["year"]))
        if year and region:
            asked = T(
                "No year with both urban and rural disposable income for {year} in region '{region}'.",
                year=year,
                region=region,
            )
        elif year:
            asked = T("No year with both urban and rural disposable income for {year}.", year=year)
        elif region:
            asked = T("No year with both urban and rural disposable income in region '{region}'.", region=region)
        else:
            asked = T("No year with both urban and rural disposable income.")
        raise NoData(
            asked,
            T("Years with both: {years}.", years=years_text(both))
            if both
            else T("Run `{command}` to find them.", command="gzkit list --search income"),
        )
    urban, rural = m["value_urban"].to_numpy(), m["value_rural"].to_numpy()
    with np.errstate(all="ignore"):
        ratio = np.where(rural > 0, urban / np.where(rural > 0, rural, 1), np.nan)
    out = pd.DataFrame(
        {
            "region": m["region"].to_numpy(),
            "year": m["year"].to_numpy(),
            "urban": urban,
            "qualifier_urban": m["qualifier_urban"].to_numpy(),
            "rural": rural,
            "qualifier_rural": m["qualifier_rural"].to_numpy(),
            "ratio": derived_number(ratio),
            "difference": derived_number(urban - rural),
            "qualifier": bounds.combine([m["qualifier_urban"].to_numpy(), m["qualifier_rural"].to_numpy()], [1, -1]),
            "note": note_column(
                join_notes(
                    choose(
                        rural > 0,
                        choose(~np.isfinite(ratio), T("undefined: the ratio is too large to represent")),
                        T("undefined: rural income is not positive"),
                    ),
                    provenance.compare_columns(
                        m["vintage_urban"], m["vintage_rural"], m["confidence_urban"], m["confidence_rural"]
                    )["note"].to_numpy(dtype=object),
                )
            ),
        }
    )
    order = {rid: n for n, rid in enumerate(ds.regions["id"])}
    out = out.sort_values(["region", "year"], key=lambda s: s.map(order) if s.name == "region" else s)
    return attach(out.reset_index(drop=True), ds, **GAP_COLUMNS)
