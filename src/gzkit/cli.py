"""The gzkit command line: thin commands over :mod:`gzkit.core`, one output function.

Each command parses its arguments, calls one core function and hands the
DataFrame to :func:`gzkit.output.emit`. pandas and the data are imported inside
the commands so that ``gzkit --help`` and tab completion stay fast.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

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


def _coerce_plain_parameters() -> None:
    """Convert str, int, bool, Path and Enum parameters without pydantic.

    typer (0.2x) builds a pydantic TypeAdapter for every parameter it processes,
    even an unset one, and importing pydantic costs about 75 ms: more than the
    whole start-up budget of tab completion. These types need no adapter. Any
    other parameter, or a typer without these internals, keeps typer's own path.
    """
    try:
        from dataclasses import dataclass

        from typer._coercion import RuntimeParam
        from typer._param_types import coerce_cli_choice, coerce_cli_path
        from typer.core import _TyperParameter
    except ImportError:
        return
    original = getattr(_TyperParameter, "get_runtime_param", None)
    if original is None:
        return

    @dataclass(frozen=True)
    class PlainParam(RuntimeParam):
        def _coerce_value(self, value, param, ctx):
            kind = self.annotation
            try:
                if isinstance(kind, type) and issubclass(kind, Enum):
                    return coerce_cli_choice(
                        value, choices=list(kind), case_sensitive=self.parameter_info.case_sensitive, ctx=ctx
                    )
                if kind is str:
                    return value if isinstance(value, str) else str(value)
                if kind is int:
                    return value if type(value) is int else int(str(value).strip())
                if kind is bool:
                    text = str(value).strip().lower()
                    if isinstance(value, bool) or text in (
                        "1",
                        "true",
                        "t",
                        "yes",
                        "y",
                        "on",
                        "0",
                        "false",
                        "f",
                        "no",
                        "n",
                        "off",
                        "",
                    ):
                        return value if isinstance(value, bool) else text in ("1", "true", "t", "yes", "y", "on")
                    raise ValueError(value)
                return coerce_cli_path(
                    value if isinstance(value, Path) else Path(value),
                    self.parameter_info,
                    path_type=Path,
                    param=param,
                    ctx=ctx,
                )
            except ValueError as exc:
                what = {int: "an integer", bool: "true or false"}.get(kind)
                raise typer.BadParameter(
                    f"{value!r} is not {what}." if what else str(exc), ctx=ctx, param=param
                ) from None

    def get_runtime_param(self):
        try:
            desc = self.type_descriptor
            info, kind = desc.parameter_info, desc.annotation
            plain = (
                kind in (str, bool, Path)
                or (kind is int and info.min is None and info.max is None)
                or (isinstance(kind, type) and issubclass(kind, Enum))
            )
            if (
                self._runtime_param is None
                and plain
                and desc.file_annotation is None
                and info.parser is None
                and getattr(info, "click_type", None) is None
                and (kind is not Path or info.path_type in (None, Path))
            ):
                self._runtime_param = PlainParam(parameter_info=info, annotation=kind)
        except Exception:  # noqa: BLE001 - typer's internals changed shape: keep typer's own path
            pass
        return original(self)

    _TyperParameter.get_runtime_param = get_runtime_param


_coerce_plain_parameters()


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


class State:
    """Global options, passed to commands through ``ctx.obj``."""

    def __init__(self, lang: str = "en", data: Path | None = None):
        self.lang, self.data = lang, data


# --------------------------------------------------------------------------- completion


def _package_csv(ctx: typer.Context | None, name: str) -> list[dict]:
    """Rows of a CSV of the active data package, read without pandas (for completion).

    The package is the one `--data` names earlier on the same command line, else
    $GZKIT_DATA, else the bundled one.
    """
    from gzkit import package_files
    from gzkit.data import bundled_path
    from gzkit.terminal import has_control, printable

    typed = None
    while ctx is not None and typed is None:
        typed = ctx.params.get("data")
        ctx = ctx.parent
    try:
        root = Path(typed or os.environ.get("GZKIT_DATA") or bundled_path())
        if root.name.endswith(".json"):
            root = root.parent
        # The path policy of the loader, with a smaller size limit: completion answers at once, never blocks.
        text = package_files.read_text(root, root / f"{name}.csv", package_files.MAX_COMPLETION_BYTES)
        rows = list(csv.DictReader(io.StringIO(text, newline=""))) if text is not None else []
    except (OSError, ValueError, csv.Error):  # a broken package: complete nothing rather than fail
        return []
    # Short rows lack fields: completion offers only what is there; nothing in it may drive the terminal.
    rows = [{**r, "id": r.get("id") or "", "name_en": r.get("name_en") or ""} for r in rows]
    return [{**r, "name_en": printable(r["name_en"])} for r in rows if not has_control(r["id"]) and r["id"].strip()]


def _completer(*names: str):
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
    from gzkit.data import load

    state: State = ctx.obj or State()
    return load(state.data)


def _stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _warn(df) -> None:
    _warn_messages(df.attrs.get("warnings", []))


#: More warnings than this are summarised in one line; the rows still carry their notes.
MAX_WARNINGS = 10


def _warn_messages(messages) -> None:
    from rich.markup import escape

    from gzkit.terminal import printable

    messages = list(messages)
    console = _stderr()
    for message in messages[:MAX_WARNINGS]:
        # escape: messages hold brackets (pip extras, [env var]) that are not markup;
        # printable: they quote package text, which may hold control characters.
        console.print(f"[yellow]Warning:[/yellow] {escape(printable(message))}", markup=True)
    if len(messages) > MAX_WARNINGS:
        console.print(
            f"[yellow]Warning:[/yellow] … and {len(messages) - MAX_WARNINGS} more like these; "
            "the `note` column marks every affected row.",
            markup=True,
        )


@contextmanager
def _guard():
    """Turn a GzkitError into one line on stderr and its exit code; no numpy warning reaches the user."""
    from gzkit import finite

    try:
        with finite.quiet():
            yield
    except GzkitError as exc:
        from rich.markup import escape

        from gzkit.terminal import printable
        from gzkit.writer import OutputError

        if isinstance(exc, OutputError) and "standard output" in exc.message:
            _end_stdout()
        _stderr().print(f"[red]Error:[/red] {escape(printable(str(exc)))}", markup=True)
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
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Global options."""
    ctx.obj = State(lang=lang.value, data=data)


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
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
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
            emit(
                df,
                sink,
                title=f"{name} ({info['id']})",
                caption=info.get("description") or None,
                columns=["region", "period", "value", "headline", "source", "note"],
            )
            return
        df = core.latest(ds, dom, region=region if region is not None else core.DEFAULT_REGION)
        row = ds.domains.set_index("id").loc[dom]
        emit(
            df,
            sink,
            title=f"{row['name_zh']} · 最新数值" if sink.lang == "zh" else f"{row['name_en']} · latest values",
            columns=["indicator", "name", "period", "value", *(["statements"] if (df["statements"] > 1).any() else [])],
            caption=(STATEMENTS_NOTE["zh" if sink.lang == "zh" else "en"] if (df["statements"] > 1).any() else None),
        )


@app.command()
def compare(
    ctx: typer.Context,
    year_a: Annotated[int, typer.Argument(help="The earlier year.", metavar="YEAR_A")],
    year_b: Annotated[int, typer.Argument(help="The later year.", metavar="YEAR_B")],
    domain: DomainOpt = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region", "-r", help="Region id or name; 'all' for every region.", autocompletion=_complete_region
        ),
    ] = "guangzhou",
    explain: ExplainOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """Compare every indicator observed in both years: change, % change, CAGR, direction.

    Examples: `gzkit compare 2015 2019` · `gzkit compare 2018 2019 --domain economy -f json`
    """
    from gzkit import core

    with _guard():
        df = core.compare(_dataset(ctx), year_a, year_b, domain=domain, region=region)
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
                "cagr",
                "better",
            ],
        )


@app.command()
def growth(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(help="Indicator id.", autocompletion=_complete_indicator)],
    start: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    end: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    region: RegionOpt = None,
    explain: ExplainOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """Growth between consecutive observations and CAGR over the whole span.

    Uses the real number of years between observations.

    Examples: `gzkit growth disposable_income_rural` · `gzkit growth high_tech_enterprises --from 2015`
    """
    from gzkit import core

    with _guard():
        df = core.growth(_dataset(ctx), indicator, region=region, start=start, end=end)
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
                "pct_change",
                "cagr",
                "note",
            ],
        )


@app.command()
def gap(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Only this year.")] = None,
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
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
) -> None:
    """Export every observation joined with its indicator's metadata (tidy).

    Examples: `gzkit export -f csv > gz.csv` · `gzkit export -o gz.json` · `gzkit export --derived -f csv`
    """
    from gzkit import core
    from gzkit import derived as implied

    with _guard():
        ds = _dataset(ctx)
        df = implied.export_with_derived(ds) if derived else core.export(ds)
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title="Observations",
            columns=["indicator", "region", "period", "value", "source"],
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
        df = charts.chart_data(_dataset(ctx), indicators, regions=region)
        _warn_messages(df.attrs.get("warnings", []))
        if output is None:
            from gzkit.terminal import printable_columns, wants_color

            color = wants_color(sys.stdout)
            text = charts.terminal_chart(printable_columns(df), lang=state.lang, kind=kind.value, color=color)
            emit_text(text, Sink(lang=state.lang))
            return
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


def _explain(df, kind: str, wanted: bool) -> None:
    if wanted:
        from gzkit import derived
        from gzkit.terminal import printable

        for line in derived.explain(df, kind):
            typer.echo(printable(line), err=True)


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
        from gzkit.terminal import printable

        typer.echo(printable(nbs.summary_line(df)), err=True)
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title="NBS 2013 xiaokang targets · 全面小康统计监测指标",
            columns=["item", "name", "value", "target", "realization_pct", "weight", "comparability"],
        )


def main() -> None:
    """Console entry point: every outcome is an exit status and at most one line on stderr."""
    from gzkit.writer import GuardedStdout

    sys.stdout = GuardedStdout(sys.stdout)
    _ascii_numbers(sys.argv[1:])
    try:
        code = app(prog_name="gzkit", standalone_mode=False)
        if sys.stdout is not None:  # None once a failed standard output has been reported
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`gzkit export | head -1`): end quietly, as the
        # CPython docs advise, without a second error when stdout is flushed at exit.
        _end_stdout()
        sys.exit(1)
    except UnicodeEncodeError:
        # Help or a message in Chinese on a console that cannot encode it (PYTHONIOENCODING=cp1252).
        encoding = getattr(sys.stdout, "encoding", None) or "ascii"
        _fail(
            f"this console cannot show Chinese text (its encoding is {encoding}). "
            "Set PYTHONIOENCODING=utf-8, or write a file with -o FILE.",
            1,
        )
    except GzkitError as exc:  # raised outside a command, e.g. standard output failing under --help
        _fail(str(exc), exc.exit_code)
    except typer.Abort:
        _fail("aborted.", 1)
    except OSError as exc:
        from gzkit.writer import stdout_failed

        _fail(str(stdout_failed(exc)), 1)
    except Exception as exc:
        # typer's usage errors: recognised by what they offer, the same on every supported typer
        # (typer.TyperException in 0.2x; click's ClickException, re-exported, before that).
        if not (hasattr(exc, "format_message") and isinstance(getattr(exc, "exit_code", None), int)):
            raise
        _usage_error(exc)
    sys.exit(code if isinstance(code, int) else 0)


def _ascii_numbers(args: list[str]) -> None:
    """Refuse numbers typed in other scripts' digits (٢٠١٥, ２０１５): int() would take them as 2015.

    Years and every other number gzkit reads are written in ASCII digits, as in its data.
    """
    for arg in args:
        value = arg.split("=", 1)[1] if arg.startswith("--") and "=" in arg else arg
        text = value.strip().lstrip("+-")
        if text and text.isdecimal() and not text.isascii():
            _fail(
                f"'{value}' is not a number gzkit reads: write numbers and years with the digits 0-9 (2015). "
                "Run `gzkit --help` for usage.",
                2,
            )


def _usage_error(exc) -> None:
    """A usage error (typer's own) as one line that says what to run next."""
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    code = getattr(exc, "exit_code", 2)
    if "\n" in message.strip():
        # `gzkit` alone: the help itself is the answer.
        exc.show()
        sys.exit(code)
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "gzkit"
    sep = "" if message.rstrip().endswith((".", "?", "!")) else "."
    _fail(f"{message.rstrip()}{sep} Run `{command} --help` for usage.", code)


def _end_stdout() -> None:
    """After standard output failed: nothing more may reach it, not even Python's flush at exit."""
    from gzkit.writer import silence_stdout

    silence_stdout()
    inner = getattr(sys.stdout, "_stream", None)
    sys.stdout = inner


def _fail(message: str, code: int) -> None:
    from gzkit.terminal import printable
    from gzkit.writer import OutputError

    if isinstance(sys.exc_info()[1], OutputError) or "standard output" in message:
        _end_stdout()
    try:
        sys.stderr.write(f"Error: {printable(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # stderr is gone too: the exit status is all that is left
    sys.exit(code)
