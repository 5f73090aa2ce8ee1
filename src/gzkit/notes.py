"""Notes gzkit writes beside its numbers: joined in one cell, in the reader's language.

A result row can carry several notes at once (a rate that is undefined, a pair of figures from
different releases, the rate the report states). :func:`join_notes` puts them in one ``note``
cell separated by ``"; "`` (``"；"`` for a Chinese reader); a note that is an
:class:`~gzkit.i18n.Text` stays one, so CSV carries the English and a table the Chinese.
:func:`years_text` lists years for a message and :func:`plain_number` writes a number the way a
formula in a note shows it. No pandas here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from gzkit.i18n import T, Text

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike


def join_two(first: str, second: str) -> str:
    """``first; second``, or whichever is not empty; a :class:`Text` part keeps the result a ``Text``."""
    if not first:
        return second
    if not second:
        return first
    if isinstance(first, Text) or isinstance(second, Text):
        return T("{first}; {second}", first=first, second=second)
    return f"{first}; {second}"


def join_notes(*notes: ArrayLike) -> np.ndarray:
    """Columns of notes joined row by row with ``"; "``, empty parts left out (an object array).

    >>> join_notes(["a", ""], ["", ""], ["b", "c"]).tolist()
    ['a; b', 'c']
    """
    import numpy as np

    parts = [np.asarray(n, dtype=object) for n in notes]
    out = parts[0].copy()
    for part in parts[1:]:
        # A missing note (None, NaN) is no note.
        part = np.where(_present(part), part, "")
        out = np.where(_present(out), out, "")
        both = np.flatnonzero((out != "") & (part != ""))
        joined = np.where(out != "", out, part)
        for i in both.tolist():
            joined[i] = join_two(out[i], part[i])
        out = joined
    return np.asarray(out, dtype=object)


def _present(column: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.fromiter((isinstance(x, str) for x in column.tolist()), dtype=bool, count=len(column))


def years_text(years: Iterable[Any]) -> str:
    """The distinct years in order, comma separated (``2015, 2018, 2019``), or ``none`` (a Text)."""
    ordered = sorted({int(y) for y in years})
    return ", ".join(str(y) for y in ordered) if ordered else T("none")


def plain_number(x: object, decimals: int | None = None) -> str:
    """A number as people write it in a formula: no float noise, no needless zeros.

    ``decimals`` fixes the digits after the point. A missing or infinite number is ``undefined``.

    >>> plain_number(4737.8 / 1.127), plain_number(2.25337, 2), plain_number(1e-7)
    ('4203.90417', '2.25', '0.0000001')
    """
    if x is None or isinstance(x, str):
        return T("undefined")
    try:
        value = float(x)  # type: ignore[arg-type]  # numbers of any kind: int, float, numpy scalars
    except (TypeError, ValueError):
        return T("undefined")
    if not math.isfinite(value):
        return T("undefined")
    if decimals is not None:
        places = max(int(decimals), 0)
        return f"{round(value, places):.{places}f}"
    text = f"{value:.10g}"
    if "e" in text:
        text = f"{value:.10f}".rstrip("0").rstrip(".")
    return text
