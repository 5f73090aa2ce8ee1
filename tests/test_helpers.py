"""The helpers every computation shares: derived rounding, finiteness, joined notes, year lists, lookups."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from gzkit import core, lookups, notes, provenance
from gzkit.errors import UsageError
from gzkit.finite import DERIVED_DECIMALS, derived_number, is_finite
from gzkit.i18n import T, Text


def test_derived_number_keeps_six_decimals_of_the_2019_income_ratio():
    # 65052 / 28868 = 2.25342940...: six decimals, and never an infinity.
    assert DERIVED_DECIMALS == 6
    assert float(derived_number(65052 / 28868)) == 2.253429
    out = derived_number([65052 / 28868, math.inf, -math.inf, math.nan])
    assert out[0] == 2.253429 and np.isnan(out[1:]).all()


@pytest.mark.parametrize(
    ("value", "finite"),
    [
        (2.2534, True),
        (0, True),
        (np.float64(36184), True),
        (math.nan, False),
        (math.inf, False),
        (None, False),
        (pd.NA, False),
        ("2.25", False),
    ],
)
def test_is_finite_is_one_finite_number(value, finite):
    assert is_finite(value) is finite


def test_join_notes_skips_empty_parts_and_missing_ones():
    joined = notes.join_notes(["undefined: the base is zero", "", "", np.nan], ["", "", "b", ""], ["c", "", "", ""])
    assert joined.tolist() == ["undefined: the base is zero; c", "", "b", ""]
    assert joined.dtype == object


def test_join_notes_keeps_text_that_renders_in_chinese():
    crossing = provenance.crossing_note("pre-2019-census", "report 2020-08")
    joined = notes.join_notes([T("undefined: the base is zero")], [crossing])
    note = joined[0]
    assert isinstance(note, Text)
    assert note == "undefined: the base is zero; crosses vintages: pre-2019-census vs report 2020-08"
    assert note.render("zh") == "无法计算：基数为零；跨发布版本：pre-2019-census 对比 report 2020-08"


def test_years_text_lists_distinct_years_in_order():
    assert notes.years_text([2019, 2015, 2019, 2018]) == "2015, 2018, 2019"
    none = notes.years_text([])
    assert none == "none" and isinstance(none, Text) and none.render("zh") == "无"


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (4737.8 / 1.127, None, "4203.90417"),
        (65052 / 28868, 4, "2.2534"),
        (36184.0, None, "36184"),
        (1e-7, None, "0.0000001"),
        (2.5, 0, "2"),
        (math.nan, None, "undefined"),
        (None, 2, "undefined"),
    ],
)
def test_plain_number_writes_a_number_as_a_formula_shows_it(value, decimals, text):
    assert notes.plain_number(value, decimals) == text


def test_check_year_names_the_years_the_data_covers(ds):
    lookups.check_year(ds, 2019)
    with pytest.raises(UsageError) as err:
        lookups.check_year(ds, 2031, "--to")
    lo, hi = int(ds.observations["year"].min()), int(ds.observations["year"].max())
    assert str(err.value) == f"--to 2031 is outside the data, which covers {lo}-{hi}."
    with pytest.raises(UsageError) as err:
        lookups.check_year(ds, 1900)
    assert err.value.render("zh").startswith("年份 1900 ")


def test_with_meta_adds_the_indicator_names(ds):
    out = lookups.with_meta(pd.DataFrame({"indicator": ["gdp"]}), ds, ("name_zh", "unit"))
    assert out.loc[0, "name_zh"] == ds.indicators.set_index("id").at["gdp", "name_zh"]
    assert out.loc[0, "unit"] == "100m_yuan"


def test_core_still_offers_every_public_name():
    for name in core.__all__:
        assert getattr(core, name) is not None
    assert core.growth.__module__ == "gzkit.growth" and core.gap.__module__ == "gzkit.gap"
    assert core.latest.__module__ == "gzkit.browse" and core.progress.__module__ == "gzkit.targets"
