"""Browsing the package: domains, regions, the indicator list, a domain or indicator, a figure's sources."""

from __future__ import annotations

from typing import Annotated

import typer

from gzkit.cli.app import command
from gzkit.cli.completion import complete_target
from gzkit.cli.context import TABLE, dataset, dataset_and_region, emit_table, state
from gzkit.cli.language import HELP
from gzkit.cli.messages import notes, say
from gzkit.cli.options import DomainArg, IndicatorArg, NoDerivedOpt, RegionOpt
from gzkit.errors import GzkitError
from gzkit.i18n import T, _, one_of

#: The caption under a domain's latest values when a figure is stated more than once.
STATEMENTS_NOTE = T("statements > 1: the report states this figure more than once; see `gzkit source INDICATOR`")


@command(TABLE, _("List the domains with their Chinese and English names and indicator counts.", HELP))
def domains(ctx: typer.Context) -> None:
    from gzkit import core

    columns = ["domain", "name_en", "name_zh", "indicators", "observations"]
    emit_table(ctx, core.domains(dataset(ctx)), T("Domains · 领域"), columns)


@command(TABLE, _("List the regions (Guangzhou and the comparators the report names).", HELP))
def regions(ctx: typer.Context) -> None:
    from gzkit import core

    emit_table(ctx, core.regions(dataset(ctx)), T("Regions · 地区"))


@command(
    TABLE,
    _(
        "List indicators with id, name, unit and the years available.\n\n"
        "With --search, the best matches come first: id or name, then keywords, then description.",
        HELP,
    ),
    name="list",
)
def list_(
    ctx: typer.Context,
    domain: DomainArg = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            help=_(
                "Words to find, Chinese or English (医院, hospital beds): in the id, names, keywords or description. "
                "English words match whole words (air: not airport); end one with * for a prefix (hosp*). "
                "Exit status 1 when nothing matches.",
                HELP,
            ),
        ),
    ] = None,
) -> None:
    from gzkit import core
    from gzkit import search as finder
    from gzkit.errors import UsageError

    lang = state(ctx).lang
    if search is not None and not finder.terms(search):
        raise UsageError(finder.message("empty", lang), finder.message("empty_hint", lang))
    ds = dataset(ctx)
    df = core.indicators(ds, domain=domain, search=search)
    for term in df.attrs.get("prefix_terms", []):
        say(finder.message("prefix", lang, term=term))
    if df.attrs.get("partial"):
        say(finder.message("partial", lang, query=search))
    # Nothing found still writes a valid empty document (CSV header, JSON []) for scripts.
    emit_table(ctx, df, T("Indicators · 指标"), ["indicator", "name", "unit", "years"])
    if search is not None and df.empty:
        scope = core.resolve_domain(ds, domain) if domain is not None else None
        # A lookup that finds nothing ends like any other: one "Error:" line and exit status 1.
        raise GzkitError(finder.nothing_found(search, ds.domains, ds.indicators, lang=lang, domain=scope))


@command(TABLE, _("Show a domain's latest values, or an indicator's series with provenance and implied values.", HELP))
def show(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            help=_("A domain (economy, 经济) or an indicator id (gdp).", HELP), autocompletion=complete_target
        ),
    ],
    region: RegionOpt = None,
    no_derived: NoDerivedOpt = False,
) -> None:
    from gzkit import core, missing
    from gzkit.errors import NotFound

    lang = state(ctx).lang
    ds, where = dataset_and_region(ctx, region)
    try:
        dom = core.resolve_domain(ds, target)
    except NotFound as exc_domain:
        try:
            info = core.indicator_info(ds, target)
        except NotFound as exc_ind:
            suggestions = exc_domain.suggestions + exc_ind.suggestions
            message = T("No domain or indicator '{name}'.", name=target)
            if suggestions:
                choices = one_of([f"'{s}'" for s in suggestions[:3]])
                message = T("{message} Did you mean {choices}?", message=message, choices=choices)
            raise GzkitError(message, T("Run `gzkit domains` or `gzkit list` to see them.")) from None
        df = core.observations(ds, info["id"], region=where, derived=not no_derived)
        if df.empty:
            notes([missing.region_without_data(ds, info["id"], [info["id"]], where, lang)])
        name = info["name_zh"] if lang == "zh" else info["name_en"]
        emit_table(
            ctx,
            df,
            f"{name} ({info['id']})",
            caption=(lang == "zh" and info.get("description_zh")) or info.get("description") or None,
            columns=[
                "region",
                "period",
                "value",
                "headline",
                *(["implied"] if df["implied"].any() else []),
                "confidence",
                "source",
                "note",
            ],
        )
        return
    df = core.latest(ds, dom, region=where)
    if df.empty:
        ids = ds.indicators.loc[ds.indicators["domain"] == dom, "id"]
        notes([missing.region_without_data(ds, dom, ids, where, lang)])
    row = ds.domains.set_index("id").loc[dom]
    several = bool((df["statements"] > 1).any())
    emit_table(
        ctx,
        df,
        T("{domain} · latest values", domain=row["name_zh" if lang == "zh" else "name_en"]),
        columns=[
            "indicator",
            "name",
            "period",
            "value",
            *(["statements"] if several else []),
            # Official figures are graded; a column of "report" alone would say nothing.
            *(["confidence"] if (df["confidence"] != "report").any() else []),
        ],
        caption=STATEMENTS_NOTE if several else None,
    )


@command(TABLE, _("Where each observation of an indicator came from: section, evidence, qualifier, note.", HELP))
def source(
    ctx: typer.Context,
    indicator: IndicatorArg,
) -> None:
    from gzkit import core

    df = core.sources(dataset(ctx), indicator)
    # A claim the report writes in words has its snippet in evidence_words (docs/data.md).
    words = ["evidence_words"] if (df["evidence_words"] != "").any() else []
    columns = ["region", "period", "value", "qualifier", "source", "evidence", *words, "headline"]
    emit_table(ctx, df, T("Provenance · 来源"), columns)
