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

Speed: a million observations load in about a second. Numbers are parsed by
pandas' C reader; string columns are validated on their distinct values
(factorized), not row by row. When the fast reader rejects a file, it is read
again as text and checked column by column, which finds the exact row.
"""

from __future__ import annotations

import csv
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from gzkit.errors import DataError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

REQUIRED_RESOURCES = ("domains", "regions", "units", "indicators", "observations")
OPTIONAL_RESOURCES = ("targets",)

_TRUE = {"true", "True", "TRUE", "1", "yes"}
_FALSE = {"false", "False", "FALSE", "0", "no", ""}

#: Integers beyond this lose precision as floats; no figure in a statistical record needs them.
_MAX_INTEGER = 2**53


@dataclass
class Dataset:
    """The tables of a data package, typed and validated."""

    domains: pd.DataFrame
    regions: pd.DataFrame
    units: pd.DataFrame
    indicators: pd.DataFrame
    observations: pd.DataFrame
    targets: pd.DataFrame
    path: Path
    meta: dict = field(default_factory=dict)

    @property
    def bundled(self) -> bool:
        return self.path == bundled_path()


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


def contract() -> dict:
    """gzkit's own datapackage.json: the schema every package must follow."""
    with open(bundled_path() / "datapackage.json", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def _schemas() -> dict[str, dict]:
    return {r["name"]: r["schema"] for r in contract()["resources"]}


def resolve_path(path: str | os.PathLike | None = None) -> Path:
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
            raise DataError(f"no such data package: {p}", file=None)
        if not (p / "datapackage.json").is_file():
            raise DataError(
                f"{p} is not a data package: it has no datapackage.json. "
                "Point --data at a folder laid out like gzkit's own data/ folder."
            )
        return p.resolve()
    except (OSError, ValueError, RuntimeError) as exc:  # a NUL in the name, a symlink loop, no home folder
        raise DataError(f"cannot use {str(path)!r} as a data package ({exc})") from None


def load(path: str | os.PathLike | None = None, *, cache: bool = True) -> Dataset:
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
    """``ds`` with frames and metadata the caller may change without touching the cache."""
    import copy
    import dataclasses

    import pandas as pd

    # With copy-on-write (always on from pandas 3) a shallow copy costs nothing and still protects the
    # cache: the first write to it copies the data. Older pandas need a deep copy.
    deep = int(pd.__version__.split(".")[0]) < 3
    frames = {
        f.name: getattr(ds, f.name).copy(deep=deep)
        for f in dataclasses.fields(ds)
        if isinstance(getattr(ds, f.name), pd.DataFrame)
    }
    return dataclasses.replace(ds, **frames, meta=copy.deepcopy(ds.meta))


def _descriptor(root: Path) -> dict:
    from gzkit import package_files

    file = package_files.checked(root, root / "datapackage.json", package_files.MAX_DESCRIPTOR_BYTES)
    try:
        with open(file, encoding="utf-8-sig") as fh:
            meta = json.load(fh)
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON ({exc.msg}, line {exc.lineno})", file=str(file)) from None
    except UnicodeDecodeError:
        raise DataError("not UTF-8 text", file=str(file)) from None
    except (ValueError, RecursionError) as exc:
        raise DataError(f"not a readable data package descriptor ({type(exc).__name__})", file=str(file)) from None
    except OSError as exc:
        raise DataError(f"cannot be read ({exc.strerror or exc})", file=str(file)) from None
    from gzkit.descriptor import validate

    return validate(meta, str(file))


def _resource_files(root: Path, meta: dict) -> dict[str, Path]:
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


def _signature(root: Path, meta: dict) -> tuple:
    stats = []
    for file in [root / "datapackage.json", *_resource_files(root, meta).values()]:
        try:
            st = file.stat()
            stats.append((str(file), st.st_mtime_ns, st.st_size))
        except OSError:
            stats.append((str(file), None, None))
    return tuple(stats)


@lru_cache(maxsize=4)
def _load(root: Path, signature: tuple | None = None, on_disk: bool = False) -> Dataset:
    if on_disk:
        from gzkit import cache

        files = [root / "datapackage.json", *_resource_files(root, _descriptor(root)).values()]
        # Keyed by content: the same files elsewhere are the same package, at their own path.
        ds = cache.fetch(files, bundled_path() / "datapackage.json", lambda: _parse(root))
        return Dataset(**{**ds.__dict__, "path": root})
    return _parse(root)


def _parse(root: Path) -> Dataset:
    meta = _descriptor(root)
    schemas = _schemas()
    files = _resource_files(root, meta)

    frames: dict[str, pd.DataFrame] = {}
    codes: dict[str, dict] = {}
    from gzkit import package_files

    for name in REQUIRED_RESOURCES + OPTIONAL_RESOURCES:
        file = package_files.checked(root, files[name])
        if not file.is_file():
            if name in OPTIONAL_RESOURCES:
                frames[name], codes[name] = _empty(schemas[name]), {}
                continue
            raise DataError(f"the '{name}' resource is missing", file=str(file))
        frames[name], codes[name] = _read(file, schemas[name])
        if name in REQUIRED_RESOURCES and frames[name].empty:
            raise DataError("the file has a header but no rows", file=str(file))

    for name, df in frames.items():
        _check_keys(df, codes[name], schemas[name], frames, files[name])
    _check_periods(frames["observations"], codes["observations"], files["observations"])
    _check_headlines(frames["observations"], codes["observations"], files["observations"])
    return Dataset(path=root, meta=meta, **frames)


def _empty(schema: dict) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({f["name"]: pd.Series(dtype=_dtype(f)) for f in schema["fields"]})


def _dtype(f: dict) -> str:
    required = f.get("constraints", {}).get("required")
    return {
        "integer": "int64" if required else "Int64",
        "number": "float64",
        "boolean": "bool",
    }.get(f["type"], "str")


# --------------------------------------------------------------------------- reading


def _header(file: Path) -> list[str]:
    try:
        with open(file, encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh), None)
    except UnicodeDecodeError:
        raise DataError("not UTF-8 text", file=str(file), row=_undecodable_line(file)) from None
    except csv.Error as exc:
        raise DataError(f"not a readable CSV header ({exc})", file=str(file), row=1) from None
    except OSError as exc:
        raise DataError(f"cannot be read ({exc.strerror or exc})", file=str(file)) from None
    if not header or not any(h.strip() for h in header):
        raise DataError("the file is empty (no header row)", file=str(file), row=1)
    header = [h.strip() for h in header]
    seen = set()
    for h in header:
        if h in seen:
            raise DataError("the column appears twice in the header", file=str(file), row=1, column=h)
        seen.add(h)
    return header


def _read_csv(file: Path, header: list[str], dtypes: dict, na: dict) -> pd.DataFrame:
    import pandas as pd

    with warnings.catch_warnings():
        # A first row longer than the header is only a warning in pandas: make it an error.
        warnings.simplefilter("error", pd.errors.ParserWarning)
        # A number beyond a float's range (1e400) warns as it overflows; validation names it instead.
        warnings.simplefilter("ignore", RuntimeWarning)
        return pd.read_csv(
            file,
            names=header,
            header=0,
            dtype=dtypes,
            keep_default_na=False,
            na_values=na,
            encoding="utf-8-sig",
            index_col=False,
        )


def _read(file: Path, schema: dict) -> tuple[pd.DataFrame, dict]:
    """The typed frame of one CSV, and the factorized (codes, distinct values) of its checked string columns."""
    import pandas as pd

    fields = schema["fields"]
    header = _header(file)
    missing = [f["name"] for f in fields if f["name"] not in header]
    if missing:
        raise DataError(
            f"missing column(s) {', '.join(missing)}; expected columns: {', '.join(f['name'] for f in fields)}",
            file=str(file),
            column=missing[0],
        )

    coded = _coded(schema)
    as_text = {h: object for h in header}
    typed = dict(as_text)
    na = {}
    for f in fields:
        if f["type"] in ("integer", "number"):
            required = f.get("constraints", {}).get("required")
            typed[f["name"]] = "int64" if f["type"] == "integer" and required else "float64"
            if not required:
                na[f["name"]] = [""]
    try:
        try:
            raw = _read_csv(file, header, typed, na)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError):
            raise
        except (ValueError, OverflowError, TypeError):
            # A value the fast reader rejects: read text and let the column checks find it.
            raw = _read_csv(file, header, as_text, {})
    except UnicodeDecodeError:
        raise DataError("not UTF-8 text", file=str(file), row=_undecodable_line(file)) from None
    except pd.errors.EmptyDataError:
        raise DataError("the file is empty (no header row)", file=str(file)) from None
    except pd.errors.ParserWarning:
        raise DataError(
            "a row has more fields than the header", file=str(file), row=_long_row(file, len(header))
        ) from None
    except pd.errors.ParserError as exc:
        raise DataError(f"not a readable CSV file ({_parser_message(exc)})", file=str(file)) from None
    except OSError as exc:
        raise DataError(f"cannot be read ({exc.strerror or exc})", file=str(file)) from None

    out, codes = {}, {}
    for f in fields:
        name = f["name"]
        col = raw[name]
        if f["type"] in ("integer", "number"):
            out[name] = _number(col, f, file)
        elif f["type"] == "boolean":
            true = (col == "true").to_numpy()
            if (true | (col == "false").to_numpy()).all():
                out[name] = true  # as gzkit writes them; other spellings go the long way
            else:  # other spellings (TRUE, yes, 1), spaces to strip, or an error to locate
                c, u, _ = _factorize(col)
                out[name] = _boolean(c, u, f, file)
        elif name not in coded:
            # Text (names, citations, vintages, evidence, notes): kept as written.
            if f.get("constraints", {}).get("required"):
                empty = (col == "").to_numpy()
                if empty.any():
                    raise DataError("a required value is empty", file=str(file), row=_line(file, empty), column=name)
            out[name] = col.astype("str")
        elif (
            "enum" in f.get("constraints", {})
            and name not in _keys(schema)
            and col.isin(set(f["constraints"]["enum"]) - {""}).all()
        ):
            # Every value is one of the choices as written: nothing to strip or report.
            out[name] = col.astype("str")
        else:
            # Checked on distinct values, not row by row.
            c, u, changed = _factorize(col)
            _check_strings(c, u, f, file)
            codes[name] = (c, u)
            out[name] = _text(col, c, u, changed)
    extra = {c: raw[c].astype("str") for c in raw.columns if c not in out}
    return pd.DataFrame({**out, **extra}, index=pd.RangeIndex(len(raw)), copy=False), codes


def _keys(schema: dict) -> set[str]:
    """Columns that identify or refer to a row: the primary key's and the foreign keys'."""
    return set(schema.get("primaryKey", [])) | {fk["fields"][0] for fk in schema.get("foreignKeys", [])}


def _coded(schema: dict) -> set[str]:
    """String columns validated as codes: stripped, and checked on their distinct values.

    Identifiers (a one-column primary key), references (foreign keys) and
    values with a pattern or a list of choices. Other text, including a
    citation that is part of a longer primary key, is kept as written.
    """
    key = schema.get("primaryKey", [])
    refs = {fk["fields"][0] for fk in schema.get("foreignKeys", [])}
    return {
        f["name"]
        for f in schema["fields"]
        if f["type"] == "string"
        and ({"pattern", "enum"} & set(f.get("constraints", {})) or f["name"] in refs or key == [f["name"]])
    }


def _parser_message(exc: Exception) -> str:
    return str(exc).replace("Error tokenizing data. C error: ", "").strip()


def _factorize(col: pd.Series) -> tuple[np.ndarray, pd.Index, bool]:
    """Codes and distinct values of a text column, values stripped, and whether stripping changed any.

    Stripping can make two distinct values equal (" a" and "a"): then the
    values are factorized again, so equal codes always mean equal values.
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(col.to_numpy(dtype=object))
    uniques = pd.Index(uniques, dtype=object)
    stripped = pd.Index([u.strip() if isinstance(u, str) else str(u).strip() for u in uniques], dtype=object)
    changed = not stripped.equals(uniques)
    if (codes < 0).any():
        # A missing value (only from a malformed row) counts as an empty one.
        stripped = stripped.append(pd.Index([""], dtype=object))
        codes = np.where(codes < 0, len(stripped) - 1, codes)
        changed = True
    if changed:
        remap, stripped = pd.factorize(stripped.to_numpy(), use_na_sentinel=False)
        codes = remap[codes]
        stripped = pd.Index(stripped, dtype=object)
    return codes, stripped, changed


def _text(col: pd.Series, codes, uniques, changed: bool) -> pd.Series:
    """The column as strings, rebuilt from its stripped distinct values when stripping changed any."""
    import numpy as np
    import pandas as pd

    values = np.asarray(uniques, dtype=object)[codes] if changed else col.to_numpy(dtype=object)
    return pd.Series(values).astype("str")


def _first_row(mask) -> int:
    """The 0-based record index of the first True."""
    import numpy as np

    return int(np.asarray(mask).argmax())


def _rows_with(codes, bad_uniques) -> np.ndarray:
    import numpy as np

    return np.isin(codes, np.flatnonzero(bad_uniques))


def _check_strings(codes, uniques, f: dict, file: Path) -> None:
    import numpy as np

    name, cons = f["name"], f.get("constraints", {})
    values = np.asarray(uniques, dtype=object)
    empty = values == ""
    if cons.get("required") and empty.any():
        raise DataError(
            "a required value is empty", file=str(file), row=_line(file, _rows_with(codes, empty)), column=name
        )
    if "enum" in cons:
        bad = ~np.isin(values, list(cons["enum"])) & ~empty
        if bad.any():
            rows = _rows_with(codes, bad)
            raise DataError(
                f"'{values[codes[_first_row(rows)]]}' is not one of {', '.join(cons['enum'])}",
                file=str(file),
                row=_line(file, rows),
                column=name,
            )
    if "pattern" in cons:
        # Patterns describe ASCII formats (codes, periods): \d and \w must not take other scripts' digits.
        pattern = re.compile(cons["pattern"], re.ASCII)
        bad = np.array([not empty[i] and pattern.fullmatch(v) is None for i, v in enumerate(values)], dtype=bool)
        if bad.any():
            rows = _rows_with(codes, bad)
            raise DataError(
                f"'{values[codes[_first_row(rows)]]}' does not match the pattern {cons['pattern']}",
                file=str(file),
                row=_line(file, rows),
                column=name,
            )


def _boolean(codes, uniques, f: dict, file: Path):
    import numpy as np

    values = np.asarray(uniques, dtype=object)
    name = f["name"]
    if f.get("constraints", {}).get("required") and (values == "").any():
        raise DataError(
            "a required value is empty", file=str(file), row=_line(file, _rows_with(codes, values == "")), column=name
        )
    bad = ~np.isin(values, list(_TRUE | _FALSE))
    if bad.any():
        rows = _rows_with(codes, bad)
        raise DataError(
            f"'{values[codes[_first_row(rows)]]}' is not true or false",
            file=str(file),
            row=_line(file, rows),
            column=name,
        )
    return np.isin(values, list(_TRUE))[codes] if len(values) else np.array([], dtype=bool)


def _number(col: pd.Series, f: dict, file: Path) -> pd.Series:
    """A numeric column, from the fast reader's numbers or from text."""
    import numpy as np
    import pandas as pd

    name, kind, cons = f["name"], f["type"], f.get("constraints", {})
    required = cons.get("required")
    if col.dtype == "int64":
        # Parsed as integers by the reader: present, finite and whole; only the range is left to check.
        ints = col.to_numpy()
        for bound, out_of in (
            ("minimum", ints < cons.get("minimum", -_MAX_INTEGER)),
            ("maximum", ints > cons.get("maximum", _MAX_INTEGER)),
        ):
            if out_of.any():
                limit = cons.get(bound, "-2**53" if bound == "minimum" else "2**53")
                raise DataError(
                    f"{ints[out_of][0]} is out of range ({bound} {limit})",
                    file=str(file),
                    row=_line(file, out_of),
                    column=name,
                )
        return col
    if col.dtype == object:
        text = col.fillna("").astype(str).str.strip()
        empty = (text == "").to_numpy()
        if required and empty.any():
            raise DataError("a required value is empty", file=str(file), row=_line(file, empty), column=name)
        num = pd.to_numeric(text.where(~empty), errors="coerce").astype("float64")
        bad = (num.isna() & ~empty).to_numpy()
        if bad.any():
            article = "an" if kind == "integer" else "a"
            raise DataError(
                f"'{text[bad].iloc[0]}' is not {article} {kind}", file=str(file), row=_line(file, bad), column=name
            )
        num = num.to_numpy()
    else:
        num = col.to_numpy(dtype="float64")
        if required and np.isnan(num).any():
            raise DataError("a required value is empty", file=str(file), row=_line(file, np.isnan(num)), column=name)
    present = ~np.isnan(num)
    with np.errstate(invalid="ignore"):
        infinite = np.isinf(num)
        if infinite.any():
            raise DataError(
                f"'{_written(file, name, infinite, num[infinite][0])}' is not a finite number",
                file=str(file),
                row=_line(file, infinite),
                column=name,
            )
        if kind == "integer":
            frac = present & (num != np.round(num))
            if frac.any():
                raise DataError(
                    f"'{_text_at(col, frac)}' is not an integer", file=str(file), row=_line(file, frac), column=name
                )
            huge = present & (np.abs(num) > _MAX_INTEGER)
            if huge.any():
                raise DataError(
                    f"'{_text_at(col, huge)}' is too large for an integer",
                    file=str(file),
                    row=_line(file, huge),
                    column=name,
                )
        for bound, out_of in (
            ("minimum", present & (num < cons.get("minimum", -np.inf))),
            ("maximum", present & (num > cons.get("maximum", np.inf))),
        ):
            if bound in cons and out_of.any():
                shown = num[out_of][0]
                shown = int(shown) if kind == "integer" else shown
                raise DataError(
                    f"{shown} is out of range ({bound} {cons[bound]})",
                    file=str(file),
                    row=_line(file, out_of),
                    column=name,
                )
    if kind == "integer":
        if required:
            return pd.Series(num.astype("int64"))
        return pd.Series(pd.arrays.IntegerArray(np.where(present, num, 0).astype("int64"), ~present))
    return pd.Series(num)


def _written(file: Path, column: str, mask, parsed: float) -> str:
    """The text the file holds where ``mask`` first flags a value: 1e400, not the inf it parsed to."""
    try:
        import pandas as pd

        raw = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig", usecols=[column])
        return str(raw[column].iloc[_first_row(mask)]).strip()
    except (OSError, ValueError, KeyError, IndexError, UnicodeDecodeError):  # report what was parsed instead
        return f"{parsed:g}"


def _text_at(col: pd.Series, mask) -> str:
    value = col.to_numpy()[_first_row(mask)]
    if isinstance(value, str):
        return value.strip()
    return f"{value:g}" if isinstance(value, float) else str(value)


# --------------------------------------------------------------------------- row numbers


def _line(file: Path, mask) -> int:
    """The CSV line (header = line 1) where the first flagged record starts.

    Records are counted as pandas reads them: quoted fields may span lines and
    blank lines are skipped, so the line is found by re-reading the file. This
    runs only when reporting an error.
    """
    index = _first_row(mask)
    try:
        with open(file, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            record = 0
            start = reader.line_num + 1
            for row in reader:
                if row:
                    if record == index:
                        return start
                    record += 1
                start = reader.line_num + 1
    except (OSError, UnicodeDecodeError, csv.Error):
        pass
    return index + 2


def _long_row(file: Path, width: int) -> int | None:
    try:
        with open(file, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            start = reader.line_num + 1
            for row in reader:
                if len(row) > width:
                    return start
                start = reader.line_num + 1
    except (OSError, UnicodeDecodeError, csv.Error):
        pass
    return None


def _undecodable_line(file: Path) -> int | None:
    try:
        data = file.read_bytes()
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data[: exc.start].count(b"\n") + 1
    except OSError:
        pass
    return None


# --------------------------------------------------------------------------- relations


def _key_codes(df: pd.DataFrame, codes: dict, column: str):
    import pandas as pd

    if column in codes:
        return codes[column]
    c, u = pd.factorize(df[column], use_na_sentinel=False)
    return c, u


def _combined(df: pd.DataFrame, codes: dict, columns: list[str]) -> tuple[np.ndarray, int]:
    """One int64 per row, equal exactly when the rows agree on ``columns``; and how many values it can take."""
    import numpy as np
    import pandas as pd

    key = np.zeros(len(df), dtype="int64")
    span = 1
    for column in columns:
        c, u = _key_codes(df, codes, column)
        size = max(len(u), 1)
        if span * size >= 2**62:
            # Too many combinations for one integer: fold what we have into dense codes first.
            key, uniques = pd.factorize(key)
            span = max(len(uniques), 1)
        key = key * size + np.asarray(c, dtype="int64")
        span *= size
    return key, span


def _duplicated(df: pd.DataFrame, codes: dict, columns: list[str]) -> np.ndarray:
    """Rows whose ``columns`` repeat an earlier row's.

    Text columns (not factorized) are compared only within the groups that
    already repeat on the coded columns: a citation is read only where two
    statements share indicator, region and period.
    """
    import numpy as np
    import pandas as pd

    coded = [c for c in columns if c in codes]
    rest = [c for c in columns if c not in codes]
    key, _ = _combined(df, codes, coded)
    if not rest:
        return pd.Series(key).duplicated(keep="first").to_numpy()
    dup = np.zeros(len(df), dtype=bool)
    maybe = np.flatnonzero(pd.Series(key).duplicated(keep=False).to_numpy())
    if len(maybe):
        sub = df[rest].iloc[maybe]
        sub_codes = {c: (codes[c][0][maybe], codes[c][1]) for c in coded}
        sub_key, _ = _combined(sub, sub_codes, columns)
        dup[maybe] = pd.Series(sub_key).duplicated(keep="first").to_numpy()
    return dup


def _check_keys(df: pd.DataFrame, codes: dict, schema: dict, frames: dict, file: Path) -> None:
    import numpy as np

    key = schema.get("primaryKey")
    if key and len(df):
        dup = _duplicated(df, codes, key)
        if dup.any():
            first = df.iloc[_first_row(dup)]
            shown = ", ".join(f"{k}={first[k]}" for k in key)
            raise DataError(f"duplicate primary key ({shown})", file=str(file), row=_line(file, dup), column=key[0])
    for fk in schema.get("foreignKeys", []):
        (col,) = fk["fields"]
        c, u = _key_codes(df, codes, col)
        ref = frames[fk["reference"]["resource"]][fk["reference"]["fields"][0]]
        values = np.asarray(u, dtype=object)
        dangling = ~np.isin(values, ref.to_numpy(dtype=object)) & (values != "")
        if dangling.any():
            rows = _rows_with(c, dangling)
            raise DataError(
                f"'{values[c[_first_row(rows)]]}' is not an id in {fk['reference']['resource']}.csv",
                file=str(file),
                row=_line(file, rows),
                column=col,
            )


# ASCII digits only: \d would also take ٢٠١٩ and ２０１９.
_PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{4})|-H([12]))?")


def _check_periods(obs: pd.DataFrame, codes: dict, file: Path) -> None:
    """Each observation's year is its period's last year (2016-2019 -> 2019; 2020-H1 -> 2020)."""
    import numpy as np

    if obs.empty:
        return
    c, u = codes["period"]
    last = np.array([period_span(p)[1] for p in u], dtype="int64")
    bad = last[c] != obs["year"].to_numpy()
    if bad.any():
        i = _first_row(bad)
        raise DataError(
            f"year {obs['year'].iat[i]} is not the last year of period {obs['period'].iat[i]}",
            file=str(file),
            row=_line(file, bad),
            column="year",
        )
    start, end = np.array([period_span(p) for p in u], dtype="int64").T
    backwards = (start > end)[c]
    if backwards.any():
        raise DataError(
            f"period {obs['period'].iat[_first_row(backwards)]} ends before it starts",
            file=str(file),
            row=_line(file, backwards),
            column="period",
        )


def _check_headlines(obs: pd.DataFrame, codes: dict, file: Path) -> None:
    """Exactly one headline statement per indicator, region and period."""
    import numpy as np
    import pandas as pd

    if obs.empty:
        return
    group, span = _combined(obs, codes, ["indicator", "region", "period"])
    if span > 4 * len(obs):  # sparse combinations: count over dense codes instead
        group, _ = pd.factorize(group)
    counts = np.bincount(group, weights=obs["headline"].to_numpy(dtype="int64")).astype("int64")
    bad = counts[group] != 1
    if bad.any():
        i = _first_row(bad)
        row = obs.iloc[i]
        raise DataError(
            f"{counts[group][i]} headline rows for indicator={row['indicator']}, region={row['region']}, "
            f"period={row['period']} (exactly one must be headline=true)",
            file=str(file),
            row=_line(file, bad),
            column="headline",
        )


def period_span(period: str) -> tuple[int, int]:
    """First and last year of a period string."""
    m = _PERIOD.fullmatch(period)
    if not m:
        raise ValueError(period)
    start = int(m.group(1))
    return start, int(m.group(2) or start)
