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
    from gzkit.writer import removed_on_signals

    try:
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
    except FileExistsError:
        raise GzkitError(
            T("{path} appeared while gzkit was writing it; it was left as it is.", path=str(path)),
            T("Add --force to overwrite it, or choose another name."),
        ) from None
    except OSError as exc:
        raise GzkitError(T("cannot write {path}: {reason}.", path=str(path), reason=exc.strerror or str(exc))) from None


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
