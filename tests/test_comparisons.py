"""Implied values and stated rates in compare, growth and show; versus; shaped exports; chart panels."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest

import gzkit
from gzkit import charts, core, exports, provenance, versus
from packages import with_ratios


def _csv(result) -> pd.DataFrame:
    assert result.exit_code == 0, result.output
    return pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)


# --------------------------------------------------------------------------- compare


def test_compare_2018_2019_has_imports_implied_beside_the_stated_rate(ds):
    # The bundled data states 2018 imports (official, 4202.6); from the report alone they are implied.
    official = core.compare(ds, 2018, 2019).set_index("indicator").loc["imports"]
    assert (official["value_a"], official["confidence"], official["implied"]) == (4202.6, "medium", "")
    assert official["stated_rate"] == 12.7 and official["pct_change"] == pytest.approx((4737.8 / 4202.6 - 1) * 100)
    df = core.compare(provenance.restrict(ds, report_only=True), 2018, 2019).set_index("indicator")
    imports = df.loc["imports"]
    assert round(imports["value_a"], 1) == 4203.9  # 4737.8 / 1.127
    assert imports["value_a"] == pytest.approx(4737.8 / 1.127, abs=1e-5)
    assert imports["qualifier_a"] == "~" and imports["implied"] == "2018"
    assert "4737.8 / 1.127" in imports["derivation"]
    assert imports["stated_rate"] == 12.7
    # They agree by construction.
    assert imports["pct_change"] == pytest.approx(12.7)
    assert imports["confidence"] == "report"
    assert df.loc["cross_border_ecommerce_trade", "stated_rate"] == 56.4


def test_compare_counts_on_the_bundled_data(ds):
    # Counted on this data, official series included (see the README).
    assert set(core.compare(ds, 2015, 2019)["indicator"]) == {
        "high_tech_enterprises",
        "infrastructure_investment_share",
        "disposable_income_rural",
        "life_expectancy",
        "gdp",
        "income_ratio_urban_rural",
        "disposable_income_urban",
    }
    assert set(core.compare(ds, 2018, 2019)["indicator"]) == {
        "disposable_income_rural",
        "gdp",
        "gdp_per_capita",
        "resident_population",
        "disposable_income_urban",
        "imports",
        "high_tech_enterprises",
        "library_visits",
        "library_loans",
        "park_green_area_per_capita",
        "cross_border_ecommerce_trade",
        "income_ratio_urban_rural",
    }
    assert len(core.compare(ds, 2018, 2019, derived=False)) == 10


def test_compare_2015_2019_gains_urban_income_from_the_official_ratio(tmp_path):
    ds = gzkit.load(with_ratios(tmp_path))
    df = core.compare(ds, 2015, 2019).set_index("indicator")
    # The official 2015 ratio beside the one the report's 2019 incomes imply (65052 / 28868).
    ratio = df.loc["income_ratio_urban_rural"]
    assert (ratio["value_a"], ratio["implied"]) == (2.42, "2019")
    assert ratio["value_b"] == pytest.approx(65052 / 28868) and ratio["better"] == "better"
    assert len(df) == 7  # with the bundled official 2015 GDP
    row = df.loc["disposable_income_urban"]
    assert row["value_a"] == pytest.approx(19323.10 * 2.42)  # 46761.9
    assert row["value_b"] == 65052 and row["implied"] == "2015"
    assert row["qualifier"] == "~"


def test_urban_income_implied_by_the_ratios_agrees_with_the_2018_official_figure(tmp_path):
    ds = gzkit.load(with_ratios(tmp_path))
    steps = core.growth(ds, "disposable_income_urban", region="guangzhou")
    steps = steps[steps["kind"] == "step"].set_index(["from_year", "to_year"])
    assert steps.loc[(2015, 2016), "value_from"] == pytest.approx(46761.902)
    assert steps.loc[(2016, 2018), "value_from"] == pytest.approx(21448.60 * 2.38)
    assert steps.loc[(2016, 2018), "value_to"] == 59982
    # 51047.7 -> 59982 is 8.40% a year, beside 8.45% from 59982 to the report's 65052: the implied
    # 2016 level sits where the official 2018 figure says the series runs.
    assert steps.loc[(2016, 2018), "cagr"] == pytest.approx(8.40, abs=0.01)
    assert steps.loc[(2018, 2019), "cagr"] == pytest.approx((65052 / 59982 - 1) * 100)
    assert abs(steps.loc[(2016, 2018), "cagr"] - steps.loc[(2018, 2019), "cagr"]) < 0.1


def test_growth_gdp_sets_the_stated_average_beside_the_computed_cagr(ds):
    df = core.growth(ds, "gdp", region="guangzhou")
    stated = df[df["kind"] == "stated"].iloc[0]
    assert stated["stated_rate"] == 6.8
    # From the official 2015 level (the base year of growth "since 2016") to 2019 (post-census), nominal.
    assert (stated["from_year"], stated["to_year"]) == (2015, 2019)
    assert stated["cagr"] == pytest.approx(((23000 / 18100.41) ** (1 / 4) - 1) * 100)
    assert "real" in stated["note"] and "crosses vintages" in stated["note"]


def test_growth_stated_row_starts_in_the_base_year_when_it_has_a_level(tmp_path):
    from packages import package

    row = {"indicator": "gdp", "region": "guangzhou", "period": "2015", "value": "18100.41", "confidence": "low"}
    ds = gzkit.load(package(tmp_path, [row]))
    stated = core.growth(ds, "gdp", region="guangzhou").query("kind == 'stated'").iloc[0]
    assert (stated["from_year"], stated["years"]) == (2015, 4)
    assert stated["cagr"] == pytest.approx(((23000 / 18100.41) ** 0.25 - 1) * 100)
    assert stated["confidence"] == "low"


def test_show_indicator_lists_implied_values(invoke, ds):
    df = core.observations(ds, "imports", derived=True, region="guangzhou")
    # 2017 and 2018 official, the 2018 value the report implies beside the official one, then 2019.
    assert list(df["implied"]) == [False, False, True, False]
    assert round(df["value"].iloc[2], 1) == 4203.9 and not df["headline"].iloc[2]
    got = _csv(invoke("show", "imports", "-f", "csv"))
    assert list(got["value"].round(1)) == [3923, 4202.6, 4203.9, 4737.8]
    assert len(_csv(invoke("show", "imports", "--no-derived", "-f", "csv"))) == 3


def test_cli_growth_equals_the_library(invoke, ds):
    got = _csv(invoke("growth", "gdp", "-r", "guangzhou", "-f", "csv"))
    expected = core.growth(ds, "gdp", region="guangzhou")
    assert list(got["kind"]) == list(expected["kind"])
    assert list(got["stated_rate"].replace("", math.nan).astype(float).fillna(-1)) == list(
        expected["stated_rate"].fillna(-1)
    )


# --------------------------------------------------------------------------- versus


def test_versus_china_2019(ds):
    df = versus.versus(ds, "china", year=2019).set_index("indicator")
    assert len(df) >= 6
    # The ratios the report's and NBS's incomes imply, side by side (lower is better).
    ratio = df.loc["income_ratio_urban_rural"]
    assert ratio["value_a"] == pytest.approx(65052 / 28868) and ratio["better"] == "guangzhou"
    urban = df.loc["disposable_income_urban"]
    assert urban["ratio"] == pytest.approx(65052 / 42359)
    assert urban["difference"] == 65052 - 42359 and urban["better"] == "guangzhou"
    per_capita = df.loc["gdp_per_capita"]
    assert per_capita["qualifier_a"] == ">" and per_capita["qualifier"] == ">"
    assert per_capita["ratio"] == pytest.approx(150000 / 70892)
    growth = df.loc["gdp_growth_avg"]
    assert math.isnan(growth["ratio"]) and growth["difference"] == pytest.approx(0.3)
    assert df.loc["life_expectancy", "value_b"] == 77.3
    assert df.loc["life_expectancy", "confidence"] == "medium"


def test_versus_errors(invoke):
    same = invoke("versus", "guangzhou")
    assert same.exit_code == 2 and "china" in same.stderr
    unknown = invoke("versus", "chian")
    assert unknown.exit_code == 1 and "china" in unknown.stderr


def test_versus_table_keeps_the_bound(invoke):
    result = invoke("versus", "china", "--year", "2019", "-f", "markdown")
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("| gdp_per_capita"))
    assert ">150,000" in line


# --------------------------------------------------------------------------- export


def test_export_filters_in_the_core_function(ds):
    df = core.export(ds, domain="economy", region="guangzhou", start=2015, end=2019)
    assert set(df["domain"]) == {"economy"} and set(df["region"]) == {"guangzhou"}
    assert df["year"].between(2015, 2019).all()
    two = core.export(ds, indicators=["gdp", "disposable_income_urban"], headline_only=True)
    assert set(two["indicator"]) == {"gdp", "disposable_income_urban"} and two["headline"].all()
    with pytest.raises(gzkit.errors.UsageError):
        core.export(ds, start=2019, end=2015)


def test_export_wide_shape(invoke, ds):
    tidy = core.export(ds, domain="economy", region="guangzhou", start=2015, end=2019)
    wide = exports.wide(tidy)
    assert wide["indicator"].is_unique
    assert set(wide["indicator"]) == set(tidy["indicator"])
    periods = sorted(set(tidy.loc[tidy["headline"], "period"]))
    assert [c for c in wide.columns if c.startswith("value_")] == [f"value_{p}" for p in periods]
    gdp = wide.set_index("indicator").loc["gdp"]
    assert (gdp["value_2015"], gdp["value_2016"], gdp["value_2018"], gdp["value_2019"]) == (
        18100.41,
        19610.94,
        22859,
        23000,
    )
    assert wide.set_index("indicator").at["gdp_per_capita", "qualifier_2019"] == ">"
    got = _csv(
        invoke("export", "--domain", "economy", "--region", "guangzhou", "--from", "2015", "--to", "2019", "--wide")
    )
    assert list(got.columns) == list(wide.columns) and len(got) == len(wide)
    assert list(got["indicator"]) == list(wide["indicator"])


def test_export_columns_and_unknown_columns(invoke, ds):
    got = _csv(invoke("export", "-i", "gdp", "--columns", "indicator,period,value,qualifier,confidence"))
    assert list(got.columns) == ["indicator", "period", "value", "qualifier", "confidence"]
    assert len(got) == int((ds.observations["indicator"] == "gdp").sum())
    bad = invoke("export", "--columns", "indicator,valeu")
    assert bad.exit_code == 2
    assert "valeu" in bad.stderr and "Valid columns: indicator" in bad.stderr


def test_export_derived_follows_the_filters(ds):
    df = exports.export(ds, domain="opening_up", with_derived=True)
    implied = df[df["derivation"] != ""]
    assert set(implied["indicator"]) == {"imports", "cross_border_ecommerce_trade"}


# --------------------------------------------------------------------------- chart panels


def test_chart_of_very_different_scales_uses_panels(ds, invoke):
    df = charts.chart_data(ds, "gdp", regions="guangzhou,china")
    parts = charts.panels(df)
    assert [sorted(set(p["region"])) for p in parts] == [["guangzhou"], ["china"]]
    assert "43 times" in charts.panels_note(parts)
    same_scale = charts.chart_data(ds, "disposable_income_urban", regions="guangzhou,china")
    assert len(charts.panels(same_scale)) == 1


def test_terminal_and_svg_charts_draw_one_panel_per_scale(ds, invoke):
    pytest.importorskip("plotext")
    result = invoke("chart", "gdp", "-r", "guangzhou,china")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("GDP · 地区生产总值") == 2
    assert "Drawn in 2 panels" in result.stdout
    pytest.importorskip("matplotlib")
    svg = charts.figure_svg(charts.chart_data(ds, "gdp", regions="guangzhou,china"))
    assert 'id="gzkit-axes"' in svg and 'id="gzkit-axes-1"' in svg
    one = charts.figure_svg(charts.chart_data(ds, "disposable_income_urban", regions="guangzhou,china"))
    assert 'id="gzkit-axes-1"' not in one


def test_chart_draws_implied_points_with_their_own_marker(ds):
    # The official 2017-2018 imports leave no year to imply; from the report alone, 2018 is implied.
    assert list(charts.chart_data(ds, "imports")["mark"]) == ["exact", "exact", "exact"]
    df = charts.chart_data(provenance.restrict(ds, report_only=True), "imports")
    assert list(df["mark"]) == ["implied", "exact"]
    assert "implied" in charts.marks_note(df)
    assert list(charts.chart_data(ds, "imports", derived=False)["year"]) == [2017, 2018, 2019]


def test_urban_income_range_comes_from_the_ratios_two_decimals(tmp_path):
    from gzkit import derived

    ds = gzkit.load(with_ratios(tmp_path))
    imp = derived.implied_values(ds, ranges=True).set_index(["indicator", "period"])
    row = imp.loc[("disposable_income_urban", "2015")]
    assert row["value"] == pytest.approx(46761.902)
    assert row["low"] == pytest.approx(19323.095 * 2.415) and row["high"] == pytest.approx(19323.105 * 2.425)
    assert row["decimals"] == -2  # the range is about 190 yuan wide
    assert row["derivation"] == (
        "disposable_income_rural 2015 * income_ratio_urban_rural 2015 = 19323.1 * 2.42 = 46762"
    )
    assert row["release"] == "yearbook 2022 + NBS Guangzhou survey team analysis (2021)"  # the bundled ratio


def test_versus_sets_the_implied_income_ratios_side_by_side(tmp_path):
    ds = gzkit.load(with_ratios(tmp_path))
    row = versus.versus(ds, "china", year=2019).set_index("indicator").loc["income_ratio_urban_rural"]
    assert row["value_a"] == pytest.approx(65052 / 28868) and row["value_b"] == pytest.approx(42359 / 16021)
    assert row["implied"] == "guangzhou china" and row["better"] == "guangzhou"  # lower is better
    assert row["confidence"] == "high"


def test_a_stated_rate_from_an_official_release_says_so(tmp_path):
    from packages import package

    rows = [
        {"indicator": "gdp", "region": "guangzhou", "period": "2017", "value": "21503.15", "confidence": "low"},
        {"indicator": "gdp_growth", "region": "guangzhou", "period": "2018", "value": "6.2", "decimals": "1"},
    ]
    ds = gzkit.load(package(tmp_path, rows))
    row = core.compare(ds, 2017, 2018).set_index("indicator").loc["gdp"]
    assert row["stated_rate"] == 6.2
    assert "stated by an official release (medium confidence): real growth over the year before = 6.2%" in row["note"]
    # Real growth beside a nominal change: they need not agree (22859 / 21503.15 - 1 = 6.31%).
    assert row["pct_change"] == pytest.approx((22859 / 21503.15 - 1) * 100)
