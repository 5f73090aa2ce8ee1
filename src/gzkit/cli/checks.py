"""Checking the figures: the report against itself and official statistics, and against the national targets."""

from __future__ import annotations

from typing import Annotated

import typer

from gzkit.cli.app import command
from gzkit.cli.context import TABLE, dataset, dataset_and_region, emit_result, emit_table, state
from gzkit.cli.language import HELP
from gzkit.cli.options import flag, region_option
from gzkit.i18n import T, _, localize


@command(
    TABLE,
    _(
        "Check the report against itself and official statistics: one row per check, with its section.\n\n"
        "Status is consistent, inconsistent (the figures cannot all hold) or note (not meant to agree, or "
        "nothing stated to compare). Tolerances are half a unit of each input's last published digit.",
        HELP,
    ),
)
def audit(ctx: typer.Context) -> None:
    from gzkit import audit as checks

    df = checks.audit(dataset(ctx))
    columns = ["check", "expected", "qualifier", "stated", "status", "note"]
    emit_result(ctx, df, T("Consistency audit · 一致性核对"), columns)


@command(
    TABLE,
    _(
        "Guangzhou against the NBS 2013 national xiaokang targets: realization per item and weighted.\n\n"
        "Realization is value / target (target / value when lower is better), capped at 100; the summary "
        "covers only items gzkit can measure. This is gzkit's reading of the NBS method (its formula text "
        "was not available).",
        HELP,
    ),
)
def xiaokang(
    ctx: typer.Context,
    all_items: Annotated[
        bool, flag("--all", _("List all 33 NBS items, with why each is or is not covered.", HELP))
    ] = False,
    region: Annotated[
        str | None, region_option(_("The region to score (one region). Default: the data package's own region.", HELP))
    ] = None,
) -> None:
    from gzkit import core
    from gzkit import xiaokang as nbs
    from gzkit.errors import UsageError
    from gzkit.terminal import printable

    ds, chosen = dataset_and_region(ctx, region)
    if core.resolve_region(ds, chosen) is None:
        raise UsageError(
            T("the xiaokang index scores one region at a time, not 'all'."),
            T("Give one region, e.g. -r {region}; `gzkit regions` lists them.", region=core.default_region(ds)),
        )
    df = nbs.xiaokang(ds, region=chosen, all_items=all_items)
    lang = state(ctx).lang
    typer.echo(printable(localize(nbs.summary_line(df, lang=lang), lang)), err=True)
    columns = ["item", "name", "value", "target", "realization_pct", "weight", "comparability"]
    emit_table(ctx, df, T("NBS 2013 xiaokang targets · 全面小康统计监测指标"), columns)
