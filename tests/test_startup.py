"""Start-up stays light: help and tab completion import neither pandas nor the data.

Structural checks (which modules get imported), not timings: timings belong to
benchmarks/startup.py, where a noisy machine cannot fail the build. What typer
itself imports depends on its version (typer 0.2x imports pydantic as soon as it
converts any parameter value; older releases import their rich help module with
typer), so gzkit is held to the fair floor: it may import no watched module that
the smallest Typer app (benchmarks/startup_floor.py) does not import for the same
kind of work, and never pandas, numpy or its computations.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FLOOR = Path(__file__).resolve().parents[1] / "benchmarks" / "startup_floor.py"
#: Modules whose import would show in start-up time.
WATCHED = ("pandas", "numpy", "pydantic", "typer.rich_utils", "gzkit.core")
#: Never imported to print help or complete a word, whatever typer's version.
NEVER = {"pandas", "numpy", "gzkit.core"}

PROBE = """
import sys, runpy
target, sys.argv = sys.argv[1], [sys.argv[1], *sys.argv[2:]]
try:
    if target == "gzkit":
        runpy.run_module("gzkit", run_name="__main__")
    else:
        runpy.run_path(target, run_name="floor")["app"](prog_name="floor")
except SystemExit:
    pass
finally:
    sys.stderr.write("LOADED:" + ",".join(m for m in {watched!r} if m in sys.modules) + "\\n")
"""


def _run(target: str, args: list[str], **env: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("_GZKIT", "_FLOOR", "COMP_", "GZKIT_"))}
    full_env.update(env, STARTUP_FLOOR_PLAIN_HELP="1")  # gzkit's help is plain too
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(watched=WATCHED), target, *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )
    loaded = [line for line in proc.stderr.splitlines() if line.startswith("LOADED:")]
    assert loaded, proc.stderr
    return proc, {m for m in loaded[-1].removeprefix("LOADED:").split(",") if m}


def _floor_help() -> set[str]:
    proc, loaded = _run(str(FLOOR), ["--help"])
    assert "Usage: floor" in proc.stdout
    return loaded


def _floor_parse() -> set[str]:
    """The floor converting its option and argument, as any subcommand or completion must."""
    proc, loaded = _run(str(FLOOR), ["--times", "2", "Guangzhou"])
    assert proc.stdout.splitlines() == ["Hello Guangzhou", "Hello Guangzhou"]
    return loaded


@pytest.mark.parametrize(
    "args,floor",
    [
        (["--help"], _floor_help),
        ([], _floor_help),
        (["compare", "--help"], _floor_parse),
        (["export", "-h"], _floor_parse),
    ],
    ids=["--help", "no arguments", "compare --help", "export -h"],
)
def test_help_imports_no_more_than_the_smallest_typer_app(args, floor):
    proc, loaded = _run("gzkit", args)
    assert "Usage: gzkit" in proc.stdout + proc.stderr  # bare `gzkit` shows help on stderr
    assert not loaded & NEVER
    assert loaded <= floor()


def test_top_level_help_converts_no_parameter_so_imports_no_pydantic():
    proc, loaded = _run("gzkit", ["--help"])
    assert proc.returncode == 0
    assert "pydantic" not in loaded


def test_completion_imports_no_more_than_the_smallest_typer_app():
    # What typer's bash completion script sets: _<PROG>_COMPLETE, the words so far, the word's index.
    proc, loaded = _run("gzkit", [], _GZKIT_COMPLETE="complete_bash", COMP_WORDS="gzkit show ec", COMP_CWORD="2")
    assert proc.stdout.split() == ["economy", "ecology"]
    assert not loaded & NEVER
    assert loaded <= _floor_parse()


def test_completion_of_an_indicator_reads_the_active_package_without_pandas():
    proc, loaded = _run(
        "gzkit", [], _GZKIT_COMPLETE="complete_bash", COMP_WORDS="gzkit growth disposable_income_u", COMP_CWORD="2"
    )
    assert proc.stdout.split() == ["disposable_income_urban"]
    assert not loaded & NEVER


def test_importtime_of_help_lists_no_pandas():
    """The check the start-up budget names: `python -X importtime -m gzkit --help`."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "gzkit", "--help"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "gzkit.cli" in imported
    assert not {"pandas", "numpy"} & imported


def test_a_data_command_loads_pandas_and_the_computations_only_when_it_runs():
    proc, loaded = _run("gzkit", ["show", "economy", "-f", "csv"])
    assert proc.stdout.startswith("indicator,name_en,name_zh,region,period,year")
    assert {"pandas", "gzkit.core"} <= loaded
