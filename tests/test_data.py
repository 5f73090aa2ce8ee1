"""The bundled data package: valid, consistent, and faithful to the report."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from gzkit.data import bundled_path, contract

NUMBER = re.compile(r"\d+(?:\.\d+)?")

REQUIRED_INDICATORS = {
    "gdp",
    "gdp_per_capita",
    "gdp_growth_avg",
    "disposable_income_urban",
    "disposable_income_rural",
    "life_expectancy",
    "high_tech_enterprises",
}

#: Observations per domain (all sources). A change here is a change to the dataset: update deliberately.
EXPECTED_PER_DOMAIN = {
    "economy": 21,
    "innovation": 14,
    "opening_up": 14,
    "infrastructure": 18,
    "livelihood": 23,
    "public_services": 37,
    "culture": 23,
    "ecology": 17,
    "governance": 21,
    "urban_rural": 14,
}


def _mantissa(x: float) -> float:
    x = abs(x)
    return 0.0 if x == 0 else x / 10 ** math.floor(math.log10(x))


def test_frictionless_validates_the_package():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(bundled_path() / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_csv_headers_follow_the_schema_in_order():
    root = bundled_path()
    for resource in contract()["resources"]:
        header = (root / resource["path"]).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == [f["name"] for f in resource["schema"]["fields"]], resource["name"]


def test_files_are_utf8_without_bom_and_unix_newlines():
    for csv_file in bundled_path().glob("*.csv"):
        raw = csv_file.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), csv_file.name
        assert b"\r\n" not in raw, csv_file.name
        raw.decode("utf-8")


def test_required_public_indicator_ids_exist(ds):
    assert REQUIRED_INDICATORS <= set(ds.indicators["id"])


def test_indicator_ids_are_snake_case_and_unique(ds):
    ids = ds.indicators["id"]
    assert ids.is_unique
    assert ids.str.fullmatch(r"[a-z][a-z0-9_]*").all()


def test_units_come_from_the_documented_vocabulary(ds):
    documented = Path(__file__).resolve().parents[1] / "docs" / "data.md"
    if documented.exists():
        text = documented.read_text(encoding="utf-8")
        for unit in ds.units["id"]:
            assert f"`{unit}`" in text, f"unit {unit} is not documented in docs/data.md"
    assert set(ds.indicators["unit"]) <= set(ds.units["id"])


def test_every_indicator_has_an_observation(ds):
    assert set(ds.indicators["id"]) == set(ds.observations["indicator"])


def test_primary_key_is_unique(ds):
    key = contract()["resources"][4]["schema"]["primaryKey"]
    assert not ds.observations.duplicated(subset=key).any()


def test_one_headline_per_indicator_region_period(ds):
    counts = ds.observations.groupby(["indicator", "region", "period"])["headline"].sum()
    assert (counts == 1).all()


def test_year_is_the_last_year_of_the_period(ds):
    last = ds.observations["period"].str.extract(r"(\d{4})(?:-(\d{4}))?")
    expected = last[1].fillna(last[0]).astype(int)
    assert (ds.observations["year"] == expected).all()


def test_inferred_years_are_2019_or_said_otherwise(ds):
    inferred = ds.observations[ds.observations["year_inferred"]]
    assert len(inferred) > 0
    assert inferred["note"].str.contains("year not stated").all()


REPORT = "report 2020-08"


def test_report_rows_have_evidence_containing_their_number(ds):
    rows = ds.observations[ds.observations["vintage"] == REPORT]
    assert len(rows) >= 150
    for row in rows.itertuples():
        assert row.evidence, row
        assert "\n" not in row.evidence
        numbers = [float(t) for t in NUMBER.findall(row.evidence)]
        assert any(math.isclose(_mantissa(row.value), _mantissa(n), rel_tol=1e-6) for n in numbers), (
            row.indicator,
            row.value,
            row.evidence,
        )
        assert row.source.startswith("report §"), row.source


def test_official_rows_cite_their_publication_and_vintage(ds):
    rows = ds.observations[ds.observations["vintage"] != REPORT]
    assert len(rows) == 19
    assert (rows["evidence"] == "").all()
    assert set(rows["confidence"]) == {"high", "medium", "low"}
    assert (ds.observations.loc[ds.observations["vintage"] == REPORT, "confidence"] == "report").all()
    # The compiler's "low-medium" for the 2018 first-release GDP is kept as the weaker grade.
    gdp_2018 = rows[(rows["indicator"] == "gdp") & (rows["period"] == "2018")]
    assert gdp_2018["confidence"].tolist() == ["low"]
    assert not rows["source"].str.startswith("report").any()
    first = rows[(rows["indicator"] == "gdp") & (rows["region"] == "guangzhou")]
    assert sorted(first["year"]) == [2011, 2016, 2018]
    assert first["vintage"].str.contains("before the 2019 census revision").all()


def test_observation_counts_per_domain(ds):
    obs = ds.observations.merge(ds.indicators[["id", "domain"]], left_on="indicator", right_on="id")
    assert obs.groupby("domain").size().to_dict() == EXPECTED_PER_DOMAIN
    assert sum(EXPECTED_PER_DOMAIN.values()) == len(ds.observations) == 202


def test_every_domain_has_report_observations(ds):
    obs = ds.observations.merge(ds.indicators[["id", "domain"]], left_on="indicator", right_on="id")
    report = obs[obs["vintage"] == REPORT]
    assert set(report["domain"]) == set(ds.domains["id"])


def test_qualifiers_follow_the_report_wording(ds):
    obs = ds.observations[ds.observations["vintage"] == REPORT]
    for row in obs.itertuples():
        for word, number in re.findall(r"(突破|超过|逾|约|近)(\d+(?:\.\d+)?)", row.evidence):
            if math.isclose(_mantissa(row.value), _mantissa(float(number)), rel_tol=1e-6):
                expected = "~" if word in ("约", "近") else ">"
                assert row.qualifier == expected, (row.indicator, row.evidence, row.qualifier)
    high = ds.observations[(ds.observations["indicator"] == "high_tech_enterprises")]
    assert set(zip(high["year"], high["value"], high["qualifier"], high["headline"])) == {
        (2015, 1919.0, "=", True),
        (2019, 12000.0, ">", True),
        (2019, 12000.0, "=", False),
        (2019, 10000.0, ">", False),
    }


# One value from every paragraph of the report that states numbers: (source, indicator, region, period, value, q)
SPOT_CHECKS = [
    ("report §一 ¶经济发展动能强劲", "gdp", "guangzhou", "2019", 23000, "="),
    ("report §一 ¶经济发展动能强劲", "gdp_growth_avg", "china", "2016-2019", 6.5, "="),
    ("report §一 ¶对外开放深入推进", "imports", "guangzhou", "2019", 4737.8, "="),
    ("report §一 ¶公共服务稳步提升", "pension_insured", "guangzhou", "2019", 909.08, "="),
    ("report §一 ¶公共服务稳步提升", "life_expectancy", "guangzhou", "2019", 82.52, "="),
    ("report §一 ¶文化创新更具活力", "village_community_cultural_service_centres", "guangzhou", "2019", 2702, "="),
    ("report §一 ¶生态环境明显改善", "livestock_manure_utilisation_rate", "guangzhou", "2019", 88.41, "="),
    ("report §一 ¶社会治理日臻完善", "migrant_service_stations", "guangzhou", "2019", 1129, "="),
    ("report §二（一） ¶大力实施创新驱动战略", "high_tech_enterprises", "guangzhou", "2015", 1919, "="),
    ("report §二（一） ¶不断深化改革创新", "trade_investment_facilitation_measures", "guangzhou", "2019", 20, "="),
    ("report §二（二） ¶大力稳就业促就业", "disposable_income_urban", "guangzhou", "2019", 65052, "="),
    ("report §二（二） ¶大力改善城市面貌", "elevators_retrofitted", "guangzhou", "2019", 5217, "="),
    ("report §二（二） ¶大力升级交通基础设施", "urban_rail_operating_length", "guangzhou", "2019", 523, "="),
    ("report §二（二） ¶大力升级交通基础设施", "rural_roads_built_renovated", "guangzhou", "2018-2019", 381, "~"),
    ("report §二（三） ¶着力建设教育强市", "higher_education_institutions", "guangzhou", "1978", 15, "="),
    ("report §二（三） ¶高水平推进健康服务", "basic_public_health_subsidy_per_capita", "guangzhou", "2020", 70, "="),
    ("report §二（三） ¶创新养老服务体系", "elderly_care_institutions", "guangzhou", "2019", 220, "="),
    ("report §二（四） ¶率先打赢脱贫攻坚战", "poverty_relief_investment", "guangzhou", "2011-2012", 43.2, "="),
    ("report §二（四） ¶深入实施乡村振兴战略", "agri_parks_household_income_gain", "guangzhou", "2019", 1.2, "~"),
    (
        "report §二（五） ¶满足多元文化需求",
        "village_community_cultural_service_centres",
        "guangzhou",
        "2019",
        2716,
        "=",
    ),
    ("report §二（五） ¶激发文化发展活力", "cultural_industry_gdp_share", "guangzhou", "2018", 6.52, "="),
    ("report §二（五） ¶打响“四大文化”品牌", "red_tourism_routes", "guangzhou", "2019", 6, "="),
    ("report §二（六） ¶建立“令行禁止 有呼必应”机制", "party_members_community_service", "guangzhou", "2019", 26, ">"),
    ("report §二（六） ¶尊重人民群众首创精神", "family_service_centres", "guangzhou", "2019", 188, "="),
    ("report §二（六） ¶坚持精细化精准化治理", "public_sense_of_security_score", "guangzhou", "2019", 98.2, "="),
    ("report §三（一）", "gdp_multiple_since_reform", "guangzhou", "2019", 500, "~"),
    ("report §三（三）", "shenzhen_pilot_zone_support_projects", "guangzhou", "2019", 27, "="),
    ("report §三（四）", "high_tech_enterprises", "guangzhou", "2019", 10000, ">"),
]


@pytest.mark.parametrize("source,indicator,region,period,value,qualifier", SPOT_CHECKS)
def test_spot_check_one_value_per_paragraph(ds, source, indicator, region, period, value, qualifier):
    obs = ds.observations
    hit = obs[
        (obs["source"] == source)
        & (obs["indicator"] == indicator)
        & (obs["region"] == region)
        & (obs["period"] == period)
    ]
    assert len(hit) == 1, (source, indicator)
    assert hit["value"].iloc[0] == pytest.approx(value)
    assert hit["qualifier"].iloc[0] == qualifier


def test_spot_checks_cover_every_paragraph(ds):
    report_sources = set(ds.observations.loc[ds.observations["vintage"] == REPORT, "source"])
    assert report_sources == {s[0] for s in SPOT_CHECKS}


def test_datapackage_declares_sources_license_and_keys():
    meta = json.loads((bundled_path() / "datapackage.json").read_text(encoding="utf-8"))
    assert meta["licenses"] and meta["sources"]
    names = {r["name"] for r in meta["resources"]}
    assert {"domains", "regions", "units", "indicators", "observations", "targets"} <= names
    for r in meta["resources"]:
        assert r["schema"]["primaryKey"]


def test_loaded_types(ds):
    obs = ds.observations
    assert obs["value"].dtype == "float64"
    assert obs["year"].dtype == "int64"
    assert obs["headline"].dtype == bool
    assert isinstance(ds.indicators, pd.DataFrame)
