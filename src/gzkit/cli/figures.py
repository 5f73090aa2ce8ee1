"""Drawing the figures: a chart in the terminal or a file, and the one-page HTML report."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from gzkit.cli.app import command
from gzkit.cli.completion import complete_indicator
from gzkit.cli.context import OWN_FORMAT, chosen_region, dataset, shared, state
from gzkit.cli.language import HELP
from gzkit.cli.messages import stderr, warn_messages
from gzkit.cli.options import NoDerivedOpt, domain_option, flag, indicator_option, output_option, region_option
from gzkit.i18n import T, _
from gzkit.output import Sink


class ChartKind(str, Enum):
    line = "line"
    bar = "bar"


@command(
    OWN_FORMAT,
    _(
        "Chart indicators over the years: in the terminal, or as an SVG/PNG/PDF figure with its source line.\n\n"
        "Bounds (more than, less than) and approximate values get their own marker. The title names the "
        "region. Needs the charts extra: `pip install 'gzkit[charts]'`.",
        HELP,
    ),
)
def chart(
    ctx: typer.Context,
    indicators: Annotated[
        list[str],
        typer.Argument(
            help=_("One or more indicator ids that share a unit.", HELP),
            autocompletion=complete_indicator,
            show_default=False,
            metavar="INDICATOR",
        ),
    ],
    region: Annotated[
        str | None,
        region_option(
            _(
                "Regions to draw as separate series, comma separated (guangzhou,china); 'all' for every region. "
                "Default: the data package's own region.",
                HELP,
            )
        ),
    ] = None,
    kind: Annotated[ChartKind, typer.Option("--kind", "-k", help=_("Line or bar chart.", HELP))] = ChartKind.line,
    no_derived: NoDerivedOpt = False,
    output: Annotated[
        Path | None, output_option(_("Write a figure (.svg, .png or .pdf) instead of drawing in the terminal.", HELP))
    ] = None,
    log: Annotated[
        bool, flag("--log", _("Logarithmic value axis (line charts; every value must be above zero).", HELP))
    ] = False,
    dpi: Annotated[
        int,
        typer.Option("--dpi", help=_("Resolution of a PNG figure, 50 to 1200 dots per inch.", HELP), metavar="N"),
    ] = 150,
) -> None:
    from gzkit import charts
    from gzkit.output import emit_text

    lang = state(ctx).lang
    force = bool(shared(ctx).get("force"))
    # Before any work: a missing extra is the one thing to say.
    charts.require_plotext() if output is None else charts.require_matplotlib()
    charts.check_dpi(dpi, lang)
    if log:
        charts.check_log_kind(kind.value, lang)
    df = charts.chart_data(dataset(ctx), indicators, regions=chosen_region(ctx, region), derived=not no_derived)
    if log:
        # Before the warnings: a refusal is the one thing to say.
        charts.require_positive(df, lang)
    warn_messages(df.attrs.get("warnings", []))
    parts = charts.panels(df)
    if output is None:
        from gzkit.terminal import printable, printable_columns, wants_color

        color = wants_color(sys.stdout)
        text = "\n".join(
            charts.terminal_chart(printable_columns(p), lang=lang, kind=kind.value, color=color, log=log) for p in parts
        )
        note = charts.panels_note(parts, lang)
        emit_text(text + (printable(note) + "\n" if note else ""), Sink(lang=lang))
        return
    if len(parts) > 1:
        stderr().print(charts.panels_note(parts, lang))
    warn_messages(charts.save_figure(df, output, lang=lang, kind=kind.value, force=force, dpi=dpi, log=log))


def other_command(output: Path) -> str | None:
    """The command that writes files named like ``output``, when that is not ``report``.

    A report written to ``gdp.json`` would be an HTML page under a name that promises data.
    """
    from gzkit.charts.scales import FIGURE_SUFFIXES
    from gzkit.output import FORMATS, SUFFIXES

    suffix = output.suffix.lower()
    if suffix in FIGURE_SUFFIXES:
        return f"gzkit chart INDICATOR -o {output.name}"
    if suffix and (SUFFIXES.get(suffix[1:], suffix[1:]) in FORMATS):
        return f"gzkit export -o {output.name}"
    return None


@command(
    OWN_FORMAT,
    _(
        "Write one self-contained HTML page: every domain, trends, the income gap, progress, provenance.\n\n"
        "The page needs no network; it switches between Chinese and English. Charts need the charts extra. "
        "Trend figures are drawn for --domain and --indicator when given, and at most --max-figures of them.",
        HELP,
    ),
)
def report(
    ctx: typer.Context,
    output: Annotated[Path | None, output_option(_("The HTML file to write.", HELP))] = None,
    domain: Annotated[str | None, domain_option(_("Draw trend figures for this domain only.", HELP))] = None,
    indicator: Annotated[
        list[str] | None, indicator_option(_("Draw trend figures for this indicator (repeat for more).", HELP))
    ] = None,
    max_figures: Annotated[
        int,
        typer.Option(
            "--max-figures",
            help=_("Draw at most this many trend figures (0 = all); a note on the page says what was left out.", HELP),
        ),
    ] = 60,
) -> None:
    from gzkit import htmlreport, progress
    from gzkit.errors import UsageError
    from gzkit.output import check_target, emit_text

    lang = state(ctx).lang
    force = bool(shared(ctx).get("force"))
    if output is None and sys.stdout.isatty():
        raise UsageError(T("the report is an HTML page: give it a file."), "gzkit report -o report.html")
    if output is not None and (other := other_command(output)) is not None:
        raise UsageError(
            T("the report is one HTML page, not a {suffix} file.", suffix=output.suffix),
            T(
                "Name it .html (gzkit report -o report.html), or write a {suffix} file with `{command}`.",
                suffix=output.suffix,
                command=other,
            ),
        )
    if max_figures < 0:
        raise UsageError(
            T("--max-figures must be 0 (all) or more, not {count}.", count=max_figures),
            T("Try --max-figures 60."),
        )
    if output is not None:
        check_target(output, force)  # before the page is built, which can take a while
    ds = dataset(ctx)
    page = htmlreport.build(ds, lang=lang, domain=domain, indicators=indicator or None, max_figures=max_figures)
    warn_messages(page.warnings)
    with progress.status(_("Writing the page", lang)):
        emit_text(page.html, Sink(output=output, force=force, lang=lang))
