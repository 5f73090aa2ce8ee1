"""What every hostile case must satisfy, and the tools to build the cases.

A run passes when it ends with no traceback and no exception escaping gzkit, an
exit status from the documented set (0 success, 1 data or lookup problem, 2
usage), no ``inf`` or ``nan`` in any output, no stray file beside its output
(a left-over ``*.tmp``), and no raw control character on a stream meant for a
terminal (tables, markdown, messages).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from typer.testing import CliRunner

from gzkit.cli import app
from gzkit.data import bundled_path
from gzkit.terminal import has_control

EXIT_CODES = {0, 1, 2}

#: The values the sweep puts in place of each observation in turn.
SWEEP_VALUES = ["0", "-1", "1e-310", "2e19", "1e29"]

#: A word "inf" or "nan" (any case), as a number printer writes it; not "information".
_NONFINITE = re.compile(r"(?<![A-Za-z_])[-+]?(inf|infinity|nan)(?![A-Za-z_])", re.IGNORECASE)


def copy_package(dest: Path) -> Path:
    shutil.copytree(bundled_path(), dest, ignore=shutil.ignore_patterns("staging", "__pycache__"))
    return dest


def rows(root: Path, name: str) -> list[list[str]]:
    with open(root / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_rows(root: Path, name: str, table: list[list[str]]) -> None:
    with open(root / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(table)


def set_cell(root: Path, name: str, line: int, column: str, value: str) -> None:
    """Set one cell, addressed as a user reads the file: line number (header = 1) and column name."""
    table = rows(root, name)
    table[line - 1][table[0].index(column)] = value
    write_rows(root, name, table)


def set_observation(root: Path, indicator: str, period: str, value: str, region: str = "guangzhou") -> int:
    """Set every statement of one observation to ``value``; how many rows changed."""
    table = rows(root, "observations")
    h = table[0]
    changed = 0
    for r in table[1:]:
        if r[h.index("indicator")] == indicator and r[h.index("period")] == period and r[h.index("region")] == region:
            r[h.index("value")] = value
            changed += 1
    write_rows(root, "observations", table)
    return changed


def observations() -> list[tuple[int, str, str, str]]:
    """(line, indicator, region, period) of every bundled observation."""
    table = rows(bundled_path(), "observations")
    h = table[0]
    return [
        (n, r[h.index("indicator")], r[h.index("region")], r[h.index("period")])
        for n, r in enumerate(table[1:], start=2)
    ]


@dataclass
class Outcome:
    args: list[str]
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None = None
    problems: list[str] = field(default_factory=list)


def run(args: list[str], *, cwd: Path | None = None) -> Outcome:
    """Run gzkit in this process (the library's own CLI object) and collect its outcome."""
    import os

    before = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, [str(a) for a in args])
    finally:
        os.chdir(before)
    exc = result.exception if result.exception is not None and not isinstance(result.exception, SystemExit) else None
    return Outcome([str(a) for a in args], result.exit_code, result.stdout, result.stderr, exc)


def _explicit_format(args: list[str]) -> str | None:
    for i, a in enumerate(args):
        if a in ("-f", "--format") and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--format="):
            return a.split("=", 1)[1]
    return None


def machine_format(args: list[str]) -> str | None:
    """The machine format a command line asks for on stdout (None: a format for people)."""
    if "--help" in args or "-h" in args:
        return None  # help is for people, whatever -f says
    if "-o" in args or "--output" in args or any(a.startswith("--output=") for a in args):
        return "file"  # stdout carries nothing; the file is checked by its suffix
    fmt = _explicit_format(args)
    if fmt is not None:
        return fmt if fmt in ("csv", "tsv", "json", "jsonl") else None
    if "chart" in args:
        return None  # a terminal chart is drawn for people
    return "csv"  # the CLI runner is not a terminal: csv


def nonfinite_in(text: str, fmt: str | None) -> str | None:
    """The first inf/nan a reader would get from ``text`` in format ``fmt``."""
    if fmt in ("json", "jsonl"):

        def reject(token):
            raise ValueError(token)

        try:
            docs = [text] if fmt == "json" else [line for line in text.splitlines() if line.strip()]
            for doc in docs:
                json.loads(doc, parse_constant=reject)
        except ValueError as exc:
            return f"non-finite JSON constant {exc}"
        return None
    if fmt in ("csv", "tsv"):
        for line in csv.reader(text.splitlines(), delimiter="," if fmt == "csv" else "\t"):
            for cell in line:
                if cell.strip().lower() in ("inf", "-inf", "+inf", "infinity", "-infinity", "nan", "-nan"):
                    return f"cell {cell!r}"
        return None
    m = _NONFINITE.search(text)
    return None if m is None else f"{m.group()!r} in {text[max(0, m.start() - 40) : m.end() + 20]!r}"


def problems(
    outcome: Outcome, folder: Path | None = None, people: bool | None = None, data_says_nan: bool = False
) -> list[str]:
    """Everything wrong with ``outcome`` (empty: the case passes).

    ``data_says_nan``: the package itself holds the text "nan" or "inf" (a region named NaN), which
    output may quote; then only a traceback, the exit status and the rest are checked.
    """
    found = []
    if outcome.exception is not None:
        found.append(f"exception {type(outcome.exception).__name__}: {outcome.exception}")
    if "Traceback" in outcome.stdout + outcome.stderr:
        found.append("a traceback")
    if outcome.exit_code not in EXIT_CODES:
        found.append(f"exit status {outcome.exit_code}")
    if outcome.exit_code:
        # Under --lang zh the one error line starts with the catalog's "错误：".
        errors = [line for line in outcome.stderr.splitlines() if line.startswith(("Error", "错误："))]
        if len(errors) != 1:
            found.append(f"{len(errors)} error lines: {outcome.stderr[-300:]!r}")
    fmt = machine_format(outcome.args)
    if outcome.exit_code == 0 and not data_says_nan:
        bad = nonfinite_in(outcome.stdout, fmt)
        if bad:
            found.append(f"stdout holds {bad}")
    typed = " ".join(outcome.args).lower()
    bad = nonfinite_in(outcome.stderr, None)
    # Quoting what the user typed, or what the package says, is fine.
    if bad and not data_says_nan and not any(word in typed for word in ("inf", "nan")):
        found.append(f"stderr holds {bad}")
    if "RuntimeWarning" in outcome.stderr:
        found.append("a numpy RuntimeWarning on stderr")
    if people if people is not None else fmt is None:
        # Tables, markdown and terminal charts: no raw control character except line ends.
        if has_control(outcome.stdout.replace("\n", "")):
            found.append("a raw control character on stdout")
    if has_control(outcome.stderr.replace("\n", "")):
        found.append("a raw control character on stderr")
    if folder is not None:
        stray = [p.name for p in folder.rglob("*") if p.name.endswith(".tmp")]
        if stray:
            found.append(f"stray files {stray}")
        # `report` writes HTML and `chart` a figure whatever the file is called: only data files are read back.
        writes_data = not {"report", "chart"} & set(outcome.args)
        if outcome.exit_code == 0 and not data_says_nan and writes_data:
            for file in folder.iterdir():
                kind = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".jsonl": "jsonl"}.get(file.suffix)
                if kind and file.is_file() and not file.is_symlink():
                    text = file.read_text(encoding="utf-8-sig", errors="replace")
                    # A file's format comes from -f when given, else from its suffix.
                    # A format for people (-f table -o out.json) is read as text, not parsed by the suffix.
                    fmt = _explicit_format(outcome.args) or kind
                    bad = nonfinite_in(text, fmt if fmt in ("csv", "tsv", "json", "jsonl") else None)
                    if bad:
                        found.append(f"{file.name} holds {bad}")
    return found


def check(
    args: list[str], *, cwd: Path | None = None, people: bool | None = None, data_says_nan: bool = False
) -> Outcome:
    outcome = run(args, cwd=cwd)
    outcome.problems = problems(outcome, cwd, people, data_says_nan)
    return outcome
