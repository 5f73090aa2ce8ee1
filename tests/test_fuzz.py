"""Fuzzing: random command lines and random damaged data packages never produce a traceback.

Whatever the input, gzkit ends with exit code 0, 1 (data, lookup) or 2 (usage),
says what went wrong in words, and leaves no half-written file (*.tmp) behind.
Command lines are built from the real commands and options plus junk; packages
are mutations of the bundled one.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.main import get_command
from typer.testing import CliRunner

from gzkit.cli import app
from gzkit.data import bundled_path

# Examples per fuzz test: kept small for the suite; GZKIT_FUZZ_EXAMPLES=2000 for a long hunt.
EXAMPLES = int(os.environ.get("GZKIT_FUZZ_EXAMPLES", "120"))

# Options that change the user's shell set-up rather than gzkit's output.
NEVER = {"--install-completion", "--show-completion"}

GROUP = get_command(app)
COMMANDS = sorted(GROUP.commands)
OPTIONS = sorted(
    {opt for cmd in [GROUP, *GROUP.commands.values()] for p in cmd.params for opt in p.opts if opt.startswith("-")}
    - NEVER
)


def _ids(name: str) -> list[str]:
    with open(bundled_path() / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return [row["id"] for row in csv.DictReader(fh)]


KNOWN = _ids("domains") + _ids("regions") + _ids("indicators")[:40] + ["all", "经济", "收入"]
FORMATS = ["table", "csv", "tsv", "json", "jsonl", "markdown", "xml", ""]
SPECIAL = [
    "",
    " ",
    "-",
    "--",
    "-1",
    "0",
    "1e3",
    "2019.0",
    "٢٠١٩",
    "NaN",
    "inf",
    "9" * 30,
    "'",
    '"',
    "\\",
    "%s",
    "[red]x[/red]",
    "a,b",
    "\t",
    "\n",
    "out.csv",
    "out.json",
    "out.md",
    "out.xlsx",
    "out.svg",
    "out",
    ".",
]


def _safe_text(text: str) -> bool:
    # Junk may end up after -o: keep every path inside the isolated folder.
    return not text.startswith(("/", "~")) and ".." not in text and "\x00" not in text


TOKEN = st.one_of(
    st.sampled_from(COMMANDS),
    st.sampled_from(OPTIONS),
    st.sampled_from(KNOWN),
    st.sampled_from(FORMATS),
    st.sampled_from(SPECIAL),
    st.integers(min_value=1900, max_value=2100).map(str),
    st.integers().map(str),
    st.text(max_size=10).filter(_safe_text),
)


def _values(param) -> st.SearchStrategy:
    """Plausible values for a parameter, from its type, with some junk."""
    kind = param.type_descriptor.annotation
    if kind is int:
        good = st.integers(min_value=1975, max_value=2022).map(str)
    elif isinstance(kind, type) and issubclass(kind, Enum):
        good = st.sampled_from([e.value for e in kind])
    elif kind is Path:
        good = st.sampled_from(["out.csv", "out.json", "out.tsv", "out.md", "out.html", "out.svg", "out"])
    else:
        good = st.sampled_from(KNOWN)
    return st.one_of(good, good, good, TOKEN)


@st.composite
def well_formed(draw):
    """A command with values for its arguments and some of its options, in a random order."""
    name = draw(st.sampled_from(COMMANDS))
    command = GROUP.commands[name]
    args = []
    for p in command.params:
        if p.param_type_name == "argument":
            count = draw(st.integers(1, 2)) if p.nargs == -1 else 1
            args += [draw(_values(p)) for _ in range(count)]
    options = [p for p in command.params if p.param_type_name == "option" and not set(p.opts) & NEVER]
    for p in draw(st.lists(st.sampled_from(options), max_size=3, unique_by=lambda p: p.name)) if options else []:
        flag = draw(st.sampled_from(p.opts))
        args += [flag] if p.is_flag else [flag, draw(_values(p))]
    head = draw(st.sampled_from([[], [], ["--lang", "zh"], ["-l", "en"], ["--data", "."]]))
    return [*head, name, *args]


@st.composite
def command_lines(draw):
    """Mostly well-formed command lines, some with junk inserted, some all junk."""
    args = draw(well_formed())
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        args.insert(draw(st.integers(0, len(args))), draw(TOKEN))
    junk = [draw(st.sampled_from(COMMANDS) | TOKEN), *draw(st.lists(TOKEN, max_size=5))]
    return draw(st.sampled_from([args, args, args, junk]))


@contextmanager
def _inside(folder: str):
    """Run with ``folder`` as the working directory: relative -o paths land there."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield Path(folder)
    finally:
        os.chdir(before)


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def _check(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    if result.exit_code:
        text = result.stderr + result.stdout
        assert "Error" in text or "错误" in text or "Usage" in text, text


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(args=command_lines())
def test_random_command_lines(args):
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp, _inside(tmp) as here:
        result = runner.invoke(app, args)
        _check(result)
        assert _leftovers(Path(here)) == []


# --------------------------------------------------------------------------- damaged packages

RESOURCES = ["domains", "regions", "units", "indicators", "observations", "targets"]
CELL = st.one_of(
    st.sampled_from(
        SPECIAL
        + [
            "true",
            "false",
            "=",
            ">",
            "2019",
            "2016-2019",
            "2020-H1",
            "guangzhou",
            "gdp",
            "economy",
            "percent",
            "-0",
            "1e400",
            "  2019 ",
            "\ufeff",
            "\r\n",
            '""',
        ]
    ),
    st.text(max_size=12),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)

MUTATION = st.one_of(
    st.tuples(st.just("cell"), st.sampled_from(RESOURCES), st.integers(0, 300), st.integers(0, 20), CELL),
    st.tuples(st.just("drop_row"), st.sampled_from(RESOURCES), st.integers(0, 300)),
    st.tuples(st.just("copy_row"), st.sampled_from(RESOURCES), st.integers(0, 300)),
    st.tuples(st.just("drop_column"), st.sampled_from(RESOURCES), st.integers(0, 20)),
    st.tuples(st.just("copy_column"), st.sampled_from(RESOURCES), st.integers(0, 20)),
    st.tuples(st.just("truncate"), st.sampled_from(RESOURCES), st.floats(0, 1)),
    st.tuples(st.just("bytes"), st.sampled_from(RESOURCES), st.floats(0, 1), st.binary(min_size=1, max_size=6)),
    st.tuples(st.just("delete"), st.sampled_from(RESOURCES + ["datapackage.json"])),
    st.tuples(
        st.just("descriptor"),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=5),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.sampled_from(["resources", "name", "path", "schema"]), inner, max_size=3)
            ),
            max_leaves=8,
        ),
    ),
)

# Commands that together read every table and exercise every computation.
PACKAGE_COMMANDS = [
    ["export", "-f", "csv"],
    ["compare", "2015", "2019", "-r", "all", "-f", "json"],
    ["growth", "gdp", "-f", "csv"],
    ["gap", "-f", "csv"],
    ["progress", "-f", "csv"],
    ["show", "economy", "-f", "table"],
    ["list", "-f", "markdown"],
    ["audit", "-f", "csv"],
    ["xiaokang", "-f", "csv"],
    ["domains", "-o", "out.csv"],
]


def _rows(file: Path) -> list[list[str]]:
    with open(file, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write_rows(file: Path, rows) -> None:
    with open(file, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _mutate(root: Path, mutation) -> None:
    kind, name = mutation[0], mutation[1] if len(mutation) > 1 else None
    file = root / (name if name == "datapackage.json" else f"{name}.csv") if isinstance(name, str) else None
    if kind == "descriptor":
        (root / "datapackage.json").write_text(json.dumps(mutation[1]), encoding="utf-8")
        return
    if not file.exists():
        return
    if kind == "delete":
        file.unlink()
        return
    if kind in ("truncate", "bytes"):
        data = file.read_bytes()
        at = int(len(data) * mutation[2])
        file.write_bytes(data[:at] if kind == "truncate" else data[:at] + mutation[3] + data[at:])
        return
    try:
        rows = _rows(file)
    except (UnicodeDecodeError, csv.Error):
        return
    if not rows:
        return
    i = mutation[2] % len(rows)
    if kind == "cell":
        row = rows[i]
        if row:
            row[mutation[3] % len(row)] = mutation[4]
    elif kind == "drop_row":
        del rows[i]
    elif kind == "copy_row":
        rows.append(list(rows[i]))
    elif kind in ("drop_column", "copy_column"):
        k = mutation[2] % max(len(rows[0]), 1)
        for row in rows:
            if k < len(row):
                if kind == "drop_column":
                    del row[k]
                else:
                    row.append(row[k])
    _write_rows(file, rows)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations=st.lists(MUTATION, min_size=1, max_size=3), command=st.sampled_from(PACKAGE_COMMANDS))
def test_random_damaged_packages(mutations, command):
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp, _inside(tmp) as here:
        root = Path(tmp) / "pkg"
        shutil.copytree(bundled_path(), root, ignore=shutil.ignore_patterns("staging", "__pycache__"))
        for mutation in mutations:
            _mutate(root, mutation)
        result = runner.invoke(app, ["--data", str(root), *command])
        _check(result)
        if result.exit_code == 1 and "Error:" in result.stderr:
            # One line, naming what is wrong.
            assert len([line for line in result.stderr.splitlines() if line.startswith("Error")]) == 1
        assert _leftovers(Path(here)) == []


def test_the_mutations_reach_the_validator():
    """The fuzzer is only useful if damage is reported: a few fixed mutations must be caught."""
    runner = CliRunner()
    caught = 0
    for mutation in [
        ("cell", "observations", 3, 3, "abc"),
        ("drop_column", "regions", 0),
        ("copy_row", "units", 2),
        ("bytes", "observations", 0.5, b"\xff\xfe"),
        ("truncate", "indicators", 0.0),
        ("descriptor", []),
    ]:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "pkg"
            shutil.copytree(bundled_path(), root, ignore=shutil.ignore_patterns("staging", "__pycache__"))
            _mutate(root, mutation)
            result = runner.invoke(app, ["--data", str(root), "export", "-f", "csv"])
            _check(result)
            caught += result.exit_code == 1 and "Error:" in result.stderr
    assert caught == 6


# --------------------------------------------------------------------------- real processes


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(args=command_lines())
def test_random_command_lines_in_a_real_process(args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GZKIT_", "_GZKIT"))}
    env["PYTHONIOENCODING"] = "utf-8"
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [sys.executable, "-m", "gzkit", *args],
            capture_output=True,
            cwd=tmp,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
        stderr = proc.stderr.decode("utf-8", errors="replace")
        assert proc.returncode in (0, 1, 2), stderr
        assert "Traceback" not in stderr
        assert _leftovers(Path(tmp)) == []


def test_a_real_process_with_a_damaged_package(tmp_path):
    root = tmp_path / "pkg"
    shutil.copytree(bundled_path(), root, ignore=shutil.ignore_patterns("staging", "__pycache__"))
    _mutate(root, ("bytes", "observations", 0.3, b'\x00\xff,"\n'))
    proc = subprocess.run(
        [sys.executable, "-m", "gzkit", "--data", str(root), "compare", "2015", "2019"],
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    stderr = proc.stderr.decode("utf-8", errors="replace")
    assert proc.returncode == 1
    assert "Traceback" not in stderr
    assert "observations.csv" in stderr
