"""Releases and confidence compared as data; the dataset restricted to what a user trusts."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import gzkit
from gzkit import core, derived, provenance
from packages import package, with_ratios


def test_confidence_order_and_weakest():
    assert provenance.CONFIDENCE == ("report", "high", "medium", "low")
    assert provenance.weakest(["report", "high"]) == "high"
    assert provenance.weakest(["medium", "report", "low"]) == "low"
    assert provenance.weakest([]) == "report"


def test_compare_returns_a_structured_result():
    p = provenance.compare("first release (before the 2019 census revision)", "report 2020-08", "low", "report")
    assert not p.same_release
    assert p.releases == ("first release (before the 2019 census revision)", "report 2020-08")
    assert p.confidence == "low"
    assert p.note() == "crosses vintages: first release (before the 2019 census revision) vs report 2020-08"
    assert p.warning("gdp guangzhou").startswith("gdp guangzhou: first release")
    same = provenance.compare("report 2020-08", "report 2020-08", "report", "high")
    assert same.same_release and same.warning("x") is None and same.note() == ""
    assert same.confidence == "high"


def test_compare_columns_is_compare_row_by_row():
    va = ["report 2020-08", "yearbook 2022", "a"]
    vb = ["report 2020-08", "report 2020-08", "b"]
    ca, cb = ["report", "high", "low"], ["medium", "report", "medium"]
    df = provenance.compare_columns(va, vb, ca, cb)
    for i, row in df.iterrows():
        p = provenance.compare(va[i], vb[i], ca[i], cb[i])
        assert (row["same_release"], row["confidence"], row["note"]) == (p.same_release, p.confidence, p.note())
    assert list(df["confidence"]) == ["medium", "high", "low"]
    assert provenance.warnings_from(df, ["x", "y", "z"].__getitem__) == [
        provenance.compare(va[1], vb[1]).warning("y"),
        provenance.compare(va[2], vb[2]).warning("z"),
    ]


def test_compare_warnings_come_from_the_structured_result(ds):
    df = core.compare(ds, 2018, 2019)
    gdp = df.set_index("indicator").loc["gdp"]
    expected = provenance.compare(gdp["vintage_a"], gdp["vintage_b"]).warning("gdp guangzhou")
    assert expected in df.attrs["warnings"]
    # cross-border trade 2018 is implied by the report's own 2019 figures: one release, no warning; the
    # official 2018 imports (annual, March 2019) beside the report's 2019 figure get one.
    assert not any(w.startswith("cross_border") for w in df.attrs["warnings"])
    imports = df.set_index("indicator").loc["imports"]
    assert (
        provenance.compare(imports["vintage_a"], imports["vintage_b"]).warning("imports guangzhou")
        in (df.attrs["warnings"])
    )


def test_derived_rows_take_the_lowest_confidence(tmp_path):
    ds = gzkit.load(with_ratios(tmp_path))
    imp = derived.implied_values(ds).set_index(["indicator", "period"])
    # medium ratio x high yearbook rural income -> medium
    assert imp.loc[("disposable_income_urban", "2015"), "confidence"] == "medium"
    assert imp.loc[("imports", "2018"), "confidence"] == "report"
    row = core.compare(ds, 2015, 2019).set_index("indicator").loc["disposable_income_urban"]
    assert row["confidence"] == "medium" and row["implied"] == "2015"


def test_compare_row_confidence_is_the_lower_end(ds):
    df = core.compare(ds, 2018, 2019).set_index("indicator")
    # 2018: the medium copy (2285.9 billion) heads the low-graded 22859.35, so medium beside the report.
    assert df.at["gdp", "confidence"] == "medium"
    assert df.at["park_green_area_per_capita", "confidence"] == "low"  # the end-2018 17.3 is graded low
    assert df.at["disposable_income_rural", "confidence"] == "high"


def test_report_only_keeps_the_reports_statements(ds):
    only = provenance.restrict(ds, report_only=True)
    assert set(only.observations["confidence"]) == {"report"}
    assert len(only.observations) == int((ds.observations["confidence"] == "report").sum())
    assert provenance.restrict(ds) is ds
    assert provenance.restrict(ds, "low") is ds
    high = provenance.restrict(ds, "high")
    assert set(high.observations["confidence"]) == {"report", "high"}


def test_restrict_promotes_the_best_remaining_statement(tmp_path):
    # Two statements of 2015 GDP: the bundled low-graded headline and a medium one appended beside it.
    # Trusting medium and above leaves the medium statement, which becomes the headline.
    root = package(tmp_path)
    obs = pd.read_csv(root / "observations.csv", dtype=str, keep_default_na=False)
    extra = obs[(obs["indicator"] == "gdp") & (obs["period"] == "2015")].copy()
    assert list(extra["confidence"]) == ["low"]
    extra["value"], extra["confidence"], extra["headline"] = "21500", "medium", "false"
    extra["source"] = "a second official release, appended for a test"
    pd.concat([obs, extra]).to_csv(root / "observations.csv", index=False, lineterminator="\n")
    ds = gzkit.load(root)
    kept = provenance.restrict(ds, "medium").observations
    row = kept[(kept["indicator"] == "gdp") & (kept["period"] == "2015")]
    assert list(row["value"]) == [21500] and bool(row["headline"].iloc[0])


def test_unknown_grade_is_refused(ds):
    with pytest.raises(ValueError, match="report, high, medium, low"):
        provenance.restrict(ds, "certain")


def test_cli_report_only_compare_has_imports_and_no_official_figure(invoke, ds):
    result = invoke("--report-only", "compare", "2018", "2019", "-f", "csv")
    assert result.exit_code == 0, result.output
    got = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    expected = core.compare(provenance.restrict(ds, report_only=True), 2018, 2019)
    assert list(got["indicator"]) == list(expected["indicator"])
    assert "imports" in set(got["indicator"])
    assert set(got["confidence"]) == {"report"}
    assert not (got["vintage_a"].str.contains("first release") | got["vintage_a"].str.contains("yearbook")).any()


def test_cli_min_confidence_filters_every_command(invoke, ds):
    full = invoke("show", "gdp", "--no-derived", "-f", "csv")
    high = invoke("--min-confidence", "high", "show", "gdp", "--no-derived", "-f", "csv")
    assert high.exit_code == 0, high.output
    got = pd.read_csv(io.StringIO(high.stdout), keep_default_na=False)
    assert set(got["confidence"]) <= {"report", "high"}
    assert len(got) < len(pd.read_csv(io.StringIO(full.stdout)))
    bad = invoke("--min-confidence", "certain", "show", "gdp")
    assert bad.exit_code == 2


def test_compare_columns_reads_every_value_as_its_text():
    """Arrow-backed strings, text and missing values compare as pandas compares them column-wise."""
    import numpy as np
    import pandas as pd

    va = pd.Series(["r1", None, "r1", "r2"], dtype="str")
    vb = np.array(["r1", "nan", None, "r2"], dtype=object)
    ca, cb = ["high", "low", None, "report"], ["report", "high", "medium", "low"]
    df = provenance.compare_columns(va, vb, ca, cb)
    # A missing release equals nothing, not even the text "nan"; the note cannot name it.
    assert list(df["same_release"]) == [True, False, False, True]
    assert list(df["confidence"][[0, 1, 3]]) == ["high", "low", "low"]
    assert pd.isna(df["confidence"][2])
    assert df["note"][0] == df["note"][3] == ""
    assert pd.isna(df["note"][1]) and pd.isna(df["note"][2])
