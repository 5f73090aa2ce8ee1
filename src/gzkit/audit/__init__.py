"""Checks of the report against itself and against official statistics.

Each check reads a few figures, says what one of them should be given the
others, and compares. Published figures are rounded, so a figure stands for the
range of numbers that round to it: half a unit of its last published digit
either side (28868 covers 28867.5 to 28868.5; 6.8% covers 6.75% to 6.85%). A
check is ``consistent`` when the stated figure lies within what the rounding of
all the inputs allows, ``inconsistent`` when it cannot, and ``note`` when the
figures are not meant to agree (different vintages, bases or scopes) or the
report states nothing to compare with. docs/methodology.md lists every check.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from gzkit import core, finite
from gzkit.audit import derivations, restatements
from gzkit.audit.arithmetic import Missing, NotCheckable, is_finite, is_nan
from gzkit.data import Dataset
from gzkit.i18n import T, Text

COLUMNS = ["check", "section", "inputs", "expected", "qualifier", "stated", "difference", "tolerance", "status", "note"]


#: "inf" or "nan" as Python prints a non-finite float into text.
_NONFINITE_WORD = re.compile(r"(?<![A-Za-z])(inf|nan)(?![A-Za-z])")


def audit(ds: Dataset) -> pd.DataFrame:
    """One row per check: check, section, inputs, expected, qualifier (of expected), stated,
    difference (stated - expected), tolerance, status (consistent | inconsistent | note), note.

    Checks whose inputs are missing (another data package), or whose inputs
    admit no check (a zero base, a negative level), are skipped and named in
    ``attrs["warnings"]`` as "not checked: …" with the reason. Any valid package
    gets a table, never an error.
    """
    rows: list[dict[str, Any]] = []
    skipped: list[Text] = []
    for check in CHECKS:
        name = check.__name__.lstrip("_")
        try:
            with np.errstate(all="ignore"):
                row = check(ds)
        except (Missing, NotCheckable) as exc:
            skipped.append(T("{check}: not checked: {reason}", check=name, reason=exc.args[0]))
            continue
        except ArithmeticError as exc:  # a value at the edge of floating point that no guard above foresaw
            reason = T("the arithmetic failed on these values ({error})", error=type(exc).__name__)
            skipped.append(T("{check}: not checked: {reason}", check=name, reason=reason))
            continue
        if not all(is_finite(row[k]) or row[k] is None or is_nan(row[k]) for k in ("expected", "stated")):
            reason = T("a result is not a finite number")
            skipped.append(T("{check}: not checked: {reason}", check=name, reason=reason))
            continue
        if _NONFINITE_WORD.search(row["note"]):  # the finite-number guard, for numbers written into prose
            reason = T("a figure its note would state is not a finite number")
            skipped.append(T("{check}: not checked: {reason}", check=name, reason=reason))
            continue
        rows.append(row)
    out: pd.DataFrame = pd.DataFrame(rows, columns=COLUMNS)
    # Notes, inputs and some sections are i18n.Text: an object column keeps them (a str column keeps only English).
    for col in ("section", "inputs", "note"):
        out[col] = pd.Series([row[col] for row in rows], index=out.index, dtype=object)
    for col in ("expected", "stated", "difference", "tolerance"):
        values = out[col].astype("float64").to_numpy()
        out[col] = finite.rounded(np.where(np.isfinite(values), values, np.nan), core.DERIVED_DECIMALS)
    out.attrs["warnings"] = skipped
    return out


CHECKS: tuple[Callable[[Dataset], dict[str, Any]], ...] = (
    derivations.gdp_growth_lead_over_china,
    derivations.toilet_completion,
    derivations.cultural_share_vs_first_release_gdp,
    restatements.village_cultural_centres,
    restatements.high_tech_restatements,
    restatements.library_points,
    restatements.library_nesting,
    restatements.shares_within_bounds,
    restatements.rural_income_report_vs_yearbook,
    derivations.urban_rural_ratio,
    derivations.high_tech_cagr,
    derivations.cross_border_share_of_trade_growth,
    derivations.agri_parks_income,
    derivations.gdp_nominal_vs_real_growth,
)
