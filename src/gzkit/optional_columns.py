"""Columns a data package may leave out: those gzkit's ``datapackage.json`` marks ``"optional": true``.

Such a column was added to the schema after packages were written without it
(``indicators.csv``'s ``description_zh``). A file without it loads as before:
:func:`held` is the schema of what the file holds, and :func:`with_optional_columns`
adds each missing optional column, empty, in the schema's place, so that every
command finds the same columns whatever package it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gzkit.validation import Spec

if TYPE_CHECKING:
    import pandas as pd


def optional(field: Spec) -> bool:
    """Whether a package may leave the column out (``"optional": true`` in gzkit's datapackage.json)."""
    return field.get("optional") is True


def held(schema: Spec, header: list[str]) -> Spec:
    """``schema`` without the optional columns ``header`` lacks: the columns the file holds."""
    absent = [f for f in schema["fields"] if optional(f) and f["name"] not in header]
    if not absent:
        return schema
    return {**schema, "fields": [f for f in schema["fields"] if f not in absent]}


def with_optional_columns(frame: pd.DataFrame, schema: Spec) -> pd.DataFrame:
    """``frame`` with each optional column of ``schema`` it lacks added, empty, in the schema's order."""
    import pandas as pd

    for position, f in enumerate(schema["fields"]):
        if optional(f) and f["name"] not in frame.columns:
            frame.insert(min(position, len(frame.columns)), f["name"], pd.Series("", index=frame.index, dtype="str"))
    return frame
