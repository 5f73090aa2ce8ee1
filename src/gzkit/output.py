"""Render a DataFrame in one of gzkit's output formats: the only writer of data to stdout.

* ``table``: a rich table for people, numbers at their published precision with
  humanized units (2.3万亿元 / 2.3 trillion yuan), labels in the chosen language.
* ``csv``/``tsv``: the csv module via pandas, RFC 4180, UTF-8, raw numbers.
* ``json``: one array of records, one compact record per line, UTF-8, not
  ASCII-escaped; NaN becomes null.
* ``jsonl``: one record per line.
* ``xlsx``, ``parquet``, ``sqlite``: files only (``-o``), written by
  :mod:`gzkit.export_excel`, :mod:`gzkit.export_parquet` and :mod:`gzkit.export_sqlite`.
* ``markdown``: a GitHub table through tabulate (wide-character aware).

``--output FILE`` writes atomically: a temporary file in the same folder, then a
rename, so a reader never sees half a file.
"""

from __future__ import annotations

import io
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from gzkit.errors import GzkitError, UsageError
from gzkit.i18n import T

# Terminal tables live in gzkit.screen; these names keep working from here.
from gzkit.screen import MAX_TABLE_ROWS as MAX_TABLE_ROWS
from gzkit.screen import for_reader
from gzkit.screen import printable_view as printable_view
from gzkit.screen import table_text as table_text

if TYPE_CHECKING:
    import pandas as pd

    from gzkit.writer import Content

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "markdown", "xlsx", "parquet", "sqlite")

#: Formats that are files, not text: they need -o FILE.
FILE_FORMATS = ("xlsx", "parquet", "sqlite")

#: Formats written from the cells alone: the warnings, column roles and units in ``attrs`` are not read.
TEXT_FORMATS = ("csv", "tsv", "json", "jsonl")

#: File suffixes that name a format other than themselves.
SUFFIXES = {
    "md": "markdown",
    "ndjson": "jsonl",
    "txt": "csv",
    "": "csv",
    "pq": "parquet",
    "db": "sqlite",
    "sqlite3": "sqlite",
}


@dataclass
class Sink:
    """Where and how to write: the output options every data command shares."""

    fmt: str | None = None
    output: Path | None = None
    force: bool = False
    bom: bool = False
    lang: str = "en"
    #: The unit vocabulary of the package being shown (id -> row); None for the bundled one.
    units: dict[str, dict[str, Any]] | None = None
    #: Region ids to Chinese names (the regions table's ``name_zh``), for tables read in Chinese.
    regions: dict[str, str] | None = None

    def resolved_format(self) -> str:
        if self.fmt:
            return self.fmt
        if self.output is not None:
            suffix = self.output.suffix.lower().lstrip(".")
            fmt = SUFFIXES.get(suffix, suffix)
            if fmt not in FORMATS or fmt == "table":
                raise UsageError(
                    T("gzkit does not write .{suffix} files ('{name}').", suffix=suffix, name=self.output.name),
                    T("Use a suffix it writes (.csv .tsv .json .jsonl .md .xlsx .parquet .sqlite) or add -f FORMAT."),
                )
            return fmt
        return "table" if _isatty() else "csv"


def _isatty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def emit(
    df: pd.DataFrame,
    sink: Sink | None = None,
    *,
    title: str | None = None,
    caption: str | None = None,
    columns: list[str] | None = None,
) -> None:
    """Write ``df`` to stdout (or ``sink.output``) in ``sink``'s format.

    ``columns`` picks what a person sees in ``table`` and ``markdown``
    (``name`` meaning the name in the chosen language); machine formats always
    carry every column.
    """
    from gzkit import finite

    sink = sink or Sink()
    fmt = sink.resolved_format()
    if fmt not in FORMATS:
        raise UsageError(
            T("unknown format '{format}'. Choose one of: {formats}.", format=fmt, formats=", ".join(FORMATS))
        )
    if fmt in TEXT_FORMATS:
        df = without_attrs(df)
    df = finite.frame(df)  # no inf reaches any format: empty, with an "undefined: …" note
    if fmt == "table" and sink.output is None:
        from gzkit.screen import print_table

        print_table(df, sink.lang, title, caption, columns, sink.units, sink.regions)
        return
    if fmt in FILE_FORMATS:
        from gzkit import export_files

        export_files.write_frame(df, sink, fmt, title=title)
        return
    text: Content
    if fmt in ("csv", "tsv"):
        # Streamed in chunks, never held as one string: a million-row export would otherwise take gigabytes.
        text = lambda fh: _write_delimited(df, fh, fmt, bom=sink.bom)  # noqa: E731
    elif fmt in ("json", "jsonl"):
        text = lambda fh: _write_json(df, fh, fmt)  # noqa: E731
    else:
        text = render(
            df,
            fmt,
            lang=sink.lang,
            caption=caption,
            columns=columns,
            units=sink.units,
            regions=sink.regions,
        )
    if sink.output is not None:
        write_atomic(sink.output, text, force=sink.force)
    else:
        _write_stdout(text)


def without_attrs(df: pd.DataFrame) -> pd.DataFrame:
    """``df``'s columns (not copied) without its ``attrs``.

    pandas deep-copies ``attrs`` whenever a column is taken out of a frame: a
    ``compare`` over 10^7 observations carries thousands of warnings, and the
    writers take every column several times, which cost seconds.
    """
    import pandas as pd

    plain: pd.DataFrame = pd.DataFrame(df, copy=False)
    plain.attrs = {}
    return plain


def emit_text(text: str, sink: Sink | None = None) -> None:
    """Write already rendered text (a terminal chart, an HTML page) to stdout or ``sink.output``."""
    sink = sink or Sink()
    if sink.output is not None:
        write_atomic(sink.output, text, force=sink.force)
    else:
        _write_stdout(text)


def render(
    df: pd.DataFrame,
    fmt: str,
    *,
    lang: str = "en",
    caption: str | None = None,
    columns: list[str] | None = None,
    units: dict[str, dict[str, Any]] | None = None,
    regions: dict[str, str] | None = None,
) -> str:
    """The text of ``df`` in a machine or markdown format (``table`` renders as markdown).

    Markdown ends with the footnotes and then ``caption``, in the reader's language,
    as its own paragraph: a caption explains the table, so it goes where the table goes.
    """
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        _write_delimited(df, buf, fmt)
        return buf.getvalue()
    if fmt in ("json", "jsonl"):
        buf = io.StringIO()
        _write_json(df, buf, fmt)
        return buf.getvalue()
    if fmt in ("markdown", "table"):
        from tabulate import tabulate

        from gzkit import cells

        v = printable_view(cells.view(df, lang, columns, units, regions))
        rows = [[_md_cell(c.cells[i]) for c in v.columns] for i in range(v.rows)]
        headers = [_md_cell(c.header) for c in v.columns]
        md = tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)
        if v.footnotes:
            md += "\n\n" + "\n".join(v.footnotes)
        if caption:
            md += "\n\n" + for_reader(caption, lang)
        return md + "\n"
    raise UsageError(T("unknown format '{format}'. Choose one of: {formats}.", format=fmt, formats=", ".join(FORMATS)))


def _md_cell(text: str) -> str:
    """A cell of a GitHub table: a `|` or a line break in the text would end the cell or the row."""
    return str(text).replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def _write_delimited(df: pd.DataFrame, fh: TextIO, fmt: str, *, bom: bool = False) -> None:
    """CSV or TSV of ``df`` into an open text file."""
    import numpy as np
    import pandas as pd

    from gzkit import delimited_arrow

    if bom:
        fh.write("\ufeff")
    # A frame large enough for the Arrow writer has its floats formatted by Arrow too.
    bulk = delimited_arrow.large(df)
    text: dict[str, Any] = {}
    for c in df.columns:
        kind = df[c].dtype.kind
        if kind == "b" or str(df[c].dtype) == "boolean":
            # Lowercase, as in the data package and Frictionless' defaults.
            text[str(c)] = df[c].map({True: "true", False: "false"})
        elif kind == "f":
            # %.15g drops float noise (0.30000000000000004) and the ".0" of whole numbers. Formatted
            # here in one pass: pandas' float_format calls back per cell at several times the cost.
            values = df[c].to_numpy(dtype="float64", na_value=np.nan)
            if bulk:
                from gzkit.delimited_floats import g15

                text[str(c)] = pd.array(g15(values), dtype="str")
                continue
            shown = np.array([format(v, ".15g") for v in values.tolist()], dtype=object)
            shown[np.isnan(values)] = ""
            text[str(c)] = shown
    if text:
        df = df.assign(**text)
    if delimited_arrow.available(df):
        delimited_arrow.write(df, fh, "," if fmt == "csv" else "\t")
        return
    df.to_csv(fh, index=False, sep="," if fmt == "csv" else "\t", lineterminator="\n")


def _write_json(df: pd.DataFrame, fh: TextIO, fmt: str, chunk: int = 10_000) -> None:
    """JSON (one array, a compact record per line) or JSON Lines of ``df`` into an open text file.

    Written ``chunk`` rows at a time, never held whole: a million rows as Python
    dicts and one string would take gigabytes. Without ``indent`` the standard
    library encodes in C, several times faster than its pure-Python indented path.
    """
    dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": ")).encode
    if fmt == "jsonl":
        for start in range(0, len(df), chunk):
            fh.write("".join([dumps(r) + "\n" for r in records(df.iloc[start : start + chunk])]))
        return
    if df.empty:
        fh.write("[]\n")
        return
    fh.write("[\n")
    for start in range(0, len(df), chunk):
        part = ",\n".join([dumps(r) for r in records(df.iloc[start : start + chunk])])
        fh.write((",\n" if start else "") + part)
    fh.write("\n]\n")


def records(df: pd.DataFrame) -> list[dict[Any, Any]]:
    """JSON-ready records: NaN and NA become None, integral floats stay floats, numpy types become Python."""
    import numpy as np

    if not len(df.columns):
        return [{} for _ in range(len(df))]
    columns: list[list[Any]] = []
    # Column by column: numpy hands out Python objects in one cast, so only mixed
    # (object) columns are converted value by value.
    for _name, col in df.items():
        values = col.to_numpy(dtype=object, copy=True)
        missing = col.isna().to_numpy()
        if col.dtype.kind == "f":
            missing = missing | np.isinf(col.to_numpy(dtype="float64", na_value=np.nan))
        values[missing] = None
        columns.append([_jsonable(v) for v in values] if col.dtype == object else values.tolist())
    names = list(df.columns)
    return [dict(zip(names, row)) for row in zip(*columns)]


def _jsonable(v: Any) -> Any:
    if v is None:
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return v


def _write_stdout(text: Content) -> None:
    """Write text, or call ``text(stream)`` to stream it, to stdout (through :mod:`gzkit.writer`)."""
    from gzkit.writer import write_stdout

    stream = sys.stdout
    if callable(text) and stream is not None and not _utf8(stream):
        # A console that may not encode every character: render first, so that
        # an encoding error leaves nothing half-written.
        buf = io.StringIO()
        text(buf)
        text = buf.getvalue()
    try:
        write_stdout(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        raise GzkitError(
            T("this console cannot show Chinese text (its encoding is {encoding}).", encoding=encoding),
            T("Set PYTHONIOENCODING=utf-8, or write a file with -o FILE."),
        ) from None


def _utf8(stream: object) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def write_atomic(path: Path, text: Content, *, force: bool = False) -> None:
    """Write text (UTF-8), bytes, or what ``text(fh)`` writes, to ``path`` atomically (see :mod:`gzkit.writer`)."""
    from gzkit.writer import write_file

    write_file(path, text, force=force)


def check_target(path: Path, force: bool) -> Path:
    """The file to write for ``-o path``, after the checks every writer makes (exists, folder, parent)."""
    if path.exists() and not force:
        raise GzkitError(T("{path} already exists.", path=str(path)), T("Add --force to overwrite it."))
    if path.is_dir():
        raise GzkitError(T("{path} is a folder.", path=str(path)), T("Give a file name with -o."))
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
    parent = path.parent if str(path.parent) else Path(".")
    if not (path.exists() and not path.is_file()) and not parent.is_dir():
        raise GzkitError(
            T("the folder {folder} does not exist.", folder=str(parent)), T("Create it first or choose another path.")
        )
    return path


def finalise(tmp: Path, path: Path, force: bool = False) -> None:
    """Put a finished temporary file beside ``path`` in its place, as :mod:`gzkit.writer` does for every file.

    Without ``force`` the last step cannot replace a file that appeared meanwhile; with it, the new file
    keeps the replaced one's mode. A new file gets the mode a plain open() would.
    """
    from gzkit.writer import place

    place(str(tmp), path, force=force)
