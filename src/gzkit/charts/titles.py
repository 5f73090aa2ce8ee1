"""The words around a chart: its title, axis labels, series labels, the legend of marks and the source line."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

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

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


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
            parts.append(f"{work} ({years_span(sections[''])})")
        else:
            listed = ", ".join(
                f"{sec} ({years_span(years)})" if sec else f"({years_span(years)})" for sec, years in sections.items()
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


def years_span(years: Iterable[int]) -> str:
    years = sorted(set(years))
    runs, start, prev = [], years[0], years[0]
    for y in years[1:]:
        if y != prev + 1:
            runs.append((start, prev))
            start = y
        prev = y
    runs.append((start, prev))
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def cell_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Wrap ``text`` to ``width`` terminal cells, counting Chinese characters as two."""
    lines, line, used = [], "", 0
    # Break between words, and anywhere inside a run of Chinese text.
    cjk = "\u2e80-\u9fff\uff00-\uffef\u3000-\u303f"
    for token in re.findall(rf"[{cjk}]\s*|[^\s{cjk}]+\s*|\s+", text):
        w = cell_width(token.rstrip())
        if used and used + w > width:
            lines.append(line.rstrip())
            line, used = "", 0
            token = token.lstrip()
        line += token
        used += cell_width(token)
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]
