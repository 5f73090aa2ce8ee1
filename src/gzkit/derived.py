"""Values the report implies but does not state, and each formula written out with its inputs.

Where the report gives a level together with its growth rate, its share of a
whole, or its completion rate, the other quantity follows. 2019 imports of
4,737.8亿元 "up 12.7%" imply 2018 imports of about 4737.8 / 1.127 = 4,203.9亿元.

Each rule in :data:`RULES` names the stated level, the stated rate and the kind
of relation (:data:`KINDS`). Results come in the shape of ``gzkit export`` with
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
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gzkit import bounds, core, provenance
from gzkit.data import Dataset


@dataclass(frozen=True)
class Kind:
    """How an implied value follows from a level ``a`` and a rate ``b`` (in percent)."""

    formula: Callable[[np.ndarray, np.ndarray], np.ndarray]
    #: +1 when the result rises with the input, -1 when it falls (for a >= 0 on the valid domain).
    signs: tuple[int, int]
    #: The implied value's year relative to the inputs' year.
    year_shift: int
    #: The formula in words ({a}, {b}: input labels) and in numbers ({a}, {d}: level and divisor or factor).
    words: str
    numbers: str
    divisor: Callable[[float], float]
    #: Where the rate leaves the formula undefined, and why.
    undefined: Callable[[np.ndarray], np.ndarray]
    reason: str
    #: ``b`` is a published rate, rounded to its last digit, which moves the result more than
    #: ``a``'s rounding does: read as approximate. False when ``b`` is a level like ``a``.
    rounded_rate: bool = True


def _level_over_percent(reason: str) -> Kind:
    """level / (rate / 100): a whole from a part's share, a plan from its completion rate."""
    return Kind(
        formula=lambda a, b: a / (b / 100),
        signs=(1, -1),
        year_shift=0,
        words="{a} / ({b} / 100)",
        numbers="{a} / {d}",
        divisor=lambda b: b / 100,
        undefined=lambda b: b <= 0,
        reason=reason,
    )


KINDS: dict[str, Kind] = {
    # The year before, from this year's level and its growth over that year.
    "before_growth": Kind(
        formula=lambda a, b: a / (1 + b / 100),
        signs=(1, -1),
        year_shift=-1,
        words="{a} / (1 + {b} / 100)",
        numbers="{a} / {d}",
        divisor=lambda b: 1 + b / 100,
        undefined=lambda b: b <= -100,
        reason="undefined: a fall of 100% or more leaves no earlier level",
    ),
    # The whole, from a part and its share of the whole.
    "whole_from_share": _level_over_percent("undefined: the share is not positive"),
    # A part, from the whole and the part's share of it.
    "part_from_share": Kind(
        formula=lambda a, b: a * (b / 100),
        signs=(1, 1),
        year_shift=0,
        words="{a} * {b} / 100",
        numbers="{a} * {d}",
        divisor=lambda b: b / 100,
        undefined=lambda b: b < 0,
        reason="undefined: the share is negative",
    ),
    # The planned number, from what was done and the completion rate.
    "target_from_completion": _level_over_percent("undefined: the completion rate is not positive"),
    # One level as a multiple of another (urban income / rural income: the 城乡收入倍差, rural = 1).
    "ratio": Kind(
        formula=lambda a, b: a / b,
        signs=(1, -1),
        year_shift=0,
        words="{a} / {b}",
        numbers="{a} / {d}",
        divisor=lambda b: b,
        undefined=lambda b: b <= 0,
        reason="undefined: the divisor is not positive",
        rounded_rate=False,
    ),
    # A level from another level times a stated ratio or per-unit amount (urban = rural x ratio).
    "product": Kind(
        formula=lambda a, b: a * b,
        signs=(1, 1),
        year_shift=0,
        words="{a} * {b}",
        numbers="{a} * {d}",
        divisor=lambda b: b,
        undefined=lambda b: b <= 0,
        reason="undefined: the factor is not positive",
    ),
}


@dataclass(frozen=True)
class Rule:
    """One implied value: ``indicator`` follows from ``level`` and ``rate`` by ``kind``.

    ``indicator`` may be a quantity gzkit has no indicator for; then ``domain``,
    ``name_en``, ``name_zh`` and ``unit`` describe it.
    """

    indicator: str
    kind: str
    level: str
    rate: str
    note: str = ""
    domain: str = ""
    name_en: str = ""
    name_zh: str = ""
    unit: str = ""


#: Every level the report states beside a growth rate, share or completion rate of the same basis.
#: Real (comparable-price) growth rates are left out on purpose: dividing a current-price level by
#: real growth gives neither year's current-price value.
RULES: tuple[Rule, ...] = (
    Rule("imports", "before_growth", "imports", "imports_growth"),
    Rule(
        "cross_border_ecommerce_trade",
        "before_growth",
        "cross_border_ecommerce_trade",
        "cross_border_ecommerce_trade_growth",
    ),
    Rule(
        "gdp",
        "whole_from_share",
        "cultural_industry_value_added",
        "cultural_industry_gdp_share",
        note="the GDP the report's share was computed on; well below the first-release 2018 GDP of 22859.35, "
        "see gzkit audit",
    ),
    Rule(
        "strategic_emerging_industries_value_added",
        "part_from_share",
        "gdp",
        "strategic_emerging_industries_share",
        note="rough: the 2019 GDP is published as 2.3万亿, its digits cut off (the official figure is 23628.6)",
        domain="economy",
        name_en="Strategic emerging industries value added",
        name_zh="战略性新兴产业增加值",
        unit="100m_yuan",
    ),
    Rule(
        "disposable_income_urban",
        "product",
        "disposable_income_rural",
        "income_ratio_urban_rural",
        note="urban income from the official urban/rural ratio (rural = 1) times the yearbook rural income; "
        "the ratio's two decimals set the range",
    ),
    Rule(
        "income_ratio_urban_rural",
        "ratio",
        "disposable_income_urban",
        "disposable_income_rural",
        note="the urban-rural income ratio (rural = 1) that the two stated incomes imply; gzkit gap computes it too",
        domain="livelihood",
        name_en="Urban-rural income ratio (rural = 1)",
        name_zh="城乡居民收入倍差",
        unit="ratio",
    ),
    Rule(
        "agri_parks_total_income_gain",
        "product",
        "agri_parks_households_driven",
        "agri_parks_household_income_gain",
        note="10 thousand households times 10 thousand yuan each is 100 million yuan",
        domain="urban_rural",
        name_en="Total income gain of the households the parks drive",
        name_zh="现代农业产业园带动农户增收总额",
        unit="100m_yuan",
    ),
    Rule(
        "public_toilet_programme_target",
        "target_from_completion",
        "public_toilets_built",
        "public_toilet_programme_completion_rate",
        note="the planned number of the toilet programme, which the report does not state",
        domain="ecology",
        name_en="Public toilets planned by the programme",
        name_zh="公厕建设任务数",
        unit="count",
    ),
)

_INPUT_COLS = [
    "indicator",
    "region",
    "period",
    "year",
    "value",
    "qualifier",
    "decimals",
    "rounding",
    "year_inferred",
    "source",
    "vintage",
    "confidence",
]


def implied_values(
    ds: Dataset,
    rules: tuple[Rule, ...] = RULES,
    ranges: bool = False,
    *,
    years=None,
    indicators=None,
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
    columns = core.export_columns(ds) + ["derivation"] + (["low", "high", "release"] if ranges else [])
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
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})

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
        reason[bad & (a < 0)] = "undefined: the level is negative"
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
    reason = np.where(np.isnan(value) & (reason == ""), "undefined: the result is not a finite number", reason)
    decimals = _decimals(digits_lo, digits_hi, m["a_decimals"].to_numpy(dtype="int64"))

    meta = ds.indicators.set_index("id")
    known = m["indicator"].isin(meta.index)

    def _meta(col: str) -> np.ndarray:
        from_rule = m[col].to_numpy(dtype=object)
        from_data = m["indicator"].map(meta[col]) if len(meta) else pd.Series(np.nan, index=m.index)
        return np.where(known, from_data.to_numpy(dtype=object), from_rule)

    year = m["a_year"].to_numpy(dtype="int64") + shifts
    period = np.where(shifts == 0, m["a_period"].to_numpy(dtype=object), year.astype(str))
    range_note = [
        ""
        if math.isnan(low)
        else f"the inputs' published rounding puts it between {_fmt(low, d + 1)} and {_fmt(high, d + 1)}"
        for low, high, d in zip(lo, hi, decimals)
    ]
    unknown = np.where(known, "", "gzkit has no indicator '" + m["indicator"] + "'; described by the rule")
    inputs = provenance.compare_columns(m["a_vintage"], m["b_vintage"], m["a_confidence"], m["b_confidence"])
    release = np.where(inputs["same_release"], m["a_vintage"], m["a_vintage"] + " + " + m["b_vintage"])
    note = _join(reason, range_note, m["note"].to_numpy(dtype=object), inputs["note"].to_numpy(dtype=object), unknown)
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
            "value": core._round(value),
            "qualifier": np.where(np.isnan(value), "", qualifier),
            "decimals": decimals,
            "year_inferred": (m["a_year_inferred"] | m["b_year_inferred"]).to_numpy(dtype=bool),
            "source": "derived from " + sources,
            "vintage": "derived",
            "confidence": inputs["confidence"].to_numpy(dtype=object),
            "evidence": "",
            "headline": False,
            "note": note,
            "derivation": [
                _derivation(r, v, d)
                for r, v, d in zip(m[_DERIVATION_COLS].itertuples(index=False), value.tolist(), decimals.tolist())
            ],
            "low": core._round(lo),
            "high": core._round(hi),
            "release": release,
        }
    )
    for col in columns:
        if col not in out.columns:
            out[col] = ""
    return out[columns].reset_index(drop=True)


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


def _fmt(x: float, decimals: int | None = None) -> str:
    """A number as people write it in a formula: no float noise, no needless zeros."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "undefined"
    if decimals is not None:
        return f"{round(float(x), max(int(decimals), 0)):.{max(int(decimals), 0)}f}"
    text = f"{float(x):.10g}"
    if "e" in text:
        text = f"{float(x):.10f}".rstrip("0").rstrip(".")
    return text


def _join(*parts) -> np.ndarray:
    cols = [np.asarray(p, dtype=object) for p in parts]
    return np.array(["; ".join(s for s in row if s) for row in zip(*cols)], dtype=object)


#: What :func:`_derivation` reads from a matched rule.
_DERIVATION_COLS = ["kind", "indicator", "level", "rate", "a_period", "b_period", "a_value", "b_value", "a_decimals"]


def _derivation(row, value: float, decimals: int) -> str:
    kind = KINDS[row.kind]
    label_a = f"{row.level} {row.a_period}"
    label_b = f"{row.rate} {row.b_period}"
    words = kind.words.format(a=label_a, b=label_b)
    if not math.isfinite(row.b_value) or not math.isfinite(row.a_value):
        return f"{row.indicator} = {words}: undefined"
    numbers = kind.numbers.format(a=_fmt(row.a_value), d=_fmt(kind.divisor(row.b_value)))
    # One guard digit beyond what the result deserves, never more digits than the level has.
    # A ratio of two levels has digits neither level shows: its range decides.
    shown = max(decimals + 1 if not kind.rounded_rate else min(int(row.a_decimals), decimals + 1), 0)
    result = _fmt(value, shown) if math.isfinite(value) else "undefined"
    return f"{words} = {numbers} = {result}"


# --------------------------------------------------------------------------- explanations


def explain(df: pd.DataFrame, kind: str) -> list[str]:
    """Each row's formula with its numbers, one line per row, for ``--explain``.

    ``kind`` names the function that made ``df``: compare, growth, gap or progress.
    """
    try:
        line = _EXPLAINERS[kind]
    except KeyError:
        raise ValueError(f"no explanation for '{kind}'; choose one of {', '.join(_EXPLAINERS)}") from None
    return [line(r) for r in df.itertuples(index=False)]


def _rate_text(label: str, v0: float, v1: float, n, cagr: float, pct: float, change: float, q: str, note: str) -> str:
    if _finite(cagr) and _finite(n) and n > 0:
        return f"cagr {label}: (({_fmt(v1)} / {_fmt(v0)}) ** (1/{_fmt(n)}) - 1) * 100 = {cagr:.4f} ({q})"
    if _finite(pct):
        return f"pct_change {label}: ({_fmt(v1)} / {_fmt(v0)} - 1) * 100 = {pct:.4f} ({q})"
    if not _finite(change):
        return f"{label}: {note or 'undefined'}"
    text = f"change {label}: {_fmt(v1)} - {_fmt(v0)} = {_fmt(change)} ({q})"
    return f"{text}; {note}" if note else text


def _explain_compare(r) -> str:
    return _with_derivation(r, _compare_text(r))


def _with_derivation(r, text: str) -> str:
    """The formula line, followed by the formula of each implied input."""
    derivation = getattr(r, "derivation", "")
    return f"{text}; implied {derivation}" if isinstance(derivation, str) and derivation else text


def _compare_text(r) -> str:
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


def _explain_growth(r) -> str:
    return _with_derivation(r, _growth_text(r))


def _growth_text(r) -> str:
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


def _explain_gap(r) -> str:
    label = f"{r.region} {r.year}"
    if not _finite(r.ratio):
        return f"ratio {label}: {r.note}"
    return (
        f"ratio {label}: {_fmt(r.urban)} / {_fmt(r.rural)} = {r.ratio:.4f} ({r.qualifier}); "
        f"difference = {_fmt(r.urban)} - {_fmt(r.rural)} = {_fmt(r.difference)}"
    )


def _explain_progress(r) -> str:
    label = f"completion {r.target_id} ({r.indicator})"
    if not _finite(r.completion_pct):
        return f"{label}: {r.note or 'undefined'}"
    if r.target_implied:
        return (
            f"{label}: stated by the report = {_fmt(r.completion_pct)} ({r.qualifier}); target implied "
            f"{_fmt(r.value)} / ({_fmt(r.completion_pct)} / 100) = {_fmt(r.target, 1)}"
        )
    if r.comparison == "<=":
        return (
            f"{label}: {_fmt(r.target)} / {_fmt(r.value)} * 100 = {r.completion_pct:.4f} ({r.qualifier}); "
            "lower is better, so below the target is over 100"
        )
    return f"{label}: {_fmt(r.value)} / {_fmt(r.target)} * 100 = {r.completion_pct:.4f} ({r.qualifier})"


_EXPLAINERS = {
    "compare": _explain_compare,
    "growth": _explain_growth,
    "gap": _explain_gap,
    "progress": _explain_progress,
}


def _finite(x) -> bool:
    try:
        return x is not None and x is not pd.NA and math.isfinite(float(x))
    except (TypeError, ValueError):
        return False
