"""Lookups: what a user typed (an id, a name, an alias), turned into the id the data uses.

Every command resolves its arguments here first, so a mistake gets one clear error
naming what is valid and what to run next (:class:`~gzkit.errors.NotFound`,
:class:`~gzkit.errors.UsageError`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from gzkit.data import Dataset
from gzkit.errors import NotFound, UsageError
from gzkit.i18n import N_, T, Text

#: The region a package names nothing else for (gzkit's own package: Guangzhou).
DEFAULT_REGION = "guangzhou"


def norm(text: object) -> str:
    """``text`` as lookups compare it: NFKC, trimmed, lower case, runs of spaces and hyphens as ``_``."""
    text = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def resolve_domain(ds: Dataset, name: str) -> str:
    """The domain id for an id, English or Chinese name, or alias (case-insensitive)."""
    key = norm(name)
    for row in ds.domains.itertuples(index=False):
        names = [row.id, row.name_en, row.name_zh, *str(row.aliases).split("|")]
        if key in {norm(n) for n in names if n}:
            return str(row.id)
    raise NotFound("domain", name, ds.domains["id"], "gzkit domains")


def resolve_indicator(ds: Dataset, name: str) -> str:
    """The indicator id for an id (case-insensitive) or an exact English or Chinese name."""
    key = norm(name)
    ind = ds.indicators
    for col in ("id", "name_en", "name_zh"):
        hit = ind["id"][ind[col].map(norm) == key]
        if len(hit):
            return str(hit.iloc[0])
    raise NotFound("indicator", name, ind["id"], "gzkit list")


def default_region(ds: Dataset) -> str:
    """The region commands use unless told otherwise: the package's ``default_region``, else its first region."""
    named = ds.meta.get("default_region")
    if isinstance(named, str) and named in set(ds.regions["id"]):
        return named
    return str(ds.regions["id"].iloc[0]) if len(ds.regions) else DEFAULT_REGION


def resolve_region(ds: Dataset, name: str | None) -> str | None:
    """The region id for an id or name; None and 'all' mean every region."""
    if name is None or norm(name) == "all":
        return None
    key = norm(name)
    for row in ds.regions.itertuples(index=False):
        if key in {norm(row.id), norm(row.name_en), norm(row.name_zh)}:
            return str(row.id)
    raise NotFound("region", name, ds.regions["id"], "gzkit regions")


def check_year(ds: Dataset, year: int, what: str = "year") -> None:
    """UsageError unless ``year`` lies within the years the data covers (``what`` names the option)."""
    years = ds.observations["year"]
    lo, hi = int(years.min()), int(years.max())
    if not lo <= year <= hi:
        # ``what`` is "year" (a word, translated) or an option as typed (--from), which no catalog entry changes.
        named = Text(N_("year") if what == "year" else what)
        raise UsageError(
            T("{what} {year} is outside the data, which covers {lo}-{hi}.", what=named, year=year, lo=lo, hi=hi)
        )


def with_meta(
    obs: pd.DataFrame, ds: Dataset, cols: Iterable[str] = ("domain", "name_en", "name_zh", "unit")
) -> pd.DataFrame:
    """``obs`` (with an ``indicator`` column) joined with the indicators' metadata columns ``cols``."""
    meta = ds.indicators.rename(columns={"id": "indicator"})[["indicator", *cols]]
    result: pd.DataFrame = obs.merge(meta, on="indicator", how="left")
    return result
