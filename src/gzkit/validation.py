"""Checks of a data package's tables on codes and distinct values, not row by row.

Text columns are factorized (codes and distinct values); required values,
choices and patterns are checked on the distinct values, primary keys and the
one-headline rule on the codes combined into one integer per row, foreign keys
on the distinct values against the referenced table. Each check raises
:class:`~gzkit.errors.DataError` naming the file, the line of the first offending
record and the column.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from gzkit.csv_rows import first_row, record_line, rows_with
from gzkit.errors import DataError
from gzkit.i18n import T

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import ArrayLike

    from gzkit.columnar import Columns

#: A table as read: a DataFrame, or compact columns (gzkit.columnar) that answer the same questions.
Table = Union["pd.DataFrame", "Columns"]
#: Per column: one code per row and the distinct values the codes point into.
Codes = dict[str, tuple[Any, Any]]
#: A field or a schema of gzkit's datapackage.json.
Spec = dict[str, Any]

#: The spellings read as true and as false.
TRUE_WORDS = {"true", "True", "TRUE", "1", "yes"}
FALSE_WORDS = {"false", "False", "FALSE", "0", "no", ""}


def check_strings(codes: np.ndarray, uniques: ArrayLike, f: Spec, file: Path) -> None:
    """Required values, choices and patterns of a text column, checked on its distinct values."""
    import numpy as np

    name, cons = f["name"], f.get("constraints", {})
    values = np.asarray(uniques, dtype=object)
    empty = values == ""
    if cons.get("required") and empty.any():
        raise DataError(
            T("a required value is empty"), file=str(file), row=record_line(file, rows_with(codes, empty)), column=name
        )
    if "enum" in cons:
        bad = ~np.isin(values, list(cons["enum"])) & ~empty
        if bad.any():
            rows = rows_with(codes, bad)
            raise DataError(
                T(
                    "'{value}' is not one of {choices}",
                    value=values[codes[first_row(rows)]],
                    choices=", ".join(cons["enum"]),
                ),
                file=str(file),
                row=record_line(file, rows),
                column=name,
            )
    if "pattern" in cons:
        # Patterns describe ASCII formats (codes, periods): \d and \w must not take other scripts' digits.
        pattern = re.compile(cons["pattern"], re.ASCII)
        bad = np.array([not empty[i] and pattern.fullmatch(v) is None for i, v in enumerate(values)], dtype=bool)
        if bad.any():
            rows = rows_with(codes, bad)
            raise DataError(
                T(
                    "'{value}' does not match the pattern {pattern}",
                    value=values[codes[first_row(rows)]],
                    pattern=cons["pattern"],
                ),
                file=str(file),
                row=record_line(file, rows),
                column=name,
            )


def boolean_column(codes: np.ndarray, uniques: ArrayLike, f: Spec, file: Path) -> np.ndarray:
    """A column of true/false spellings (true, True, 1, yes; false, no, 0, empty) as booleans."""
    import numpy as np

    values = np.asarray(uniques, dtype=object)
    name = f["name"]
    if f.get("constraints", {}).get("required") and (values == "").any():
        raise DataError(
            T("a required value is empty"),
            file=str(file),
            row=record_line(file, rows_with(codes, values == "")),
            column=name,
        )
    bad = ~np.isin(values, list(TRUE_WORDS | FALSE_WORDS))
    if bad.any():
        rows = rows_with(codes, bad)
        raise DataError(
            T("'{value}' is not true or false", value=values[codes[first_row(rows)]]),
            file=str(file),
            row=record_line(file, rows),
            column=name,
        )
    truth: np.ndarray = np.isin(values, list(TRUE_WORDS))[codes] if len(values) else np.array([], dtype=bool)
    return truth


def _key_codes(df: Table, codes: Codes, column: str) -> tuple[Any, Any]:
    import pandas as pd

    if column in codes:
        return codes[column]
    c, u = pd.factorize(df[column], use_na_sentinel=False)
    return c, u


def _combined(df: Table, codes: Codes, columns: list[str]) -> tuple[np.ndarray, int]:
    """One int64 per row, equal exactly when the rows agree on ``columns``; and how many values it can take."""
    import numpy as np
    import pandas as pd

    key = np.zeros(len(df), dtype="int64")
    span = 1
    for column in columns:
        c, u = _key_codes(df, codes, column)
        size = max(len(u), 1)
        if span * size >= 2**62:
            # Too many combinations for one integer: fold what we have into dense codes first.
            key, uniques = pd.factorize(key)
            span = max(len(uniques), 1)
        key = key * size + np.asarray(c, dtype="int64")
        span *= size
    return key, span


def _all_distinct(key: np.ndarray, span: int) -> bool:
    """Whether no two of ``key`` (integers below ``span``) are equal, when that is cheap to tell; else False.

    One flag per possible value, set by every row: no repeats exactly when as many flags are set as there
    are rows. A valid package has no repeats, so this answers for it without building a hash table.
    """
    import numpy as np

    if span > 8 * len(key) + 1024:
        return False
    seen = np.zeros(span, dtype=bool)
    seen[key] = True
    return int(np.count_nonzero(seen)) == len(key)


def _duplicated(df: Table, codes: Codes, columns: list[str]) -> np.ndarray:
    """Rows whose ``columns`` repeat an earlier row's.

    Text columns (not factorized) are compared only within the groups that
    already repeat on the coded columns: a citation is read only where two
    statements share indicator, region and period.
    """
    import numpy as np
    import pandas as pd

    coded = [c for c in columns if c in codes]
    rest = [c for c in columns if c not in codes]
    key, span = _combined(df, codes, coded)
    if _all_distinct(key, span):
        return np.zeros(len(df), dtype=bool)
    if not rest:
        return np.asarray(pd.Series(key).duplicated(keep="first"), dtype=bool)
    dup = np.zeros(len(df), dtype=bool)
    maybe = np.flatnonzero(pd.Series(key).duplicated(keep=False).to_numpy())
    if len(maybe):
        from gzkit.columnar import Columns

        sub = df.frame(maybe, rest) if isinstance(df, Columns) else df[rest].iloc[maybe]
        sub_codes = {c: (codes[c][0][maybe], codes[c][1]) for c in coded}
        sub_key, _ = _combined(sub, sub_codes, columns)
        dup[maybe] = pd.Series(sub_key).duplicated(keep="first").to_numpy()
    return dup


def check_keys(df: Table, codes: Codes, schema: Spec, frames: dict[str, pd.DataFrame], file: Path) -> None:
    """Primary key without repeats; every foreign key an id of the table it refers to."""
    import numpy as np

    key = schema.get("primaryKey")
    if key and len(df):
        dup = _duplicated(df, codes, key)
        if dup.any():
            first = df.iloc[first_row(dup)]
            shown = ", ".join(f"{k}={first[k]}" for k in key)
            raise DataError(
                T("duplicate primary key ({key})", key=shown), file=str(file), row=record_line(file, dup), column=key[0]
            )
    for fk in schema.get("foreignKeys", []):
        (col,) = fk["fields"]
        c, u = _key_codes(df, codes, col)
        ref = frames[fk["reference"]["resource"]][fk["reference"]["fields"][0]]
        values = np.asarray(u, dtype=object)
        # A set, not np.isin: numpy compares object arrays pairwise, ten thousand regions by ten thousand.
        ids = set(ref.to_numpy(dtype=object).tolist())
        dangling = np.fromiter((v not in ids for v in values.tolist()), dtype=bool, count=len(values)) & (values != "")
        if dangling.any():
            rows = rows_with(c, dangling)
            raise DataError(
                T(
                    "'{value}' is not an id in {table}.csv",
                    value=values[c[first_row(rows)]],
                    table=fk["reference"]["resource"],
                ),
                file=str(file),
                row=record_line(file, rows),
                column=col,
            )


# ASCII digits only: \d would also take ٢٠١٩ and ２０１９.
_PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{4})|-H([12]))?")


def check_periods(obs: Table, codes: Codes, file: Path) -> None:
    """Each observation's year is its period's last year (2016-2019 -> 2019; 2020-H1 -> 2020)."""
    import numpy as np

    if obs.empty:
        return
    c, u = codes["period"]
    last = np.array([period_span(p)[1] for p in u], dtype="int64")
    bad = last[c] != obs["year"].to_numpy()
    if bad.any():
        i = first_row(bad)
        raise DataError(
            T(
                "year {year} is not the last year of period {period}",
                year=obs["year"].iat[i],
                period=obs["period"].iat[i],
            ),
            file=str(file),
            row=record_line(file, bad),
            column="year",
        )
    start, end = np.array([period_span(p) for p in u], dtype="int64").T
    backwards = (start > end)[c]
    if backwards.any():
        raise DataError(
            T("period {period} ends before it starts", period=obs["period"].iat[first_row(backwards)]),
            file=str(file),
            row=record_line(file, backwards),
            column="period",
        )


def check_headlines(obs: Table, codes: Codes, file: Path) -> None:
    """Exactly one headline statement per indicator, region and period."""
    import numpy as np
    import pandas as pd

    if obs.empty:
        return
    group, span = _combined(obs, codes, ["indicator", "region", "period"])
    if span > 4 * len(obs):  # sparse combinations: count over dense codes instead
        group, _ = pd.factorize(group)
    headline = obs["headline"].to_numpy(dtype=bool)
    counts = np.bincount(group[headline], minlength=int(group.max()) + 1)
    present = np.zeros(len(counts), dtype=bool)
    present[group] = True
    if (counts[present] != 1).any():
        bad = counts[group] != 1
        i = first_row(bad)
        row = obs.iloc[i]
        raise DataError(
            T(
                "{count} headline rows for indicator={indicator}, region={region}, period={period} "
                "(exactly one must be headline=true)",
                count=counts[group][i],
                indicator=row["indicator"],
                region=row["region"],
                period=row["period"],
            ),
            file=str(file),
            row=record_line(file, bad),
            column="headline",
        )


def period_span(period: str) -> tuple[int, int]:
    """First and last year of a period string."""
    m = _PERIOD.fullmatch(period)
    if not m:
        raise ValueError(period)
    start = int(m.group(1))
    return start, int(m.group(2) or start)
