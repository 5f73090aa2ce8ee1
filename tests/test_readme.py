"""The README's machine-readable examples are real output of the installed gzkit.

Each ```console block holds one or more ``$ gzkit ...`` commands, each followed by what it
prints: standard output alone, or standard error (warnings, summary lines) followed by it. A line that is
only ``…`` stands for any number of lines the README leaves out. Tables for people depend on the
terminal's width, so only commands that write CSV, TSV or plain text through a pipe are checked.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
MACHINE = ("-f csv", "-f tsv", "| head", "| cut")


def _examples() -> list[tuple[str, list[str]]]:
    text = README.read_text(encoding="utf-8")
    examples = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        command, shown = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    examples.append((command, shown))
                command, shown = line[2:], []
            else:
                shown.append(line)
        if command is not None:
            examples.append((command, shown))
    return [(c, s) for c, s in examples if c.startswith("gzkit ") and any(m in c for m in MACHINE)]


def _matches(shown: list[str], got: list[str]) -> bool:
    pattern = "".join(r"(?:.*\n)*?" if line == "…" else re.escape(line) + r"\n" for line in shown)
    return re.fullmatch(pattern, "".join(line + "\n" for line in got)) is not None


EXAMPLES = _examples()


def test_the_readme_has_machine_examples_to_check():
    assert len(EXAMPLES) >= 10


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("cut") is None, reason="needs bash and cut")
@pytest.mark.parametrize("command,shown", EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_is_real_output(command, shown, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("GZKIT_DATA", "GZKIT_LANG")}
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env["GZKIT_CACHE_DIR"] = str(tmp_path / "cache")
    run = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path
    )
    out, both = run.stdout.splitlines(), run.stderr.splitlines() + run.stdout.splitlines()
    assert _matches(shown, out) or _matches(shown, both), "\n".join(
        ["README shows:", *shown, "", "gzkit prints:", *both]
    )


def test_the_ellipsis_matcher_can_fail():
    assert _matches(["a", "…", "d"], ["a", "b", "c", "d"])
    assert not _matches(["a", "…", "d"], ["a", "b", "c"])
    assert not _matches(["a", "b"], ["a", "b", "c"])
