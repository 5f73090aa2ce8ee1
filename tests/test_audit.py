"""The consistency audit: the report against itself and official statistics."""

from __future__ import annotations

import io
import json
import os
import re
import shutil

import pandas as pd
import pytest

import gzkit
from gzkit import audit
from gzkit.data import bundled_path
from gzkit.output import records


@pytest.fixture(scope="module")
def checks(ds):
    return audit.audit(ds).set_index("check")


def test_at_least_eight_checks_each_with_its_section(ds):
    df = audit.audit(ds)
    assert len(df) >= 8
    assert list(df.columns) == audit.COLUMNS
    assert df["check"].is_unique
    assert (df["section"].str.len() > 0).all() and (df["note"].str.len() > 0).all()
    assert set(df["status"]) <= {"consistent", "inconsistent", "note"}
    assert df.attrs["warnings"] == []


def test_growth_lead_over_china_is_the_difference(checks):
    row = checks.loc["gdp_growth_lead_over_china"]
    assert row["expected"] == pytest.approx(0.3) and row["stated"] == 0.3
    assert row["difference"] == pytest.approx(0, abs=1e-9)
    # Half a unit of 0.1 for 6.8, 6.5 and 0.3.
    assert row["tolerance"] == pytest.approx(0.15)
    assert row["status"] == "consistent"
    assert "§一 ¶经济发展动能强劲" in row["section"]


def test_toilet_plan_is_a_whole_number_that_reproduces_163_4(checks):
    row = checks.loc["toilet_completion_vs_whole_target"]
    assert row["status"] == "consistent"
    assert row["expected"] == pytest.approx(3660 / 2240 * 100)
    assert "2240" in row["note"]


def test_cultural_share_implies_post_census_gdp(checks):
    row = checks.loc["cultural_share_implied_gdp_vs_first_release"]
    assert round(row["expected"]) == 21008
    assert row["stated"] == 22859  # 2285.9 billion: the medium-grade copy of the first release
    assert row["status"] == "note" and row["qualifier"] == "~"
    assert "census" in row["note"] and "vintage" in row["note"]


def test_2702_and_2716_cultural_centres_are_inconsistent(checks):
    row = checks.loc["village_cultural_centres_2702_vs_2716"]
    assert row["status"] == "inconsistent"
    assert (row["expected"], row["stated"], row["difference"]) == (2702, 2716, 14)


def test_high_tech_restatements_are_compatible_bounds(checks):
    row = checks.loc["high_tech_enterprises_restatements"]
    assert row["status"] == "consistent"
    assert row["expected"] == 12000 and row["qualifier"] == ">" and row["stated"] == 10000
    assert pd.isna(row["difference"])
    assert "=12000" in row["note"] and ">12000" in row["note"]


def test_library_points(checks):
    assert checks.loc["library_points_433_vs_1566", "status"] == "inconsistent"
    assert checks.loc["library_network_parts_within_wholes", "status"] == "consistent"


def test_rural_income_report_rounds_the_yearbook(checks):
    row = checks.loc["rural_income_2019_report_vs_yearbook"]
    assert row["status"] == "consistent"
    assert row["difference"] == pytest.approx(0.1)
    assert "10.94%" in row["note"]


def test_notes_where_the_report_states_nothing(checks):
    ratio = checks.loc["urban_rural_income_ratio_2019"]
    assert ratio["status"] == "note" and round(ratio["expected"], 4) == 2.2534 and pd.isna(ratio["stated"])
    cagr = checks.loc["high_tech_enterprises_cagr_2015_2019"]
    assert cagr["status"] == "note" and round(cagr["expected"], 2) == 58.13 and cagr["qualifier"] == "="
    # 1.2万 allows 11500-12500: ((11500 / 1919) ** 0.25 - 1) * 100 = 56.46.
    assert "56.46-59.76" in cagr["note"]


def test_other_checks(checks):
    assert checks.loc["shares_between_0_and_100", "status"] == "consistent"
    trade = checks.loc["cross_border_ecommerce_share_of_trade_growth"]
    assert trade["status"] == "consistent" and 10000 < trade["expected"] < 10030
    assert checks.loc["agri_parks_income_gain_within_output", "expected"] == pytest.approx(2.63 * 1.2)
    assert checks.loc["gdp_nominal_growth_across_vintages", "status"] == "note"


def _package(tmp_path, indicator, period, value=None, drop=False):
    root = tmp_path / "pkg"
    shutil.copytree(bundled_path(), root)
    obs = pd.read_csv(root / "observations.csv", dtype=str, keep_default_na=False)
    hit = (obs["indicator"] == indicator) & (obs["period"] == period) & (obs["region"] == "guangzhou")
    if drop:
        obs = obs[~hit]
    else:
        obs.loc[hit, "value"] = value
    obs.to_csv(root / "observations.csv", index=False, lineterminator="\n")
    return root


def test_a_lead_beyond_rounding_is_inconsistent(tmp_path):
    ds = gzkit.load(_package(tmp_path, "gdp_growth_avg_lead_over_china", "2016-2019", "0.5"))
    row = audit.audit(ds).set_index("check").loc["gdp_growth_lead_over_china"]
    assert row["status"] == "inconsistent" and row["difference"] == pytest.approx(0.2)


def test_a_missing_input_skips_its_check_with_a_warning(tmp_path):
    ds = gzkit.load(_package(tmp_path, "lending_network_branch_libraries", "2019", drop=True))
    df = audit.audit(ds)
    assert "library_network_parts_within_wholes" not in set(df["check"])
    assert any("library_nesting" in w for w in df.attrs["warnings"])


def test_cli_audit_equals_the_library(invoke, ds):
    result = invoke("audit", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == records(audit.audit(ds))
    table = invoke("audit", "-f", "table")
    assert table.exit_code == 0 and "inconsistent" in table.stdout


def _audited_inputs() -> list[str]:
    """Every indicator an audit check reads, from the checks' own source."""
    import inspect
    import re

    from gzkit.audit import derivations, restatements

    source = inspect.getsource(derivations) + inspect.getsource(restatements)
    return sorted(set(re.findall(r'(?:observation|implied)\(ds, "([a-z0-9_]+)"', source)))


# CI takes the two values that broke checks (a zero base, a base that overflows a ratio); all five
# with `pytest --hostile-all` or GZKIT_HOSTILE_ALL=1.
def pytest_generate_tests(metafunc):
    if "hostile_value" in metafunc.fixturenames:
        every = metafunc.config.getoption("--hostile-all", default=False) or os.environ.get("GZKIT_HOSTILE_ALL")
        metafunc.parametrize("hostile_value", [0.0, 1e-310, -1.0, 2e19, 1e29] if every else [0.0, 1e-310])


def test_every_check_handles_any_valid_value_of_its_inputs(ds, hostile_value):
    """Each input of each check set to a hostile but valid value: a row or a reasoned "not checked", never a crash."""
    import dataclasses
    import math
    import warnings

    inputs = _audited_inputs()
    assert len(inputs) >= 20 and "public_toilets_built" in inputs
    for indicator in inputs:
        obs = ds.observations.copy()
        obs.loc[obs["indicator"] == indicator, "value"] = hostile_value
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a numpy RuntimeWarning fails here
            df = audit.audit(dataclasses.replace(ds, observations=obs))
        for w in df.attrs["warnings"]:
            assert re.fullmatch(r"[a-z0-9_]+: not checked: .+", w), w
        assert len(df) + len(df.attrs["warnings"]) == len(audit.CHECKS), indicator
        for col in ("expected", "stated", "difference", "tolerance"):
            assert not df[col].map(lambda x: isinstance(x, float) and math.isinf(x)).any(), (indicator, col)
        for note in df["note"]:
            assert not re.search(r"(?<![a-z])(nan|inf)(?![a-z])", note), (indicator, hostile_value, note)


def test_a_chinese_reader_gets_the_audit_in_chinese(invoke, ds):
    df = audit.audit(ds)
    markdown = invoke("--lang", "zh", "audit", "-f", "markdown")
    assert markdown.exit_code == 0, markdown.stderr
    # Every note, as the library composes it for a Chinese reader, is a cell of the markdown table.
    for note in df["note"]:
        assert note.render("zh").replace("|", "\\|") in markdown.stdout
    assert "6.8% - 6.5% = 0.3 个百分点，与报告所述一致" in markdown.stdout
    table = invoke("--lang", "zh", "audit", "-f", "table")
    assert table.exit_code == 0, table.stderr
    # A status is a whole cell, whether the table is laid out side by side or stacked.
    assert set(re.findall(r"(?:^|\s)(一致|不一致|说明)(?=\s|$)", table.stdout, re.M)) == {"一致", "不一致", "说明"}
    assert not re.search(r"\b(consistent|inconsistent)\b", table.stdout)


def test_an_english_reader_and_a_machine_get_the_audit_in_english(invoke, ds):
    english = invoke("audit", "-f", "markdown").stdout
    assert "6.8% - 6.5% = 0.3 points, as stated" in english and "个百分点" not in english
    rows = list(__import__("csv").DictReader(io.StringIO(invoke("--lang", "zh", "audit", "-f", "csv").stdout)))
    assert [r["note"] for r in rows] == [str(n) for n in audit.audit(ds)["note"]]
    assert rows[0]["note"] == "6.8% - 6.5% = 0.3 points, as stated" and rows[0]["status"] == "consistent"


def test_a_check_that_cannot_be_made_says_why_in_either_language(ds):
    import dataclasses

    obs = ds.observations.copy()
    obs.loc[obs["indicator"] == "public_toilets_built", "value"] = 0.0
    skipped = audit.audit(dataclasses.replace(ds, observations=obs)).attrs["warnings"]
    [toilets] = [w for w in skipped if w.startswith("toilet_completion")]
    assert toilets == (
        "toilet_completion: not checked: public_toilets_built guangzhou 2019 = 0: with none built, "
        "no plan gives a completion rate"
    )
    assert toilets.render("zh") == (
        "toilet_completion：未核对：public_toilets_built guangzhou 2019 = 0：建成数为零，任何计划数都得不出完成率"
    )
