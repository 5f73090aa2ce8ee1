"""Exports shaped for the work: filtered rows, chosen columns, and a wide table for spreadsheets.

The filtering itself is :func:`gzkit.core.export`, so every exporter (CSV here,
other file formats elsewhere) selects rows the same way. This module adds the
implied values (``--derived``), the column choice (``--columns``) and the wide
shape (``--wide``): one row per indicator and region, one ``value_<period>``
column per period with a parallel ``qualifier_<period>`` column, so that
"more than 12,000" never turns into a plain 12,000 in a spreadsheet cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from gzkit import core, derived
from gzkit.data import Dataset, period_span
from gzkit.errors import UsageError
from gzkit.i18n import T
from gzkit.selection import RowFilter

if TYPE_CHECKING:
    # Only read by the type checker (PEP 692); typing has it from Python 3.11.
    from typing_extensions import Unpack

#: The identifying columns of a wide export, in order.
WIDE_ID = ["indicator", "domain", "region", "name_en", "name_zh", "unit"]


def export(
    ds: Dataset,
    *,
    headline_only: bool = False,
    with_derived: bool = False,
    **filters: Unpack[RowFilter],
) -> pd.DataFrame:
    """:func:`gzkit.core.export` with its filters, and with ``with_derived`` the implied values after it.

    ``filters`` are those of :func:`gzkit.core.export` (:class:`gzkit.selection.RowFilter`:
    ``domain``, ``region``, ``indicators``, ``start``, ``end``). Implied values pass the
    same filters (they are never headline statements, so ``headline_only`` keeps them)
    and carry their formula in ``derivation``, empty for statements.
    """
    observed: pd.DataFrame = core.export(ds, headline_only=headline_only, **filters)
    if not with_derived:
        return observed
    observed = observed.assign(derivation="")
    implied: pd.DataFrame = derived.implied_values(ds)
    implied = implied[core.rows_matching(ds, implied, **filters)]
    if implied.empty:
        return observed
    both: pd.DataFrame = pd.concat(
        [observed, implied.astype(observed.dtypes.to_dict(), errors="ignore")], ignore_index=True
    )
    return both


def select_columns(df: pd.DataFrame, columns: str | list[str] | None) -> pd.DataFrame:
    """``df`` with only ``columns`` (a list or comma-separated text), in that order.

    An unknown name is a :class:`~gzkit.errors.UsageError` that lists the valid ones.
    """
    if columns is None:
        return df
    names = [c.strip() for c in (columns.split(",") if isinstance(columns, str) else columns)]
    names = [c for c in names if c]
    if not names:
        raise UsageError(T("--columns is empty."), T("Valid columns: {columns}.", columns=", ".join(df.columns)))
    unknown = [c for c in names if c not in df.columns]
    if unknown:
        raise UsageError(
            T("unknown columns {names}.", names=", ".join(repr(c) for c in unknown))
            if len(unknown) > 1
            else T("unknown column {name}.", name=repr(unknown[0])),
            T("Valid columns: {columns}.", columns=", ".join(df.columns)),
        )
    picked: pd.DataFrame = df[list(dict.fromkeys(names))]
    return picked


def wide(df: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator and region, a ``value_<period>`` and ``qualifier_<period>`` column per period.

    Reads the headline statements of ``df`` (the shape of :func:`export`); where
    a period has none (``--derived`` values only), the implied value. Periods are
    ordered by their first year, then by their last. Rows follow the order in
    which indicators and regions first appear.
    """
    rows = df[df["headline"].astype(bool)]
    if "derivation" in df.columns:
        implied = df[df["derivation"].astype(str) != ""]
        key = ["indicator", "region", "period"]
        seen = pd.MultiIndex.from_frame(rows[key])
        implied = implied[~pd.MultiIndex.from_frame(implied[key]).isin(seen)].drop_duplicates(key)
        rows = pd.concat([rows, implied], ignore_index=True)
    ids = [c for c in WIDE_ID if c in df.columns]
    periods = sorted(set(rows["period"]), key=lambda p: (*period_span(p), p))
    if rows.empty:
        empty: pd.DataFrame = pd.DataFrame(columns=ids)
        return empty
    order = rows[ids].drop_duplicates(["indicator", "region"])
    values = rows.pivot(index=["indicator", "region"], columns="period", values="value")
    quals = rows.pivot(index=["indicator", "region"], columns="period", values="qualifier")
    out = order.set_index(["indicator", "region"], drop=False)
    for p in periods:
        out[f"value_{p}"] = values[p].reindex(out.index).astype("float64")
        out[f"qualifier_{p}"] = quals[p].reindex(out.index).fillna("").astype(object)
    table: pd.DataFrame = out.reset_index(drop=True)
    return table
