"""Each comparison of the audit either way: the figures that make it hold, the ones that make it fail, and the
shared arithmetic that says which."""

from __future__ import annotations

import dataclasses
import math

import pytest

from gzkit import audit
from gzkit.audit.arithmetic import can_all_hold, common_range, observation, verdict


@pytest.fixture(scope="module")
def checks(ds):
    return audit.audit(ds).set_index("check")


def _audited(ds, indicator, value, period="2019", source=None):
    """The audit of the bundled data with one statement changed (the headline, or the one from ``source``)."""
    obs = ds.observations.copy()
    hit = (obs["indicator"] == indicator) & (obs["period"] == period) & (obs["region"] == "guangzhou")
    hit &= obs["source"].str.contains(source, regex=False) if source else obs["headline"]
    assert hit.sum() == 1, (indicator, period, source)
    obs.loc[hit, "value"] = value
    return audit.audit(dataclasses.replace(ds, observations=obs)).set_index("check")


def test_a_verdict_gives_the_status_with_the_note_that_explains_it():
    assert verdict(True, "6.8% - 6.5% = 0.3", "not the difference") == ("consistent", "6.8% - 6.5% = 0.3")
    assert verdict(False, "6.8% - 6.5% = 0.3", "not the difference") == ("inconsistent", "not the difference")


def test_the_three_statements_of_the_high_tech_count_meet_between_12000_and_12500(ds):
    headline, rounded, loose = (
        observation(ds, "high_tech_enterprises", "2019", source=s) for s in ("§一", "§二（一）", "§三（四）")
    )
    # >12000 (突破1.2万家), 1.2万 worded as exact (11500-12500), >10000 (超过1万家).
    assert common_range(headline, rounded, loose) == (12000, 12500)
    assert common_range(rounded) == (11500, 12500)
    assert can_all_hold(headline, rounded, loose)


def test_433_and_1566_library_points_cannot_both_hold(ds):
    first = observation(ds, "library_lending_network_points", "2019", source="§一")
    lending = observation(ds, "library_lending_network_points", "2019", source="§二（五）")
    points = observation(ds, "public_library_service_points", "2019")
    # Empty: the lowest number 1566 allows is above the highest 433 allows.
    assert common_range(first, points) == (1565.5, 433.5)
    assert not can_all_hold(first, points)
    assert can_all_hold(first, lending)


def test_library_points_say_which_count_433_is(checks):
    row = checks.loc["library_points_433_vs_1566"]
    assert (row["expected"], row["stated"], row["difference"], row["tolerance"]) == (1566, 433, -1133, 1.0)
    assert row["note"] == (
        "§一 calls 433 公共图书馆（网点） (public library points) while §二（五） counts 1566 公共图书馆服务网点; "
        "433 is also the number of 通借通还服务网点 (unified-lending points) in §二（五）, so gzkit files the §一 "
        "figure under the lending network"
    )


def test_library_points_that_agree_need_no_explanation(ds):
    row = _audited(ds, "public_library_service_points", 433.0).loc["library_points_433_vs_1566"]
    assert row["status"] == "consistent" and row["difference"] == 0
    assert row["note"].endswith("counts 433 公共图书馆服务网点")


def test_the_library_network_nests_246_in_433_in_1566(checks, ds):
    row = checks.loc["library_network_parts_within_wholes"]
    assert row["status"] == "consistent" and (row["expected"], row["stated"]) == (1566, 433)
    assert row["note"].startswith("branch libraries (246) <= unified-lending points (433) <= all service points (1566)")
    more_branches = _audited(ds, "lending_network_branch_libraries", 500.0).loc["library_network_parts_within_wholes"]
    assert more_branches["status"] == "inconsistent" and more_branches["note"] == "a part exceeds its whole"
    assert more_branches["note"].render("zh") == "部分超过了整体"


def test_the_agricultural_parks_income_gain_must_fit_in_their_output(checks, ds):
    row = checks.loc["agri_parks_income_gain_within_output"]
    # 2.63万 households x about 1.2万 yuan = 3.156亿元, 12% of 27.1亿元.
    assert row["status"] == "consistent" and row["expected"] == pytest.approx(3.156) and row["stated"] == 27.1
    assert "= about 3.16亿元 of extra income, 12% of the parks'" in row["note"]
    small = _audited(ds, "agri_parks_leading_industry_output", 3.1).loc["agri_parks_income_gain_within_output"]
    assert small["status"] == "inconsistent" and small["stated"] == 3.1
    assert small["note"] == "the households' total income gain exceeds the parks' output"


def test_100_toilets_built_fit_no_whole_plan_at_163_4_percent(ds):
    # 100 / 61 = 163.93% and 100 / 62 = 161.29%: neither rounds to 163.4%.
    row = _audited(ds, "public_toilets_built", 100.0).loc["toilet_completion_vs_whole_target"]
    assert row["status"] == "inconsistent" and math.isnan(row["expected"]) and row["stated"] == 163.4
    assert row["note"] == "no whole number of planned toilets gives the stated completion rate"
    assert row["note"].render("zh") == "没有任何整数计划数能得出报告所述的完成率"
    assert row["tolerance"] == 0.05


def test_2018_trade_of_9000_leaves_no_room_to_reach_1_wanyi(checks, ds):
    bundled = checks.loc["cross_border_ecommerce_share_of_trade_growth"]
    assert bundled["status"] == "consistent" and round(bundled["expected"]) == 10009
    row = _audited(ds, "trade_total", 9000.0, period="2018").loc["cross_border_ecommerce_share_of_trade_growth"]
    # The same increment of about 139.2 over 70% on 9000 instead of 9810.2: about 9199, below 10000.
    assert row["status"] == "inconsistent" and row["expected"] == pytest.approx(bundled["expected"] - 810.2)
    assert round(row["expected"]) == 9199
    assert row["note"] == "trade growth would be too small for 2019 trade to reach 1万亿"


def test_a_share_above_100_percent_is_named(ds):
    df = _audited(ds, "cultural_industry_gdp_share", 101.0, period="2018")
    row = df.loc["shares_between_0_and_100"]
    assert row["status"] == "inconsistent" and row["stated"] == 101
    assert row["note"] == "shares outside 0-100%: cultural_industry_gdp_share"


def test_notes_write_a_figure_with_every_digit_it_has(ds):
    from gzkit.audit.arithmetic import reading

    # A range of seven significant digits: %g would print 2.34568e+06-2.34568e+06.
    row = observation(ds, "disposable_income_urban", "2019").copy()
    row["value"] = 2345678.0
    assert reading(row) == "states =2345678, worded as exact: a rounded figure (2345677.5-2345678.5)"
    # The toilet note: 1234567 built, the plan that the stated rate implies.
    checks = _audited(ds, "public_toilets_built", 1234567)
    note = checks.loc["toilet_completion_vs_whole_target", "note"]
    assert "1234567 / " in note and "e+06" not in note
