"""Computations over a :class:`~gzkit.data.Dataset`: DataFrame in, DataFrame out.

Nothing here prints. Every function returns a tidy DataFrame with stable
snake_case columns; derived numbers carry a ``qualifier`` (see
:mod:`gzkit.bounds`) and a ``note`` that says why a value is undefined or which
vintages it mixes. Warnings a user should see are also listed in
``result.attrs["warnings"]``.

Formulas (docs/methodology.md has the full text):

* change      = v1 - v0
* pct_change  = (v1 / v0 - 1) * 100, undefined when v0 <= 0
* cagr        = ((v1 / v0) ** (1 / n) - 1) * 100, n = real years between the
  observations; undefined when v0 <= 0, v1 < 0 or n = 0
* ratio       = urban / rural; difference = urban - rural
* completion  = value / target * 100 (higher is better) or target / value * 100
  (lower is better)
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from gzkit import bounds
from gzkit.data import Dataset
from gzkit.errors import NoData, NotFound, UsageError

#: Units for which a percent change or CAGR means nothing: compare them by `change`.
NO_GROWTH_UNITS = frozenset({"percent", "percentage_points", "rank"})

#: Decimal places kept in derived numbers: enough for any published precision, no float noise.
DERIVED_DECIMALS = 6

DEFAULT_REGION = "guangzhou"


# --------------------------------------------------------------------------- lookups


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def resolve_domain(ds: Dataset, name: str) -> str:
    """The domain id for an id, English or Chinese name, or alias (case-insensitive)."""
    key = _norm(name)
    for row in ds.domains.itertuples(index=False):
        names = [row.id, row.name_en, row.name_zh, *str(row.aliases).split("|")]
        if key in {_norm(n) for n in names if n}:
            return row.id
    raise NotFound("domain", name, ds.domains["id"], "gzkit domains")


def resolve_indicator(ds: Dataset, name: str) -> str:
    """The indicator id for an id (case-insensitive) or an exact English or Chinese name."""
    key = _norm(name)
    ind = ds.indicators
    for col in ("id", "name_en", "name_zh"):
        hit = ind["id"][ind[col].map(_norm) == key]
        if len(hit):
            return hit.iloc[0]
    raise NotFound("indicator", name, ind["id"], "gzkit list")


def resolve_region(ds: Dataset, name: str | None) -> str | None:
    """The region id for an id or name; None and 'all' mean every region."""
    if name is None or _norm(name) == "all":
        return None
    key = _norm(name)
    for row in ds.regions.itertuples(index=False):
        if key in {_norm(row.id), _norm(row.name_en), _norm(row.name_zh)}:
            return row.id
    raise NotFound("region", name, ds.regions["id"], "gzkit regions")


def _check_year(ds: Dataset, year: int, what: str = "year") -> None:
    years = ds.observations["year"]
    lo, hi = int(years.min()), int(years.max())
    if not lo <= year <= hi:
        raise UsageError(f"{what} {year} is outside the data, which covers {lo}-{hi}.")


# --------------------------------------------------------------------------- browsing


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
    return out.reset_index(drop=True)


def regions(ds: Dataset) -> pd.DataFrame:
    """Regions with how many observations each has. Columns: region, name_en, name_zh, observations."""
    counts = ds.observations.groupby("region").size()
    out = ds.regions.rename(columns={"id": "region"})[["region", "name_en", "name_zh"]].copy()
    out["observations"] = out["region"].map(counts).fillna(0).astype("int64")
    return out.reset_index(drop=True)


def indicators(ds: Dataset, domain: str | None = None, search: str | None = None) -> pd.DataFrame:
    """Indicators, optionally in one domain and/or matching ``search``.

    ``search`` is a case-insensitive substring of the id, English or Chinese name.
    Columns: indicator, domain, name_en, name_zh, unit, polarity, first_year,
    last_year, years (the distinct years observed, space separated), observations.
    """
    ind = ds.indicators
    if domain is not None:
        ind = ind[ind["domain"] == resolve_domain(ds, domain)]
    if search:
        needle = search.strip().lower()
        hay = ind["id"].str.lower() + "\n" + ind["name_en"].str.lower() + "\n" + ind["name_zh"]
        ind = ind[hay.str.contains(needle, regex=False)]
    obs = ds.observations[ds.observations["indicator"].isin(ind["id"])]
    years = obs.groupby("indicator")["year"].agg(
        first_year="min",
        last_year="max",
        years=lambda s: " ".join(str(y) for y in sorted(set(s))),
        observations="size",
    )
    out = ind.rename(columns={"id": "indicator"})[
        ["indicator", "domain", "name_en", "name_zh", "unit", "polarity"]
    ].merge(years, left_on="indicator", right_index=True, how="left")
    out["observations"] = out["observations"].fillna(0).astype("int64")
    for col in ("first_year", "last_year"):
        out[col] = out[col].astype("Int64")
    out["years"] = out["years"].fillna("")
    return out.reset_index(drop=True)


def _with_meta(obs: pd.DataFrame, ds: Dataset, cols=("domain", "name_en", "name_zh", "unit")) -> pd.DataFrame:
    meta = ds.indicators.rename(columns={"id": "indicator"})[["indicator", *cols]]
    return obs.merge(meta, on="indicator", how="left")


def headline(
    ds: Dataset, single_year: bool = True, *, years=None, indicators=None, region: str | None = None
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
    return obs.take(rows)


def latest(ds: Dataset, domain: str, region: str | None = DEFAULT_REGION) -> pd.DataFrame:
    """Each indicator's latest headline value in a domain.

    Columns: indicator, name_en, name_zh, region, period, year, qualifier, value,
    decimals, unit, year_inferred, statements (how many statements of this
    indicator, region and period the data holds; more than one means a
    restatement or a contradiction), source.
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
    out = _with_meta(obs, ds, ("name_en", "name_zh", "unit"))
    # How often the report states this figure: >1 means a restatement or a contradiction (`gzkit source`).
    key = ["indicator", "region", "period"]
    every = ds.observations.loc[ds.observations["indicator"].isin(ids), key]
    counts = every.groupby(key).size().rename("statements").reset_index()
    out = out.merge(counts, on=key, how="left")
    return out[
        [
            "indicator",
            "name_en",
            "name_zh",
            "region",
            "period",
            "year",
            "qualifier",
            "value",
            "decimals",
            "unit",
            "year_inferred",
            "statements",
            "source",
        ]
    ].reset_index(drop=True)


def indicator_info(ds: Dataset, indicator: str) -> dict:
    """An indicator's metadata as a dict (id, domain, names, unit, polarity, description)."""
    ind = resolve_indicator(ds, indicator)
    return ds.indicators.set_index("id").loc[ind].to_dict() | {"id": ind}


def observations(ds: Dataset, indicator: str, region: str | None = None) -> pd.DataFrame:
    """Every statement of one indicator, headline or not, in time order, with provenance.

    Columns: indicator, region, period, year, qualifier, value, decimals, unit,
    headline, year_inferred, source, vintage, confidence, evidence, note.
    """
    ind = resolve_indicator(ds, indicator)
    region = resolve_region(ds, region)
    obs = ds.observations[ds.observations["indicator"] == ind]
    if region is not None:
        obs = obs[obs["region"] == region]
    obs = _with_meta(obs, ds, ("unit",)).sort_values(["region", "year", "period"], kind="stable")
    return obs[
        [
            "indicator",
            "region",
            "period",
            "year",
            "qualifier",
            "value",
            "decimals",
            "unit",
            "headline",
            "year_inferred",
            "source",
            "vintage",
            "confidence",
            "evidence",
            "note",
        ]
    ].reset_index(drop=True)


def sources(ds: Dataset, indicator: str) -> pd.DataFrame:
    """Where each observation of an indicator came from.

    Columns: indicator, region, period, value, qualifier, source, vintage, evidence, headline, note.
    """
    obs = observations(ds, indicator)
    return obs[
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
            "headline",
            "note",
        ]
    ]


def export(ds: Dataset) -> pd.DataFrame:
    """The tidy observations joined with indicator metadata, in file order."""
    out = _with_meta(ds.observations, ds)
    lead = [
        "indicator",
        "domain",
        "region",
        "name_en",
        "name_zh",
        "unit",
        "period",
        "year",
        "value",
        "qualifier",
        "decimals",
        "year_inferred",
        "source",
        "vintage",
        "confidence",
        "evidence",
        "headline",
        "note",
    ]
    return out[lead + [c for c in out.columns if c not in lead]]


# --------------------------------------------------------------------------- derived metrics


def _round(x):
    from gzkit import finite

    # The finite-number guard: rounded, and never inf (NaN where the result is not a finite number).
    return finite.rounded(x, DERIVED_DECIMALS)


def _rates(v0, v1, years, unit):
    """Vectorised change, pct_change, cagr and the reason when a rate is undefined."""
    v0 = np.asarray(v0, dtype="float64")
    v1 = np.asarray(v1, dtype="float64")
    years = np.asarray(years, dtype="float64")
    no_growth = np.isin(np.asarray(unit, dtype=object), list(NO_GROWTH_UNITS))
    change = v1 - v0
    reason = np.full(len(v0), "", dtype=object)
    reason[years <= 0] = "undefined: no time between the observations"
    reason[(v1 < 0) & (v0 > 0)] = "undefined: the sign changes"
    reason[v0 == 0] = "undefined: the base is zero"
    reason[v0 < 0] = "undefined: the base is negative"
    reason[no_growth] = "rates of change not meaningful for this unit; see change"
    with np.errstate(divide="ignore", invalid="ignore"):
        pct_ok = (v0 > 0) & ~no_growth
        pct = np.where(pct_ok, (v1 / np.where(pct_ok, v0, 1) - 1) * 100, np.nan)
        cagr_ok = pct_ok & (v1 >= 0) & (years > 0)
        cagr = np.where(
            cagr_ok,
            (np.power(np.where(cagr_ok, v1 / np.where(cagr_ok, v0, 1), 1), 1 / np.where(cagr_ok, years, 1)) - 1) * 100,
            np.nan,
        )
    overflow = ~np.isfinite(pct) & pct_ok | ~np.isfinite(cagr) & cagr_ok
    reason[overflow] = "undefined: the result overflows"
    pct = np.where(np.isfinite(pct), pct, np.nan)
    cagr = np.where(np.isfinite(cagr), cagr, np.nan)
    return _round(change), _round(pct), _round(cagr), reason


def _direction(change, qualifier, polarity):
    """better / worse / same / unclear / neutral, reading a bound's direction honestly."""
    change = np.asarray(change, dtype="float64")
    q = np.asarray(qualifier, dtype=object)
    sign = np.sign(change)
    known = (
        np.isin(q, ["=", "~"]) | (np.isin(q, [">", ">="]) & (change >= 0)) | (np.isin(q, ["<", "<="]) & (change <= 0))
    )
    # A lower bound on a zero change still says "at least no change": strict > means up.
    sign = np.where(np.isin(q, [">"]) & (change == 0), 1, sign)
    sign = np.where(np.isin(q, ["<"]) & (change == 0), -1, sign)
    sign = np.where(np.isin(q, [">="]) & (change == 0), np.nan, sign)
    sign = np.where(np.isin(q, ["<="]) & (change == 0), np.nan, sign)
    pol = np.asarray(polarity, dtype=object)
    flip = np.where(pol == "lower_better", -1, 1)
    s = sign * flip
    out = np.where(s > 0, "better", np.where(s < 0, "worse", "same"))
    out = np.where(~known | np.isnan(s), "unclear", out)
    out = np.where(pol == "neutral", "neutral", out)
    return out


def _vintage_note(v0, v1, label0="", label1=""):
    v0 = np.asarray(v0, dtype=object)
    v1 = np.asarray(v1, dtype=object)
    return np.where(v0 != v1, "crosses vintages: " + v0 + " vs " + v1, "")


def _join_notes(*notes):
    parts = [np.asarray(n, dtype=object) for n in notes]
    out = parts[0]
    for p in parts[1:]:
        out = np.where((out != "") & (p != ""), out + "; " + p, np.where(out != "", out, p))
    return out


def _series_warnings(df: pd.DataFrame, label: str) -> list[str]:
    crossing = df[df["note"].str.contains("crosses vintages", regex=False)]
    return [
        f"{indicator} {where}: {note.split('crosses vintages: ')[1].split(';')[0]} "
        "(different releases; the change may reflect a revision, not growth)"
        for indicator, where, note in zip(crossing["indicator"], crossing[label], crossing["note"])
    ]


def compare(
    ds: Dataset, year_a: int, year_b: int, domain: str | None = None, region: str | None = DEFAULT_REGION
) -> pd.DataFrame:
    """Every indicator observed in both years, with change, percent change and CAGR.

    Uses headline single-year observations. ``n = year_b - year_a``.
    Columns: indicator, domain, name_en, name_zh, unit, region, year_a, value_a,
    qualifier_a, year_b, value_b, qualifier_b, change, pct_change, cagr,
    qualifier (of the derived numbers), better, note.
    """
    for y in (year_a, year_b):
        _check_year(ds, y)
    if year_a >= year_b:
        raise UsageError(
            f"YEAR_A ({year_a}) must be before YEAR_B ({year_b}).",
            f"Try `gzkit compare {min(year_a, year_b)} {max(year_a, year_b)}`."
            if year_a != year_b
            else "Give two different years.",
        )
    region = resolve_region(ds, region)
    ids = None
    if domain is not None:
        dom = resolve_domain(ds, domain)
        ids = ds.indicators.loc[ds.indicators["domain"] == dom, "id"]
    obs = headline(ds, years=(year_a, year_b), indicators=ids, region=region)
    cols = ["indicator", "region", "value", "qualifier", "decimals", "vintage"]
    a = obs.loc[obs["year"] == year_a, cols]
    b = obs.loc[obs["year"] == year_b, cols]
    if a.empty or b.empty:
        have = sorted(set(headline(ds, indicators=ids, region=region)["year"]))
        missing = year_a if a.empty else year_b
        raise NoData(
            f"No observations for {missing}"
            + (f" in region '{region}'" if region else "")
            + (f" and domain '{domain}'" if domain else "")
            + ".",
            f"Years with data: {_years_text(have)}.",
        )
    m = a.merge(b, on=["indicator", "region"], suffixes=("_a", "_b"))
    m = _with_meta(m, ds, ("domain", "name_en", "name_zh", "unit", "polarity"))
    n = year_b - year_a
    change, pct, cagr, reason = _rates(m["value_a"], m["value_b"], np.full(len(m), n), m["unit"])
    q = bounds.combine([m["qualifier_a"].to_numpy(), m["qualifier_b"].to_numpy()], [-1, +1])
    m["year_a"], m["year_b"] = year_a, year_b
    m["change"], m["pct_change"], m["cagr"], m["qualifier"] = change, pct, cagr, q
    m["better"] = _direction(change, q, m["polarity"])
    m["note"] = _join_notes(reason, _vintage_note(m["vintage_a"], m["vintage_b"]))
    out = m[
        [
            "indicator",
            "domain",
            "name_en",
            "name_zh",
            "unit",
            "region",
            "year_a",
            "value_a",
            "qualifier_a",
            "decimals_a",
            "year_b",
            "value_b",
            "qualifier_b",
            "decimals_b",
            "change",
            "pct_change",
            "cagr",
            "qualifier",
            "better",
            "note",
        ]
    ].reset_index(drop=True)
    out.attrs["warnings"] = _series_warnings(out, "region")
    return out


def growth(
    ds: Dataset,
    indicator: str,
    region: str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> pd.DataFrame:
    """Change between consecutive observations, and CAGR over the whole span.

    One ``step`` row per consecutive pair of headline single-year observations
    (annualised over the real gap in years) and one ``span`` row per region from
    the first to the last. Columns: indicator, region, unit, kind, from_year,
    to_year, years, value_from, qualifier_from, decimals_from, value_to,
    qualifier_to, decimals_to, change, pct_change, cagr, qualifier, note.
    """
    ind = resolve_indicator(ds, indicator)
    region = resolve_region(ds, region)
    for y, what in ((start, "--from"), (end, "--to")):
        if y is not None:
            _check_year(ds, y, what)
    if start is not None and end is not None and start > end:
        raise UsageError(f"--from {start} is after --to {end}.")
    obs = headline(ds, indicators=[ind], region=region)
    if start is not None:
        obs = obs[obs["year"] >= start]
    if end is not None:
        obs = obs[obs["year"] <= end]
    if obs.empty:
        have = sorted(set(headline(ds, indicators=[ind])["year"]))
        raise NoData(
            f"No yearly observations of '{ind}'" + (f" for region '{region}'" if region else "") + " in that range.",
            f"Years with data: {_years_text(have)}." if have else "Run `gzkit show " + ind + "` to see its periods.",
        )
    obs = obs.sort_values(["region", "year"], kind="stable")
    cols = ["region", "year", "value", "qualifier", "decimals", "vintage"]
    cur = obs[cols].reset_index(drop=True)
    prev = cur.groupby("region").shift(1)
    steps = pd.concat([prev.add_suffix("_from"), cur.add_suffix("_to")], axis=1)
    steps = steps[steps["year_from"].notna()].copy()
    steps["region"] = steps["region_to"]
    steps["kind"] = "step"
    first = cur.groupby("region", sort=False).head(1).set_index("region")
    last = cur.groupby("region", sort=False).tail(1).set_index("region")
    span = pd.concat([first.add_suffix("_from"), last.add_suffix("_to")], axis=1).reset_index()
    span["kind"] = "span"
    rows = pd.concat([steps, span], ignore_index=True)
    for col in ("year_from", "decimals_from"):
        rows[col] = rows[col].astype("int64")
    rows["years"] = rows["year_to"] - rows["year_from"]
    unit = ds.indicators.set_index("id").at[ind, "unit"]
    change, pct, cagr, reason = _rates(rows["value_from"], rows["value_to"], rows["years"], np.full(len(rows), unit))
    single = (rows["kind"] == "span") & (rows["years"] == 0)
    reason = np.where(single, "undefined: only one observation", reason)
    change = np.where(single, np.nan, change)
    pct = np.where(single, np.nan, pct)
    rows["change"], rows["pct_change"], rows["cagr"] = change, pct, cagr
    rows["qualifier"] = bounds.combine([rows["qualifier_from"].to_numpy(), rows["qualifier_to"].to_numpy()], [-1, 1])
    rows["note"] = _join_notes(reason, _vintage_note(rows["vintage_from"], rows["vintage_to"]))
    rows["indicator"], rows["unit"] = ind, unit
    rows = rows.sort_values(
        ["region", "kind", "year_from"],
        key=lambda s: s.map({"step": 0, "span": 1}) if s.name == "kind" else s,
        kind="stable",
    )
    out = (
        rows[
            [
                "indicator",
                "region",
                "unit",
                "kind",
                "year_from",
                "year_to",
                "years",
                "value_from",
                "qualifier_from",
                "decimals_from",
                "value_to",
                "qualifier_to",
                "decimals_to",
                "change",
                "pct_change",
                "cagr",
                "qualifier",
                "note",
            ]
        ]
        .rename(columns={"year_from": "from_year", "year_to": "to_year"})
        .reset_index(drop=True)
    )
    crossing = out[out["note"].str.contains("crosses vintages", regex=False)]
    out.attrs["warnings"] = [
        f"{ind} {r.region} {r.from_year}->{r.to_year}: {r.note.split('crosses vintages: ')[1]} "
        "(different releases; the change may reflect a revision, not growth)"
        for r in crossing.itertuples()
    ]
    return out


def gap(ds: Dataset, year: int | None = None, region: str | None = None) -> pd.DataFrame:
    """Urban versus rural per-capita disposable income (the 城乡收入倍差).

    ratio = urban / rural, difference = urban - rural, for every region and year
    with both. Columns: region, year, urban, qualifier_urban, rural,
    qualifier_rural, ratio, difference, qualifier, note.
    """
    if year is not None:
        _check_year(ds, year)
    region = resolve_region(ds, region)
    obs = headline(ds, indicators=["disposable_income_urban", "disposable_income_rural"], region=region)
    cols = ["region", "year", "value", "qualifier", "vintage"]
    u = obs.loc[obs["indicator"] == "disposable_income_urban", cols]
    r = obs.loc[obs["indicator"] == "disposable_income_rural", cols]
    m = u.merge(r, on=["region", "year"], suffixes=("_urban", "_rural"))
    if year is not None:
        m = m[m["year"] == year]
    if m.empty:
        both = sorted(set(u["year"]) & set(r["year"]))
        raise NoData(
            "No year with both urban and rural disposable income"
            + (f" for {year}" if year else "")
            + (f" in region '{region}'" if region else "")
            + ".",
            f"Years with both: {_years_text(both)}." if both else "Run `gzkit list --search income`.",
        )
    urban, rural = m["value_urban"].to_numpy(), m["value_rural"].to_numpy()
    with np.errstate(all="ignore"):
        ratio = np.where(rural > 0, urban / np.where(rural > 0, rural, 1), np.nan)
    out = pd.DataFrame(
        {
            "region": m["region"].to_numpy(),
            "year": m["year"].to_numpy(),
            "urban": urban,
            "qualifier_urban": m["qualifier_urban"].to_numpy(),
            "rural": rural,
            "qualifier_rural": m["qualifier_rural"].to_numpy(),
            "ratio": _round(ratio),
            "difference": _round(urban - rural),
            "qualifier": bounds.combine([m["qualifier_urban"].to_numpy(), m["qualifier_rural"].to_numpy()], [1, -1]),
            "note": _join_notes(
                np.where(
                    rural > 0,
                    np.where(np.isfinite(ratio), "", "undefined: the ratio is too large to represent"),
                    "undefined: rural income is not positive",
                ),
                _vintage_note(m["vintage_urban"], m["vintage_rural"]),
            ),
        }
    )
    order = {rid: n for n, rid in enumerate(ds.regions["id"])}
    out = out.sort_values(["region", "year"], key=lambda s: s.map(order) if s.name == "region" else s)
    return out.reset_index(drop=True)


def progress(ds: Dataset, domain: str | None = None, framework: str = "report") -> pd.DataFrame:
    """Completion against targets, direction-aware, sorted by completion.

    completion = value / target * 100 for ``>=`` targets and target / value * 100
    for ``<=`` targets (so beating a lower-is-better target is over-completion).
    Where the report states only a completion rate, that rate is used and the
    target it implies (value / rate) is shown, qualified ``~``.
    Columns: target_id, framework, name_en, name_zh, indicator, region, year,
    value, qualifier_value, comparison, target, unit, completion_pct, qualifier,
    status, source, note.
    """
    t = ds.targets[ds.targets["framework"] == framework]
    if domain is not None:
        dom = resolve_domain(ds, domain)
        t = t[t["indicator"].isin(ds.indicators.loc[ds.indicators["domain"] == dom, "id"])]
    t = t[t["indicator"] != ""]
    obs = ds.observations[ds.observations["headline"]]
    latest_obs = (
        obs.sort_values(["year", "period"], kind="stable")
        .groupby(["indicator", "region"], sort=False)
        .tail(1)[["indicator", "region", "year", "value", "qualifier"]]
    )
    m = t.merge(latest_obs, on=["indicator", "region"], how="left", suffixes=("", "_obs"))
    m = _with_meta(m, ds, ("unit", "polarity")).rename(columns={"qualifier": "qualifier_value", "id": "target_id"})
    value, target = m["value"].to_numpy(dtype="float64"), m["target"].to_numpy(dtype="float64")
    stated = m["completion_stated"].to_numpy(dtype="float64")
    lower = (m["comparison"] == "<=").to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        comp = np.where(lower, target / value, value / target) * 100
    implied = np.isnan(target) & ~np.isnan(stated)
    with np.errstate(divide="ignore", invalid="ignore"):
        # A stated rate of zero implies no target (not an infinite one).
        target = np.where(implied & (stated > 0), value / (stated / 100), target)
    comp = np.where(implied, stated, comp)
    ok = np.isfinite(comp) & (np.where(lower, value, target) > 0)
    note = np.where(np.isnan(value), "no observation", np.where(~ok, "undefined: zero or missing base", ""))
    q_val = m["qualifier_value"].fillna("=").to_numpy(dtype=object)
    # completion rises with the value for >= targets and falls with it for <= targets.
    qual = np.where(lower, bounds.invert(q_val), q_val)
    qual = np.where(implied, "=", qual)
    status = np.where(
        ~ok,
        "undefined",
        np.where(comp >= 100, np.where(np.isin(qual, ["=", ">", ">=", "~"]), "achieved", "unclear"), "in progress"),
    )
    out = pd.DataFrame(
        {
            "target_id": m["target_id"],
            "framework": m["framework"],
            "name_en": m["name_en"],
            "name_zh": m["name_zh"],
            "indicator": m["indicator"],
            "region": m["region"],
            "year": m["year"].astype("Int64"),
            "value": value,
            "qualifier_value": m["qualifier_value"].fillna(""),
            "comparison": m["comparison"],
            "target": _round(target),
            "target_implied": implied,
            "unit": m["unit"],
            "completion_pct": _round(np.where(ok, comp, np.nan)),
            "qualifier": qual,
            "status": status,
            "source": m["source"],
            "note": _join_notes(note, m["note"].fillna("").to_numpy(dtype=object)),
        }
    )
    return out.sort_values("completion_pct", ascending=False, na_position="last", kind="stable").reset_index(drop=True)


def _years_text(years) -> str:
    years = sorted(int(y) for y in years)
    return ", ".join(str(y) for y in years) if years else "none"
