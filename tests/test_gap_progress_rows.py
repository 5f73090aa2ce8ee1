"""gap and progress, column by column: incomes, ratios and completion rates read off the report and the data."""

from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest

import gzkit
from gzkit import core
from gzkit.errors import NoData
from packages import package

# --------------------------------------------------------------------------- gap

GAP_ORDER = [
    "region",
    "year",
    "urban",
    "qualifier_urban",
    "rural",
    "qualifier_rural",
    "ratio",
    "difference",
    "qualifier",
    "note",
]


def test_gap_rows_in_region_order(ds):
    df = core.gap(ds)
    assert list(df.columns) == GAP_ORDER
    assert list(zip(df["region"], df["year"])) == [("guangzhou", 2018), ("guangzhou", 2019), ("china", 2019)]
    assert list(df.index) == [0, 1, 2]
    assert list(df["urban"]) == [59982, 65052, 42359] and list(df["rural"]) == [26020.1, 28868, 16021]
    # The ratio is kept to six decimals: 65052 / 28868 = 2.253429.
    assert list(df["ratio"]) == [2.305218, 2.253429, 2.643967]
    assert list(df["difference"]) == pytest.approx([33961.9, 36184, 26338])
    assert list(df["note"]) == [
        "crosses vintages: NBS Guangzhou survey team (final annual) vs yearbook 2022",
        "",
        "",
    ]
    assert df["note"].dtype == object and str(df["year"].dtype) == "int64"
    assert set(df["qualifier"]) == {"="}


def test_gap_describes_incomes_in_yuan_and_the_ratio_as_relative(ds):
    spec = core.gap(ds).attrs["columns"]
    assert (spec["urban"].unit_id, spec["urban"].qualifier) == ("yuan", "qualifier_urban")
    assert (spec["rural"].unit_id, spec["rural"].qualifier) == ("yuan", "qualifier_rural")
    assert (spec["difference"].unit_id, spec["difference"].qualifier) == ("yuan", "qualifier")
    assert (spec["ratio"].qualifier, spec["ratio"].gauge) == ("qualifier", "relative")


def test_gap_says_why_a_ratio_is_undefined(tmp_path):
    rows = [
        {"indicator": "disposable_income_urban", "region": "guangdong", "period": "2017", "value": "40975"},
        {"indicator": "disposable_income_rural", "region": "guangdong", "period": "2017", "value": "0"},
        {"indicator": "disposable_income_urban", "region": "guangdong", "period": "2016", "value": "1e300"},
        {"indicator": "disposable_income_rural", "region": "guangdong", "period": "2016", "value": "1e-300"},
        {"indicator": "disposable_income_urban", "region": "guangdong", "period": "2015", "value": "3"},
        {"indicator": "disposable_income_rural", "region": "guangdong", "period": "2015", "value": "0.5"},
    ]
    ds = gzkit.load(package(tmp_path, rows))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy says nothing: the note does
        df = core.gap(ds, region="guangdong")
    assert list(df["year"]) == [2015, 2016, 2017]
    assert df["ratio"].iloc[0] == 6 and df["note"].iloc[0] == ""  # a rural income below one is still a base
    assert math.isnan(df["ratio"].iloc[1]) and math.isnan(df["ratio"].iloc[2])
    assert list(df["note"])[1:] == [
        "undefined: the ratio is too large to represent",
        "undefined: rural income is not positive",
    ]
    assert df["difference"].iloc[2] == 40975


def test_gap_bound_of_a_lower_bound_income(tmp_path):
    rows = [
        {
            "indicator": "disposable_income_urban",
            "region": "guangdong",
            "period": "2017",
            "value": "40000",
            "qualifier": ">",
        },
        {"indicator": "disposable_income_rural", "region": "guangdong", "period": "2017", "value": "16000"},
    ]
    row = core.gap(gzkit.load(package(tmp_path, rows)), region="guangdong", year=2017).iloc[0]
    # More than 40000 over exactly 16000: the ratio and the difference are lower bounds too.
    assert (row["qualifier_urban"], row["qualifier_rural"], row["qualifier"]) == (">", "=", ">")
    assert (row["ratio"], row["difference"]) == (2.5, 24000)


def test_gap_bound_of_a_lower_bound_rural_income(tmp_path):
    rows = [
        {"indicator": "disposable_income_urban", "region": "guangdong", "period": "2017", "value": "40000"},
        {
            "indicator": "disposable_income_rural",
            "region": "guangdong",
            "period": "2017",
            "value": "16000",
            "qualifier": ">",
        },
    ]
    row = core.gap(gzkit.load(package(tmp_path, rows)), region="guangdong", year=2017).iloc[0]
    # Exactly 40000 over more than 16000: less than 2.5 times, less than 24000 apart.
    assert (row["qualifier_urban"], row["qualifier_rural"], row["qualifier"]) == ("=", ">", "<")


@pytest.mark.parametrize(
    ("kwargs", "message", "hint"),
    [
        (
            {"year": 2012},
            "No year with both urban and rural disposable income for 2012.",
            "Years with both: 2018, 2019.",
        ),
        (
            {"year": 2016, "region": "china"},
            "No year with both urban and rural disposable income for 2016 in region 'china'.",
            "Years with both: 2019.",
        ),
        (
            {"region": "guangdong"},
            "No year with both urban and rural disposable income in region 'guangdong'.",
            "Run `gzkit list --search income` to find them.",
        ),
    ],
    ids=["year", "year_region", "region"],
)
def test_gap_says_which_years_have_both_incomes(ds, kwargs, message, hint):
    with pytest.raises(NoData) as exc:
        core.gap(ds, **kwargs)
    assert (exc.value.message, exc.value.hint) == (message, hint)


def test_gap_without_any_income(ds):
    incomes = ds.observations["indicator"].str.startswith("disposable_income")
    bare = ds.replaced(observations=ds.observations[~incomes].reset_index(drop=True))
    with pytest.raises(NoData) as exc:
        core.gap(bare)
    assert exc.value.message == "No year with both urban and rural disposable income."
    assert exc.value.hint == "Run `gzkit list --search income` to find them."


def test_gap_checks_the_year(ds):
    with pytest.raises(gzkit.errors.UsageError) as exc:
        core.gap(ds, year=2031)
    assert exc.value.message == "year 2031 is outside the data, which covers 1978-2020."


# --------------------------------------------------------------------------- progress

PROGRESS_ORDER = [
    "target_id",
    "framework",
    "name_en",
    "name_zh",
    "indicator",
    "region",
    "year",
    "value",
    "qualifier_value",
    "confidence",
    "comparison",
    "target",
    "target_implied",
    "unit",
    "completion_pct",
    "qualifier",
    "status",
    "source",
    "note",
]


@pytest.fixture()
def xiaokang(ds):
    return core.progress(ds, framework="xiaokang2013")


def test_progress_columns_and_order_by_completion(xiaokang):
    df = xiaokang
    assert list(df.columns) == PROGRESS_ORDER
    assert list(df["target_id"]) == [
        "xk2013_17",
        "xk2013_01",
        "xk2013_21",
        "xk2013_14",
        "xk2013_39",
        "xk2013_27",
        "xk2013_19",  # no observation: last
    ]
    assert list(df.index) == list(range(7))
    assert str(df["year"].dtype) == "Int64" and str(df["target_implied"].dtype) == "bool"
    assert df["note"].dtype == object
    spec = df.attrs["columns"]
    assert (spec["value"].decimals, spec["value"].qualifier) == (None, "qualifier_value")
    assert (spec["target"].role, spec["target"].unit) == ("number", "unit")


def test_progress_of_a_lower_bound_against_a_floor(xiaokang):
    row = xiaokang.set_index("target_id").loc["xk2013_01"]
    # 超过15万元 against the 57000 yuan of the NBS 2013 table: more than 263.2% complete.
    assert (row["value"], row["qualifier_value"], row["target"]) == (150000, ">", 57000)
    assert row["completion_pct"] == pytest.approx(150000 / 57000 * 100, abs=1e-6)
    assert (row["qualifier"], row["status"], row["year"], row["confidence"]) == (">", "achieved", 2019, "report")


def test_progress_of_an_upper_bound_against_a_ceiling(xiaokang):
    row = xiaokang.set_index("target_id").loc["xk2013_21"]
    # Below 2.5% against at most 6%: completion 6 / 2.5 = 240%, and more, since the rate is below 2.5.
    assert (row["value"], row["qualifier_value"], row["comparison"], row["target"]) == (2.5, "<", "<=", 6)
    assert (row["completion_pct"], row["qualifier"], row["status"]) == (240, ">", "achieved")


def test_progress_without_an_observation(xiaokang):
    row = xiaokang.set_index("target_id").loc["xk2013_19"]
    assert math.isnan(row["value"]) and math.isnan(row["completion_pct"]) and row["year"] is pd.NA
    assert (row["qualifier_value"], row["confidence"], row["status"], row["qualifier"]) == ("", "", "undefined", "=")
    assert row["note"].startswith("no observation; domain 人民生活; target in 2010 constant prices")


def test_progress_leaves_out_an_official_figure_beside_a_target_the_report_says_was_met(ds):
    # The report says PM2.5 met grade II three years running; gzkit's only figure is the official 39 of 2015.
    row = core.progress(ds).set_index("target_id").loc["report_pm25_grade_ii"]
    assert row["year"] is pd.NA and math.isnan(row["value"])
    assert (row["qualifier_value"], row["confidence"], row["status"], row["qualifier"]) == (
        "",
        "",
        "reached (stated)",
        "",
    )
    # The report's own figure beside a target it says was met stays.
    manure = core.progress(ds).set_index("target_id").loc["report_livestock_manure_utilisation"]
    # No target and no stated completion: nothing is implied.
    assert not manure["target_implied"] and math.isnan(manure["target"])
    assert (manure["year"], manure["value"], manure["qualifier_value"], manure["confidence"]) == (
        2019,
        88.41,
        "=",
        "report",
    )


def test_progress_of_a_stated_completion_rate(ds):
    row = core.progress(ds).set_index("target_id").loc["report_public_toilets"]
    assert row["target_implied"] and row["target"] == pytest.approx(3660 / 1.634, abs=1e-6)
    assert (row["completion_pct"], row["qualifier"], row["status"], row["unit"]) == (163.4, "=", "achieved", "count")


def _with_targets(ds, *changes):
    """The package with copies of the GDP-per-capita target of the NBS table, changed, in a framework "test"."""
    base = ds.targets.set_index("id").loc["xk2013_01"].to_dict()
    rows = [base | {"id": f"t{n}", "framework": "test"} | change for n, change in enumerate(changes)]
    added = pd.DataFrame(rows)[list(ds.targets.columns)].astype(ds.targets.dtypes.to_dict())
    return ds.replaced(targets=pd.concat([ds.targets, added], ignore_index=True))


def test_progress_status_of_every_kind(ds):
    changed = _with_targets(
        ds,
        {"indicator": "gdp", "target": 30000.0},  # 23000 of 30000: in progress
        {"indicator": "unemployment_rate_registered", "comparison": ">=", "target": 2.0},  # <2.5 of 2: unclear
        {"indicator": "gdp", "target": 0.0},  # no base
        {"indicator": "gdp", "target": math.nan, "completion_stated": 50.0},  # a stated rate implies 46000
        {"indicator": "gdp", "target": math.nan, "completion_stated": 0.0},  # a stated zero implies no target
        {"target": math.nan, "completion_stated": 80.0},  # more than 150000 at 80%: the stated rate, exact
        {"indicator": "gdp", "target": math.nan, "completion_stated": 0.5},  # a small rate still implies a target
        {"indicator": "gdp", "target": 0.5},  # a base below one is still a base
        {"indicator": "gdp", "comparison": "<=", "target": -5.0},  # lower is better: the value is the base
        {"indicator": "gdp", "target": 23000.0},  # exactly the target: achieved
        {"indicator": "trade_total", "target": 9000.0},  # at least 10000 (首次跨进万亿元级) of 9000: achieved
        {"indicator": "sister_city_investment_projects", "target": 90.0},  # about 100 of 90: achieved
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a zero base is a note, never a numpy warning
        df = core.progress(changed, framework="test").set_index("target_id")
    assert list(df.index) == ["t7", "t1", "t10", "t11", "t9", "t5", "t0", "t3", "t6", "t8", "t2", "t4"]
    assert [(df.at[t, "completion_pct"], df.at[t, "qualifier"], df.at[t, "status"]) for t in ("t9", "t10", "t11")] == [
        (100, "=", "achieved"),
        (pytest.approx(10000 / 9000 * 100, abs=1e-6), ">=", "achieved"),
        (pytest.approx(100 / 90 * 100, abs=1e-6), "~", "achieved"),
    ]
    assert (df.at["t5", "target"], df.at["t5", "completion_pct"], df.at["t5", "qualifier"]) == (187500, 80, "=")
    assert df.at["t6", "target"] == pytest.approx(23000 / 0.005) and df.at["t6", "target_implied"]
    assert (df.at["t7", "completion_pct"], df.at["t7", "status"]) == (4600000, "achieved")
    assert df.at["t8", "completion_pct"] == pytest.approx(-5 / 23000 * 100, abs=1e-6)
    assert df.at["t8", "status"] == "in progress"
    assert (df.at["t0", "status"], df.at["t0", "qualifier"]) == ("in progress", "=")
    assert df.at["t0", "completion_pct"] == pytest.approx(23000 / 30000 * 100, abs=1e-6)
    assert (df.at["t1", "status"], df.at["t1", "qualifier"], df.at["t1", "completion_pct"]) == ("unclear", "<", 125)
    assert df.at["t2", "status"] == "undefined" and math.isnan(df.at["t2", "completion_pct"])
    assert df.at["t2", "note"].startswith("undefined: zero or missing base; domain 经济发展")
    assert (df.at["t3", "target"], df.at["t3", "completion_pct"], df.at["t3", "status"]) == (46000, 50, "in progress")
    assert df.at["t3", "target_implied"] and not df.at["t0", "target_implied"]
    assert math.isnan(df.at["t4", "target"]) and df.at["t4", "status"] == "undefined"


def test_progress_filters_by_domain_and_region(ds):
    culture = core.progress(ds, domain="culture", framework="xiaokang2013")
    assert list(culture["target_id"]) == ["xk2013_17", "xk2013_14"]
    assert core.progress(ds, region="china", framework="xiaokang2013").empty
    assert len(core.progress(ds, region="guangzhou")) == 7


def test_progress_keeps_the_order_of_the_targets_among_equal_completions(ds):
    # 40 targets of 2019 GDP (23000), half at 50% and half at 60%: equals stay in file order.
    changed = _with_targets(ds, *({"indicator": "gdp", "target": 46000.0 if n % 2 else 23000 / 0.6} for n in range(40)))
    df = core.progress(changed, framework="test")
    assert list(df["target_id"]) == [f"t{n}" for n in range(0, 40, 2)] + [f"t{n}" for n in range(1, 40, 2)]
    assert set(df.attrs["units"]) == set(ds.units["id"])


def test_progress_of_a_zero_against_a_zero_is_undefined_without_a_warning(ds):
    # 0 / 0 is numpy's "invalid" case, as a zero target over a zero value or a zero rate of a zero value.
    obs = ds.observations
    zero = obs[(obs["indicator"] == "gdp") & (obs["period"] == "2019") & obs["headline"]].assign(
        region="guangdong", value=0.0
    )
    changed = _with_targets(
        ds.replaced(observations=pd.concat([obs, zero], ignore_index=True)),
        {"indicator": "gdp", "region": "guangdong", "target": 0.0},
        {"indicator": "gdp", "region": "guangdong", "target": math.nan, "completion_stated": 0.0},
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = core.progress(changed, framework="test")
    assert list(df["status"]) == ["undefined", "undefined"]
    assert df["completion_pct"].isna().all()


def test_columns_of_a_package_s_own_in_targets_do_not_replace_the_measured_figure(tmp_path, ds):
    import csv
    import shutil

    from gzkit import data

    folder = tmp_path / "own_columns"
    shutil.copytree(ds.path, folder)
    with open(folder / "targets.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = [*rows[0].keys(), "year", "value", "qualifier", "confidence"]
    with open(folder / "targets.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "year": "1999", "value": "1", "qualifier": "<", "confidence": "low"})
    own = core.progress(data.load(folder, cache=False))
    bundled = core.progress(ds)
    pd.testing.assert_frame_equal(own, bundled)
    measured = own.dropna(subset=["value"])
    assert len(measured) > 0 and not (measured["year"] == 1999).any() and not (measured["value"] == 1).all()
