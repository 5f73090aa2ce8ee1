"""Values the report implies but does not state, and each formula written out with its inputs.

Where the report gives a level together with its growth rate, its share of a
whole, or its completion rate, the other quantity follows. 2019 imports of
4,737.8亿元 "up 12.7%" imply 2018 imports of about 4737.8 / 1.127 = 4,203.9亿元.

Each rule in :data:`gzkit.formulas.RULES` names the stated level, the stated rate and the kind
of relation (:data:`gzkit.formulas.KINDS`). Results come in the shape of ``gzkit export`` with
``vintage = "derived"``, ``headline = False`` and a ``derivation`` column holding
the formula and its numbers.

Qualifiers follow :func:`gzkit.bounds.combine`, except that a published rate is
read as approximate (``~``): a rate rounded to 0.1 points moves a level derived
from it by far more than the level's own rounding. The note gives the range the
inputs' published rounding allows, and ``decimals`` keeps only the digits that
range supports. docs/methodology.md has the full text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from gzkit import bounds, provenance
from gzkit.columns import FIGURE, RELEASE, STATEMENT
from gzkit.data import Dataset
from gzkit.explain import explain
from gzkit.finite import derived_number
from gzkit.formulas import KINDS, RULES, Kind, Rule
from gzkit.i18n import T
from gzkit.notes import choose, join_notes, note_column, plain_number
from gzkit.tidy import export_columns

#: The formulas and the explanations live in their own modules; ``derived.RULES`` and
#: ``derived.explain`` keep working for library users.
__all__ = ["KINDS", "RULES", "Kind", "Rule", "explain", "export_with_derived", "implied_values"]

_INPUT_COLS = [*FIGURE, *STATEMENT, "rounding", "year_inferred", *RELEASE]


def implied_values(
    ds: Dataset,
    rules: tuple[Rule, ...] = RULES,
    ranges: bool = False,
    *,
    years: Iterable[int] | None = None,
    indicators: Iterable[str] | None = None,
    region: str | None = None,
    stated: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every value a rule implies from the headline observations, in the shape of ``core.export``.

    Columns: those of :func:`gzkit.core.export` plus ``derivation``; with
    ``ranges``, also ``low`` and ``high``, the range the inputs' published
    rounding allows (empty when an input is a bound or approximate), and
    ``release``, the release of the inputs (one vintage, or two joined by " + ").
    ``value`` is empty (NaN) with a note ``undefined: ...`` where the formula has
    no meaning. ``confidence`` is the lowest of the inputs' confidences.

    ``years``, ``indicators`` and ``region`` keep only the implied values of
    those years, indicators and region; they narrow the inputs before anything is
    computed, which matters inside ``compare`` on a large package. ``stated``
    (columns indicator, region, year) names values the caller already has a
    statement for; their implied values are not computed.
    """
    columns = export_columns(ds) + ["derivation"] + (["low", "high", "release"] if ranges else [])
    every = ds.observations
    # Only the rules' inputs, found before anything is copied: this runs inside compare and growth.
    if indicators is not None:
        keep = set(indicators)
        rules = tuple(r for r in rules if r.indicator in keep)
    wanted = {r.level for r in rules} | {r.rate for r in rules}
    mask = every["headline"].to_numpy() & every["indicator"].isin(wanted).to_numpy()
    if years is not None:
        # An input of year y implies a value of year y + shift.
        shifts = {k.year_shift for k in KINDS.values()}
        mask &= every["year"].isin({int(y) - s for y in years for s in shifts}).to_numpy()
    if region is not None:
        mask &= (every["region"] == region).to_numpy()
    obs = every.loc[mask, _INPUT_COLS]
    table = pd.DataFrame([r.__dict__ for r in rules]) if rules else pd.DataFrame(columns=list(Rule.__annotations__))
    table["note"] = note_column([r.note for r in rules], table.index)
    m = table.merge(obs.add_prefix("a_"), left_on="level", right_on="a_indicator").merge(
        obs.add_prefix("b_"), left_on=["rate", "a_region", "a_period"], right_on=["b_indicator", "b_region", "b_period"]
    )
    # A growth rate over a multi-year span says nothing about one earlier year.
    m = m[(m["kind"].map(lambda k: KINDS[k].year_shift) == 0) | (m["a_period"].str.len() == 4)].reset_index(drop=True)
    # astype: an empty map is a string column when pandas stores strings in Arrow, and str + int fails.
    out_year = m["a_year"] + m["kind"].map(lambda k: KINDS[k].year_shift).astype("int64")
    if years is not None:
        keep = out_year.isin([int(y) for y in years])
        m, out_year = m[keep].reset_index(drop=True), out_year[keep].reset_index(drop=True)
    if stated is not None and len(m):
        have = pd.MultiIndex.from_frame(stated[["indicator", "region", "year"]].astype({"year": "int64"}))
        mine = pd.MultiIndex.from_arrays([m["indicator"], m["a_region"], out_year.astype("int64")])
        m = m[~mine.isin(have)].reset_index(drop=True)
    shifts = m["kind"].map(lambda k: KINDS[k].year_shift).to_numpy(dtype="int64")
    if m.empty:
        empty: pd.DataFrame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
        return empty

    a = m["a_value"].to_numpy(dtype="float64")
    b = m["b_value"].to_numpy(dtype="float64")
    value = np.full(len(m), np.nan)
    lo = np.full(len(m), np.nan)
    hi = np.full(len(m), np.nan)
    digits_lo = np.full(len(m), np.nan)
    digits_hi = np.full(len(m), np.nan)
    reason = np.full(len(m), "", dtype=object)
    qualifier = np.full(len(m), "=", dtype=object)
    # Published rates are rounded; what they imply is approximate.
    rounded = m["kind"].map(lambda k: KINDS[k].rounded_rate).to_numpy(dtype=bool)
    q_rate = np.where(rounded & (m["b_qualifier"] == "="), "~", m["b_qualifier"]).astype(object)
    # What each input's published rounding allows (a truncated figure reaches a whole unit up).
    a_lo, a_hi = bounds.interval(a, "=", m["a_decimals"].to_numpy(), m["a_rounding"].to_numpy())
    b_lo, b_hi = bounds.interval(b, "=", m["b_decimals"].to_numpy(), m["b_rounding"].to_numpy())
    exact = ((m["a_qualifier"] == "=") & (m["b_qualifier"] == "=")).to_numpy()
    for name, kind in KINDS.items():
        rows = (m["kind"] == name).to_numpy()
        if not rows.any():
            continue
        bad = rows & (kind.undefined(b) | (a < 0) | ~np.isfinite(a) | ~np.isfinite(b))
        good = rows & ~bad
        reason[bad & (a < 0)] = T("undefined: the level is negative")
        reason[bad & ~(a < 0)] = kind.reason
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            value[good] = kind.formula(a[good], b[good])
            # Monotone in each input: the extremes sit at the corners the signs point to.
            sa, sb = kind.signs
            lo[good] = kind.formula((a_lo if sa > 0 else a_hi)[good], (b_lo if sb > 0 else b_hi)[good])
            hi[good] = kind.formula((a_hi if sa > 0 else a_lo)[good], (b_hi if sb > 0 else b_lo)[good])
        # A range that reaches where the formula breaks down is no range.
        ok_range = good & exact & np.isfinite(lo) & np.isfinite(hi) & ~kind.undefined(b_lo) & ~kind.undefined(b_hi)
        # An approximate input ("约1.2万元") is at least as uncertain as its last digit: that still caps the digits.
        digits_lo[rows], digits_hi[rows] = lo[rows], hi[rows]
        lo[~ok_range & rows] = np.nan
        hi[~ok_range & rows] = np.nan
        qualifier[rows] = bounds.combine([m.loc[rows, "a_qualifier"].to_numpy(), q_rate[rows]], list(kind.signs))
    value = np.where(np.isfinite(value), value, np.nan)
    reason = choose(np.isnan(value) & (reason == ""), T("undefined: the result is not a finite number"), reason)
    decimals = _decimals(digits_lo, digits_hi, m["a_decimals"].to_numpy(dtype="int64"))

    meta = ds.indicators.set_index("id")
    known = m["indicator"].isin(meta.index)

    def _meta(col: str) -> np.ndarray:
        from_rule = m[col].to_numpy(dtype=object)
        from_data = m["indicator"].map(meta[col]) if len(meta) else pd.Series(np.nan, index=m.index)
        chosen: np.ndarray = np.where(known, from_data.to_numpy(dtype=object), from_rule)
        return chosen

    year = m["a_year"].to_numpy(dtype="int64") + shifts
    period = np.where(shifts == 0, m["a_period"].to_numpy(dtype=object), year.astype(str))
    range_note = [
        ""
        if math.isnan(low)
        else T(
            "the inputs' published rounding puts it between {low} and {high}",
            low=plain_number(low, d + 1),
            high=plain_number(high, d + 1),
        )
        for low, high, d in zip(lo, hi, decimals)
    ]
    unknown = [
        "" if have else T("gzkit has no indicator '{indicator}'; described by the rule", indicator=ind)
        for have, ind in zip(known, m["indicator"])
    ]
    inputs = provenance.compare_columns(m["a_vintage"], m["b_vintage"], m["a_confidence"], m["b_confidence"])
    release = np.where(inputs["same_release"], m["a_vintage"], m["a_vintage"] + " + " + m["b_vintage"])
    note = join_notes(
        reason, range_note, m["note"].to_numpy(dtype=object), inputs["note"].to_numpy(dtype=object), unknown
    )
    sources = np.where(m["a_source"] == m["b_source"], m["a_source"], m["a_source"] + "; " + m["b_source"])
    out = pd.DataFrame(
        {
            "indicator": m["indicator"],
            "domain": _meta("domain"),
            "region": m["a_region"],
            "name_en": _meta("name_en"),
            "name_zh": _meta("name_zh"),
            "unit": _meta("unit"),
            "period": period,
            "year": year,
            "value": derived_number(value),
            "qualifier": np.where(np.isnan(value), "", qualifier),
            "decimals": decimals,
            "year_inferred": (m["a_year_inferred"] | m["b_year_inferred"]).to_numpy(dtype=bool),
            "source": note_column([T("derived from {sources}", sources=s) for s in sources]),
            "vintage": "derived",
            "confidence": inputs["confidence"].to_numpy(dtype=object),
            "evidence": "",
            "headline": False,
            "note": note_column(note),
            "derivation": [
                _derivation(r, v, d)
                for r, v, d in zip(m[_DERIVATION_COLS].itertuples(index=False), value.tolist(), decimals.tolist())
            ],
            "low": derived_number(lo),
            "high": derived_number(hi),
            "release": release,
        }
    )
    for col in columns:
        if col not in out.columns:
            out[col] = ""
    result: pd.DataFrame = out[columns].reset_index(drop=True)
    return result


def export_with_derived(ds: Dataset) -> pd.DataFrame:
    """``core.export`` followed by the implied values, with a ``derivation`` column (empty for observations).

    The same as ``gzkit.exports.export(ds, with_derived=True)``, which also filters.
    """
    from gzkit import exports

    return exports.export(ds, with_derived=True)


def _decimals(lo: np.ndarray, hi: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """Digits a result deserves: down to the first digit the rounding range leaves uncertain."""
    width = hi - lo
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.ceil(-np.log10(np.where(width > 0, width, np.nan)))
    return np.where(np.isfinite(d), d, fallback).astype("int64")


#: What :func:`_derivation` reads from a matched rule.
_DERIVATION_COLS = ["kind", "indicator", "level", "rate", "a_period", "b_period", "a_value", "b_value", "a_decimals"]


def _derivation(row: Any, value: float, decimals: int) -> str:
    kind = KINDS[row.kind]
    label_a = f"{row.level} {row.a_period}"
    label_b = f"{row.rate} {row.b_period}"
    words = kind.words.format(a=label_a, b=label_b)
    if not math.isfinite(row.b_value) or not math.isfinite(row.a_value):
        return f"{row.indicator} = {words}: undefined"
    numbers = kind.numbers.format(a=plain_number(row.a_value), d=plain_number(kind.divisor(row.b_value)))
    # One guard digit beyond what the result deserves, never more digits than the level has.
    # A ratio of two levels has digits neither level shows: its range decides.
    shown = max(decimals + 1 if not kind.rounded_rate else min(int(row.a_decimals), decimals + 1), 0)
    result = plain_number(value, shown) if math.isfinite(value) else "undefined"
    return f"{words} = {numbers} = {result}"
