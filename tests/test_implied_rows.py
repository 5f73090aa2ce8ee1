"""Implied values, column by column: each field of a row the report's figures imply, and the filters."""

from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest

from gzkit import derived
from gzkit.i18n import Text

YEARBOOK_RURAL = (
    "广州统计年鉴2022 表8-8 主要年份农村居民人均可支配收入、恩格尔系数及人均住房建筑面积 "
    "(tjj.gz.gov.cn/datav/admin/home/www_nj/2022/directory/08/html/08-08.htm)"
)


@pytest.fixture()
def ranged(ds):
    return derived.implied_values(ds, ranges=True).set_index(["indicator", "region", "period"])


def test_imports_of_2018_every_field(ranged):
    row = ranged.loc[("imports", "guangzhou", "2018")].to_dict()
    assert row == {
        "domain": "opening_up",
        "name_en": "Imports",
        "name_zh": "进口总量",
        "unit": "100m_yuan",
        "year": 2018,
        "value": pytest.approx(4737.8 / 1.127, abs=1e-6),
        "qualifier": "~",
        "decimals": 0,
        "year_inferred": False,
        "source": "derived from report §一 ¶对外开放深入推进",
        "vintage": "derived",
        "confidence": "report",
        "evidence": "",
        "headline": False,
        "note": "the inputs' published rounding puts it between 4202.0 and 4205.8",
        "rounding": "",
        "evidence_words": "",
        "derivation": "imports 2019 / (1 + imports_growth 2019 / 100) = 4737.8 / 1.127 = 4203.9",
        "low": pytest.approx(4737.75 / 1.1275, abs=1e-6),
        "high": pytest.approx(4737.85 / 1.1265, abs=1e-6),
        "release": "report 2020-08",
    }
    assert isinstance(row["source"], Text) and isinstance(row["note"], Text)


def test_column_types_of_the_implied_values(ds):
    imp = derived.implied_values(ds, ranges=True)
    assert list(imp.columns)[-4:] == ["derivation", "low", "high", "release"]
    kinds = {c: str(imp[c].dtype) for c in ("year", "decimals", "value", "low", "high", "year_inferred", "headline")}
    assert kinds == {
        "year": "int64",
        "decimals": "int64",
        "value": "float64",
        "low": "float64",
        "high": "float64",
        "year_inferred": "bool",
        "headline": "bool",
    }
    assert (imp["source"].dtype, imp["note"].dtype) == (object, object)
    assert list(imp.index) == list(range(len(imp)))
    assert "low" not in derived.implied_values(ds).columns


def test_a_ratio_of_two_incomes(ranged):
    china = ranged.loc[("income_ratio_urban_rural", "china", "2019")]
    assert (china["value"], china["qualifier"], china["decimals"], china["confidence"]) == (2.643967, "=", 4, "high")
    assert (
        china["derivation"] == "disposable_income_urban 2019 / disposable_income_rural 2019 = 42359 / 16021 = 2.64397"
    )
    assert (china["low"], china["high"]) == (
        pytest.approx(42358.5 / 16021.5, abs=1e-6),
        pytest.approx(42359.5 / 16020.5, abs=1e-6),
    )
    assert china["release"] == "NBS release"
    assert china["source"] == "derived from 国家统计局 2019年居民收入和消费支出情况 (2020-01-17)"
    # 26020.1 has one decimal more than 59982: the range is narrower and the ratio keeps five decimals.
    guangzhou = ranged.loc[("income_ratio_urban_rural", "guangzhou", "2018")]
    assert (guangzhou["decimals"], guangzhou["confidence"]) == (5, "medium")
    assert guangzhou["release"] == "NBS Guangzhou survey team (final annual) + yearbook 2022"
    assert guangzhou["note"].endswith(
        "gzkit gap computes it too; crosses vintages: NBS Guangzhou survey team (final annual) vs yearbook 2022"
    )


def test_urban_income_from_an_official_ratio_joins_both_sources(ranged):
    row = ranged.loc[("disposable_income_urban", "guangzhou", "2015")]
    assert row["value"] == pytest.approx(19323.10 * 2.42) and row["decimals"] == -2
    assert row["source"].startswith(f"derived from {YEARBOOK_RURAL}; repost of a 国家统计局广州调查队 analysis")
    assert row["release"] == "yearbook 2022 + NBS Guangzhou survey team analysis (2021)"
    assert row["note"].startswith("the inputs' published rounding puts it between 46665 and 46859; urban income from")
    assert (row["confidence"], row["qualifier"]) == ("medium", "~")


def test_a_rule_for_an_indicator_gzkit_lacks_is_described_by_the_rule(ranged):
    row = ranged.loc[("strategic_emerging_industries_value_added", "guangzhou", "2019")]
    assert (row["domain"], row["unit"], row["name_en"]) == (
        "economy",
        "100m_yuan",
        "Strategic emerging industries value added",
    )
    assert row["value"] == pytest.approx(23000 * 0.2425) and row["decimals"] == -2
    assert row["derivation"] == "gdp 2019 * strategic_emerging_industries_share 2019 / 100 = 23000 * 0.2425 = 5578"
    assert row["source"] == "derived from report §一 ¶经济发展动能强劲; report §二（一） ¶大力实施创新驱动战略"
    assert row["note"].endswith(
        "gzkit has no indicator 'strategic_emerging_industries_value_added'; described by the rule"
    )


def test_a_product_of_two_approximate_figures_has_no_range(ranged):
    row = ranged.loc[("agri_parks_total_income_gain", "guangzhou", "2019")]
    assert row["value"] == pytest.approx(2.63 * 1.2) and row["decimals"] == 1
    assert math.isnan(row["low"]) and math.isnan(row["high"])
    assert (
        row["derivation"]
        == "agri_parks_households_driven 2019 * agri_parks_household_income_gain 2019 = 2.63 * 1.2 = 3.16"
    )
    assert row["note"].startswith(
        "10 thousand households times 10 thousand yuan each is 100 million yuan; gzkit has no"
    )


def test_a_year_the_report_does_not_state_stays_inferred(ranged):
    row = ranged.loc[("public_toilet_programme_target", "guangzhou", "2019")]
    assert bool(row["year_inferred"]) and row["decimals"] == 0
    assert row["derivation"].endswith("= 3660 / 1.634 = 2240")


def test_implied_values_narrowed_by_year_indicator_and_region(ds):
    one = derived.implied_values(ds, years=[2019], indicators=["income_ratio_urban_rural"], region="china")
    assert list(zip(one["indicator"], one["region"], one["period"])) == [("income_ratio_urban_rural", "china", "2019")]
    assert list(derived.implied_values(ds, years=[2018], region="guangzhou")["indicator"]) == [
        "imports",
        "cross_border_ecommerce_trade",
        "gdp",
        "income_ratio_urban_rural",
    ]
    stated = pd.DataFrame({"indicator": ["imports"], "region": ["guangzhou"], "year": [2018]})
    assert "imports" not in set(derived.implied_values(ds, stated=stated)["indicator"])
    assert len(derived.implied_values(ds, stated=stated)) == len(derived.implied_values(ds)) - 1


def test_nothing_implied_is_an_empty_frame_of_the_same_columns(ds):
    empty = derived.implied_values(ds, years=[1990])
    assert empty.empty and list(empty.columns) == list(derived.implied_values(ds).columns)
    assert {str(dtype) for dtype in empty.dtypes} == {"object"}
    assert list(derived.implied_values(ds, rules=(), ranges=True).columns)[-3:] == ["low", "high", "release"]


def _with_values(ds, changes):
    """The package with the headline values of some (indicator, region, period) changed."""
    obs = ds.observations.copy()
    for (indicator, region, period), value in changes.items():
        hit = (obs["indicator"] == indicator) & (obs["region"] == region) & (obs["period"] == period) & obs["headline"]
        assert hit.sum() == 1, (indicator, region, period)
        obs.loc[hit, "value"] = value
    return ds.replaced(observations=obs)


def test_a_negative_level_and_a_fall_of_all_of_it_say_why_nothing_is_implied(ds):
    negative = _with_values(ds, {("imports", "guangzhou", "2019"): -5.0})
    row = derived.implied_values(negative).set_index("indicator").loc["imports"]
    assert math.isnan(row["value"]) and row["note"] == "undefined: the level is negative"
    assert row["derivation"] == "imports 2019 / (1 + imports_growth 2019 / 100) = -5 / 1.127 = undefined"
    gone = _with_values(ds, {("imports", "guangzhou", "2019"): 0.0, ("imports_growth", "guangzhou", "2019"): -100.0})
    row = derived.implied_values(gone).set_index("indicator").loc["imports"]
    assert row["note"] == "undefined: a fall of 100% or more leaves no earlier level"


def test_a_rules_note_reads_in_chinese(ranged):
    note = ranged.loc[("gdp", "guangzhou", "2018")]["note"]
    assert note.render("zh") == (
        "按输入数据公布时的舍入，其值在 20991 与 21024 之间；报告计算该占比所用的GDP；"
        "明显低于2018年GDP初步核算数22859.35，见 gzkit audit"
    )


def _with_cells(ds, changes):
    """The package with some cells of headline rows changed: {(indicator, region, period): {column: value}}."""
    obs = ds.observations.copy()
    for (indicator, region, period), cells in changes.items():
        hit = (obs["indicator"] == indicator) & (obs["region"] == region) & (obs["period"] == period) & obs["headline"]
        assert hit.sum() == 1, (indicator, region, period)
        for column, value in cells.items():
            obs.loc[hit, column] = value
    return ds.replaced(observations=obs)


def _implied_row(ds, indicator, region="guangzhou"):
    imp = derived.implied_values(ds, ranges=True)
    (row,) = imp[(imp["indicator"] == indicator) & (imp["region"] == region)].to_dict("records")
    return row


def test_a_level_of_nothing_implies_nothing_the_year_before(ds):
    # Zero is a level, not a negative one: 0 / 1.127 = 0, within the rounding of 0.0 (±0.05 / 1.127).
    row = _implied_row(_with_values(ds, {("imports", "guangzhou", "2019"): 0.0}), "imports")
    assert (row["value"], row["qualifier"], row["decimals"]) == (0.0, "~", 2)
    assert row["derivation"] == "imports 2019 / (1 + imports_growth 2019 / 100) = 0 / 1.127 = 0.0"
    assert (row["low"], row["high"]) == (-0.044346, 0.044385)
    assert row["note"] == "the inputs' published rounding puts it between -0.044 and 0.044"


def test_a_result_too_large_to_represent_is_empty_with_a_reason_and_no_warning(ds):
    # The report's cultural value added (1369.69亿元) against a share of 1e-10%: the whole overflows a float.
    huge = _with_values(
        ds,
        {
            ("cultural_industry_value_added", "guangzhou", "2018"): 1e300,
            ("cultural_industry_gdp_share", "guangzhou", "2018"): 1e-10,
        },
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy RuntimeWarning fails here
        row = _implied_row(huge, "gdp")
    assert math.isnan(row["value"]) and row["qualifier"] == ""
    assert row["note"].startswith("undefined: the result is not a finite number; the GDP the report's share")
    assert row["note"].render("zh").startswith("无法计算：结果不是有限数值；")


def test_a_rate_whose_year_is_inferred_makes_the_implied_year_inferred(ds):
    # Only the growth rate's year is inferred here; the level's is stated.
    row = _implied_row(_with_cells(ds, {("imports_growth", "guangzhou", "2019"): {"year_inferred": True}}), "imports")
    assert row["year_inferred"] is True and row["year"] == 2018


def test_a_truncated_rate_reaches_a_whole_unit_up(ds):
    # 12.7% with its digits cut off stands for 12.7 to 12.8: 4737.75 / 1.128 to 4737.85 / 1.127.
    changed = _with_cells(ds, {("imports_growth", "guangzhou", "2019"): {"rounding": "truncated"}})
    row = _implied_row(changed, "imports")
    assert (row["low"], row["high"]) == (round(4737.75 / 1.128, 6), round(4737.85 / 1.127, 6))
    assert row["note"] == "the inputs' published rounding puts it between 4200.1 and 4203.9"


def test_a_lower_bound_on_the_urban_income_is_a_lower_bound_on_the_ratio(ds):
    # "不低于42359元" (>=) over an exact 16021: the ratio is at least 2.643967, and a bound has no rounding range.
    changed = _with_cells(ds, {("disposable_income_urban", "china", "2019"): {"qualifier": ">="}})
    row = _implied_row(changed, "income_ratio_urban_rural", region="china")
    assert (row["value"], row["qualifier"]) == (2.643967, ">=")
    assert math.isnan(row["low"]) and math.isnan(row["high"])


def test_a_rate_that_is_not_a_number_leaves_the_formula_in_words(ds):
    # The loader refuses such a value; a Dataset built by hand can still hold one.
    row = _implied_row(_with_values(ds, {("imports_growth", "guangzhou", "2019"): math.nan}), "imports")
    assert math.isnan(row["value"]) and row["qualifier"] == ""
    assert row["derivation"] == "imports = imports 2019 / (1 + imports_growth 2019 / 100): undefined"


def test_a_share_whose_rounding_reaches_zero_has_no_range_and_no_warning(ds):
    # A share of 0.005% (two decimals) may be anything from 0 to 0.01%: the whole it implies has no upper end.
    changed = _with_cells(ds, {("cultural_industry_gdp_share", "guangzhou", "2018"): {"value": 0.005}})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy RuntimeWarning (division by zero) fails here
        row = _implied_row(changed, "gdp")
    assert (row["value"], row["qualifier"]) == (1369.69 / 0.00005, "~")
    assert math.isnan(row["low"]) and math.isnan(row["high"])
    assert "between" not in row["note"]
