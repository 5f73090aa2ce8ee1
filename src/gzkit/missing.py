"""Say what is missing: sentences for a year or region the data has no value for, and what exists instead.

A request that quietly answers something narrower than what was asked (growth
``--from 2015`` starting at 2016, an empty table for a region) misleads. These
functions look at the Dataset and return the sentences as :class:`~gzkit.i18n.Text`
(English as a string, Chinese from ``render("zh")``), so the caller need not know the
reader's language; the command line prints them on stderr. Nothing here prints. The
``lang`` parameters are kept for callers that still pass one: with it, the sentences
come back already rendered in that language.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from gzkit import columns, humanize
from gzkit.browse import headline
from gzkit.data import Dataset
from gzkit.i18n import LANGS, N_, T, Text
from gzkit.lookups import resolve_indicator, resolve_region
from gzkit.notes import Bilingual, join_two

#: The sentences, marked for the catalog (their Chinese is in locale/zh/LC_MESSAGES/gzkit.po).
_TEXT = {
    "no_year": N_("{ind} has no yearly value for {year} in {region}; it has {years}, so the table starts at {first}."),
    "no_end": N_("{ind} has no yearly value for {year} in {region}; it has {years}, so the table ends at {last}."),
    "stated": N_("The report states directly: {items}."),
    "no_region": N_("{what} has no observation for {region}; regions with data: {regions}. Try -r {first} or -r all."),
    "no_targets": N_("The report sets no target for {region}; regions with targets: {regions}. Try -r all."),
    "no_region_at_all": N_("{what} has no observation in any region."),
}


def _say(key: str, lang: str | None, **fields: Any) -> str:
    text = Text(_TEXT[key], fields)
    # A caller that still names a language gets the sentence rendered in it.
    return text.render(lang) if lang is not None else text


def _region_name(ds: Dataset, region: str | None) -> Text | str:
    if region is None:
        return T("any region")
    row = ds.regions.set_index("id")
    if region not in row.index:
        return region
    return Bilingual(str(row.at[region, "name_en"]), str(row.at[region, "name_zh"]))


def growth_range(
    ds: Dataset, indicator: str, region: str | None, start: int | None, end: int | None, lang: str | None = None
) -> list[str]:
    """Sentences for ``--from``/``--to`` years the indicator has no yearly value for, and what the report states."""
    ind = resolve_indicator(ds, indicator)
    region = resolve_region(ds, region)
    have = sorted({int(y) for y in headline(ds, indicators=[ind], region=region)["year"]})
    if not have:
        return []
    years = ", ".join(str(y) for y in have)
    where = _region_name(ds, region)
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
        stated = related_statements(ds, ind, region)
        if stated:
            out.append(_say("stated", lang, items=functools.reduce(join_two, stated)))
    return out


def related_statements(ds: Dataset, indicator: str, region: str | None, lang: str | None = None) -> list[str]:
    """What the report states about the indicator's growth over several years (``gdp_growth_avg``: 6.8% 2016-2019).

    Each a :class:`~gzkit.i18n.Text` (or, with ``lang``, rendered in that language).
    """
    ids = [i for i in ds.indicators["id"] if i != indicator and i.startswith(indicator + "_growth")]
    obs = ds.observations[ds.observations["indicator"].isin(ids) & ds.observations["headline"]]
    if region is not None:
        obs = obs[obs["region"] == region]
    obs = obs[obs["period"].str.len() > 4]  # a span of years: what a reader asked a growth rate for
    units = columns.unit_table(ds.units)
    unit_of = ds.indicators.set_index("id")["unit"]
    out = []
    for r in obs.itertuples(index=False):
        value = Bilingual(
            *(humanize.quantity(r.value, unit_of[r.indicator], r.decimals, x, r.qualifier, units=units) for x in LANGS)
        )
        text = T("{indicator}: {value} a year, {period}", indicator=r.indicator, value=value, period=r.period)
        out.append(text.render(lang) if lang is not None else text)
    return out


def region_without_data(
    ds: Dataset, what: str, indicators: Iterable[str], region: str | None, lang: str | None = None
) -> str:
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
        region=_region_name(ds, region),
        regions=", ".join(regions),
        first=regions[0],
    )


def region_without_targets(ds: Dataset, framework: str, region: str | None, lang: str | None = None) -> str | None:
    """The sentence for an empty progress table: which regions the package sets targets for."""
    targets = ds.targets[ds.targets["framework"] == framework]
    regions = [r for r in ds.regions["id"] if r in set(targets["region"])]
    if not regions:
        return None
    return _say("no_targets", lang, region=_region_name(ds, region), regions=", ".join(regions))
