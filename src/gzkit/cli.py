"""The gzkit command line: thin commands over :mod:`gzkit.core`, one output function.

Each command parses its arguments, calls one core function and hands the
DataFrame to :func:`gzkit.output.emit`. pandas and the data are imported inside
the commands so that ``gzkit --help`` and tab completion stay fast.
"""

from __future__ import annotations

import csv
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from gzkit import __version__
from gzkit.errors import GzkitError
from gzkit.output import Sink, emit

app = typer.Typer(
    name="gzkit",
    help=(
        "The quantitative record of Guangzhou's high-level xiaokang society "
        "(广州高水平全面建成小康社会, GDAS report, August 2020): browse, compare and export "
        "every figure with its provenance.\n\n"
        "Start with `gzkit domains`, then `gzkit show economy`."
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


class Lang(str, Enum):
    en = "en"
    zh = "zh"


@dataclass
class State:
    lang: str = "en"
    data: Optional[Path] = None


# --------------------------------------------------------------------------- completion

def _bundled_csv(name: str) -> list[dict]:
    """Rows of a CSV of the active data package, read without pandas (for completion)."""
    from gzkit.data import bundled_path

    root = Path(os.environ["GZKIT_DATA"]) if os.environ.get("GZKIT_DATA") else bundled_path()
    try:
        with open(root / f"{name}.csv", encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except OSError:
        return []


def _complete_indicator(incomplete: str) -> list[tuple[str, str]]:
    return [(r["id"], r["name_en"]) for r in _bundled_csv("indicators") if r["id"].startswith(incomplete)]


def _complete_domain(incomplete: str) -> list[tuple[str, str]]:
    return [(r["id"], r["name_en"]) for r in _bundled_csv("domains") if r["id"].startswith(incomplete)]


def _complete_target(incomplete: str) -> list[tuple[str, str]]:
    return _complete_domain(incomplete) + _complete_indicator(incomplete)


def _complete_region(incomplete: str) -> list[tuple[str, str]]:
    return [(r["id"], r["name_en"]) for r in _bundled_csv("regions") if r["id"].startswith(incomplete)]


# --------------------------------------------------------------------------- shared options

FormatOpt = Annotated[
    Optional[Format],
    typer.Option("--format", "-f", help="Output format. Default: table on a terminal, csv in a pipe.",
                 show_default=False),
]
OutputOpt = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout; format from its suffix.",
                 dir_okay=False),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite the --output file if it exists.")]
BomOpt = Annotated[bool, typer.Option("--bom", help="Start CSV/TSV with a UTF-8 byte-order mark (for Excel).")]
RegionOpt = Annotated[
    Optional[str],
    typer.Option("--region", "-r", help="Region id or name (guangzhou, china, guangdong); 'all' for every region.",
                 autocompletion=_complete_region),
]
DomainOpt = Annotated[
    Optional[str],
    typer.Option("--domain", "-d", help="Only this domain (id, English or Chinese name).",
                 autocompletion=_complete_domain),
]


def _sink(ctx: typer.Context, fmt, output, force, bom) -> Sink:
    state: State = ctx.obj or State()
    return Sink(fmt=fmt.value if fmt else None, output=output, force=force, bom=bom, lang=state.lang)


def _dataset(ctx: typer.Context):
    from gzkit.data import load

    state: State = ctx.obj or State()
    return load(state.data)


def _stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _warn(df) -> None:
    for message in df.attrs.get("warnings", []):
        _stderr().print(f"[yellow]Warning:[/yellow] {message}", markup=True)


@contextmanager
def _guard():
    """Turn a GzkitError into one line on stderr and its exit code."""
    try:
        yield
    except GzkitError as exc:
        _stderr().print(f"[red]Error:[/red] {exc}", markup=True)
        raise typer.Exit(exc.exit_code) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gzkit {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    lang: Annotated[
        Lang, typer.Option("--lang", "-l", envvar="GZKIT_LANG", help="Language of names and labels in tables.")
    ] = Lang.en,
    data: Annotated[
        Optional[Path],
        typer.Option("--data", envvar="GZKIT_DATA", help="Use another data package with gzkit's schema (a folder "
                     "with datapackage.json).", show_default=False),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Global options."""
    ctx.obj = State(lang=lang.value, data=data)


# --------------------------------------------------------------------------- commands


@app.command()
def domains(ctx: typer.Context, fmt: FormatOpt = None, output: OutputOpt = None, force: ForceOpt = False,
            bom: BomOpt = False) -> None:
    """List the domains with their Chinese and English names and indicator counts.

    Example: `gzkit domains`
    """
    from gzkit import core

    with _guard():
        emit(core.domains(_dataset(ctx)), _sink(ctx, fmt, output, force, bom), title="Domains · 领域",
             columns=["domain", "name_en", "name_zh", "indicators", "observations"])


@app.command()
def regions(ctx: typer.Context, fmt: FormatOpt = None, output: OutputOpt = None, force: ForceOpt = False,
            bom: BomOpt = False) -> None:
    """List the regions (Guangzhou and the comparators the report names).

    Example: `gzkit regions`
    """
    from gzkit import core

    with _guard():
        emit(core.regions(_dataset(ctx)), _sink(ctx, fmt, output, force, bom), title="Regions · 地区")


@app.command("list")
def list_(
    ctx: typer.Context,
    domain: Annotated[Optional[str], typer.Argument(help="Only this domain.", autocompletion=_complete_domain,
                                                    show_default=False)] = None,
    search: Annotated[Optional[str], typer.Option("--search", "-s", help="Text in the id, English or Chinese name.")]
    = None,
    fmt: FormatOpt = None, output: OutputOpt = None, force: ForceOpt = False, bom: BomOpt = False,
) -> None:
    """List indicators with id, name, unit and the years available.

    Examples: `gzkit list economy` · `gzkit list --search 收入` · `gzkit list -s income -f csv`
    """
    from gzkit import core

    with _guard():
        df = core.indicators(_dataset(ctx), domain=domain, search=search)
        emit(df, _sink(ctx, fmt, output, force, bom), title="Indicators · 指标",
             columns=["indicator", "name", "unit", "years"])
        if df.empty:
            _stderr().print("No indicator matches. Run `gzkit list` to see them all.")


@app.command()
def show(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="A domain (economy, 经济) or an indicator id (gdp).",
                                          autocompletion=_complete_target)],
    region: RegionOpt = None,
    fmt: FormatOpt = None, output: OutputOpt = None, force: ForceOpt = False, bom: BomOpt = False,
) -> None:
    """Show a domain's latest values, or an indicator's series with provenance.

    Examples: `gzkit show economy` · `gzkit --lang zh show 经济` · `gzkit show gdp`
    """
    from gzkit import core
    from gzkit.errors import NotFound

    with _guard():
        ds = _dataset(ctx)
        sink = _sink(ctx, fmt, output, force, bom)
        try:
            dom = core.resolve_domain(ds, target)
        except NotFound as exc_domain:
            try:
                info = core.indicator_info(ds, target)
            except NotFound as exc_ind:
                suggestions = exc_domain.suggestions + exc_ind.suggestions
                hint = " Did you mean " + " or ".join(f"'{s}'" for s in suggestions[:3]) + "?" if suggestions else ""
                raise GzkitError(
                    f"No domain or indicator '{target}'.{hint}",
                    "Run `gzkit domains` or `gzkit list` to see them.",
                ) from None
            df = core.observations(ds, info["id"], region=region)
            name = info["name_zh"] if sink.lang == "zh" else info["name_en"]
            emit(df, sink, title=f"{name} ({info['id']})", caption=info.get("description") or None,
                 columns=["region", "period", "value", "headline", "source", "note"])
            return
        df = core.latest(ds, dom, region=region if region is not None else core.DEFAULT_REGION)
        row = ds.domains.set_index("id").loc[dom]
        emit(df, sink, title=f"{row['name_zh'] if sink.lang == 'zh' else row['name_en']} · latest values",
             columns=["indicator", "name", "period", "value"])


@app.command()
def compare(
    ctx: typer.Context,
    year_a: Annotated[int, typer.Argument(help="The earlier year.", metavar="YEAR_A")],
    year_b: Annotated[int, typer.Argument(help="The later year.", metavar="YEAR_B")],
    domain: DomainOpt = None,
    region: Annotated[Optional[str], typer.Option("--region", "-r", help="Region id or name; 'all' for every "
                                                  "region.", autocompletion=_complete_region)] = "guangzhou",
    fmt: FormatOpt = None, output: OutputOpt = None, force: ForceOpt = False, bom: BomOpt = False,
) -> None:
    """Compare every indicator observed in both years: change, % change, CAGR, direction.

    Examples: `gzkit compare 2015 2019` · `gzkit compare 2018 2019 --domain economy -f json`
    """
    from gzkit import core

    with _guard():
        df = core.compare(_dataset(ctx), year_a, year_b, domain=domain, region=region)
        _warn(df)
        emit(df, _sink(ctx, fmt, output, force, bom), title=f"{year_a} → {year_b}",
             columns=["indicator", "region", "value_a", "value_b", "pct_change", "cagr", "qualifier", "better"])


@app.command()
def growth(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(help="Indicator id.", autocompletion=_complete_indicator)],
    start: Annotated[Optional[int], typer.Option("--from", help="First year.")] = None,
    end: Annotated[Optional[int], typer.Option("--to", help="Last year.")] = None,
    region: RegionOpt = None,
    fmt: FormatOpt = None, output: OutputOpt = None, force: ForceOpt = False, bom: BomOpt = False,
) -> None:
    """Growth between consecutive observations and CAGR over the whole span.

    Uses the real number of years between observations.

    Examples: `gzkit growth disposable_income_rural` · `gzkit growth high_tech_enterprises --from 2015`
    """
    from gzkit import core

    with _guard():
        df = core.growth(_dataset(ctx), indicator, region=region, start=start, end=end)
        _warn(df)
        emit(df, _sink(ctx, fmt, output, force, bom), title=f"Growth of {df['indicator'].iloc[0]}",
             columns=["region", "kind", "from_year", "to_year", "value_from", "value_to", "pct_change", "cagr",
                      "qualifier", "note"])


@app.command()
def gap(
    ctx: typer.Context,
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="Only this year.")] = None,
    region: RegionOpt = None,
    fmt: FormatOpt = None, output: OutputOpt = None, force: ForceOpt = False, bom: BomOpt = False,
) -> None:
    """Urban versus rural disposable income per capita: ratio (城乡收入倍差) and difference.

    Examples: `gzkit gap` · `gzkit gap --year 2019 -f json`
    """
    from gzkit import core

    with _guard():
        df = core.gap(_dataset(ctx), year=year, region=region)
        _warn(df)
        emit(df, _sink(ctx, fmt, output, force, bom), title="Urban-rural income gap · 城乡收入差距",
             columns=["region", "year", "urban", "rural", "ratio", "difference", "qualifier", "note"])


@app.command()
def progress(
    ctx: typer.Context,
    domain: Annotated[Optional[str], typer.Argument(help="Only this domain.", autocompletion=_complete_domain,
                                                    show_default=False)] = None,
    fmt: FormatOpt = None, output: OutputOpt = None, force: ForceOpt = False, bom: BomOpt = False,
) -> None:
    """Completion against the report's own targets, sorted by completion.

    Examples: `gzkit progress` · `gzkit progress ecology -f csv`
    """
    from gzkit import core

    with _guard():
        df = core.progress(_dataset(ctx), domain=domain)
        emit(df, _sink(ctx, fmt, output, force, bom), title="Progress against targets · 目标完成度",
             columns=["name", "year", "value", "target", "completion_pct", "qualifier", "status"])


@app.command()
def source(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(help="Indicator id.", autocompletion=_complete_indicator)],
    fmt: FormatOpt = None, output: OutputOpt = None, force: ForceOpt = False, bom: BomOpt = False,
) -> None:
    """Where each observation of an indicator came from: section, evidence, qualifier, note.

    Example: `gzkit source high_tech_enterprises`
    """
    from gzkit import core

    with _guard():
        emit(core.sources(_dataset(ctx), indicator), _sink(ctx, fmt, output, force, bom), title="Provenance · 来源",
             columns=["region", "period", "value", "qualifier", "source", "evidence", "headline"])


@app.command()
def export(
    ctx: typer.Context,
    fmt: FormatOpt = None, output: OutputOpt = None, force: ForceOpt = False, bom: BomOpt = False,
) -> None:
    """Export every observation joined with its indicator's metadata (tidy).

    Examples: `gzkit export -f csv > gz.csv` · `gzkit export -o gz.json`
    """
    from gzkit import core

    with _guard():
        emit(core.export(_dataset(ctx)), _sink(ctx, fmt, output, force, bom), title="Observations",
             columns=["indicator", "region", "period", "value", "source"])


def main() -> None:
    """Console entry point."""
    try:
        app(prog_name="gzkit")
    except BrokenPipeError:
        # The reader went away (`gzkit export | head -1`): end quietly, as the
        # CPython docs advise, without a second error when stdout is flushed at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
