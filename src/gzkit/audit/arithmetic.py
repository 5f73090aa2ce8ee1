"""The arithmetic the consistency checks share: reading a stated figure, the range its rounding allows,
and the row a check returns.

Published figures are rounded, so a figure stands for the range of numbers that round to it: half a
unit of its last published digit either side (28868 covers 28867.5 to 28868.5).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from gzkit import bounds, core, derived
from gzkit.data import Dataset
from gzkit.i18n import T, Text

REGION = core.DEFAULT_REGION


class Missing(Exception):
    """An input a check needs is not in the data package."""


class NotCheckable(Exception):
    """The inputs are there and valid, but the check cannot be made with them (a zero base, a negative level)."""


def need(condition: object, reason: str) -> None:
    """Refuse the check, with ``reason`` (a :class:`~gzkit.i18n.Text`), unless ``condition`` holds."""
    if not condition:
        raise NotCheckable(reason)


def stated_text(row: pd.Series) -> str:
    """A stated figure as written, with its qualifier (>12000, ~1.2, 28868)."""
    q = "" if row["qualifier"] == "=" else row["qualifier"]
    return f"{q}{figure(row['value'])}"


def observation(ds: Dataset, indicator: str, period: str, region: str = REGION, source: str | None = None) -> pd.Series:
    """One observation; the headline unless ``source`` (a substring of the source) picks another."""
    obs = ds.observations
    hit = obs[(obs["indicator"] == indicator) & (obs["region"] == region) & (obs["period"] == period)]
    hit = hit[hit["source"].str.contains(source, regex=False)] if source else hit[hit["headline"]]
    if hit.empty:
        if source:
            raise Missing(
                T(
                    "no {indicator} for {region} {period} from '{source}'",
                    indicator=indicator,
                    region=region,
                    period=period,
                    source=source,
                )
            )
        raise Missing(T("no {indicator} for {region} {period}", indicator=indicator, region=region, period=period))
    found: pd.Series = hit.iloc[0]
    return found


def half_unit(row: pd.Series) -> float:
    """Half a unit of the last published digit."""
    # Clamped: a package may declare any number of decimals, and 10.0 ** 400 overflows.
    return 0.5 * 10.0 ** max(-300, min(300, -int(row["decimals"])))


def figure(x: object, decimals: int | None = None) -> str:
    """A figure as written in a note; very large and very small ones in scientific notation, never as 0."""
    if not is_finite(x):
        return "undefined"
    value = float(x)  # type: ignore[arg-type]  # is_finite has made sure it is a number
    if value != 0 and not 1e-6 <= abs(value) < 1e15:
        return f"{value:.10g}"
    if decimals is not None:
        places = max(int(decimals), 0)
        return f"{round(value, places):.{places}f}"
    # Within this range .10g never turns to an exponent: no float noise, no needless zeros.
    return f"{value:.10g}"


def unit_of(ds: Dataset, indicator: str) -> str:
    unit = ds.indicators.loc[ds.indicators["id"] == indicator, "unit"]
    return str(unit.iloc[0]) if len(unit) else ""


def is_nan(x: object) -> bool:
    return isinstance(x, (float, np.floating)) and math.isnan(x)


def interval(row: pd.Series) -> tuple[float, float]:
    """The numbers a statement allows: its rounding range, or the open side of a bound."""
    low, high = bounds.interval(
        float(row["value"]), str(row["qualifier"]), int(row["decimals"]), str(row.get("rounding", "nearest"))
    )
    return float(low), float(high)


def label(row: pd.Series) -> str:
    q = "" if row["qualifier"] == "=" else row["qualifier"]
    return f"{row['indicator']} {row['region']} {row['period']} = {q}{figure(row['value'])}"


def sections(*rows: pd.Series) -> str:
    seen: list[str] = []
    for r in rows:
        if str(r["source"]) not in seen:
            seen.append(str(r["source"]))
    return " vs ".join(seen)


def check_row(
    check: str,
    section: str,
    inputs: list[str],
    expected: float,
    stated: float,
    status: str,
    note: str,
    qualifier: str = "=",
    tolerance: float = math.nan,
) -> dict[str, Any]:
    """The row a check returns; ``note`` is a :class:`~gzkit.i18n.Text`, read in the reader's language."""
    # Against a bound the difference measures nothing; the status and note say whether it holds.
    diff = stated - expected if is_finite(stated) and is_finite(expected) and qualifier in ("=", "~") else math.nan
    return {
        "check": check,
        "section": section,
        "inputs": joined(inputs),
        "expected": expected,
        "qualifier": qualifier,
        "stated": stated,
        "difference": diff,
        "tolerance": tolerance,
        "status": status,
        "note": note,
    }


def is_finite(x: object) -> bool:
    return isinstance(x, (int, float, np.floating)) and math.isfinite(x)


def implied(ds: Dataset, indicator: str, period: str) -> pd.Series:
    imp = derived.implied_values(ds, ranges=True)
    hit = imp[(imp["indicator"] == indicator) & (imp["period"] == period) & (imp["region"] == REGION)]
    if hit.empty or not is_finite(hit.iloc[0]["value"]):
        raise Missing(T("no implied {indicator} for {period}", indicator=indicator, period=period))
    found: pd.Series = hit.iloc[0]
    return found


def joined(inputs: list[str]) -> Text:
    """The inputs of a check in one cell, separated by '; '; those gzkit describes in words read in either language."""
    fields = {f"input{n}": text for n, text in enumerate(inputs)}
    return Text("; ".join(f"{{{name}}}" for name in fields), fields)


def verdict(holds: bool, when_it_holds: str, when_it_fails: str) -> tuple[str, str]:
    """A check's status and note: ``consistent`` and the note that shows the figures agreeing when its
    comparison holds, ``inconsistent`` and the note that says what cannot hold when it does not."""
    return ("consistent", when_it_holds) if holds else ("inconsistent", when_it_fails)


def common_range(*rows: pd.Series) -> tuple[float, float]:
    """The numbers every one of these statements allows, from ``low`` to ``high``; none when ``low > high``."""
    ranges = [interval(r) for r in rows]
    return max(low for low, _ in ranges), min(high for _, high in ranges)


def can_all_hold(*rows: pd.Series) -> bool:
    """Whether one number can make every one of these statements true: the ranges they allow overlap."""
    low, high = common_range(*rows)
    return low <= high


def agree(
    check: str,
    rows: list[pd.Series],
    expected_row: pd.Series,
    stated_row: pd.Series,
    ok_note: str,
    bad_note: str,
    also_read: list[pd.Series] | None = None,
) -> dict[str, Any]:
    """Statements of one quantity agree when the ranges they allow overlap.

    ``also_read`` are inputs the notes use without being statements of the quantity (listed last).
    """
    exact = expected_row["qualifier"] == "=" and stated_row["qualifier"] == "="
    status, note = verdict(can_all_hold(*rows), ok_note, bad_note)
    row = check_row(
        check,
        sections(*rows),
        [label(r) for r in [*rows, *(also_read or [])]],
        float(expected_row["value"]),
        float(stated_row["value"]),
        status,
        note,
        qualifier=expected_row["qualifier"],
        tolerance=half_unit(expected_row) + half_unit(stated_row) if exact else math.nan,
    )
    if not exact:
        # Between bounds a difference measures nothing; the overlap of the ranges is the check.
        row["difference"] = math.nan
    return row


def reading(row: pd.Series) -> str:
    """How a statement is read as a range of numbers."""
    lo, hi = interval(row)
    if row["qualifier"] in (">", ">="):
        return T("states {figure}, a lower bound", figure=stated_text(row))
    if row["qualifier"] in ("<", "<="):
        return T("states {figure}, an upper bound", figure=stated_text(row))
    if row["qualifier"] == "=":
        return T(
            "states ={figure}, worded as exact: a rounded figure ({low}-{high})",
            figure=figure(row["value"]),
            low=figure(lo),
            high=figure(hi),
        )
    return T("states {figure}, an approximation", figure=stated_text(row))
