"""growth, column by column: steps, spans and the report's stated rates, read off the data and the report."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from gzkit import core, provenance
from gzkit.errors import NoData, UsageError

GROWTH_ORDER = [
    "indicator",
    "region",
    "unit",
    "kind",
    "from_year",
    "to_year",
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

CROSSING = "(different releases; the change may reflect a revision, not growth)"


@pytest.fixture()
def gdp_everywhere(ds):
    return core.growth(ds, "gdp", region=None)


def test_growth_columns_types_and_description(ds, gdp_everywhere):
    df = gdp_everywhere
    assert list(df.columns) == GROWTH_ORDER
    ints = ["from_year", "to_year", "years", "decimals_from", "decimals_to"]
    assert {c: str(df[c].dtype) for c in ints} == dict.fromkeys(ints, "int64")
    floats = ["value_from", "value_to", "change", "pct_change", "cagr", "stated_rate"]
    assert {c: str(df[c].dtype) for c in floats} == dict.fromkeys(floats, "float64")
    assert df["note"].dtype == object
    spec = df.attrs["columns"]
    assert (spec["value_from"].decimals, spec["value_from"].qualifier) == ("decimals_from", "qualifier_from")
    assert (spec["value_to"].decimals, spec["value_to"].qualifier) == ("decimals_to", "qualifier_to")
    assert (spec["change"].unit, spec["change"].qualifier) == ("unit", "qualifier")
    assert spec["years"].role == "count" and spec["years"].header == ("years", "年数")
    assert set(df.attrs["units"]) == set(ds.units["id"])


def test_growth_orders_regions_then_steps_span_stated(gdp_everywhere):
    df = gdp_everywhere
    assert list(df["region"]) == ["china"] + ["guangzhou"] * 11
    assert list(df["kind"]) == ["span"] + ["step"] * 9 + ["span", "stated"]
    assert list(df.loc[df["kind"] == "step", "from_year"]) == list(range(2010, 2019))
    assert list(df.index) == list(range(12))
    assert set(df["indicator"]) == {"gdp"} and set(df["unit"]) == {"100m_yuan"}
    assert set(df["name_en"]) == {"GDP"} and set(df["name_zh"]) == {"地区生产总值（GDP）"}


def test_growth_of_a_region_with_one_point(gdp_everywhere):
    china = gdp_everywhere.iloc[0].to_dict()
    assert (china["from_year"], china["to_year"], china["years"]) == (2019, 2019, 0)
    assert china["value_from"] == china["value_to"] == 990865
    assert math.isnan(china["change"]) and math.isnan(china["pct_change"]) and math.isnan(china["cagr"])
    assert china["note"] == "undefined: only one observation"
    assert (china["confidence"], china["qualifier"], china["implied"]) == ("high", "=", "")


def test_growth_span_of_guangzhou_gdp_2010_2019(gdp_everywhere):
    span = gdp_everywhere.iloc[10]
    assert (span["kind"], span["from_year"], span["to_year"], span["years"]) == ("span", 2010, 2019, 9)
    assert (span["value_from"], span["value_to"]) == (10748.28, 23000)
    assert (span["decimals_from"], span["decimals_to"]) == (2, -3)
    assert span["change"] == pytest.approx(23000 - 10748.28)
    assert span["pct_change"] == pytest.approx((23000 / 10748.28 - 1) * 100)
    assert span["cagr"] == pytest.approx(((23000 / 10748.28) ** (1 / 9) - 1) * 100)
    assert span["confidence"] == "low"
    assert (
        span["note"] == "crosses vintages: secondary compilation, vintage unknown (mixed revisions) vs report 2020-08"
    )


def test_growth_step_beside_an_official_yearly_rate(gdp_everywhere):
    step = gdp_everywhere.set_index(["kind", "from_year"]).loc[("step", 2017)]
    assert (step["to_year"], step["years"], step["value_from"], step["value_to"]) == (2018, 1, 21503.15, 22859)
    assert (step["stated_rate"], step["qualifier_stated"], step["confidence"]) == (6.2, "=", "medium")
    assert step["note"] == (
        "crosses vintages: first release (2017 statistical release), pre-2019-census vs first release (2019-01), "
        "pre-2019-census, matches the 22859.35 of the 2019-01-30 bureau release; "
        "stated by an official release (medium confidence): real growth over the year before = 6.2% (gdp_growth)"
    )
    same = gdp_everywhere.set_index(["kind", "from_year"]).loc[("step", 2012)]
    assert math.isnan(same["stated_rate"]) and same["qualifier_stated"] == "" and same["note"] == ""


def test_growth_stated_average_row(gdp_everywhere):
    row = gdp_everywhere.iloc[11]
    assert (row["kind"], row["from_year"], row["to_year"], row["years"]) == ("stated", 2015, 2019, 4)
    assert (row["value_from"], row["value_to"], row["stated_rate"]) == (18100.41, 23000, 6.8)
    assert row["change"] == pytest.approx(4899.59)
    assert row["note"].endswith(
        "; stated by the report: real average annual growth 2016-2019 = 6.8% (gdp_growth_avg); "
        "the computed CAGR is nominal, from levels"
    )


def test_growth_warns_for_every_pair_across_releases(gdp_everywhere):
    warnings = gdp_everywhere.attrs["warnings"]
    assert len(warnings) == 10
    assert warnings[-1] == (
        "gdp guangzhou 2015->2019: pre-2019-census (first-release/yearbook level), NOT the revised series "
        f"(revised 2015 ≈ 18560) vs report 2020-08 {CROSSING}"
    )
    assert warnings[0].startswith("gdp guangzhou 2010->2011: ")


def test_growth_from_implied_values_carries_their_derivation(ds):
    df = core.growth(provenance.restrict(ds, report_only=True), "imports")
    assert list(df["kind"]) == ["step", "span"]
    step, span = df.iloc[0], df.iloc[1]
    assert step["value_from"] == pytest.approx(4737.8 / 1.127) and step["cagr"] == pytest.approx(12.7)
    assert (step["implied"], step["qualifier_from"], step["qualifier"]) == ("2018", "~", "~")
    assert step["derivation"] == "2018: imports 2019 / (1 + imports_growth 2019 / 100) = 4737.8 / 1.127 = 4203.9"
    assert (step["stated_rate"], step["note"]) == (
        12.7,
        "stated by the report: nominal growth over the year before = 12.7% (imports_growth)",
    )
    # The span of the same two years carries no yearly rate: only steps and stated rows do.
    assert math.isnan(span["stated_rate"]) and span["note"] == "" and span["implied"] == "2018"
    # Without implied values the report states imports for 2019 alone.
    alone = core.growth(provenance.restrict(ds, report_only=True), "imports", derived=False)
    assert list(zip(alone["kind"], alone["from_year"], alone["implied"])) == [("span", 2019, "")]
    assert alone["note"].iloc[0] == "undefined: only one observation"


def test_growth_names_the_implied_years_among_those_with_data(ds):
    report = provenance.restrict(ds, report_only=True)
    for derived, years in ((True, "2018, 2019"), (False, "2019")):
        with pytest.raises(NoData) as exc:
            core.growth(report, "imports", start=2020, derived=derived)
        assert exc.value.hint == f"Years with data: {years}."


def test_growth_of_one_year(ds):
    df = core.growth(ds, "gdp", start=2019, end=2019)
    assert list(zip(df["kind"], df["from_year"], df["to_year"], df["note"])) == [
        ("span", 2019, 2019, "undefined: only one observation")
    ]


def test_growth_of_the_income_ratio_names_each_implied_end(ds):
    # The official ratios of 2015 and 2016 (2.42, 2.38), then the ratios the incomes imply.
    df = core.growth(ds, "income_ratio_urban_rural")
    assert list(zip(df["kind"], df["from_year"], df["to_year"], df["implied"])) == [
        ("step", 2015, 2016, ""),
        ("step", 2016, 2018, "2018"),
        ("step", 2018, 2019, "2018 2019"),
        ("span", 2015, 2019, "2019"),
    ]
    ratio_2018 = "disposable_income_urban 2018 / disposable_income_rural 2018 = 59982 / 26020.1 = 2.305218"
    ratio_2019 = "disposable_income_urban 2019 / disposable_income_rural 2019 = 65052 / 28868 = 2.25343"
    assert list(df["derivation"]) == [
        "",
        f"2018: {ratio_2018}",
        f"2018: {ratio_2018}; 2019: {ratio_2019}",
        f"2019: {ratio_2019}",
    ]
    assert df["value_to"].iloc[-1] == pytest.approx(65052 / 28868)
    # The implied 2018 ratio is kept to six decimals (2.305218).
    assert df["years"].iloc[1] == 2 and df["cagr"].iloc[1] == pytest.approx(
        ((2.305218 / 2.38) ** 0.5 - 1) * 100, abs=1e-6
    )


def test_growth_window_keeps_the_stated_row_only_when_it_fits(ds):
    inside = core.growth(ds, "gdp", start=2015, end=2019)
    assert list(inside["kind"]).count("stated") == 1
    assert inside.iloc[-2]["from_year"] == 2015 and inside.iloc[-2]["to_year"] == 2019
    # Without the 2015 level the average of 2016-2019 is computed from 2016, and the note says so.
    later = core.growth(ds, "gdp", start=2016)
    assert list(zip(later["kind"], later["from_year"])) == [
        ("step", 2016),
        ("step", 2017),
        ("step", 2018),
        ("span", 2016),
        ("stated", 2016),
    ]
    assert (
        later["note"]
        .iloc[-1]
        .endswith(
            "real average annual growth 2016-2019 = 6.8% (gdp_growth_avg); "
            "the computed CAGR is nominal, from levels (no 2015 figure: from 2016)"
        )
    )
    assert "stated" not in set(core.growth(ds, "gdp", start=2017)["kind"])
    assert "stated" not in set(core.growth(ds, "gdp", end=2018)["kind"])
    assert list(core.growth(ds, "gdp", start=2018)["from_year"]) == [2018, 2018]


@pytest.mark.parametrize(
    ("kwargs", "error", "message", "hint"),
    [
        ({"start": 2019, "end": 2015}, UsageError, "--from 2019 is after --to 2015.", None),
        ({"start": 1900}, UsageError, "--from 1900 is outside the data, which covers 1978-2020.", None),
        ({"end": 2031}, UsageError, "--to 2031 is outside the data, which covers 1978-2020.", None),
        (
            {"start": 2020},
            NoData,
            "No yearly observations of 'gdp' for region 'guangzhou' in that range.",
            "Years with data: 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019.",
        ),
        (
            {"start": 2020, "region": None},
            NoData,
            "No yearly observations of 'gdp' in that range.",
            "Years with data: 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019.",
        ),
    ],
    ids=["reversed", "early", "late", "region", "everywhere"],
)
def test_growth_errors_say_what_is_valid(ds, kwargs, error, message, hint):
    with pytest.raises(error) as exc:
        core.growth(ds, "gdp", **kwargs)
    assert exc.value.message == message
    assert exc.value.hint == hint


def test_growth_of_an_average_alone_says_where_to_see_its_periods(ds):
    # gdp_growth_avg is stated for 2016-2019 only: no single year to grow from.
    with pytest.raises(NoData) as exc:
        core.growth(ds, "gdp_growth_avg")
    assert exc.value.message == "No yearly observations of 'gdp_growth_avg' for region 'guangzhou' in that range."
    assert exc.value.hint == "Run `gzkit show gdp_growth_avg` to see its periods."
    assert exc.value.render("zh").endswith("。") and "gdp_growth_avg" in exc.value.render("zh")


def test_growth_qualifiers_follow_both_ends(ds):
    # 1919 in 2015, more than 8700 in 2017 and more than 10000 in 2018, 1.2万 in 2019.
    df = core.growth(ds, "high_tech_enterprises")
    assert list(zip(df["from_year"], df["to_year"], df["qualifier"])) == [
        (2015, 2017, ">"),  # up from an exact start to a lower bound: at least this fast
        (2017, 2018, "?"),  # two lower bounds: no bound on the rate
        (2018, 2019, "<"),  # from a lower bound to an exact end: at most this fast
        (2015, 2019, "="),
    ]
    assert df["cagr"].iloc[2] == pytest.approx(20.0) and df["years"].iloc[0] == 2


def test_growth_of_a_share_gives_the_change_only(ds):
    df = core.growth(ds, "infrastructure_investment_share")
    assert list(df["kind"]) == ["step", "span"] and list(df["change"]) == pytest.approx([6.9, 6.9])
    assert df["pct_change"].isna().all() and df["cagr"].isna().all()
    assert list(df["note"]) == ["rates of change not meaningful for this unit; see change"] * 2


def test_growth_skips_an_average_it_has_no_points_for_and_goes_on(ds):
    # A second average rate of GDP, stated before the report's, for years gzkit has no level of.
    obs = ds.observations
    early = obs[obs["indicator"] == "gdp_growth_avg"].head(1).assign(period="2006-2009", year=2009, value=13.0)
    more = ds.replaced(observations=pd.concat([early, obs], ignore_index=True))
    stated_rows = core.growth(more, "gdp").query("kind == 'stated'")
    assert list(zip(stated_rows["from_year"], stated_rows["to_year"], stated_rows["stated_rate"])) == [
        (2015, 2019, 6.8)
    ]
