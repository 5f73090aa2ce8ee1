"""The words around a chart: its title, axis labels, series labels, the legend of marks and the source line."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from gzkit.i18n import N_, T, _

#: What each mark other than exact means, for a legend (catalog msgids).
MARK_NOTES = {
    "lower": N_("lower bound: the true value is at least this"),
    "upper": N_("upper bound: the true value is at most this"),
    "approximate": N_("approximate value"),
    "implied": N_("implied by the report's figures, not stated (gzkit export --derived)"),
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
    note = T(
        "Drawn in {count} panels: the series differ in scale about {factor} times, so one axis would flatten the "
        "smaller.",
        count=len(parts),
        factor=f"{factor:,.0f}",
    )
    return note.render(lang)


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
    words = "zh" if zh else "en"
    unit = str(df["unit_zh" if zh else "unit_en"].iloc[0])
    # In English the unit alone labels the axis; Chinese writes 单位：.
    y_label = _("unit: {unit}", "zh").format(unit=unit) if zh else unit
    if log:
        y_label += _(" (log scale)", words)
    return _("Year", words), y_label


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
        return _("Sources:", "zh") + "；".join(parts)
    return ("Source: " if len(parts) == 1 else "Sources: ") + "; ".join(parts)


def marks_note(df: pd.DataFrame, lang: str = "en", english_only: bool = False, bar: bool = False) -> str:
    """The legend of the markers for bounds and approximations that the chart shows ('' if none)."""
    words = "zh" if lang == "zh" and not english_only else "en"
    present = [m for m in NOTED_MARKS if (df["mark"] == m).any()]
    glyphs = TERMINAL_BAR_GLYPHS if bar else TERMINAL_GLYPHS
    return "   ".join(f"{glyphs[m]} {_(MARK_NOTES[m], words)}" for m in present)


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
