"""Notes gzkit writes beside its numbers: joined in one cell, in the reader's language.

A result row can carry several notes at once (a rate that is undefined, a pair of figures from
different releases, the rate the report states). :func:`join_notes` puts them in one ``note``
cell separated by ``"; "`` (``"；"`` for a Chinese reader); a note that is an
:class:`~gzkit.i18n.Text` stays one, so CSV carries the English and a table the Chinese.
:func:`years_text` lists years for a message and :func:`plain_number` writes a number the way a
formula in a note shows it. :func:`note_column` makes a column that keeps each ``Text``: pandas 3
stores a plain array of strings as its own str dtype, which keeps only the English. pandas is
imported only there.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from gzkit.i18n import T, Text

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import ArrayLike


#: An empty list in a sentence ("Years with data: none."): 无, not the 不可比 of a comparability.
NOTHING = Text("none", context="listing")


class Bilingual(Text):
    """Words the data itself gives in both languages (a region's or an indicator's name): no catalog entry.

    Like every :class:`Text` it is its English; :meth:`render` gives the Chinese for ``zh``.
    """

    zh: str

    def __new__(cls, en: str, zh: str) -> Bilingual:
        self = cast(Bilingual, super().__new__(cls, str(en)))
        self.zh = str(zh)
        return self

    def render(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" and self.zh else str.__str__(self)

    def __reduce__(self) -> tuple[object, ...]:
        return (Bilingual, (str.__str__(self), self.zh))


class Listing(Text):
    """Items listed for a reader, each in the reader's language: ``a, b`` in English, ``a、b`` in Chinese.

    ``separators`` (English, Chinese) joins them: notes in one cell use :data:`NOTE_SEPARATORS`.
    """

    items: tuple[str, ...]
    separators: tuple[str, str]

    def __new__(cls, items: Iterable[str], separators: tuple[str, str] = (", ", "、")) -> Listing:
        listed = tuple(items)
        self = cast(Listing, super().__new__(cls, separators[0].join(str.__str__(i) for i in listed)))
        self.items, self.separators = listed, separators
        return self

    def render(self, lang: str = "en") -> str:
        rendered = [i.render(lang) if isinstance(i, Text) else i for i in self.items]
        return self.separators[1 if lang == "zh" else 0].join(rendered)

    def __reduce__(self) -> tuple[object, ...]:
        return (Listing, (self.items, self.separators))


#: How notes in one cell are separated: "; " in English, "；" in Chinese.
NOTE_SEPARATORS = ("; ", "；")


def join_two(first: str, second: str) -> str:
    """``first; second``, or whichever is not empty; a :class:`Text` part keeps the result a ``Text``."""
    if not first:
        return second
    if not second:
        return first
    if isinstance(first, Text) or isinstance(second, Text):
        # Flat: a third note joins the list instead of nesting one inside another.
        head = first.items if isinstance(first, Listing) and first.separators == NOTE_SEPARATORS else (first,)
        return Listing((*head, second), NOTE_SEPARATORS)
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


def choose(condition: ArrayLike, note: object, otherwise: object = "") -> np.ndarray:
    """An object array: ``note`` where ``condition`` holds, else ``otherwise`` (each a scalar or an array).

    ``np.where`` would turn a :class:`Text` scalar into a plain string; this keeps it.
    """
    import numpy as np

    cond = np.asarray(condition, dtype=bool)
    out = np.empty(len(cond), dtype=object)
    out[:] = _objects(otherwise, len(cond))
    out[cond] = _objects(note, len(cond))[cond]
    return out


def _objects(value: object, n: int) -> np.ndarray:
    import numpy as np

    if isinstance(value, str) or not hasattr(value, "__len__"):
        out = np.empty(n, dtype=object)
        out.fill(value)
        return out
    return np.asarray(value, dtype=object)


def note_column(values: ArrayLike, index: pd.Index | None = None) -> pd.Series:
    """``values`` as a column of ``dtype=object``, so that each :class:`Text` stays one (``index``: the frame's)."""
    import numpy as np
    import pandas as pd

    column: pd.Series = pd.Series(np.asarray(values, dtype=object), index=index, dtype=object)
    return column


def _present(column: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.fromiter((isinstance(x, str) for x in column.tolist()), dtype=bool, count=len(column))


def years_text(years: Iterable[Any]) -> str:
    """The distinct years in order, comma separated (``2015, 2018, 2019``), or ``none`` (a Text)."""
    ordered = sorted({int(y) for y in years})
    return ", ".join(str(y) for y in ordered) if ordered else NOTHING


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
