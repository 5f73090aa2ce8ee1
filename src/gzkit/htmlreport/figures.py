"""Trend figures on the report page: a small inline SVG chart of one series, its marks, source and points."""

from __future__ import annotations

import re

from gzkit import charts
from gzkit import columns as colspec
from gzkit.data import Dataset
from gzkit.htmlreport.markup import bi, e, provenance_text, qualifier_badge, quantity, words
from gzkit.i18n import T


def trend_figure(ds: Dataset, indicator: str, region: str, can_draw: bool) -> str:
    """A <figure> of one series: the chart (when matplotlib is there), what its marks mean, its sources, its points."""
    df = charts.chart_data(ds, [indicator], regions=[region])
    units = colspec.unit_table(ds.units)
    first = df.iloc[0]
    if can_draw:
        try:
            svg = inline_svg(
                charts.figure_svg(df, compact=True),
                f"t-{indicator}-{region}-",
                f"{first['name_en']} ({first['region_en']}) · {first['name_zh']}（{first['region_zh']}）, "
                f"{df['year'].min()}–{df['year'].max()}",
            )
        except charts.Undrawable as exc:  # the points below still show every value
            svg = f'<p class="nochart">{words(exc.message)}</p>'
    else:
        svg = f'<p class="nochart">{words(charts.MISSING_EXTRA)}</p>'
    points = "".join(
        f'<tr><td>{e(p["period"])}</td><td class="num" title="{e(provenance_text(p))}">'
        f"{quantity(p['value'], p['unit'], units, p['decimals'], p['qualifier'])}{qualifier_badge(p['qualifier'])}</td>"
        f"<td>{e(p['source'])}</td></tr>"
        for p in df.to_dict("records")
    )
    marks = charts.marks_note(df, "en")
    warn = "".join(f'<p class="warn">{words(w)}</p>' for w in df.attrs.get("warnings", []))
    caption = (
        f"<b>{bi(first['name_en'], first['name_zh'])}</b> · {bi(first['region_en'], first['region_zh'])}"
        f' <span class="unit">({bi(first["unit_en"], first["unit_zh"])})</span>'
    )
    points_label = words(T("points and sources"))
    return (
        f'<figure class="trend" id="trend-{e(indicator)}-{e(region)}" data-indicator="{e(indicator)}" '
        f'data-region="{e(region)}" data-points="{len(df)}"><figcaption>{caption}</figcaption>{svg}'
        + (f'<p class="marks">{bi(marks, charts.marks_note(df, "zh"))}</p>' if marks else "")
        + f'<p class="source">{bi(charts.source_line(df, "en"), charts.source_line(df, "zh"))}</p>{warn}'
        f'<details class="points"><summary>{points_label}</summary>'
        f"<table><tbody>{points}</tbody></table></details></figure>"
    )


def inline_svg(svg: str, prefix: str, label: str) -> str:
    """An SVG file's text made fit to sit in a page beside others: no prolog, unique ids, a label."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    prefix = re.sub(r"[^A-Za-z0-9_-]", "_", prefix)
    # Keep only the ids something refers to (marker shapes, clip paths) and gzkit's own, made unique.
    used = set(re.findall(r"url\(#([^)]+)\)", svg)) | set(re.findall(r'xlink:href="#([^"]+)"', svg))

    def rename(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in used or name.startswith("gzkit-"):
            return f' id="{prefix}{name}"'
        return ""

    svg = re.sub(r' id="([^"]+)"', rename, svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', lambda m: f'xlink:href="#{prefix}{m.group(1)}"', svg)
    svg = re.sub(r"\n\s*", "\n", svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{e(label)}" ', 1)
