"""Charts of indicator series: in the terminal (plotext) or as SVG/PNG/PDF figures (matplotlib).

:func:`chart_data` prepares the points (DataFrame in, DataFrame out); the
renderers turn them into text (:func:`terminal_chart`, :func:`figure_svg`) or
bytes (:func:`figure_png`, :func:`figure_pdf`), or write a file (:func:`save_figure`).
Nothing here prints: warnings travel in ``df.attrs["warnings"]`` or are returned.

The parts: :mod:`~gzkit.charts.series` (which points, and their marks),
:mod:`~gzkit.charts.titles` (the words around a chart), :mod:`~gzkit.charts.scales`
(axes and ticks), :mod:`~gzkit.charts.terminal_plot` (terminal text),
:mod:`~gzkit.charts.fonts` and :mod:`~gzkit.charts.figures` (figure files).

Both plotting libraries are optional (``pip install 'gzkit[charts]'``) and are
imported only when a chart is drawn.
"""

from __future__ import annotations

from gzkit.charts.figures import (
    BAR_SYMBOLS,
    FIGURE_MARKERS,
    PALETTE,
    figure_pdf,
    figure_png,
    figure_svg,
    save_figure,
)
from gzkit.charts.fonts import CJK_FAMILIES, MISSING_EXTRA, cjk_font, require_matplotlib
from gzkit.charts.scales import (
    DEFAULT_DPI,
    DPI_RANGE,
    FIGURE_SUFFIXES,
    KINDS,
    Undrawable,
    check_dpi,
    check_log,
    check_log_kind,
    log_ticks,
    nice_ticks,
    require_positive,
    tick_label,
)
from gzkit.charts.series import (
    MARK_OF_QUALIFIER,
    PANEL_RATIO,
    chart_data,
    panels,
    release_changes,
    series,
    trend_series,
    unit_name,
)
from gzkit.charts.terminal_plot import TERMINAL_PALETTE, require_plotext, terminal_chart
from gzkit.charts.titles import (
    MARK_NOTES,
    NOTED_MARKS,
    TERMINAL_BAR_GLYPHS,
    TERMINAL_GLYPHS,
    axis_labels,
    marks_note,
    panels_note,
    region_names,
    series_label,
    source_line,
    title,
    wrap,
)

__all__ = [
    "BAR_SYMBOLS",
    "CJK_FAMILIES",
    "DEFAULT_DPI",
    "DPI_RANGE",
    "FIGURE_MARKERS",
    "FIGURE_SUFFIXES",
    "KINDS",
    "MARK_NOTES",
    "MARK_OF_QUALIFIER",
    "MISSING_EXTRA",
    "NOTED_MARKS",
    "PALETTE",
    "PANEL_RATIO",
    "TERMINAL_BAR_GLYPHS",
    "TERMINAL_GLYPHS",
    "TERMINAL_PALETTE",
    "Undrawable",
    "axis_labels",
    "chart_data",
    "check_dpi",
    "check_log",
    "check_log_kind",
    "cjk_font",
    "figure_pdf",
    "figure_png",
    "figure_svg",
    "log_ticks",
    "marks_note",
    "nice_ticks",
    "panels",
    "panels_note",
    "region_names",
    "release_changes",
    "require_matplotlib",
    "require_plotext",
    "require_positive",
    "save_figure",
    "series",
    "series_label",
    "source_line",
    "terminal_chart",
    "tick_label",
    "title",
    "trend_series",
    "unit_name",
    "wrap",
]
