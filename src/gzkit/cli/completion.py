"""Tab completion of domain, indicator and region ids, read from the active package without pandas."""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, SupportsIndex

import typer


def package_csv(ctx: typer.Context | None, name: str) -> list[dict[str, str]]:
    """Rows of a CSV of the active data package, read without pandas (for completion).

    The package is the one `--data` names earlier on the same command line, else
    $GZKIT_DATA, else the bundled one.
    """
    from gzkit import package_files
    from gzkit.data import bundled_path
    from gzkit.terminal import has_control, printable

    typed = None
    # typer types a context's parent as its vendored click's Context: walk the chain untyped.
    node: Any = ctx
    while node is not None and typed is None:
        typed = node.params.get("data")
        node = node.parent
    try:
        root = Path(typed or os.environ.get("GZKIT_DATA") or bundled_path())
        if root.name.endswith(".json"):
            root = root.parent
        # The path policy of the loader, with a smaller size limit: completion answers at once, never blocks.
        text = package_files.read_text(root, root / f"{name}.csv", package_files.MAX_COMPLETION_BYTES)
        rows = list(csv.DictReader(io.StringIO(text, newline=""))) if text is not None else []
    except (OSError, ValueError, csv.Error):  # a broken package: complete nothing rather than fail
        return []
    # Short rows lack fields: completion offers only what is there; nothing in it may drive the terminal.
    rows = [{**r, "id": r.get("id") or "", "name_en": r.get("name_en") or ""} for r in rows]
    return [
        {**r, "name_en": printable(r["name_en"]), "name_zh": printable(r.get("name_zh") or "")}
        for r in rows
        if not has_control(r["id"]) and r["id"].strip()
    ]


def completion_names(row: dict[str, str]) -> list[str]:
    """What a reader may type for a row: its id, names and aliases (casefolded, NFKC)."""
    names = [row.get("id"), row.get("name_en"), row.get("name_zh"), *(row.get("aliases") or "").split("|")]
    return [fold(n) for n in names if n and n.strip()]


def fold(text: str) -> str:
    """``text`` as completion compares it: NFKC (full-width to half-width), trimmed, casefolded."""
    return unicodedata.normalize("NFKC", text or "").strip().casefold()


class CompletedId(str):
    """An id offered for a prefix of one of its names (经 → economy).

    typer keeps only the completions whose value starts with what was typed, so
    an id found through its Chinese name answers ``startswith`` for its names too.
    """

    names: list[str]

    def __new__(cls, value: str, names: list[str]) -> CompletedId:
        obj = super().__new__(cls, value)
        obj.names = names
        return obj

    def startswith(
        self, prefix: str | tuple[str, ...], start: SupportsIndex | None = None, end: SupportsIndex | None = None
    ) -> bool:
        if start is not None or end is not None or not isinstance(prefix, str):
            return str.startswith(self, prefix, start, end)
        return str.startswith(self, prefix) or any(n.startswith(fold(prefix)) for n in self.names)


Completer = Callable[[typer.Context | None, str], list[tuple[str, str]]]


def completer(*names: str) -> Completer:
    """Complete ids from a prefix of the id or, failing that, of a name or alias.

    `gzkit show 经<TAB>` offers `economy` (经济发展); `gzkit show 医<TAB>` offers the
    indicators whose Chinese name starts with 医. Names are tried only when no id
    starts with what was typed: a shell replaces the word with what its
    candidates share, so ids and name matches are never mixed. Each id comes
    with its name in the script of the prefix typed.
    """

    def complete(ctx: typer.Context | None, incomplete: str) -> list[tuple[str, str]]:
        typed = fold(incomplete)
        chinese = any(ord(ch) > 0x2E7F for ch in typed)
        rows: dict[str, dict[str, str]] = {}
        for name in names:
            for row in package_csv(ctx, name):
                rows.setdefault(row["id"], row)
        by_id = [row for row in rows.values() if fold(row["id"]).startswith(typed)]
        if by_id:  # case aside (GDP → gdp), the old behaviour
            return [(CompletedId(row["id"], [fold(row["id"])]), row["name_en"]) for row in by_id]
        out: list[tuple[str, str]] = []
        for row in rows.values():
            candidates = completion_names(row)
            if any(n.startswith(typed) for n in candidates):
                label = (row.get("name_zh") if chinese else None) or row["name_en"]
                out.append((CompletedId(row["id"], candidates), label))
        return out

    return complete


complete_indicator = completer("indicators")
complete_domain = completer("domains")
complete_target = completer("domains", "indicators")
complete_region = completer("regions")
