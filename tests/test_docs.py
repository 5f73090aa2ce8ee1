"""Docs that cannot drift from the code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI_MD = ROOT / "docs" / "cli.md"
REGENERATE = [sys.executable, "-m", "typer", "gzkit.cli", "utils", "docs", "--name", "gzkit"]


def _commands() -> list[str]:
    from gzkit.cli import app

    return [c.name or c.callback.__name__ for c in app.registered_commands]


def test_cli_reference_is_up_to_date(tmp_path):
    out = tmp_path / "cli.md"
    subprocess.run(
        [*REGENERATE, "--output", str(out)],
        check=True,
        capture_output=True,
        env={"PATH": "", "COLUMNS": "100", "_TYPER_FORCE_DISABLE_TERMINAL": "1", "TERM": "dumb"},
    )
    assert out.read_text(encoding="utf-8") == CLI_MD.read_text(encoding="utf-8"), (
        "docs/cli.md is stale: run `python -m typer gzkit.cli utils docs --name gzkit --output docs/cli.md`"
    )


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_documented(command):
    assert f"## `gzkit {command}`" in CLI_MD.read_text(encoding="utf-8")
    assert f"gzkit {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:\w+)?\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1
    lines = [ln for ln in blocks[0].splitlines() if ln.strip()]
    assert len(lines) == 2
    assert "gzkit" in lines[0] and "pytest" in lines[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines[1] in ci
