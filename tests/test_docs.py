"""Docs that cannot drift from the code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI_MD = ROOT / "docs" / "cli.md"
CLI_ZH_MD = ROOT / "docs" / "cli.zh.md"
#: Where the generated part of a reference ends: a hand-written section follows.
BY_HAND = "\n<!-- "
REGENERATE = [sys.executable, "-m", "typer", "gzkit.cli", "utils", "docs", "--name", "gzkit"]


def _commands() -> list[str]:
    from gzkit.cli import app

    return [c.name or c.callback.__name__ for c in app.registered_commands]


@pytest.mark.parametrize(("page", "lang"), [(CLI_MD, "en"), (CLI_ZH_MD, "zh")], ids=["docs/cli.md", "docs/cli.zh.md"])
def test_cli_reference_is_up_to_date(tmp_path, page, lang):
    out = tmp_path / page.name
    env = {"PATH": "", "COLUMNS": "100", "_TYPER_FORCE_DISABLE_TERMINAL": "1", "TERM": "dumb", "GZKIT_LANG": lang}
    subprocess.run([*REGENERATE, "--output", str(out)], check=True, capture_output=True, env=env)
    # The generated reference, then what is written by hand below the marker.
    generated = page.read_text(encoding="utf-8").split(BY_HAND, 1)[0]
    assert BY_HAND in page.read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == generated, (
        f"{page.relative_to(ROOT)} is stale: run `GZKIT_LANG={lang} python -m typer gzkit.cli utils docs "
        f"--name gzkit --output FILE` and put FILE in place of the part above the hand-written section"
    )


def test_the_chinese_reference_is_chinese():
    text = CLI_ZH_MD.read_text(encoding="utf-8")
    assert "比较两年都有数值的每个指标" in text
    assert "Compare every indicator with a value in both years" not in text


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_documented(command):
    assert f"## `gzkit {command}`" in CLI_MD.read_text(encoding="utf-8")
    assert f"## `gzkit {command}`" in CLI_ZH_MD.read_text(encoding="utf-8")
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
