"""Say what is missing: sentences for a year or region the data has no value for, and what exists instead.

A request that quietly answers something narrower than what was asked (growth
``--from 2015`` starting at 2016, an empty table for a region) misleads. These
functions look at the Dataset and return the sentences, in English or Chinese;
the command line prints them on stderr. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gzkit import columns, humanize
from gzkit.browse import headline
from gzkit.data import Dataset
from gzkit.lookups import resolve_indicator, resolve_region

_TEXT = {
    "no_year": {
        "en": "{ind} has no yearly value for {year} in {region}; it has {years}, so the table starts at {first}.",
        "zh": "{ind} 在{region}没有{year}年的数值；已有年份：{years}，因此从{first}年算起。",
    },
    "no_end": {
        "en": "{ind} has no yearly value for {year} in {region}; it has {years}, so the table ends at {last}.",
        "zh": "{ind} 在{region}没有{year}年的数值；已有年份：{years}，因此算到{last}年为止。",
    },
    "stated": {
        "en": "The report states directly: {items}.",
        "zh": "报告直接给出：{items}。",
    },
    "no_region": {
        "en": "{what} has no observation for {region}; regions with data: {regions}. Try -r {first} or -r all.",
        "zh": "{what} 没有{region}的数据；有数据的地区：{regions}。可用 -r {first} 或 -r all。",
    },
    "no_targets": {
        "en": "The report sets no target for {region}; regions with targets: {regions}. Try -r all.",
        "zh": "报告没有为{region}设定目标；有目标的地区：{regions}。可用 -r all。",
    },
    "no_region_at_all": {
        "en": "{what} has no observation in any region.",
        "zh": "{what} 在任何地区都没有数据。",
    },
}


def _say(key: str, lang: str, **fields: Any) -> str:
    return _TEXT[key]["zh" if lang == "zh" else "en"].format(**fields)


def _region_name(ds: Dataset, region: str | None, lang: str) -> str:
    if region is None:
        return "所有地区" if lang == "zh" else "any region"
    row = ds.regions.set_index("id")
    if region not in row.index:
        return region
    return str(row.at[region, "name_zh" if lang == "zh" else "name_en"])


def growth_range(
    ds: Dataset, indicator: str, region: str | None, start: int | None, end: int | None, lang: str = "en"
) -> list[str]:
    """Sentences for ``--from``/``--to`` years the indicator has no yearly value for, and what the report states."""
    ind = resolve_indicator(ds, indicator)
    region = resolve_region(ds, region)
    have = sorted({int(y) for y in headline(ds, indicators=[ind], region=region)["year"]})
    if not have:
        return []
    years = ", ".join(str(y) for y in have)
    where = _region_name(ds, region, lang)
    out = []
    if start is not None and start not in have:
        first = next((y for y in have if y >= start), None)
        if first is not None:
            out.append(_say("no_year", lang, ind=ind, year=start, region=where, years=years, first=first))
    if end is not None and end not in have:
        last = next((y for y in reversed(have) if y <= end), None)
        if last is not None:
            out.append(_say("no_end", lang, ind=ind, year=end, region=where, years=years, last=last))
    if out:
        stated = related_statements(ds, ind, region, lang)
        if stated:
            out.append(_say("stated", lang, items="; ".join(stated)))
    return out


def related_statements(ds: Dataset, indicator: str, region: str | None, lang: str = "en") -> list[str]:
    """What the report states about the indicator's growth over several years (``gdp_growth_avg``: 6.8% 2016-2019)."""
    ids = [i for i in ds.indicators["id"] if i != indicator and i.startswith(indicator + "_growth")]
    obs = ds.observations[ds.observations["indicator"].isin(ids) & ds.observations["headline"]]
    if region is not None:
        obs = obs[obs["region"] == region]
    obs = obs[obs["period"].str.len() > 4]  # a span of years: what a reader asked a growth rate for
    units = columns.unit_table(ds.units)
    unit_of = ds.indicators.set_index("id")["unit"]
    out = []
    for r in obs.itertuples(index=False):
        value = humanize.quantity(r.value, unit_of[r.indicator], r.decimals, lang, r.qualifier, units=units)
        out.append(
            f"{r.indicator} {value} ({r.period})" if lang == "zh" else f"{r.indicator}: {value} a year, {r.period}"
        )
    return out


def region_without_data(ds: Dataset, what: str, indicators: Iterable[str], region: str | None, lang: str = "en") -> str:
    """The sentence for an empty result in ``region``: which regions do have data for ``indicators``."""
    obs = ds.observations[ds.observations["indicator"].isin(list(indicators))]
    order = list(ds.regions["id"])
    regions = [r for r in order if r in set(obs["region"])]
    if not regions:
        return _say("no_region_at_all", lang, what=what)
    return _say(
        "no_region",
        lang,
        what=what,
        region=_region_name(ds, region, lang),
        regions=", ".join(regions),
        first=regions[0],
    )


def region_without_targets(ds: Dataset, framework: str, region: str | None, lang: str = "en") -> str | None:
    """The sentence for an empty progress table: which regions the package sets targets for."""
    targets = ds.targets[ds.targets["framework"] == framework]
    regions = [r for r in ds.regions["id"] if r in set(targets["region"])]
    if not regions:
        return None
    return _say("no_targets", lang, region=_region_name(ds, region, lang), regions=", ".join(regions))
