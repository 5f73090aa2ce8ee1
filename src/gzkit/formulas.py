"""The formulas behind the values the report implies: each :class:`Kind` of relation, each :class:`Rule`.

Where the report gives a level together with its growth rate, its share of a
whole, or its completion rate, the other quantity follows. :data:`KINDS` holds
the relations (the formula, how it moves with each input, where it is undefined
and why); :data:`RULES` names, for each implied value, the stated level and rate
it follows from. :mod:`gzkit.derived` evaluates them. docs/methodology.md has the
full text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gzkit.i18n import T


@dataclass(frozen=True)
class Kind:
    """How an implied value follows from a level ``a`` and a rate ``b`` (in percent)."""

    formula: Callable[[np.ndarray, np.ndarray], np.ndarray]
    #: +1 when the result rises with the input, -1 when it falls (for a >= 0 on the valid domain).
    signs: tuple[int, int]
    #: The implied value's year relative to the inputs' year.
    year_shift: int
    #: The formula in words ({a}, {b}: input labels) and in numbers ({a}, {d}: level and divisor or factor).
    words: str
    numbers: str
    divisor: Callable[[float], float]
    #: Where the rate leaves the formula undefined, and why.
    undefined: Callable[[np.ndarray], np.ndarray]
    reason: str
    #: ``b`` is a published rate, rounded to its last digit, which moves the result more than
    #: ``a``'s rounding does: read as approximate. False when ``b`` is a level like ``a``.
    rounded_rate: bool = True


# It runs once, at import, to build KINDS, before mutmut could switch a mutant in: the Kinds it makes
# are tested through every implied value instead.
def _level_over_percent(reason: str) -> Kind:  # pragma: no mutate block
    """level / (rate / 100): a whole from a part's share, a plan from its completion rate."""
    return Kind(
        formula=lambda a, b: a / (b / 100),
        signs=(1, -1),
        year_shift=0,
        words="{a} / ({b} / 100)",
        numbers="{a} / {d}",
        divisor=lambda b: b / 100,
        undefined=lambda b: b <= 0,
        reason=reason,
    )


KINDS: dict[str, Kind] = {
    # The year before, from this year's level and its growth over that year.
    "before_growth": Kind(
        formula=lambda a, b: a / (1 + b / 100),
        signs=(1, -1),
        year_shift=-1,
        words="{a} / (1 + {b} / 100)",
        numbers="{a} / {d}",
        divisor=lambda b: 1 + b / 100,
        undefined=lambda b: b <= -100,
        reason=T("undefined: a fall of {fall} or more leaves no earlier level", fall="100%"),
    ),
    # The whole, from a part and its share of the whole.
    "whole_from_share": _level_over_percent(T("undefined: the share is not positive")),
    # A part, from the whole and the part's share of it.
    "part_from_share": Kind(
        formula=lambda a, b: a * (b / 100),
        signs=(1, 1),
        year_shift=0,
        words="{a} * {b} / 100",
        numbers="{a} * {d}",
        divisor=lambda b: b / 100,
        undefined=lambda b: b < 0,
        reason=T("undefined: the share is negative"),
    ),
    # The planned number, from what was done and the completion rate.
    "target_from_completion": _level_over_percent(T("undefined: the completion rate is not positive")),
    # One level as a multiple of another (urban income / rural income: the 城乡收入倍差, rural = 1).
    "ratio": Kind(
        formula=lambda a, b: a / b,
        signs=(1, -1),
        year_shift=0,
        words="{a} / {b}",
        numbers="{a} / {d}",
        divisor=lambda b: b,
        undefined=lambda b: b <= 0,
        reason=T("undefined: the divisor is not positive"),
        rounded_rate=False,
    ),
    # A level from another level times a stated ratio or per-unit amount (urban = rural x ratio).
    "product": Kind(
        formula=lambda a, b: a * b,
        signs=(1, 1),
        year_shift=0,
        words="{a} * {b}",
        numbers="{a} * {d}",
        divisor=lambda b: b,
        undefined=lambda b: b <= 0,
        reason=T("undefined: the factor is not positive"),
    ),
}


@dataclass(frozen=True)
class Rule:
    """One implied value: ``indicator`` follows from ``level`` and ``rate`` by ``kind``.

    ``indicator`` may be a quantity gzkit has no indicator for; then ``domain``,
    ``name_en``, ``name_zh`` and ``unit`` describe it.
    """

    indicator: str
    kind: str
    level: str
    rate: str
    note: str = ""
    domain: str = ""
    name_en: str = ""
    name_zh: str = ""
    unit: str = ""


#: Every level the report states beside a growth rate, share or completion rate of the same basis.
#: Real (comparable-price) growth rates are left out on purpose: dividing a current-price level by
#: real growth gives neither year's current-price value.
RULES: tuple[Rule, ...] = (
    Rule("imports", "before_growth", "imports", "imports_growth"),
    Rule(
        "cross_border_ecommerce_trade",
        "before_growth",
        "cross_border_ecommerce_trade",
        "cross_border_ecommerce_trade_growth",
    ),
    Rule(
        "gdp",
        "whole_from_share",
        "cultural_industry_value_added",
        "cultural_industry_gdp_share",
        note=T(
            "the GDP the report's share was computed on; well below the first-release 2018 GDP of 22859.35, "
            "see gzkit audit"
        ),
    ),
    Rule(
        "strategic_emerging_industries_value_added",
        "part_from_share",
        "gdp",
        "strategic_emerging_industries_share",
        note=T("rough: the 2019 GDP is published as 2.3万亿, its digits cut off (the official figure is 23628.6)"),
        domain="economy",
        name_en="Strategic emerging industries value added",
        name_zh="战略性新兴产业增加值",
        unit="100m_yuan",
    ),
    Rule(
        "disposable_income_urban",
        "product",
        "disposable_income_rural",
        "income_ratio_urban_rural",
        note=T(
            "urban income from the official urban/rural ratio (rural = 1) times the yearbook rural income; "
            "the ratio's two decimals set the range"
        ),
    ),
    Rule(
        "income_ratio_urban_rural",
        "ratio",
        "disposable_income_urban",
        "disposable_income_rural",
        note=T("the urban-rural income ratio (rural = 1) that the two stated incomes imply; gzkit gap computes it too"),
        domain="livelihood",
        name_en="Urban-rural income ratio (rural = 1)",
        name_zh="城乡居民收入倍差",
        unit="ratio",
    ),
    Rule(
        "agri_parks_total_income_gain",
        "product",
        "agri_parks_households_driven",
        "agri_parks_household_income_gain",
        note=T("10 thousand households times 10 thousand yuan each is 100 million yuan"),
        domain="urban_rural",
        name_en="Total income gain of the households the parks drive",
        name_zh="现代农业产业园带动农户增收总额",
        unit="100m_yuan",
    ),
    Rule(
        "public_toilet_programme_target",
        "target_from_completion",
        "public_toilets_built",
        "public_toilet_programme_completion_rate",
        note=T("the planned number of the toilet programme, which the report does not state"),
        domain="ecology",
        name_en="Public toilets planned by the programme",
        name_zh="公厕建设任务数",
        unit="count",
    ),
)
