"""Taking the figures away: every observation as a file, and citations to paste."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from gzkit.cli.app import command
from gzkit.cli.completion import complete_indicator
from gzkit.cli.context import OWN_FORMAT, TABLE, dataset, emit_table, shared, sink, state
from gzkit.cli.language import HELP
from gzkit.cli.messages import stderr
from gzkit.cli.options import DomainOpt, flag, indicator_option, optional, output_option, region_option, year_option
from gzkit.i18n import T, _
from gzkit.output import Sink


@command(
    TABLE,
    _(
        "Export the observations joined with their indicator's metadata: tidy, filtered, or wide.\n\n"
        "-o FILE.xlsx (needs `pip install 'gzkit[excel]'`) writes a workbook: an about sheet, then one sheet "
        "per table. -o FILE.parquet (needs `pip install 'gzkit[parquet]'`) writes typed columns with the "
        "package metadata. -o FILE.sqlite writes every table with its keys, indexes and a "
        "headline_observations view. The filters apply to every format.",
        HELP,
    ),
)
def export(
    ctx: typer.Context,
    derived: Annotated[
        bool,
        flag(
            "--derived",
            _(
                "Append the values the report implies (vintage 'derived'), each with its formula in a derivation "
                "column. xlsx and sqlite files always hold them, in their own 'implied' table.",
                HELP,
            ),
        ),
    ] = False,
    metadata: Annotated[
        bool,
        flag(
            "--metadata",
            _("With -o FILE.sqlite: also write a datasette metadata.json beside it (titles, licence, sources).", HELP),
        ),
    ] = False,
    domain: DomainOpt = None,
    region: Annotated[str | None, region_option(_("Only this region (id or name).", HELP))] = None,
    indicators: Annotated[list[str] | None, indicator_option(_("Only this indicator; repeat for more.", HELP))] = None,
    start: Annotated[
        int | None, year_option("--from", help=_("Only periods ending in this year or later.", HELP))
    ] = None,
    end: Annotated[
        int | None, year_option("--to", help=_("Only periods ending in this year or earlier.", HELP))
    ] = None,
    headline_only: Annotated[
        bool, flag("--headline-only", _("One statement per indicator, region and period.", HELP))
    ] = False,
    columns: Annotated[
        str | None, typer.Option("--columns", help=_("Only these columns, comma separated, in this order.", HELP))
    ] = None,
    wide: Annotated[
        bool,
        flag(
            "--wide",
            _("One row per indicator and region, a value_<period> and a qualifier_<period> column per period.", HELP),
        ),
    ] = False,
) -> None:
    from gzkit import exports
    from gzkit.errors import UsageError
    from gzkit.output import FILE_FORMATS

    out = sink(ctx)
    file_format = out.resolved_format()
    if metadata and file_format != "sqlite":
        raise UsageError(T("--metadata describes a SQLite file."), T("Use it with -o FILE.sqlite."))
    if file_format in ("xlsx", "sqlite") and (wide or columns):
        raise UsageError(
            T(
                "--wide and --columns shape one table; a .{suffix} file holds the whole package.",
                suffix=file_format,
            ),
            T("Use them with -f csv, json or -o FILE.parquet."),
        )
    ds = dataset(ctx)
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

        with progress.status(T("Writing {path}", path=str(out.output)).render(out.lang)):
            written = export_files.write_package(ds, df, out, file_format, metadata=metadata)
        for path in written:
            stderr().print(T("Wrote {path}", path=str(path)).render(out.lang), markup=False)
        return
    shown = [c for c in ("indicator", "region", "period", "value", "confidence", "source") if c in df.columns]
    emit_table(ctx, df, T("Observations"), columns=None if (wide or columns) else shown)


class CiteStyle(str, Enum):
    gbt7714 = "gbt7714"
    bibtex = "bibtex"
    csl_json = "csl-json"
    apa = "apa"


@command(
    OWN_FORMAT,
    _(
        "Citations to paste: the report in GB/T 7714, BibTeX, CSL-JSON or APA, or every source behind an "
        "indicator.\n\n"
        "Report figures cite the report with their section; official figures are cited as recorded, with "
        "their release and confidence grade.",
        HELP,
    ),
)
def cite(
    ctx: typer.Context,
    indicator: Annotated[
        str | None,
        typer.Argument(
            help=_("Cite every source behind this indicator's values instead of the report alone.", HELP),
            autocompletion=complete_indicator,
            show_default=False,
        ),
    ] = None,
    style: Annotated[
        CiteStyle | None,
        optional(
            "--style",
            "-s",
            help=_("Citation style. Default: gbt7714 (GB/T 7714-2015) with --lang zh, apa otherwise.", HELP),
        ),
    ] = None,
    output: Annotated[Path | None, output_option(_("Write to FILE (e.g. refs.bib) instead of stdout.", HELP))] = None,
) -> None:
    from gzkit import cite as citations
    from gzkit.output import emit_text

    lang = state(ctx).lang
    ds = dataset(ctx) if indicator is not None else None
    chosen = style.value if style else citations.default_style(lang)
    # Without an indicator cite.sources cites the report alone and reads no data, so it is given none.
    found = citations.sources(ds, indicator)  # type: ignore[arg-type]  # annotated Dataset, accepts None
    text = citations.render(found, chosen, lang=lang)
    emit_text(text, Sink(output=output, force=bool(shared(ctx).get("force")), lang=lang))
