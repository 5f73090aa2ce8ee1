"""Rates of change at their edges: a level that falls to nothing or turns negative, a negative base, an overflow."""

from __future__ import annotations

import math
import warnings

import pytest

from gzkit import core
from gzkit.i18n import localize
from gzkit.rates import change_rates


def test_imports_2018_to_2019_from_the_official_and_the_report_figures(ds):
    # The official 2018 imports (4202.6) and the report's 2019 imports (4737.8亿元): +12.7%, as the report states.
    change, pct, cagr, reason = change_rates([4202.6], [4737.8], [1], ["100m_yuan"])
    assert (change[0], pct[0], cagr[0], reason[0]) == (535.2, 12.734974, 12.734974, "")
    row = core.compare(ds, 2018, 2019).set_index("indicator").loc["imports"]
    assert (row["change"], row["pct_change"], row["cagr"]) == (change[0], pct[0], cagr[0])


def test_a_level_that_falls_to_nothing_has_rates_of_minus_100():
    # Zero is not a change of sign: the fall is complete, -100% in all and -100% a year.
    change, pct, cagr, reason = change_rates([4737.8], [0.0], [4], ["100m_yuan"])
    assert (change[0], pct[0], cagr[0], reason[0]) == (-4737.8, -100.0, -100.0, "")


def test_a_level_that_turns_negative_has_a_percent_change_but_no_cagr():
    change, pct, cagr, reason = change_rates([100.0], [-20.0], [4], ["count"])
    assert (change[0], pct[0]) == (-120.0, -120.0)
    assert math.isnan(cagr[0])
    assert reason[0] == "undefined: the sign changes"
    assert localize(reason[0], "zh") == "无法计算：数值由正变负"


def test_a_negative_base_has_only_a_change():
    change, pct, cagr, reason = change_rates([-5.0], [10.0], [4], ["count"])
    assert change[0] == 15.0 and math.isnan(pct[0]) and math.isnan(cagr[0])
    assert reason[0] == "undefined: the base is negative"
    assert localize(reason[0], "zh") == "无法计算：基数为负"


@pytest.mark.parametrize(
    ("v0", "v1", "years", "cagr"),
    [
        # The ratio 1e307 overflows the percent change; its tenth root (1e30.7) does not.
        (1e-6, 1e301, 10, 5.011872336272722e32),
        # Both overflow.
        (1e-300, 1e300, 0.5, math.nan),
    ],
    ids=["percent-only", "both"],
)
def test_a_rate_too_large_to_represent_is_empty_with_a_reason_and_no_warning(v0, v1, years, cagr):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy RuntimeWarning fails here
        change, pct, got_cagr, reason = change_rates([v0], [v1], [years], ["count"])
    assert change[0] == v1 and math.isnan(pct[0])
    assert got_cagr[0] == pytest.approx(cagr, rel=1e-12, nan_ok=True)
    assert reason[0] == "undefined: the result overflows"
    assert localize(reason[0], "zh") == "无法计算：结果超出可表示范围"
