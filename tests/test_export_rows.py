"""The tidy export and its filters, row by row, on the bundled observations."""

from __future__ import annotations

import pytest

from gzkit import core, derived
from gzkit.errors import UsageError


def test_export_columns_lead_then_the_packages_own(ds):
    columns = core.export_columns(ds)
    assert columns[: len(core.EXPORT_LEAD)] == list(core.EXPORT_LEAD)
    assert columns[len(core.EXPORT_LEAD) :] == ["rounding", "evidence_words"]
    df = core.export(ds)
    assert list(df.columns) == columns and len(df) == len(ds.observations)
    assert (str(df["year"].dtype), str(df["decimals"].dtype), str(df["headline"].dtype)) == ("int64", "int64", "bool")
    assert list(df.index) == list(range(len(df)))
    assert set(df.attrs["units"]) == set(ds.units["id"]) and "columns" in df.attrs


def test_export_by_name_region_and_years_in_file_order(ds):
    df = core.export(ds, indicators="地区生产总值（GDP）", region="广州", start=2018, end=2019)
    assert list(zip(df["period"], df["value"], df["headline"])) == [
        ("2019", 23000, True),
        ("2018", 22859.35, False),
        ("2018", 22859, True),
        ("2018", 22860, False),
        ("2019", 23628.6, False),
    ]
    assert set(df["domain"]) == {"economy"} and set(df["name_zh"]) == {"地区生产总值（GDP）"}
    assert list(df.index) == [0, 1, 2, 3, 4]


def test_export_of_every_region_and_only_headlines(ds):
    every = core.export(ds, indicators=["gdp"], region="all", start=2019, end=2019)
    assert list(zip(every["region"], every["value"])) == [
        ("guangzhou", 23000),
        ("china", 990865),
        ("guangzhou", 23628.6),
    ]
    heads = core.export(ds, indicators=["gdp"], region=None, start=2019, end=2019, headline_only=True)
    assert list(heads["value"]) == [23000, 990865] and list(heads.index) == [0, 1]
    assert len(core.export(ds, domain="economy", start=2019, end=2019, headline_only=True)) == 24


def test_rows_matching_reads_the_domain_column_or_the_indicators(ds):
    implied = derived.implied_values(ds)
    by_column = core.rows_matching(ds, implied, domain="opening_up")
    assert by_column.dtype == bool and len(by_column) == len(implied)
    assert sorted(implied.loc[by_column, "indicator"]) == ["cross_border_ecommerce_trade", "imports"]
    # A rule's indicator that gzkit does not have keeps the domain the rule gives it.
    economy = core.rows_matching(ds, implied, domain="economy")
    assert sorted(implied.loc[economy, "indicator"]) == ["gdp", "strategic_emerging_industries_value_added"]
    obs = ds.observations
    assert "domain" not in obs.columns
    by_indicator = core.rows_matching(ds, obs, domain="culture")
    assert int(by_indicator.sum()) == 30  # the 30 observations of the culture domain
    assert core.rows_matching(ds, obs).all()
    gdp = core.rows_matching(ds, obs, indicators="gdp", start=2019)
    assert sorted(obs.loc[gdp, "value"]) == [23000, 23628.6, 990865]
    until = core.rows_matching(ds, obs, indicators="gdp", region="guangzhou", end=2010)
    assert list(obs.loc[until, "value"]) == [10748.28]


def test_rows_matching_says_how_to_order_the_years(ds):
    with pytest.raises(UsageError) as exc:
        core.rows_matching(ds, ds.observations, start=2019, end=2015)
    assert (exc.value.message, exc.value.hint) == ("--from 2019 is after --to 2015.", "Try --from 2015 --to 2019.")
    same = core.rows_matching(ds, ds.observations, start=2019, end=2019)
    assert (ds.observations.loc[same, "year"] == 2019).all() and same.any()
