"""The data package as one SQLite database, through the standard library's sqlite3.

Tables follow the package's own schema (``datapackage.json``): the same
columns, primary keys and foreign keys, booleans as 0/1 integers, missing
values as NULL. ``implied`` holds the values the report implies, each with its
formula and its own names (some, such as a target the report implies, are no
indicator of the package) (``gzkit export --derived``); ``headline_observations`` is a view of the
headline observations joined with their indicator. Columns people filter by
are indexed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gzkit.export_files import REPORT, TABLES_ABOUT

if TYPE_CHECKING:
    import pandas as pd

    from gzkit.data import Dataset

#: Table name -> (columns with SQL types and constraints, table constraints).
TABLES: dict[str, tuple[list[str], list[str]]] = {
    "domains": (
        ["id TEXT NOT NULL", "name_en TEXT NOT NULL", "name_zh TEXT NOT NULL", "aliases TEXT"],
        ["PRIMARY KEY (id)"],
    ),
    "regions": (["id TEXT NOT NULL", "name_en TEXT NOT NULL", "name_zh TEXT NOT NULL"], ["PRIMARY KEY (id)"]),
    "units": (
        [
            "id TEXT NOT NULL",
            "name_en TEXT NOT NULL",
            "name_zh TEXT NOT NULL",
            "base TEXT NOT NULL",
            "multiplier REAL NOT NULL",
        ],
        ["PRIMARY KEY (id)"],
    ),
    "indicators": (
        [
            "id TEXT NOT NULL",
            "domain TEXT NOT NULL REFERENCES domains (id)",
            "name_en TEXT NOT NULL",
            "name_zh TEXT NOT NULL",
            "unit TEXT NOT NULL REFERENCES units (id)",
            "polarity TEXT NOT NULL",
            "scale TEXT",
            "description TEXT",
            "description_zh TEXT",
            "keywords TEXT",
        ],
        ["PRIMARY KEY (id)"],
    ),
    "observations": (
        [
            "indicator TEXT NOT NULL REFERENCES indicators (id)",
            "region TEXT NOT NULL REFERENCES regions (id)",
            "period TEXT NOT NULL",
            "year INTEGER NOT NULL",
            "value REAL NOT NULL",
            "qualifier TEXT NOT NULL",
            "decimals INTEGER NOT NULL",
            "year_inferred INTEGER NOT NULL CHECK (year_inferred IN (0, 1))",
            "source TEXT NOT NULL",
            "vintage TEXT NOT NULL",
            "confidence TEXT NOT NULL",
            "evidence TEXT",
            # A claim the report writes in Chinese words (全国第三, 七成) quotes its snippet here instead.
            "evidence_words TEXT",
            "headline INTEGER NOT NULL CHECK (headline IN (0, 1))",
            "note TEXT",
        ],
        ["PRIMARY KEY (indicator, region, period, source)"],
    ),
    "targets": (
        [
            "id TEXT NOT NULL",
            "framework TEXT NOT NULL",
            "item INTEGER",
            "name_en TEXT NOT NULL",
            "name_zh TEXT NOT NULL",
            "indicator TEXT REFERENCES indicators (id)",
            "region TEXT NOT NULL REFERENCES regions (id)",
            "comparison TEXT NOT NULL",
            "target REAL",
            "unit_note TEXT",
            "weight REAL",
            "completion_stated REAL",
            "comparability TEXT NOT NULL",
            "source TEXT NOT NULL",
            "evidence TEXT",
            "note TEXT",
        ],
        ["PRIMARY KEY (id)"],
    ),
    "implied": (
        [
            "id INTEGER NOT NULL",
            # Not a key: some implied quantities (a target the report implies) are no indicator of the package.
            "indicator TEXT NOT NULL",
            "domain TEXT NOT NULL REFERENCES domains (id)",
            "region TEXT NOT NULL REFERENCES regions (id)",
            "name_en TEXT NOT NULL",
            "name_zh TEXT NOT NULL",
            "unit TEXT NOT NULL REFERENCES units (id)",
            "period TEXT NOT NULL",
            "year INTEGER NOT NULL",
            "value REAL",
            "qualifier TEXT NOT NULL",
            "decimals INTEGER",
            "source TEXT NOT NULL",
            "vintage TEXT NOT NULL",
            "confidence TEXT NOT NULL",
            "derivation TEXT NOT NULL",
            "note TEXT",
        ],
        ["PRIMARY KEY (id)"],
    ),
}

INDEXES = {
    "indicators": [["domain"], ["unit"]],
    "observations": [["indicator"], ["region"], ["year"], ["headline", "indicator", "region", "year"], ["vintage"]],
    "targets": [["indicator"], ["region"]],
    "implied": [["indicator", "region", "year"]],
}

HEADLINE_VIEW = """
CREATE VIEW headline_observations AS
SELECT o.indicator, i.domain, o.region, i.name_en, i.name_zh, i.unit, o.period, o.year, o.value,
       o.qualifier, o.decimals, o.year_inferred, o.source, o.vintage, o.confidence, o.evidence, o.evidence_words,
       o.note
FROM observations AS o JOIN indicators AS i ON i.id = o.indicator
WHERE o.headline = 1
"""


def _rows(df: pd.DataFrame, columns: list[str], chunk: int = 50_000) -> Iterator[tuple[Any, ...]]:
    """Rows ready for sqlite3, ``chunk`` at a time: missing values as None, booleans as 0/1 (True is stored as 1)."""
    from gzkit.export_files import plain_values

    for start in range(0, len(df), chunk):
        part = df.iloc[start : start + chunk]
        yield from zip(*[plain_values(part[name]) for name in columns])


def _create(con: sqlite3.Connection, name: str) -> list[str]:
    columns, constraints = TABLES[name]
    con.execute(f"CREATE TABLE {name} (\n  " + ",\n  ".join(columns + constraints) + "\n)")
    return [c.split()[0] for c in columns]


def implied_within(ds: Dataset, observations: pd.DataFrame) -> pd.DataFrame:
    """The implied values within the indicators, regions and years a filtered ``observations`` covers."""
    from gzkit import derived

    implied: pd.DataFrame = derived.implied_values(ds)
    if implied.empty or len(observations) == len(ds.observations):
        return implied
    keep = (
        implied["indicator"].isin(set(observations["indicator"]))
        & implied["region"].isin(set(observations["region"]))
        & implied["year"].between(observations["year"].min(), observations["year"].max())
    )
    within: pd.DataFrame = implied[keep].reset_index(drop=True)
    return within


def write(ds: Dataset, path: Path, observations: pd.DataFrame | None = None) -> None:
    """Write the package to a new SQLite file at ``path``.

    ``observations`` is ``core.export``'s frame (filtered or not); by default all
    of the package's observations. The reference tables are always whole, so
    every key resolves.
    """
    from gzkit import core

    if observations is None:
        observations = core.export(ds)
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA journal_mode = OFF")  # a new file, renamed into place only when complete
        con.execute("PRAGMA synchronous = OFF")
        frames = {
            "domains": ds.domains,
            "regions": ds.regions,
            "units": ds.units,
            "indicators": ds.indicators,
            "observations": observations,
            # An empty reference is "no indicator" (a national item gzkit cannot measure): NULL, not a dangling key.
            "targets": ds.targets.assign(indicator=ds.targets["indicator"].mask(ds.targets["indicator"] == "")),
        }
        with con:
            for name, df in frames.items():
                cols = _create(con, name)
                marks = ", ".join("?" * len(cols))
                con.executemany(f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({marks})", _rows(df, cols))
            cols = _create(con, "implied")
            implied = implied_within(ds, observations).reset_index(drop=True)
            implied = implied.assign(id=implied.index + 1)
            marks = ", ".join("?" * len(cols))
            con.executemany(f"INSERT INTO implied ({', '.join(cols)}) VALUES ({marks})", _rows(implied, cols))
            for table, indexes in INDEXES.items():
                for columns in indexes:
                    con.execute(f"CREATE INDEX idx_{table}_{'_'.join(columns)} ON {table} ({', '.join(columns)})")
            con.execute(HEADLINE_VIEW)
            con.execute("PRAGMA user_version = 1")
        con.execute("ANALYZE")
        con.commit()
    finally:
        con.close()


def datasette_metadata(ds: Dataset, database: str) -> str:
    """datasette's metadata.json for a database named ``database``: titles, descriptions, licence and source."""
    meta = ds.meta or {}
    licence = (meta.get("licenses") or [{}])[0]
    sources = "; ".join(s.get("title", "") for s in meta.get("sources", []) if isinstance(s, dict))
    common = {
        "license": licence.get("name", "CC-BY-4.0"),
        "license_url": licence.get("path", "https://creativecommons.org/licenses/by/4.0/"),
        "source": sources or REPORT,
    }
    tables = {
        name: {"title": title, "description": f"{en} {zh}", **common} for name, (title, en, zh) in TABLES_ABOUT.items()
    }
    doc = {
        "title": meta.get("title", "gzkit data package"),
        "description": meta.get("description", ""),
        **common,
        "databases": {database: {"title": meta.get("title", database), **common, "tables": tables}},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
