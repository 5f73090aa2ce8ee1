"""The formulas behind the values the report implies: each :class:`Kind` of relation, each :class:`Rule`.

Where the report gives a level together with its growth rate, its share of a
whole, or its completion rate, the other quantity follows. :data:`KINDS` holds
the relations (the formula, how it moves with each input, where it is undefined
and why); :data:`RULES` names, for each implied value, the stated level and rate
it follows from. The rules are data, ``gzkit/assets/implied_values.csv``: one row
for every level the report states beside a growth rate, share or completion
rate of the same basis. Real (comparable-price) growth rates are left out on
purpose: dividing a current-price level by real growth gives neither year's
current-price value. :mod:`gzkit.derived` evaluates them. docs/methodology.md has
the full text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

import numpy as np

from gzkit.i18n import T, Text


@dataclass(frozen=True)
class Kind:
    """How an implied value follows from a level ``a`` and a rate ``b`` (in percent)."""

    formula: Callable[[np.ndarray, np.ndarray], np.ndarray]
    #: +1 when the result rises with the input, -1 when it falls (for a >= 0 on the valid domain).
    signs: tuple[int, int]
    #: The formula in words ({a}, {b}: input labels).
    words: str
    #: What ``a`` is divided by (or, when the result rises with ``b``, multiplied by), from ``b``.
    divisor: Callable[[float], float]
    #: Where the rate leaves the formula undefined, and why.
    undefined: Callable[[np.ndarray], np.ndarray]
    reason: str
    #: The implied value's year relative to the inputs' year.
    year_shift: int = 0
    #: ``b`` is a published rate, rounded to its last digit, which moves the result more than
    #: ``a``'s rounding does: read as approximate. False when ``b`` is a level like ``a``.
    rounded_rate: bool = True

    @property
    def numbers(self) -> str:
        """The formula in numbers ({a}: the level, {d}: :attr:`divisor` of the rate)."""
        return "{a} * {d}" if self.signs[1] > 0 else "{a} / {d}"


# It runs once, at import, to build KINDS, before mutmut could switch a mutant in: the Kinds it makes
# are tested through every implied value instead.
def _level_over_percent(reason: str) -> Kind:  # pragma: no mutate block
    """level / (rate / 100): a whole from a part's share, a plan from its completion rate."""
    return Kind(
        formula=lambda a, b: a / (b / 100),
        signs=(1, -1),
        words="{a} / ({b} / 100)",
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
        words="{a} * {b} / 100",
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
        words="{a} / {b}",
        divisor=lambda b: b,
        undefined=lambda b: b <= 0,
        reason=T("undefined: the divisor is not positive"),
        rounded_rate=False,
    ),
    # A level from another level times a stated ratio or per-unit amount (urban = rural x ratio).
    "product": Kind(
        formula=lambda a, b: a * b,
        signs=(1, 1),
        words="{a} * {b}",
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

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"rule for {self.indicator!r}: unknown kind {self.kind!r}; known: {', '.join(KINDS)}")


def read_rules(text: str) -> tuple[Rule, ...]:
    """The rules in ``text``: CSV whose header names :class:`Rule`'s fields; an empty cell is the field's default.

    A note is gzkit's own words, so it becomes a :class:`~gzkit.i18n.Text` that a
    reader of Chinese gets from the catalog.
    """
    return tuple(
        Rule(**{name: Text(value) if name == "note" else value for name, value in row.items() if value})
        for row in csv.DictReader(io.StringIO(text))
    )


#: Every level the report states beside a growth rate, share or completion rate of the same basis,
#: from ``gzkit/assets/implied_values.csv`` (one row a rule, in the order of :class:`Rule`'s fields).
RULES: tuple[Rule, ...] = read_rules(
    (resources.files("gzkit") / "assets" / "implied_values.csv").read_text(encoding="utf-8")
)
