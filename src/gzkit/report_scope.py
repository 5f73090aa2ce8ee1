"""Which trend figures ``gzkit report`` draws: what is asked, within a cap, and a note on the rest.

Drawing a figure takes tens of milliseconds; a provincial package has tens of
thousands of series. The report draws the series of ``--domain`` and
``--indicator`` when given, in the package's order, and at most ``limit`` of
them (:data:`DEFAULT_MAX_FIGURES` unless ``--max-figures`` says otherwise; 0
means no limit). The note says how many were left out and how to draw them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from gzkit.data import Dataset

#: Figures drawn when no limit is given: every series of the bundled package, a page that opens fast.
DEFAULT_MAX_FIGURES = 60


@dataclass
class Scope:
    trends: pd.DataFrame
    available: int
    note_en: str = ""
    note_zh: str = ""


def select(
    ds: Dataset,
    trends: pd.DataFrame,
    domain: str | None = None,
    indicators: list[str] | None = None,
    limit: int | None = DEFAULT_MAX_FIGURES,
) -> Scope:
    """The trend series to draw, and a note in both languages when some are left out."""
    from gzkit import core

    chosen = trends
    if domain is not None:
        chosen = chosen[chosen["domain"] == core.resolve_domain(ds, domain)]
    if indicators:
        ids = [core.indicator_info(ds, name)["id"] for name in indicators]
        chosen = chosen[chosen["indicator"].isin(ids)]
    available = len(chosen)
    if limit is not None and limit > 0 and available > limit:
        chosen = chosen.head(limit)
    scope = Scope(trends=chosen.reset_index(drop=True), available=available)
    drawn, total = len(scope.trends), len(trends)
    if drawn < total:
        if available == total:
            which_en, which_zh = f"the first {drawn:,} in the package's order", f"按数据包顺序的前{drawn:,}个"
        elif drawn < available:
            which_en, which_zh = (
                f"the first {drawn:,} of the {available:,} asked for",
                f"所选{available:,}个中的前{drawn:,}个",
            )
        else:
            which_en, which_zh = "those asked for", "所选范围"
        scope.note_en = (
            f"Trend figures: {drawn:,} of {total:,} series drawn ({which_en}). Draw others with "
            "gzkit report --domain DOMAIN, --indicator INDICATOR or --max-figures N (0 = all)."
        )
        scope.note_zh = (
            f"趋势图：共{total:,}个序列，绘制了{drawn:,}个（{which_zh}）。"
            "其余可用 gzkit report --domain 领域、--indicator 指标 或 --max-figures N（0 为全部）绘制。"
        )
    return scope
