"""The tidy table of every observation joined with its indicator's metadata (``gzkit export``).

:func:`export` builds it with optional filters; :func:`rows_matching` is the same
filters as a mask, so other tables of the same shape (implied values) filter alike.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from gzkit.columns import NAMES, PROVENANCE, STATEMENT, attach
from gzkit.data import Dataset
from gzkit.errors import UsageError
from gzkit.i18n import T
from gzkit.lookups import resolve_domain, resolve_indicator, resolve_region, with_meta

#: The export's leading columns, in order; any further observation column follows them.
EXPORT_LEAD = (
    "indicator",
    "domain",
    "region",
    *NAMES,
    "unit",
    "period",
    "year",
    *STATEMENT,
    "year_inferred",
    *PROVENANCE,
    "headline",
    "note",
)


def export_columns(ds: Dataset) -> list[str]:
    """The columns of :func:`export`, without building it."""
    return list(EXPORT_LEAD) + [c for c in ds.observations.columns if c not in EXPORT_LEAD]


def rows_matching(
    ds: Dataset,
    df: pd.DataFrame,
    domain: str | None = None,
    region: str | None = None,
    indicators: str | Iterable[str] | None = None,
    start: int | None = None,
    end: int | None = None,
) -> np.ndarray:
    """Which rows of ``df`` (with indicator, region and year columns) pass the export filters.

    The filters of :func:`export`, as a boolean mask, so that anything shaped like
    an export (implied values, another exporter's rows) selects rows alike. A
    ``domain`` column, where ``df`` has one, names each row's domain; otherwise the
    indicator's domain in ``ds`` does.
    """
    mask = np.ones(len(df), dtype=bool)
    if domain is not None:
        dom = resolve_domain(ds, domain)
        if "domain" in df.columns:
            mask &= (df["domain"] == dom).to_numpy()
        else:
            mask &= df["indicator"].isin(ds.indicators.loc[ds.indicators["domain"] == dom, "id"]).to_numpy()
    region_id = resolve_region(ds, region)
    if region_id is not None:
        mask &= (df["region"] == region_id).to_numpy()
    if indicators:
        ids = [resolve_indicator(ds, i) for i in ([indicators] if isinstance(indicators, str) else indicators)]
        mask &= df["indicator"].isin(ids).to_numpy()
    if start is not None and end is not None and start > end:
        raise UsageError(
            T("--from {start} is after --to {end}.", start=start, end=end),
            T("Try --from {start} --to {end}.", start=end, end=start),
        )
    if start is not None:
        mask &= (df["year"] >= start).to_numpy()
    if end is not None:
        mask &= (df["year"] <= end).to_numpy()
    return mask


def export(
    ds: Dataset,
    domain: str | None = None,
    region: str | None = None,
    indicators: str | Iterable[str] | None = None,
    start: int | None = None,
    end: int | None = None,
    headline_only: bool = False,
) -> pd.DataFrame:
    """The tidy observations joined with indicator metadata, in file order.

    Every filter is optional: ``domain`` (id or name), ``region`` (id or name;
    None or 'all' for every region), ``indicators`` (ids or names), ``start`` and
    ``end`` (years, inclusive, on each observation's ``year``: the last year of its
    period) and ``headline_only`` (one statement per indicator, region and
    period). Columns: :data:`EXPORT_LEAD`, then any further observation column.
    """
    obs = ds.observations
    mask = rows_matching(ds, obs, domain=domain, region=region, indicators=indicators, start=start, end=end)
    if headline_only:
        mask &= obs["headline"].to_numpy(dtype=bool)
    if not mask.all():
        obs = obs[mask]
    out = with_meta(obs, ds)
    result: pd.DataFrame = out[export_columns(ds)].reset_index(drop=True)
    return attach(result, ds)
