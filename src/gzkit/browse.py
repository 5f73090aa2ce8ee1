"""Browsing the data: the domains, regions and indicators, and the figures stated for them.

DataFrame in, DataFrame out; nothing here prints. Each function's docstring
names its columns; ``columns.attach`` attaches their meaning for renderers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from gzkit.columns import AS_PRINTED, FIGURE, FLAG, IMPLICATION, NAMES, PROVENANCE, Column, attach
from gzkit.data import Dataset
from gzkit.lookups import DEFAULT_REGION, resolve_domain, resolve_indicator, resolve_region, with_meta


def domains(ds: Dataset) -> pd.DataFrame:
    """Domains with their names and how many indicators and observations each holds.

    Columns: domain, name_en, name_zh, indicators, observations.
    """
    ind_counts = ds.indicators.groupby("domain").size()
    obs = ds.observations.merge(ds.indicators[["id", "domain"]], left_on="indicator", right_on="id")
    obs_counts = obs.groupby("domain").size()
    out = ds.domains.rename(columns={"id": "domain"})[["domain", "name_en", "name_zh"]].copy()
    out["indicators"] = out["domain"].map(ind_counts).fillna(0).astype("int64")
    out["observations"] = out["domain"].map(obs_counts).fillna(0).astype("int64")
    result: pd.DataFrame = out.reset_index(drop=True)
    return attach(result, ds)


def regions(ds: Dataset) -> pd.DataFrame:
    """Regions with how many observations each has. Columns: region, name_en, name_zh, observations."""
    counts = ds.observations.groupby("region").size()
    out = ds.regions.rename(columns={"id": "region"})[["region", "name_en", "name_zh"]].copy()
    out["observations"] = out["region"].map(counts).fillna(0).astype("int64")
    result: pd.DataFrame = out.reset_index(drop=True)
    return attach(result, ds)


def indicators(ds: Dataset, domain: str | None = None, search: str | None = None) -> pd.DataFrame:
    """Indicators, optionally in one domain and/or matching ``search``.

    ``search`` follows :mod:`gzkit.search`: Latin-script terms match whole words
    (``air`` finds air quality, not airports; ``hosp*`` asks for a prefix), Chinese
    terms match substrings (``医院``), every term must match, and matches in the
    id or a name come before matches in the keywords, then the description.
    Columns: indicator, domain, name_en, name_zh, unit, polarity, scale (total or
    level; empty when the package does not say), first_year, last_year, years (the
    distinct years observed, space separated), observations, description,
    description_zh (empty when the package has none); with a ``search`` that has a
    word, also ``match`` (the best field every term matched:
    id_or_name, keywords or description). ``attrs["prefix_terms"]`` names the
    terms that matched only as word prefixes; ``attrs["partial"]`` says no
    indicator matched every term and these match the most.
    """
    from gzkit import search as finder

    ind = ds.indicators
    if domain is not None:
        ind = ind[ind["domain"] == resolve_domain(ds, domain)]
    found: dict[str, object] = {"prefix_terms": [], "partial": False}
    query = search if search is not None and finder.terms(search) else None  # a blank search filters nothing
    searching = query is not None
    if query is not None:
        ind = finder.search(ind, query)
        found = {key: ind.attrs.get(key, value) for key, value in found.items()}
    obs = ds.observations[ds.observations["indicator"].isin(ind["id"])]
    years = obs.groupby("indicator")["year"].agg(
        first_year="min",
        last_year="max",
        years=lambda s: " ".join(str(y) for y in sorted(set(s))),
        observations="size",
    )
    columns = ["indicator", "domain", "name_en", "name_zh", "unit", "polarity", "scale"]
    described = ["description", "description_zh"]
    out = ind.rename(columns={"id": "indicator"})[columns + described + (["match"] if searching else [])].merge(
        years, left_on="indicator", right_index=True, how="left"
    )
    out["observations"] = out["observations"].fillna(0).astype("int64")
    for col in ("first_year", "last_year"):
        out[col] = out[col].astype("Int64")
    out["years"] = out["years"].fillna("")
    counted = ["first_year", "last_year", "years", "observations"]
    out = out[columns + counted + described + (["match"] if searching else [])]
    result: pd.DataFrame = out.reset_index(drop=True)
    result.attrs.update(found)
    return attach(result, ds)


def headline(
    ds: Dataset,
    single_year: bool = True,
    *,
    years: Iterable[int] | None = None,
    indicators: Iterable[str] | None = None,
    region: str | None = None,
) -> pd.DataFrame:
    """The headline observations (one per indicator, region, period).

    With ``single_year`` (the default), only periods of one calendar year: the
    points of a time series, not multi-year averages or half years. ``years``,
    ``indicators`` and ``region`` keep only those rows; they are applied before
    anything is copied, which matters with a million observations.
    """
    obs = ds.observations
    mask = obs["headline"].to_numpy()
    if years is not None:
        mask = mask & obs["year"].isin(list(years)).to_numpy()
    if indicators is not None:
        mask = mask & obs["indicator"].isin(list(indicators)).to_numpy()
    if region is not None:
        mask = mask & (obs["region"] == region).to_numpy()
    rows = np.flatnonzero(mask)
    if single_year:
        rows = rows[obs["period"].take(rows).str.len().to_numpy() == 4]
    result: pd.DataFrame = obs.take(rows)
    return result


def latest(ds: Dataset, domain: str, region: str | None = DEFAULT_REGION) -> pd.DataFrame:
    """Each indicator's latest headline value in a domain.

    Columns: indicator, name_en, name_zh, region, period, year, qualifier, value,
    decimals, unit, year_inferred, statements (how many statements of this
    indicator, region and period the data holds; more than one means a
    restatement or a contradiction), source, confidence.
    """
    dom = resolve_domain(ds, domain)
    region = resolve_region(ds, region)
    ids = ds.indicators.loc[ds.indicators["domain"] == dom, "id"]
    obs = ds.observations[ds.observations["headline"] & ds.observations["indicator"].isin(ids)]
    if region is not None:
        obs = obs[obs["region"] == region]
    # Latest by year; at equal years a single year beats a multi-year span.
    obs = obs.assign(_single=obs["period"].str.len() == 4).sort_values(
        ["indicator", "region", "year", "_single"], kind="stable"
    )
    obs = obs.groupby(["indicator", "region"], sort=False).tail(1)
    order = {i: n for n, i in enumerate(ids)}
    obs = obs.assign(_order=obs["indicator"].map(order)).sort_values(["_order", "region"], kind="stable")
    out = with_meta(obs, ds, ("name_en", "name_zh", "unit"))
    # How often the report states this figure: >1 means a restatement or a contradiction (`gzkit source`).
    key = ["indicator", "region", "period"]
    every = ds.observations.loc[ds.observations["indicator"].isin(ids), key]
    counts = every.groupby(key).size().rename("statements").reset_index()
    out = out.merge(counts, on=key, how="left")
    result: pd.DataFrame = out[
        [
            "indicator",
            *NAMES,
            "region",
            "period",
            "year",
            *AS_PRINTED,
            "year_inferred",
            "statements",
            "source",
            "confidence",
        ]
    ].reset_index(drop=True)
    return attach(result, ds)


def indicator_info(ds: Dataset, indicator: str) -> dict[str, Any]:
    """An indicator's metadata as a dict (id, domain, names, unit, polarity, description)."""
    ind = resolve_indicator(ds, indicator)
    info: dict[str, Any] = ds.indicators.set_index("id").loc[ind].to_dict() | {"id": ind}
    return info


#: Every statement of an indicator: ``implied`` says whether the report states the value or implies it.
OBSERVATIONS_COLUMNS: dict[str, Column] = {"implied": FLAG}


def observations(ds: Dataset, indicator: str, region: str | None = None, derived: bool = False) -> pd.DataFrame:
    """Every statement of one indicator, headline or not, in time order, with provenance.

    With ``derived``, also every value the report implies for it (``implied`` is
    true, ``headline`` false, the formula in ``derivation``, the release of its
    inputs in ``vintage``), after the statements of the same period.
    Columns: indicator, region, period, year, qualifier, value, decimals, unit,
    headline, year_inferred, source, vintage, confidence, evidence,
    evidence_words (the snippet of a claim the report writes in words), note,
    implied, derivation.
    """
    ind = resolve_indicator(ds, indicator)
    region = resolve_region(ds, region)
    obs = ds.observations[ds.observations["indicator"] == ind].assign(implied=False, derivation="")
    if derived:
        from gzkit import points

        imp = points.implied(ds, single_year=False)
        # An implied value quotes no words of its own: evidence_words stays empty.
        imp = imp[imp["indicator"] == ind].assign(headline=False, evidence_words="")
        if len(imp):
            # A column the points lack (a package's own, or ``rounding``: an implied value is not published) is empty.
            imp = imp.reindex(columns=obs.columns, fill_value="")
            # object: the implied values' notes and sources are Text (Chinese for a Chinese reader), which
            # the statements' str columns would turn into plain English.
            obs = obs.astype({c: object for c in ("source", "note", "derivation")})
            obs = pd.concat([obs, imp.astype(obs.dtypes.to_dict(), errors="ignore")], ignore_index=True)
    if region is not None:
        obs = obs[obs["region"] == region]
    obs = with_meta(obs, ds, ("unit",)).sort_values(["region", "year", "period", "implied"], kind="stable")
    result: pd.DataFrame = obs[
        [*FIGURE, *AS_PRINTED, "headline", "year_inferred", *PROVENANCE, "evidence_words", "note", *IMPLICATION]
    ].reset_index(drop=True)
    return attach(result, ds, **OBSERVATIONS_COLUMNS)


def sources(ds: Dataset, indicator: str) -> pd.DataFrame:
    """Where each observation of an indicator came from.

    Columns: indicator, region, period, value, qualifier, source, vintage, confidence, evidence,
    evidence_words, headline, note.
    """
    obs = observations(ds, indicator)
    result: pd.DataFrame = obs[
        [
            "indicator",
            "region",
            "period",
            "value",
            "qualifier",
            "source",
            "vintage",
            "confidence",
            "evidence",
            "evidence_words",
            "headline",
            "note",
        ]
    ]
    return attach(result, ds)
