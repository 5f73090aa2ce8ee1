"""Bounds stay bounds: for every formula, any truth its inputs allow satisfies the derived qualifier."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gzkit import bounds, derived
from gzkit.rates import change_rates

QUALIFIERS = ["=", "~", ">", ">=", "<", "<="]

qualifier = st.sampled_from(QUALIFIERS)
slack = st.floats(min_value=0.0, max_value=0.5, allow_nan=False)
positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)


def truth(value: float, q: str, s: float) -> float:
    """A true value the stated ``value`` and qualifier ``q`` allow, ``s`` of the way out (relative)."""
    step = s * max(abs(value), 1.0)
    if q in (">", ">="):
        return value + step + (1e-9 * max(abs(value), 1.0) if q == ">" else 0.0)
    if q in ("<", "<="):
        return value - step - (1e-9 * max(abs(value), 1.0) if q == "<" else 0.0)
    if q == "~":
        return value * (1 + (s - 0.25) / 10)
    return value


def holds(stated: float, q: str, true: float) -> bool:
    return bool(bounds.satisfies(stated, q, true))


# --------------------------------------------------------------------------- the rules themselves


def test_documented_examples():
    assert bounds.combine(["=", ">"], [-1, +1]) == ">"
    assert bounds.combine([">", ">"], [-1, +1]) == "?"
    assert bounds.combine(["=", "="], [-1, +1]) == "="
    assert bounds.combine(["~", ">"], [-1, +1]) == "~"
    assert bounds.combine(["<", "="], [-1, +1]) == ">"
    assert bounds.combine([">=", "="], [+1, -1]) == ">="
    assert bounds.invert(">") == "<" and bounds.invert("<=") == ">=" and bounds.invert("=") == "="


def test_combine_is_vectorised():
    got = bounds.combine([np.array(["=", ">", "<"]), np.array([">", ">", "="])], [-1, 1])
    assert list(got) == [">", "?", ">"]


# --------------------------------------------------------------------------- core formulas


@settings(max_examples=300, deadline=None)
@given(positive, positive, qualifier, qualifier, slack, slack, st.integers(min_value=1, max_value=40))
def test_change_pct_and_cagr_bounds_hold(v0, v1, q0, q1, s0, s1, n):
    t0, t1 = truth(v0, q0, s0), truth(v1, q1, s1)
    if t0 <= 0 or t1 <= 0:
        return
    stated = change_rates([v0], [v1], [n], ["count"])
    true = change_rates([t0], [t1], [n], ["count"])
    q = bounds.combine([q0, q1], [-1, +1])
    for k in range(3):  # change, pct_change, cagr
        assert holds(stated[k][0], q, true[k][0]), (k, v0, v1, q0, q1, t0, t1)


@settings(max_examples=300, deadline=None)
@given(positive, positive, qualifier, qualifier, slack, slack)
def test_ratio_and_difference_bounds_hold(urban, rural, qu, qr, su, sr):
    tu, tr = truth(urban, qu, su), truth(rural, qr, sr)
    if tr <= 0:
        return
    q = bounds.combine([qu, qr], [+1, -1])
    assert holds(urban / rural, q, tu / tr)
    assert holds(urban - rural, q, tu - tr)


@settings(max_examples=300, deadline=None)
@given(positive, positive, qualifier, slack, st.booleans())
def test_completion_bounds_hold_in_both_directions(value, target, qv, sv, lower_is_better):
    tv = truth(value, qv, sv)
    if tv <= 0:
        return
    # As core.progress: target / value falls as the value rises, so its qualifier flips.
    if lower_is_better:
        stated, true, q = target / value * 100, target / tv * 100, bounds.invert(qv)
    else:
        stated, true, q = value / target * 100, tv / target * 100, qv
    assert holds(stated, q, true)


# --------------------------------------------------------------------------- implied values


level = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)
rates = {
    "before_growth": st.floats(min_value=-50, max_value=300, allow_nan=False),
    "whole_from_share": st.floats(min_value=0.5, max_value=100, allow_nan=False),
    "part_from_share": st.floats(min_value=0.5, max_value=100, allow_nan=False),
    "target_from_completion": st.floats(min_value=0.5, max_value=400, allow_nan=False),
    # a ratio (urban / rural income) or an amount per unit (yuan per household)
    "product": st.floats(min_value=0.01, max_value=100, allow_nan=False),
    # a level dividing another (rural income under urban income)
    "ratio": st.floats(min_value=0.01, max_value=1e6, allow_nan=False),
}


@pytest.mark.parametrize("kind", list(derived.KINDS))
def test_implied_value_bounds_hold(kind):
    spec = derived.KINDS[kind]

    @settings(max_examples=200, deadline=None)
    @given(level, rates[kind], qualifier, qualifier, slack, slack)
    def check(a, b, qa, qb, sa, sb):
        ta, tb = truth(a, qa, sa), truth(b, qb, sb)
        if ta < 0 or spec.undefined(np.array([tb]))[0]:
            return
        q = bounds.combine([qa, qb], list(spec.signs))
        stated = spec.formula(np.array([a]), np.array([b]))[0]
        true = spec.formula(np.array([ta]), np.array([tb]))[0]
        assert holds(stated, q, true), (a, b, qa, qb, ta, tb)

    check()


def test_a_rounded_rate_makes_an_implied_value_approximate(ds):
    imp = derived.implied_values(ds)
    rated = imp["indicator"].map({r.indicator: derived.KINDS[r.kind].rounded_rate for r in derived.RULES})
    # Every rate in the bundled rules is a plain published figure, so every result from a rate is ~;
    # a ratio of two plain levels (urban over rural income) stays =.
    assert set(imp.loc[rated, "qualifier"]) == {"~"}
    assert set(imp.loc[~rated, "qualifier"]) == {"="}


def test_satisfies_reads_each_qualifier():
    assert bounds.satisfies(10, ">", 11) and not bounds.satisfies(10, ">", 9)
    assert bounds.satisfies(10, "<=", 10) and not bounds.satisfies(10, "<", 11)
    assert bounds.satisfies(10, "~", 1e9) and bounds.satisfies(10, "?", -5)


# --------------------------------------------------------------------------- published ranges


def test_interval_reads_rounding_and_truncation():
    assert bounds.interval(6.8, "=", 1) == pytest.approx((6.75, 6.85))
    assert bounds.interval(23000, "=", -3) == (22500, 23500)
    assert bounds.interval(23000, "=", -3, "truncated") == (23000, 24000)
    # Truncation cuts towards zero: -2.3 truncated covers -2.4 to -2.3.
    assert bounds.interval(-2.3, "=", 1, "truncated") == pytest.approx((-2.4, -2.3))
    assert bounds.interval(12000, ">", -3) == (12000, np.inf)
    assert bounds.interval(2.5, "<", 1) == (-np.inf, 2.5)
    assert bounds.interval(500, "~", 0) == (-np.inf, np.inf)
    # An empty rounding is the default, nearest.
    assert bounds.interval(28868, "=", 0, "") == (28867.5, 28868.5)


def test_interval_is_vectorised():
    lo, hi = bounds.interval(np.array([6.8, 23000.0]), np.array(["=", "="]), np.array([1, -3]), ["", "truncated"])
    assert np.allclose(lo, [6.75, 23000]) and np.allclose(hi, [6.85, 24000])


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=0, max_value=1e6, allow_nan=False), st.integers(min_value=-4, max_value=3))
def test_a_truncated_figure_covers_every_number_that_truncates_to_it(truth, decimals):
    unit = 10.0**-decimals
    stated = np.floor(truth / unit) * unit
    low, high = bounds.interval(stated, "=", decimals, "truncated")
    assert low <= truth <= high or np.isclose(truth, high) or np.isclose(truth, low)


def test_the_2019_gdp_bounds_contain_the_official_figure(ds):
    obs = ds.observations
    report = obs[(obs["indicator"] == "gdp") & (obs["period"] == "2019") & (obs["confidence"] == "report")].iloc[0]
    low, high = bounds.interval(report["value"], report["qualifier"], report["decimals"], report["rounding"])
    assert low <= 23628.6 <= high
    # Read as rounded, 2.3万亿 would exclude the official first release.
    assert not bounds.interval(report["value"], "=", report["decimals"])[1] >= 23628.6


def test_derived_ranges_follow_a_truncated_input(ds):
    imp = derived.implied_values(ds, ranges=True).set_index("indicator")
    sei = imp.loc["strategic_emerging_industries_value_added"]
    # 23000-24000 times 24.245%-24.255%.
    assert sei["low"] == pytest.approx(23000 * 0.24245) and sei["high"] == pytest.approx(24000 * 0.24255)
    assert sei["low"] <= 23628.6 * 0.2425 <= sei["high"]  # ≈ 5730 with the official GDP


def test_every_report_figure_an_official_one_can_check_allows_it(ds):
    obs = ds.observations
    report = obs[obs["confidence"] == "report"]
    official = obs[obs["confidence"] != "report"]
    pairs = report.merge(official, on=["indicator", "region", "period"], suffixes=("", "_official"))
    assert sorted(zip(pairs["indicator"], pairs["period"])) == [("disposable_income_rural", "2019"), ("gdp", "2019")]
    for row in pairs.itertuples():
        low, high = bounds.interval(row.value, row.qualifier, row.decimals, row.rounding)
        assert low <= row.value_official <= high, row.indicator
        # Truncated only where rounding to the nearest unit could not have given the report's figure.
        nearest = bounds.interval(row.value, row.qualifier, row.decimals)
        assert (row.rounding == "truncated") == (not nearest[0] <= row.value_official <= nearest[1])
