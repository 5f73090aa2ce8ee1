"""The gzkit command line: thin commands over :mod:`gzkit.core`, one output function.

Each command parses its arguments, calls one core function and hands the
DataFrame to :func:`gzkit.output.emit`. pandas and the data are imported inside
the commands so that ``gzkit --help`` and tab completion stay fast.
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Callable
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

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
    epilog=(
        "Examples: `gzkit show economy` · `gzkit list --search 收入` · `gzkit compare 2015 2019` · "
        "`gzkit gap` · `gzkit export -f csv > gz.csv`. Full reference: docs/cli.md."
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    # Plain help: rich help imports typer.rich_utils (markdown, tracebacks, syntax
    # highlighting), which alone takes longer than the start-up budget
    # (docs/performance.md). Usage errors then read "Error: ..." on one line.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _year(value: str | int) -> int:
    """A year typed on the command line, with the same message whichever typer converts it."""
    if isinstance(value, int):
        return value
    try:
        return int(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an integer.") from None


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


class Confidence(str, Enum):
    """Confidence grades, most trusted first (gzkit.provenance.CONFIDENCE)."""

    report = "report"
    high = "high"
    medium = "medium"
    low = "low"


class State:
    """Global options, passed to commands through ``ctx.obj``."""

    def __init__(
        self, lang: str = "en", data: Path | None = None, min_confidence: str | None = None, report_only: bool = False
    ) -> None:
        self.lang, self.data = lang, data
        self.min_confidence, self.report_only = min_confidence, report_only


# --------------------------------------------------------------------------- completion


def _package_csv(ctx: typer.Context | None, name: str) -> list[dict[str, str]]:
    """Rows of a CSV of the active data package, read without pandas (for completion).

    The package is the one `--data` names earlier on the same command line, else
    $GZKIT_DATA, else the bundled one.
    """
    from gzkit.data import bundled_path

    typed = None
    # typer types a context's parent as its vendored click's Context: walk the chain untyped.
    node: Any = ctx
    while node is not None and typed is None:
        typed = node.params.get("data")
        node = node.parent
    root = Path(typed or os.environ.get("GZKIT_DATA") or bundled_path())
    if root.name.endswith(".json"):
        root = root.parent
    try:
        with open(root / f"{name}.csv", encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, ValueError, csv.Error):  # a broken package: complete nothing rather than fail
        return []
    # Short rows lack fields: completion offers only what is there.
    return [{**r, "id": r.get("id") or "", "name_en": r.get("name_en") or ""} for r in rows]


def _completer(*names: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        return [
            (r["id"], r["name_en"]) for name in names for r in _package_csv(ctx, name) if r["id"].startswith(incomplete)
        ]

    return complete


_complete_indicator = _completer("indicators")
_complete_domain = _completer("domains")
_complete_target = _completer("domains", "indicators")
_complete_region = _completer("regions")


# --------------------------------------------------------------------------- shared options

FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format", "-f", help="Output format. Default: table on a terminal, csv in a pipe.", show_default=False
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to FILE (atomically) instead of stdout; format from its suffix.", dir_okay=False
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite the --output file if it exists.")]
BomOpt = Annotated[bool, typer.Option("--bom", help="Start CSV/TSV with a UTF-8 byte-order mark (for Excel).")]
RegionOpt = Annotated[
    str | None,
    typer.Option(
        "--region",
        "-r",
        help="Region id or name (guangzhou, china, guangdong); 'all' for every region.",
        autocompletion=_complete_region,
    ),
]
DomainOpt = Annotated[
    str | None,
    typer.Option(
        "--domain", "-d", help="Only this domain (id, English or Chinese name).", autocompletion=_complete_domain
    ),
]


def _sink(ctx: typer.Context, fmt, output, force, bom) -> Sink:
    state: State = ctx.obj or State()
    # Tables of another package speak its own unit vocabulary.
    units = None if state.data is None else _dataset(ctx).units.set_index("id").to_dict("index")
    return Sink(fmt=fmt.value if fmt else None, output=output, force=force, bom=bom, lang=state.lang, units=units)


def _dataset(ctx: typer.Context):
    """The data package, restricted to what --min-confidence and --report-only let through."""
    from gzkit.data import load
    from gzkit.provenance import restrict

    state: State = ctx.obj or State()
    return restrict(load(state.data), state.min_confidence, state.report_only)


def _stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _warn(df) -> None:
    _warn_messages(df.attrs.get("warnings", []))


#: More warnings than this are summarised in one line; the rows still carry their notes.
MAX_WARNINGS = 10


def _warn_messages(messages) -> None:
    from rich.markup import escape

    messages = list(messages)
    console = _stderr()
    for message in messages[:MAX_WARNINGS]:
        # escape: messages hold brackets (pip extras, [env var]) that are not markup
        console.print(f"[yellow]Warning:[/yellow] {escape(message)}", markup=True)
    if len(messages) > MAX_WARNINGS:
        console.print(
            f"[yellow]Warning:[/yellow] … and {len(messages) - MAX_WARNINGS} more like these; "
            "the `note` column marks every affected row.",
            markup=True,
        )


@contextmanager
def _guard():
    """Turn a GzkitError into one line on stderr and its exit code."""
    try:
        yield
    except GzkitError as exc:
        from rich.markup import escape

        _stderr().print(f"[red]Error:[/red] {escape(str(exc))}", markup=True)
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
        Path | None,
        typer.Option(
            "--data",
            envvar="GZKIT_DATA",
            help="Use another data package with gzkit's schema (a folder with datapackage.json).",
            show_default=False,
        ),
    ] = None,
    min_confidence: Annotated[
        Confidence | None,
        typer.Option(
            "--min-confidence",
            help="Use only figures at least this trusted: report > high > medium > low. "
            "Values computed from them follow.",
            show_default=False,
        ),
    ] = None,
    report_only: Annotated[
        bool,
        typer.Option("--report-only", help="Use only the report's own statements (and what they imply)."),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Global options."""
    ctx.obj = State(
        lang=lang.value,
        data=data,
        min_confidence=min_confidence.value if min_confidence else None,
        report_only=report_only,
    )


# --------------------------------------------------------------------------- commands


@app.command()
def domains(
    ctx: typer.Context, fmt: FormatOpt = None, output: OutputOpt = None, force: ForceOpt = False, bom: BomOpt = False
) -> None:
    """List the domains with their Chinese and English names and indicator counts.

    Example: `gzkit domains`
    """
    from gzkit import core

    with _guard():
        emit(
            core.domains(_dataset(ctx)),
            _sink(ctx, fmt, output, force, bom),
            title="Domains · 领域",
            columns=["domain", "name_en", "name_zh", "indicators", "observations"],
        )


@app.command()
def regions(
    ctx: typer.Context, fmt: FormatOpt = None, output: OutputOpt = None, force: ForceOpt = False, bom: BomOpt = False
) -> None:
    """List the regions (Guangzhou and the comparators the report names).

    Example: `gzkit regions`
    """
    from gzkit import core

    with _guard():
        emit(core.regions(_dataset(ctx)), _sink(ctx, fmt, output, force, bom), title="Regions · 地区")


@app.command("list")
def list_(
    ctx: typer.Context,
    domain: Annotated[
        str | None, typer.Argument(help="Only this domain.", autocompletion=_complete_domain, show_default=False)
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Text in the id, English or Chinese name.")
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """List indicators with id, name, unit and the years available.

    Examples: `gzkit list economy` · `gzkit list --search 收入` · `gzkit list -s income -f csv`
    """
    from gzkit import core

    with _guard():
        df = core.indicators(_dataset(ctx), domain=domain, search=search)
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title="Indicators · 指标",
            columns=["indicator", "name", "unit", "years"],
        )
        if df.empty:
            _stderr().print("No indicator matches. Run `gzkit list` to see them all.")


STATEMENTS_NOTE = {
    "en": "statements > 1: the report states this figure more than once; see `gzkit source INDICATOR`",
    "zh": "表述数 > 1：报告多处给出此数（或前后不一），详见 `gzkit source 指标`",
}


@app.command()
def show(
    ctx: typer.Context,
    target: Annotated[
        str, typer.Argument(help="A domain (economy, 经济) or an indicator id (gdp).", autocompletion=_complete_target)
    ],
    region: RegionOpt = None,
    no_derived: NoDerivedOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """Show a domain's latest values, or an indicator's series with provenance and implied values.

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
            df = core.observations(ds, info["id"], region=region, derived=not no_derived)
            name = info["name_zh"] if sink.lang == "zh" else info["name_en"]
            emit(
                df,
                sink,
                title=f"{name} ({info['id']})",
                caption=info.get("description") or None,
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
        df = core.latest(ds, dom, region=region if region is not None else core.DEFAULT_REGION)
        row = ds.domains.set_index("id").loc[dom]
        emit(
            df,
            sink,
            title=f"{row['name_zh']} · 最新数值" if sink.lang == "zh" else f"{row['name_en']} · latest values",
            columns=[
                "indicator",
                "name",
                "period",
                "value",
                *(["statements"] if (df["statements"] > 1).any() else []),
                # Official figures are graded; a column of "report" alone would say nothing.
                *(["confidence"] if (df["confidence"] != "report").any() else []),
            ],
            caption=(STATEMENTS_NOTE["zh" if sink.lang == "zh" else "en"] if (df["statements"] > 1).any() else None),
        )


@app.command()
def compare(
    ctx: typer.Context,
    year_a: Annotated[int, typer.Argument(help="The earlier year.", metavar="YEAR_A", parser=_year)],
    year_b: Annotated[int, typer.Argument(help="The later year.", metavar="YEAR_B", parser=_year)],
    domain: DomainOpt = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region", "-r", help="Region id or name; 'all' for every region.", autocompletion=_complete_region
        ),
    ] = "guangzhou",
    no_derived: NoDerivedOpt = False,
    explain: ExplainOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """Compare every indicator with a value in both years: change, % change, CAGR, direction.

    Values the report implies (2018 imports = 4737.8 / 1.127) fill years it does not state; the
    `implied` column names them and `derivation` gives the formula. Where the report states the
    growth itself, `stated_rate` shows it.

    Examples: `gzkit compare 2015 2019` · `gzkit compare 2018 2019 --domain economy -f json` ·
    `gzkit --report-only compare 2018 2019`
    """
    from gzkit import core

    with _guard():
        df = core.compare(_dataset(ctx), year_a, year_b, domain=domain, region=region, derived=not no_derived)
        _warn(df)
        _explain(df, "compare", explain)
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title=f"{year_a} → {year_b}",
            columns=[
                "indicator",
                *(["region"] if core.resolve_region(_dataset(ctx), region) is None else []),
                "value_a",
                "value_b",
                "pct_change",
                # Over one year the CAGR is the percent change: show it once.
                *(["cagr"] if year_b - year_a > 1 else []),
                *(["stated_rate"] if df["stated_rate"].notna().any() else []),
                "better",
                *(["confidence"] if (df["confidence"] != "report").any() else []),
                *(["implied"] if (df["implied"] != "").any() else []),
            ],
        )


@app.command()
def growth(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(help="Indicator id.", autocompletion=_complete_indicator)],
    start: Annotated[int | None, typer.Option("--from", help="First year.", parser=_year)] = None,
    end: Annotated[int | None, typer.Option("--to", help="Last year.", parser=_year)] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region", "-r", help="Region id or name; 'all' for every region.", autocompletion=_complete_region
        ),
    ] = "guangzhou",
    no_derived: NoDerivedOpt = False,
    explain: ExplainOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """Growth between consecutive observations and CAGR over the whole span.

    Uses the real number of years between observations. Values the report implies fill years it does
    not state; an average rate the report states (GDP 6.8% a year 2016-2019) gets a `stated` row with
    the computed CAGR beside it.

    Examples: `gzkit growth disposable_income_rural` · `gzkit growth high_tech_enterprises --from 2015`
    """
    from gzkit import core

    with _guard():
        df = core.growth(_dataset(ctx), indicator, region=region, start=start, end=end, derived=not no_derived)
        _warn(df)
        _explain(df, "growth", explain)
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title=f"Growth of {df['indicator'].iloc[0]}",
            columns=[
                *(["region"] if df["region"].nunique() > 1 else []),
                "kind",
                "from_year",
                "to_year",
                "value_from",
                "value_to",
                "cagr",
                *(["stated_rate"] if df["stated_rate"].notna().any() else []),
                *(["confidence"] if (df["confidence"] != "report").any() else []),
                "note",
            ],
        )


@app.command()
def gap(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Only this year.", parser=_year)] = None,
    region: RegionOpt = None,
    explain: ExplainOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """Urban versus rural disposable income per capita: ratio (城乡收入倍差) and difference.

    Examples: `gzkit gap` · `gzkit gap --year 2019 -f json`
    """
    from gzkit import core

    with _guard():
        df = core.gap(_dataset(ctx), year=year, region=region)
        _warn(df)
        _explain(df, "gap", explain)
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title="Urban-rural income gap · 城乡收入差距",
            columns=["region", "year", "urban", "rural", "ratio", "difference", "qualifier", "note"],
        )


@app.command()
def progress(
    ctx: typer.Context,
    domain: Annotated[
        str | None, typer.Argument(help="Only this domain.", autocompletion=_complete_domain, show_default=False)
    ] = None,
    explain: ExplainOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """Completion against the report's own targets, sorted by completion.

    Examples: `gzkit progress` · `gzkit progress ecology -f csv`
    """
    from gzkit import core

    with _guard():
        df = core.progress(_dataset(ctx), domain=domain)
        _explain(df, "progress", explain)
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title="Progress against targets · 目标完成度",
            columns=["name", "value", "target", "completion_pct", "status"],
        )


@app.command()
def source(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(help="Indicator id.", autocompletion=_complete_indicator)],
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """Where each observation of an indicator came from: section, evidence, qualifier, note.

    Example: `gzkit source high_tech_enterprises`
    """
    from gzkit import core

    with _guard():
        emit(
            core.sources(_dataset(ctx), indicator),
            _sink(ctx, fmt, output, force, bom),
            title="Provenance · 来源",
            columns=["region", "period", "value", "qualifier", "source", "evidence", "headline"],
        )


@app.command()
def export(
    ctx: typer.Context,
    derived: Annotated[
        bool,
        typer.Option(
            "--derived",
            help="Append the values the report implies (vintage "
            "'derived'), each with its formula in a derivation column.",
        ),
    ] = False,
    domain: DomainOpt = None,
    region: Annotated[
        str | None,
        typer.Option("--region", "-r", help="Only this region (id or name).", autocompletion=_complete_region),
    ] = None,
    indicators: Annotated[
        list[str] | None,
        typer.Option(
            "--indicator", "-i", help="Only this indicator; repeat for more.", autocompletion=_complete_indicator
        ),
    ] = None,
    start: Annotated[
        int | None, typer.Option("--from", help="Only periods ending in this year or later.", parser=_year)
    ] = None,
    end: Annotated[
        int | None, typer.Option("--to", help="Only periods ending in this year or earlier.", parser=_year)
    ] = None,
    headline_only: Annotated[
        bool, typer.Option("--headline-only", help="One statement per indicator, region and period.")
    ] = False,
    columns: Annotated[
        str | None, typer.Option("--columns", help="Only these columns, comma separated, in this order.")
    ] = None,
    wide: Annotated[
        bool,
        typer.Option(
            "--wide",
            help="One row per indicator and region, a value_<period> and a qualifier_<period> column per period.",
        ),
    ] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """Export the observations joined with their indicator's metadata: tidy, filtered, or wide.

    Examples: `gzkit export -f csv > gz.csv` · `gzkit export --derived -f csv` ·
    `gzkit export --domain economy --region guangzhou --from 2015 --to 2019 --wide -f csv` ·
    `gzkit export -i gdp -i disposable_income_urban --columns indicator,region,period,value,qualifier`
    """
    from gzkit import exports

    with _guard():
        df = exports.export(
            _dataset(ctx),
            domain=domain,
            region=region,
            indicators=indicators,
            start=start,
            end=end,
            headline_only=headline_only,
            with_derived=derived,
        )
        if wide:
            df = exports.wide(df)
        df = exports.select_columns(df, columns)
        shown = [c for c in ("indicator", "region", "period", "value", "confidence", "source") if c in df.columns]
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title="Observations",
            columns=None if (wide or columns) else shown,
        )


@app.command()
def versus(
    ctx: typer.Context,
    region: Annotated[
        str,
        typer.Argument(help="The region to set beside Guangzhou (china, guangdong).", autocompletion=_complete_region),
    ],
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Only periods ending in this year.", parser=_year)
    ] = None,
    domain: DomainOpt = None,
    no_derived: NoDerivedOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """Guangzhou beside another region on every indicator both have for the same period.

    Both values with their qualifiers, ratio and difference (bounds kept: >150,000 stays a lower bound),
    the better side by the indicator's direction, and the lower confidence of the two.

    Examples: `gzkit versus china --year 2019` · `gzkit versus china --domain livelihood -f csv`
    """
    from gzkit import versus as peers

    with _guard():
        df = peers.versus(_dataset(ctx), region, year=year, domain=domain, derived=not no_derived)
        _warn(df)
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title=f"{df['region_a'].iloc[0]} vs {df['region_b'].iloc[0]}",
            columns=[
                "indicator",
                *(["period"] if (df["period"] != df["year"].astype(str)).any() else []),
                "value_a",
                "value_b",
                "ratio",
                "difference",
                "better",
                "confidence",
            ],
        )


class ChartKind(str, Enum):
    line = "line"
    bar = "bar"


@app.command()
def chart(
    ctx: typer.Context,
    indicators: Annotated[
        list[str],
        typer.Argument(
            help="One or more indicator ids that share a unit.",
            autocompletion=_complete_indicator,
            show_default=False,
            metavar="INDICATOR",
        ),
    ],
    region: Annotated[
        str,
        typer.Option(
            "--region",
            "-r",
            help="Regions to draw as separate series, comma separated (guangzhou,china); 'all' for every region.",
            autocompletion=_complete_region,
        ),
    ] = "guangzhou",
    kind: Annotated[ChartKind, typer.Option("--kind", "-k", help="Line or bar chart.")] = ChartKind.line,
    no_derived: NoDerivedOpt = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write a figure (.svg or .png) instead of drawing in the terminal.",
            dir_okay=False,
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Chart indicators over the years: in the terminal, or as an SVG/PNG figure with its source line.

    Bounds (more than, less than) and approximate values get their own marker. Needs the charts extra:
    `pip install 'gzkit[charts]'`.

    Examples: `gzkit chart disposable_income_rural` · `gzkit chart gdp --kind bar` ·
    `gzkit chart disposable_income_urban -r guangzhou,china -o income.svg`
    """
    from gzkit import charts
    from gzkit.output import emit_text

    state: State = ctx.obj or State()
    with _guard():
        # Before any work: a missing extra is the one thing to say.
        charts.require_plotext() if output is None else charts.require_matplotlib()
        df = charts.chart_data(_dataset(ctx), indicators, regions=region, derived=not no_derived)
        _warn_messages(df.attrs.get("warnings", []))
        parts = charts.panels(df)
        if output is None:
            color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            text = "\n".join(charts.terminal_chart(p, lang=state.lang, kind=kind.value, color=color) for p in parts)
            note = charts.panels_note(parts, state.lang)
            emit_text(text + (note + "\n" if note else ""), Sink(lang=state.lang))
            return
        if len(parts) > 1:
            _stderr().print(charts.panels_note(parts, state.lang))
        _warn_messages(charts.save_figure(df, output, lang=state.lang, kind=kind.value, force=force))


@app.command()
def report(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The HTML file to write.", dir_okay=False)
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Write one self-contained HTML page: every domain, trends, the income gap, progress, provenance.

    The page needs no network; it switches between Chinese and English. Charts need the charts extra.

    Example: `gzkit report -o report.html`
    """
    from gzkit import htmlreport
    from gzkit.errors import UsageError
    from gzkit.output import emit_text

    state: State = ctx.obj or State()
    with _guard():
        if output is None and sys.stdout.isatty():
            raise UsageError("the report is an HTML page: give it a file.", "gzkit report -o report.html")
        if output is not None and output.exists() and not force:
            raise GzkitError(f"{output} already exists.", "Add --force to overwrite it.")
        page = htmlreport.build(_dataset(ctx), lang=state.lang)
        _warn_messages(page.warnings)
        emit_text(page.html, Sink(output=output, force=force, lang=state.lang))


ExplainOpt = Annotated[bool, typer.Option("--explain", help="Print each formula with its inputs to stderr.")]
NoDerivedOpt = Annotated[
    bool, typer.Option("--no-derived", help="Leave out the values the report implies; stated figures only.")
]


def _explain(df, kind: str, wanted: bool) -> None:
    if wanted:
        from gzkit import derived

        for line in derived.explain(df, kind):
            typer.echo(line, err=True)


@app.command()
def audit(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """Check the report against itself and official statistics: one row per check, with its section.

    Status is consistent, inconsistent (the figures cannot all hold) or note (not meant to agree, or
    nothing stated to compare). Tolerances are half a unit of each input's last published digit.

    Examples: `gzkit audit` · `gzkit audit -f json`
    """
    from gzkit import audit as checks

    with _guard():
        df = checks.audit(_dataset(ctx))
        _warn(df)
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title="Consistency audit · 一致性核对",
            columns=["check", "expected", "qualifier", "stated", "status", "note"],
        )


@app.command()
def xiaokang(
    ctx: typer.Context,
    all_items: Annotated[
        bool, typer.Option("--all", help="List all 33 NBS items, with why each is or is not covered.")
    ] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """Guangzhou against the NBS 2013 national xiaokang targets: realization per item and weighted.

    Realization is value / target (target / value when lower is better), capped at 100; the summary
    covers only items gzkit can measure. This is gzkit's reading of the NBS method: see docs/methodology.md.

    Examples: `gzkit xiaokang` · `gzkit xiaokang --all -f csv`
    """
    from gzkit import xiaokang as nbs

    with _guard():
        df = nbs.xiaokang(_dataset(ctx), all_items=all_items)
        typer.echo(nbs.summary_line(df, lang=(ctx.obj or State()).lang), err=True)
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title="NBS 2013 xiaokang targets · 全面小康统计监测指标",
            columns=["item", "name", "value", "target", "realization_pct", "weight", "comparability"],
        )


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
    except UnicodeEncodeError:
        # Help or a message in Chinese on a console that cannot encode it (PYTHONIOENCODING=cp1252).
        encoding = getattr(sys.stdout, "encoding", None) or "ascii"
        sys.stderr.write(
            f"Error: this console cannot show Chinese text (its encoding is {encoding}). "
            "Set PYTHONIOENCODING=utf-8, or write a file with -o FILE.\n"
        )
        sys.exit(1)
