"""The fair floor for gzkit's start-up: the smallest Typer app with one option and one argument.

``python benchmarks/startup_floor.py --help`` costs what any Typer command line
costs before it does anything of its own (interpreter, typer, its vendored
click, rich for the console). benchmarks/startup.py measures gzkit against it.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

# STARTUP_FLOOR_PLAIN_HELP=1 gives plain help, as gzkit has: what typer's rich help costs shows apart.
app = typer.Typer(rich_markup_mode=None) if os.environ.get("STARTUP_FLOOR_PLAIN_HELP") else typer.Typer()


@app.command()
def greet(name: str, times: Annotated[int, typer.Option(help="How many times.")] = 1) -> None:
    """Greet NAME."""
    for _ in range(times):
        typer.echo(f"Hello {name}")


if __name__ == "__main__":
    app()
