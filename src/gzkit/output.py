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
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gzkit.errors import GzkitError, UsageError

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "markdown", "xlsx", "parquet", "sqlite")

#: Formats that are files, not text: they need -o FILE.
FILE_FORMATS = ("xlsx", "parquet", "sqlite")

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

#: Column labels for people (table and markdown). Machine formats keep snake_case.
LABELS_ZH = {
    "domain": "领域",
    "name": "名称",
    "name_en": "英文名称",
    "name_zh": "名称",
    "indicators": "指标数",
    "observations": "观测数",
    "indicator": "指标",
    "unit": "单位",
    "polarity": "方向",
    "first_year": "起始年",
    "last_year": "最新年",
    "years": "年份",
    "region": "地区",
    "period": "时期",
    "year": "年份",
    "qualifier": "限定",
    "value": "数值",
    "source": "来源",
    "evidence": "原文",
    "note": "说明",
    "headline": "主值",
    "vintage": "版本",
    "year_a": "年份A",
    "value_a": "数值A",
    "year_b": "年份B",
    "value_b": "数值B",
    "change": "变化",
    "pct_change": "变化率%",
    "cagr": "年均增速%",
    "better": "方向",
    "kind": "类型",
    "from_year": "起",
    "to_year": "止",
    "value_from": "起值",
    "value_to": "止值",
    "urban": "城镇",
    "rural": "农村",
    "ratio": "倍差",
    "difference": "差额",
    "target": "目标",
    "comparison": "比较",
    "completion_pct": "完成度%",
    "status": "状态",
    "target_id": "目标",
    "year_inferred": "年份推定",
    "realization_pct": "实现程度%",
    "weight": "权重",
    "comparability": "可比性",
    "check": "核对项",
    "inputs": "输入",
    "expected": "应为",
    "stated": "报告值",
    "derivation": "推算",
    "section": "章节",
    "statements": "表述数",
    "confidence": "可信度",
    "stated_rate": "报告所述增速%",
    "implied": "推算年份",
}

#: Columns that only help machines (or duplicate another) and are hidden in tables.
HIDDEN_IN_TABLE = {
    "decimals",
    "decimals_a",
    "decimals_b",
    "polarity",
    "qualifier_a",
    "qualifier_b",
    "qualifier_from",
    "qualifier_to",
    "qualifier_urban",
    "qualifier_rural",
    "qualifier_value",
    "target_implied",
    "framework",
    "year_inferred",
}


#: Tables show at most this many rows; machine formats always carry every row.
MAX_TABLE_ROWS = 1000

#: Derived percentages, shown to two decimals.
PERCENT_RESULTS = {"pct_change", "cagr", "completion_pct", "realization_pct"}


@dataclass
class Sink:
    """Where and how to write: the output options every data command shares."""

    fmt: str | None = None
    output: Path | None = None
    force: bool = False
    bom: bool = False
    lang: str = "en"
    #: The unit vocabulary of the package being shown (id -> row); None for the bundled one.
    units: dict | None = None

    def resolved_format(self) -> str:
        if self.fmt:
            return self.fmt
        if self.output is not None:
            suffix = self.output.suffix.lower().lstrip(".")
            fmt = SUFFIXES.get(suffix, suffix)
            if fmt not in FORMATS or fmt == "table":
                raise UsageError(
                    f"gzkit does not write .{suffix} files ('{self.output.name}').",
                    "Use a suffix it writes (.csv .tsv .json .jsonl .md .xlsx .parquet .sqlite) or add -f FORMAT.",
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
    sink = sink or Sink()
    fmt = sink.resolved_format()
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}'. Choose one of: {', '.join(FORMATS)}.")
    if fmt == "table" and sink.output is None:
        _print_table(df, sink.lang, title, caption, columns, sink.units)
        return
    if fmt in FILE_FORMATS:
        from gzkit import export_files

        export_files.write_frame(df, sink, fmt, title=title)
        return
    if fmt in ("csv", "tsv"):
        # Streamed in chunks, never held as one string: a million-row export would otherwise take gigabytes.
        text = lambda fh: _write_delimited(df, fh, fmt, bom=sink.bom)  # noqa: E731
    elif fmt in ("json", "jsonl"):
        text = lambda fh: _write_json(df, fh, fmt)  # noqa: E731
    else:
        text = render(df, fmt, lang=sink.lang, title=title, columns=columns, units=sink.units)
    if sink.output is not None:
        write_atomic(sink.output, text, force=sink.force)
    else:
        _write_stdout(text)


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
    title: str | None = None,
    columns: list[str] | None = None,
    units: dict | None = None,
) -> str:
    """The text of ``df`` in a machine or markdown format (``table`` renders as markdown)."""
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

        view = _people_view(df, lang, columns, units)
        md = tabulate(view.values.tolist(), headers=list(view.columns), tablefmt="github", disable_numparse=True)
        if any(str(v).endswith("*") for v in view.get("period", view.get("时期", []))):
            md += "\n\n" + INFERRED_NOTE.get(lang, INFERRED_NOTE["en"])
        return md + "\n"
    raise UsageError(f"unknown format '{fmt}'. Choose one of: {', '.join(FORMATS)}.")


def _write_delimited(df: pd.DataFrame, fh, fmt: str, *, bom: bool = False) -> None:
    """CSV or TSV of ``df`` into an open text file."""
    import numpy as np

    if bom:
        fh.write("\ufeff")
    text = {}
    for c in df.columns:
        kind = df[c].dtype.kind
        if kind == "b" or str(df[c].dtype) == "boolean":
            # Lowercase, as in the data package and Frictionless' defaults.
            text[c] = df[c].map({True: "true", False: "false"})
        elif kind == "f":
            # %.15g drops float noise (0.30000000000000004) and the ".0" of whole numbers. Formatted
            # here in one pass: pandas' float_format calls back per cell at several times the cost.
            values = df[c].to_numpy(dtype="float64", na_value=np.nan)
            shown = np.array([format(v, ".15g") for v in values.tolist()], dtype=object)
            shown[np.isnan(values)] = ""
            text[c] = shown
    if text:
        df = df.assign(**text)
    from gzkit import delimited_arrow

    if delimited_arrow.available(df):
        delimited_arrow.write(df, fh, "," if fmt == "csv" else "\t")
        return
    df.to_csv(fh, index=False, sep="," if fmt == "csv" else "\t", lineterminator="\n")


def _write_json(df: pd.DataFrame, fh, fmt: str, chunk: int = 10_000) -> None:
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


def records(df: pd.DataFrame) -> list[dict]:
    """JSON-ready records: NaN and NA become None, integral floats stay floats, numpy types become Python."""
    import numpy as np

    if not len(df.columns):
        return [{} for _ in range(len(df))]
    columns = []
    # Column by column: numpy hands out Python objects in one cast, so only mixed
    # (object) columns are converted value by value.
    for _, col in df.items():
        values = col.to_numpy(dtype=object, copy=True)
        missing = col.isna().to_numpy()
        if col.dtype.kind == "f":
            missing = missing | np.isinf(col.to_numpy(dtype="float64", na_value=np.nan))
        values[missing] = None
        if col.dtype == object:
            values = [_jsonable(v) for v in values]
        columns.append(values)
    names = list(df.columns)
    return [dict(zip(names, row)) for row in zip(*columns)]


def _jsonable(v):
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


def _write_stdout(text) -> None:
    """Write text, or call ``text(stream)`` to stream it, to stdout."""
    stream = sys.stdout
    if callable(text) and not _utf8(stream):
        # A console that may not encode every character: render first, so that
        # an encoding error leaves nothing half-written.
        buf = io.StringIO()
        text(buf)
        text = buf.getvalue()
    try:
        text(stream) if callable(text) else stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        raise GzkitError(
            f"this console cannot show Chinese text (its encoding is {encoding}).",
            "Set PYTHONIOENCODING=utf-8, or write a file with -o FILE.",
        ) from None
    stream.flush()


def _utf8(stream) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def write_atomic(path: Path, text, *, force: bool = False) -> None:
    """Write text (UTF-8), bytes, or what ``text(fh)`` writes, to ``path`` through a temporary file and a rename."""
    try:
        _write_atomic(Path(path), text, force)
    except OSError as exc:
        raise GzkitError(f"cannot write {path}: {exc.strerror or exc}.") from None
    except ValueError as exc:  # e.g. a NUL character in the name
        raise GzkitError(f"cannot write {path!r}: {exc}.") from None


def _write_atomic(path: Path, text, force: bool) -> None:
    path = check_target(path, force)
    if path.exists() and not path.is_file():
        # A device or a pipe (-o /dev/null, a FIFO): write into it; a rename would replace the device itself.
        with open(path, "wb") if isinstance(text, bytes) else open(path, "w", encoding="utf-8", newline="") as fh:
            text(fh) if callable(text) else fh.write(text)
        return
    parent = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    try:
        binary = isinstance(text, bytes)
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            text(fh) if callable(text) else fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        finalise(Path(tmp), path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def check_target(path: Path, force: bool) -> Path:
    """The file to write for ``-o path``, after the checks every writer makes (exists, folder, parent)."""
    if path.exists() and not force:
        raise GzkitError(f"{path} already exists.", "Add --force to overwrite it.")
    if path.is_dir():
        raise GzkitError(f"{path} is a folder.", "Give a file name with -o.")
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
    parent = path.parent if str(path.parent) else Path(".")
    if not (path.exists() and not path.is_file()) and not parent.is_dir():
        raise GzkitError(f"the folder {parent} does not exist.", "Create it first or choose another path.")
    return path


def finalise(tmp: Path, path: Path) -> None:
    """Give a finished temporary file beside ``path`` the mode a plain open() would, and rename it into place."""
    # mkstemp makes the file private (0600).
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, path)


# --------------------------------------------------------------------------- people


def _visible(df: pd.DataFrame, lang: str, columns: list[str] | None) -> list[str]:
    other = "_en" if lang == "zh" else "_zh"
    # "name" stands for the name in the chosen language.
    named = "name_zh" if lang == "zh" else "name_en"
    if columns is not None:
        cols = [named if c == "name" else c for c in columns]
    else:
        cols = [c for c in df.columns if c not in HIDDEN_IN_TABLE]
    has_value = any(c.startswith("value") or c in ("change", "target") for c in cols)
    return [
        c
        for c in cols
        if c in df.columns
        and not (columns is None and c.startswith("name") and c.endswith(other))
        and not (c == "unit" and has_value)
    ]


def _people_view(
    df: pd.DataFrame, lang: str, columns: list[str] | None = None, units_table: dict | None = None
) -> pd.DataFrame:
    """Strings for people: humanized values, one language, translated labels."""
    import pandas as pd

    from gzkit import humanize

    visible = _visible(df, lang, columns)
    view = pd.DataFrame(index=df.index)
    units = df["unit"] if "unit" in df.columns else None
    for col in visible:
        s = df[col]
        suffix = col[len("value") :] if col.startswith("value") else ""
        if units is not None and (col.startswith("value") or col in ("change", "target")):
            decimals = df.get("decimals" + suffix) if col.startswith("value") else None
            qual_col = next(
                (
                    q
                    for q in ("qualifier_" + col, "qualifier" + suffix)
                    if q in df.columns and q not in visible and col.startswith("value")
                ),
                None,
            )
            quals = df[qual_col] if qual_col else None
            view[col] = [
                humanize.quantity(
                    v,
                    u,
                    None if decimals is None else decimals.iloc[i],
                    lang,
                    None if quals is None else quals.iloc[i],
                    units=units_table,
                )
                for i, (v, u) in enumerate(zip(s, units))
            ]
        elif col in ("urban", "rural") or (col == "difference" and "urban" in df.columns):
            quals = df.get("qualifier_" + col) if col != "difference" else None
            view[col] = [
                humanize.quantity(
                    v,
                    "yuan",
                    0 if col != "difference" else None,
                    lang,
                    None if quals is None else quals.iloc[i],
                    units=units_table,
                )
                for i, v in enumerate(s)
            ]
        elif pd.api.types.is_bool_dtype(s):
            view[col] = s.map({True: "✓", False: ""})
        elif col in PERCENT_RESULTS and pd.api.types.is_numeric_dtype(s):
            # A derived rate shows its bound (">58.13") when the qualifier column is not shown.
            quals = df["qualifier"] if "qualifier" in df.columns and "qualifier" not in visible else None
            view[col] = [
                ("" if quals is None else humanize.PREFIX.get(quals.iloc[i], "")) + humanize.number(v, 2, fixed=True)
                if not humanize.is_missing(v)
                else "—"
                for i, v in enumerate(s)
            ]
        elif pd.api.types.is_float_dtype(s):
            view[col] = [humanize.number(v) for v in s]
        else:
            view[col] = s.astype("object").where(s.notna(), "").astype(str)
    if "period" in view.columns and _inferred(df).any():
        view["period"] = view["period"].where(~_inferred(df).to_numpy(), view["period"] + "*")
    if lang == "zh":
        view.columns = [LABELS_ZH.get(c, c) for c in view.columns]
    else:
        bilingual = "name_zh" in view.columns
        view.columns = ["name" if c == "name_en" and not bilingual else c for c in view.columns]
    return view


def _inferred(df: pd.DataFrame) -> pd.Series:
    """Rows whose year the report does not state (2019 assumed)."""
    import pandas as pd

    if "year_inferred" not in df.columns:
        return pd.Series(False, index=df.index)
    return df["year_inferred"].fillna(False).astype(bool)


INFERRED_NOTE = {
    "en": "* year not stated in the report; 2019 assumed",
    "zh": "* 报告未写明年份，按2019年计",
}


def _print_table(
    df: pd.DataFrame,
    lang: str,
    title: str | None,
    caption: str | None,
    columns: list[str] | None,
    units_table: dict | None = None,
) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    shown = len(df)
    if shown > MAX_TABLE_ROWS:
        # rich lays out every row before printing; a big table is for a pipe, not a screen.
        df = df.head(MAX_TABLE_ROWS)
    view = _people_view(df, lang, columns, units_table)
    visible = _visible(df, lang, columns)
    if "period" in visible and _inferred(df).any():
        caption = "\n".join(filter(None, [caption, INFERRED_NOTE.get(lang, INFERRED_NOTE["en"])]))
    table = Table(title=title, caption=caption, box=box.SIMPLE_HEAVY, header_style="bold", caption_justify="left")
    for col, label in zip(visible, view.columns):
        numeric = (
            str(df[col].dtype) in ("float64", "int64", "Int64")
            or col.startswith("value")
            or col in ("change", "target", "urban", "rural", "difference")
        )
        # Ids, years and numbers stay on one line; prose columns take the wrapping.
        keep = numeric or col in (
            "region",
            "period",
            "kind",
            "qualifier",
            "status",
            "better",
            "comparability",
            "headline",
        )
        prose = col.startswith("name") or col in ("note", "evidence", "source", "inputs")
        table.add_column(
            label,
            justify="right" if numeric else "left",
            overflow="fold",
            no_wrap=keep,
            min_width=14 if prose else None,
        )
    for row in view.itertuples(index=False, name=None):
        table.add_row(*row)
    console = Console(soft_wrap=False)
    try:
        console.print(table)
    except UnicodeEncodeError:
        raise GzkitError(
            "this console cannot show Chinese text.", "Set PYTHONIOENCODING=utf-8, or use -f csv with -o FILE."
        ) from None
    if df.empty:
        Console(stderr=True).print("(no rows)")
    elif shown > MAX_TABLE_ROWS:
        Console(stderr=True).print(f"(showing the first {MAX_TABLE_ROWS} of {shown} rows; use -f csv for all)")
