"""The tables of a loaded data package (:class:`Dataset`).

A large package's observations may be held compact (:class:`gzkit.columnar.Columns`)
until ``ds.observations`` is first read; a command that needs only a few years asks
for :meth:`Dataset.narrowed` first and never builds the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
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

    def narrowed(self, years: Iterable[int]) -> Dataset:
        """The same package with only the observations of ``years`` (in file order, index 0..n-1)."""
        import numpy as np

        obs = self.stored("observations")
        wanted = sorted({int(y) for y in years})
        if isinstance(obs, Columns):
            rows = np.flatnonzero(np.isin(obs.numbers("year"), wanted))
            return self.replaced(observations=obs.take(rows))
        kept = obs[obs["year"].isin(wanted).to_numpy()].reset_index(drop=True)
        return self.replaced(observations=kept)
