"""The helpers every computation shares: derived rounding, finiteness, joined notes, year lists, lookups."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest

from gzkit import core, finite, lookups, notes, provenance
from gzkit.errors import UsageError
from gzkit.finite import DERIVED_DECIMALS, derived_number, is_finite
from gzkit.i18n import T, Text
from gzkit.rates import direction


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


def test_a_name_without_chinese_reads_in_english():
    assert notes.Bilingual("Guangzhou", "").render("zh") == "Guangzhou"
    assert notes.Bilingual("Guangzhou", "广州").render("zh") == "广州"


def test_notes_in_one_cell_use_the_readers_separator():
    listed = notes.Listing(["a", T("undefined: the base is zero")], notes.NOTE_SEPARATORS)
    assert (str(listed), listed.render("zh")) == ("a; undefined: the base is zero", "a；无法计算：基数为零")
    assert pickle.loads(pickle.dumps(listed)).render("zh") == "a；无法计算：基数为零"


def test_join_two_keeps_text_and_flattens_a_list_of_notes():
    assert (notes.join_two("a", "b"), notes.join_two("", "b"), notes.join_two("a", "")) == ("a; b", "b", "a")
    assert type(notes.join_two("a", "b")) is str
    zero = T("undefined: the base is zero")
    two = notes.join_two(zero, "x")
    assert isinstance(two, notes.Listing) and two.render("zh") == "无法计算：基数为零；x"
    three = notes.join_two(two, zero)
    assert three.items == ("undefined: the base is zero", "x", "undefined: the base is zero")
    assert three.render("zh") == "无法计算：基数为零；x；无法计算：基数为零"
    # A listing of names (", ") is one note, not a list of notes: it is nested, not flattened.
    names = notes.Listing(["a", "b"])
    assert notes.join_two(names, zero).items == ("a, b", "undefined: the base is zero")
    assert notes.join_two("x", zero).render("zh") == "x；无法计算：基数为零"


def test_choose_keeps_a_text_note_in_the_rows_it_chooses():
    zero = T("undefined: the base is zero")
    chosen = notes.choose([True, False, True], zero, "o")
    assert chosen.tolist() == [zero, "o", zero] and chosen.dtype == object
    assert [type(x) for x in chosen] == [type(zero), str, type(zero)]
    assert notes.choose([True, False], ["p", "q"], ["r", "s"]).tolist() == ["p", "s"]
    assert notes.choose([False, False], zero).tolist() == ["", ""]


def test_note_column_keeps_the_frames_index_and_each_text():
    column = notes.note_column(["a", T("undefined")], pd.Index([3, 4]))
    assert column.index.tolist() == [3, 4] and column.dtype == object
    assert isinstance(column[4], Text) and column[4].render("zh") != "undefined"


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


# --------------------------------------------------------------------------- lookups


def test_default_region_is_the_packages_own_else_its_first(ds):
    from dataclasses import replace

    assert lookups.default_region(ds) == "guangzhou"
    reordered = ds.regions.iloc[[2, 0, 1]].reset_index(drop=True)  # china, guangzhou, guangdong
    assert lookups.default_region(replace(ds, regions=reordered)) == "guangzhou"
    assert lookups.default_region(replace(ds, regions=reordered, meta={**ds.meta, "default_region": "nowhere"})) == (
        "china"
    )
    assert lookups.default_region(replace(ds, regions=reordered, meta={**ds.meta, "default_region": 3})) == "china"
    assert lookups.default_region(replace(ds, meta={**ds.meta, "default_region": "china"})) == "china"
    assert lookups.default_region(replace(ds, regions=ds.regions.iloc[:0], meta={})) == "guangzhou"


def test_an_unknown_domain_names_the_command_that_lists_them(ds):
    from gzkit.errors import NotFound

    with pytest.raises(NotFound) as err:
        lookups.resolve_domain(ds, "economi")
    assert err.value.kind == "domain"
    assert str(err.value) == "No domain 'economi'. Did you mean 'economy'? Run `gzkit domains` to see them all."
    assert lookups.resolve_domain(ds, "经济发展") == "economy"


def test_norm_folds_width_case_spaces_and_hyphens():
    # NFKC turns the full-width space and Ｇ into their ASCII forms; runs of spaces and hyphens become one _.
    assert lookups.norm("  Opening - Up\u3000Ｇ ") == "opening_up_g"
    assert lookups.norm("opening-up") == lookups.norm("Opening  Up") == "opening_up"


@pytest.mark.parametrize(
    ("name", "domain"),
    [
        ("technology", "innovation"),
        ("TECH", "innovation"),
        ("opening up", "opening_up"),
        ("Opening-up and trade", "opening_up"),
    ],
    ids=["alias", "alias_upper", "alias_space", "name_en"],
)
def test_resolve_domain_by_alias_or_name(ds, name, domain):
    assert lookups.resolve_domain(ds, name) == domain


def test_resolve_indicator_by_id_or_either_name(ds):
    assert lookups.resolve_indicator(ds, " GDP ") == "gdp"
    assert lookups.resolve_indicator(ds, "gdp per capita") == "gdp_per_capita"
    assert lookups.resolve_indicator(ds, "人均GDP") == "gdp_per_capita"
    from gzkit.errors import NotFound

    with pytest.raises(NotFound) as err:
        lookups.resolve_indicator(ds, "zzz")
    assert (str(err.value), err.value.kind, err.value.suggestions) == (
        "No indicator 'zzz'. Run `gzkit list` to see them all.",
        "indicator",
        [],
    )


@pytest.mark.parametrize(
    ("name", "region"),
    [
        (None, None),
        ("All", None),
        (" all ", None),
        ("广州", "guangzhou"),
        ("GUANGDONG", "guangdong"),
        ("全国", "china"),
    ],
    ids=["none", "all", "all_spaced", "name_zh", "id_upper", "china_zh"],
)
def test_resolve_region_by_id_or_name(ds, name, region):
    assert lookups.resolve_region(ds, name) == region


def test_an_unknown_region_suggests_the_close_ones(ds):
    from gzkit.errors import NotFound

    with pytest.raises(NotFound) as err:
        lookups.resolve_region(ds, "guangzou")
    assert str(err.value) == (
        "No region 'guangzou'. Did you mean 'guangzhou' or 'guangdong'? Run `gzkit regions` to see them all."
    )


def test_with_meta_adds_domain_names_and_unit_by_default(ds):
    out = lookups.with_meta(pd.DataFrame({"indicator": ["gdp", "nope"]}), ds)
    assert list(out.columns) == ["indicator", "domain", "name_en", "name_zh", "unit"]
    assert out.iloc[0].tolist() == ["gdp", "economy", "GDP", "地区生产总值（GDP）", "100m_yuan"]
    assert out.iloc[1, 1:].isna().all()


# --------------------------------------------------------------------------- direction


def test_direction_reads_a_bound_honestly():
    change = [5, -5, 0, 0, 0, 0, -5, 5, 0, 5]
    qualifier = ["=", "~", ">", "<", ">=", "<=", ">", "<", "=", ">="]
    assert direction(change, qualifier, ["higher_better"] * 10).tolist() == [
        "better",  # 5, exact
        "worse",  # -5, approximate
        "better",  # at least no change, strictly: up
        "worse",  # at most no change, strictly: down
        "unclear",  # >= 0: maybe no change at all
        "unclear",
        "unclear",  # a lower bound that fell says nothing
        "unclear",  # an upper bound that rose says nothing
        "same",
        "better",  # a lower bound that rose did rise
    ]
    assert direction([5, 5, 5], ["="] * 3, ["higher_better", "lower_better", "neutral"]).tolist() == [
        "better",
        "worse",
        "neutral",
    ]


# --------------------------------------------------------------------------- the finite-number guard


def test_frame_empties_an_infinity_and_says_why_in_both_languages():
    df = pd.DataFrame({"ratio": [2.2534, math.inf, -math.inf], "note": ["", "rural income tiny", None]})
    out = finite.frame(df)
    assert out["ratio"].iloc[0] == 2.2534 and out["ratio"].iloc[1:].isna().all()
    assert out["note"].tolist() == [
        "",
        "rural income tiny; undefined: ratio is too large to represent",
        "undefined: ratio is too large to represent",
    ]
    assert out["note"].iloc[2].render("zh") == "无法计算：ratio 过大，无法表示"
    assert df["ratio"].iloc[1] == math.inf  # the caller's frame is left alone
    clean = pd.DataFrame({"ratio": [2.2534]})
    assert finite.frame(clean) is clean
    noted = finite.frame(pd.DataFrame({"ratio": [math.inf], "n": [1]}))
    assert noted["note"].tolist() == ["undefined: ratio is too large to represent"]


def test_direction_of_an_upper_bound():
    # "<= x" that fell did fall; "< x" that rose by less than one says nothing.
    assert direction([-5, 0.5], ["<=", "<"], ["higher_better"] * 2).tolist() == ["worse", "unclear"]


def test_frame_keeps_the_rows_of_a_filtered_frame():
    df = pd.DataFrame({"ratio": [math.inf, 1.5], "note": ["", "kept"]}, index=[5, 7])
    out = finite.frame(df)
    assert out["note"].tolist() == ["undefined: ratio is too large to represent", "kept"]


def test_rounded_keeps_a_scalar_a_scalar_and_whole_numbers_exact():
    one = finite.rounded(65052 / 28868, 4)
    assert one == 2.2534 and np.ndim(one) == 0
    assert finite.rounded(123456.0, -2) == 123500
    # From 2**52 up a float64 has no fraction: it is left alone, not scaled by 10**6 and back.
    assert finite.rounded(2.0**53 + 2, 6) == 2.0**53 + 2
    assert finite.rounded(2.0**52 - 0.5, 0) == 2.0**52  # still below: rounded (half to even)
    assert finite.rounded(1e300, 6) == 1e300 and finite.rounded(-1e300, 6) == -1e300
    assert finite.rounded(1e305, 6) == 1e305  # scaled by 10**6 it would overflow
    assert isinstance(finite.rounded(2.25, 1), float)  # a number, not a 0-d array
    missing = finite.rounded([1.234, None], 2)  # a missing number is not a finite one
    assert missing[0] == 1.23 and np.isnan(missing[1])
    out = finite.rounded([1.23456, math.inf, -math.inf, math.nan], 2)
    assert out[0] == 1.23 and np.isnan(out[1:]).all()


def test_rounded_does_not_change_its_input():
    values = np.array([1.23456, math.inf])
    finite.rounded(values, 2)
    assert values[0] == 1.23456 and values[1] == math.inf


def test_is_finite_refuses_bytes_and_objects():
    assert not is_finite(b"1") and not is_finite(object()) and not is_finite([1.0])


def test_quiet_silences_numpy_only_inside():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with finite.quiet():
            assert np.isinf(np.array([1.0]) / 0).all()
        with pytest.raises(RuntimeWarning):
            np.array([1.0]) / 0


def test_frame_keeps_attrs_and_leaves_other_columns_alone():
    df = pd.DataFrame({"year": [2019, 2020], "ratio": [math.inf, 2.5], "region": ["guangzhou", "china"]})
    df.attrs["warnings"] = ["kept"]
    out = finite.frame(df)
    assert out.attrs == {"warnings": ["kept"]}
    assert out["year"].tolist() == [2019, 2020] and out["region"].tolist() == ["guangzhou", "china"]
    assert out["note"].dtype == object and list(out.columns) == ["year", "ratio", "region", "note"]
    both = finite.frame(pd.DataFrame({"a": [math.inf], "b": [-math.inf], "note": [math.nan]}))
    assert both["note"].tolist() == ["undefined: a is too large to represent; undefined: b is too large to represent"]


def test_plain_number_of_text_and_of_a_large_number():
    # Text is not a number, even when it reads as one; a large number keeps its digits, not 1e+16.
    assert notes.plain_number("2.5") == "undefined" and isinstance(notes.plain_number("2.5"), Text)
    assert notes.plain_number(1e16) == "10000000000000000"


def test_check_year_accepts_the_first_and_last_year(ds):
    lo, hi = int(ds.observations["year"].min()), int(ds.observations["year"].max())
    lookups.check_year(ds, lo)
    lookups.check_year(ds, hi)
    with pytest.raises(UsageError):
        lookups.check_year(ds, lo - 1)


def test_with_meta_matches_on_the_indicator_alone(ds):
    # A column the frame already has is kept apart, never used to match.
    out = lookups.with_meta(pd.DataFrame({"indicator": ["gdp"], "unit": ["yuan"]}), ds, ("unit",))
    assert out.iloc[0].tolist() == ["gdp", "yuan", "100m_yuan"]


def test_resolve_region_by_an_id_unlike_its_names(ds):
    regions = ds.regions.assign(id=["gz", "gd", "cn"], name_en=["Guangzhou City", "Guangdong", "China"])
    renamed = ds.replaced(regions=regions)
    assert lookups.resolve_region(renamed, "GZ") == "gz"
    assert lookups.resolve_region(renamed, "guangzhou city") == "gz"
    assert lookups.resolve_region(renamed, "全国") == "cn"


def test_join_notes_reads_a_missing_later_note_as_none():
    assert notes.join_notes(["a", ""], [None, math.nan]).tolist() == ["a", ""]


def test_plain_number_of_something_that_is_no_number():
    assert notes.plain_number(object()) == "undefined" and notes.plain_number([1.0]) == "undefined"
    assert notes.plain_number(object()).render("zh") == notes.plain_number(math.nan).render("zh")
