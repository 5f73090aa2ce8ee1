"""Files that are not text: Excel workbooks, Parquet tables and SQLite databases.

Each is built at a temporary path beside the target and renamed into place by
:func:`gzkit.output.finalise`, so a reader never sees half a file and a failed
export leaves nothing behind. The optional libraries (openpyxl, pyarrow) are
imported through :func:`require`, which names the extra to install.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from gzkit.errors import GzkitError, UsageError
from gzkit.i18n import N_, T, Text

if TYPE_CHECKING:
    import pandas as pd

    from gzkit.data import Dataset
    from gzkit.output import Sink

#: The extra that provides each optional module.
EXTRAS = {"openpyxl": "excel", "pyarrow": "parquet"}

#: What each file format is, for messages.
DESCRIPTION = {"xlsx": N_("Excel workbooks"), "parquet": N_("Parquet files"), "sqlite": N_("SQLite databases")}


#: The report, as a file's about sheet or metadata names its primary source.
REPORT = "幸福城市 美好生活——广州高水平全面建成小康社会调研报告 (广东省社会科学院调研组, 2020年8月)"

#: What each table of a package file holds: (title, English, Chinese). The workbook's about sheet
#: and the SQLite file's datasette metadata describe their tables with the same words.
TABLES_ABOUT = {
    "domains": ("Domains · 领域", "The ten domains of the report's structure.", "报告结构中的十个领域。"),
    "regions": ("Regions · 地区", "Guangzhou and the comparators the report names.", "广州及报告提到的比较地区。"),
    "units": ("Units · 单位", "Units of measure and their base units.", "计量单位及其基本单位。"),
    "indicators": (
        "Indicators · 指标",
        "Every indicator with its domain, unit and polarity.",
        "各指标及其领域、单位和方向。",
    ),
    "observations": (
        "Observations · 观测值",
        "Every figure with its section, verbatim evidence, qualifier (> more than, ~ about) and published precision "
        "(decimals).",
        "每个数值及其章节、原文、限定（> 超过，~ 约）和公布精度。",
    ),
    "targets": (
        "Targets · 目标",
        "The report's own targets and the NBS 2013 xiaokang monitoring targets.",
        "报告自身目标与国家统计局2013年全面小康监测目标。",
    ),
    "implied": (
        "Implied values · 推算值",
        "Values the report implies, each with its formula (vintage 'derived'); never more certain than their inputs.",
        "报告隐含的数值及其推算公式，确定性不高于其输入。",
    ),
    "headline_observations": (
        "Headline observations · 主值",
        "One headline value per indicator, region and period, joined with its indicator.",
        "每个指标、地区和时期的主值，附指标信息。",
    ),
}


def require(module: str) -> ModuleType:
    """Import an optional module, or raise the one-line error that names the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        extra = EXTRAS.get(module, module)
        raise GzkitError(
            T("writing this format needs {module}, which is not installed.", module=module),
            T("Run: {command}", command=f"pip install 'gzkit[{extra}]'"),
        ) from None


def plain_values(col: pd.Series) -> list[Any]:
    """A column as plain Python values for a file writer: missing (NaN, NA, inf) as None, booleans as bools."""
    import numpy as np

    missing = col.isna().to_numpy()
    if col.dtype.kind == "f":
        missing = missing | ~np.isfinite(col.to_numpy(dtype="float64", na_value=np.nan))
    if missing.any():
        # pandas-stubs list no None for na_value; pandas takes it, and extension arrays (Int64) need it to cast.
        raw = col.to_numpy(dtype=object, na_value=None)  # type: ignore[call-overload]
    else:
        raw = col.to_numpy(dtype=object)
    values = np.array(raw, dtype=object, copy=True)
    values[missing] = None
    # numpy's cast to object already yields Python ints, floats and bools.
    plain: list[Any] = values.tolist()
    return plain


def write_file(path: Path, build: Callable[[Path], None], *, force: bool = False) -> None:
    """Call ``build(tmp)`` to create the file at a temporary path beside ``path``, then rename it into place."""
    from gzkit import output
    from gzkit.writer import removed_on_signals, writing

    with writing(path):
        target = output.check_target(Path(path), force)
        if target.exists() and not target.is_file():
            # A device or a pipe (-o /dev/null): build elsewhere and copy the bytes in.
            with tempfile.TemporaryDirectory() as folder:
                tmp = Path(folder) / target.name
                build(tmp)
                with open(tmp, "rb") as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
            return
        parent = target.parent if str(target.parent) else Path(".")
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
        os.close(fd)
        tmp = Path(name)
        try:
            tmp.unlink()  # sqlite3 and the writers create the file themselves
            with removed_on_signals(str(tmp)):
                build(tmp)
                output.finalise(tmp, target, force=force)
        except BaseException:
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                try:
                    leftover.unlink()
                except FileNotFoundError:
                    pass
            raise


def _need_file(sink: Sink, fmt: str) -> Path:
    if sink.output is None:
        raise UsageError(
            T("{files} are files, not text for a terminal or a pipe.", files=Text(DESCRIPTION[fmt])),
            T("Add -o FILE.{suffix}.", suffix=fmt),
        )
    return sink.output


def write_frame(df: pd.DataFrame, sink: Sink, fmt: str, *, title: str | None = None) -> None:
    """One result table (any command's) as a workbook sheet or a Parquet file."""
    path = _need_file(sink, fmt)
    if fmt == "xlsx":
        from gzkit import export_excel

        export_excel.require()
        write_file(path, lambda tmp: export_excel.write_frame(df, tmp, title=title), force=sink.force)
    elif fmt == "parquet":
        from gzkit import export_parquet

        export_parquet.require()
        write_file(path, lambda tmp: export_parquet.write(df, tmp), force=sink.force)
    else:
        raise UsageError(
            T("a SQLite file holds the whole data package, not one result table."),
            T("Run: {command}", command="gzkit export -o FILE.sqlite"),
        )


def write_package(
    ds: Dataset, observations: pd.DataFrame, sink: Sink, fmt: str, *, metadata: bool = False
) -> list[Path]:
    """The export: ``observations`` (``core.export``'s frame, filtered or not) with the package's other tables.

    Returns the files written.
    """
    path = _need_file(sink, fmt)
    if fmt == "sqlite":
        from gzkit import export_sqlite

        write_file(path, lambda tmp: export_sqlite.write(ds, tmp, observations=observations), force=sink.force)
        written = [path]
        if metadata:
            meta_path = path.with_name("metadata.json")
            from gzkit import output

            output.write_atomic(meta_path, export_sqlite.datasette_metadata(ds, path.stem), force=sink.force)
            written.append(meta_path)
        return written
    if fmt == "xlsx":
        from gzkit import export_excel

        export_excel.require()
        write_file(
            path, lambda tmp: export_excel.write_package(ds, tmp, observations, lang=sink.lang), force=sink.force
        )
        return [path]
    if fmt == "parquet":
        from gzkit import export_parquet

        export_parquet.require()
        write_file(path, lambda tmp: export_parquet.write(observations, tmp, ds=ds), force=sink.force)
        return [path]
    raise UsageError(T("unknown file format '{format}'. Choose xlsx, parquet or sqlite.", format=fmt))
