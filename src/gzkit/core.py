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
from numpy.typing import ArrayLike

from gzkit import bounds
from gzkit.columns import COUNT, FLAG, PLAIN, VALUE, Column, describe
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


def default_region(ds: Dataset) -> str:
    """The region commands use unless told otherwise: the package's ``default_region``, else its first region."""
    named = ds.meta.get("default_region")
    if isinstance(named, str) and named in set(ds.regions["id"]):
        return named
    return str(ds.regions["id"].iloc[0]) if len(ds.regions) else DEFAULT_REGION


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


@describe()
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


@describe()
def regions(ds: Dataset) -> pd.DataFrame:
    """Regions with how many observations each has. Columns: region, name_en, name_zh, observations."""
    counts = ds.observations.groupby("region").size()
    out = ds.regions.rename(columns={"id": "region"})[["region", "name_en", "name_zh"]].copy()
    out["observations"] = out["region"].map(counts).fillna(0).astype("int64")
    return out.reset_index(drop=True)


@describe()
def indicators(ds: Dataset, domain: str | None = None, search: str | None = None) -> pd.DataFrame:
    """Indicators, optionally in one domain and/or matching ``search``.

    ``search`` follows :mod:`gzkit.search`: Latin-script terms match whole words
    (``air`` finds air quality, not airports; ``hosp*`` asks for a prefix), Chinese
    terms match substrings (``医院``), every term must match, and matches in the
    id or a name come before matches in the keywords, then the description.
    Columns: indicator, domain, name_en, name_zh, unit, polarity, first_year,
    last_year, years (the distinct years observed, space separated), observations;
    with a ``search`` that has a word, also ``match`` (the best field every term matched:
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
    columns = ["indicator", "domain", "name_en", "name_zh", "unit", "polarity"]
    out = ind.rename(columns={"id": "indicator"})[columns + (["match"] if searching else [])].merge(
        years, left_on="indicator", right_index=True, how="left"
    )
    out["observations"] = out["observations"].fillna(0).astype("int64")
    for col in ("first_year", "last_year"):
        out[col] = out[col].astype("Int64")
    out["years"] = out["years"].fillna("")
    if searching:
        out = out[[c for c in out.columns if c != "match"] + ["match"]]
    result: pd.DataFrame = out.reset_index(drop=True)
    result.attrs.update(found)
    return result


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


@describe()
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
            "confidence",
        ]
    ].reset_index(drop=True)


def indicator_info(ds: Dataset, indicator: str) -> dict:
    """An indicator's metadata as a dict (id, domain, names, unit, polarity, description)."""
    ind = resolve_indicator(ds, indicator)
    return ds.indicators.set_index("id").loc[ind].to_dict() | {"id": ind}


@describe(implied=FLAG)
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
            obs = pd.concat([obs, imp.astype(obs.dtypes.to_dict(), errors="ignore")], ignore_index=True)
    if region is not None:
        obs = obs[obs["region"] == region]
    obs = _with_meta(obs, ds, ("unit",)).sort_values(["region", "year", "period", "implied"], kind="stable")
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
            "evidence_words",
            "note",
            "implied",
            "derivation",
        ]
    ].reset_index(drop=True)


@describe()
def sources(ds: Dataset, indicator: str) -> pd.DataFrame:
    """Where each observation of an indicator came from.

    Columns: indicator, region, period, value, qualifier, source, vintage, confidence, evidence,
    evidence_words, headline, note.
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
            "evidence_words",
            "headline",
            "note",
        ]
    ]


#: The export's leading columns, in order; any further observation column follows them.
EXPORT_LEAD = (
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
)


def export_columns(ds: Dataset) -> list[str]:
    """The columns of :func:`export`, without building it."""
    return list(EXPORT_LEAD) + [c for c in ds.observations.columns if c not in EXPORT_LEAD]


def rows_matching(
    ds: Dataset,
    df: pd.DataFrame,
    domain: str | None = None,
    region: str | None = None,
    indicators=None,
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
        raise UsageError(f"--from {start} is after --to {end}.", f"Try --from {end} --to {start}.")
    if start is not None:
        mask &= (df["year"] >= start).to_numpy()
    if end is not None:
        mask &= (df["year"] <= end).to_numpy()
    return mask


@describe()
def export(
    ds: Dataset,
    domain: str | None = None,
    region: str | None = None,
    indicators=None,
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
    out = _with_meta(obs, ds)
    return out[export_columns(ds)].reset_index(drop=True)


# --------------------------------------------------------------------------- derived metrics


def _round(x: ArrayLike) -> np.ndarray:
    from gzkit import finite

    # The finite-number guard: rounded, and never inf (NaN where the result is not a finite number).
    return np.asarray(finite.rounded(x, DERIVED_DECIMALS))


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


def _direction(change: ArrayLike, qualifier: ArrayLike, polarity: ArrayLike) -> np.ndarray:
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


def _join_notes(*notes: ArrayLike) -> np.ndarray:
    parts = [np.asarray(n, dtype=object) for n in notes]
    out = parts[0]
    for p in parts[1:]:
        out = np.where((out != "") & (p != ""), out + "; " + p, np.where(out != "", out, p))
    return out


def _in_domain(ds: Dataset, domain: str | None):
    if domain is None:
        return None
    dom = resolve_domain(ds, domain)
    return ds.indicators.loc[ds.indicators["domain"] == dom, "id"]


@describe(
    value_a=VALUE.but(decimals="decimals_a", qualifier="qualifier_a"),
    value_b=VALUE.but(decimals="decimals_b", qualifier="qualifier_b"),
    change=Column("number", unit="unit", qualifier="qualifier"),
)
def compare(
    ds: Dataset,
    year_a: int,
    year_b: int,
    domain: str | None = None,
    region: str | None = DEFAULT_REGION,
    derived: bool = True,
) -> pd.DataFrame:
    """Every indicator with a point in both years, with change, percent change and CAGR.

    A point is the headline single-year statement, or where the data states
    nothing for that year and ``derived`` is true, the value its figures imply
    (:mod:`gzkit.points`: the report's figures, or official ones, with the lowest
    confidence of its inputs). ``n = year_b - year_a``. Where the report states the
    growth itself, ``stated_rate`` shows it beside the computed one.
    Columns: indicator, domain, name_en, name_zh, unit, region, year_a, value_a,
    qualifier_a, decimals_a, year_b, value_b, qualifier_b, decimals_b, change,
    pct_change, cagr, qualifier (of the derived numbers), better, stated_rate,
    qualifier_stated, confidence (the lower of the two points'), implied (the
    years whose value is implied, space separated), derivation, vintage_a,
    vintage_b, note. ``attrs["warnings"]`` names every pair that crosses releases.
    """
    from gzkit import points, provenance, stated
    from gzkit.derived import KINDS, RULES

    lo, hi = ds.year_range()
    for y in (year_a, year_b):
        if not lo <= y <= hi:
            _check_year(ds, y)  # says which years the data covers
    if year_a >= year_b:
        raise UsageError(
            f"YEAR_A ({year_a}) must be before YEAR_B ({year_b}).",
            f"Try `gzkit compare {min(year_a, year_b)} {max(year_a, year_b)}`."
            if year_a != year_b
            else "Give two different years.",
        )
    region = resolve_region(ds, region)
    ids = _in_domain(ds, domain)
    # Only the rows the comparison reads: the two years, and in the years whose figures imply them only the
    # indicators the rules read. On a large package the other rows are never built.
    inputs = {r.level for r in RULES} | {r.rate for r in RULES}
    implying = {y - kind.year_shift for y in (year_a, year_b) for kind in KINDS.values()} - {year_a, year_b}
    work = ds.narrowed({year_a, year_b} | implying, only={y: inputs for y in implying})
    obs = points.yearly(work, years=(year_a, year_b), indicators=ids, region=region, with_implied=derived)
    cols = ["indicator", "region", "value", "qualifier", "decimals", "vintage", "confidence", "implied", "derivation"]
    a = obs.loc[obs["year"] == year_a, cols]
    b = obs.loc[obs["year"] == year_b, cols]
    if a.empty or b.empty:
        have = sorted(set(points.yearly(ds, indicators=ids, region=region, with_implied=derived)["year"]))
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
    pairs = provenance.compare_columns(m["vintage_a"], m["vintage_b"], m["confidence_a"], m["confidence_b"])
    m["confidence"] = pairs["confidence"].to_numpy()
    ia, ib = m["implied_a"].to_numpy(dtype=bool), m["implied_b"].to_numpy(dtype=bool)
    m["implied"] = np.where(ia & ib, f"{year_a} {year_b}", np.where(ia, str(year_a), np.where(ib, str(year_b), "")))
    m["derivation"] = _join_notes(
        np.where(m["implied_a"], f"{year_a}: " + m["derivation_a"].astype(str), ""),
        np.where(m["implied_b"], f"{year_b}: " + m["derivation_b"].astype(str), ""),
    )
    rates = stated.stated_rates(work, indicators=list(m["indicator"].unique()), region=region, to_year=year_b)
    rates = rates[(rates["from_year"] == year_a) & (rates["to_year"] == year_b)].drop_duplicates(
        ["indicator", "region"]
    )
    m = m.merge(
        rates[
            ["indicator", "region", "rate", "qualifier", "span", "basis", "period", "rate_indicator", "confidence"]
        ].rename(columns={"rate": "stated_rate", "qualifier": "qualifier_stated", "confidence": "confidence_stated"}),
        on=["indicator", "region"],
        how="left",
    )
    has_rate = m["rate_indicator"].notna()
    stated_note = np.full(len(m), "", dtype=object)
    stated_note[has_rate.to_numpy()] = [
        stated.describe(r)
        for r in m.loc[
            has_rate,
            ["span", "basis", "period", "rate_indicator", "qualifier_stated", "stated_rate", "confidence_stated"],
        ]
        .rename(columns={"qualifier_stated": "qualifier", "stated_rate": "rate", "confidence_stated": "confidence"})
        .itertuples(index=False)
    ]
    m["qualifier_stated"] = m["qualifier_stated"].fillna("")
    m["note"] = _join_notes(reason, pairs["note"].to_numpy(), stated_note)
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
            "stated_rate",
            "qualifier_stated",
            "confidence",
            "implied",
            "derivation",
            "vintage_a",
            "vintage_b",
            "note",
        ]
    ].reset_index(drop=True)
    out["stated_rate"] = out["stated_rate"].astype("float64")
    ind_of, region_of = m["indicator"].to_numpy(dtype=object), m["region"].to_numpy(dtype=object)
    out.attrs["warnings"] = provenance.warnings_from(pairs, lambda i: f"{ind_of[i]} {region_of[i]}")
    return out


@describe(
    value_from=VALUE.but(decimals="decimals_from", qualifier="qualifier_from"),
    value_to=VALUE.but(decimals="decimals_to", qualifier="qualifier_to"),
    change=Column("number", unit="unit", qualifier="qualifier"),
    years=COUNT.but(header=("years", "年数")),
)
def growth(
    ds: Dataset,
    indicator: str,
    region: str | None = DEFAULT_REGION,
    start: int | None = None,
    end: int | None = None,
    derived: bool = True,
) -> pd.DataFrame:
    """Change between consecutive points, CAGR over the whole span, and the report's own rates beside them.

    ``region`` defaults to the package's default region (Guangzhou); None or
    'all' means every region.

    Points are headline single-year statements and, with ``derived``, implied
    values for years the data does not state (:mod:`gzkit.points`). One ``step``
    row per consecutive pair (annualised over the real gap in years), one
    ``span`` row per region from the first point to the last, and one ``stated``
    row per average rate the report states (``gdp_growth_avg`` 2016-2019: from
    the 2015 point to the 2019 one, or from the first year of the period when
    the base year has no point), with the stated rate in ``stated_rate`` beside
    the computed ``cagr``. A step whose years match a stated yearly rate also
    carries it. Columns: indicator, region, unit, kind, from_year, to_year,
    years, value_from, qualifier_from, decimals_from, value_to, qualifier_to,
    decimals_to, change, pct_change, cagr, qualifier, stated_rate,
    qualifier_stated, confidence, implied, derivation, note.
    """
    from gzkit import points, provenance, stated

    ind = resolve_indicator(ds, indicator)
    region = resolve_region(ds, region)
    for y, what in ((start, "--from"), (end, "--to")):
        if y is not None:
            _check_year(ds, y, what)
    if start is not None and end is not None and start > end:
        raise UsageError(f"--from {start} is after --to {end}.")
    obs = points.yearly(ds, indicators=[ind], region=region, with_implied=derived)
    if start is not None:
        obs = obs[obs["year"] >= start]
    if end is not None:
        obs = obs[obs["year"] <= end]
    if obs.empty:
        have = sorted(set(points.yearly(ds, indicators=[ind], with_implied=derived)["year"]))
        raise NoData(
            f"No yearly observations of '{ind}'" + (f" for region '{region}'" if region else "") + " in that range.",
            f"Years with data: {_years_text(have)}." if have else "Run `gzkit show " + ind + "` to see its periods.",
        )
    obs = obs.sort_values(["region", "year"], kind="stable")
    cols = ["region", "year", "value", "qualifier", "decimals", "vintage", "confidence", "implied", "derivation"]
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
    parts = [steps, span]
    rates = stated.stated_rates(ds, indicators=[ind], region=region)
    by_year = cur.set_index(["region", "year"])
    stated_rows = []
    for r in rates[rates["span"] == "average"].itertuples(index=False):
        base = r.from_year if (r.region, r.from_year) in by_year.index else r.from_year + 1
        if (r.region, base) not in by_year.index or (r.region, r.to_year) not in by_year.index:
            continue
        if (start is not None and base < start) or (end is not None and r.to_year > end):
            continue
        row = {f"{k}_from": v for k, v in by_year.loc[(r.region, base)].items()}
        row |= {f"{k}_to": v for k, v in by_year.loc[(r.region, r.to_year)].items()}
        row |= {"region": r.region, "year_from": base, "year_to": r.to_year, "kind": "stated"}
        stated_rows.append(row)
    if stated_rows:
        parts.append(pd.DataFrame(stated_rows))
    rows = pd.concat(parts, ignore_index=True)
    for col in ("year_from", "year_to", "decimals_from", "decimals_to"):
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
    pairs = provenance.compare_columns(
        rows["vintage_from"], rows["vintage_to"], rows["confidence_from"], rows["confidence_to"]
    ).set_index(rows.index)
    rows["confidence"] = pairs["confidence"]
    implied_from = rows["implied_from"].fillna(False).astype(bool)
    implied_to = rows["implied_to"].fillna(False).astype(bool)
    rows["implied"] = [
        " ".join(str(y) for y, flag in ((yf, i_f), (yt, i_t)) if flag)
        for yf, yt, i_f, i_t in zip(rows["year_from"], rows["year_to"], implied_from, implied_to)
    ]
    rows["derivation"] = _join_notes(
        np.where(implied_from, rows["year_from"].astype(str) + ": " + rows["derivation_from"].astype(str), ""),
        np.where(implied_to, rows["year_to"].astype(str) + ": " + rows["derivation_to"].astype(str), ""),
    )
    # The report's own rates beside the computed ones: averages on the `stated` rows, yearly rates on matching steps.
    rows["stated_rate"] = np.nan
    rows["qualifier_stated"] = ""
    stated_note = np.full(len(rows), "", dtype=object)
    for r in rates.itertuples(index=False):
        if r.span == "average":
            hit = (rows["kind"] == "stated") & (rows["region"] == r.region) & (rows["year_to"] == r.to_year)
            base_note = "; the computed CAGR is nominal, from levels" + (
                f" (no {r.from_year} figure: from {r.from_year + 1})"
                if hit.any() and int(rows.loc[hit, "year_from"].iloc[0]) != r.from_year
                else ""
            )
        else:
            hit = (rows["kind"] == "step") & (rows["region"] == r.region) & (rows["year_from"] == r.from_year)
            hit &= rows["year_to"] == r.to_year
            base_note = ""
        rows.loc[hit, "stated_rate"] = float(r.rate)
        rows.loc[hit, "qualifier_stated"] = r.qualifier
        stated_note[hit.to_numpy()] = stated.describe(r) + base_note
    rows["note"] = _join_notes(reason, pairs["note"].to_numpy(), stated_note)
    rows["indicator"], rows["unit"] = ind, unit
    rows = rows.sort_values(
        ["region", "kind", "year_from"],
        key=lambda s: s.map({"step": 0, "span": 1, "stated": 2}) if s.name == "kind" else s,
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
                "stated_rate",
                "qualifier_stated",
                "confidence",
                "implied",
                "derivation",
                "note",
            ]
        ]
        .rename(columns={"year_from": "from_year", "year_to": "to_year"})
        .reset_index(drop=True)
    )
    where, first, last = (out[c].to_numpy(dtype=object) for c in ("region", "from_year", "to_year"))
    out.attrs["warnings"] = provenance.warnings_from(
        pairs.loc[rows.index].reset_index(drop=True), lambda i: f"{ind} {where[i]} {first[i]}->{last[i]}"
    )
    return out


@describe(
    urban=Column("number", unit_of="disposable_income_urban", qualifier="qualifier_urban"),
    rural=Column("number", unit_of="disposable_income_rural", qualifier="qualifier_rural"),
    difference=Column("number", unit_of="disposable_income_urban", qualifier="qualifier"),
    ratio=PLAIN.but(qualifier="qualifier", gauge="relative"),
)
def gap(ds: Dataset, year: int | None = None, region: str | None = None) -> pd.DataFrame:
    """Urban versus rural per-capita disposable income (the 城乡收入倍差).

    ratio = urban / rural, difference = urban - rural, for every region and year
    with both. Columns: region, year, urban, qualifier_urban, rural,
    qualifier_rural, ratio, difference, qualifier, note.
    """
    from gzkit import provenance

    if year is not None:
        _check_year(ds, year)
    region = resolve_region(ds, region)
    obs = headline(ds, indicators=["disposable_income_urban", "disposable_income_rural"], region=region)
    cols = ["region", "year", "value", "qualifier", "vintage", "confidence"]
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
                provenance.compare_columns(
                    m["vintage_urban"], m["vintage_rural"], m["confidence_urban"], m["confidence_rural"]
                )["note"].to_numpy(),
            ),
        }
    )
    order = {rid: n for n, rid in enumerate(ds.regions["id"])}
    out = out.sort_values(["region", "year"], key=lambda s: s.map(order) if s.name == "region" else s)
    return out.reset_index(drop=True)


@describe(
    value=VALUE.but(decimals=None, qualifier="qualifier_value"),
    target=Column("number", unit="unit"),
)
def progress(
    ds: Dataset, domain: str | None = None, framework: str = "report", region: str | None = None
) -> pd.DataFrame:
    """Completion against targets, direction-aware, sorted by completion.

    completion = value / target * 100 for ``>=`` targets and target / value * 100
    for ``<=`` targets (so beating a lower-is-better target is over-completion).
    Where the report states only a completion rate, that rate is used and the
    target it implies (value / rate) is shown, qualified ``~``. Where it states
    only that a target was reached (``stated_reached`` in targets.csv), the
    status is "reached (stated)" and no completion is computed; the value beside
    such a target is the report's own statement, if any (an official figure of
    another year is left out and named in the note).
    Columns: target_id, framework, name_en, name_zh, indicator, region, year,
    value, qualifier_value, confidence (of the value), comparison, target,
    target_implied, unit, completion_pct, qualifier, status, source, note.
    """
    t = ds.targets[ds.targets["framework"] == framework]
    region = resolve_region(ds, region)
    if region is not None:
        t = t[t["region"] == region]
    if domain is not None:
        dom = resolve_domain(ds, domain)
        t = t[t["indicator"].isin(ds.indicators.loc[ds.indicators["domain"] == dom, "id"])]
    t = t[t["indicator"] != ""]
    obs = ds.observations[ds.observations["headline"]]
    latest_obs = (
        obs.sort_values(["year", "period"], kind="stable")
        .groupby(["indicator", "region"], sort=False)
        .tail(1)[["indicator", "region", "year", "value", "qualifier", "confidence"]]
    )
    m = t.merge(latest_obs, on=["indicator", "region"], how="left", suffixes=("", "_obs"))
    m = _with_meta(m, ds, ("unit", "polarity")).rename(columns={"qualifier": "qualifier_value", "id": "target_id"})
    reached = m["stated_reached"].fillna(False).to_numpy(dtype=bool)
    # Beside a target the report says it reached, only the report's own figure belongs: an official figure
    # of another year (PM2.5 in 2015) would read as the figure the report measured it by.
    foreign = reached & (m["confidence"] != "report").to_numpy()
    m.loc[foreign, ["year", "value", "qualifier_value", "confidence"]] = [pd.NA, np.nan, "", ""]
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
    ok = np.isfinite(comp) & (np.where(lower, value, target) > 0) & ~reached
    note = np.where(
        reached,
        "",
        np.where(np.isnan(value), "no observation", np.where(~ok, "undefined: zero or missing base", "")),
    )
    q_val = m["qualifier_value"].fillna("=").to_numpy(dtype=object)
    # completion rises with the value for >= targets and falls with it for <= targets.
    qual = np.where(lower, bounds.invert(q_val), q_val)
    qual = np.where(implied, "=", qual)
    qual = np.where(reached, "", qual)
    status = np.where(
        ~ok,
        "undefined",
        np.where(comp >= 100, np.where(np.isin(qual, ["=", ">", ">=", "~"]), "achieved", "unclear"), "in progress"),
    )
    status = np.where(reached, "reached (stated)", status)
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
            "confidence": m["confidence"].fillna(""),
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
