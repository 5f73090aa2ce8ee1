"""Start-up stays light: help and tab completion import neither pandas nor the data.

Structural checks (which modules get imported), not timings: timings belong to
benchmarks/startup.py, where a noisy machine cannot fail the build.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

HEAVY = ("pandas", "numpy", "pydantic", "typer.rich_utils", "gzkit.core")


def _plain_coercion() -> bool:
    """Whether gzkit converts plain parameters itself (typer 0.2x); else typer may import pydantic."""
    import gzkit.cli  # noqa: F401

    try:
        from typer.core import _TyperParameter
    except ImportError:
        return False
    return getattr(_TyperParameter, "get_runtime_param", None).__module__ == "gzkit.cli"


def _expected_light(heavy: list[str]) -> list[str]:
    return [m for m in heavy if m != "pydantic" or _plain_coercion()]


PROBE = """
import sys, runpy
sys.argv = ["gzkit", *sys.argv[1:]]
try:
    runpy.run_module("gzkit", run_name="__main__")
except SystemExit:
    pass
finally:
    heavy = [m for m in {heavy!r} if m in sys.modules]
    sys.stderr.write("LOADED:" + ",".join(heavy) + "\\n")
"""


def _run(args, **env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("_GZKIT", "COMP_", "GZKIT_"))}
    full_env.update(env)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )
    loaded = [line for line in proc.stderr.splitlines() if line.startswith("LOADED:")]
    assert loaded, proc.stderr
    return proc, [m for m in loaded[-1].removeprefix("LOADED:").split(",") if m]


@pytest.mark.parametrize("args", [["--help"], ["compare", "--help"], ["export", "-h"], []])
def test_help_imports_neither_pandas_nor_the_data(args):
    proc, heavy = _run(args)
    assert "Usage: gzkit" in proc.stdout + proc.stderr  # bare `gzkit` shows help on stderr
    assert _expected_light(heavy) == []


def test_completion_imports_neither_pandas_nor_the_data():
    # What typer's bash completion script sets: _<PROG>_COMPLETE, the words so far, the word's index.
    proc, heavy = _run([], _GZKIT_COMPLETE="complete_bash", COMP_WORDS="gzkit show ec", COMP_CWORD="2")
    assert proc.stdout.split() == ["economy", "ecology"]
    assert _expected_light(heavy) == []


def test_completion_of_an_indicator_reads_the_active_package_without_pandas():
    proc, heavy = _run(
        [], _GZKIT_COMPLETE="complete_bash", COMP_WORDS="gzkit growth disposable_income_u", COMP_CWORD="2"
    )
    assert proc.stdout.split() == ["disposable_income_urban"]
    assert _expected_light(heavy) == []


def test_importtime_of_help_lists_no_pandas():
    """The check the start-up budget names: `python -X importtime -m gzkit --help`."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "gzkit", "--help"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "gzkit.cli" in imported
    assert not {"pandas", "numpy"} & imported


def test_a_data_command_still_works_after_the_light_start():
    proc, heavy = _run(["show", "economy", "-f", "csv"])
    assert proc.stdout.startswith("indicator,name_en,name_zh,region,period,year")
    assert "pandas" in heavy
    assert "pydantic" not in heavy or not _plain_coercion()
