"""One self-contained HTML page of the whole record: ``gzkit report -o report.html``.

The page loads nothing from the network: its CSS, its script, its charts (inline
SVG drawn by :func:`gzkit.charts.figure_svg`, the code behind ``gzkit chart -o
FILE.svg``) and its data (the observations as JSON) are all inside it. It holds
every domain with its indicators and latest values, a trend chart for every
series with two or more yearly points, the urban-rural income gap of Guangzhou
against China, progress against targets, the consistency checks
(:mod:`gzkit.audit`) and the xiaokang index (:mod:`gzkit.xiaokang`). Each
number's source, the report's own words and the notes are one hover or click
away. A switch shows the page in Chinese or English; it reads well on a phone.

The parts: :mod:`~gzkit.htmlreport.page` (assembly; the template, stylesheet and script are
files in ``gzkit/assets``), :mod:`~gzkit.htmlreport.tables` (result tables),
:mod:`~gzkit.htmlreport.figures` (trend figures) and :mod:`~gzkit.htmlreport.markup` (the small pieces).
"""

from __future__ import annotations

from gzkit.htmlreport.figures import inline_svg, trend_figure
from gzkit.htmlreport.markup import QUALIFIER_BADGES, QUALIFIER_NOTES, bi, words
from gzkit.htmlreport.page import Report, asset, build, data_json, latest_values
from gzkit.htmlreport.tables import FRAMEWORK_NAMES, frame_table, status

__all__ = [
    "FRAMEWORK_NAMES",
    "QUALIFIER_BADGES",
    "QUALIFIER_NOTES",
    "Report",
    "asset",
    "bi",
    "build",
    "data_json",
    "frame_table",
    "inline_svg",
    "latest_values",
    "status",
    "trend_figure",
    "words",
]
