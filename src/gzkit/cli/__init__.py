"""The gzkit command line: thin commands over :mod:`gzkit.core`, one output function.

Each command parses its arguments, calls one core function and hands the
DataFrame to :func:`gzkit.output.emit`. pandas and the data are imported inside
the commands so that ``gzkit --help`` and tab completion stay fast.

:mod:`~gzkit.cli.app` holds the app and :func:`main`; the commands are grouped by
what a reader does, and ``gzkit --help`` lists them in :data:`GROUPS` order.
"""

from __future__ import annotations

from importlib import import_module

from gzkit.cli.app import app, main

#: The modules of commands: browsing, computing, taking files away, drawing, checking.
GROUPS = ("browse", "compute", "files", "figures", "checks")
for _group in GROUPS:
    import_module(f"gzkit.cli.{_group}")  # importing a module registers its commands

__all__ = ["GROUPS", "app", "main"]
