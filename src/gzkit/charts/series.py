"""The points a chart draws: headline single-year observations, one series per indicator and region.

Every point is a headline single-year observation (:func:`gzkit.core.headline`).
A point that is a bound (the report's 突破, 超过, 以内) or an approximation (约, 近)
gets its own mark (``MARK_OF_QUALIFIER``), so a chart never draws "more than
12,000" as if it were exactly 12,000. DataFrame in, DataFrame out; nothing here draws.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from gzkit import core
from gzkit.charts.titles import CJK, years_span
from gzkit.data import Dataset
from gzkit.errors import NoData, UsageError
from gzkit.i18n import T, Text
from gzkit.notes import Listing

#: What a qualifier lets a chart claim about a point.
MARK_OF_QUALIFIER = {
    "=": "exact",
    "~": "approximate",
    ">": "lower",
    ">=": "lower",
    "<": "upper",
    "<=": "upper",
    "?": "approximate",
}


#: Series whose largest values differ by more than this factor are drawn in separate panels:
#: on one axis the smaller would lie flat along zero.
PANEL_RATIO = 10.0

_LINK = re.compile(r"\(([a-z0-9.-]+\.[a-z]{2,}/[^)\s]*)\)", re.IGNORECASE)


def release_changes(s: pd.DataFrame) -> list[tuple[int, int]]:
    """The (year, next year) pairs of a series between which the release (vintage) changes."""
    from gzkit import provenance

    years, vintages = list(s["year"]), list(s["vintage"])
    return [
        (int(years[k]), int(years[k + 1]))
        for k in range(len(years) - 1)
        if not provenance.compare(vintages[k], vintages[k + 1]).same_release
    ]


def panels(df: pd.DataFrame, ratio: float = PANEL_RATIO) -> list[pd.DataFrame]:
    """``df`` split into groups of series that share a scale; one group when they all do.

    Series are grouped by the largest absolute value they reach: a series starts a
    new panel when its largest value is more than ``ratio`` times another's in the
    panel (China's GDP, about 43 times Guangzhou's, would flatten Guangzhou's line).
    """
    keys = [key for key, _ in series(df)]
    if len(keys) < 2:
        return [df]
    peak = df.assign(_abs=df["value"].abs()).groupby(["indicator", "region"], sort=False)["_abs"].max()
    groups: list[list[tuple[str, str]]] = []
    for key in sorted(keys, key=lambda k: peak[k]):
        top = peak[key]
        if groups and top <= ratio * max(peak[groups[-1][0]], 1e-300):
            groups[-1].append(key)
        else:
            groups.append([key])
    if len(groups) == 1:
        return [df]
    order = {k: n for n, k in enumerate(keys)}
    groups.sort(key=lambda g: min(order[k] for k in g))
    index = pd.MultiIndex.from_frame(df[["indicator", "region"]])
    return [df[index.isin(g)].copy() for g in groups]


def chart_data(
    ds: Dataset,
    indicators: str | Sequence[str],
    regions: str | Sequence[str] | None = core.DEFAULT_REGION,
    derived: bool = True,
) -> pd.DataFrame:
    """The points to draw: headline single-year observations of ``indicators`` in ``regions``.

    ``regions`` is a region id or name, a comma-separated list or sequence of
    them, or None / ``"all"`` for every region with data. Every indicator must
    share one unit (one y axis); otherwise :class:`~gzkit.errors.UsageError`
    names the units.

    Columns: indicator, name_en, name_zh, unit, unit_en, unit_zh, region,
    region_en, region_zh, period, year, value, qualifier, decimals, mark
    (exact, lower, upper or approximate), source, vintage, evidence, note,
    citation, citation_en. Rows are in the order of the indicators given, then
    of the data package's regions, then of years. ``attrs["warnings"]`` names
    requested regions without data and series that mix vintages.

    With ``derived``, values the report implies fill years it does not state
    (:mod:`gzkit.points`); their mark is ``implied`` and ``implied`` is true.
    """
    names = [indicators] if isinstance(indicators, str) else list(indicators)
    if not names:
        raise UsageError(T("name at least one indicator."), T("Run `{command}` to see them all.", command="gzkit list"))
    ids = list(dict.fromkeys(core.resolve_indicator(ds, n) for n in names))
    meta = ds.indicators.set_index("id")
    units = {i: meta.at[i, "unit"] for i in ids}
    if len(set(units.values())) > 1:
        listed = ", ".join(f"{i} ({unit_name(ds, u, 'en')})" for i, u in units.items())
        raise UsageError(
            T("cannot draw {indicators} on one axis: their units differ.", indicators=listed),
            T("Chart indicators that share a unit together, and the others one at a time."),
        )
    region_ids = _resolve_regions(ds, regions)

    from gzkit import points, provenance

    obs = points.yearly(ds, indicators=ids, with_implied=derived)
    everywhere = obs
    if region_ids is not None:
        obs = obs[obs["region"].isin(region_ids)]
    if obs.empty:
        have = ", ".join(f"{r} ({years_span(g['year'])})" for r, g in everywhere.groupby("region", sort=False))
        raise NoData(
            T(
                "No yearly observations of {indicators} for {regions}.",
                indicators=", ".join(ids),
                regions=", ".join(region_ids),
            )
            if region_ids
            else T("No yearly observations of {indicators}.", indicators=", ".join(ids)),
            T("Regions with data: {regions}; try --region all.", regions=have)
            if have
            else T(
                "Run `{command}` to see its periods (multi-year spans are not drawn).", command=f"gzkit show {ids[0]}"
            ),
        )

    region_order = {r: n for n, r in enumerate(ds.regions["id"])}
    ind_order = {i: n for n, i in enumerate(ids)}
    out = obs.assign(_i=obs["indicator"].map(ind_order), _r=obs["region"].map(region_order))
    out = out.sort_values(["_i", "_r", "year"], kind="stable").drop(columns=["_i", "_r"])
    out = out.merge(meta[["name_en", "name_zh", "unit"]], left_on="indicator", right_index=True, how="left")
    units_t = ds.units.set_index("id")
    out["unit_en"] = out["unit"].map(lambda u: unit_name(ds, u, "en", units_t))
    out["unit_zh"] = out["unit"].map(lambda u: unit_name(ds, u, "zh", units_t))
    regions_t = ds.regions.set_index("id")
    out["region_en"] = out["region"].map(regions_t["name_en"])
    out["region_zh"] = out["region"].map(regions_t["name_zh"])
    out["mark"] = (
        out["qualifier"].map(MARK_OF_QUALIFIER).fillna("approximate").where(~out["implied"].astype(bool), "implied")
    )
    report_title = _report_title(ds)
    cited = [_citation(s, report_title) for s in out["source"]]
    out["citation"] = [work for work, _ in cited]
    out["citation_part"] = [part for _, part in cited]
    out["citation_en"] = [_citation_en(s, v) for s, v in zip(out["source"], out["vintage"])]
    cols = [
        "indicator",
        "name_en",
        "name_zh",
        "unit",
        "unit_en",
        "unit_zh",
        "region",
        "region_en",
        "region_zh",
        "period",
        "year",
        "value",
        "qualifier",
        "decimals",
        "mark",
        "implied",
        "confidence",
        "source",
        "vintage",
        "evidence",
        "note",
        "citation",
        "citation_part",
        "citation_en",
    ]
    out = out[cols].reset_index(drop=True)

    notes: list[Text] = []
    if region_ids is not None:
        for r in region_ids:
            missing = [i for i in ids if not ((out["indicator"] == i) & (out["region"] == r)).any()]
            if missing:
                notes.append(
                    T("no yearly observations of {indicators} for {region}.", indicators=", ".join(missing), region=r)
                )
    for (ind, reg), s in out.groupby(["indicator", "region"], sort=False):
        vintages = provenance.series_releases(s["vintage"])
        if len(vintages) > 1:
            notes.append(
                T(
                    "{indicator} {region} mixes releases ({releases}): a step between them may be a revision, "
                    "not growth.",
                    indicator=ind,
                    region=reg,
                    releases=Listing(vintages, (" vs ", " 对比 ")),
                )
            )
    out.attrs["warnings"] = notes
    chart: pd.DataFrame = out
    return chart


def series(df: pd.DataFrame) -> list[tuple[tuple[str, str], pd.DataFrame]]:
    """The (indicator, region) series of :func:`chart_data`'s result, in its order."""
    return [((str(key[0]), str(key[1])), s) for key, s in df.groupby(["indicator", "region"], sort=False)]


def trend_series(ds: Dataset, min_points: int = 2) -> pd.DataFrame:
    """Every (indicator, region) with at least ``min_points`` headline single-year observations.

    Columns: domain, indicator, region, points, first_year, last_year; in the
    order of the domains, indicators and regions of the data package.
    """
    obs = core.headline(ds)
    counts = (
        obs.groupby(["indicator", "region"], sort=False)["year"]
        .agg(points="size", first_year="min", last_year="max")
        .reset_index()
    )
    counts = counts[counts["points"] >= min_points]
    meta = ds.indicators.reset_index(drop=True)
    order_i = {i: n for n, i in enumerate(meta["id"])}
    order_d = {d: n for n, d in enumerate(ds.domains["id"])}
    order_r = {r: n for n, r in enumerate(ds.regions["id"])}
    counts = counts.merge(meta[["id", "domain"]].rename(columns={"id": "indicator"}), on="indicator", how="left")
    counts = counts.assign(
        _d=counts["domain"].map(order_d), _i=counts["indicator"].map(order_i), _r=counts["region"].map(order_r)
    ).sort_values(["_d", "_i", "_r"], kind="stable")
    found: pd.DataFrame = counts[["domain", "indicator", "region", "points", "first_year", "last_year"]].reset_index(
        drop=True
    )
    return found


def unit_name(ds: Dataset, unit: str, lang: str, table: pd.DataFrame | None = None) -> str:
    """A unit's name for people in ``lang`` (``100 million yuan``, ``亿元``); the id when unknown."""
    table = ds.units.set_index("id") if table is None else table
    if unit not in table.index:
        return unit
    return str(table.at[unit, "name_zh" if lang == "zh" else "name_en"])


def _resolve_regions(ds: Dataset, regions: str | Sequence[str] | None) -> list[str] | None:
    if regions is None:
        return None
    parts = [p.strip() for p in (regions.split(",") if isinstance(regions, str) else regions)]
    parts = [p for p in parts if p]
    if not parts:
        raise UsageError(T("--region is empty."), T("Give region ids separated by commas, e.g. guangzhou,china."))
    resolved = [core.resolve_region(ds, p) for p in parts]
    if any(r is None for r in resolved):
        return None
    return list(dict.fromkeys(r for r in resolved if r is not None))


def _report_title(ds: Dataset) -> str:
    for src in ds.meta.get("sources", []) or []:
        if isinstance(src, dict) and src.get("title"):
            return str(src["title"])
    return "report"


def _citation(source: str, report_title: str) -> tuple[str, str]:
    """(publication, section) of a number, as a reader would cite it."""
    source = str(source)
    if source.startswith("report ") or source == "report":
        return report_title, source[len("report") :].strip()
    return source, ""


def _citation_en(source: str, vintage: str) -> str:
    """A citation without Chinese text, for figures drawn without a Chinese font."""
    link = _LINK.search(str(source))
    text = str(vintage) if vintage else "source"
    if not CJK.search(str(source)):
        text = str(source)
    elif link:
        text += f", {link.group(1)}"
    return text
