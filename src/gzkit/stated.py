"""Growth rates the report states itself, to set beside the rates gzkit computes.

Where the report gives a level and its growth ("进口4737.8亿元，同比增长12.7%"),
``compare 2018 2019`` shows the stated 12.7% beside the computed change, which
agrees by construction when 2018 is the value the report implies. Where it
states an average ("自2016年以来，GDP年均增长6.8%"), ``growth gdp`` shows it
beside the CAGR computed from the levels, so a reader sees why they differ: the
stated rate is real (comparable prices), the computed one nominal, and the
levels may come from different releases.

An average over the period ``2016-2019`` is read as the report reads it: the
growth of each of the years 2016 to 2019, so from the level of 2015 to that of
2019 (four years).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from gzkit.browse import headline
from gzkit.data import Dataset, period_span
from gzkit.i18n import N_, T, Text

#: The bases a stated rate has, in words a reader sees in a note.
BASES = {"nominal": N_("nominal"), "real": N_("real")}


@dataclass(frozen=True)
class StatedRate:
    """``rate`` is the stated growth of ``level``: over one year (``span="year"``) or on average per year."""

    level: str
    rate: str
    span: str
    #: nominal (current prices, like the levels) or real (comparable prices).
    basis: str


STATED_RATES: tuple[StatedRate, ...] = (
    StatedRate("imports", "imports_growth", "year", "nominal"),
    StatedRate("cross_border_ecommerce_trade", "cross_border_ecommerce_trade_growth", "year", "nominal"),
    StatedRate("gdp", "gdp_growth", "year", "real"),
    StatedRate("gdp", "gdp_growth_avg", "average", "real"),
    StatedRate(
        "strategic_emerging_industries_value_added", "strategic_emerging_industries_value_added_growth", "year", "real"
    ),
)

#: Columns of :func:`stated_rates`.
COLUMNS = [
    "indicator",
    "region",
    "rate_indicator",
    "span",
    "basis",
    "from_year",
    "to_year",
    "rate",
    "qualifier",
    "period",
    "confidence",
]


def stated_rates(
    ds: Dataset, indicators: Iterable[str] | None = None, region: str | None = None, to_year: int | None = None
) -> pd.DataFrame:
    """Every stated rate of a level gzkit knows, with the years it spans.

    ``from_year`` is the base year (the year before the first year of growth),
    ``to_year`` the last year; the ``to_year`` argument keeps only rates ending then.
    Columns: :data:`COLUMNS`.
    """
    table = pd.DataFrame([r.__dict__ for r in STATED_RATES])
    if indicators is not None:
        table = table[table["level"].isin(list(indicators))]
    years = None if to_year is None else [to_year]
    obs = headline(ds, single_year=False, years=years, indicators=list(table["rate"]), region=region)
    cols = ["indicator", "region", "period", "value", "qualifier", "confidence"]
    m = table.merge(obs[cols], left_on="rate", right_on="indicator")
    if m.empty:
        empty: pd.DataFrame = pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
        return empty
    spans = [period_span(p) for p in m["period"].tolist()]
    first = [a for a, _ in spans]
    last = [b for _, b in spans]
    single = m["span"] == "year"
    m["from_year"] = [f - 1 for f in first]
    m["to_year"] = last
    # A yearly rate stated for a multi-year period says nothing about one year.
    m = m[~single | (m["from_year"] + 1 == m["to_year"])]
    out = m.drop(columns=["indicator"]).rename(
        columns={"level": "indicator", "rate": "rate_indicator", "value": "rate"}
    )
    result: pd.DataFrame = out[COLUMNS].reset_index(drop=True)
    return result


def describe(row: Any) -> Text:
    """The stated rate in words, for a note: who states it, its basis and span, and its value.

    A :class:`~gzkit.i18n.Text`: ``stated by the report: real average annual growth 2016-2019 = 6.8%
    (gdp_growth_avg)`` in English, its Chinese for a Chinese reader.
    """
    bound = "" if row.qualifier == "=" else row.qualifier
    who = (
        T("the report")
        if row.confidence == "report"
        else T(
            "an official release ({confidence} confidence)", confidence=Text(str(row.confidence), context="confidence")
        )
    )
    fields = {
        "who": who,
        "basis": Text(BASES.get(row.basis, str(row.basis))),
        "rate": f"{bound}{row.rate}",
        "indicator": row.rate_indicator,
    }
    if row.span == "year":
        return T("stated by {who}: {basis} growth over the year before = {rate}% ({indicator})", **fields)
    return T(
        "stated by {who}: {basis} average annual growth {period} = {rate}% ({indicator})", period=row.period, **fields
    )
