"""Reading a large CSV file of a data package with pyarrow's multi-threaded reader, kept compact.

Every text column is read dictionary-encoded: its distinct values once and one
code per row, never one string object per row. The checks run on those distinct
values and codes (:mod:`gzkit.validation`), and the table is returned as
:class:`gzkit.columnar.Columns`, so that a command reading a few years of ten
million observations builds only those rows.

This path only vouches for files it reads cleanly. Anything it does not accept as
gzkit's own reader would (a value pyarrow cannot convert, a row of the wrong
width, text that is not UTF-8, a number written ``nan``, a failed check) makes
:func:`read_table` return None, and the caller reads the file with pandas
(:func:`gzkit.reading.read_table`), which accepts the same files and names the
exact line of the first problem.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gzkit.columnar import Coded, Columns, smallest_codes
from gzkit.errors import DataError
from gzkit.reading import coded_columns, number_column, strip_codes
from gzkit.validation import TRUE_WORDS, boolean_column, check_strings

if TYPE_CHECKING:
    import numpy as np

#: Bytes of the file parsed at a time: each block's buffers are reused for the next.
BLOCK_BYTES = 4 << 20

#: Files smaller than this are read by pandas: for them importing pyarrow costs more than it saves.
MIN_BYTES = 4_000_000

Codes = dict[str, tuple["np.ndarray", "np.ndarray"]]


def available(file: Path) -> bool:
    """Whether ``file`` is large enough for this reader and pyarrow is installed."""
    try:
        if file.stat().st_size < MIN_BYTES:
            return False
        import pyarrow.csv  # noqa: F401
    except (OSError, ImportError):
        return False
    return True


def read_table(file: Path, schema: dict[str, Any], header: list[str]) -> tuple[Columns, Codes] | None:
    """The checked table of ``file`` and the (codes, distinct values) of its text columns; None to fall back."""
    import pyarrow as pa

    kinds = {f["name"]: f["type"] for f in schema["fields"]}
    types = {}
    for name in header:
        kind = kinds.get(name, "string")
        types[name] = (
            pa.int64()
            if kind == "integer"
            else pa.float64()
            if kind == "number"
            else pa.dictionary(pa.int32(), pa.string())
        )
    try:
        pieces = split_points(file, PIECES)
        if len(pieces) == 1:
            parsed = [_read_piece(file, pieces[0], header, types)]
        else:
            from concurrent.futures import ThreadPoolExecutor

            # pyarrow parses without the GIL: each piece of the file on its own core.
            with ThreadPoolExecutor(max_workers=len(pieces)) as pool:
                parsed = list(pool.map(lambda piece: _read_piece(file, piece, header, types), pieces))
    except (pa.ArrowException, ValueError, OSError):
        return None
    parts: dict[str, list[Any]] = {name: [p for piece in parsed for p in piece[0][name]] for name in header}
    rows = sum(piece[1] for piece in parsed)
    try:
        return _checked(parts, types, rows, schema, file)
    except DataError:
        # pandas' reader names the line; this reader counts records the same way but leaves nothing to chance.
        return None


#: Pieces of a large file parsed at the same time, at most (one per core).
PIECES = min(os.cpu_count() or 1, 4)

#: Files smaller than this are parsed in one piece: a second reader would not pay for itself.
SPLIT_BYTES = 64 << 20


def split_points(file: Path, pieces: int, least: int | None = None) -> list[tuple[int, int]]:
    """Byte ranges of ``file`` (the first holds the header) that separate readers parse as one reader would.

    A range may start only right after a line feed that no quote precedes anywhere in the
    file: there a record certainly starts (a line feed inside a quoted value needs a quote
    before it). Each cut is moved back to the last such line feed before an even share of
    the file; a file with a quote near its start is therefore read in one piece, or in
    pieces of uneven length. Files smaller than ``least`` (:data:`SPLIT_BYTES`) are one piece.
    """
    import mmap

    size = file.stat().st_size
    if pieces < 2 or size < (SPLIT_BYTES if least is None else least):
        return [(0, size)]
    wanted = [size * k // pieces for k in range(1, pieces)]
    with open(file, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as view:
        header_end = view.find(b"\n") + 1
        quote = view.find(b'"', 0, wanted[-1])
        limit = wanted[-1] if quote < 0 else quote
        cuts = {view.rfind(b"\n", 0, min(w, limit)) + 1 for w in wanted}
    # Never inside the header's line, never an empty range.
    starts = [0, *sorted(c for c in cuts if header_end < c < size)]
    return list(zip(starts, [*starts[1:], size], strict=True))


def _read_piece(
    file: Path, piece: tuple[int, int], header: list[str], types: dict[str, Any]
) -> tuple[dict[str, list[Any]], int]:
    """The blocks of one byte range of ``file``: per column, (small codes, dictionary) or numbers; and the rows."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    start, stop = piece
    # A piece is a stream of pyarrow's own over the file: no Python (and no GIL) between reads.
    handle = None if start == 0 and stop == file.stat().st_size else pa.OSFile(str(file), "r")
    source: Any = file if handle is None else handle.get_stream(start, stop - start)
    parts: dict[str, list[Any]] = {name: [] for name in header}
    rows = 0
    try:
        reader = pcsv.open_csv(
            source,
            read_options=pcsv.ReadOptions(
                column_names=header, skip_rows=1 if start == 0 else 0, block_size=BLOCK_BYTES
            ),
            # Quoted values may hold line breaks, as the csv module and pandas allow.
            parse_options=pcsv.ParseOptions(newlines_in_values=True),
            convert_options=pcsv.ConvertOptions(
                column_types=types,
                null_values=[""],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                true_values=[],
                false_values=[],
            ),
        )
        for batch in reader:
            rows += batch.num_rows
            column: Any  # a pyarrow array: dictionary-encoded text, or numbers
            for name, column in zip(header, batch.columns):
                if pa.types.is_dictionary(column.type):
                    # The block's own codes, made small now: its int32 indices are freed with the block.
                    parts[name].append((_small(column.indices, len(column.dictionary)), column.dictionary))
                else:
                    parts[name].append(column)
    finally:
        if handle is not None:
            source.close()
            handle.close()
    return parts, rows


def _small(indices: Any, distinct: int) -> np.ndarray:
    import numpy as np

    small: np.ndarray = indices.to_numpy(zero_copy_only=False).astype(np.min_scalar_type(max(distinct - 1, 0)))
    return small


def _dictionary(parts: list[tuple[np.ndarray, Any]], rows: int) -> tuple[np.ndarray, np.ndarray]:
    """One code per row into the distinct values of the whole column (a numpy object array).

    Each block of the file comes with its own dictionary: the column's distinct values are
    those of all blocks, and each block's codes are mapped onto them.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    distinct = (
        pa.chunked_array([d for _, d in parts], type=pa.string()).unique() if parts else pa.array([], pa.string())
    )
    codes = np.empty(rows, dtype=np.min_scalar_type(max(len(distinct) - 1, 0)))
    at = 0
    for local, dictionary in parts:
        onto = pc.index_in(dictionary, value_set=distinct).to_numpy(zero_copy_only=False)
        codes[at : at + len(local)] = onto[local]
        at += len(local)
    return codes, np.array(distinct.to_pylist(), dtype=object)


def _checked(
    parts: dict[str, list[Any]], types: dict[str, Any], rows: int, schema: dict[str, Any], file: Path
) -> tuple[Columns, Codes] | None:
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    fields = {f["name"]: f for f in schema["fields"]}
    coded = coded_columns(schema)
    order = [f["name"] for f in schema["fields"]] + [n for n in parts if n not in fields]
    out: dict[str, Any] = {}
    codes: Codes = {}
    for name in order:
        f = fields.get(name, {"name": name, "type": "string"})
        if f["type"] in ("integer", "number"):
            column = pa.chunked_array(parts[name], type=types[name])
            if f["type"] == "number" and column.null_count < len(column):
                # pyarrow reads nan and inf as numbers; pandas' reader decides what they are.
                if pc.any(pc.is_nan(column)).as_py():
                    return None
            required = f.get("constraints", {}).get("required")
            if column.null_count and required:
                return None
            if f["type"] == "number" or not required:
                # As pandas reads them: an integer that may be empty goes through float64 to Int64.
                values = pd.Series(column.to_numpy(zero_copy_only=False).astype("float64"), copy=False)
            else:
                values = pd.Series(column.to_numpy(zero_copy_only=False), copy=False)
            checked = number_column(values, f, file)
            out[name] = checked.array if checked.dtype == "Int64" else checked.to_numpy()
            continue
        c, u = _dictionary(parts.pop(name), rows)
        if f["type"] == "boolean":
            if np.isin(u, ["true", "false"]).all():
                out[name] = np.isin(u, list(TRUE_WORDS))[c] if len(u) else np.zeros(len(c), dtype=bool)
            else:
                c, stripped, _ = strip_codes(c, u)
                out[name] = boolean_column(c, stripped, f, file)
            continue
        if name in coded:
            c, stripped, _ = strip_codes(c, u)
            check_strings(c, stripped, f, file)
            u = np.asarray(stripped, dtype=object)
        elif f.get("constraints", {}).get("required") and (u == "").any():
            return None
        c = smallest_codes(c, len(u))
        codes[name] = (c, u)
        out[name] = Coded(c, pa.array(list(u), type=pa.string()))
    return Columns(out, rows), codes
