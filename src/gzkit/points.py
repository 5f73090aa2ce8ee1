"""The yearly points a comparison reads: stated figures, and the values the report implies.

``compare``, ``growth`` and ``chart`` work on one point per indicator, region and
year. A point is the headline statement of that single year when the data has
one; otherwise, unless the caller asks for stated figures only, the value the
figures imply for that year (the report's own, or official ones) (:func:`gzkit.derived.implied_values`), marked
``implied`` with its formula (``derivation``), its rounding range (``low``,
``high``) and the lowest confidence of its inputs. Implied values of quantities
that have no indicator in the data package (the toilet programme's plan) are
left to ``gzkit export --derived``.

An implied value's ``vintage`` is the release of its inputs (``report 2020-08``
for 2018 imports implied by the report's 2019 figures), so comparing it with a
stated figure of the same release raises no warning.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

import numpy as np
import pandas as pd

from gzkit import core, derived
from gzkit.columns import FIGURE, IMPLICATION, PROVENANCE, STATEMENT
from gzkit.data import Dataset
from gzkit.selection import PointFilter

if TYPE_CHECKING:
    # Only read by the type checker (PEP 692); typing has it from Python 3.11.
    from typing_extensions import Unpack

#: The columns of a points frame.
COLUMNS = [*FIGURE, *STATEMENT, "year_inferred", *PROVENANCE, "note", *IMPLICATION, "low", "high"]


def implied(
    ds: Dataset,
    *,
    single_year: bool = True,
    stated: pd.DataFrame | None = None,
    **points: Unpack[PointFilter],
) -> pd.DataFrame:
    """The implied values of indicators the package has, as points (``implied`` is True).

    With ``single_year``, only values for one calendar year. Undefined values
    (empty, with a reason) are left out: there is nothing to compare or draw.
    ``points`` (:class:`gzkit.selection.PointFilter`: ``years``, ``indicators``,
    ``region``) keep only those points; ``stated`` (indicator, region, year)
    leaves out the points the caller already has.
    """
    ids = points.get("indicators")
    # Only quantities the package has an indicator for: the others are export --derived's.
    known: PointFilter = {**points, "indicators": list(ds.indicators["id"] if ids is None else ids)}
    imp = derived.implied_values(ds, ranges=True, stated=stated, **known)
    keep = imp["value"].notna() & imp["indicator"].isin(ds.indicators["id"])
    if single_year:
        keep &= imp["period"].astype(str).str.len() == 4
    imp = imp[keep].copy()
    imp["vintage"] = imp["release"]
    imp["implied"] = True
    imp["year"] = imp["year"].astype("int64")
    imp["decimals"] = imp["decimals"].astype("int64")
    result: pd.DataFrame = imp[COLUMNS].reset_index(drop=True)
    return result


def yearly(
    ds: Dataset,
    *,
    years: Iterable[int] | None = None,
    indicators: Iterable[str] | None = None,
    region: str | None = None,
    with_implied: bool = True,
) -> pd.DataFrame:
    """One point per indicator, region and single year: the stated headline, else the implied value.

    ``years``, ``indicators`` and ``region`` keep only those points. Columns:
    :data:`COLUMNS`. Rows are stated points in data order, then implied ones.
    """
    stated: pd.DataFrame = core.headline(ds, years=years, indicators=indicators, region=region)
    # pandas-stubs types assign() with NaN keywords as Any; the frame is a DataFrame all the same.
    stated = cast(pd.DataFrame, stated.assign(implied=False, derivation="", low=np.nan, high=np.nan)[COLUMNS])
    stated_only: pd.DataFrame = stated.reset_index(drop=True)
    if not with_implied:
        return stated_only
    imp: pd.DataFrame = implied(
        ds,
        years=None if years is None else list(years),
        indicators=None if indicators is None else list(indicators),
        region=region,
        stated=stated[["indicator", "region", "year"]],
    )
    key = ["indicator", "region", "year"]
    have = pd.MultiIndex.from_frame(stated[key])
    # A stated figure for the year wins; an implied value fills a year the data does not state.
    imp = imp[~pd.MultiIndex.from_frame(imp[key]).isin(have)]
    imp = imp.drop_duplicates(key)
    if imp.empty:
        return stated_only
    both: pd.DataFrame = pd.concat([stated, imp.astype(stated.dtypes.to_dict(), errors="ignore")], ignore_index=True)
    return both
