"""Charts as figure files (SVG, PNG, PDF) drawn with matplotlib, without pyplot's global state."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

from gzkit.charts.fonts import CJK_FAMILIES, cjk_font, quiet, rc_params, require_matplotlib
from gzkit.charts.scales import (
    DEFAULT_DPI,
    FIGURE_SUFFIXES,
    check_dpi,
    check_kind,
    check_log,
    drawing,
    log_ticks,
    nice_ticks,
    tick_label,
    value_range,
)
from gzkit.charts.series import panels, release_changes, series
from gzkit.charts.titles import CJK, MARK_NOTES, NOTED_MARKS, axis_labels, series_label, source_line, title, wrap
from gzkit.errors import GzkitError, UsageError
from gzkit.i18n import T, _

FIGURE_MARKERS = {"exact": "o", "lower": "^", "upper": "v", "approximate": "D", "implied": "s"}
BAR_SYMBOLS = {"lower": "≥", "upper": "≤", "approximate": "≈", "implied": "≈"}

#: Series colours, chosen to stay apart for the common kinds of colour blindness (Okabe-Ito).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


def _mark_release_changes(
    ax: Axes,
    groups: list[tuple[tuple[str, str], pd.DataFrame]],
    lang: str,
    english_only: bool,
    compact: bool,
    small: float,
) -> None:
    """A dotted rule where a series passes from one release to another (e.g. first-release to post-census GDP).

    A step across it may be a revision, not growth; the rule makes that visible on the figure itself,
    not only in a warning.
    """
    label = _("release changes", "en" if english_only else lang)
    drawn: set[float] = set()
    for i, (_key, s) in enumerate(groups):
        for a, b in release_changes(s):
            x = (a + b) / 2
            if x in drawn:
                continue
            drawn.add(x)
            ax.axvline(x, color="#888888", linestyle=":", linewidth=1, gid=f"gzkit-release-change-{i}-{a}-{b}")
            if not compact:
                ax.annotate(
                    label,
                    (x, 1),
                    xycoords=("data", "axes fraction"),
                    xytext=(3, -2),
                    textcoords="offset points",
                    ha="left",
                    va="top",
                    fontsize=small - 1,
                    color="#666666",
                )


def _draw(df: pd.DataFrame, lang: str, kind: str, compact: bool, english_only: bool, log: bool = False) -> Figure:
    """The matplotlib Figure of the chart (no pyplot: no global state, no GUI backend)."""
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    check_kind(kind)
    if log:
        check_log(df, kind, lang)
    groups = series(df)
    several = df["indicator"].nunique() > 1
    years = sorted(set(int(y) for y in df["year"]))
    src = source_line(df, lang, english_only)
    src_lines = wrap(src, 125) if not compact else []
    size = (4.4, 2.4) if compact else (8.0, 4.8 + 0.17 * len(src_lines))
    # A little room around the edges: the viewer's font may be wider than the one matplotlib measured.
    layout = ConstrainedLayoutEngine(w_pad=5 / 72, h_pad=5 / 72)
    fig = Figure(figsize=size, layout=layout)
    fig.set_facecolor("white")
    small = 7 if compact else 9
    marker_size = 4.5 if compact else 6.5
    # Series of very different scales get a panel each: on one axis the smaller would lie flat along zero.
    parts = [df] if compact else panels(df)
    if len(parts) > 1:
        size = (size[0], size[1] + 2.6 * (len(parts) - 1))
        fig.set_size_inches(*size)
    offset = 0
    for panel, part in enumerate(parts):
        ax = fig.add_subplot(len(parts), 1, panel + 1)
        ax.set_gid("gzkit-axes" if panel == 0 else f"gzkit-axes-{panel}")
        groups = [(key, s) for key, s in series(part)]

        if kind == "line":
            for i, (_key, s) in enumerate(groups, start=offset):
                color = PALETTE[i % len(PALETTE)]
                label = series_label(s, several, lang, english_only)
                ax.plot(
                    s["year"],
                    s["value"],
                    color=color,
                    linewidth=1.4 if compact else 1.8,
                    label=label,
                    gid=f"gzkit-line-{i}",
                )
                for mark in ("exact", *NOTED_MARKS):
                    pts = s[s["mark"] == mark]
                    if pts.empty:
                        continue
                    ax.plot(
                        pts["year"],
                        pts["value"],
                        linestyle="none",
                        marker=FIGURE_MARKERS[mark],
                        markersize=marker_size * (0.85 if mark == "approximate" else 1),
                        color=color,
                        markerfacecolor="white" if mark == "approximate" else color,
                        markeredgewidth=1.3,
                        gid=f"gzkit-points-{i}-{mark}",
                    )
            _mark_release_changes(ax, groups, lang, english_only, compact, small)
            if len(years) <= 12:
                ax.xaxis.set_major_locator(FixedLocator(years))
            else:
                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            span = (years[-1] - years[0]) or 2
            ax.set_xlim(years[0] - span * 0.05 - 0.2, years[-1] + span * 0.05 + 0.2)
        else:
            slot = {y: n for n, y in enumerate(years)}
            bar_width = 0.8 / len(groups)
            for i, (_key, s) in enumerate(groups, start=offset):
                color = PALETTE[i % len(PALETTE)]
                xs = [slot[int(y)] - 0.4 + bar_width * (i - offset + 0.5) for y in s["year"]]
                bars = ax.bar(
                    xs,
                    s["value"],
                    width=bar_width * 0.95,
                    color=color,
                    label=series_label(s, several, lang, english_only),
                )
                for bar, mark, value, year in zip(bars, s["mark"], s["value"], s["year"]):
                    bar.set_gid(f"gzkit-bar-{i}-{year}")
                    if mark != "exact":
                        bar.set_hatch("////")
                        bar.set_facecolor("white")
                        bar.set_edgecolor(color)
                        ax.annotate(
                            BAR_SYMBOLS[mark],
                            (bar.get_x() + bar.get_width() / 2, value),
                            xytext=(0, 2 if value >= 0 else -2),
                            textcoords="offset points",
                            ha="center",
                            va="bottom" if value >= 0 else "top",
                            fontsize=small,
                            color=color,
                        )
            ax.xaxis.set_major_locator(FixedLocator(list(slot.values())))
            ax.set_xticklabels([str(y) for y in years])
            ax.axhline(0, color="#444444", linewidth=0.8)

        lo, hi = value_range(part, kind)
        if log:
            ax.set_yscale("log")
            ax.yaxis.set_minor_locator(FixedLocator([]))
            ticks, decimals = log_ticks(lo, hi)
        else:
            ticks, decimals = nice_ticks(lo, hi)
        ax.set_ylim(ticks[0], ticks[-1])
        ax.yaxis.set_major_locator(FixedLocator(ticks))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos, d=decimals: tick_label(v, d)))
        if kind == "line":
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{int(round(v))}"))
        ax.tick_params(labelsize=small)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)

        if not compact:
            if panel == 0:
                heading = ax.set_title(
                    "\n".join(wrap(title(df, lang, english_only), 64)), loc="left", fontsize=12, fontweight="bold"
                )
                heading.set_gid("gzkit-title")
            x_label, y_label = axis_labels(df, lang, english_only, log=log)
            if panel == len(parts) - 1:
                ax.set_xlabel(x_label, fontsize=small)
            ax.set_ylabel(y_label, fontsize=small)
            ax.xaxis.label.set_gid("gzkit-xlabel")
            ax.yaxis.label.set_gid("gzkit-ylabel")
            handles, labels = ax.get_legend_handles_labels()
            if len(groups) == 1 and len(parts) == 1:
                handles, labels = [], []
            zh = lang == "zh" and not english_only
            for mark in NOTED_MARKS:
                if (part["mark"] == mark).any():
                    note = _(MARK_NOTES[mark], "zh" if zh else "en")
                    if kind == "line":
                        handles.append(
                            Line2D(
                                [],
                                [],
                                linestyle="none",
                                marker=FIGURE_MARKERS[mark],
                                color="#555555",
                                markerfacecolor="white" if mark == "approximate" else "#555555",
                            )
                        )
                    else:
                        handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="////"))
                    labels.append(f"{BAR_SYMBOLS[mark]} {note}" if kind == "bar" else note)
            if handles:
                legend = ax.legend(handles, labels, fontsize=small, frameon=False, loc="best")
                legend.set_gid("gzkit-legend" if panel == 0 else f"gzkit-legend-{panel}")
        offset += len(groups)
    if not compact:
        # The citation belongs to the figure: it travels with the file. It sits in a strip
        # that the layout keeps free, across the whole width.
        source = fig.text(
            0.012, 0.012, "\n".join(src_lines), ha="left", va="bottom", fontsize=7.5, color="#444444", linespacing=1.3
        )
        source.set_gid("gzkit-source")
        source.set_in_layout(False)
        strip = (len(src_lines) * 7.5 * 1.3 + 10) / 72 / size[1]
        layout.set(rect=(0, strip, 1, 1 - strip))
    return fig


def figure_svg(df: pd.DataFrame, lang: str = "en", kind: str = "line", compact: bool = False, log: bool = False) -> str:
    """The chart as SVG text. Text stays text, so Chinese renders with the viewer's fonts.

    ``compact`` draws a small trend chart without title, axis labels, legend or
    source line (for pages that say those around it).
    """
    mpl = require_matplotlib()
    # A compact chart writes only numbers; a full one names fonts that draw Chinese.
    families = ([] if compact else [*CJK_FAMILIES[:6]]) + ["DejaVu Sans", "Arial", "sans-serif"]
    salt = "gzkit-" + "-".join(f"{i}@{r}" for (i, r), _part in series(df)) + f"-{kind}-{lang}-{int(compact)}"
    with quiet(), mpl.rc_context(rc_params(families, salt)), drawing(df):
        fig = _draw(df, lang, kind, compact, english_only=False, log=log)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "gzkit"})
    return buf.getvalue()


def figure_png(
    df: pd.DataFrame, lang: str = "en", kind: str = "line", dpi: int = DEFAULT_DPI, log: bool = False
) -> tuple[bytes, list[str]]:
    """The chart as PNG bytes, 8 inches wide (``dpi`` x 8 pixels), and warnings (no Chinese font: English labels)."""
    check_dpi(dpi, lang)
    return _raster_or_pdf(df, lang, kind, "png", dpi, log)


def figure_pdf(df: pd.DataFrame, lang: str = "en", kind: str = "line", log: bool = False) -> tuple[bytes, list[str]]:
    """The chart as PDF bytes with its fonts embedded, and warnings (no Chinese font: English labels only).

    The PDF's Title and Subject hold the chart's title and source line, so the citation
    stays with the file even where its text cannot be selected.
    """
    return _raster_or_pdf(df, lang, kind, "pdf", DEFAULT_DPI, log)


def _raster_or_pdf(df: pd.DataFrame, lang: str, kind: str, fmt: str, dpi: int, log: bool) -> tuple[bytes, list[str]]:
    # Both embed the glyphs they draw, so both need a font that holds Chinese, unlike SVG.
    mpl = require_matplotlib()
    font = cjk_font()
    notes = []
    english_only = font is None
    if english_only and _has_chinese(df, lang):
        name = fmt.upper()
        notes.append(
            T(
                "no Chinese font is installed, so the {format} has English labels only. Install one (Debian: "
                "apt-get install fonts-noto-cjk) or write an .svg, which shows Chinese with the viewer's fonts.",
                format=name,
            ).render(lang)
        )
    families = ([font] if font else []) + ["DejaVu Sans", "sans-serif"]
    # Type 42 embeds the TrueType glyphs themselves, so the PDF shows Chinese on a machine without the font.
    rc = {**rc_params(families, "gzkit"), "pdf.fonttype": 42}
    if fmt == "pdf":
        metadata = {
            "Title": title(df, lang, english_only),
            "Subject": source_line(df, lang, english_only),
            "Creator": "gzkit",
            "CreationDate": None,
        }
    else:
        metadata = {"Software": "gzkit"}
    with quiet(), mpl.rc_context(rc), drawing(df):
        fig = _draw(df, lang, kind, compact=False, english_only=english_only, log=log)
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=metadata)
    return buf.getvalue(), notes


def _has_chinese(df: pd.DataFrame, lang: str) -> bool:
    # Titles are bilingual and most citations are Chinese, so nearly every chart has some.
    texts = [title(df, lang), source_line(df, lang), *df["region_zh" if lang == "zh" else "region_en"]]
    return any(CJK.search(str(t)) for t in texts)


def save_figure(
    df: pd.DataFrame,
    path: Path,
    lang: str = "en",
    kind: str = "line",
    force: bool = False,
    dpi: int = DEFAULT_DPI,
    log: bool = False,
) -> list[str]:
    """Write the chart to ``path`` (.svg, .png or .pdf) atomically; returns warnings for the user.

    ``dpi`` is the PNG's resolution (:data:`DPI_RANGE`); ``log`` a logarithmic value axis.
    """
    from gzkit.output import write_atomic

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FIGURE_SUFFIXES:
        raise UsageError(
            T("cannot write a chart to '{name}'.", name=path.name), T("Give a file ending in .svg, .png or .pdf.")
        )
    check_dpi(dpi, lang)
    if path.exists() and not force:
        raise GzkitError(T("{path} already exists.", path=str(path)), T("Add --force to overwrite it."))
    if suffix == ".svg":
        write_atomic(path, figure_svg(df, lang, kind, log=log), force=force)
        return []
    if suffix == ".pdf":
        data, notes = figure_pdf(df, lang, kind, log=log)
    else:
        data, notes = figure_png(df, lang, kind, dpi=dpi, log=log)
    write_atomic(path, data, force=force)
    return notes
