"""compare, column by column: every field of a row read off the report or the data, its messages word for word."""

from __future__ import annotations

import math

import pytest

import gzkit
from gzkit import core, provenance
from gzkit.errors import NoData, UsageError
from packages import package

#: The columns of compare, in the order its docstring and docs/cli.md give them.
COMPARE_ORDER = [
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

CROSSING = "(different releases; the change may reflect a revision, not growth)"


@pytest.fixture()
def y2018_2019(ds):
    return core.compare(ds, 2018, 2019)


def test_compare_columns_and_their_types(y2018_2019):
    df = y2018_2019
    assert list(df.columns) == COMPARE_ORDER
    numbers = ["value_a", "value_b", "change", "pct_change", "cagr", "stated_rate"]
    assert {c: str(df[c].dtype) for c in numbers} == dict.fromkeys(numbers, "float64")
    assert {c: str(df[c].dtype) for c in ("year_a", "year_b", "decimals_a", "decimals_b")} == dict.fromkeys(
        ("year_a", "year_b", "decimals_a", "decimals_b"), "int64"
    )
    # Notes and derivations are gzkit's own words: object, so that each stays a Text.
    assert (df["note"].dtype, df["derivation"].dtype) == (object, object)
    assert list(df.index) == list(range(len(df)))


def test_compare_describes_its_numbers_for_the_renderers(ds, y2018_2019):
    spec = y2018_2019.attrs["columns"]
    assert (spec["value_a"].decimals, spec["value_a"].qualifier) == ("decimals_a", "qualifier_a")
    assert (spec["value_b"].decimals, spec["value_b"].qualifier) == ("decimals_b", "qualifier_b")
    assert (spec["change"].role, spec["change"].unit, spec["change"].qualifier) == ("number", "unit", "qualifier")
    assert set(y2018_2019.attrs["units"]) == set(ds.units["id"])


def test_compare_2018_2019_urban_income_row(y2018_2019):
    row = y2018_2019.set_index("indicator").loc["disposable_income_urban"]
    assert row.to_dict() == {
        "domain": "livelihood",
        "name_en": "Per capita disposable income of urban residents",
        "name_zh": "城市常住居民人均可支配收入",
        "unit": "yuan",
        "region": "guangzhou",
        "year_a": 2018,
        "value_a": 59982.0,
        "qualifier_a": "=",
        "decimals_a": 0,
        "year_b": 2019,
        "value_b": 65052.0,
        "qualifier_b": "=",
        "decimals_b": 0,
        "change": 5070.0,
        "pct_change": pytest.approx((65052 / 59982 - 1) * 100, abs=1e-6),
        "cagr": pytest.approx((65052 / 59982 - 1) * 100, abs=1e-6),
        "qualifier": "=",
        "better": "better",
        "stated_rate": pytest.approx(math.nan, nan_ok=True),
        "qualifier_stated": "",
        "confidence": "medium",
        "implied": "",
        "derivation": "",
        "vintage_a": "NBS Guangzhou survey team (final annual)",
        "vintage_b": "report 2020-08",
        "note": "crosses vintages: NBS Guangzhou survey team (final annual) vs report 2020-08",
    }


def test_compare_bounds_and_direction_follow_the_qualifiers(y2018_2019):
    df = y2018_2019.set_index("indicator")
    # >1万 in 2018 against 1.2万 in 2019: the rise is less than 2000, which may be any sign of "better".
    tech = df.loc["high_tech_enterprises"]
    assert (tech["qualifier_a"], tech["qualifier_b"], tech["qualifier"], tech["better"]) == (">", "=", "<", "unclear")
    assert tech["change"] == 2000 and tech["pct_change"] == pytest.approx(20.0)
    # 超过15万元 in 2019 against 155500 in 2018: a fall of at most 5500, direction unknown.
    per_capita = df.loc["gdp_per_capita"]
    assert (per_capita["qualifier"], per_capita["better"], per_capita["change"]) == (">", "unclear", -5500)
    # 17.3 m² both years: the same.
    assert (df.at["park_green_area_per_capita", "better"], df.at["park_green_area_per_capita", "change"]) == (
        "same",
        0,
    )
    # Population has no better direction; the ratio is lower-is-better and fell.
    assert df.at["resident_population", "better"] == "neutral"
    assert df.at["resident_population", "note"] == ""
    assert df.at["income_ratio_urban_rural", "better"] == "better"
    assert df.at["income_ratio_urban_rural", "change"] < 0


def test_compare_implied_in_both_years_lists_both_derivations(y2018_2019):
    row = y2018_2019.set_index("indicator").loc["income_ratio_urban_rural"]
    assert row["implied"] == "2018 2019"
    assert row["derivation"] == (
        "2018: disposable_income_urban 2018 / disposable_income_rural 2018 = 59982 / 26020.1 = 2.305218; "
        "2019: disposable_income_urban 2019 / disposable_income_rural 2019 = 65052 / 28868 = 2.25343"
    )
    assert row["value_b"] == pytest.approx(65052 / 28868) and round(row["value_b"], 4) == 2.2534


def test_compare_implied_in_the_first_year_only(y2018_2019):
    row = y2018_2019.set_index("indicator").loc["cross_border_ecommerce_trade"]
    assert (row["implied"], row["qualifier_a"], row["qualifier"], row["confidence"]) == ("2018", "~", "~", "report")
    assert row["derivation"] == (
        "2018: cross_border_ecommerce_trade 2019 / (1 + cross_border_ecommerce_trade_growth 2019 / 100)"
        " = 385.9 / 1.564 = 246.7"
    )
    assert (row["stated_rate"], row["qualifier_stated"]) == (56.4, "=")
    assert (
        row["note"]
        == "stated by the report: nominal growth over the year before = 56.4% (cross_border_ecommerce_trade_growth)"
    )


def test_compare_implied_in_the_second_year_only(ds):
    # From the report alone 2015 is the yearbook's rural income, 2019 the urban income the ratio implies.
    row = core.compare(ds, 2015, 2019).set_index("indicator").loc["income_ratio_urban_rural"]
    assert row["implied"] == "2019"
    assert row["derivation"].startswith("2019: disposable_income_urban 2019 / disposable_income_rural 2019")


def test_compare_joins_the_vintage_note_and_the_stated_rate(y2018_2019):
    row = y2018_2019.set_index("indicator").loc["imports"]
    assert row["note"] == (
        "crosses vintages: annual (Mar 2019) vs report 2020-08; "
        "stated by the report: nominal growth over the year before = 12.7% (imports_growth)"
    )


def test_compare_warns_once_per_pair_that_crosses_releases(y2018_2019):
    warnings = y2018_2019.attrs["warnings"]
    assert len(warnings) == 11
    assert warnings[1] == (
        "gdp guangzhou: first release (2019-01), pre-2019-census, matches the 22859.35 of the 2019-01-30 "
        f"bureau release vs report 2020-08 {CROSSING}"
    )
    assert f"imports guangzhou: annual (Mar 2019) vs report 2020-08 {CROSSING}" in warnings


def test_compare_without_derived_values(ds):
    df = core.compare(ds, 2018, 2019, derived=False)
    assert "income_ratio_urban_rural" not in set(df["indicator"])
    assert (df["implied"] == "").all() and (df["derivation"] == "").all()


def test_compare_report_only_keeps_the_report_confidence(ds):
    df = core.compare(provenance.restrict(ds, report_only=True), 2018, 2019).set_index("indicator")
    assert df.at["imports", "confidence"] == "report" and df.at["imports", "implied"] == "2018"


def test_compare_in_one_domain_and_every_region(ds):
    df = core.compare(ds, 2018, 2019, domain="culture", region=None)
    assert list(df["indicator"]) == ["library_visits", "library_loans"]
    assert set(df["domain"]) == {"culture"}


@pytest.mark.parametrize(
    ("year_a", "year_b", "domain", "region", "message", "hint"),
    [
        (1979, 2019, None, None, "No observations for 1979.", "Years with data: 1978, 2010"),
        (2017, 2019, "culture", None, "No observations for 2017 and domain 'culture'.", "Years with data: 2018, 2019."),
        (2017, 2019, None, "china", "No observations for 2017 in region 'china'.", "Years with data: 2019."),
        (
            2017,
            2019,
            "culture",
            "guangzhou",
            "No observations for 2017 in region 'guangzhou' and domain 'culture'.",
            "Years with data: 2018, 2019.",
        ),
        (
            2018,
            2020,
            "culture",
            "guangzhou",
            "No observations for 2020 in region 'guangzhou' and domain 'culture'.",
            "Years with data: 2018, 2019.",
        ),
        (2018, 1979, None, None, "YEAR_A (2018) must be before YEAR_B (1979).", "Try `gzkit compare 1979 2018`."),
        (2019, 2019, None, None, "YEAR_A (2019) must be before YEAR_B (2019).", "Give two different years."),
    ],
    ids=["year", "domain", "region", "region_and_domain", "second_year", "reversed", "same"],
)
def test_compare_says_which_years_to_use(ds, year_a, year_b, domain, region, message, hint):
    with pytest.raises((NoData, UsageError)) as exc:
        core.compare(ds, year_a, year_b, domain=domain, region=region)
    assert exc.value.message == message
    assert str(exc.value.hint).startswith(hint)
    assert type(exc.value) is (UsageError if year_a >= year_b else NoData)


def test_compare_checks_both_years_against_the_data(ds):
    with pytest.raises(UsageError) as first:
        core.compare(ds, 1900, 2019)
    with pytest.raises(UsageError) as second:
        core.compare(ds, 2015, 2031)
    assert first.value.message == "year 1900 is outside the data, which covers 1978-2020."
    assert second.value.message == "year 2031 is outside the data, which covers 1978-2020."


def test_compare_implies_the_later_year_from_the_year_after_it(tmp_path):
    # With a 2017 figure, 2017 -> 2018 needs the 2018 value that 2019's level and growth imply: 385.9 / 1.564.
    row = {"indicator": "cross_border_ecommerce_trade", "region": "guangzhou", "period": "2017", "value": "227.7"}
    ds = gzkit.load(package(tmp_path, [row]))
    got = core.compare(ds, 2017, 2018).set_index("indicator").loc["cross_border_ecommerce_trade"]
    assert (got["value_a"], got["implied"]) == (227.7, "2018")
    assert got["value_b"] == pytest.approx(385.9 / 1.564, abs=1e-6)
    assert got["derivation"].startswith(
        "2018: cross_border_ecommerce_trade 2019 / (1 + cross_border_ecommerce_trade_growth"
    )


def test_compare_names_the_implied_years_among_those_with_data(ds):
    # From the report alone, opening-up has 2019 statements and the 2018 values they imply.
    report = provenance.restrict(ds, report_only=True)
    for derived, years in ((True, "2018, 2019"), (False, "2019")):
        with pytest.raises(NoData) as exc:
            core.compare(report, 2016, 2019, domain="opening_up", derived=derived)
        assert exc.value.hint == f"Years with data: {years}."


def test_compare_sets_only_the_rate_of_the_same_two_years_beside_a_change(ds):
    # 2018 -> 2019: the report's average 2016-2019 (6.8%, from 2015) ends in 2019 but starts elsewhere.
    gdp = core.compare(ds, 2018, 2019).set_index("indicator").loc["gdp"]
    assert math.isnan(gdp["stated_rate"]) and gdp["qualifier_stated"] == ""
    assert gdp["note"] == (
        "crosses vintages: first release (2019-01), pre-2019-census, matches the 22859.35 of the 2019-01-30 "
        "bureau release vs report 2020-08"
    )
    # Without any stated rate the column is still a number column.
    culture = core.compare(ds, 2018, 2019, domain="culture")
    assert str(culture["stated_rate"].dtype) == "float64" and culture["stated_rate"].isna().all()


def test_compare_keeps_one_row_when_two_stated_rates_cover_the_same_years(tmp_path):
    rows = [
        {"indicator": "gdp_growth", "region": "guangzhou", "period": "2019", "value": "6.8", "decimals": "1"},
        {"indicator": "gdp_growth_avg", "region": "guangzhou", "period": "2019", "value": "6.9", "decimals": "1"},
    ]
    df = core.compare(gzkit.load(package(tmp_path, rows)), 2018, 2019)
    gdp = df[df["indicator"] == "gdp"]
    assert len(gdp) == 1
    assert gdp["stated_rate"].iloc[0] == 6.8  # the yearly rate, listed first
