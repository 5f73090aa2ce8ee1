"""Library results, asserted against numbers read off the report."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from gzkit import core
from gzkit.errors import NoData, NotFound, UsageError


def test_gap_guangzhou_2019_is_the_reported_ratio(ds):
    row = core.gap(ds, year=2019, region="guangzhou").iloc[0]
    assert (row["urban"], row["rural"]) == (65052, 28868)
    assert row["ratio"] == pytest.approx(65052 / 28868)
    assert round(row["ratio"], 4) == 2.2534
    assert row["difference"] == 36184
    assert row["qualifier"] == "="


def test_gap_sets_guangzhou_against_china(ds):
    df = core.gap(ds, year=2019).set_index("region")
    assert round(df.at["china", "ratio"], 2) == 2.64
    assert df.at["china", "ratio"] > df.at["guangzhou", "ratio"]


def test_high_tech_cagr_follows_the_dated_2019_count(ds):
    df = core.compare(ds, 2015, 2019).set_index("indicator")
    row = df.loc["high_tech_enterprises"]
    # 2019年的1.2万家 (§二（一）) is the headline: the only 2019 count the report dates.
    assert row["value_a"] == 1919 and row["value_b"] == 12000 and row["qualifier_b"] == "="
    assert round(row["cagr"], 2) == 58.13
    assert row["cagr"] == pytest.approx(((12000 / 1919) ** 0.25 - 1) * 100, abs=1e-6)
    assert row["qualifier"] == "="
    assert row["better"] == "better"


def test_compare_rates_are_undefined_for_percent_units(ds):
    row = core.compare(ds, 2015, 2019).set_index("indicator").loc["infrastructure_investment_share"]
    assert row["change"] == pytest.approx(6.9)
    assert math.isnan(row["pct_change"]) and math.isnan(row["cagr"])
    assert "not meaningful" in row["note"]


def test_compare_marks_a_vintage_crossing(ds):
    df = core.compare(ds, 2018, 2019)
    row = df.set_index("indicator").loc["gdp"]
    # 2018: the medium-grade copy 2285.9 billion = 22859 heads the low-grade 22859.35.
    assert row["value_a"] == 22859 and row["value_b"] == 23000
    assert "crosses vintages" in row["note"]
    assert any("gdp" in w for w in df.attrs["warnings"])


def test_compare_unknown_domain_suggests(ds):
    with pytest.raises(NotFound) as exc:
        core.compare(ds, 2015, 2019, domain="ecnomy")
    assert "economy" in exc.value.suggestions


def test_compare_year_without_data_names_the_years(ds):
    with pytest.raises(NoData) as exc:
        core.compare(ds, 2017, 2019, domain="culture")
    assert "Years with data" in str(exc.value)


def test_compare_year_outside_the_data(ds):
    with pytest.raises(UsageError):
        core.compare(ds, 1900, 2019)


def test_growth_uses_real_years_between_observations(ds):
    df = core.growth(ds, "high_tech_enterprises")
    span = df[df["kind"] == "span"].iloc[0]
    assert (span["from_year"], span["to_year"], span["years"]) == (2015, 2019, 4)
    assert round(span["cagr"], 2) == 58.13 and span["qualifier"] == "="


def test_growth_of_the_rural_income_series(ds):
    df = core.growth(ds, "disposable_income_rural", region="guangzhou")
    steps = df[df["kind"] == "step"]
    assert list(steps["from_year"]) == [2014, 2015, 2016, 2017, 2018]
    first = steps.iloc[0]
    assert first["pct_change"] == pytest.approx((19323.10 / 17662.80 - 1) * 100, abs=1e-6)
    # 2019 is the report's 28868 (the headline), 2018 the yearbook's: the step crosses vintages.
    assert "crosses vintages" in steps.iloc[-1]["note"]
    span = df[df["kind"] == "span"].iloc[0]
    assert span["cagr"] == pytest.approx(((28868 / 17662.80) ** (1 / 5) - 1) * 100, abs=1e-6)


def test_growth_single_observation_is_undefined_not_nan_silently(ds):
    df = core.growth(ds, "disposable_income_rural", region="china")
    assert len(df) == 1
    assert df["note"].iloc[0] == "undefined: only one observation"
    assert math.isnan(df["cagr"].iloc[0])


def test_growth_range_filters(ds):
    df = core.growth(ds, "disposable_income_rural", region="guangzhou", start=2016, end=2018)
    assert df["from_year"].min() == 2016 and df["to_year"].max() == 2018
    with pytest.raises(UsageError):
        core.growth(ds, "gdp", start=2019, end=2015)


def test_latest_values_of_the_economy(ds):
    df = core.latest(ds, "经济").set_index("indicator")
    assert df.at["gdp", "value"] == 23000 and df.at["gdp", "year"] == 2019
    assert df.at["gdp_per_capita", "qualifier"] == ">"
    assert (df["region"] == "guangzhou").all()


@pytest.mark.parametrize("name", ["economy", "Economy", "经济", "经济发展", "economic"])
def test_domain_names_and_aliases_resolve(ds, name):
    assert core.resolve_domain(ds, name) == "economy"


def test_opening_up_accepts_a_hyphen(ds):
    assert core.resolve_domain(ds, "opening-up") == "opening_up"


def test_search_finds_the_income_indicators(ds):
    ids = set(core.indicators(ds, search="收入")["indicator"])
    assert {"disposable_income_urban", "disposable_income_rural", "disposable_income"} <= ids
    assert set(core.indicators(ds, search="INCOME")["indicator"]) >= {"disposable_income_urban"}


def test_list_years_available(ds):
    row = core.indicators(ds).set_index("indicator").loc["disposable_income_rural"]
    assert row["years"] == "2014 2015 2016 2017 2018 2019"
    assert (row["first_year"], row["last_year"]) == (2014, 2019)


def test_domains_counts_add_up(ds):
    df = core.domains(ds)
    assert df["indicators"].sum() == len(ds.indicators)
    assert df["observations"].sum() == len(ds.observations)


def test_sources_show_every_statement(ds):
    df = core.sources(ds, "village_community_cultural_service_centres")
    assert sorted(df["value"]) == [2702, 2716]
    assert df["headline"].sum() == 1


def test_export_has_the_documented_columns(ds):
    df = core.export(ds)
    assert list(df.columns[:12]) == [
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
    ]
    assert {"source", "evidence"} <= set(df.columns)
    assert len(df) == len(ds.observations)


def test_unknown_indicator_suggests(ds):
    with pytest.raises(NotFound) as exc:
        core.resolve_indicator(ds, "gpd")
    assert exc.value.suggestions[0] == "gdp"
    assert "gzkit list" in str(exc.value)


def test_frames_are_plain_pandas(ds):
    assert isinstance(core.compare(ds, 2015, 2019), pd.DataFrame)


def test_latest_counts_the_statements_behind_each_value(ds):
    df = core.latest(ds, "culture").set_index("indicator")
    assert df.at["village_community_cultural_service_centres", "value"] == 2702
    assert df.at["village_community_cultural_service_centres", "statements"] == 2  # 2702 and 2716
    assert df.at["museums", "statements"] == 1
    innovation = core.latest(ds, "innovation").set_index("indicator")
    assert innovation.at["high_tech_enterprises", "statements"] == 3  # >1.2万, 1.2万, >1万


# --------------------------------------------------------------------------- progress

#: Words by which the report presents a plan, standard, requirement or goal.
TARGET_WORDS = ("目标", "任务", "计划", "标准", "要求")


def test_no_report_target_in_progress_is_an_outcome_statement(ds):
    df = core.progress(ds)
    targets = ds.targets.set_index("id").loc[df["target_id"]]
    # Each target's own sentence names it as a target; "连续低于2.5%" or "通达率均达到100%" would not.
    for target_id, evidence in zip(targets.index, targets["evidence"]):
        assert any(word in evidence for word in TARGET_WORDS), (target_id, evidence)
    assert not df["indicator"].isin(["unemployment_rate_registered", "cable_tv_township_access_rate"]).any()
    assert len(df) == 7


def test_targets_stated_as_reached_get_no_computed_completion(ds):
    df = core.progress(ds).set_index("target_id")
    stated = df[df["status"] == "reached (stated)"]
    assert sorted(stated.index) == [
        "report_library_per_80k",
        "report_livestock_manure_utilisation",
        "report_pm25_grade_ii",
        "report_preschool_enrolment",
        "report_primary_enrolment",
        "report_secondary_enrolment",
    ]
    assert stated["completion_pct"].isna().all() and (stated["qualifier"] == "").all()
    # The report's own figure stays beside its target; the official 2015 PM2.5 of 39 does not.
    assert stated.at["report_livestock_manure_utilisation", "value"] == 88.41
    assert math.isnan(stated.at["report_pm25_grade_ii", "value"])
    assert "39 µg/m³ of 2015" in stated.at["report_pm25_grade_ii", "note"]
    toilets = df.loc["report_public_toilets"]
    assert toilets["status"] == "achieved" and toilets["completion_pct"] == 163.4
    assert toilets["confidence"] == "report"


def test_progress_in_chinese_names_the_status(invoke, ds):
    result = invoke("--lang", "zh", "progress", "-f", "markdown")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("已达到（报告所述）") == 6 and "已实现" in result.stdout
    csv = invoke("progress", "-f", "csv")
    assert csv.stdout.count("reached (stated)") == 6
