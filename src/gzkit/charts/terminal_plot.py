"""Charts drawn as terminal text with plotext."""

from __future__ import annotations

import io
import math
import re
import shutil
from collections.abc import Iterable
from typing import Any

import pandas as pd

from gzkit.charts.fonts import MISSING_EXTRA
from gzkit.charts.scales import check_kind, check_log, drawing, log_ticks, nice_ticks, tick_label, value_range
from gzkit.charts.series import series
from gzkit.charts.titles import (
    TERMINAL_BAR_GLYPHS,
    TERMINAL_GLYPHS,
    axis_labels,
    cell_width,
    marks_note,
    series_label,
    source_line,
    title,
    wrap,
)
from gzkit.errors import GzkitError
from gzkit.i18n import T

TERMINAL_PALETTE = (25, 166, 35, 175, 214, 74, 244, 185)


def require_plotext() -> Any:
    """The plotext module, or the error that says how to install it."""
    try:
        import plotext
    except ImportError:
        raise GzkitError(MISSING_EXTRA) from None
    if not hasattr(plotext, "figure") or not hasattr(plotext.figure, "signal"):
        # plotext 5 had another API (plt.plot/plt.build); gzkit draws with plotext 6.
        raise GzkitError(T("gzkit's terminal charts need plotext 6 or later."), "pip install -U 'plotext>=6.1'")
    return plotext


def terminal_chart(df: pd.DataFrame, lang: str = "en", kind: str = "line", **options: Any) -> str:
    """The chart as terminal text (see :func:`_terminal_chart`); values no axis can divide raise :class:`Undrawable`."""
    from contextlib import redirect_stderr

    # plotext prints its own coloured remarks on stderr (values too close to tell apart): the chart says enough.
    with drawing(df), redirect_stderr(io.StringIO()):
        return _terminal_chart(df, lang, kind, **options)


def _terminal_chart(
    df: pd.DataFrame,
    lang: str = "en",
    kind: str = "line",
    width: int | None = None,
    height: int | None = None,
    color: bool = False,
    log: bool = False,
) -> str:
    """The chart as terminal text: title, plot, legend of marks and source line.

    ``width`` defaults to the terminal's (at most 120 columns); ``color`` keeps
    ANSI colours (for a terminal; pipes and files get plain text). ``log`` draws
    the values on a logarithmic axis (all must be above zero; line charts only).
    """
    check_kind(kind)
    if log:
        check_log(df, kind, lang)
    plt = require_plotext()
    cols = shutil.get_terminal_size((100, 30)).columns
    width = max(40, min(width or cols, 120))
    height = height or 20
    groups = series(df)
    several = df["indicator"].nunique() > 1
    x_label, y_label = axis_labels(df, lang, log=log)
    years = sorted(set(int(y) for y in df["year"]))

    fig = plt.figure
    fig.clear()
    fig.theme("simple" if color else "colorless")
    fig.plot_size(width, height)
    lo, hi = value_range(df, kind)
    if log:
        # plotext has no logarithmic axis: the points go at log10 of their value, the ticks say the value.
        yticks, decimals = log_ticks(lo, hi)
        at = [math.log10(t) for t in yticks]
    else:
        if kind == "line" and lo == hi:
            lo, hi = lo - (abs(lo) * 0.1 or 1), hi + (abs(hi) * 0.1 or 1)
        yticks, decimals = nice_ticks(lo, hi)
        at = yticks

    def place(values: Iterable[object]) -> list[float]:
        return [math.log10(float(v)) if log else float(v) for v in values]  # type: ignore[arg-type]  # cells of a float column

    def marker(glyph: str, index: int) -> Any:
        return plt.marker(glyph, plt.pixel(foreground=TERMINAL_PALETTE[index % len(TERMINAL_PALETTE)]))

    if kind == "line":
        for i, (_, s) in enumerate(groups):
            xs, ys = [int(y) for y in s["year"]], place(s["value"])
            line = fig.signal(xs, ys, marker=marker(_line_glyph(i), i))
            fig.draw(line.lines() if len(xs) > 1 else line)
            # The points go on top of the line, each marked by what its value claims.
            glyphs = [marker(_point_glyph(i) if m == "exact" else TERMINAL_GLYPHS[m], i) for m in s["mark"]]
            fig.draw(fig.signal(xs, ys, marker=glyphs))
        span = (years[-1] - years[0]) or 2
        pad = max(span * 0.03, 0.3)
        fig.ruler("x").lim(years[0] - pad, years[-1] + pad)
        shown = _thin(years, max(2, (width - 10) // 6))
        fig.ruler("x").ticks(shown, [str(y) for y in shown])
    else:
        slot = {y: n + 1 for n, y in enumerate(years)}
        bar_width = 0.8 / len(groups)
        for i, (_, s) in enumerate(groups):
            offset = -0.4 + bar_width * (i + 0.5)
            bar_xs = [slot[int(y)] + offset for y in s["year"]]
            glyphs = [marker(TERMINAL_BAR_GLYPHS[m] if m != "exact" else _bar_glyph(i), i) for m in s["mark"]]
            fig.draw(fig.bar(bar_xs, [float(v) for v in s["value"]], width=bar_width, marker=glyphs))
        fig.ruler("x").lim(0.5, len(years) + 0.5)
        fig.ruler("x").ticks(list(slot.values()), [str(y) for y in years])

    fig.ruler("y").lim(at[0], at[-1])
    fig.ruler("y").ticks(at, [tick_label(t, decimals) for t in yticks])
    fig.label(x_label, axis="x")
    fig.label(y_label, axis="y")
    fig.legend(active=False)
    body = fig.build().string()
    if not color:
        body = plt.uncolorize(body)
    fig.clear()

    lines = wrap(title(df, lang), width)
    lines.append(body.rstrip("\n"))
    if len(groups) > 1:
        # Below the plot rather than inside it, where a legend would hide points.
        entries = []
        for i, (_, s) in enumerate(groups):
            glyph = _point_glyph(i) + _line_glyph(i) if kind == "line" else _bar_glyph(i)
            if color:
                glyph = f"\x1b[38;5;{TERMINAL_PALETTE[i % len(TERMINAL_PALETTE)]}m{glyph}\x1b[0m"
            entries.append(f"{glyph} {series_label(s, several, lang)}")
        lines.extend(_wrap_entries(entries, width))
    note = marks_note(df, lang, bar=kind == "bar")
    if note:
        lines.extend(wrap(note, width))
    lines.extend(wrap(source_line(df, lang), width))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _line_glyph(index: int) -> str:
    # Without colour (pipes, files) the lines still differ by their glyph.
    return ("•", "+", "×", "*", "∘", "#")[index % 6]


def _point_glyph(index: int) -> str:
    return ("●", "■", "✖", "✱", "○", "□")[index % 6]


def _bar_glyph(index: int) -> str:
    return ("█", "▚", "#", "=", "%", "@")[index % 6]


def _wrap_entries(entries: list[str], width: int) -> list[str]:
    lines, line = [], ""
    for entry in entries:
        visible = cell_width(re.sub(r"\x1b\[[0-9;]*m", "", line + "   " + entry))
        if line and visible > width:
            lines.append(line)
            line = entry
        else:
            line = f"{line}   {entry}" if line else entry
    return lines + ([line] if line else [])


def _thin(years: list[int], most: int) -> list[int]:
    """At most ``most`` of ``years``, evenly spread, keeping the first and the last."""
    if len(years) <= most:
        return years
    step = math.ceil((len(years) - 1) / (most - 1))
    picked = years[::step]
    if picked[-1] != years[-1]:
        picked = picked[:-1] + [years[-1]] if len(picked) >= most else picked + [years[-1]]
    return picked
