"""Charts of indicator series: in the terminal (plotext) or as SVG/PNG figures (matplotlib).

:func:`chart_data` prepares the points (DataFrame in, DataFrame out); the
renderers turn them into text (:func:`terminal_chart`, :func:`figure_svg`) or
bytes (:func:`figure_png`), or write a file (:func:`save_figure`). Nothing here
prints: warnings travel in ``df.attrs["warnings"]`` or are returned.

Every point is a headline single-year observation (:func:`gzkit.core.headline`).
A point that is a bound (the report's 突破, 超过, 以内) or an approximation (约, 近)
gets its own marker, and the legend says what the marker means, so a chart never
draws "more than 12,000" as if it were exactly 12,000.

Both plotting libraries are optional (``pip install 'gzkit[charts]'``) and are
imported only when a chart is drawn.
"""

from __future__ import annotations

import io
import logging
import math
import re
import shutil
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from gzkit import core, humanize
from gzkit.data import Dataset
from gzkit.errors import GzkitError, NoData, UsageError

KINDS = ("line", "bar")
FIGURE_SUFFIXES = (".svg", ".png", ".pdf")
#: PNG resolutions gzkit accepts: below 50 dpi the source line is unreadable; at 1200 dpi
#: the 8-inch figure is 9,600 pixels wide and drawing it takes a few hundred megabytes of memory.
DPI_RANGE = (50, 1200)
DEFAULT_DPI = 150
MISSING_EXTRA = "Charts need the charts extra: pip install 'gzkit[charts]'"

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
MARK_NOTES = {
    "lower": ("lower bound: the true value is at least this", "下限：实际值不低于此"),
    "upper": ("upper bound: the true value is at most this", "上限：实际值不高于此"),
    "approximate": ("approximate value", "约数"),
    "implied": (
        "implied by the report's figures, not stated (gzkit export --derived)",
        "由报告数据推算，非报告直接给出",
    ),
}
#: Marks other than exact, in the order legends list them.
NOTED_MARKS = ("lower", "upper", "approximate", "implied")
TERMINAL_GLYPHS = {"exact": "●", "lower": "▲", "upper": "▼", "approximate": "◇", "implied": "◆"}
TERMINAL_BAR_GLYPHS = {"exact": "█", "lower": "▓", "upper": "░", "approximate": "▒", "implied": "▞"}
FIGURE_MARKERS = {"exact": "o", "lower": "^", "upper": "v", "approximate": "D", "implied": "s"}
BAR_SYMBOLS = {"lower": "≥", "upper": "≤", "approximate": "≈", "implied": "≈"}

#: Series whose largest values differ by more than this factor are drawn in separate panels:
#: on one axis the smaller would lie flat along zero.
PANEL_RATIO = 10.0

#: Series colours, chosen to stay apart for the common kinds of colour blindness (Okabe-Ito).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
TERMINAL_PALETTE = (25, 166, 35, 175, 214, 74, 244, 185)

#: Font families that draw Chinese, most common first; an SVG names them all so the viewer picks one it has.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
    "Droid Sans Fallback",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
)
_CJK_NAME_HINTS = (
    "CJK",
    "WenQuanYi",
    "Source Han",
    "YaHei",
    "PingFang",
    "Hiragino",
    "SimHei",
    "SimSun",
    "Heiti",
    "Droid Sans Fallback",
    "AR PL",
    "Sarasa",
    "Noto Sans SC",
    "Noto Serif SC",
)

_LINK = re.compile(r"\(([a-z0-9.-]+\.[a-z]{2,}/[^)\s]*)\)", re.IGNORECASE)
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


# --------------------------------------------------------------------------- data


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


def panels_note(parts: list[pd.DataFrame], lang: str = "en") -> str:
    """Why the chart has several panels ('' for one)."""
    if len(parts) < 2:
        return ""
    peaks = [float(p["value"].abs().max()) for p in parts]
    factor = max(peaks) / max(min(peaks), 1e-300)
    if lang == "zh":
        return f"各序列量级相差约{factor:,.0f}倍，分面绘制，以免较小者被压成一条直线。"
    return (
        f"Drawn in {len(parts)} panels: the series differ in scale about {factor:,.0f} times, "
        "so one axis would flatten the smaller."
    )


def _mark_release_changes(ax, groups, lang: str, english_only: bool, compact: bool, small: float) -> None:
    """A dotted rule where a series passes from one release to another (e.g. first-release to post-census GDP).

    A step across it may be a revision, not growth; the rule makes that visible on the figure itself,
    not only in a warning.
    """
    label = "数据版本变化" if lang == "zh" and not english_only else "release changes"
    drawn = set()
    for i, (_, s) in enumerate(groups):
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
        raise UsageError("name at least one indicator.", "Run `gzkit list` to see them.")
    ids = list(dict.fromkeys(core.resolve_indicator(ds, n) for n in names))
    meta = ds.indicators.set_index("id")
    units = {i: meta.at[i, "unit"] for i in ids}
    if len(set(units.values())) > 1:
        listed = ", ".join(f"{i} ({unit_name(ds, u, 'en')})" for i, u in units.items())
        raise UsageError(
            f"cannot draw {listed} on one axis: their units differ.",
            "Chart indicators that share a unit together, and the others one at a time.",
        )
    region_ids = _resolve_regions(ds, regions)

    from gzkit import points, provenance

    obs = points.yearly(ds, indicators=ids, with_implied=derived)
    everywhere = obs
    if region_ids is not None:
        obs = obs[obs["region"].isin(region_ids)]
    if obs.empty:
        have = ", ".join(f"{r} ({core._years_text(g['year'])})" for r, g in everywhere.groupby("region", sort=False))
        raise NoData(
            f"No yearly observations of {', '.join(ids)}"
            + (f" for {', '.join(region_ids)}" if region_ids else "")
            + ".",
            f"Regions with data: {have}; try --region all."
            if have
            else f"Run `gzkit show {ids[0]}` to see its periods (multi-year spans are not drawn).",
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

    notes = []
    if region_ids is not None:
        for r in region_ids:
            missing = [i for i in ids if not ((out["indicator"] == i) & (out["region"] == r)).any()]
            if missing:
                notes.append(f"no yearly observations of {', '.join(missing)} for {r}.")
    for (ind, reg), s in out.groupby(["indicator", "region"], sort=False):
        vintages = provenance.series_releases(s["vintage"])
        if len(vintages) > 1:
            notes.append(
                f"{ind} {reg} mixes releases ({' vs '.join(vintages)}): a step between them may be a revision, "
                "not growth."
            )
    out.attrs["warnings"] = notes
    return out


def series(df: pd.DataFrame) -> list[tuple[tuple[str, str], pd.DataFrame]]:
    """The (indicator, region) series of :func:`chart_data`'s result, in its order."""
    return [(key, s) for key, s in df.groupby(["indicator", "region"], sort=False)]


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
    return counts[["domain", "indicator", "region", "points", "first_year", "last_year"]].reset_index(drop=True)


def unit_name(ds: Dataset, unit: str, lang: str, table: pd.DataFrame | None = None) -> str:
    """A unit's name for people in ``lang`` (``100 million yuan``, ``亿元``); the id when unknown."""
    table = ds.units.set_index("id") if table is None else table
    if unit not in table.index:
        return unit
    return str(table.at[unit, "name_zh" if lang == "zh" else "name_en"])


def _resolve_regions(ds: Dataset, regions) -> list[str] | None:
    if regions is None:
        return None
    parts = [p.strip() for p in (regions.split(",") if isinstance(regions, str) else regions)]
    parts = [p for p in parts if p]
    if not parts:
        raise UsageError("--region is empty.", "Give region ids separated by commas, e.g. guangzhou,china.")
    resolved = [core.resolve_region(ds, p) for p in parts]
    if any(r is None for r in resolved):
        return None
    return list(dict.fromkeys(resolved))


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
    if not _CJK.search(str(source)):
        text = str(source)
    elif link:
        text += f", {link.group(1)}"
    return text


# --------------------------------------------------------------------------- labels


def title(df: pd.DataFrame, lang: str = "en", english_only: bool = False) -> str:
    """The chart's title: the indicator names in ``lang``, then in the other language."""
    names = df.drop_duplicates("indicator")
    first = "name_en" if lang != "zh" or english_only else "name_zh"
    other = "name_zh" if first == "name_en" else "name_en"
    head = " / ".join(names[first])
    if not english_only:
        head = f"{head} · {' / '.join(names[other])}"
    return f"{head} — {region_names(df, lang, english_only)}"


def region_names(df: pd.DataFrame, lang: str = "en", english_only: bool = False) -> str:
    """The regions a chart draws, by their names in the data package's regions table, in ``lang``."""
    zh = lang == "zh" and not english_only
    names = dict.fromkeys(str(n) for n in df["region_zh" if zh else "region_en"])
    return ("、" if zh else ", ").join(names)


def require_positive(df: pd.DataFrame, lang: str = "en") -> None:
    """Refuse a logarithmic axis for values it cannot place (zero or below)."""
    bad = df[~(df["value"].astype("float64") > 0)]
    if bad.empty:
        return
    row = bad.iloc[0]
    value = humanize.number(float(row["value"]), int(row["decimals"]) if pd.notna(row["decimals"]) else 4)
    where = f"{row['indicator']} ({row['region']}, {int(row['year'])}) = {value}"
    if lang == "zh":
        raise GzkitError(f"对数坐标无法绘制 {where}：数值须大于零。", "请去掉 --log 再试。")
    raise GzkitError(
        f"a logarithmic axis cannot show {where}: values must be above zero.", "Run it again without --log."
    )


def check_log(df: pd.DataFrame, kind: str, lang: str = "en") -> None:
    """Refuse what a logarithmic axis cannot draw honestly: values at or below zero, and bars."""
    check_log_kind(kind, lang)
    require_positive(df, lang)


def check_log_kind(kind: str, lang: str = "en") -> None:
    """Refuse bars on a logarithmic axis."""
    if kind == "bar":
        # A bar's length on a log axis depends on where the axis happens to start, so it means nothing.
        if lang == "zh":
            raise UsageError("对数坐标不能画柱状图：柱长将取决于坐标起点。", "请用 --kind line 配合 --log。")
        raise UsageError(
            "a logarithmic axis cannot draw bars: their length would depend on where the axis starts.",
            "Use --kind line with --log.",
        )


def check_dpi(dpi: int, lang: str = "en") -> None:
    """Refuse a PNG resolution outside :data:`DPI_RANGE`."""
    lo, hi = DPI_RANGE
    if not lo <= dpi <= hi:
        if lang == "zh":
            raise UsageError(f"--dpi 须在 {lo} 到 {hi} 之间（输入为 {dpi}）。", f"默认值为 {DEFAULT_DPI}。")
        raise UsageError(f"--dpi must be between {lo} and {hi} (got {dpi}).", f"The default is {DEFAULT_DPI}.")


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


def axis_labels(df: pd.DataFrame, lang: str = "en", english_only: bool = False, log: bool = False) -> tuple[str, str]:
    """(x label, y label): the year and the unit, in ``lang``; a logarithmic axis says so."""
    zh = lang == "zh" and not english_only
    unit = df["unit_zh" if zh else "unit_en"].iloc[0]
    y_label = f"单位：{unit}" if zh else str(unit)
    if log:
        y_label += "（对数坐标）" if zh else " (log scale)"
    return ("年份" if zh else "Year"), y_label


def series_label(s: pd.DataFrame, several_indicators: bool, lang: str = "en", english_only: bool = False) -> str:
    zh = lang == "zh" and not english_only
    region = s["region_zh" if zh else "region_en"].iloc[0]
    if not several_indicators:
        return str(region)
    return f"{s['name_zh' if zh else 'name_en'].iloc[0]} ({region})"


def source_line(df: pd.DataFrame, lang: str = "en", english_only: bool = False) -> str:
    """Where the points come from: each citation with the years it gives."""
    # One entry per publication; the report's sections and their years follow its title.
    cited: dict[str, dict[str, list[int]]] = {}
    parts_of = df["citation_part"] if not english_only else [""] * len(df)
    for work, part, year in zip(df["citation_en" if english_only else "citation"], parts_of, df["year"]):
        cited.setdefault(str(work), {}).setdefault(str(part), []).append(int(year))
    parts = []
    for work, sections in cited.items():
        if list(sections) == [""]:
            parts.append(f"{work} ({_years_span(sections[''])})")
        else:
            listed = ", ".join(
                f"{sec} ({_years_span(years)})" if sec else f"({_years_span(years)})" for sec, years in sections.items()
            )
            parts.append(f"{work}: {listed}")
    if lang == "zh" and not english_only:
        return "资料来源：" + "；".join(parts)
    return ("Source: " if len(parts) == 1 else "Sources: ") + "; ".join(parts)


def marks_note(df: pd.DataFrame, lang: str = "en", english_only: bool = False, bar: bool = False) -> str:
    """The legend of the markers for bounds and approximations that the chart shows ('' if none)."""
    zh = lang == "zh" and not english_only
    present = [m for m in NOTED_MARKS if (df["mark"] == m).any()]
    glyphs = TERMINAL_BAR_GLYPHS if bar else TERMINAL_GLYPHS
    return "   ".join(f"{glyphs[m]} {MARK_NOTES[m][1 if zh else 0]}" for m in present)


def _years_span(years: Iterable[int]) -> str:
    years = sorted(set(years))
    runs, start, prev = [], years[0], years[0]
    for y in years[1:]:
        if y != prev + 1:
            runs.append((start, prev))
            start = y
        prev = y
    runs.append((start, prev))
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def _cell_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Wrap ``text`` to ``width`` terminal cells, counting Chinese characters as two."""
    lines, line, used = [], "", 0
    # Break between words, and anywhere inside a run of Chinese text.
    cjk = "\u2e80-\u9fff\uff00-\uffef\u3000-\u303f"
    for token in re.findall(rf"[{cjk}]\s*|[^\s{cjk}]+\s*|\s+", text):
        w = _cell_width(token.rstrip())
        if used and used + w > width:
            lines.append(line.rstrip())
            line, used = "", 0
            token = token.lstrip()
        line += token
        used += _cell_width(token)
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


# --------------------------------------------------------------------------- ticks


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
            f"cannot draw a chart of values from {lo:.6g} to {hi:.6g}: the span is beyond what an axis can divide.",
            "Run `gzkit show INDICATOR` for the numbers.",
        )


@contextmanager
def _drawing(df: pd.DataFrame):
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


def _value_range(df: pd.DataFrame, kind: str) -> tuple[float, float]:
    lo, hi = float(df["value"].min()), float(df["value"].max())
    if kind == "bar":
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    return lo, hi


# --------------------------------------------------------------------------- terminal


def require_plotext():
    """The plotext module, or the error that says how to install it."""
    try:
        import plotext
    except ImportError:
        raise GzkitError(MISSING_EXTRA) from None
    if not hasattr(plotext, "figure") or not hasattr(plotext.figure, "signal"):
        # plotext 5 had another API (plt.plot/plt.build); gzkit draws with plotext 6.
        raise GzkitError("gzkit's terminal charts need plotext 6 or later.", "pip install -U 'plotext>=6.1'")
    return plotext


def terminal_chart(df: pd.DataFrame, lang: str = "en", kind: str = "line", **options) -> str:
    """The chart as terminal text (see :func:`_terminal_chart`); values no axis can divide raise :class:`Undrawable`."""
    from contextlib import redirect_stderr

    # plotext prints its own coloured remarks on stderr (values too close to tell apart): the chart says enough.
    with _drawing(df), redirect_stderr(io.StringIO()):
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
    if kind not in KINDS:
        raise UsageError(f"unknown chart kind '{kind}'.", f"Choose one of: {', '.join(KINDS)}.")
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
    lo, hi = _value_range(df, kind)
    if log:
        # plotext has no logarithmic axis: the points go at log10 of their value, the ticks say the value.
        yticks, decimals = log_ticks(lo, hi)
        at = [math.log10(t) for t in yticks]
    else:
        if kind == "line" and lo == hi:
            lo, hi = lo - (abs(lo) * 0.1 or 1), hi + (abs(hi) * 0.1 or 1)
        yticks, decimals = nice_ticks(lo, hi)
        at = yticks

    def place(values) -> list[float]:
        return [math.log10(float(v)) if log else float(v) for v in values]

    def marker(glyph: str, index: int):
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
            xs = [slot[int(y)] + offset for y in s["year"]]
            glyphs = [marker(TERMINAL_BAR_GLYPHS[m] if m != "exact" else _bar_glyph(i), i) for m in s["mark"]]
            fig.draw(fig.bar(xs, [float(v) for v in s["value"]], width=bar_width, marker=glyphs))
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
        visible = _cell_width(re.sub(r"\x1b\[[0-9;]*m", "", line + "   " + entry))
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


# --------------------------------------------------------------------------- figures


def require_matplotlib():
    """The matplotlib package, or the error that says how to install it."""
    _matplotlib_config_dir()
    try:
        import matplotlib
    except ImportError:
        raise GzkitError(MISSING_EXTRA) from None
    return matplotlib


def _matplotlib_config_dir() -> None:
    """Give matplotlib a temporary configuration folder when the home folder cannot hold one.

    Otherwise, with HOME unset, read-only or missing, matplotlib warns on stderr and
    makes folders of its own; the temporary one is removed when gzkit ends.
    """
    import os
    import sys

    if "MPLCONFIGDIR" in os.environ or "matplotlib" in sys.modules:
        return
    try:
        home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        usable = (home.is_dir() and os.access(home, os.W_OK | os.X_OK)) or (
            not home.exists() and home.parent.is_dir() and os.access(home.parent, os.W_OK | os.X_OK)
        )
    except (RuntimeError, OSError, KeyError):  # no home folder at all
        usable = False
    if not usable:
        import atexit
        import tempfile

        folder = tempfile.mkdtemp(prefix="gzkit-matplotlib-")
        os.environ["MPLCONFIGDIR"] = folder
        atexit.register(shutil.rmtree, folder, ignore_errors=True)


def cjk_font() -> str | None:
    """The name of an installed font that draws Chinese, as matplotlib knows it; None if there is none."""
    require_matplotlib()
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    candidates = sorted(
        {(f.name, f.fname) for f in font_manager.fontManager.ttflist if any(h in f.name for h in _CJK_NAME_HINTS)},
        key=lambda nf: (CJK_FAMILIES.index(nf[0]) if nf[0] in CJK_FAMILIES else len(CJK_FAMILIES), nf[0]),
    )
    for name, path in candidates:
        try:
            if FT2Font(path).get_char_index(ord("广")):
                return name
        except (OSError, RuntimeError):
            continue
    return None


def _draw(df: pd.DataFrame, lang: str, kind: str, compact: bool, english_only: bool, log: bool = False):
    """The matplotlib Figure of the chart (no pyplot: no global state, no GUI backend)."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    if kind not in KINDS:
        raise UsageError(f"unknown chart kind '{kind}'.", f"Choose one of: {', '.join(KINDS)}.")
    if log:
        check_log(df, kind, lang)
    groups = series(df)
    several = df["indicator"].nunique() > 1
    years = sorted(set(int(y) for y in df["year"]))
    src = source_line(df, lang, english_only)
    src_lines = wrap(src, 125) if not compact else []
    size = (4.4, 2.4) if compact else (8.0, 4.8 + 0.17 * len(src_lines))
    fig = Figure(figsize=size, layout="constrained")
    # A little room around the edges: the viewer's font may be wider than the one matplotlib measured.
    fig.get_layout_engine().set(w_pad=5 / 72, h_pad=5 / 72)
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
            for i, (_, s) in enumerate(groups, start=offset):
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
            for i, (_, s) in enumerate(groups, start=offset):
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

        lo, hi = _value_range(part, kind)
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
                    note = MARK_NOTES[mark][1 if zh else 0]
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
        fig.get_layout_engine().set(rect=(0, strip, 1, 1 - strip))
    return fig


def _rc(families: list[str], salt: str) -> dict:
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": salt,
        "path.simplify": False,
        "font.family": ["sans-serif"],
        "font.sans-serif": families,
        "axes.unicode_minus": False,
    }


@contextmanager
def _quiet():
    """Silence matplotlib's complaints about fonts that the viewer, not matplotlib, will supply."""
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Glyph .* missing from font")
            warnings.filterwarnings("ignore", message=r"findfont")
            yield
    finally:
        logger.setLevel(level)


def figure_svg(df: pd.DataFrame, lang: str = "en", kind: str = "line", compact: bool = False, log: bool = False) -> str:
    """The chart as SVG text. Text stays text, so Chinese renders with the viewer's fonts.

    ``compact`` draws a small trend chart without title, axis labels, legend or
    source line (for pages that say those around it).
    """
    mpl = require_matplotlib()
    # A compact chart writes only numbers; a full one names fonts that draw Chinese.
    families = ([] if compact else [*CJK_FAMILIES[:6]]) + ["DejaVu Sans", "Arial", "sans-serif"]
    salt = "gzkit-" + "-".join(f"{i}@{r}" for (i, r), _ in series(df)) + f"-{kind}-{lang}-{int(compact)}"
    with _quiet(), mpl.rc_context(_rc(families, salt)), _drawing(df):
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
            f"no Chinese font is installed, so the {name} has English labels only. Install one (Debian: "
            "apt-get install fonts-noto-cjk) or write an .svg, which shows Chinese with the viewer's fonts."
            if lang != "zh"
            else f"未安装中文字体，{name} 只有英文标注。请安装中文字体（Debian：apt-get install fonts-noto-cjk），"
            "或改存 .svg（由查看者的字体显示中文）。"
        )
    families = ([font] if font else []) + ["DejaVu Sans", "sans-serif"]
    # Type 42 embeds the TrueType glyphs themselves, so the PDF shows Chinese on a machine without the font.
    rc = {**_rc(families, "gzkit"), "pdf.fonttype": 42}
    if fmt == "pdf":
        metadata = {
            "Title": title(df, lang, english_only),
            "Subject": source_line(df, lang, english_only),
            "Creator": "gzkit",
            "CreationDate": None,
        }
    else:
        metadata = {"Software": "gzkit"}
    with _quiet(), mpl.rc_context(rc), _drawing(df):
        fig = _draw(df, lang, kind, compact=False, english_only=english_only, log=log)
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=metadata)
    return buf.getvalue(), notes


def _has_chinese(df: pd.DataFrame, lang: str) -> bool:
    # Titles are bilingual and most citations are Chinese, so nearly every chart has some.
    texts = [title(df, lang), source_line(df, lang), *df["region_zh" if lang == "zh" else "region_en"]]
    return any(_CJK.search(str(t)) for t in texts)


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
        raise UsageError(f"cannot write a chart to '{path.name}'.", "Give a file ending in .svg, .png or .pdf.")
    check_dpi(dpi, lang)
    if path.exists() and not force:
        raise GzkitError(f"{path} already exists.", "Add --force to overwrite it.")
    if suffix == ".svg":
        write_atomic(path, figure_svg(df, lang, kind, log=log), force=force)
        return []
    if suffix == ".pdf":
        data, notes = figure_pdf(df, lang, kind, log=log)
    else:
        data, notes = figure_png(df, lang, kind, dpi=dpi, log=log)
    write_atomic(path, data, force=force)
    return notes
