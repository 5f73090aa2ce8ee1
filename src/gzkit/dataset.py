"""The tables of a loaded data package (:class:`Dataset`).

A large package's observations may be held compact (:class:`gzkit.columnar.Columns`)
until ``ds.observations`` is first read; a command that needs only a few years asks
for :meth:`Dataset.narrowed` first and never builds the rest.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gzkit.columnar import Columns, LazyFrame

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Dataset:
    """The tables of a data package, typed and validated."""

    domains: pd.DataFrame
    regions: pd.DataFrame
    units: pd.DataFrame
    indicators: pd.DataFrame
    if TYPE_CHECKING:
        observations: pd.DataFrame
    else:
        # A descriptor, not a shared default: it holds a DataFrame, or Columns built into one when first read.
        observations: pd.DataFrame = LazyFrame()  # noqa: RUF009
    targets: pd.DataFrame
    path: Path
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def bundled(self) -> bool:
        from gzkit.data import bundled_path

        return self.path == bundled_path()

    def stored(self, name: str) -> pd.DataFrame | Columns:
        """A table as held, without building it: ``observations`` may be :class:`Columns`."""
        slot = type(self).__dict__.get(name)
        return slot.stored(self) if isinstance(slot, LazyFrame) else getattr(self, name)

    def replaced(self, **changes: Any) -> Dataset:
        """``dataclasses.replace(self, **changes)``, but compact observations stay compact."""
        fields = {f.name: self.stored(f.name) for f in dataclass_fields(self)}
        return Dataset(**{**fields, **changes})

    def year_range(self) -> tuple[int, int]:
        """The first and last year of the observations (the package must have some)."""
        obs = self.stored("observations")
        years = obs.numbers("year") if isinstance(obs, Columns) else obs["year"].to_numpy()
        return int(years.min()), int(years.max())

    def narrowed(self, years: Iterable[int], only: Mapping[int, Collection[str]] | None = None) -> Dataset:
        """The same package with only the observations of ``years`` (in file order, index 0..n-1).

        ``only`` keeps, for the years it names, just the observations of those indicators:
        ``narrowed([2015, 2019, 2016], only={2016: ["imports"]})``.
        """
        import numpy as np

        only = only or {}
        obs = self.stored("observations")
        wanted = sorted({int(y) for y in years})
        if isinstance(obs, Columns):
            year = obs.numbers("year")
            keep = np.isin(year, wanted)
            if only:
                codes, values = obs.columns["indicator"].codes, obs.columns["indicator"].values.to_pylist()
                for y, ids in only.items():
                    # Compared on codes: which distinct indicator values are wanted, then which rows carry them.
                    wanted_codes = np.flatnonzero(np.isin(np.array(values, dtype=object), list(ids)))
                    keep &= (year != y) | np.isin(codes, wanted_codes)
            return self.replaced(observations=obs.take(np.flatnonzero(keep)))
        keep = obs["year"].isin(wanted).to_numpy().copy()
        for y, ids in only.items():
            keep &= (obs["year"] != y).to_numpy() | obs["indicator"].isin(list(ids)).to_numpy()
        return self.replaced(observations=obs[keep].reset_index(drop=True))
