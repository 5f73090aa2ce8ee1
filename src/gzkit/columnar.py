"""A table kept compact until someone reads it: text as codes into its distinct values.

A national panel repeats a few dozen indicator ids, a few hundred regions and two
releases over millions of rows. Held as Python or Arrow strings, every text column
of ten million observations is a few hundred megabytes of fresh memory, and on the
machines gzkit is measured on, touching fresh memory costs more than parsing it.
:class:`Columns` keeps each text column as one small unsigned code per row and its
distinct values once, and builds ordinary pandas columns only for the rows asked
for (:meth:`Columns.frame`). The codes are read-only: every frame built from them is
the caller's own.

Building text columns needs pyarrow (the loader uses :class:`Columns` only when it
is installed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


@dataclass(frozen=True)
class Coded:
    """A text column as codes (one per row) into its distinct values (an Arrow string array)."""

    codes: np.ndarray
    values: Any  # a pyarrow string array


def smallest_codes(codes: np.ndarray, distinct: int) -> np.ndarray:
    """``codes`` in the smallest unsigned integer type that holds ``distinct`` values, read-only."""
    import numpy as np

    out = np.asarray(codes).astype(np.min_scalar_type(max(distinct - 1, 0)), copy=False)
    out.flags.writeable = False
    return out


class Columns:
    """The columns of one table, in order: :class:`Coded` text, or a numpy or pandas array."""

    def __init__(self, columns: dict[str, Any], length: int) -> None:
        self.columns = columns
        self.length = length

    def __len__(self) -> int:
        return self.length

    @property
    def names(self) -> list[str]:
        return list(self.columns)

    @property
    def empty(self) -> bool:
        return self.length == 0

    def __getitem__(self, name: str) -> pd.Series:
        """One column, built as a Series (the checks read numbers this way; text only to report an error)."""
        return self.frame(names=[name])[name]

    @property
    def iloc(self) -> _Rows:
        """``table.iloc[i]``: row ``i`` as a Series, as a DataFrame gives it (for error messages)."""
        return _Rows(self)

    def numbers(self, name: str) -> np.ndarray:
        """A numeric or boolean column as a read-only numpy array (no copy)."""
        import numpy as np

        view: np.ndarray = np.asarray(self.columns[name]).view()
        view.flags.writeable = False
        return view

    def take(self, rows: np.ndarray) -> Columns:
        """Only ``rows`` (0-based positions, in the order given), still compact."""
        taken = {}
        for name, col in self.columns.items():
            taken[name] = Coded(col.codes[rows], col.values) if isinstance(col, Coded) else col[rows]
        return Columns(taken, len(rows))

    def frame(self, rows: np.ndarray | None = None, names: Iterable[str] | None = None) -> pd.DataFrame:
        """An ordinary DataFrame of ``rows`` (all by default) and ``names`` (all by default), index 0..n-1."""
        import pandas as pd
        import pyarrow as pa
        import pyarrow.compute as pc

        length = self.length if rows is None else len(rows)
        out: dict[str, Any] = {}
        for name in self.names if names is None else names:
            col = self.columns[name]
            if isinstance(col, Coded):
                codes = col.codes if rows is None else col.codes[rows]
                taken: Any = pc.take(col.values, pa.array(codes))
                out[name] = pd.array(taken, dtype="str")
            else:
                # A copy either way: the caller may change the frame, the table stays as loaded.
                out[name] = col.copy() if rows is None else col[rows]
        frame: pd.DataFrame = pd.DataFrame(out, index=pd.RangeIndex(length), copy=False)
        return frame


class _Rows:
    def __init__(self, table: Columns) -> None:
        self.table = table

    def __getitem__(self, row: int) -> pd.Series:
        import numpy as np

        one: pd.Series = self.table.frame(np.array([row])).iloc[0]
        return one


class LazyFrame:
    """A dataclass field holding a DataFrame or :class:`Columns`, built into a DataFrame when first read."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, obj: object, owner: type | None = None) -> pd.DataFrame:
        if obj is None:
            # A dataclass asks the class for a default: there is none.
            raise AttributeError(self.slot)
        value = obj.__dict__[self.slot]
        if isinstance(value, Columns):
            value = value.frame()
            obj.__dict__[self.slot] = value
        frame: pd.DataFrame = value
        return frame

    def __set__(self, obj: object, value: pd.DataFrame | Columns) -> None:
        obj.__dict__[self.slot] = value

    def stored(self, obj: object) -> pd.DataFrame | Columns:
        """The value as held: :class:`Columns` until the frame has been read."""
        return obj.__dict__[self.slot]  # type: ignore[no-any-return]  # __set__ stores only these
