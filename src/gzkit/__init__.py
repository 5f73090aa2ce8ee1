"""gzkit: the quantitative record of Guangzhou's high-level xiaokang society.

The library mirrors the command line::

    import gzkit
    ds = gzkit.load()                      # the bundled data package, validated
    gzkit.core.compare(ds, 2015, 2019)     # a DataFrame
    gzkit.core.gap(ds, year=2019)

Importing :mod:`gzkit` is cheap; pandas is imported when data is first loaded.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load", "Dataset", "GzkitError"]


def __getattr__(name: str):
    # Lazy so that `gzkit --help` and shell completion never import pandas.
    if name in ("load", "Dataset"):
        from gzkit import data

        return getattr(data, name)
    if name == "core":
        from gzkit import core

        return core
    if name == "GzkitError":
        from gzkit.errors import GzkitError

        return GzkitError
    raise AttributeError(f"module 'gzkit' has no attribute {name!r}")
