"""Reading one CSV file of a data package into a typed, checked frame with pandas' C reader.

pandas parses numbers directly (int64/float64); code columns (identifiers,
references, patterns, choices) are factorized once and checked on their distinct
values (:mod:`gzkit.validation`). When the fast reader rejects a value, the file is
read again as text and checked column by column, which finds the exact row.
"""

from __future__ import annotations

import csv
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gzkit.csv_rows import first_row, long_row, record_line, undecodable_line
from gzkit.errors import DataError
from gzkit.i18n import N_, T, Text
from gzkit.optional_columns import optional
from gzkit.validation import Codes, Spec, boolean_column, check_strings

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import ArrayLike

#: The words for a range's ends in a message.
_BOUNDS = {"minimum": Text(N_("minimum")), "maximum": Text(N_("maximum"))}

#: Integers beyond this lose precision as floats; no figure in a statistical record needs them.
_MAX_INTEGER = 2**53


def empty_frame(schema: Spec) -> pd.DataFrame:
    import pandas as pd

    frame: pd.DataFrame = pd.DataFrame({f["name"]: pd.Series(dtype=_dtype(f)) for f in schema["fields"]})
    return frame


def _dtype(f: Spec) -> str:
    required = f.get("constraints", {}).get("required")
    return {
        "integer": "int64" if required else "Int64",
        "number": "float64",
        "boolean": "bool",
    }.get(f["type"], "str")


# --------------------------------------------------------------------------- reading


def read_header(file: Path) -> list[str]:
    try:
        with open(file, encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh), None)
    except UnicodeDecodeError:
        raise DataError(T("not UTF-8 text"), file=str(file), row=undecodable_line(file)) from None
    except csv.Error as exc:
        raise DataError(T("not a readable CSV header ({reason})", reason=str(exc)), file=str(file), row=1) from None
    except OSError as exc:
        raise DataError(T("cannot be read ({reason})", reason=str(exc.strerror or exc)), file=str(file)) from None
    if not header or not any(h.strip() for h in header):
        raise DataError(T("the file is empty (no header row)"), file=str(file), row=1)
    header = [h.strip() for h in header]
    seen = set()
    for h in header:
        if h in seen:
            raise DataError(T("the column appears twice in the header"), file=str(file), row=1, column=h)
        seen.add(h)
    return header


def checked_header(file: Path, schema: Spec) -> list[str]:
    """The header of ``file``, which must name every column of ``schema`` but the optional ones."""
    fields = schema["fields"]
    header = read_header(file)
    missing = [f["name"] for f in fields if f["name"] not in header and not optional(f)]
    if missing:
        raise DataError(
            T(
                "missing column(s) {missing}; expected columns: {expected}",
                missing=", ".join(missing),
                expected=", ".join(f["name"] for f in fields),
            ),
            file=str(file),
            column=missing[0],
        )
    return header


def _read_csv(file: Path, header: list[str], dtypes: dict[str, Any], na: dict[str, list[str]]) -> pd.DataFrame:
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


def read_table(file: Path, schema: Spec, header: list[str] | None = None) -> tuple[pd.DataFrame, Codes]:
    """The typed frame of one CSV, and the factorized (codes, distinct values) of its checked string columns.

    ``header`` is the file's header when the caller has already read it (:func:`checked_header`).
    """
    import pandas as pd

    fields = schema["fields"]
    header = checked_header(file, schema) if header is None else header

    coded = coded_columns(schema)
    as_text: dict[str, Any] = {h: object for h in header}
    typed = dict(as_text)
    na: dict[str, list[str]] = {}
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
        raise DataError(T("not UTF-8 text"), file=str(file), row=undecodable_line(file)) from None
    except pd.errors.EmptyDataError:
        raise DataError(T("the file is empty (no header row)"), file=str(file)) from None
    except pd.errors.ParserWarning:
        raise DataError(
            T("a row has more fields than the header"), file=str(file), row=long_row(file, len(header))
        ) from None
    except pd.errors.ParserError as exc:
        raise DataError(T("not a readable CSV file ({reason})", reason=_parser_message(exc)), file=str(file)) from None
    except OSError as exc:
        raise DataError(T("cannot be read ({reason})", reason=str(exc.strerror or exc)), file=str(file)) from None

    out: dict[str, Any] = {}
    codes: Codes = {}
    for f in fields:
        name = f["name"]
        col = raw[name]
        if f["type"] in ("integer", "number"):
            out[name] = number_column(col, f, file)
        elif f["type"] == "boolean":
            true = (col == "true").to_numpy()
            if (true | (col == "false").to_numpy()).all():
                out[name] = true  # as gzkit writes them; other spellings go the long way
            else:  # other spellings (TRUE, yes, 1), spaces to strip, or an error to locate
                c, u, _ = factorize(col)
                out[name] = boolean_column(c, u, f, file)
        elif name not in coded:
            # Text (names, citations, vintages, evidence, notes): kept as written.
            if f.get("constraints", {}).get("required"):
                empty = (col == "").to_numpy()
                if empty.any():
                    raise DataError(
                        T("a required value is empty"), file=str(file), row=record_line(file, empty), column=name
                    )
            out[name] = col.astype("str")
        elif (
            "enum" in f.get("constraints", {})
            and name not in key_columns(schema)
            and col.isin(set(f["constraints"]["enum"]) - {""}).all()
        ):
            # Every value is one of the choices as written: nothing to strip or report.
            out[name] = col.astype("str")
        else:
            # Checked on distinct values, not row by row.
            c, u, changed = factorize(col)
            check_strings(c, u, f, file)
            codes[name] = (c, u)
            out[name] = text_column(col, c, u, changed)
    extra = {c: raw[c].astype("str") for c in raw.columns if c not in out}
    return pd.DataFrame({**out, **extra}, index=pd.RangeIndex(len(raw)), copy=False), codes


def key_columns(schema: Spec) -> set[str]:
    """Columns that identify or refer to a row: the primary key's and the foreign keys'."""
    return set(schema.get("primaryKey", [])) | {fk["fields"][0] for fk in schema.get("foreignKeys", [])}


def coded_columns(schema: Spec) -> set[str]:
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


def factorize(col: pd.Series) -> tuple[np.ndarray, pd.Index, bool]:
    """Codes and distinct values of a text column, values stripped, and whether stripping changed any."""
    import pandas as pd

    codes, uniques = pd.factorize(col.to_numpy(dtype=object))
    return strip_codes(codes, uniques)


def strip_codes(codes: np.ndarray, uniques: ArrayLike) -> tuple[np.ndarray, pd.Index, bool]:
    """``codes`` into ``uniques`` with the values stripped of surrounding spaces, and whether any changed.

    Stripping can make two distinct values equal (" a" and "a"): then the
    values are factorized again, so equal codes always mean equal values. A
    negative code (a missing value, only from a malformed row) counts as an empty one.
    """
    import numpy as np
    import pandas as pd

    # pandas-stubs type an Index by its values; these are object Indexes of text of any kind, so Any here.
    index: Any = pd.Index
    given: Any = index(uniques, dtype=object)
    stripped: Any = index([u.strip() if isinstance(u, str) else str(u).strip() for u in given], dtype=object)
    changed = not stripped.equals(given)
    if (codes < 0).any():
        stripped = stripped.append(pd.Index([""], dtype=object))
        codes = np.where(codes < 0, len(stripped) - 1, codes)
        changed = True
    if changed:
        remap, stripped = pd.factorize(stripped.to_numpy(), use_na_sentinel=False)
        codes = remap[codes]
        stripped = pd.Index(stripped, dtype=object)
    return codes, stripped, changed


def text_column(col: pd.Series, codes: np.ndarray, uniques: ArrayLike, changed: bool) -> pd.Series:
    """The column as strings, rebuilt from its stripped distinct values when stripping changed any."""
    import numpy as np
    import pandas as pd

    values = np.asarray(uniques, dtype=object)[codes] if changed else col.to_numpy(dtype=object)
    text: pd.Series = pd.Series(values).astype("str")
    return text


def number_column(col: pd.Series, f: Spec, file: Path) -> pd.Series:
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
                    T(
                        "{value} is out of range ({bound} {limit})",
                        value=ints[out_of][0],
                        bound=_BOUNDS[bound],
                        limit=limit,
                    ),
                    file=str(file),
                    row=record_line(file, out_of),
                    column=name,
                )
        return col
    if col.dtype == object:
        text = col.fillna("").astype(str).str.strip()
        empty = (text == "").to_numpy()
        if required and empty.any():
            raise DataError(T("a required value is empty"), file=str(file), row=record_line(file, empty), column=name)
        num = pd.to_numeric(text.where(~empty), errors="coerce").astype("float64")
        bad = (num.isna() & ~empty).to_numpy()
        if bad.any():
            raise DataError(
                T("'{value}' is not an integer", value=text[bad].iloc[0])
                if kind == "integer"
                else T("'{value}' is not a number", value=text[bad].iloc[0]),
                file=str(file),
                row=record_line(file, bad),
                column=name,
            )
        num = num.to_numpy()
    else:
        num = col.to_numpy(dtype="float64")
        if required and np.isnan(num).any():
            raise DataError(
                T("a required value is empty"), file=str(file), row=record_line(file, np.isnan(num)), column=name
            )
    present = ~np.isnan(num)
    with np.errstate(invalid="ignore"):
        infinite = np.isinf(num)
        if infinite.any():
            raise DataError(
                T("'{value}' is not a finite number", value=_written(file, name, infinite, num[infinite][0])),
                file=str(file),
                row=record_line(file, infinite),
                column=name,
            )
        if kind == "integer":
            for flagged, words in (
                (present & (num != np.round(num)), N_("'{value}' is not an integer")),
                (present & (np.abs(num) > _MAX_INTEGER), N_("'{value}' is too large for an integer")),
            ):
                if flagged.any():
                    raise DataError(
                        Text(words, {"value": _text_at(col, flagged)}),
                        file=str(file),
                        row=record_line(file, flagged),
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
                    T(
                        "{value} is out of range ({bound} {limit})",
                        value=shown,
                        bound=_BOUNDS[bound],
                        limit=cons[bound],
                    ),
                    file=str(file),
                    row=record_line(file, out_of),
                    column=name,
                )
    result: pd.Series
    if kind == "integer" and required:
        result = pd.Series(num.astype("int64"), copy=False)
    elif kind == "integer":
        result = pd.Series(pd.arrays.IntegerArray(np.where(present, num, 0).astype("int64"), ~present))
    else:
        result = pd.Series(num, copy=False)
    return result


def _written(file: Path, column: str, mask: ArrayLike, parsed: float) -> str:
    """The text the file holds where ``mask`` first flags a value: 1e400, not the inf it parsed to."""
    try:
        import pandas as pd

        raw = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig", usecols=[column])
        return str(raw[column].iloc[first_row(mask)]).strip()
    except (OSError, ValueError, KeyError, IndexError, UnicodeDecodeError):  # report what was parsed instead
        return f"{parsed:g}"


def _text_at(col: pd.Series, mask: ArrayLike) -> str:
    value = col.to_numpy()[first_row(mask)]
    if isinstance(value, str):
        return value.strip()
    return f"{value:g}" if isinstance(value, float) else str(value)


# --------------------------------------------------------------------------- row numbers
