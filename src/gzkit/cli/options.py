"""The options and arguments several commands share, with their help in the reader's language."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from gzkit.cli.completion import complete_domain, complete_indicator, complete_region
from gzkit.cli.language import HELP, reader
from gzkit.i18n import _


def year(value: str | int) -> int:
    """A year typed on the command line, with the same message whichever typer converts it."""
    if isinstance(value, int):
        return value
    if not value.isascii():
        # int() would read ٢٠١٥ and ２０１５ as 2015: a year is written in the digits 0-9, as in the data.
        raise typer.BadParameter(
            _("{value} is not a year in the digits 0-9 (2015).", reader.lang).format(value=repr(value))
        )
    try:
        return int(value.strip())
    except ValueError:
        raise typer.BadParameter(_("{value} is not an integer.", reader.lang).format(value=repr(value))) from None


class Format(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    xlsx = "xlsx"
    parquet = "parquet"
    sqlite = "sqlite"


class Lang(str, Enum):
    en = "en"
    zh = "zh"


class Confidence(str, Enum):
    """Confidence grades, most trusted first (gzkit.provenance.CONFIDENCE)."""

    report = "report"
    high = "high"
    medium = "medium"
    low = "low"


def flag(name: str, help: str) -> Any:
    """A switch that is off unless ``name`` is typed (``--force``, ``--no-derived``); ``help`` says what it does."""
    return typer.Option(name, help=help)


def optional(*names: str, help: str, **settings: Any) -> Any:
    """An option that is unset unless typed; its ``help`` says what happens then, so no ``[default: …]`` is shown."""
    return typer.Option(*names, help=help, show_default=False, **settings)


def year_option(*names: str, help: str) -> Any:
    """A year (``--from 2015``), read by :func:`year` whichever digits it is typed in."""
    return typer.Option(*names, help=help, parser=year)


def output_option(help: str) -> Any:
    """``-o/--output FILE``: what a command writes instead of printing (``help`` says what)."""
    return typer.Option("--output", "-o", help=help, dir_okay=False)


def region_option(help: str) -> Any:
    """``-r/--region``, completed with the package's regions; ``help`` says how this command reads it."""
    return optional("--region", "-r", help=help, autocompletion=complete_region)


def domain_option(help: str) -> Any:
    """``-d/--domain``, completed with the package's domains; ``help`` says how this command reads it."""
    return typer.Option("--domain", "-d", help=help, autocompletion=complete_domain)


def indicator_option(help: str) -> Any:
    """``-i/--indicator``, repeatable, completed with the package's indicators."""
    return typer.Option("--indicator", "-i", help=help, autocompletion=complete_indicator)


FormatOpt = Annotated[
    Format | None,
    optional(
        "--format",
        "-f",
        help=_(
            "Output format. Default: table on a terminal, csv in a pipe. xlsx, parquet and sqlite need -o FILE.", HELP
        ),
    ),
]
OutputOpt = Annotated[
    Path | None, output_option(_("Write to FILE (atomically) instead of stdout; format from its suffix.", HELP))
]
ForceOpt = Annotated[bool, flag("--force", _("Overwrite the --output file if it exists.", HELP))]
BomOpt = Annotated[bool, flag("--bom", _("Start CSV/TSV with a UTF-8 byte-order mark (for Excel).", HELP))]
RegionOpt = Annotated[
    str | None,
    region_option(
        _(
            "Region id or name (guangzhou, china, 广州); 'all' for every region. Default: the data package's own "
            "region (Guangzhou for the bundled data).",
            HELP,
        )
    ),
]
DomainOpt = Annotated[str | None, domain_option(_("Only this domain (id, English or Chinese name).", HELP))]
#: The domain a command lists or scores, typed as its argument.
DomainArg = Annotated[
    str | None, typer.Argument(help=_("Only this domain.", HELP), autocompletion=complete_domain, show_default=False)
]
#: The one indicator a command reads, typed as its argument.
IndicatorArg = Annotated[str, typer.Argument(help=_("Indicator id.", HELP), autocompletion=complete_indicator)]
LangOpt = Annotated[
    Lang | None,
    optional(
        "--lang",
        "-l",
        help=_("Language of names and labels (en, zh); also accepted before the command. [env: GZKIT_LANG]", HELP),
    ),
]
DataOpt = Annotated[
    Path | None,
    optional(
        "--data",
        help=_("Another data package with gzkit's schema; also accepted before the command. [env: GZKIT_DATA]", HELP),
    ),
]
ExplainOpt = Annotated[bool, flag("--explain", _("Print each formula with its inputs to stderr.", HELP))]
NoDerivedOpt = Annotated[
    bool, flag("--no-derived", _("Leave out the values the report implies; stated figures only.", HELP))
]


def show_help(ctx: typer.Context, value: bool) -> None:
    """``--help``: the command's help, then exit (nothing while the shell only completes a word)."""
    if value and not ctx.resilient_parsing:
        typer.echo(ctx.get_help(), color=ctx.color)
        raise typer.Exit()


#: gzkit's own ``-h/--help`` (typer's is turned off with ``add_help_option=False``), so that its
#: help text reads in the reader's language like every other option's.
HelpOpt = Annotated[
    bool,
    typer.Option(
        "--help",
        "-h",
        is_eager=True,
        expose_value=False,
        callback=show_help,
        help=_("Show this message and exit.", HELP),
    ),
]
