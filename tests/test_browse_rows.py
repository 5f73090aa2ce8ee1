"""Browsing, column by column: domains, regions, indicators, latest values, statements and their sources."""

from __future__ import annotations

import pandas as pd
import pytest

from gzkit import core
from gzkit.i18n import Text


def test_domains_with_their_counts(ds):
    df = core.domains(ds)
    assert list(df.columns) == ["domain", "name_en", "name_zh", "indicators", "observations"]
    assert list(df["domain"])[:3] == ["economy", "innovation", "opening_up"]
    economy = df.iloc[0].to_dict()
    assert economy == {
        "domain": "economy",
        "name_en": "Economy",
        "name_zh": "经济发展",
        "indicators": 24,
        "observations": 57,
    }
    assert (str(df["indicators"].dtype), str(df["observations"].dtype)) == ("int64", "int64")
    assert list(df.index) == list(range(len(df)))
    assert set(df.attrs["units"]) == set(ds.units["id"]) and "columns" in df.attrs


def test_a_domain_without_indicators_counts_zero(ds):
    extra = pd.DataFrame([{"id": "sport", "name_en": "Sport", "name_zh": "体育", "aliases": ""}])
    more = ds.replaced(domains=pd.concat([ds.domains, extra.astype(ds.domains.dtypes.to_dict())], ignore_index=True))
    sport = core.domains(more).iloc[-1]
    assert (sport["domain"], sport["indicators"], sport["observations"]) == ("sport", 0, 0)


def test_regions_with_their_counts(ds):
    df = core.regions(ds)
    assert list(df.columns) == ["region", "name_en", "name_zh", "observations"]
    assert df.to_dict("records") == [
        {"region": "guangzhou", "name_en": "Guangzhou", "name_zh": "广州", "observations": 265},
        {"region": "guangdong", "name_en": "Guangdong", "name_zh": "广东", "observations": 1},
        {"region": "china", "name_en": "China", "name_zh": "全国", "observations": 9},
    ]
    assert str(df["observations"].dtype) == "int64" and list(df.index) == [0, 1, 2]
    assert set(df.attrs["units"]) == set(ds.units["id"])
    alone = ds.replaced(observations=ds.observations[ds.observations["region"] != "guangdong"])
    assert list(core.regions(alone)["observations"]) == [265, 0, 9]


def test_indicators_of_a_domain_with_their_years(ds):
    df = core.indicators(ds, domain="文化建设")
    assert list(df.columns) == [
        "indicator",
        "domain",
        "name_en",
        "name_zh",
        "unit",
        "polarity",
        "scale",
        "first_year",
        "last_year",
        "years",
        "observations",
        "description",
        "description_zh",
    ]
    assert len(df) == 24 and set(df["domain"]) == {"culture"}
    visits = df.set_index("indicator").loc["library_visits"]
    bundled = ds.indicators.set_index("id").loc["library_visits"]
    assert (visits["scale"], visits["description"], visits["description_zh"]) == (
        "total",
        bundled["description"],
        bundled["description_zh"],
    )
    assert visits["description_zh"].startswith("全年") and visits["description"]
    assert (visits["first_year"], visits["last_year"], visits["years"], visits["observations"]) == (
        2018,
        2019,
        "2018 2019",
        2,
    )
    assert (str(df["first_year"].dtype), str(df["last_year"].dtype), str(df["observations"].dtype)) == (
        "Int64",
        "Int64",
        "int64",
    )
    assert list(df.index) == list(range(24))
    assert (df.attrs["prefix_terms"], df.attrs["partial"]) == ([], False)
    assert set(df.attrs["units"]) == set(ds.units["id"])


def test_an_indicator_without_observations_has_no_years(ds):
    quiet = ds.replaced(observations=ds.observations[ds.observations["indicator"] != "museums"])
    row = core.indicators(quiet, domain="culture").set_index("indicator").loc["museums"]
    assert (row["years"], row["observations"]) == ("", 0)
    assert row["first_year"] is pd.NA and row["last_year"] is pd.NA


def test_indicators_search_ranks_and_says_how_it_matched(ds):
    hosp = core.indicators(ds, search="hosp")
    assert list(hosp["indicator"]) == ["hospital_beds", "medical_institutions"]
    assert list(hosp["match"]) == ["id_or_name", "keywords"]
    assert hosp.columns[-1] == "match" and hosp.columns[-2] == "description_zh"
    assert (hosp.attrs["prefix_terms"], hosp.attrs["partial"]) == (["hosp"], False)
    partial = core.indicators(ds, search="income zzzz")
    assert partial.attrs["partial"] is True and partial.attrs["prefix_terms"] == []
    assert list(partial["match"])[:1] == ["id_or_name"] and list(partial["match"])[-1] == "description"
    # A blank search filters nothing and adds no match column.
    blank = core.indicators(ds, search="  ")
    assert len(blank) == len(ds.indicators) and "match" not in blank.columns


def test_headline_filters(ds):
    two = core.headline(ds, years=[2019], indicators=["gdp", "disposable_income_urban"], region="guangzhou")
    assert list(two["indicator"]) == ["gdp", "disposable_income_urban"]
    assert list(two["value"]) == [23000, 65052]
    averages = core.headline(ds, single_year=False, indicators=["gdp_growth_avg"])
    assert list(zip(averages["region"], averages["period"], averages["value"])) == [
        ("guangzhou", "2016-2019", 6.8),
        ("china", "2016-2019", 6.5),
    ]
    assert core.headline(ds, indicators=["gdp_growth_avg"]).empty
    assert core.headline(ds).loc[:, "headline"].all()


def test_latest_in_every_region_keeps_the_domain_order(ds):
    df = core.latest(ds, "innovation", region=None)
    assert list(df.columns) == [
        "indicator",
        "name_en",
        "name_zh",
        "region",
        "period",
        "year",
        "qualifier",
        "value",
        "decimals",
        "unit",
        "year_inferred",
        "statements",
        "source",
        "confidence",
    ]
    order = list(ds.indicators.loc[ds.indicators["domain"] == "innovation", "id"])
    assert list(df["indicator"]) == [i for i in order if i in set(df["indicator"])]
    tech = df.iloc[0].to_dict()
    assert tech == {
        "indicator": "high_tech_enterprises",
        "name_en": "High-tech enterprises",
        "name_zh": "高新技术企业",
        "region": "guangzhou",
        "period": "2019",
        "year": 2019,
        "qualifier": "=",
        "value": 12000,
        "decimals": -3,
        "unit": "count",
        "year_inferred": False,
        "statements": 3,
        "source": "report §二（一） ¶大力实施创新驱动战略",
        "confidence": "report",
    }
    assert list(df.index) == list(range(len(df)))
    assert set(df.attrs["units"]) == set(ds.units["id"])


def test_latest_prefers_a_single_year_to_a_span_ending_the_same_year(ds):
    df = core.latest(ds, "economy", region=None).set_index(["indicator", "region"])
    assert df.at[("gdp_growth_avg", "guangzhou"), "period"] == "2016-2019"
    assert df.at[("gdp", "china"), "value"] == 990865
    assert df.loc[("gdp", "guangzhou"), "period"] == "2019"


OBSERVATION_ORDER = [
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


def test_observations_in_time_order_with_provenance(ds):
    df = core.observations(ds, "gdp", region=None)
    assert list(df.columns) == OBSERVATION_ORDER
    assert list(df["region"]) == ["china"] + ["guangzhou"] * 17
    assert df["year"].iloc[1:].is_monotonic_increasing
    assert int(df["headline"].sum()) == 11 and not df["implied"].any() and (df["derivation"] == "").all()
    assert df.attrs["columns"]["implied"].role == "flag"
    assert set(df.attrs["units"]) == set(ds.units["id"])
    assert list(core.observations(ds, "gdp", region="china")["value"]) == [990865]


def test_observations_with_the_values_the_report_implies(ds):
    df = core.observations(ds, "imports", derived=True)
    assert list(zip(df["period"], df["implied"])) == [("2017", False), ("2018", False), ("2018", True), ("2019", False)]
    implied = df.iloc[2]
    assert implied["value"] == pytest.approx(4737.8 / 1.127, abs=1e-5)
    assert (implied["qualifier"], implied["headline"], implied["evidence_words"]) == ("~", False, "")
    assert implied["derivation"] == "imports 2019 / (1 + imports_growth 2019 / 100) = 4737.8 / 1.127 = 4203.9"
    assert implied["source"] == "derived from report §一 ¶对外开放深入推进"
    assert implied["note"] == "the inputs' published rounding puts it between 4202.0 and 4205.8"
    # gzkit's own words stay Text, so that a Chinese reader reads them in Chinese.
    assert isinstance(implied["note"], Text) and isinstance(implied["source"], Text)
    assert (df["note"].dtype, df["source"].dtype, df["derivation"].dtype) == (object, object, object)
    assert (str(df["decimals"].dtype), str(df["year"].dtype), str(df["implied"].dtype)) == ("int64", "int64", "bool")
    # An implied value is listed after the statements of its period; where the report implies none, nothing is added.
    assert len(core.observations(ds, "gdp", derived=True)) == len(core.observations(ds, "gdp")) + 1
    assert len(core.observations(ds, "museums", derived=True)) == len(core.observations(ds, "museums")) == 1


def test_sources_of_every_statement(ds):
    df = core.sources(ds, "high_tech_enterprises")
    assert list(df.columns) == [
        "indicator",
        "region",
        "period",
        "value",
        "qualifier",
        "source",
        "vintage",
        "confidence",
        "evidence",
        "evidence_words",
        "headline",
        "note",
    ]
    assert list(zip(df["period"], df["value"], df["qualifier"], df["headline"])) == [
        ("2015", 1919, "=", True),
        ("2017", 8700, ">", True),
        ("2018", 10000, ">", True),
        ("2019", 12000, ">", False),
        ("2019", 12000, "=", True),
        ("2019", 10000, ">", False),
    ]
    assert df.iloc[4]["evidence"] == "全市高新技术企业数量从2015年的1919家增加至2019年的1.2万家"
    assert df.attrs["columns"]["headline"].role == "flag"
    assert set(df.attrs["units"]) == set(ds.units["id"])


def test_indicator_info_by_id_or_name(ds):
    info = core.indicator_info(ds, "地区生产总值（GDP）")
    assert (info["id"], info["domain"], info["unit"], info["polarity"]) == (
        "gdp",
        "economy",
        "100m_yuan",
        "higher_better",
    )
    assert info["name_en"] == "GDP" and info["description"].startswith("Gross domestic (regional) product")


def test_latest_takes_the_single_year_over_a_span_ending_that_year(ds):
    # A span 2015-2019 stated after the 2019 GDP: at equal years the single year is the latest value.
    obs = ds.observations
    gdp_2019 = obs[(obs["indicator"] == "gdp") & (obs["region"] == "guangzhou") & (obs["period"] == "2019")]
    span = gdp_2019[gdp_2019["headline"]].assign(period="2015-2019", value=98000.0)
    more = ds.replaced(observations=pd.concat([obs, span], ignore_index=True))
    gdp = core.latest(more, "economy").set_index("indicator").loc["gdp"]
    assert (gdp["period"], gdp["value"]) == ("2019", 23000)


def test_observations_list_an_implied_value_of_a_span_of_years(tmp_path):
    import gzkit
    from packages import package

    rows = [
        {"indicator": "disposable_income_urban", "region": "guangzhou", "period": "2016-2019", "value": "240000"},
        {"indicator": "disposable_income_rural", "region": "guangzhou", "period": "2016-2019", "value": "100000"},
    ]
    df = core.observations(gzkit.load(package(tmp_path, rows)), "income_ratio_urban_rural", derived=True)
    span = df[df["period"] == "2016-2019"]
    assert list(span["implied"]) == [True] and list(span["value"]) == [2.4]
