"""Value axes: round ticks, logarithmic ticks, and what an axis refuses to draw."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd

from gzkit import humanize
from gzkit.errors import GzkitError, UsageError
from gzkit.i18n import T, one_of

KINDS = ("line", "bar")
FIGURE_SUFFIXES = (".svg", ".png", ".pdf")
#: PNG resolutions gzkit accepts: below 50 dpi the source line is unreadable; at 1200 dpi
#: the 8-inch figure is 9,600 pixels wide and drawing it takes a few hundred megabytes of memory.
DPI_RANGE = (50, 1200)
DEFAULT_DPI = 150


def require_positive(df: pd.DataFrame, lang: str = "en") -> None:
    """Refuse a logarithmic axis for values it cannot place (zero or below)."""
    bad = df[~(df["value"].astype("float64") > 0)]
    if bad.empty:
        return
    row = bad.iloc[0]
    value = humanize.number(float(row["value"]), int(row["decimals"]) if pd.notna(row["decimals"]) else 4)
    where = f"{row['indicator']} ({row['region']}, {int(row['year'])}) = {value}"
    raise GzkitError(
        T("a logarithmic axis cannot show {point}: values must be above zero.", point=where),
        T("Run it again without --log."),
    )


def check_log(df: pd.DataFrame, kind: str, lang: str = "en") -> None:
    """Refuse what a logarithmic axis cannot draw honestly: values at or below zero, and bars."""
    check_log_kind(kind, lang)
    require_positive(df, lang)


def check_log_kind(kind: str, lang: str = "en") -> None:
    """Refuse bars on a logarithmic axis."""
    if kind == "bar":
        # A bar's length on a log axis depends on where the axis happens to start, so it means nothing.
        raise UsageError(
            T("a logarithmic axis cannot draw bars: their length would depend on where the axis starts."),
            T("Use --kind line with --log."),
        )


def check_kind(kind: str) -> None:
    """Refuse a chart kind gzkit does not draw."""
    if kind not in KINDS:
        raise UsageError(
            T("unknown chart kind '{kind}'.", kind=kind), T("Choose one of: {kinds}.", kinds=one_of(list(KINDS)))
        )


def check_dpi(dpi: int, lang: str = "en") -> None:
    """Refuse a PNG resolution outside :data:`DPI_RANGE`."""
    lo, hi = DPI_RANGE
    if not lo <= dpi <= hi:
        raise UsageError(
            T("--dpi must be between {low} and {high} (got {dpi}).", low=lo, high=hi, dpi=dpi),
            T("The default is {dpi}.", dpi=DEFAULT_DPI),
        )


def log_ticks(lo: float, hi: float) -> tuple[list[float], int]:
    """Tick positions for a logarithmic axis over [lo, hi] (both above zero) and the decimals their labels need."""
    first, last = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    if last == first:
        last += 1
    # Few decades: 1, 2, 5 in each, so the axis has more than two labels.
    steps = (1, 2, 5) if last - first <= 2 else (1,)
    ticks = [m * 10.0**e for e in range(first, last + 1) for m in steps]
    inside = [t for t in ticks if lo <= t <= hi]
    below = [t for t in ticks if t < lo]
    above = [t for t in ticks if t > hi]
    ticks = ([below[-1]] if below else []) + inside + ([above[0]] if above else [])
    ticks = [float(f"{t:.12g}") for t in ticks]
    decimals = max(0, -math.floor(math.log10(min(ticks)) + 1e-12))
    return ticks, decimals


def nice_ticks(lo: float, hi: float, count: int = 6) -> tuple[list[float], int]:
    """Round tick positions covering [lo, hi] and the decimals their labels need."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo, hi = 0.0, 1.0
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo or not 0 < (hi - lo) / max(count - 1, 1) < math.inf:
        # One value, a span too small to divide (5e-324), or too large to hold (1e308 - -1e308).
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = (lo - pad, hi + pad) if math.isfinite(lo - pad) and math.isfinite(hi + pad) else (lo, hi)
    raw = (hi - lo) / max(count - 1, 1)
    if not 0 < raw < math.inf:
        raise Undrawable(lo, hi)
    # A float: 10 ** 19 as an int would reach matplotlib as an object it cannot test for finiteness.
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(lo / step + 1e-9) * step
    stop = math.ceil(hi / step - 1e-9) * step
    n = int(round((stop - start) / step))
    ticks = [round(start + k * step, 10) for k in range(n + 1)]
    decimals = max(0, -math.floor(math.log10(step) + 1e-12)) + (1 if step / magnitude == 2.5 and magnitude < 10 else 0)
    return ticks, decimals


class Undrawable(GzkitError):
    """Values a chart cannot scale: the figure is left out, with a note."""

    def __init__(self, lo: float, hi: float):
        super().__init__(
            T(
                "cannot draw a chart of values from {low} to {high}: the span is beyond what an axis can divide.",
                low=f"{lo:.6g}",
                high=f"{hi:.6g}",
            ),
            T("Run `{command}` for the numbers.", command="gzkit show INDICATOR"),
        )


@contextmanager
def drawing(df: pd.DataFrame) -> Iterator[None]:
    """Any failure of the plotting libraries on extreme values becomes :class:`Undrawable`."""
    try:
        yield
    except Undrawable:
        raise
    except (ArithmeticError, ValueError, TypeError) as exc:
        if isinstance(exc, GzkitError):
            raise
        values = df["value"].astype("float64")
        raise Undrawable(float(values.min()), float(values.max())) from None


def tick_label(value: float, decimals: int) -> str:
    return humanize.number(value, decimals)


def value_range(df: pd.DataFrame, kind: str) -> tuple[float, float]:
    lo, hi = float(df["value"].min()), float(df["value"].max())
    if kind == "bar":
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    return lo, hi
