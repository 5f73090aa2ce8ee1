"""The commands people try first, in a real 80-column pseudo-terminal: every number, year, unit and region whole.

The captures are kept in tests/tty80/ as text (what a reader's terminal shows, colours removed).
Refresh them with ``python tests/test_tables_tty.py``.
"""

from __future__ import annotations

import csv
import fcntl
import io
import os
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "tty80"
COMMANDS = [
    ["growth", "gdp"],
    ["gap"],
    ["compare", "2015", "2019"],
    ["show", "economy", "-r", "all"],
    ["progress"],
    ["audit"],
]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def fixture_name(args: list[str]) -> str:
    return "gzkit_" + "_".join(a.lstrip("-") for a in args) + ".txt"


def capture(args: list[str], width: int = 80) -> str:
    """What ``gzkit ARGS`` writes to a terminal ``width`` columns wide (stdout only, colours removed)."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, width, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "_TYPER_FORCE_DISABLE_TERMINAL")}
    env.update(TERM="xterm-256color", NO_COLOR="1", GZKIT_LANG="en")
    env.pop("GZKIT_DATA", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "gzkit", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the follower closed: Linux reports EIO
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return "\n".join(line.rstrip() for line in ANSI.sub("", text).splitlines()) + "\n"


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_80_columns_in_a_real_terminal(args, invoke):
    shown = capture(args)
    assert shown == (HERE / fixture_name(args)).read_text(encoding="utf-8"), "run python tests/test_tables_tty.py"
    assert max(len(line) for line in shown.splitlines()) <= 80
    # Every year and region of the command's own CSV output appears whole.
    rows = list(csv.DictReader(io.StringIO(invoke(*args, "-f", "csv").stdout)))
    assert rows
    for row in rows:
        for col in ("region", "year", "period", "from_year", "to_year"):
            if row.get(col):
                assert re.search(rf"(?<![\w-]){re.escape(row[col])}(?![\w-])", shown), f"{col}={row[col]}"


if __name__ == "__main__":
    HERE.mkdir(exist_ok=True)
    for command in COMMANDS:
        (HERE / fixture_name(command)).write_text(capture(command), encoding="utf-8")
        print("wrote", HERE / fixture_name(command))
