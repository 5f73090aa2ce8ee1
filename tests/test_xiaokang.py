"""Guangzhou against the NBS 2013 xiaokang targets."""

from __future__ import annotations

import json
import math
import shutil

import pandas as pd
import pytest

import gzkit
from gzkit import xiaokang
from gzkit.data import bundled_path
from gzkit.output import records

COVERED = {1: 4.0, 14: 3.0, 17: 2.5, 21: 2.0, 24: 1.5, 27: 2.0}
#: Scored without a known weight.
UNWEIGHTED = {39}


def test_the_nbs_targets_are_in_the_data(ds):
    t = ds.targets[ds.targets["framework"] == "xiaokang2013"]
    assert sorted(t["item"]) == list(range(1, 34)) + [39]
    assert t["weight"].sum() == 81 and t.set_index("item")["weight"].isna().sum() == 1
    assert (t["region"] == "guangzhou").all()
    assert t["source"].str.contains("国家统计局").all()
    # Mapped only where the definitions match or almost match.
    unmapped = t[t["indicator"] == ""]
    assert set(unmapped["comparability"]) <= {"none", "close"}
    assert set(t.loc[t["indicator"] != "", "comparability"]) <= {"same", "close"}
    assert t.set_index("item").loc[1, "comparison"] == ">=" and t.set_index("item").loc[1, "target"] == 57000
    assert "2010" in t.set_index("item").loc[1, "note"]


def test_item_39_is_the_domestic_waste_treatment_rate(ds):
    t = ds.targets[ds.targets["framework"] == "xiaokang2013"].set_index("item")
    item = t.loc[39]
    assert item["indicator"] == "domestic_waste_harmless_treatment_rate"
    assert (item["comparison"], item["target"]) == (">=", 85) and math.isnan(item["weight"])
    assert item["comparability"] == "close" and "urban" in item["note"]
    row = xiaokang.xiaokang(ds).dropna(subset=["item"]).set_index("item").loc[39]
    # The report's 100% against 85%: 117.6%, capped.
    assert row["value"] == 100 and row["realization_pct"] == 100 and "uncapped 117.6" in row["note"]


def test_report_targets(ds):
    t = ds.targets[ds.targets["framework"] == "report"].set_index("id")
    assert t.loc["report_public_toilets", "completion_stated"] == 163.4
    assert math.isnan(t.loc["report_public_toilets", "target"])
    assert not t.loc["report_public_toilets", "stated_reached"]
    # Outcome statements are not targets.
    assert not {"report_unemployment_below_2_5", "report_cable_tv_townships", "report_cable_tv_villages"} & set(t.index)
    assert t.loc["report_pm25_grade_ii", "indicator"] == "pm25" and t.loc["report_pm25_grade_ii", "target"] == 35
    assert t.loc[
        ["report_library_per_80k", "report_pm25_grade_ii", "report_livestock_manure_utilisation"], "stated_reached"
    ].all()
    assert (t["evidence"].str.len() > 0).all()


def test_covered_items_and_weight_share(ds):
    df = xiaokang.xiaokang(ds)
    s = df.attrs["summary"]
    items = df["item"].dropna().astype(int).tolist()
    assert items == sorted(COVERED.keys() | UNWEIGHTED)
    assert s["items_covered"] == 7 and s["items_weighted"] == 6 and s["items_total"] == 34
    assert s["items_unweighted"] == [39] and s["items_missing"] == [34, 35, 36, 37, 38]
    assert s["weight_covered"] == 15 and s["weight_total"] == 81
    assert s["weight_covered_share_pct"] == pytest.approx(15 / 81 * 100)
    assert s["weighted_realization_pct"] == 100
    assert s["items_covered_same_definition"] == 1


def test_summary_is_the_last_row(ds):
    df = xiaokang.xiaokang(ds)
    last = df.iloc[-1]
    assert pd.isna(last["item"]) and last["name_en"] == "weighted summary (covered items only)"
    assert last["realization_pct"] == 100 and last["weight"] == 15
    assert "34-38" in last["note"] and "item 39 scored without a known weight" in last["note"]


def test_realization_is_capped_and_direction_aware(ds):
    df = xiaokang.xiaokang(ds).dropna(subset=["item"]).set_index("item")
    assert (df["realization_pct"] <= 100).all()
    ratio = df.loc[24]
    assert round(ratio["value"], 4) == 2.2534 and ratio["comparison"] == "<="
    assert "uncapped 124.3" in ratio["note"]
    unemployment = df.loc[21]
    # Below 2.5% against a 6% ceiling: more than 240%, capped to exactly 100.
    assert unemployment["realization_pct"] == 100 and unemployment["qualifier"] == "="
    assert "uncapped >240.0" in unemployment["note"]


def _package(tmp_path, changes):
    root = tmp_path / "pkg"
    shutil.copytree(bundled_path(), root)
    obs = pd.read_csv(root / "observations.csv", dtype=str, keep_default_na=False)
    for (indicator, period), (value, qualifier) in changes.items():
        hit = (obs["indicator"] == indicator) & (obs["period"] == period) & (obs["region"] == "guangzhou")
        assert hit.any()
        obs.loc[hit, ["value", "qualifier"]] = [value, qualifier]
    obs.to_csv(root / "observations.csv", index=False, lineterminator="\n")
    return root


def test_shortfalls_count_in_both_directions(tmp_path):
    ds = gzkit.load(
        _package(
            tmp_path,
            {
                ("life_expectancy", "2019"): ("70", "="),
                ("unemployment_rate_registered", "2016-2019"): ("8", "="),
                ("gdp_per_capita", "2019"): ("50000", ">"),
            },
        )
    )
    df = xiaokang.xiaokang(ds)
    rows = df.dropna(subset=["item"]).set_index("item")
    assert rows.loc[27, "realization_pct"] == pytest.approx(70 / 76 * 100)
    assert rows.loc[21, "realization_pct"] == pytest.approx(6 / 8 * 100)  # lower is better
    assert rows.loc[1, "realization_pct"] == pytest.approx(50000 / 57000 * 100)
    assert rows.loc[1, "qualifier"] == ">"
    want = (4 * 50000 / 57000 * 100 + 3 * 100 + 2.5 * 100 + 2 * 75 + 1.5 * 100 + 2 * 70 / 76 * 100) / 15
    s = df.attrs["summary"]
    assert s["weighted_realization_pct"] == pytest.approx(want, abs=1e-5)
    assert s["qualifier"] == ">"


def test_all_items_lists_why_each_is_not_covered(ds):
    df = xiaokang.xiaokang(ds, all_items=True)
    assert len(df) == 35
    rows = df.dropna(subset=["item"]).set_index("item")
    assert rows.loc[19, "note"].startswith("not covered: no guangzhou observation")
    assert rows.loc[3, "note"].startswith("not covered: no gzkit measure matches")
    assert df.attrs["summary"] == xiaokang.xiaokang(ds).attrs["summary"]


def test_cli_xiaokang_equals_the_library(invoke, ds):
    result = invoke("xiaokang", "-f", "json")
    assert result.exit_code == 0, result.output
    df = xiaokang.xiaokang(ds)
    assert json.loads(result.stdout) == records(df)
    assert xiaokang.summary_line(df) in result.stderr
    assert "18.5%" in result.stderr and "item 39 scored without a known weight" in result.stderr
    every = invoke("xiaokang", "--all", "-f", "csv")
    assert every.exit_code == 0 and len(every.stdout.strip().splitlines()) == 36


def test_each_value_keeps_its_confidence(ds):
    df = xiaokang.xiaokang(ds)
    # Every covered value is the report's own (item 24 from its urban 65052 and rural 28868), so the summary is too.
    assert set(df["confidence"]) == {"report"}
    assert xiaokang._weakest_of(["report", "low", "high"]) == "low"
    assert xiaokang._weakest_of([]) == ""


def test_summary_line_in_chinese(invoke, ds):
    df = xiaokang.xiaokang(ds)
    zh = xiaokang.summary_line(df, lang="zh")
    assert zh.startswith("加权实现程度100.0%，计入34项指标中的6项，占81个权重点中的15个（18.5%）")
    assert "第39项权重未知" in zh and "第34-38项指标及各领域权重缺失" in zh
    result = invoke("--lang", "zh", "xiaokang", "-f", "csv")
    assert result.exit_code == 0 and zh in result.stderr
