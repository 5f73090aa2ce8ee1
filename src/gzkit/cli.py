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
from collections.abc import Callable
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, SupportsIndex

import typer

from gzkit import __version__, i18n
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
        "Examples: gzkit show economy · gzkit list --search 收入 · gzkit compare 2015 2019 · "
        "gzkit --lang zh show 经济 · gzkit export -f csv > gz.csv. Every command explains itself: "
        "gzkit COMMAND --help. 示例：gzkit show 经济 --lang zh（中文表头与名称）。"
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
    if not value.isascii():
        # int() would read ٢٠١٥ and ２０１５ as 2015: a year is written in the digits 0-9, as in the data.
        raise typer.BadParameter(f"{value!r} is not a year in the digits 0-9 (2015).")
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


class State:
    """Global options, passed to commands through ``ctx.obj``."""

    def __init__(
        self,
        lang: str = "en",
        data: Path | None = None,
        min_confidence: str | None = None,
        report_only: bool = False,
        no_cache: bool = False,
    ) -> None:
        self.lang, self.data = lang, data
        self.min_confidence, self.report_only = min_confidence, report_only
        self.no_cache = no_cache


# --------------------------------------------------------------------------- completion


def _package_csv(ctx: typer.Context | None, name: str) -> list[dict[str, str]]:
    """Rows of a CSV of the active data package, read without pandas (for completion).

    The package is the one `--data` names earlier on the same command line, else
    $GZKIT_DATA, else the bundled one.
    """
    from gzkit import package_files
    from gzkit.data import bundled_path
    from gzkit.terminal import has_control, printable

    typed = None
    # typer types a context's parent as its vendored click's Context: walk the chain untyped.
    node: Any = ctx
    while node is not None and typed is None:
        typed = node.params.get("data")
        node = node.parent
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
    return [
        {**r, "name_en": printable(r["name_en"]), "name_zh": printable(r.get("name_zh") or "")}
        for r in rows
        if not has_control(r["id"]) and r["id"].strip()
    ]


def _completion_names(row: dict[str, str]) -> list[str]:
    """What a reader may type for a row: its id, names and aliases (casefolded, NFKC)."""
    names = [row.get("id"), row.get("name_en"), row.get("name_zh"), *(row.get("aliases") or "").split("|")]
    return [_fold(n) for n in names if n and n.strip()]


def _fold(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text or "").strip().casefold()


class _CompletedId(str):
    """An id offered for a prefix of one of its names (经 → economy).

    typer keeps only the completions whose value starts with what was typed, so
    an id found through its Chinese name answers ``startswith`` for its names too.
    """

    names: list[str]

    def __new__(cls, value: str, names: list[str]) -> _CompletedId:
        obj = super().__new__(cls, value)
        obj.names = names
        return obj

    def startswith(
        self, prefix: str | tuple[str, ...], start: SupportsIndex | None = None, end: SupportsIndex | None = None
    ) -> bool:
        if start is not None or end is not None or not isinstance(prefix, str):
            return str.startswith(self, prefix, start, end)
        return str.startswith(self, prefix) or any(n.startswith(_fold(prefix)) for n in self.names)


def _completer(*names: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """Complete ids from a prefix of the id or, failing that, of a name or alias.

    `gzkit show 经<TAB>` offers `economy` (经济发展); `gzkit show 医<TAB>` offers the
    indicators whose Chinese name starts with 医. Names are tried only when no id
    starts with what was typed: a shell replaces the word with what its
    candidates share, so ids and name matches are never mixed. Each id comes
    with its name in the script of the prefix typed.
    """

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        typed = _fold(incomplete)
        chinese = any(ord(ch) > 0x2E7F for ch in typed)
        rows: dict[str, dict[str, str]] = {}
        for name in names:
            for row in _package_csv(ctx, name):
                rows.setdefault(row["id"], row)
        by_id = [row for row in rows.values() if _fold(row["id"]).startswith(typed)]
        if by_id:  # case aside (GDP → gdp), the old behaviour
            return [(_CompletedId(row["id"], [_fold(row["id"])]), row["name_en"]) for row in by_id]
        out: list[tuple[str, str]] = []
        for row in rows.values():
            candidates = _completion_names(row)
            if any(n.startswith(typed) for n in candidates):
                label = (row.get("name_zh") if chinese else None) or row["name_en"]
                out.append((_CompletedId(row["id"], candidates), label))
        return out

    return complete


_complete_indicator = _completer("indicators")
_complete_domain = _completer("domains")
_complete_target = _completer("domains", "indicators")
_complete_region = _completer("regions")


# --------------------------------------------------------------------------- shared options

FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: table on a terminal, csv in a pipe. xlsx, parquet and sqlite need -o FILE.",
        show_default=False,
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
        help="Region id or name (guangzhou, china, 广州); 'all' for every region. Default: the data package's own "
        "region (Guangzhou for the bundled data).",
        show_default=False,
        autocompletion=_complete_region,
    ),
]
DomainOpt = Annotated[
    str | None,
    typer.Option(
        "--domain", "-d", help="Only this domain (id, English or Chinese name).", autocompletion=_complete_domain
    ),
]


LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        "-l",
        help="Language of names and labels (en, zh); also accepted before the command. [env: GZKIT_LANG]",
        show_default=False,
    ),
]
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Another data package with gzkit's schema; also accepted before the command. [env: GZKIT_DATA]",
        show_default=False,
    ),
]


#: The language of warnings and errors: set as soon as the options are read, so that an
#: error raised before or after a command's own code still reads in the reader's language.
_reader = {"lang": "en"}


def _state(ctx: typer.Context) -> State:
    """The global options, where ``--lang``/``--data`` typed after the command win over those before it."""
    base: State = ctx.find_object(State) or State()
    lang = ctx.params.get("lang")
    data = ctx.params.get("data")
    chosen = lang.value if isinstance(lang, Lang) else (lang or base.lang)
    _reader["lang"] = chosen
    return State(
        lang=chosen,
        data=data or base.data,
        min_confidence=base.min_confidence,
        report_only=base.report_only,
        no_cache=base.no_cache,
    )


def _sink(ctx: typer.Context, fmt, output, force, bom) -> Sink:
    from gzkit.columns import unit_table

    # Tables of another package speak its own unit vocabulary, whatever function built the result.
    ds = _dataset(ctx)
    units = unit_table(ds.units)
    regions = dict(zip(ds.regions["id"].astype(str), ds.regions["name_zh"].astype(str)))
    return Sink(
        fmt=fmt.value if fmt else None,
        output=output,
        force=force,
        bom=bom,
        lang=_state(ctx).lang,
        units=units,
        regions=regions,
    )


def _dataset(ctx: typer.Context):
    """The data package, restricted to what --min-confidence and --report-only let through."""
    from gzkit.provenance import restrict

    state = _state(ctx)
    key = ("gzkit.dataset", state.data, state.min_confidence, state.report_only, state.no_cache)
    # One command asks for its data several times (the rows, the units, the default region): load it once.
    if key not in ctx.meta:
        ctx.meta[key] = restrict(_load_announced(state), state.min_confidence, state.report_only)
    return ctx.meta[key]


def _load_announced(state: State):
    """Load the package; a large one takes seconds to read and validate, so say so on a terminal."""
    from gzkit import progress
    from gzkit.data import load

    if state.data is None or not progress.enabled():
        return load(state.data, cache=not state.no_cache)
    try:
        big = sum(f.stat().st_size for f in Path(state.data).glob("*.csv")) > progress.LOAD_SPINNER_BYTES
    except (OSError, ValueError):  # load() names what is wrong with the path
        big = False
    if not big:
        return load(state.data, cache=not state.no_cache)
    with progress.status("正在读取数据包" if state.lang == "zh" else "Reading the data package"):
        return load(state.data, cache=not state.no_cache)


def _region(ctx: typer.Context, region: str | None) -> str:
    """The region typed, or the data package's default region: the same rule for every command."""
    if region is not None:
        return region
    from gzkit import core

    return core.default_region(_dataset(ctx))


def _stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _say(text: str) -> None:
    """A message for people on stderr, printed as written (a search term may hold brackets)."""
    from rich.markup import escape

    _stderr().print(escape(text))


def _warn(df) -> None:
    _warn_messages(df.attrs.get("warnings", []))


def _notes(ctx: typer.Context, messages) -> None:
    """Sentences about what the data lacks, on stderr."""
    from rich.markup import escape

    from gzkit.i18n import _

    word = _("Note:", _state(ctx).lang)
    for message in messages:
        _stderr().print(f"[cyan]{word}[/cyan] {escape(message)}", markup=True)


#: More warnings than this are summarised in one line; the rows still carry their notes.
MAX_WARNINGS = 10


def _warn_messages(messages) -> None:
    from rich.markup import escape

    from gzkit.i18n import _
    from gzkit.provenance import REVISION_CAVEAT
    from gzkit.terminal import printable

    lang = _reader["lang"]
    word = _("Warning:", lang)
    messages = list(messages)
    console = _stderr()
    for message in messages[:MAX_WARNINGS]:
        if lang == "zh":
            # The warning is composed in English by the computation; its words gzkit wrote are
            # translated here, the releases and ids it names stay as the data spells them.
            message = (
                message.replace(REVISION_CAVEAT, _(REVISION_CAVEAT, lang))
                .replace(" vs ", f" {_('vs', lang)} ")
                .replace(": not checked: ", f": {_('not checked', lang)}：")
            )
        # escape: messages hold brackets (pip extras, [env var]) that are not markup;
        # printable: they quote package text, which may hold control characters.
        console.print(f"[yellow]{word}[/yellow] {escape(printable(message))}", markup=True)
    if len(messages) > MAX_WARNINGS:
        more = _("… and {count} more like these; the `note` column marks every affected row.", lang)
        console.print(f"[yellow]{word}[/yellow] {escape(more.format(count=len(messages) - MAX_WARNINGS))}", markup=True)


@contextmanager
def _guard():
    """Turn a GzkitError into one line on stderr and its exit code; no numpy warning reaches the user."""
    from gzkit import finite

    try:
        with finite.quiet():
            yield
    except GzkitError as exc:
        from rich.markup import escape

        from gzkit.writer import OutputError

        if isinstance(exc, OutputError) and "standard output" in str(exc.message):
            _end_stdout()
        from gzkit.i18n import _

        lang = _reader["lang"]
        _stderr().print(f"[red]{_('Error:', lang)}[/red] {escape(exc.render(lang))}", markup=True)
        raise typer.Exit(exc.exit_code) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gzkit {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            "-l",
            envvar="GZKIT_LANG",
            help="Language of names and labels in tables. Default: zh under a zh_* locale (LC_ALL, LANG), else en.",
            show_default=False,
        ),
    ] = None,
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
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Parse a large --data package afresh instead of using its validated copy in the user cache folder.",
        ),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Global options."""
    from gzkit import i18n

    # Neither --lang nor GZKIT_LANG: a Chinese POSIX locale (LC_ALL, LANG) chooses Chinese.
    chosen = lang.value if lang is not None else i18n.from_locale()
    _reader["lang"] = chosen
    ctx.obj = State(
        lang=chosen,
        data=data,
        min_confidence=min_confidence.value if min_confidence else None,
        report_only=report_only,
        no_cache=no_cache,
    )


# --------------------------------------------------------------------------- commands


@app.command()
def domains(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """List the domains with their Chinese and English names and indicator counts.

    Examples (示例):

    \b
        gzkit domains             the ten domains, with English and Chinese names
        gzkit domains --lang zh   领域列表，中文表头
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
    ctx: typer.Context,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """List the regions (Guangzhou and the comparators the report names).

    Examples (示例):

    \b
        gzkit regions             Guangzhou and its comparators
        gzkit regions --lang zh   地区列表，中文表头
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
        str | None,
        typer.Option(
            "--search",
            "-s",
            help="Words to find, Chinese or English (医院, hospital beds): in the id, names, keywords or description. "
            "English words match whole words (air: not airport); end one with * for a prefix (hosp*). "
            "Exit status 1 when nothing matches.",
        ),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """List indicators with id, name, unit and the years available.

    With --search, the best matches come first: id or name, then keywords, then description.

    Examples (示例):

    \b
        gzkit list -s income -f csv          indicators about income, as CSV
        gzkit list --search 收入 --lang zh   名称含“收入”的指标
        gzkit list --search 医院             hospital beds, found by a Chinese keyword
    """
    from gzkit import core
    from gzkit import search as finder
    from gzkit.errors import UsageError

    state = _state(ctx)
    with _guard():
        if search is not None and not finder.terms(search):
            raise UsageError(finder.message("empty", state.lang), finder.message("empty_hint", state.lang))
        ds = _dataset(ctx)
        df = core.indicators(ds, domain=domain, search=search)
        for term in df.attrs.get("prefix_terms", []):
            _say(finder.message("prefix", state.lang, term=term))
        if df.attrs.get("partial"):
            _say(finder.message("partial", state.lang, query=search))
        # Nothing found still writes a valid empty document (CSV header, JSON []) for scripts.
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title="Indicators · 指标",
            columns=["indicator", "name", "unit", "years"],
        )
        if search is not None and df.empty:
            scope = core.resolve_domain(ds, domain) if domain is not None else None
            # A lookup that finds nothing ends like any other: one "Error:" line and exit status 1.
            raise GzkitError(finder.nothing_found(search, ds.domains, ds.indicators, lang=state.lang, domain=scope))


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
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Show a domain's latest values, or an indicator's series with provenance and implied values.

    Examples (示例):

    \b
        gzkit show economy          the latest economic figures
        gzkit show gdp -r all       GDP of every region, with provenance
        gzkit show 经济 --lang zh   经济发展领域的最新数值，中文
    """
    from gzkit import core, missing
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
            df = core.observations(ds, info["id"], region=_region(ctx, region), derived=not no_derived)
            if df.empty:
                _notes(
                    ctx, [missing.region_without_data(ds, info["id"], [info["id"]], _region(ctx, region), sink.lang)]
                )
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
        df = core.latest(ds, dom, region=_region(ctx, region))
        if df.empty:
            ids = ds.indicators.loc[ds.indicators["domain"] == dom, "id"]
            _notes(ctx, [missing.region_without_data(ds, dom, ids, _region(ctx, region), sink.lang)])
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
    region: RegionOpt = None,
    no_derived: NoDerivedOpt = False,
    explain: ExplainOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Compare every indicator with a value in both years: change, % change, CAGR, direction.

    Values the report implies (2018 imports = 4737.8 / 1.127) fill years it does not state; the
    `implied` column names them and `derivation` gives the formula. Where the report states the
    growth itself, `stated_rate` shows it.

    Examples (示例):

    \b
        gzkit compare 2015 2019                     what changed between 2015 and 2019
        gzkit --report-only compare 2018 2019       the report's own figures only
        gzkit compare 2018 2019 -d 经济 --lang zh   2018至2019年经济指标的变化，中文
    """
    from gzkit import core

    with _guard():
        df = core.compare(
            _dataset(ctx), year_a, year_b, domain=domain, region=_region(ctx, region), derived=not no_derived
        )
        _warn(df)
        _explain(df, "compare", explain)
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title=f"{year_a} → {year_b}",
            columns=[
                "indicator",
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
    region: RegionOpt = None,
    no_derived: NoDerivedOpt = False,
    explain: ExplainOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Growth between consecutive observations and CAGR over the whole span.

    Uses the real number of years between observations. Values the report implies fill years it does
    not state; an average rate the report states (GDP 6.8% a year 2016-2019) gets a `stated` row with
    the computed CAGR beside it.

    Examples (示例):

    \b
        gzkit growth high_tech_enterprises --from 2015   growth since 2015
        gzkit growth disposable_income_rural --lang zh   农村居民收入的逐年增长，中文
    """
    from gzkit import core, missing

    with _guard():
        ds = _dataset(ctx)
        df = core.growth(ds, indicator, region=_region(ctx, region), start=start, end=end, derived=not no_derived)
        _warn(df)
        _notes(ctx, missing.growth_range(ds, indicator, _region(ctx, region), start, end, _state(ctx).lang))
        _explain(df, "growth", explain)
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title=(
                f"{df['indicator'].iloc[0]} 的增长"
                if _state(ctx).lang == "zh"
                else f"Growth of {df['indicator'].iloc[0]}"
            ),
            columns=[
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
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Urban versus rural disposable income per capita: ratio (城乡收入倍差) and difference.

    Examples (示例):

    \b
        gzkit gap -r all                  Guangzhou's urban-rural income ratio against China's
        gzkit gap --year 2019 --lang zh   2019年城乡收入倍差，中文
    """
    from gzkit import core

    with _guard():
        df = core.gap(_dataset(ctx), year=year, region=_region(ctx, region))
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
    region: RegionOpt = None,
    explain: ExplainOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Completion against the report's own targets, sorted by completion.

    Examples (示例):

    \b
        gzkit progress ecology -f csv   completion of the ecology targets, as CSV
        gzkit progress --lang zh        各项目标的完成度，中文
    """
    from gzkit import core, missing

    with _guard():
        ds = _dataset(ctx)
        df = core.progress(ds, domain=domain, region=_region(ctx, region))
        if df.empty:
            _notes(
                ctx,
                filter(None, [missing.region_without_targets(ds, "report", _region(ctx, region), _state(ctx).lang)]),
            )
        _explain(df, "progress", explain)
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title="Progress against targets · 目标完成度",
            columns=["name", "year", "value", "target", "completion_pct", "status"],
        )


@app.command()
def source(
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(help="Indicator id.", autocompletion=_complete_indicator)],
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Where each observation of an indicator came from: section, evidence, qualifier, note.

    Examples (示例):

    \b
        gzkit source high_tech_enterprises   every statement of a figure and where it is
        gzkit source gdp --lang zh           GDP各数值的出处，中文
    """
    from gzkit import core

    with _guard():
        df = core.sources(_dataset(ctx), indicator)
        # A claim the report writes in words has its snippet in evidence_words (docs/data.md).
        words = ["evidence_words"] if (df["evidence_words"] != "").any() else []
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title="Provenance · 来源",
            columns=["region", "period", "value", "qualifier", "source", "evidence", *words, "headline"],
        )


@app.command()
def export(
    ctx: typer.Context,
    derived: Annotated[
        bool,
        typer.Option(
            "--derived",
            help="Append the values the report implies (vintage "
            "'derived'), each with its formula in a derivation column. "
            "xlsx and sqlite files always hold them, in their own 'implied' table.",
        ),
    ] = False,
    metadata: Annotated[
        bool,
        typer.Option(
            "--metadata",
            help="With -o FILE.sqlite: also write a datasette metadata.json beside it (titles, licence, sources).",
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
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Export the observations joined with their indicator's metadata: tidy, filtered, or wide.

    -o FILE.xlsx (needs `pip install 'gzkit[excel]'`) writes a workbook: an about sheet, then one sheet per table.
    -o FILE.parquet (needs `pip install 'gzkit[parquet]'`) writes typed columns with the package metadata.
    -o FILE.sqlite writes every table with its keys, indexes and a headline_observations view.
    The filters apply to every format.

    Examples (示例):

    \b
        gzkit export -f csv > gz.csv                                     every observation, tidy, for pandas or R
        gzkit export -d economy -r guangzhou --from 2015 --wide -f csv   one row per indicator, a column per period
        gzkit export -i gdp --columns indicator,region,period,value      only these columns
        gzkit export -o gz.sqlite --metadata                             a SQLite file with a datasette metadata.json
        gzkit export --derived -o 广州.csv --bom                         连同推算值导出为Excel可读的CSV
    """
    from gzkit import exports
    from gzkit.errors import UsageError
    from gzkit.output import FILE_FORMATS

    with _guard():
        sink = _sink(ctx, fmt, output, force, bom)
        file_format = sink.resolved_format()
        if metadata and file_format != "sqlite":
            raise UsageError("--metadata describes a SQLite file.", "Use it with -o FILE.sqlite.")
        if file_format in ("xlsx", "sqlite") and (wide or columns):
            raise UsageError(
                f"--wide and --columns shape one table; a .{file_format} file holds the whole package.",
                "Use them with -f csv, json or -o FILE.parquet.",
            )
        ds = _dataset(ctx)
        df = exports.export(
            ds,
            domain=domain,
            region=region,
            indicators=indicators,
            start=start,
            end=end,
            headline_only=headline_only,
            # Workbooks and databases keep implied values in a table of their own.
            with_derived=derived and file_format not in ("xlsx", "sqlite"),
        )
        if wide:
            df = exports.wide(df)
        df = exports.select_columns(df, columns)
        if file_format in FILE_FORMATS:
            from gzkit import export_files, progress

            with progress.status(f"正在写入 {sink.output}" if sink.lang == "zh" else f"Writing {sink.output}"):
                written = export_files.write_package(ds, df, sink, file_format, metadata=metadata)
            for path in written:
                _stderr().print(f"已写入 {path}" if sink.lang == "zh" else f"Wrote {path}")
            return
        shown = [c for c in ("indicator", "region", "period", "value", "confidence", "source") if c in df.columns]
        emit(
            df,
            sink,
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
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """The data package's own region (Guangzhou) beside another region on every indicator both have for the
    same period.

    Both values with their qualifiers, ratio and difference (bounds kept: >150,000 stays a lower bound),
    the better side by the indicator's direction, and the lower confidence of the two.

    Examples (示例):

    \b
        gzkit versus china --year 2019              Guangzhou beside China, 2019
        gzkit versus 全国 -d livelihood --lang zh   广州与全国的民生指标对比，中文
    """
    from gzkit import versus as peers

    with _guard():
        ds = _dataset(ctx)
        df = peers.versus(ds, region, year=year, domain=domain, base=_region(ctx, None), derived=not no_derived)
        _warn(df)
        sink = _sink(ctx, fmt, output, force, bom)
        a, b = str(df["region_a"].iloc[0]), str(df["region_b"].iloc[0])
        emit(
            df,
            sink,
            title=(
                f"{sink.regions.get(a, a)} {i18n._('vs', 'zh')} {sink.regions.get(b, b)}"
                if sink.lang == "zh"
                else f"{a} vs {b}"
            ),
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


class CiteStyle(str, Enum):
    gbt7714 = "gbt7714"
    bibtex = "bibtex"
    csl_json = "csl-json"
    apa = "apa"


@app.command()
def cite(
    ctx: typer.Context,
    indicator: Annotated[
        str | None,
        typer.Argument(
            help="Cite every source behind this indicator's values instead of the report alone.",
            autocompletion=_complete_indicator,
            show_default=False,
        ),
    ] = None,
    style: Annotated[
        CiteStyle | None,
        typer.Option(
            "--style",
            "-s",
            help="Citation style. Default: gbt7714 (GB/T 7714-2015) with --lang zh, apa otherwise.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to FILE (e.g. refs.bib) instead of stdout.", dir_okay=False),
    ] = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Citations to paste: the report in GB/T 7714, BibTeX, CSL-JSON or APA, or every source behind an indicator.

    Report figures cite the report with their section; official figures are cited as recorded, with their
    release and confidence grade.

    Examples (示例):

    \b
        gzkit cite                                  the report, APA style
        gzkit cite gdp --style bibtex -o refs.bib   every source behind GDP, for LaTeX
        gzkit cite gdp --lang zh                    按GB/T 7714格式列出GDP各数值的来源
    """
    from gzkit import cite as citations
    from gzkit.output import emit_text

    state = _state(ctx)
    with _guard():
        ds = _dataset(ctx) if indicator is not None else None
        chosen = style.value if style else citations.default_style(state.lang)
        text = citations.render(citations.sources(ds, indicator), chosen, lang=state.lang)
        emit_text(text, Sink(output=output, force=force, lang=state.lang))


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
        str | None,
        typer.Option(
            "--region",
            "-r",
            help="Regions to draw as separate series, comma separated (guangzhou,china); 'all' for every region. "
            "Default: the data package's own region.",
            autocompletion=_complete_region,
            show_default=False,
        ),
    ] = None,
    kind: Annotated[ChartKind, typer.Option("--kind", "-k", help="Line or bar chart.")] = ChartKind.line,
    no_derived: NoDerivedOpt = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write a figure (.svg, .png or .pdf) instead of drawing in the terminal.",
            dir_okay=False,
        ),
    ] = None,
    log: Annotated[
        bool, typer.Option("--log", help="Logarithmic value axis (line charts; every value must be above zero).")
    ] = False,
    dpi: Annotated[
        int, typer.Option("--dpi", help="Resolution of a PNG figure, 50 to 1200 dots per inch.", metavar="N")
    ] = 150,
    force: ForceOpt = False,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Chart indicators over the years: in the terminal, or as an SVG/PNG/PDF figure with its source line.

    Bounds (more than, less than) and approximate values get their own marker. The title names the region.
    Needs the charts extra: `pip install 'gzkit[charts]'`.

    Examples (示例):

    \b
        gzkit chart disposable_income_rural    a chart in the terminal
        gzkit chart gdp -r all --log -o gdp.pdf   Guangzhou and China on a log axis, as PDF
        gzkit chart gdp -o gdp.svg --lang zh   GDP图，中文标注，存为SVG
        gzkit chart gdp --dpi 300 -o gdp.png --lang zh   300 dpi 的PNG图
    """
    from gzkit import charts
    from gzkit.output import emit_text

    state = _state(ctx)
    with _guard():
        # Before any work: a missing extra is the one thing to say.
        charts.require_plotext() if output is None else charts.require_matplotlib()
        charts.check_dpi(dpi, state.lang)
        if log:
            charts.check_log_kind(kind.value, state.lang)
        df = charts.chart_data(_dataset(ctx), indicators, regions=_region(ctx, region), derived=not no_derived)
        if log:
            # Before the warnings: a refusal is the one thing to say.
            charts.require_positive(df, state.lang)
        _warn_messages(df.attrs.get("warnings", []))
        parts = charts.panels(df)
        if output is None:
            from gzkit.terminal import printable, printable_columns, wants_color

            color = wants_color(sys.stdout)
            text = "\n".join(
                charts.terminal_chart(printable_columns(p), lang=state.lang, kind=kind.value, color=color, log=log)
                for p in parts
            )
            note = charts.panels_note(parts, state.lang)
            emit_text(text + (printable(note) + "\n" if note else ""), Sink(lang=state.lang))
            return
        if len(parts) > 1:
            _stderr().print(charts.panels_note(parts, state.lang))
        _warn_messages(charts.save_figure(df, output, lang=state.lang, kind=kind.value, force=force, dpi=dpi, log=log))


@app.command()
def report(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The HTML file to write.", dir_okay=False)
    ] = None,
    domain: Annotated[
        str | None,
        typer.Option(
            "--domain", "-d", help="Draw trend figures for this domain only.", autocompletion=_complete_domain
        ),
    ] = None,
    indicator: Annotated[
        list[str] | None,
        typer.Option(
            "--indicator",
            "-i",
            help="Draw trend figures for this indicator (repeat for more).",
            autocompletion=_complete_indicator,
        ),
    ] = None,
    max_figures: Annotated[
        int,
        typer.Option(
            "--max-figures",
            help="Draw at most this many trend figures (0 = all); a note on the page says what was left out.",
        ),
    ] = 60,
    force: ForceOpt = False,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Write one self-contained HTML page: every domain, trends, the income gap, progress, provenance.

    The page needs no network; it switches between Chinese and English. Charts need the charts extra.
    Trend figures are drawn for --domain and --indicator when given, and at most --max-figures of them.

    Examples (示例):

    \b
        gzkit report -o report.html                         one page with every figure, in English and Chinese
        gzkit --data prov/ report -d economy -o economy.html   trend figures for one domain of a large package
        gzkit report -o 报告.html --lang zh                 生成默认显示中文的报告页
    """
    from gzkit import htmlreport, progress
    from gzkit.errors import UsageError
    from gzkit.output import emit_text

    state = _state(ctx)
    with _guard():
        if output is None and sys.stdout.isatty():
            raise UsageError("the report is an HTML page: give it a file.", "gzkit report -o report.html")
        if max_figures < 0:
            raise UsageError(f"--max-figures must be 0 (all) or more, not {max_figures}.", "Try --max-figures 60.")
        if output is not None and output.exists() and not force:
            raise GzkitError(f"{output} already exists.", "Add --force to overwrite it.")
        ds = _dataset(ctx)
        page = htmlreport.build(
            ds, lang=state.lang, domain=domain, indicators=indicator or None, max_figures=max_figures
        )
        _warn_messages(page.warnings)
        with progress.status("Writing the page" if state.lang != "zh" else "正在写入页面"):
            emit_text(page.html, Sink(output=output, force=force, lang=state.lang))


ExplainOpt = Annotated[bool, typer.Option("--explain", help="Print each formula with its inputs to stderr.")]
NoDerivedOpt = Annotated[
    bool, typer.Option("--no-derived", help="Leave out the values the report implies; stated figures only.")
]


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
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Check the report against itself and official statistics: one row per check, with its section.

    Status is consistent, inconsistent (the figures cannot all hold) or note (not meant to agree, or
    nothing stated to compare). Tolerances are half a unit of each input's last published digit.

    Examples (示例):

    \b
        gzkit audit                     the report checked against itself
        gzkit audit -f json --lang zh   一致性核对，JSON格式
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
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            "-r",
            help="The region to score (one region). Default: the data package's own region.",
            autocompletion=_complete_region,
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    bom: BomOpt = False,
    lang: LangOpt = None,
    data: DataOpt = None,
) -> None:
    """Guangzhou against the NBS 2013 national xiaokang targets: realization per item and weighted.

    Realization is value / target (target / value when lower is better), capped at 100; the summary
    covers only items gzkit can measure. This is gzkit's reading of the NBS method (its formula text was not available).

    Examples (示例):

    \b
        gzkit xiaokang --all -f csv   all 33 NBS items, covered or not
        gzkit xiaokang --lang zh      对照全面小康统计监测指标，中文
    """
    from gzkit import core
    from gzkit import xiaokang as nbs
    from gzkit.errors import UsageError

    with _guard():
        ds = _dataset(ctx)
        chosen = _region(ctx, region)
        if core.resolve_region(ds, chosen) is None:
            raise UsageError(
                "the xiaokang index scores one region at a time, not 'all'.",
                "Give one region, e.g. -r " + core.default_region(ds) + "; `gzkit regions` lists them.",
            )
        df = nbs.xiaokang(ds, region=chosen, all_items=all_items)
        from gzkit.terminal import printable

        typer.echo(printable(nbs.summary_line(df, lang=(ctx.obj or State()).lang)), err=True)
        emit(
            df,
            _sink(ctx, fmt, output, force, bom),
            title="NBS 2013 xiaokang targets · 全面小康统计监测指标",
            columns=["item", "name", "value", "target", "realization_pct", "weight", "comparability"],
        )


def main() -> None:
    """Console entry point: every outcome is an exit status and at most one line on stderr."""
    from gzkit.i18n import from_locale
    from gzkit.writer import GuardedStdout

    # An error while the options are still being read speaks the language the environment asks for.
    chosen = os.environ.get("GZKIT_LANG")
    _reader["lang"] = chosen if chosen in ("en", "zh") else from_locale()
    sys.stdout = GuardedStdout(sys.stdout)
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
        from gzkit.i18n import _

        try:
            sys.stderr.write(f"{_('Error:', _reader['lang'])} {printable(message)}\n")
        except UnicodeEncodeError:  # a console that cannot show Chinese still gets the English line
            sys.stderr.write(f"Error: {printable(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # stderr is gone too: the exit status is all that is left
    sys.exit(code)
