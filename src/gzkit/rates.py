"""Rates of change between two figures, and which way a change reads.

* change      = v1 - v0
* pct_change  = (v1 / v0 - 1) * 100, undefined when v0 <= 0
* cagr        = ((v1 / v0) ** (1 / n) - 1) * 100, n = real years between the
  observations; undefined when v0 <= 0, v1 < 0 or n = 0

:func:`rates` computes all three over columns and says why a rate is undefined;
:func:`direction` reads a change as better or worse for the indicator's polarity,
honest about bounds (a lower bound that went down says nothing). Used by
``compare``, ``growth`` and ``versus``; docs/methodology.md has the full text.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from gzkit.finite import derived_number
from gzkit.i18n import T

#: Units for which a percent change or CAGR means nothing: compare them by `change`.
NO_GROWTH_UNITS = frozenset({"percent", "percentage_points", "rank"})


def change_rates(
    v0: ArrayLike, v1: ArrayLike, years: ArrayLike, unit: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Change, pct_change and cagr over columns, and why a rate is undefined (a :class:`~gzkit.i18n.Text`, or "").

    ``years`` is the real time between the figures; ``unit`` each row's unit id
    (:data:`NO_GROWTH_UNITS` get only a change). The three numbers are rounded by
    :func:`gzkit.finite.derived_number`.
    """
    v0 = np.asarray(v0, dtype="float64")
    v1 = np.asarray(v1, dtype="float64")
    years = np.asarray(years, dtype="float64")
    no_growth = np.isin(np.asarray(unit, dtype=object), list(NO_GROWTH_UNITS))
    change = v1 - v0
    reason = np.full(len(v0), "", dtype=object)
    reason[years <= 0] = T("undefined: no time between the observations")
    reason[(v1 < 0) & (v0 > 0)] = T("undefined: the sign changes")
    reason[v0 == 0] = T("undefined: the base is zero")
    reason[v0 < 0] = T("undefined: the base is negative")
    reason[no_growth] = T("rates of change not meaningful for this unit; see change")
    # An overflow is reported in ``reason`` below, not as a numpy warning.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        pct_ok = (v0 > 0) & ~no_growth
        pct = np.where(pct_ok, (v1 / np.where(pct_ok, v0, 1) - 1) * 100, np.nan)
        cagr_ok = pct_ok & (v1 >= 0) & (years > 0)
        cagr = np.where(
            cagr_ok,
            (np.power(np.where(cagr_ok, v1 / np.where(cagr_ok, v0, 1), 1), 1 / np.where(cagr_ok, years, 1)) - 1) * 100,
            np.nan,
        )
    overflow = ~np.isfinite(pct) & pct_ok | ~np.isfinite(cagr) & cagr_ok
    reason[overflow] = T("undefined: the result overflows")
    pct = np.where(np.isfinite(pct), pct, np.nan)
    cagr = np.where(np.isfinite(cagr), cagr, np.nan)
    return derived_number(change), derived_number(pct), derived_number(cagr), reason


def direction(change: ArrayLike, qualifier: ArrayLike, polarity: ArrayLike) -> np.ndarray:
    """better / worse / same / unclear / neutral, reading a bound's direction honestly."""
    change = np.asarray(change, dtype="float64")
    q = np.asarray(qualifier, dtype=object)
    sign = np.sign(change)
    known = (
        np.isin(q, ["=", "~"]) | (np.isin(q, [">", ">="]) & (change >= 0)) | (np.isin(q, ["<", "<="]) & (change <= 0))
    )
    # A lower bound on a zero change still says "at least no change": strict > means up.
    sign = np.where(np.isin(q, [">"]) & (change == 0), 1, sign)
    sign = np.where(np.isin(q, ["<"]) & (change == 0), -1, sign)
    sign = np.where(np.isin(q, [">="]) & (change == 0), np.nan, sign)
    sign = np.where(np.isin(q, ["<="]) & (change == 0), np.nan, sign)
    pol = np.asarray(polarity, dtype=object)
    flip = np.where(pol == "lower_better", -1, 1)
    s = sign * flip
    out = np.where(s > 0, "better", np.where(s < 0, "worse", "same"))
    out = np.where(~known | np.isnan(s), "unclear", out)
    out = np.where(pol == "neutral", "neutral", out)
    return out
