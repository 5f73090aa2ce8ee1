"""A result's cells as people read them, from its column specification (:mod:`gzkit.columns`).

Terminal tables, markdown and the HTML report all start here: which columns a
person sees, their headers in the chosen language, and every cell as text
(numbers at their published precision in the package's own units, bounds marked).
Nothing here knows a command's columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gzkit import columns as colspec
from gzkit import humanize, i18n

if TYPE_CHECKING:
    import pandas as pd


#: The header of the one name column, and the footnote that names the one region of a table.
NAME_HEADER = i18n.N_("name")
REGION_FOOTNOTE = i18n.N_("region: {region}")
#: The footnote of one of several region columns a table leaves out, named by its header.
REGION_COLUMN_FOOTNOTE = i18n.N_("{column} is {region}")


@dataclass
class ViewColumn:
    """One column as shown: its name in the data, header, role and the text of each cell."""

    name: str
    header: str
    role: str
    cells: list[str]
    spec: colspec.Column
    #: Raw values, for renderers that draw (meters in the HTML report).
    values: list[Any] = field(default_factory=list)

    @property
    def numeric(self) -> bool:
        return self.role in ("number", "count")


@dataclass
class View:
    """What a person sees of a result: the columns and the footnotes their marks need."""

    columns: list[ViewColumn]
    footnotes: list[str]
    rows: int


def visible(df: pd.DataFrame, lang: str, selection: list[str] | None = None) -> list[str]:
    """The columns a person sees, in order.

    ``selection`` picks them (``name`` standing for the label in ``lang``); without it,
    every column but machine-only ones and labels of the other language. Either way:
    units and qualifiers that the shown numbers already carry are left out, and a
    region column is added whenever the rows come from more than one region.
    """
    spec = colspec.spec_of(df)
    labels = {c: s for c, s in spec.items() if s.role == "label"}
    mine = next((c for c, s in labels.items() if s.lang == lang), None)
    if selection is not None:
        fallback = next(iter(labels), None)
        picked = [(mine or fallback) if c == "name" else c for c in selection]
        cols = [c for c in picked if c is not None and c in df.columns]
    else:
        cols = [
            c
            for c, s in spec.items()
            if s.role not in ("hidden", "precision") and not (s.role == "label" and mine and s.lang != lang)
        ]
    # One region rule: rows from several regions always say which region they are.
    for c, s in spec.items():
        if s.role == "region" and c not in cols and df[c].nunique(dropna=True) > 1:
            at = next((i + 1 for i, x in enumerate(cols) if spec[x].role == "id"), 0)
            cols.insert(at, c)
    shown_numbers = [spec[c] for c in cols if spec[c].role == "number"]
    carried = {s.unit for s in shown_numbers if s.unit} | {s.qualifier for s in shown_numbers if s.qualifier}
    explicit = set(selection or ())
    return [
        c
        for c in cols
        if not (spec[c].role == "unit" and c in carried)
        and not (spec[c].role == "qualifier" and c in carried and c not in explicit)
    ]


def view(
    df: pd.DataFrame,
    lang: str = "en",
    selection: list[str] | None = None,
    units: dict[str, dict[str, Any]] | None = None,
    regions: dict[str, str] | None = None,
) -> View:
    """The cells of ``df`` for people in ``lang``; ``units`` defaults to the ones the result carries.

    ``regions`` maps region ids to their Chinese names (the regions table's ``name_zh``).
    """
    spec = colspec.spec_of(df)
    units = units if units is not None else (df.attrs.get("units") or {})
    cols = visible(df, lang, selection)
    shown = set(cols)
    out: list[ViewColumn] = []
    footnotes: list[str] = []
    for c in cols:
        s = spec[c]
        cells = _cells(df, c, s, shown, lang, units, regions)
        marked = _marked(df, s)
        if marked is not None and any(marked) and s.footnote:
            cells = [t + "*" if m else t for t, m in zip(cells, marked)]
            note = s.footnote[1] if lang == "zh" else s.footnote[0]
            if note not in footnotes:
                footnotes.append(note)
        head = colspec.header(c, lang, s)
        if s.role == "label" and sum(spec[x].role == "label" for x in cols) == 1:
            head = i18n._(NAME_HEADER, lang)  # one name column: the name, in the chosen language
        out.append(ViewColumn(c, head, s.role, cells, s, list(df[c])))
    # One region, no region column: the footnote still says which region every row is about. Where
    # several region columns are hidden (versus: region_a, region_b), each is named by its header.
    hidden = [c for c, s in spec.items() if s.role == "region" and c not in shown and df[c].nunique(dropna=True) == 1]
    region_notes = []
    for c in hidden:
        only = str(df[c].dropna().iloc[0])
        named = (regions or {}).get(only, only) if lang == "zh" else only
        if len(hidden) == 1:
            region_notes.append(i18n._(REGION_FOOTNOTE, lang).format(region=named))
        else:
            column = colspec.header(c, lang, spec[c])
            region_notes.append(i18n._(REGION_COLUMN_FOOTNOTE, lang).format(column=column, region=named))
    footnotes[:0] = region_notes
    return View(out, footnotes, len(df))


def _marked(df: pd.DataFrame, s: colspec.Column) -> list[bool] | None:
    """The rows the column's ``marked_by`` flag sets, or None."""
    if not s.marked_by or s.marked_by not in df.columns:
        return None
    return [bool(v) if v is not None and v == v and not _na(v) else False for v in df[s.marked_by].tolist()]


def _cells(
    df: pd.DataFrame,
    name: str,
    s: colspec.Column,
    shown: set[str],
    lang: str,
    units: dict[str, dict[str, Any]],
    regions: dict[str, str] | None = None,
) -> list[str]:
    series = df[name]
    if s.role == "number":
        return number_cells(df, name, s, shown, lang, units)
    if s.role == "flag":
        return ["✓" if v is True or (v == v and v is not None and bool(v)) else "" for v in series.tolist()]
    if s.role in ("count", "period"):
        return [_whole(v) for v in series.tolist()]
    # Words gzkit composed (an i18n.Text: a note, a derivation) read in the reader's language; anything else,
    # the report's and the sources' own text included, is shown as it is.
    text = [
        ""
        if v is None or (isinstance(v, float) and v != v) or _na(v)
        else v.render(lang)
        if isinstance(v, i18n.Text)
        else str(v)
        for v in series.tolist()
    ]
    if s.role == "status":
        # Machine formats keep the English codes; people read the catalog's word (or, where the
        # status names a region, as versus does for the region ahead, the region's name).
        named = regions if lang == "zh" and regions else {}
        return [named[t] if t in named else i18n._(t, lang, context=name) for t in text]
    if name == "note" and lang == "zh":
        return [_crossing_zh(t) for t in text]
    if s.role == "region" and lang == "zh" and regions:
        return [regions.get(t, t) for t in text]
    return text


#: The row note gzkit composes for two figures of different releases (gzkit.provenance).
_CROSSING = re.compile(r"crosses vintages: (.*?) vs ")


def _crossing_zh(note: str) -> str:
    """A note with gzkit's own crossing words in Chinese; the releases it names stay as the data spells them."""
    if "crosses vintages: " not in note:
        return note
    return _CROSSING.sub(lambda m: f"{i18n._('crosses vintages:', 'zh')}{m.group(1)} {i18n._('vs', 'zh')} ", note)


#: The unit of a difference of two percentages.
POINTS = "percentage_points"


def number_cells(
    df: pd.DataFrame, name: str, s: colspec.Column, shown: set[str], lang: str, units: dict[str, dict[str, Any]]
) -> list[str]:
    """A number column's cells: unit and precision from the row, the qualifier unless its column is shown."""
    n = len(df)
    values = df[name].tolist()
    unit_ids = df[s.unit].tolist() if s.unit and s.unit in df.columns else [s.unit_id] * n
    decimals = df[s.decimals].tolist() if s.decimals and s.decimals in df.columns else [None] * n
    quals = (
        df[s.qualifier].tolist()
        if s.qualifier and s.qualifier in df.columns and s.qualifier not in shown
        else [None] * n
    )
    if s.between and POINTS in units:
        # 6.8% less 6.5% is 0.3 percentage points, not 0.3%.
        unit_ids = [POINTS if u == "percent" else u for u in unit_ids]
    out = []
    for v, u, d, q in zip(values, unit_ids, decimals, quals):
        q = q if isinstance(q, str) else None
        if humanize.is_missing(v):
            out.append("—")
        elif isinstance(u, str) and u:
            out.append(humanize.quantity(v, u, s.places if s.places is not None else d, lang, q, units=units))
        elif s.places is not None:
            out.append(humanize.PREFIX.get(q or "=", "") + humanize.number(v, s.places, fixed=True))
        else:
            out.append(humanize.PREFIX.get(q or "=", "") + humanize.number(v))
    return out


def _na(v: Any) -> bool:
    try:
        import pandas as pd

        return v is pd.NA or v is pd.NaT
    except ImportError:  # pragma: no cover
        return False


def _whole(v: Any) -> str:
    if v is None or _na(v) or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return str(v)
