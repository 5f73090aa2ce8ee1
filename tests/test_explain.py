"""--explain: each derived number's formula with its numbers, line by line, for every path a row can take."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from gzkit import core, derived


def _progress_row(**fields: object) -> pd.DataFrame:
    row = {
        "target_id": "t",
        "indicator": "pm25",
        "value": math.nan,
        "target": math.nan,
        "completion_pct": math.nan,
        "comparison": ">=",
        "target_implied": False,
        "qualifier": "=",
        "note": "",
    }
    return pd.DataFrame([row | fields])


def test_explain_progress_of_the_toilet_programme(ds):
    # 3660 toilets built, 163.4% of the plan: the plan the report implies is 3660 / 1.634.
    lines = derived.explain(core.progress(ds), "progress")
    assert lines[0] == (
        "completion report_public_toilets (public_toilets_built): stated by the report = 163.4 (=); "
        "target implied 3660 / (163.4 / 100) = 2239.9"
    )


@pytest.mark.parametrize(
    ("fields", "line"),
    [
        # PM2.5 against the grade-II limit of 35 µg/m³: lower is better, so 30 is over-completion.
        (
            {"value": 30.0, "target": 35.0, "completion_pct": 35 / 30 * 100, "comparison": "<="},
            "completion t (pm25): 35 / 30 * 100 = 116.6667 (=); lower is better, so below the target is over 100",
        ),
        (
            {"indicator": "x", "value": 88.41, "target": 80.0, "completion_pct": 88.41 / 80 * 100},
            "completion t (x): 88.41 / 80 * 100 = 110.5125 (=)",
        ),
        ({"note": "undefined: zero or missing base"}, "completion t (pm25): undefined: zero or missing base"),
        ({}, "completion t (pm25): undefined"),
    ],
    ids=["lower-is-better", "higher-is-better", "undefined-with-note", "undefined"],
)
def test_explain_progress_paths(fields, line):
    assert derived.explain(_progress_row(**fields), "progress") == [line]


def test_explain_progress_shows_the_implied_target_to_one_decimal():
    row = _progress_row(value=3660.0, target=3660 / 1.634, completion_pct=163.4, target_implied=True)
    assert derived.explain(row, "progress") == [
        "completion t (pm25): stated by the report = 163.4 (=); target implied 3660 / (163.4 / 100) = 2239.9"
    ]


def test_explain_growth_of_a_percentage_is_a_change_with_its_reason(ds):
    lines = derived.explain(core.growth(ds, "infrastructure_investment_share"), "growth")
    assert lines[-1] == (
        "change infrastructure_investment_share guangzhou 2015->2019: 31.7 - 24.8 = 6.9 (=); "
        "rates of change not meaningful for this unit; see change"
    )


def _rate_row(**fields: object) -> pd.DataFrame:
    row = {"indicator": "x", "region": "guangzhou", "year_a": 2018, "year_b": 2019, "value_a": 100.0}
    return pd.DataFrame([row | fields])


def test_explain_compare_when_only_the_percent_change_is_defined():
    # A level that turns negative has a percent change but no CAGR.
    row = _rate_row(value_b=-20.0, change=-120.0, pct_change=-120.0, cagr=math.nan, qualifier="=", note="")
    assert derived.explain(row, "compare") == ["pct_change x guangzhou: (-20 / 100 - 1) * 100 = -120.0000 (=)"]


def test_explain_compare_when_nothing_is_defined_says_why():
    row = _rate_row(
        value_b=math.nan, change=math.nan, pct_change=math.nan, cagr=math.nan, qualifier="", note="no value"
    )
    assert derived.explain(row, "compare") == ["x guangzhou: no value"]


def test_explain_growth_names_the_years_and_the_implied_input():
    row = pd.DataFrame(
        [
            {
                "indicator": "imports",
                "region": "guangzhou",
                "from_year": 2018,
                "to_year": 2019,
                "years": 1,
                "value_from": 4203.9,
                "value_to": 4737.8,
                "change": 533.9,
                "pct_change": 12.7,
                "cagr": 12.7,
                "qualifier": "~",
                "note": "",
                "derivation": "2018: imports 2019 / (1 + imports_growth 2019 / 100) = 4737.8 / 1.127 = 4203.9",
            }
        ]
    )
    assert derived.explain(row, "growth") == [
        "cagr imports guangzhou 2018->2019: ((4737.8 / 4203.9) ** (1/1) - 1) * 100 = 12.7000 (~); "
        "implied 2018: imports 2019 / (1 + imports_growth 2019 / 100) = 4737.8 / 1.127 = 4203.9"
    ]


def test_explain_a_change_without_a_note_and_an_undefined_row_without_one():
    row = _rate_row(value_b=31.7, change=6.9, pct_change=math.nan, cagr=math.nan, qualifier="=", note="")
    assert derived.explain(row, "compare") == ["change x guangzhou: 31.7 - 100 = 6.9 (=)"]
    empty = _rate_row(value_b=math.nan, change=math.nan, pct_change=math.nan, cagr=math.nan, qualifier="", note="")
    assert derived.explain(empty, "compare") == ["x guangzhou: undefined"]


def test_explain_growth_when_only_the_percent_change_is_defined():
    row = pd.DataFrame(
        [
            {
                "indicator": "x",
                "region": "guangzhou",
                "from_year": 2018,
                "to_year": 2019,
                "years": 1,
                "value_from": 100.0,
                "value_to": -20.0,
                "change": -120.0,
                "pct_change": -120.0,
                "cagr": math.nan,
                "qualifier": "=",
                "note": "",
            }
        ]
    )
    assert derived.explain(row, "growth") == [
        "pct_change x guangzhou 2018->2019: (-20 / 100 - 1) * 100 = -120.0000 (=)"
    ]


def test_explain_names_the_kinds_it_knows():
    with pytest.raises(
        ValueError, match="^no explanation for 'nothing'; choose one of compare, growth, gap, progress$"
    ):
        derived.explain(pd.DataFrame(), "nothing")


def test_explain_a_rate_over_no_time_is_never_a_power_of_one_over_zero():
    # Two figures of one year (a stated rate beside a level, say): only the percent change can be written.
    row = _rate_row(year_b=2018, value_b=112.7, change=12.7, pct_change=12.7, cagr=12.7, qualifier="=", note="")
    assert derived.explain(row, "compare") == ["pct_change x guangzhou: (112.7 / 100 - 1) * 100 = 12.7000 (=)"]
