"""Each derived number's formula written out with its numbers, one line per row (``--explain``)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from gzkit.finite import is_finite
from gzkit.notes import plain_number


def explain(df: pd.DataFrame, kind: str) -> list[str]:
    """Each row's formula with its numbers, one line per row, for ``--explain``.

    ``kind`` names the function that made ``df``: compare, growth, gap or progress.
    """
    try:
        line = _EXPLAINERS[kind]
    except KeyError:
        raise ValueError(f"no explanation for '{kind}'; choose one of {', '.join(_EXPLAINERS)}") from None
    return [line(r) for r in df.itertuples(index=False)]


def _rate_text(
    label: str, v0: float, v1: float, n: float, cagr: float, pct: float, change: float, q: str, note: str
) -> str:
    if is_finite(cagr) and is_finite(n) and n > 0:
        ratio = f"{plain_number(v1)} / {plain_number(v0)}"
        return f"cagr {label}: (({ratio}) ** (1/{plain_number(n)}) - 1) * 100 = {cagr:.4f} ({q})"
    if is_finite(pct):
        return f"pct_change {label}: ({plain_number(v1)} / {plain_number(v0)} - 1) * 100 = {pct:.4f} ({q})"
    if not is_finite(change):
        return f"{label}: {note or 'undefined'}"
    text = f"change {label}: {plain_number(v1)} - {plain_number(v0)} = {plain_number(change)} ({q})"
    return f"{text}; {note}" if note else text


def _explain_compare(r: Any) -> str:
    return _with_derivation(r, _compare_text(r))


def _with_derivation(r: Any, text: str) -> str:
    """The formula line, followed by the formula of each implied input."""
    derivation = getattr(r, "derivation", "")
    return f"{text}; implied {derivation}" if isinstance(derivation, str) and derivation else text


def _compare_text(r: Any) -> str:
    return _rate_text(
        f"{r.indicator} {r.region}",
        r.value_a,
        r.value_b,
        r.year_b - r.year_a,
        r.cagr,
        r.pct_change,
        r.change,
        r.qualifier,
        r.note,
    )


def _explain_growth(r: Any) -> str:
    return _with_derivation(r, _growth_text(r))


def _growth_text(r: Any) -> str:
    return _rate_text(
        f"{r.indicator} {r.region} {r.from_year}->{r.to_year}",
        r.value_from,
        r.value_to,
        r.years,
        r.cagr,
        r.pct_change,
        r.change,
        r.qualifier,
        r.note,
    )


def _explain_gap(r: Any) -> str:
    label = f"{r.region} {r.year}"
    if not is_finite(r.ratio):
        return f"ratio {label}: {r.note}"
    return (
        f"ratio {label}: {plain_number(r.urban)} / {plain_number(r.rural)} = {r.ratio:.4f} ({r.qualifier}); "
        f"difference = {plain_number(r.urban)} - {plain_number(r.rural)} = {plain_number(r.difference)}"
    )


def _explain_progress(r: Any) -> str:
    label = f"completion {r.target_id} ({r.indicator})"
    if not is_finite(r.completion_pct):
        return f"{label}: {r.note or 'undefined'}"
    if r.target_implied:
        return (
            f"{label}: stated by the report = {plain_number(r.completion_pct)} ({r.qualifier}); target implied "
            f"{plain_number(r.value)} / ({plain_number(r.completion_pct)} / 100) = {plain_number(r.target, 1)}"
        )
    if r.comparison == "<=":
        return (
            f"{label}: {plain_number(r.target)} / {plain_number(r.value)} * 100 = "
            f"{r.completion_pct:.4f} ({r.qualifier}); "
            "lower is better, so below the target is over 100"
        )
    return f"{label}: {plain_number(r.value)} / {plain_number(r.target)} * 100 = {r.completion_pct:.4f} ({r.qualifier})"


_EXPLAINERS = {
    "compare": _explain_compare,
    "growth": _explain_growth,
    "gap": _explain_gap,
    "progress": _explain_progress,
}
