"""One description of every column a computation returns: what it means, not how it looks.

Core functions attach a specification to the DataFrames they return (in
``df.attrs["columns"]``, through :func:`describe`): for each column its *role* and,
for numbers, the columns that hold their unit, published precision and qualifier.
The renderers (terminal tables, markdown, the HTML report) read only this
specification and the data package's units; none of them knows a command's
columns, so a new column needs no renderer change.

Roles:

``id``         a code a user types back (indicator, check, target id): shown whole
``region``     a region id; shown whenever rows come from more than one region
``label``      a name in one language (``lang``); names wrap
``number``     a quantity: ``unit``/``unit_id``, ``decimals`` and ``qualifier`` say how to read it
``count``      a whole number of things (indicators, observations, statements)
``period``     a year or a span of years
``qualifier``  a bound or approximation mark (``>``, ``~``) that qualifies a number
``unit``       a unit id; hidden where the numbers already carry it
``precision``  published decimals; machine-only
``status``     a short word from a fixed vocabulary (achieved, better, consistent)
``flag``       true or false
``prose``      free text (notes, evidence, sources): wraps, or is shortened in tables
``hidden``     machine-only

The units travel with the result too: :func:`describe` puts the unit vocabulary of
the Dataset the function was given in ``df.attrs["units"]``, so a result of another
data package renders in that package's units.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ParamSpec

from gzkit.i18n import _

if TYPE_CHECKING:
    import pandas as pd

    from gzkit.data import Dataset

P = ParamSpec("P")

ROLES = (
    "id",
    "region",
    "label",
    "number",
    "count",
    "period",
    "qualifier",
    "unit",
    "precision",
    "status",
    "flag",
    "prose",
    "hidden",
)

#: Roles whose values are never cut, wrapped or shortened in a table.
WHOLE = frozenset({"id", "region", "number", "count", "period", "qualifier", "unit", "status", "flag"})
#: Roles that wrap, or are shortened with an ellipsis, when space is short.
PROSE = frozenset({"label", "prose"})


@dataclass(frozen=True)
class Column:
    """The meaning of one column (see the module docstring for the roles)."""

    role: str
    #: number: the column holding each row's unit id, or one unit id for the whole column.
    unit: str | None = None
    unit_id: str | None = None
    #: number: the unit of this indicator in the Dataset (resolved to ``unit_id`` by :func:`describe`).
    unit_of: str | None = None
    #: number: the column holding each row's published decimals.
    decimals: str | None = None
    #: number: the column holding each row's qualifier (>, ~, ...).
    qualifier: str | None = None
    #: number: fixed decimals for derived numbers (rates read best aligned: 11.00, 9.49).
    places: int | None = None
    #: label: the language of the text; labels of the other language are hidden.
    lang: str | None = None
    #: number: how a graphical renderer may draw it: "share" (a bar out of 100) or "relative" (to the largest).
    gauge: str | None = None
    #: number: a difference of two values in ``unit``; a difference of percentages reads in percentage points.
    between: bool = False
    #: Header for people, when the vocabulary has none: (English, Chinese).
    header: tuple[str, str] | None = None
    #: The flag column whose true rows get a ``*`` here, and the footnote (English, Chinese) that explains it.
    marked_by: str | None = None
    footnote: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown column role '{self.role}'; roles are {', '.join(ROLES)}")

    def but(self, **changes: Any) -> Column:
        """A copy with some fields changed."""
        return replace(self, **changes)


ID = Column("id")
REGION = Column("region")
COUNT = Column("count")
PERIOD = Column("period")
QUALIFIER = Column("qualifier")
UNIT = Column("unit")
PRECISION = Column("precision")
STATUS = Column("status")
FLAG = Column("flag")
PROSE_TEXT = Column("prose")
HIDDEN = Column("hidden")
#: A published figure: unit, decimals and qualifier in the columns of the same row.
VALUE = Column("number", unit="unit", decimals="decimals", qualifier="qualifier")
#: The difference of two published figures of one unit (a change, Guangzhou less China).
DIFFERENCE = Column("number", unit="unit", qualifier="qualifier", between=True)
#: A derived rate in percent, to two fixed decimals.
RATE = Column("number", places=2, qualifier="qualifier")
#: A plain derived number (a ratio, a weight).
PLAIN = Column("number")


#: The vocabulary: what a column of this name means wherever it appears. Functions override
#: what differs for them (``value`` of ``progress`` is qualified by ``qualifier_value``).
VOCABULARY: dict[str, Column] = {
    "indicator": ID,
    "domain": ID,
    "check": ID,
    "target_id": ID,
    "item": COUNT,
    "region": REGION,
    "name_en": Column("label", lang="en"),
    "name_zh": Column("label", lang="zh"),
    "unit": UNIT,
    "polarity": HIDDEN,
    "scale": HIDDEN,
    "description": HIDDEN,
    "description_zh": HIDDEN,
    "framework": HIDDEN,
    "first_year": PERIOD,
    "last_year": PERIOD,
    "years": PERIOD,
    "year": PERIOD,
    "period": PERIOD.but(
        marked_by="year_inferred",
        footnote=("* year not stated in the report; 2019 assumed", "* 报告未写明年份，按2019年计"),
    ),
    "year_a": PERIOD,
    "year_b": PERIOD,
    "from_year": PERIOD,
    "to_year": PERIOD,
    "indicators": COUNT,
    "observations": COUNT,
    "statements": COUNT,
    "qualifier": QUALIFIER,
    "qualifier_value": QUALIFIER,
    "qualifier_a": QUALIFIER,
    "qualifier_b": QUALIFIER,
    "qualifier_from": QUALIFIER,
    "qualifier_to": QUALIFIER,
    "qualifier_urban": QUALIFIER,
    "qualifier_rural": QUALIFIER,
    "decimals_a": PRECISION,
    "decimals_b": PRECISION,
    "decimals_from": PRECISION,
    "decimals_to": PRECISION,
    "comparison": QUALIFIER,
    "value": VALUE,
    "value_a": VALUE.but(decimals="decimals_a", qualifier="qualifier_a"),
    "value_b": VALUE.but(decimals="decimals_b", qualifier="qualifier_b"),
    "value_from": VALUE.but(decimals="decimals_from", qualifier="qualifier_from"),
    "value_to": VALUE.but(decimals="decimals_to", qualifier="qualifier_to"),
    "change": DIFFERENCE,
    "region_a": REGION,
    "region_b": REGION,
    "vintage_a": PROSE_TEXT,
    "vintage_b": PROSE_TEXT,
    "qualifier_stated": QUALIFIER,
    "stated_rate": PLAIN.but(qualifier="qualifier_stated"),  # a published rate: its own digits, not two decimals
    "implied": PERIOD,
    "decimals": PRECISION,
    "year_inferred": FLAG,
    "headline": FLAG,
    "target_implied": FLAG,
    "source": PROSE_TEXT,
    "vintage": PROSE_TEXT,
    "confidence": STATUS,
    "evidence": PROSE_TEXT,
    "evidence_words": PROSE_TEXT,
    "match": STATUS,
    "note": PROSE_TEXT,
    "inputs": PROSE_TEXT,
    "derivation": PROSE_TEXT,
    "section": PROSE_TEXT,
    "unit_note": PROSE_TEXT,
    "status": STATUS,
    "better": STATUS,
    "kind": STATUS,
    "comparability": STATUS,
    "pct_change": RATE,
    "cagr": RATE,
    "completion_pct": RATE.but(gauge="share"),
    "realization_pct": RATE.but(gauge="share"),
    "ratio": PLAIN.but(gauge="relative"),
    "weight": PLAIN,
    "expected": PLAIN.but(qualifier="qualifier"),
    "stated": PLAIN,
    "difference": DIFFERENCE,
    "tolerance": PLAIN,
}

#: Column groups: the names several tables share, in the order they list them.
#: What a figure is of: an indicator, a region and a period (``year``: its last year).
FIGURE = ("indicator", "region", "period", "year")
#: How a figure was stated: the number, its qualifier and its published precision.
STATEMENT = ("value", "qualifier", "decimals")
#: The same, in the order a reader reads it (>15万 元): qualifier, number, precision, unit.
AS_PRINTED = ("qualifier", "value", "decimals", "unit")
#: An indicator's names in both languages.
NAMES = ("name_en", "name_zh")
#: Where a figure comes from: its source, release and confidence grade.
RELEASE = ("source", "vintage", "confidence")
#: The release with the verbatim snippet that states the figure.
PROVENANCE = (*RELEASE, "evidence")
#: What marks a value the report implies, and its formula.
IMPLICATION = ("implied", "derivation")

#: The catalog context of column headers.
HEADER_CONTEXT = "column"
#: Headers whose English means something else elsewhere have a context of their own: ``years`` between two
#: years is 年数, the years of a series 年份.
HEADER_SENSES = {"years_between": "column:years_between"}
#: Column headers for people (tables, markdown, the HTML report) in English; the Chinese are in the catalog
#: under msgctxt ``column``. Machine formats keep the column names.
HEADERS: dict[str, str] = {
    "domain": "domain",
    "name_en": "name_en",
    "name_zh": "name_zh",
    "indicators": "indicators",
    "observations": "observations",
    "indicator": "indicator",
    "unit": "unit",
    "polarity": "polarity",
    "first_year": "first_year",
    "last_year": "last_year",
    "years": "years",
    "region": "region",
    "period": "period",
    "year": "year",
    "qualifier": "qualifier",
    "value": "value",
    "source": "source",
    "evidence": "evidence",
    "evidence_words": "evidence_words",
    "match": "match",
    "note": "note",
    "headline": "headline",
    "vintage": "vintage",
    "confidence": "confidence",
    "year_a": "year_a",
    "value_a": "value_a",
    "year_b": "year_b",
    "value_b": "value_b",
    "change": "change",
    "pct_change": "pct_change",
    "cagr": "cagr",
    "better": "better",
    "kind": "kind",
    "from_year": "from_year",
    "to_year": "to_year",
    "value_from": "value_from",
    "value_to": "value_to",
    "urban": "urban",
    "rural": "rural",
    "ratio": "ratio",
    "difference": "difference",
    "target": "target",
    "comparison": "comparison",
    "completion_pct": "completion_pct",
    "status": "status",
    "target_id": "target_id",
    "year_inferred": "year_inferred",
    "realization_pct": "realization_pct",
    "weight": "weight",
    "comparability": "comparability",
    "check": "check",
    "inputs": "inputs",
    "expected": "expected",
    "stated": "stated",
    "derivation": "derivation",
    "section": "section",
    "statements": "statements",
    "item": "item",
    "tolerance": "tolerance",
    "unit_note": "unit_note",
    "years_between": "years",
    "stated_rate": "stated_rate",
    "implied": "implied",
    "region_a": "region_a",
    "region_b": "region_b",
}


def header(name: str, lang: str, spec: Column | None = None) -> str:
    """The header of column ``name`` for people in ``lang``: the vocabulary's, from the catalog, else the column
    specification's own (English, Chinese) pair, else the name itself."""
    english = HEADERS.get(name)
    if english is not None:
        return _(english, lang, context=HEADER_SENSES.get(name, HEADER_CONTEXT))
    if spec is not None and spec.header is not None:
        return spec.header[1] if lang == "zh" else spec.header[0]
    return name


def describe(
    **overrides: Column,
) -> Callable[[Callable[P, pd.DataFrame]], Callable[P, pd.DataFrame]]:
    """Attach the column specification (and the Dataset's units) to what a function returns.

    Each column gets ``overrides[name]``, else the vocabulary's entry; columns known to
    neither are described from their dtype when rendered. The wrapped function's first
    argument must be the :class:`~gzkit.data.Dataset`.
    """

    def decorate(func: Callable[P, pd.DataFrame]) -> Callable[P, pd.DataFrame]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> pd.DataFrame:
            out = func(*args, **kwargs)
            return attach(out, args[0] if args else kwargs.get("ds"), **overrides)

        return wrapper

    return decorate


class Shared(dict):  # type: ignore[type-arg]
    """A mapping that travels in ``df.attrs`` without being copied.

    pandas deep-copies ``attrs`` on almost every operation; a specification or a unit
    table is never changed after it is attached (:func:`attach` builds a new one), so
    every copy of a frame may share it.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> Shared:
        return self


def attach(df: pd.DataFrame, ds: Dataset | Any = None, **overrides: Column) -> pd.DataFrame:
    """Set ``df.attrs["columns"]`` (and ``df.attrs["units"]`` from ``ds``); return ``df``."""
    spec: dict[str, Column] = Shared()
    for name in df.columns:
        col = overrides.get(name) or VOCABULARY.get(name)
        if col is None:
            continue
        if col.unit_of is not None and ds is not None:
            units = ds.indicators.set_index("id")["unit"]
            col = col.but(unit_id=units.get(col.unit_of), unit_of=None)
        spec[name] = col
    df.attrs["columns"] = spec
    if ds is not None:
        df.attrs["units"] = unit_table(ds.units)
    return df


def unit_table(units: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """A data package's units as ``{id: {name_en, name_zh, base, multiplier}}`` (shared, not copied, in attrs)."""
    return Shared({str(r["id"]): {str(k): v for k, v in r.items() if k != "id"} for r in units.to_dict("records")})


def spec_of(df: pd.DataFrame) -> dict[str, Column]:
    """The specification of every column of ``df``: attached, else the vocabulary's, else from its dtype."""
    import pandas as pd

    attached = df.attrs.get("columns") or {}
    out: dict[str, Column] = {}
    for name in df.columns:
        col = attached.get(name) or VOCABULARY.get(name)
        if col is None:
            s = df[name]
            if pd.api.types.is_bool_dtype(s):
                col = FLAG
            elif pd.api.types.is_integer_dtype(s):
                col = COUNT
            elif pd.api.types.is_numeric_dtype(s):
                col = PLAIN
            else:
                col = PROSE_TEXT
        out[name] = col
    return out
