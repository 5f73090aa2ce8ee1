"""The filter keywords that several computations share, typed once for the functions that pass them on.

:func:`gzkit.core.export` and :func:`gzkit.core.headline` spell their filters
out; a function that only forwards them to the next one takes them as
``**filters`` of one of these types (PEP 692), so that a new filter is
declared in one place and mypy still checks every name and type.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict


class RowFilter(TypedDict, total=False):
    """The rows of an export to keep (:func:`gzkit.core.rows_matching`); a filter left out keeps every row.

    ``domain`` and ``region`` are ids or names (``region`` None or 'all': every
    region), ``indicators`` ids or names, ``start`` and ``end`` years (inclusive).
    """

    domain: str | None
    region: str | None
    indicators: str | Iterable[str] | None
    start: int | None
    end: int | None


class PointFilter(TypedDict, total=False):
    """The points to keep (:func:`gzkit.core.headline`): only these years, these indicator ids, this region id."""

    years: Iterable[int] | None
    indicators: Iterable[str] | None
    region: str | None
