"""Load and validate a gzkit data package.

The bundled package ships inside the wheel (``gzkit/datapackage``) and is found
with :mod:`importlib.resources`. Any other directory with the same schema, such as
another city's figures, loads through ``load(path)``.

Validation follows gzkit's own ``datapackage.json`` (the contract), whatever the
custom package declares: headers, types, required values, enumerations, patterns,
primary keys and foreign keys. Problems raise :class:`~gzkit.errors.DataError`
naming the file, row (as a 1-based line number of the CSV, header = line 1) and column.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from gzkit.errors import DataError

REQUIRED_RESOURCES = ("domains", "regions", "units", "indicators", "observations")
OPTIONAL_RESOURCES = ("targets",)

_TRUE = {"true", "True", "TRUE", "1", "yes"}
_FALSE = {"false", "False", "FALSE", "0", "no", ""}


@dataclass
class Dataset:
    """The tables of a data package, typed and validated."""

    domains: pd.DataFrame
    regions: pd.DataFrame
    units: pd.DataFrame
    indicators: pd.DataFrame
    observations: pd.DataFrame
    targets: pd.DataFrame
    path: Path
    meta: dict = field(default_factory=dict)

    @property
    def bundled(self) -> bool:
        return self.path == bundled_path()


def bundled_path() -> Path:
    """Where the bundled data package lives in the installed package."""
    packaged = Path(str(resources.files("gzkit") / "datapackage"))
    if (packaged / "datapackage.json").is_file():
        return packaged
    # A source checkout run without installing (e.g. an editable install): data/ at the top.
    return Path(__file__).resolve().parents[2] / "data"


def contract() -> dict:
    """gzkit's own datapackage.json: the schema every package must follow."""
    with open(bundled_path() / "datapackage.json", encoding="utf-8") as fh:
        return json.load(fh)


def resolve_path(path: str | os.PathLike | None = None) -> Path:
    """The data package directory for ``path``, ``$GZKIT_DATA`` or the bundled data."""
    if path is None:
        path = os.environ.get("GZKIT_DATA") or None
    if path is None:
        return bundled_path()
    p = Path(path).expanduser()
    if p.is_file() and p.name.endswith(".json"):
        p = p.parent
    if not p.exists():
        raise DataError(f"no such data package: {p}", file=None)
    if not (p / "datapackage.json").is_file():
        raise DataError(
            f"{p} is not a data package: it has no datapackage.json. "
            "Point --data at a folder laid out like gzkit's own data/ folder."
        )
    return p.resolve()


def load(path: str | os.PathLike | None = None) -> Dataset:
    """Load and validate a data package (the bundled one by default).

    Results are cached per resolved path; treat the returned frames as read-only.
    """
    return _load(resolve_path(path))


@lru_cache(maxsize=8)
def _load(root: Path) -> Dataset:
    try:
        with open(root / "datapackage.json", encoding="utf-8") as fh:
            meta = json.load(fh)
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON ({exc.msg}, line {exc.lineno})", file=str(root / "datapackage.json")) from None
    if not isinstance(meta, dict):
        raise DataError("not a data package descriptor", file=str(root / "datapackage.json"))
    schemas = {r["name"]: r["schema"] for r in contract()["resources"]}
    declared = {r.get("name"): r for r in meta.get("resources", []) if isinstance(r, dict)}

    frames: dict[str, pd.DataFrame] = {}
    for name in REQUIRED_RESOURCES + OPTIONAL_RESOURCES:
        rel = declared.get(name, {}).get("path", f"{name}.csv")
        file = root / rel
        if not file.is_file():
            if name in OPTIONAL_RESOURCES:
                frames[name] = _empty(schemas[name])
                continue
            raise DataError(f"the '{name}' resource is missing", file=str(file))
        frames[name] = _read(file, schemas[name])

    for name, df in frames.items():
        _check_keys(df, schemas[name], frames, root / declared.get(name, {}).get("path", f"{name}.csv"))
    _check_headlines(frames["observations"], root / "observations.csv")
    return Dataset(path=root, meta=meta, **frames)


def _empty(schema: dict) -> pd.DataFrame:
    return pd.DataFrame({f["name"]: pd.Series(dtype=_dtype(f["type"])) for f in schema["fields"]})


def _dtype(kind: str) -> str:
    return {"integer": "Int64", "number": "float64", "boolean": "bool"}.get(kind, "object")


def _read(file: Path, schema: dict) -> pd.DataFrame:
    fields = schema["fields"]
    try:
        raw = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError("not UTF-8 text", file=str(file)) from None
    except pd.errors.EmptyDataError:
        raise DataError("the file is empty (no header row)", file=str(file)) from None
    except pd.errors.ParserError as exc:
        raise DataError(f"not a readable CSV file ({exc})", file=str(file)) from None

    missing = [f["name"] for f in fields if f["name"] not in raw.columns]
    if missing:
        raise DataError(
            f"missing column(s) {', '.join(missing)}; expected columns: {', '.join(f['name'] for f in fields)}",
            file=str(file),
            column=missing[0],
        )

    out = {}
    for f in fields:
        name, kind = f["name"], f["type"]
        col = raw[name].str.strip()
        cons = f.get("constraints", {})
        empty = col == ""
        if cons.get("required") and empty.any():
            raise DataError("a required value is empty", file=str(file), row=_line(empty), column=name)
        if kind in ("integer", "number"):
            num = pd.to_numeric(col.where(~empty), errors="coerce")
            bad = num.isna() & ~empty
            if bad.any():
                raise DataError(
                    f"'{col[bad].iloc[0]}' is not a {kind}", file=str(file), row=_line(bad), column=name
                )
            if kind == "integer":
                frac = num.notna() & (num != num.round())
                if frac.any():
                    raise DataError(f"'{col[frac].iloc[0]}' is not an integer", file=str(file), row=_line(frac), column=name)
                num = num.astype("int64" if cons.get("required") else "Int64")
            else:
                num = num.astype("float64")
            for bound, op in (("minimum", "lt"), ("maximum", "gt")):
                if bound in cons:
                    out_of = getattr(num, op)(cons[bound]).fillna(False).astype(bool)
                    if out_of.any():
                        raise DataError(
                            f"{num[out_of].iloc[0]} is out of range ({bound} {cons[bound]})",
                            file=str(file), row=_line(out_of), column=name,
                        )
            out[name] = num
        elif kind == "boolean":
            bad = ~col.isin(_TRUE | _FALSE)
            if bad.any():
                raise DataError(
                    f"'{col[bad].iloc[0]}' is not true or false", file=str(file), row=_line(bad), column=name
                )
            out[name] = col.isin(_TRUE)
        else:
            if "enum" in cons:
                bad = ~col.isin(cons["enum"]) & ~empty
                if bad.any():
                    raise DataError(
                        f"'{col[bad].iloc[0]}' is not one of {', '.join(cons['enum'])}",
                        file=str(file), row=_line(bad), column=name,
                    )
            if "pattern" in cons:
                bad = ~col.str.fullmatch(cons["pattern"]) & ~empty
                if bad.any():
                    raise DataError(
                        f"'{col[bad].iloc[0]}' does not match the pattern {cons['pattern']}",
                        file=str(file), row=_line(bad), column=name,
                    )
            out[name] = col
    extra = {c: raw[c] for c in raw.columns if c not in out}
    return pd.DataFrame({**out, **extra}, index=raw.index)


def _line(mask: pd.Series) -> int:
    """The CSV line number (header is line 1) of the first True in mask."""
    return int(mask.to_numpy().argmax()) + 2


def _check_keys(df: pd.DataFrame, schema: dict, frames: dict, file: Path) -> None:
    key = schema.get("primaryKey")
    if key and len(df):
        dup = df.duplicated(subset=key, keep="first")
        if dup.any():
            first = df.loc[dup.idxmax(), key]
            shown = ", ".join(f"{k}={first[k]}" for k in key)
            raise DataError(f"duplicate primary key ({shown})", file=str(file), row=_line(dup), column=key[0])
    for fk in schema.get("foreignKeys", []):
        (col,) = fk["fields"]
        ref = frames[fk["reference"]["resource"]][fk["reference"]["fields"][0]]
        values = df[col]
        dangling = ~values.isin(ref) & (values != "")
        if dangling.any():
            raise DataError(
                f"'{values[dangling].iloc[0]}' is not an id in {fk['reference']['resource']}.csv",
                file=str(file), row=_line(dangling), column=col,
            )


def _check_headlines(obs: pd.DataFrame, file: Path) -> None:
    """Exactly one headline statement per indicator, region and period."""
    if obs.empty:
        return
    counts = obs.groupby(["indicator", "region", "period"], sort=False)["headline"].transform("sum")
    bad = counts != 1
    if bad.any():
        row = obs[bad].iloc[0]
        n = int(counts[bad].iloc[0])
        raise DataError(
            f"{n} headline rows for indicator={row['indicator']}, region={row['region']}, period={row['period']}"
            " (exactly one must be headline=true)",
            file=str(file), row=_line(bad), column="headline",
        )


_PERIOD = re.compile(r"(\d{4})(?:-(\d{4})|-H([12]))?")


def period_span(period: str) -> tuple[int, int]:
    """First and last year of a period string."""
    m = _PERIOD.fullmatch(period)
    if not m:
        raise ValueError(period)
    start = int(m.group(1))
    return start, int(m.group(2) or start)
