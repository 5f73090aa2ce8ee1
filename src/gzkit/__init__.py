"""gzkit: the quantitative record of Guangzhou's high-level xiaokang society.

The library mirrors the command line::

    import gzkit
    ds = gzkit.load()                      # the bundled data package, validated
    from gzkit import core
    core.compare(ds, 2015, 2019)           # a DataFrame
    core.gap(ds, year=2019)

Importing :mod:`gzkit` is cheap; pandas is imported when data is first loaded.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "load", "Dataset", "GzkitError"]


def __getattr__(name: str) -> Any:
    # Lazy so that `gzkit --help` and shell completion never import pandas.
    import importlib

    if name in ("load", "Dataset"):
        return getattr(importlib.import_module("gzkit.data"), name)
    if name == "GzkitError":
        return importlib.import_module("gzkit.errors").GzkitError
    raise AttributeError(f"module 'gzkit' has no attribute {name!r}")
