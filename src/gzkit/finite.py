"""The finite-number guard: every derived number is a finite number, or empty with a reason.

Ratios, rates and implied values can leave the floating-point range on valid
inputs (a rural income of 1e-310 makes the urban/rural ratio overflow; rounding
to six decimals multiplies by a million, which overflows above about 1.8e302).
Every derived result passes through :func:`rounded`, which never makes an
infinity and never lets numpy print a warning; and every frame gzkit writes
passes through :func:`frame`, which turns any infinity left over into an empty
value and says so in the ``note`` column (``undefined: ratio is too large to
represent``). CSV, TSV, JSON and tables therefore carry the same thing: a number
or nothing, never ``inf``, ``nan`` or a silent ``null``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import ArrayLike

#: Above this a float64 has no digits after the decimal point to round.
_NO_FRACTION = 2.0**52

#: Decimal places kept in derived numbers: enough for any published precision, no float noise.
DERIVED_DECIMALS = 6


def rounded(x: ArrayLike, decimals: int) -> Any:
    """``x`` (a number or an array) rounded to ``decimals``; NaN where it is not a finite number."""
    import numpy as np

    a = np.array(x, dtype="float64", copy=True)
    with np.errstate(all="ignore"):
        fractional = np.isfinite(a) & (np.abs(a) < _NO_FRACTION)
        # Only numbers with a fraction are rounded: scaling a huge one by 10**decimals would overflow.
        a = np.where(fractional, np.round(np.where(fractional, a, 0.0), decimals), a)
        a = np.where(np.isfinite(a), a, np.nan)
    return a if a.ndim else a[()]


def derived_number(x: ArrayLike) -> np.ndarray:
    """A derived number (or array) as gzkit keeps it: rounded to :data:`DERIVED_DECIMALS`, NaN if not finite.

    >>> float(derived_number(65052 / 28868))
    2.253429
    """
    import numpy as np

    return np.asarray(rounded(x, DERIVED_DECIMALS))


def is_finite(x: object) -> bool:
    """Whether ``x`` is one finite number; False for None, NaN, ``pd.NA``, infinities and text.

    >>> is_finite(2.25), is_finite(float("nan")), is_finite(None), is_finite("2.25")
    (True, False, False, False)
    """
    if x is None or isinstance(x, (str, bytes)):
        return False
    try:
        return math.isfinite(float(x))  # type: ignore[arg-type]  # any number type: int, float, numpy scalars
    except (TypeError, ValueError):
        return False


def quiet() -> np.errstate:
    """A context in which numpy computes without printing floating-point warnings (the guard reports them)."""
    import numpy as np

    return np.errstate(all="ignore")


def frame(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every infinite float made empty and noted in ``note`` (a copy only when something changed)."""
    import numpy as np

    bad_columns = []
    for col in df.columns:
        if df[col].dtype.kind == "f":
            values = df[col].to_numpy()
            if np.isinf(values).any():
                bad_columns.append(col)
    if not bad_columns:
        return df
    out = df.copy()
    if "note" not in out.columns:
        out["note"] = ""  # the reason must travel with the emptied value
    from gzkit.i18n import T
    from gzkit.notes import join_two, note_column

    # A note that is Text stays Text (Chinese for a Chinese reader); a missing one is no note.
    notes = [n if isinstance(n, str) else "" for n in out["note"].tolist()]
    for col in bad_columns:
        infinite = np.isinf(out[col].to_numpy())
        out[col] = out[col].where(~infinite, np.nan)
        why = T("undefined: {column} is too large to represent", column=col)
        notes = [join_two(n, why) if bad else n for n, bad in zip(notes, infinite.tolist())]
    out["note"] = note_column(notes, out.index)
    out.attrs = dict(df.attrs)
    result: pd.DataFrame = out
    return result
