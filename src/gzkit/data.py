"""Load and validate a gzkit data package.

The bundled package ships inside the wheel (``gzkit/datapackage``), beside
this module. Any other directory with the same schema, such as
another city's figures, loads through ``load(path)``.

Validation follows gzkit's own ``datapackage.json`` (the contract), whatever the
custom package declares: headers, types, required values, enumerations, patterns,
primary keys and foreign keys; and, beyond the schema, that each observation's
year is its period's last year and that numbers are finite. Problems raise
:class:`~gzkit.errors.DataError` naming the file, row (the 1-based line number
in the CSV where the record starts, header = line 1) and column.

Codes (identifiers, references, values with a pattern or a list of choices),
booleans and numbers are stripped of surrounding spaces; other text (names,
citations, vintages, evidence, notes) is kept as written.

This module imports pandas only when a package is loaded, so that ``gzkit
--help`` and shell completion, which need :func:`bundled_path`, stay fast.

Reading is :mod:`gzkit.reading` (pandas' C reader) or, for a large file with
pyarrow installed, :mod:`gzkit.arrow_read`, which keeps the observations compact
(:mod:`gzkit.columnar`) until they are read; the checks are :mod:`gzkit.validation`
and run on distinct values and codes, not row by row.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from gzkit.dataset import Dataset
from gzkit.errors import DataError
from gzkit.i18n import T
from gzkit.validation import period_span

if TYPE_CHECKING:
    import pandas as pd

    from gzkit.columnar import Columns

__all__ = ["Dataset", "bundled_path", "contract", "load", "period_span", "resolve_path"]

REQUIRED_RESOURCES = ("domains", "regions", "units", "indicators", "observations")
OPTIONAL_RESOURCES = ("targets",)


def bundled_path() -> Path:
    """Where the bundled data package lives in the installed package."""
    # Beside this file, as the wheel lays it out; found without importlib.resources,
    # whose import alone costs shell completion a few milliseconds.
    packaged = Path(__file__).resolve().parent / "datapackage"
    if (packaged / "datapackage.json").is_file():
        return packaged
    # Any other loader that still serves the package's files from the file system.
    from importlib import resources

    served = Path(str(resources.files("gzkit") / "datapackage"))
    if (served / "datapackage.json").is_file():
        return served
    # A source checkout run without installing (e.g. an editable install): data/ at the top.
    return Path(__file__).resolve().parents[2] / "data"


def contract() -> dict[str, Any]:
    """gzkit's own datapackage.json: the schema every package must follow."""
    with open(bundled_path() / "datapackage.json", encoding="utf-8") as fh:
        meta: dict[str, Any] = json.load(fh)
    return meta


@lru_cache(maxsize=1)
def _schemas() -> dict[str, dict[str, Any]]:
    return {r["name"]: r["schema"] for r in contract()["resources"]}


def resolve_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The data package directory for ``path``, ``$GZKIT_DATA`` or the bundled data."""
    if path is None:
        path = os.environ.get("GZKIT_DATA") or None
    if path is None:
        return bundled_path()
    try:
        p = Path(path).expanduser()
        if p.is_file() and p.name.endswith(".json"):
            p = p.parent
        if not p.exists():
            raise DataError(T("no such data package: {path}", path=str(p)), file=None)
        if not (p / "datapackage.json").is_file():
            raise DataError(
                T(
                    "{path} is not a data package: it has no datapackage.json. "
                    "Point --data at a folder laid out like gzkit's own data/ folder.",
                    path=str(p),
                )
            )
        return p.resolve()
    except (OSError, ValueError, RuntimeError) as exc:  # a NUL in the name, a symlink loop, no home folder
        raise DataError(
            T("cannot use {path} as a data package ({reason})", path=repr(str(path)), reason=str(exc))
        ) from None


def load(path: str | os.PathLike[str] | None = None, *, cache: bool = True) -> Dataset:
    """Load and validate a data package (the bundled one by default).

    Results are cached per resolved path and the size and modification time of
    its files, so an edited package is read again. With ``cache``, a large
    package is also kept parsed on disk, keyed by its files' content
    (:mod:`gzkit.cache`). Each call hands out its own frames: change them
    freely, a later ``load()`` still returns the package as read.
    """
    root = resolve_path(path)
    meta = _descriptor(root)
    return _own_copy(_load(root, _signature(root, meta), cache and root != bundled_path()))


def _own_copy(ds: Dataset) -> Dataset:
    """``ds`` with frames and metadata the caller may change without touching the cache.

    Compact observations (:class:`gzkit.columnar.Columns`) are shared: they are
    read-only, and the frame built from them when first read is the caller's own.
    """
    import copy

    import pandas as pd

    # With copy-on-write (always on from pandas 3) a shallow copy costs nothing and still protects the
    # cache: the first write to it copies the data. Older pandas need a deep copy.
    deep = int(pd.__version__.split(".")[0]) < 3
    tables = {}
    for name in ("domains", "regions", "units", "indicators", "observations", "targets"):
        table = ds.stored(name)
        if isinstance(table, pd.DataFrame):
            tables[name] = table.copy(deep=deep)
    return ds.replaced(**tables, meta=copy.deepcopy(ds.meta))


def _descriptor(root: Path) -> dict[str, Any]:
    from gzkit import package_files

    file = package_files.checked(root, root / "datapackage.json", package_files.MAX_DESCRIPTOR_BYTES)
    try:
        with open(file, encoding="utf-8-sig") as fh:
            meta = json.load(fh)
    except json.JSONDecodeError as exc:
        raise DataError(
            T("not valid JSON ({reason}, line {line})", reason=exc.msg, line=exc.lineno), file=str(file)
        ) from None
    except UnicodeDecodeError:
        raise DataError(T("not UTF-8 text"), file=str(file)) from None
    except (ValueError, RecursionError) as exc:
        raise DataError(
            T("not a readable data package descriptor ({kind})", kind=type(exc).__name__), file=str(file)
        ) from None
    except OSError as exc:
        raise DataError(T("cannot be read ({reason})", reason=str(exc.strerror or exc)), file=str(file)) from None
    from gzkit.descriptor import validate

    return validate(meta, str(file))


def _resource_files(root: Path, meta: dict[str, Any]) -> dict[str, Path]:
    """The CSV file of each resource gzkit reads: as declared, or ``<name>.csv``."""
    declared = {
        r["name"]: r for r in meta.get("resources", []) if isinstance(r, dict) and isinstance(r.get("name"), str)
    }
    from gzkit import package_files

    descriptor = root / "datapackage.json"
    return {
        name: package_files.member(
            root, declared.get(name, {}).get("path", f"{name}.csv"), descriptor=descriptor, name=name
        )
        for name in REQUIRED_RESOURCES + OPTIONAL_RESOURCES
    }


def _signature(root: Path, meta: dict[str, Any]) -> tuple[tuple[str, int | None, int | None], ...]:
    stats: list[tuple[str, int | None, int | None]] = []
    for file in [root / "datapackage.json", *_resource_files(root, meta).values()]:
        try:
            st = file.stat()
            stats.append((str(file), st.st_mtime_ns, st.st_size))
        except OSError:
            stats.append((str(file), None, None))
    return tuple(stats)


@lru_cache(maxsize=4)
def _load(root: Path, signature: tuple[object, ...] | None = None, on_disk: bool = False) -> Dataset:
    if on_disk:
        from gzkit import cache

        files = [root / "datapackage.json", *_resource_files(root, _descriptor(root)).values()]
        # Keyed by content: the same files elsewhere are the same package, at their own path.
        ds = cache.fetch(files, bundled_path() / "datapackage.json", lambda: _parse(root))
        if not isinstance(ds, Dataset):  # an entry of another shape: parse instead
            return _parse(root)
        return ds.replaced(path=root)
    return _parse(root)


def _parse(root: Path, fast: bool = True) -> Dataset:
    from gzkit import package_files
    from gzkit.reading import empty_frame
    from gzkit.validation import check_headlines, check_keys, check_periods

    meta = _descriptor(root)
    schemas = _schemas()
    files = _resource_files(root, meta)

    tables: dict[str, pd.DataFrame | Columns] = {}
    codes: dict[str, dict[str, Any]] = {}
    for name in REQUIRED_RESOURCES + OPTIONAL_RESOURCES:
        file = package_files.checked(root, files[name])
        if not file.is_file():
            if name in OPTIONAL_RESOURCES:
                tables[name], codes[name] = empty_frame(schemas[name]), {}
                continue
            raise DataError(T("the '{name}' resource is missing", name=name), file=str(file))
        tables[name], codes[name] = _read(file, schemas[name], fast)
        if name in REQUIRED_RESOURCES and len(tables[name]) == 0:
            raise DataError(T("the file has a header but no rows"), file=str(file))

    # Only the observations stay compact; the other tables are small and every command reads them.
    frames = {name: _frame(table) for name, table in tables.items() if name != "observations"}
    obs = tables["observations"]
    try:
        for name, table in tables.items():
            check_keys(table, codes[name], schemas[name], frames, files[name])
        check_periods(obs, codes["observations"], files["observations"])
        check_headlines(obs, codes["observations"], files["observations"])
    except DataError:
        from gzkit.columnar import Columns

        if any(isinstance(t, Columns) for t in tables.values()):
            # Found on compact tables: pandas' reading says it in the same words, on rows it read itself.
            return _parse(root, fast=False)
        raise
    # Columns stand in for the frame until it is read (gzkit.columnar.LazyFrame).
    return Dataset(path=root, meta=meta, observations=cast("pd.DataFrame", obs), **frames)


def _read(file: Path, schema: dict[str, Any], fast: bool) -> tuple[pd.DataFrame | Columns, dict[str, Any]]:
    """One resource, through pyarrow when the file is large, else (or when pyarrow declines) through pandas.

    A package may leave out the columns gzkit's schema marks optional: they are added, empty.
    """
    from gzkit import arrow_read, optional_columns, reading

    header = reading.checked_header(file, schema)
    columns = optional_columns.held(schema, header)
    if columns is not schema:
        # An optional column the file lacks is added empty; only a frame can take it.
        table, codes = reading.read_table(file, columns, header)
        return optional_columns.with_optional_columns(table, schema), codes
    if fast and arrow_read.available(file):
        compact = arrow_read.read_table(file, schema, header)
        if compact is not None:
            return compact
    return reading.read_table(file, schema, header)


def _frame(table: pd.DataFrame | Columns) -> pd.DataFrame:
    from gzkit.columnar import Columns

    return table.frame() if isinstance(table, Columns) else table
