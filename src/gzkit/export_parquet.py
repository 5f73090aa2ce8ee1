"""Parquet files through pyarrow, the ``parquet`` extra.

Columns are typed: integers as integers, booleans as booleans, the value as
float64 with its qualifier beside it, and codes (indicator, domain, region,
unit, qualifier, vintage, ...) dictionary-encoded. The package's metadata
(title, sources, licence, version, the vintage and qualifier rules, and the
whole ``datapackage.json``) travels in the file's key-value metadata, under
keys starting with ``gzkit.``.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from gzkit import __version__
from gzkit.columns import NAMES, RELEASE

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from gzkit.data import Dataset

#: Text columns with few distinct values, stored as dictionaries.
CODES = {
    "indicator",
    "domain",
    "region",
    *NAMES,
    "unit",
    "period",
    "qualifier",
    *RELEASE,
    "polarity",
    "better",
    "status",
    "kind",
}

VINTAGE_RULES = (
    "Each row keeps the release it comes from in `vintage` ('report 2020-08' for the report, else the official "
    "release). Figures of different vintages are never blended: a change across vintages may be a revision, not "
    "growth. Derived values carry vintage 'derived' and are never more certain than their weakest input. "
    "每行的 vintage 列注明其出处版本；不同版本的数据不混用，跨版本的变化可能是修订而非增长；"
    "推算值的版本为 derived，确定性不高于其最弱的输入。"
)

QUALIFIER_RULES = (
    "qualifier: '=' as stated, '>' more than (突破/超过/逾, a lower bound), '<' less than, '>=' at least, "
    "'<=' at most, "
    "'~' about (约/近). decimals: digits after the point as published. "
    "限定：= 原文数值，> 下限（突破/超过/逾），< 上限，~ 约数（约/近）；decimals 为公布精度。"
)


def require() -> ModuleType:
    """pyarrow, or the one-line error naming the extra."""
    from gzkit.export_files import require as _require

    return _require("pyarrow")


def metadata(ds: Dataset | None) -> dict[str, str]:
    """The file's key-value metadata."""
    meta = (ds.meta if ds is not None else None) or {}
    licence = (meta.get("licenses") or [{}])[0]
    out = {
        "gzkit.version": __version__,
        "gzkit.source": "幸福城市 美好生活——广州高水平全面建成小康社会调研报告 (广东省社会科学院调研组, 2020年8月)",
        "gzkit.license": licence.get("name", "CC-BY-4.0"),
        "gzkit.vintage_rules": VINTAGE_RULES,
        "gzkit.qualifier_rules": QUALIFIER_RULES,
    }
    if meta:
        out.update(
            {
                "gzkit.title": str(meta.get("title", "")),
                "gzkit.package_version": str(meta.get("version", "")),
                "gzkit.sources": json.dumps(meta.get("sources", []), ensure_ascii=False),
                "gzkit.datapackage": json.dumps(meta, ensure_ascii=False),
            }
        )
    return out


def table(df: pd.DataFrame, ds: Dataset | None = None) -> pa.Table:
    """``df`` as a typed pyarrow Table carrying the package metadata."""
    import pyarrow as pa
    import pyarrow.compute as pc

    # Index dropped; pandas' own schema note is dropped too, so that readers see the arrow types.
    frame = df.reset_index(drop=True)
    # The column description in attrs is for gzkit's renderers; the file carries the package metadata instead.
    frame.attrs = {}
    t = pa.Table.from_pandas(frame, preserve_index=False)
    for i, field in enumerate(t.schema):
        col = t.column(i)
        text = pa.types.is_string(field.type) or pa.types.is_large_string(field.type)
        if field.name in CODES and text:
            t = t.set_column(i, field.name, pc.dictionary_encode(col))
        elif pa.types.is_integer(field.type) and field.name in ("year", "decimals", "from_year", "to_year", "item"):
            t = t.set_column(i, field.name, col.cast(pa.int32()))
    return t.replace_schema_metadata({k.encode(): v.encode("utf-8") for k, v in metadata(ds).items()})


def write(df: pd.DataFrame, path: Path, ds: Dataset | None = None) -> None:
    """Write ``df`` (an export, or any result table) to a Parquet file at ``path``."""
    import pyarrow.parquet as pq

    pq.write_table(table(df, ds), path, compression="zstd")
