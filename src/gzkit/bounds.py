"""Qualifier arithmetic: what a derived number can claim, given what its inputs claim.

The report states many figures as bounds ("突破1.2万家": more than 12,000) or
approximations ("约381公里"). A number computed from them inherits a qualifier:

* every derived formula in gzkit is monotone in each input on its domain
  (positive bases), so each input is given a *sign*: +1 when the result rises
  with the input, -1 when it falls;
* an input that is a lower bound (``>``, ``>=``) pushes the result in the
  direction of its sign, an upper bound (``<``, ``<=``) in the opposite one;
* if every bounded input pushes the same way, the result is a bound in that way
  (strict when any pushing input is strict); if they push opposite ways, the
  result bounds nothing and its qualifier is ``?``;
* otherwise any approximate (``~``) input makes the result approximate (``~``);
  a bound combined with an approximation is reported as ``~``, because the
  approximation can move it either way;
* exact inputs give an exact (``=``) result.

Example: CAGR rises with the end value and falls with the start value, so the
CAGR from exactly 1,919 to more than 12,000 is more than 58.13%.

:func:`interval` gives the numbers one statement allows: for a published figure,
its rounding range, which depends on how it was rounded. Most figures were
rounded to the nearest unit of their last digit (6.8% covers 6.75 to 6.85); a
figure whose digits were cut off (``rounding = truncated``: the report's 2.3万亿
for a GDP of 23628.6) covers the value up to one unit of its last digit
(23000 to 24000). Every range gzkit derives goes through it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

#: One input's qualifiers: a single qualifier, or one per row (array, Series, list).
Qualifiers = str | npt.ArrayLike

QUALIFIERS = ("=", "~", ">", ">=", "<", "<=")
ROUNDINGS = ("nearest", "truncated")
UNBOUNDED = "?"

_DIRECTION = {"=": 0, "~": 0, ">": 1, ">=": 1, "<": -1, "<=": -1}
_STRICT = {">", "<"}


def combine(qualifiers: Sequence[Qualifiers], signs: Sequence[int]) -> Any:
    """The qualifier of a result from its inputs' qualifiers and monotonicity signs.

    ``qualifiers`` holds one item per input: a qualifier string, or an array-like
    of them (vectorised over rows). Returns a string when every input is a string,
    else a numpy array of strings (``Any`` to its callers, which know which they passed).

    >>> combine(["=", ">"], [-1, +1])      # CAGR(start exact, end lower bound)
    '>'
    >>> combine([">", ">"], [-1, +1])      # both lower bounds: pushes both ways
    '?'
    """
    scalar = all(isinstance(q, str) for q in qualifiers)
    cols = [np.atleast_1d(np.asarray(q, dtype=object)) for q in qualifiers]
    n = max(len(c) for c in cols)
    cols = [np.broadcast_to(c, (n,)) for c in cols]
    up = np.zeros(n, dtype=bool)
    down = np.zeros(n, dtype=bool)
    strict = np.zeros(n, dtype=bool)
    approx = np.zeros(n, dtype=bool)
    unknown = np.zeros(n, dtype=bool)
    for col, sign in zip(cols, signs):
        # Looked up once per distinct qualifier: a column holds a handful of them.
        codes, distinct = pd.factorize(col, use_na_sentinel=False)
        direction = np.array([_DIRECTION.get(q, 0) for q in distinct], dtype=np.int64).take(codes) * sign
        is_strict = np.isin(col, list(_STRICT))
        up |= direction > 0
        down |= direction < 0
        strict |= is_strict & (direction != 0)
        approx |= col == "~"
        unknown |= col == UNBOUNDED
    out = np.full(n, "=", dtype=object)
    out[approx] = "~"
    out[up & ~approx] = np.where(strict[up & ~approx], ">", ">=")
    out[down & ~approx] = np.where(strict[down & ~approx], "<", "<=")
    out[(up & down) | unknown] = UNBOUNDED
    return str(out[0]) if scalar else out


def invert(qualifier: Qualifiers) -> Any:
    """The qualifier of -x (or of 1/x for positive x) given that of x."""
    swap = {">": "<", ">=": "<=", "<": ">", "<=": ">="}
    if isinstance(qualifier, str):
        return swap.get(qualifier, qualifier)
    return pd.Series(qualifier).map(lambda q: swap.get(q, q)).to_numpy()


def satisfies(value: float, qualifier: str, truth: float) -> bool | np.bool_:
    """Whether ``truth`` is consistent with a stated ``value`` and its qualifier.

    Used by the tests: a derived bound must hold for every truth its inputs allow.
    ``~`` and ``?`` claim nothing checkable and always hold.
    """
    return {
        "=": np.isclose(truth, value, rtol=1e-9, atol=1e-9),
        ">": truth > value or np.isclose(truth, value),
        ">=": truth >= value or np.isclose(truth, value),
        "<": truth < value or np.isclose(truth, value),
        "<=": truth <= value or np.isclose(truth, value),
    }.get(qualifier, True)


def interval(
    value: npt.ArrayLike, qualifier: Qualifiers, decimals: npt.ArrayLike, rounding: Qualifiers = "nearest"
) -> Any:
    """The lowest and highest numbers a published statement allows: ``(low, high)``.

    * ``=`` rounded to the nearest unit of its last digit (``decimals`` digits after
      the point, negative for tens, hundreds...): value ± half a unit;
    * ``=`` truncated (its digits cut off, not rounded): from the value up to one
      unit of its last digit, away from zero (23000 with decimals -3: 23000 to 24000);
    * ``>`` ``>=``: from the value up; ``<`` ``<=``: up to the value;
    * ``~`` and ``?``: anything (approximate claims no range).

    A truncated range is half-open at its far end; the bound returned is its
    closure. Vectorised: each argument may be a scalar or array-like, and an empty
    or missing ``rounding`` means nearest. Returns two floats when every argument
    is a scalar, else two numpy arrays (``Any`` to callers, which know which they passed).

    >>> interval(6.8, "=", 1)
    (6.75, 6.85)
    >>> interval(23000, "=", -3, "truncated")
    (23000.0, 24000.0)
    """
    scalar = all(np.ndim(x) == 0 for x in (value, qualifier, decimals, rounding))
    v = np.atleast_1d(np.asarray(value, dtype="float64"))
    q = np.atleast_1d(np.asarray(qualifier, dtype=object))
    d = np.atleast_1d(np.asarray(decimals, dtype="float64"))
    r = np.atleast_1d(np.asarray(rounding, dtype=object))
    v, q, d, r = np.broadcast_arrays(v, q, d, r)
    unit = np.power(10.0, -d)
    truncated = r == "truncated"
    # Truncation drops digits towards zero, so the truth lies on the far side of the value.
    away = np.where(v < 0, -1.0, 1.0)
    lo = np.where(truncated, np.minimum(v, v + away * unit), v - unit / 2)
    hi = np.where(truncated, np.maximum(v, v + away * unit), v + unit / 2)
    exact = q == "="
    up = np.isin(q, [">", ">="])
    down = np.isin(q, ["<", "<="])
    low = np.where(exact, lo, np.where(up, v, -np.inf))
    high = np.where(exact, hi, np.where(down, v, np.inf))
    if scalar:
        return float(low[0]), float(high[0])
    return low, high
