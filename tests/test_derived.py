"""Implied values, formula invariants, --explain, and no infinite number anywhere."""

from __future__ import annotations

import json
import math
import shutil

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gzkit
from gzkit import audit, core, derived, provenance, rates, xiaokang
from gzkit.data import bundled_path
from gzkit.output import records


def package(tmp_path, changes: dict[tuple[str, str, str], str], targets: dict[tuple[str, str], str] | None = None):
    """A copy of the bundled package with some values replaced.

    ``changes``: {(indicator, region, period): value} in observations; ``targets``: {(target id, column): text}.
    """
    root = tmp_path / "pkg"
    shutil.copytree(bundled_path(), root)
    obs = pd.read_csv(root / "observations.csv", dtype=str, keep_default_na=False)
    for (indicator, region, period), value in changes.items():
        hit = (obs["indicator"] == indicator) & (obs["region"] == region) & (obs["period"] == period)
        assert hit.any(), (indicator, region, period)
        obs.loc[hit, "value"] = value
    obs.to_csv(root / "observations.csv", index=False, lineterminator="\n")
    tg = pd.read_csv(root / "targets.csv", dtype=str, keep_default_na=False)
    for (target_id, column), text in (targets or {}).items():
        assert (tg["id"] == target_id).any(), target_id
        tg.loc[tg["id"] == target_id, column] = text
    tg.to_csv(root / "targets.csv", index=False, lineterminator="\n")
    return root


def implied(ds, indicator, period):
    imp = derived.implied_values(ds)
    return imp[(imp["indicator"] == indicator) & (imp["period"] == period)].iloc[0]


# --------------------------------------------------------------------------- the report's implied values


@pytest.mark.parametrize(
    "indicator,period,value,decimals_shown,formula",
    [
        ("imports", "2018", 4203.9, 1, "4737.8 / 1.127"),
        ("cross_border_ecommerce_trade", "2018", 246.7, 1, "385.9 / 1.564"),
        ("public_toilet_programme_target", "2019", 2240, 0, "3660 / 1.634"),
        ("gdp", "2018", 21008, 0, "1369.69 / 0.0652"),
    ],
)
def test_hand_checked_implied_values(ds, indicator, period, value, decimals_shown, formula):
    row = implied(ds, indicator, period)
    assert round(row["value"], decimals_shown) == value
    assert row["qualifier"] == "~"
    assert row["vintage"] == "derived" and not row["headline"]
    assert row["evidence"] == ""
    assert formula in row["derivation"]
    assert row["derivation"].endswith(f"= {value:.{decimals_shown}f}")


def test_imports_derivation_reads_like_the_arithmetic(ds):
    row = implied(ds, "imports", "2018")
    assert row["derivation"] == "imports 2019 / (1 + imports_growth 2019 / 100) = 4737.8 / 1.127 = 4203.9"
    assert row["year"] == 2018 and row["region"] == "guangzhou" and row["unit"] == "100m_yuan"


def test_implied_precision_follows_the_rounding_range(ds):
    imp = derived.implied_values(ds, ranges=True).set_index(["indicator", "period"])
    gdp = imp.loc[("gdp", "2018")]
    # 1369.685 / 0.06525 and 1369.695 / 0.06515: the share's rounding dominates.
    assert gdp["low"] == pytest.approx(1369.685 / 0.06525)
    assert gdp["high"] == pytest.approx(1369.695 / 0.06515)
    assert gdp["decimals"] == -1
    assert "between 20991 and 21024" in gdp["note"]
    imports = imp.loc[("imports", "2018")]
    assert imports["low"] == pytest.approx(4737.75 / 1.1275) and imports["high"] == pytest.approx(4737.85 / 1.1265)


def _rules_with_inputs(ds):
    have = set(ds.observations.loc[ds.observations["headline"], "indicator"])
    return [r for r in derived.RULES if {r.level, r.rate} <= have]


def test_every_rule_finds_its_pair_in_the_bundled_data(ds):
    imp = derived.implied_values(ds)
    rules = _rules_with_inputs(ds)
    # With the official series bundled, every rule finds its inputs.
    assert len(rules) == len(derived.RULES)
    assert set(imp["indicator"]) == {r.indicator for r in rules}
    # One value per rule, except: the urban income for 2015 and 2016 (two official ratios), and the income
    # ratio for Guangzhou 2018 and 2019 and China 2019.
    assert len(imp) == len(rules) + 3
    ratio = imp[imp["indicator"] == "income_ratio_urban_rural"]
    assert sorted(zip(ratio["region"], ratio["period"])) == [
        ("china", "2019"),
        ("guangzhou", "2018"),
        ("guangzhou", "2019"),
    ]
    assert sorted(imp.loc[imp["indicator"] == "disposable_income_urban", "period"]) == ["2015", "2016"]
    assert imp["value"].notna().all()
    assert (imp["headline"] == False).all()  # noqa: E712


def test_implied_values_have_the_export_shape(ds):
    imp = derived.implied_values(ds)
    assert list(imp.columns) == list(core.export(ds).columns) + ["derivation"]


def test_export_with_derived_appends_after_the_observations(ds):
    full = derived.export_with_derived(ds)
    n = len(ds.observations)
    assert len(full) == n + len(derived.implied_values(ds))
    assert (full["derivation"].iloc[:n] == "").all()
    assert (full["vintage"].iloc[n:] == "derived").all()


def test_cli_export_derived_equals_the_library(invoke, ds):
    result = invoke("export", "--derived", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == records(derived.export_with_derived(ds))
    plain = invoke("export", "-f", "json")
    assert len(json.loads(plain.stdout)) == len(ds.observations)


def test_undefined_implied_values_are_empty_with_a_reason(tmp_path, invoke):
    root = package(
        tmp_path,
        {
            ("imports_growth", "guangzhou", "2019"): "-100",
            ("cultural_industry_gdp_share", "guangzhou", "2018"): "0",
        },
    )
    ds = gzkit.load(root)
    imp = derived.implied_values(ds).set_index("indicator")
    assert math.isnan(imp.loc["imports", "value"])
    assert imp.loc["imports", "note"].startswith("undefined: a fall of 100%")
    assert math.isnan(imp.loc["gdp", "value"])
    assert imp.loc["gdp", "note"].startswith("undefined: the share is not positive")
    assert imp.loc["imports", "qualifier"] == ""
    result = invoke("--data", root, "export", "--derived", "-f", "json")
    rows = [r for r in json.loads(result.stdout) if r["vintage"] == "derived" and r["indicator"] == "imports"]
    assert rows[0]["value"] is None


# --------------------------------------------------------------------------- formula invariants


@settings(max_examples=300, deadline=None)
@given(
    st.floats(min_value=0.01, max_value=1e7, allow_nan=False),
    st.floats(min_value=0.01, max_value=1e7, allow_nan=False),
    st.integers(min_value=1, max_value=50),
)
def test_cagr_round_trips(v0, v1, n):
    _, _, cagr, reason = rates.change_rates([v0], [v1], [n], ["count"])
    assert reason[0] == ""
    factor = 1 + cagr[0] / 100
    # CAGR is kept to 6 decimals (5e-7 points): the yearly factor is off by at most 5e-9.
    assert abs(factor - (v1 / v0) ** (1 / n)) <= 5e-9 + 1e-12 * factor
    if factor >= 0.01:
        # ... which compounds to a relative error of about n * 5e-9 / factor in the end value.
        assert v0 * factor**n == pytest.approx(v1, rel=n * 5.1e-9 / factor + 1e-12)


# Statistics, not subnormal floats: zero, or at least a thousandth in size.
statistic = st.one_of(
    st.just(0.0), st.floats(min_value=1e-3, max_value=1e9), st.floats(min_value=-1e9, max_value=-1e-3)
)


@settings(max_examples=300, deadline=None)
@given(
    statistic,
    statistic,
    st.integers(min_value=0, max_value=10),
    st.sampled_from(["count", "yuan", "percent", "rank"]),
)
def test_rates_are_finite_or_empty_with_a_reason(v0, v1, n, unit):
    change, pct, cagr, reason = rates.change_rates([v0], [v1], [n], [unit])
    for x in (change[0], pct[0], cagr[0]):
        assert math.isnan(x) or math.isfinite(x)
        assert not isinstance(x, complex)
    if math.isnan(cagr[0]):
        assert reason[0]


def test_gap_ratio_and_difference_invariants(ds):
    g = core.gap(ds, region="all")
    assert len(g) >= 2
    assert np.allclose(g["ratio"] * g["rural"], g["urban"], rtol=1e-6)
    assert np.allclose(g["urban"] - g["difference"], g["rural"])
    gz = g[(g["region"] == "guangzhou") & (g["year"] == 2019)].iloc[0]
    assert round(gz["ratio"], 4) == 2.2534 and gz["difference"] == 36184


def test_high_tech_cagr_is_58_13(ds):
    # The headline 2019 count is §二（一）'s dated 1.2万 (=), not §一's undated 突破1.2万 (>).
    row = core.compare(ds, 2015, 2019).set_index("indicator").loc["high_tech_enterprises"]
    assert round(row["cagr"], 2) == 58.13
    assert row["qualifier"] == "="


def test_completion_is_direction_aware(ds):
    p = core.progress(ds).set_index("target_id")
    library = p.loc["report_library_per_80k"]
    # Stated as reached, with no figure of its own: no completion is computed.
    assert math.isnan(library["completion_pct"]) and library["status"] == "reached (stated)"
    toilets = p.loc["report_public_toilets"]
    assert toilets["completion_pct"] == 163.4 and bool(toilets["target_implied"])
    assert round(toilets["target"]) == 2240


def test_lower_is_better_over_completion(tmp_path):
    # One library per 64,000 people against a ceiling of one per 80,000: 8 / 6.4 = 125%.
    root = package(
        tmp_path,
        {("persons_per_public_library", "guangzhou", "2019"): "6.4"},
        targets={("report_library_per_80k", "stated_reached"): "false"},
    )
    p = core.progress(gzkit.load(root)).set_index("target_id")
    assert p.loc["report_library_per_80k", "completion_pct"] == 125


def test_a_zero_completion_rate_implies_no_target(tmp_path):
    root = package(tmp_path, {}, targets={("report_public_toilets", "completion_stated"): "0"})
    p = core.progress(gzkit.load(root)).set_index("target_id")
    row = p.loc["report_public_toilets"]
    assert math.isnan(row["target"]) and math.isnan(row["completion_pct"])
    assert row["status"] == "undefined"


# --------------------------------------------------------------------------- --explain


def test_explain_compare_writes_the_formula(ds):
    df = core.compare(ds, 2015, 2019)
    lines = derived.explain(df, "compare")
    assert len(lines) == len(df)
    assert "cagr high_tech_enterprises guangzhou: ((12000 / 1919) ** (1/4) - 1) * 100 = 58.1345 (=)" in lines
    share = [ln for ln in lines if "infrastructure_investment_share" in ln][0]
    assert share.startswith("change infrastructure_investment_share guangzhou: 31.7 - 24.8 = 6.9 (=)")


def test_explain_compare_adds_the_formula_of_an_implied_value(ds):
    # The official 2018 imports (4202.6) are stated, so the report's implied 4203.9 shows where only it remains.
    lines = derived.explain(core.compare(provenance.restrict(ds, report_only=True), 2018, 2019), "compare")
    imports = next(ln for ln in lines if ln.startswith("cagr imports"))
    assert imports.endswith("; implied 2018: imports 2019 / (1 + imports_growth 2019 / 100) = 4737.8 / 1.127 = 4203.9")
    cross_border = next(ln for ln in derived.explain(core.compare(ds, 2018, 2019), "compare") if "cross_border" in ln)
    assert "implied 2018: cross_border_ecommerce_trade 2019 / (1 + " in cross_border


def test_explain_growth_gap_and_progress(ds):
    growth = derived.explain(core.growth(ds, "high_tech_enterprises"), "growth")
    # The official counts of 2017 (>8700) and 2018 (>10000) are steps; the span is the last line.
    assert growth[0] == (
        "cagr high_tech_enterprises guangzhou 2015->2017: ((8700 / 1919) ** (1/2) - 1) * 100 = 112.9228 (>)"
    )
    assert growth[-1] == (
        "cagr high_tech_enterprises guangzhou 2015->2019: ((12000 / 1919) ** (1/4) - 1) * 100 = 58.1345 (=)"
    )
    gap = derived.explain(core.gap(ds, year=2019, region="guangzhou"), "gap")
    assert gap == ["ratio guangzhou 2019: 65052 / 28868 = 2.2534 (=); difference = 65052 - 28868 = 36184"]
    progress = derived.explain(core.progress(ds), "progress")
    assert any("3660 / (163.4 / 100) = 2239.9" in ln for ln in progress)
    assert any("report_library_per_80k" in ln and "reached ahead of schedule" in ln for ln in progress)
    with pytest.raises(ValueError):
        derived.explain(core.gap(ds), "nothing")


def test_explain_progress_line_by_line(ds):
    lines = derived.explain(core.progress(ds, framework="xiaokang2013"), "progress")
    assert lines[1] == "completion xk2013_01 (gdp_per_capita): 150000 / 57000 * 100 = 263.1579 (>)"
    assert lines[2] == (
        "completion xk2013_21 (unemployment_rate_registered): 6 / 2.5 * 100 = 240.0000 (>); "
        "lower is better, so below the target is over 100"
    )
    assert lines[-1].startswith("completion xk2013_19 (disposable_income): no observation; domain 人民生活")
    toilets = next(ln for ln in derived.explain(core.progress(ds), "progress") if "report_public_toilets" in ln)
    assert toilets == (
        "completion report_public_toilets (public_toilets_built): stated by the report = 163.4 (=); "
        "target implied 3660 / (163.4 / 100) = 2239.9"
    )


def test_explain_growth_of_one_point_and_of_implied_ends(ds):
    assert derived.explain(core.growth(ds, "gdp", region=None), "growth")[0] == (
        "gdp china 2019->2019: undefined: only one observation"
    )
    lines = derived.explain(core.growth(ds, "income_ratio_urban_rural"), "growth")
    assert (
        lines[0]
        == "cagr income_ratio_urban_rural guangzhou 2015->2016: ((2.38 / 2.42) ** (1/1) - 1) * 100 = -1.6529 (=)"
    )
    assert lines[-1] == (
        "cagr income_ratio_urban_rural guangzhou 2015->2019: ((2.253429 / 2.42) ** (1/4) - 1) * 100 = -1.7671 (=); "
        "implied 2019: disposable_income_urban 2019 / disposable_income_rural 2019 = 65052 / 28868 = 2.25343"
    )
    with pytest.raises(ValueError) as err:
        derived.explain(core.gap(ds), "nothing")
    assert str(err.value) == "no explanation for 'nothing'; choose one of compare, growth, gap, progress"


@pytest.mark.parametrize(
    "args,kind,library",
    [
        (["compare", "2015", "2019"], "compare", lambda ds: core.compare(ds, 2015, 2019)),
        (["growth", "disposable_income_rural"], "growth", lambda ds: core.growth(ds, "disposable_income_rural")),
        (["gap", "-r", "all"], "gap", lambda ds: core.gap(ds)),
        (["progress"], "progress", lambda ds: core.progress(ds)),
    ],
)
def test_cli_explain_goes_to_stderr_only(invoke, ds, args, kind, library):
    result = invoke(*args, "--explain", "-f", "json")
    assert result.exit_code == 0, result.output
    df = library(ds)
    assert json.loads(result.stdout) == records(df)
    for line in derived.explain(df, kind):
        assert line in result.stderr


# --------------------------------------------------------------------------- nothing infinite


def test_no_output_holds_an_infinite_number(ds):
    frames = [
        core.compare(ds, 2015, 2019, region=None),
        core.compare(ds, 2018, 2019, region=None),
        core.growth(ds, "gdp"),
        core.growth(ds, "disposable_income_rural"),
        core.gap(ds, region=None),
        core.progress(ds),
        core.progress(ds, framework="xiaokang2013"),
        derived.implied_values(ds, ranges=True),
        audit.audit(ds),
        xiaokang.xiaokang(ds, all_items=True),
    ]
    for df in frames:
        numeric = df.select_dtypes(include="number").astype("float64").to_numpy()
        assert not np.isinf(numeric).any()


@pytest.mark.parametrize(
    "frame,column",
    [
        (lambda ds: core.compare(ds, 2015, 2019, region=None), "cagr"),
        (lambda ds: core.gap(ds, region=None), "ratio"),
        (lambda ds: core.progress(ds, framework="xiaokang2013"), "completion_pct"),
        (lambda ds: xiaokang.xiaokang(ds, all_items=True), "realization_pct"),
    ],
)
def test_every_empty_result_says_why(ds, frame, column):
    df = frame(ds)
    empty = df[df[column].isna()]
    assert (empty["note"].str.len() > 0).all()


def test_the_rules_file_reads_into_rules_with_translated_notes():
    from babel.messages.pofile import read_po

    from gzkit.formulas import read_rules
    from gzkit.i18n import LOCALE_DIR, Text

    income = next(r for r in derived.RULES if r.indicator == "income_ratio_urban_rural")
    assert (income.kind, income.level, income.rate) == ("ratio", "disposable_income_urban", "disposable_income_rural")
    assert (income.domain, income.name_zh, income.unit) == ("livelihood", "城乡居民收入倍差", "ratio")
    imports = next(r for r in derived.RULES if r.indicator == "imports")
    assert (imports.kind, imports.note, imports.unit) == ("before_growth", "", "")
    # The notes are read from a data file, which the catalog's source scan does not see.
    with (LOCALE_DIR / "zh" / "LC_MESSAGES" / "gzkit.po").open("rb") as fh:
        catalog = {m.id: m.string for m in read_po(fh) if m.id}
    notes = [r.note for r in derived.RULES if r.note]
    assert len(notes) == 6 and all(isinstance(n, Text) for n in notes)
    assert [n for n in notes if not catalog.get(n)] == []
    assert income.note.render("zh") == catalog[income.note] != income.note
    read = read_rules("indicator,kind,level,rate,note\nx,ratio,a,b,\n")
    assert read == (derived.Rule("x", "ratio", "a", "b"),)


def test_a_rule_of_an_unknown_kind_is_refused_by_name():
    from gzkit.formulas import read_rules

    with pytest.raises(ValueError, match=r"rule for 'x': unknown kind 'share'; known: before_growth, "):
        read_rules("indicator,kind,level,rate\nx,share,a,b\n")
