"""Computing over the figures: change between years, growth, the income gap, progress, another region."""

from __future__ import annotations

from typing import Annotated

import typer

from gzkit.cli.app import command
from gzkit.cli.completion import complete_region
from gzkit.cli.context import TABLE, chosen_region, dataset, dataset_and_region, emit_result, sink, state
from gzkit.cli.language import HELP
from gzkit.cli.options import DomainArg, DomainOpt, ExplainOpt, IndicatorArg, NoDerivedOpt, RegionOpt, year, year_option
from gzkit.i18n import T, _


@command(
    TABLE,
    _(
        "Compare every indicator with a value in both years: change, percent change, CAGR, direction.\n\n"
        "Values the report implies (2018 imports = 4737.8 / 1.127) fill years it does not state; the "
        "`implied` column names them and `derivation` gives the formula. Where the report states the "
        "growth itself, `stated_rate` shows it.",
        HELP,
    ),
)
def compare(
    ctx: typer.Context,
    year_a: Annotated[int, typer.Argument(help=_("The earlier year.", HELP), metavar="YEAR_A", parser=year)],
    year_b: Annotated[int, typer.Argument(help=_("The later year.", HELP), metavar="YEAR_B", parser=year)],
    domain: DomainOpt = None,
    region: RegionOpt = None,
    no_derived: NoDerivedOpt = False,
    explained: ExplainOpt = False,
) -> None:
    from gzkit import core

    df = core.compare(
        dataset(ctx), year_a, year_b, domain=domain, region=chosen_region(ctx, region), derived=not no_derived
    )
    emit_result(
        ctx,
        df,
        f"{year_a} → {year_b}",
        columns=[
            "indicator",
            # An id is English; a Chinese reader gets the indicator's Chinese name beside it.
            *(["name"] if state(ctx).lang == "zh" else []),
            "value_a",
            "value_b",
            # Percentages and ranks get no rate; their notes say "see change", so it is shown.
            *(["change"] if (df["pct_change"].isna() & df["change"].notna()).any() else []),
            "pct_change",
            # Over one year the CAGR is the percent change: show it once.
            *(["cagr"] if year_b - year_a > 1 else []),
            *(["stated_rate"] if df["stated_rate"].notna().any() else []),
            "better",
            *(["confidence"] if (df["confidence"] != "report").any() else []),
            *(["implied"] if (df["implied"] != "").any() else []),
        ],
        formulas="compare",
        explained=explained,
    )


@command(
    TABLE,
    _(
        "Growth between consecutive observations and CAGR over the whole span.\n\n"
        "Uses the real number of years between observations. Values the report implies fill years it does "
        "not state; an average rate the report states (GDP 6.8% a year 2016-2019) gets a `stated` row with "
        "the computed CAGR beside it.",
        HELP,
    ),
)
def growth(
    ctx: typer.Context,
    indicator: IndicatorArg,
    start: Annotated[int | None, year_option("--from", help=_("First year.", HELP))] = None,
    end: Annotated[int | None, year_option("--to", help=_("Last year.", HELP))] = None,
    region: RegionOpt = None,
    no_derived: NoDerivedOpt = False,
    explained: ExplainOpt = False,
) -> None:
    from gzkit import core, missing

    ds, where = dataset_and_region(ctx, region)
    df = core.growth(ds, indicator, region=where, start=start, end=end, derived=not no_derived)
    emit_result(
        ctx,
        df,
        T("Growth of {indicator}", indicator=df["indicator"].iloc[0]),
        columns=[
            "kind",
            "from_year",
            "to_year",
            "value_from",
            "value_to",
            *(["change"] if (df["cagr"].isna() & df["change"].notna()).any() else []),
            "cagr",
            *(["stated_rate"] if df["stated_rate"].notna().any() else []),
            *(["confidence"] if (df["confidence"] != "report").any() else []),
            "note",
        ],
        notes=missing.growth_range(ds, indicator, where, start, end, state(ctx).lang),
        formulas="growth",
        explained=explained,
    )


@command(TABLE, _("Urban versus rural disposable income per capita: ratio (城乡收入倍差) and difference.", HELP))
def gap(
    ctx: typer.Context,
    year_only: Annotated[int | None, year_option("--year", "-y", help=_("Only this year.", HELP))] = None,
    region: RegionOpt = None,
    explained: ExplainOpt = False,
) -> None:
    from gzkit import core

    df = core.gap(dataset(ctx), year=year_only, region=chosen_region(ctx, region))
    columns = ["region", "year", "urban", "rural", "ratio", "difference", "qualifier", "note"]
    emit_result(ctx, df, T("Urban-rural income gap · 城乡收入差距"), columns, formulas="gap", explained=explained)


@command(TABLE, _("Completion against the report's own targets, sorted by completion.", HELP))
def progress(
    ctx: typer.Context,
    domain: DomainArg = None,
    region: RegionOpt = None,
    explained: ExplainOpt = False,
) -> None:
    from gzkit import core, missing

    ds, where = dataset_and_region(ctx, region)
    df = core.progress(ds, domain=domain, region=where)
    # An empty table says which regions the package sets targets for.
    lacking = [missing.region_without_targets(ds, "report", where, state(ctx).lang)] if df.empty else []
    columns = ["name", "year", "value", "target", "completion_pct", "status"]
    title = T("Progress against targets · 目标完成度")
    emit_result(ctx, df, title, columns, notes=lacking, formulas="progress", explained=explained)


@command(
    TABLE,
    _(
        "The data package's own region (Guangzhou) beside another region on every indicator both have for "
        "the same period.\n\n"
        "Both values with their qualifiers, ratio and difference (bounds kept: >150,000 stays a lower bound), "
        "the better side by the indicator's direction (none for a total such as GDP, which grows with the region's "
        "size), and the lower confidence of the two.",
        HELP,
    ),
)
def versus(
    ctx: typer.Context,
    other: Annotated[
        str,
        typer.Argument(
            help=_("The region to set beside Guangzhou (china, guangdong).", HELP),
            autocompletion=complete_region,
            metavar="REGION",
        ),
    ],
    year_only: Annotated[
        int | None, year_option("--year", "-y", help=_("Only periods ending in this year.", HELP))
    ] = None,
    domain: DomainOpt = None,
    no_derived: NoDerivedOpt = False,
) -> None:
    from gzkit import versus as peers

    ds = dataset(ctx)
    df = peers.versus(ds, other, year=year_only, domain=domain, base=chosen_region(ctx, None), derived=not no_derived)
    a, b = str(df["region_a"].iloc[0]), str(df["region_b"].iloc[0])
    lang = state(ctx).lang
    if lang == "zh":
        names = sink(ctx).regions or {}
        a, b = names.get(a, a), names.get(b, b)
    emit_result(
        ctx,
        df,
        T("{a} vs {b}", a=a, b=b),
        caption=peers.TOTALS_CAPTION if (df["better"] == peers.NOT_COMPARABLE).any() else None,
        columns=[
            "indicator",
            *(["name"] if lang == "zh" else []),
            *(["period"] if (df["period"] != df["year"].astype(str)).any() else []),
            "value_a",
            "value_b",
            "ratio",
            "difference",
            "better",
            "confidence",
        ],
    )
