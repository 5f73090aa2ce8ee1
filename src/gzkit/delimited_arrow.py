"""CSV and TSV of a large frame through pyarrow's C++ writer, when pyarrow is installed.

pandas' ``to_csv`` turns every cell into a Python object before writing it: for
the 480,000 rows of a ``compare`` over 10^7 observations that is most of the
run. pyarrow writes the same text from the columns as they are (pandas keeps
its strings in Arrow when pyarrow is installed). The caller formats floats and
booleans as text first, as for pandas, so that both paths write the same bytes:
fields quoted only when they hold the separator, a quote or a line break, empty
for a missing value, one ``\\n`` per row.
"""

from __future__ import annotations

import csv
import io
from typing import Any, TextIO

import numpy as np
import pandas as pd

#: Rows per block handed to the writer: bounds the memory of one block of text.
CHUNK = 100_000

#: Below this many rows pandas is as fast, and nothing is imported.
MIN_ROWS = 20_000


def large(df: pd.DataFrame) -> bool:
    """Whether ``df`` is large enough for Arrow to pay (and pyarrow is installed): the columns are not looked at."""
    # A one-column row of an empty string is quoted by the csv module and not by Arrow.
    if len(df) < MIN_ROWS or len(df.columns) < 2:
        return False
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def available(df: pd.DataFrame) -> bool:
    """Whether the Arrow path applies: :func:`large`, and every column plain text or numbers."""
    if not large(df):
        return False
    for _, col in df.items():
        if col.dtype.kind in "iub":
            continue
        if isinstance(col.dtype, pd.StringDtype):
            continue
        if col.dtype == object and all(isinstance(v, str) for v in col.tolist()):
            continue
        return False
    return True


def write(df: pd.DataFrame, fh: TextIO, sep: str) -> None:
    """``df`` (floats and booleans already text) as CSV or TSV into the open text file ``fh``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    head = io.StringIO()
    # The header through the csv module, as pandas writes it.
    csv.writer(head, delimiter=sep, lineterminator="\n").writerow([str(c) for c in df.columns])
    fh.write(head.getvalue())
    special = _needs_quotes(sep)
    # Each column converted once; blocks are slices of these (a slice of the frame would copy its attrs).
    # pyarrow arrays of text, typed loosely: the stubs type each kernel's result by its input's kind.
    columns: list[tuple[Any, bool]] = []
    text: Any
    for name in df.columns:
        col = df[name]
        if col.dtype.kind == "b":
            columns.append((pa.array(np.where(col.to_numpy(), "true", "false")), False))
        elif col.dtype.kind in "iu":
            columns.append((pc.cast(pa.array(col, from_pandas=True), pa.string()), False))
        else:
            text = pa.array(col, type=pa.string(), from_pandas=True)
            # Asked of the distinct values: most columns repeat a few, and most never need quotes.
            distinct = pc.unique(text)
            columns.append((text, pc.any(pc.match_substring_regex(distinct, special)).as_py() is True))
    for start in range(0, len(df), CHUNK):
        fields: list[Any] = []
        for column, quotes in columns:
            text = column.slice(start, CHUNK)
            if quotes:
                needs = pc.fill_null(pc.match_substring_regex(text, special), False)
                quoted = pc.binary_join_element_wise('"', pc.replace_substring(text, '"', '""'), '"', "")
                text = pc.if_else(needs, quoted, text)
            fields.append(text)
        rows: Any = pc.binary_join_element_wise(*fields, pa.scalar(sep), null_handling="replace", null_replacement="")
        fh.write(_joined(pc.binary_join_element_wise(rows, "", "\n")))


def _joined(lines: Any) -> str:
    """The lines of an Arrow string array as one str, read from its data buffer (no Python string per line)."""
    import pyarrow as pa

    if lines.null_count or not (pa.types.is_string(lines.type) or pa.types.is_large_string(lines.type)):
        return "".join(str(line) for line in lines.to_pylist())
    width = 8 if pa.types.is_large_string(lines.type) else 4
    offsets = np.frombuffer(lines.buffers()[1], dtype=f"<i{width}", count=len(lines) + 1, offset=lines.offset * width)
    data = lines.buffers()[2]
    if data is None:
        return ""
    block: bytes = data[int(offsets[0]) : int(offsets[-1])].to_pybytes()
    return block.decode("utf-8")


def _needs_quotes(sep: str) -> str:
    """A pattern of the characters that make the csv module quote a field (its minimal quoting).

    The separator, the quote and ``\\n`` always; whether ``\\r`` does with a ``\\n``
    line end depends on the Python version, so the module itself is asked.
    """
    probe = io.StringIO()
    csv.writer(probe, delimiter=sep, lineterminator="\n").writerow(["a\rb", "c"])
    cr = "\\r" if probe.getvalue().startswith('"') else ""
    return "[" + ("\\t" if sep == "\t" else "\\" + sep) + '"\\n' + cr + "]"
