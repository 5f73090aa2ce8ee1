"""The column groups several tables are built from: what they name, and the tables they shape."""

from __future__ import annotations

import pytest

from gzkit import browse, columns, core, points

GROUPS = {
    "FIGURE": columns.FIGURE,
    "STATEMENT": columns.STATEMENT,
    "AS_PRINTED": columns.AS_PRINTED,
    "NAMES": columns.NAMES,
    "RELEASE": columns.RELEASE,
    "PROVENANCE": columns.PROVENANCE,
    "IMPLICATION": columns.IMPLICATION,
}


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_every_grouped_column_has_a_meaning(group):
    # A grouped name outside the vocabulary would render as plain text wherever the group is used.
    assert [c for c in GROUPS[group] if c not in columns.VOCABULARY] == []


def test_the_export_lists_the_groups_in_its_documented_order(ds):
    df = core.export(ds, indicators="gdp")
    assert list(df.columns[:18]) == [
        "indicator",
        "domain",
        "region",
        "name_en",
        "name_zh",
        "unit",
        "period",
        "year",
        "value",
        "qualifier",
        "decimals",
        "year_inferred",
        "source",
        "vintage",
        "confidence",
        "evidence",
        "headline",
        "note",
    ]


def test_an_indicator_series_reads_figure_then_printed_value_then_provenance(ds):
    df = browse.observations(ds, "disposable_income_rural", region="guangzhou")
    assert list(df.columns) == [
        "indicator",
        "region",
        "period",
        "year",
        "qualifier",
        "value",
        "decimals",
        "unit",
        "headline",
        "year_inferred",
        "source",
        "vintage",
        "confidence",
        "evidence",
        "evidence_words",
        "note",
        "implied",
        "derivation",
    ]
    row = df[df["period"] == "2019"].iloc[0]
    assert (row["value"], row["qualifier"], row["unit"]) == (28868.0, "=", "yuan")


def test_points_carry_the_statement_and_its_release(ds):
    df = points.yearly(ds, indicators=["disposable_income_urban"], region="guangzhou")
    assert list(df.columns) == [
        *("indicator", "region", "period", "year", "value", "qualifier", "decimals", "year_inferred"),
        *("source", "vintage", "confidence", "evidence", "note", "implied", "derivation", "low", "high"),
    ]
    assert df.loc[df["year"] == 2019, "value"].tolist() == [65052.0]
