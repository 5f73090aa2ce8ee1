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
    "economy": 51,
    "innovation": 16,
    "opening_up": 20,
    "infrastructure": 18,
    "livelihood": 26,
    "public_services": 37,
    "culture": 27,
    "ecology": 20,
    "governance": 21,
    "urban_rural": 14,
}

#: Observations per confidence grade: the report's statements, then official figures by grade.
EXPECTED_PER_GRADE = {"report": 183, "high": 12, "medium": 41, "low": 14}

#: Headline precedence within one indicator, region and period (docs/data.md): grade first.
GRADE_RANK = {"report": 0, "high": 1, "medium": 2, "low": 3}


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
    assert len(rows) == 67
    assert (rows["evidence"] == "").all()
    assert rows["note"].str.startswith("official statistics").all()
    assert set(rows["confidence"]) == {"high", "medium", "low"}
    assert (ds.observations.loc[ds.observations["vintage"] == REPORT, "confidence"] == "report").all()
    # The compiler's "low-medium" for the 2018 first-release GDP is kept as the weaker grade.
    gdp_2018 = rows[(rows["indicator"] == "gdp") & (rows["period"] == "2018") & rows["source"].str.contains("统计局")]
    assert gdp_2018["confidence"].tolist() == ["low"]
    assert not rows["source"].str.startswith("report").any()
    first = rows[(rows["indicator"] == "gdp") & (rows["region"] == "guangzhou") & (rows["year"] < 2019)]
    assert sorted(set(first["year"])) == list(range(2010, 2019))
    assert first["vintage"].str.contains("before the 2019 census revision").sum() == 3


def test_observation_counts_per_confidence_grade(ds):
    assert ds.observations["confidence"].value_counts().to_dict() == EXPECTED_PER_GRADE
    assert (ds.observations.loc[ds.observations["vintage"] == REPORT, "confidence"] == "report").all()


# Every official figure published in billion or trillion yuan: (indicator, period, source, published, value, decimals)
CONVERTED = [
    ("gdp", "2014", "Asian-Pacific City Summit", "1670.687", 16706.87, 2),
    ("gdp", "2017", "HKTDC", "2150.3", 21503, 0),
    ("gdp", "2018", "HKTDC", "2285.9", 22859, 0),
    ("gdp", "2018", "chinaservicesinfo", "2.286", 22860, -1),
    ("retail_sales", "2018", "HKTDC", "925.6", 9256, 0),
    ("retail_sales", "2018", "Government Work Report", "924", 9240, -1),
    ("trade_total", "2018", "chinaservicesinfo", "981.02", 9810.2, 1),
    ("exports", "2018", "chinaservicesinfo", "560.76", 5607.6, 1),
    ("imports", "2018", "chinaservicesinfo", "420.26", 4202.6, 1),
    ("exports", "2017", "HKTDC", "579.2", 5792, 0),
    ("imports", "2017", "HKTDC", "392.3", 3923, 0),
    ("exports", "2016", "job168", "518.57", 5185.7, 1),
    ("budget_revenue", "2018", "Government Work Report", "163.23", 1632.3, 1),
    ("budget_revenue", "2018", "eguangzhou", "163.42", 1634.2, 1),
]


@pytest.mark.parametrize("indicator,period,source,published,value,decimals", CONVERTED)
def test_official_units_are_converted_to_the_indicators_own(ds, indicator, period, source, published, value, decimals):
    obs = ds.observations
    hit = obs[(obs["indicator"] == indicator) & (obs["period"] == period) & obs["source"].str.contains(source)]
    assert len(hit) == 1
    row = hit.iloc[0]
    assert ds.indicators.set_index("id").at[indicator, "unit"] == "100m_yuan"
    factor = 10000 if "trillion" in row["note"] else 10
    assert row["value"] == pytest.approx(float(published) * factor) == value
    assert row["decimals"] == decimals
    assert f"published as {published} {'trillion' if factor == 10000 else 'billion'} yuan; ×{factor} to " in row["note"]


def test_every_conversion_is_listed_and_said_in_the_note(ds):
    official = ds.observations[ds.observations["vintage"] != REPORT]
    said = official[official["note"].str.contains(r"(?:b|tr)illion yuan; ×", regex=True)]
    assert len(said) == len(CONVERTED)
    for note, value in zip(said["note"], said["value"]):
        published, converted = re.search(r"published as ([\d.]+) \w+ yuan; ×\d+ to ([\d.]+) 亿元", note).groups()
        factor = 10000 if "trillion" in note else 10
        assert float(published) * factor == pytest.approx(float(converted)) == pytest.approx(value)


def test_mixed_vintages_are_noted(ds):
    official = ds.observations[(ds.observations["vintage"] != REPORT) & (ds.observations["region"] == "guangzhou")]
    pre_census = official[(official["indicator"] == "gdp") & (official["year"] < 2019)]
    assert len(pre_census) == 15  # 2010-2018, restatements included
    assert pre_census["note"].str.contains("before the 2019").all()
    population = official[official["indicator"] == "resident_population"]
    assert sorted(population["year"]) == [2016, 2017, 2018, 2019, 2019]
    assert population["note"].str.contains("before the 7th-census").all()


def test_one_headline_per_group_by_grade_then_stated_year_then_digits(ds):
    obs = ds.observations.assign(
        rank=ds.observations["confidence"].map(GRADE_RANK),
        inferred=ds.observations["year_inferred"].astype(int),
        digits=-ds.observations["decimals"],
    )
    for key, group in obs.groupby(["indicator", "region", "period"]):
        assert group["headline"].sum() == 1, key
        best = tuple(group.loc[group["headline"], ["rank", "inferred", "digits"]].iloc[0])
        others = group.loc[~group["headline"], ["rank", "inferred", "digits"]].itertuples(index=False, name=None)
        assert all(best <= tuple(o) for o in others), key


@pytest.mark.parametrize(
    "indicator,period,value,confidence",
    [
        ("gdp", "2019", 23000, "report"),  # the report, not the official 23628.6
        ("gdp", "2018", 22859, "medium"),  # 2285.9 billion: medium before the low-grade 22859.35
        ("gdp", "2016", 19610.94, "medium"),  # first release before the low-grade yearbook level
        ("gdp_per_capita", "2018", 155500, "medium"),  # rounded to hundreds before the one rounded to thousands
        ("retail_sales", "2018", 9256, "medium"),  # 925.6 billion before the preliminary 924
        ("trade_total", "2018", 9810.2, "medium"),  # 981.02 billion before the preliminary 982.9
        ("budget_revenue", "2018", 1632.3, "medium"),  # same grade and digits: the one worded as budget revenue
        ("disposable_income_rural", "2019", 28868, "report"),
        ("high_tech_enterprises", "2019", 12000, "report"),
    ],
)
def test_headline_precedence(ds, indicator, period, value, confidence):
    obs = ds.observations
    row = obs[(obs["indicator"] == indicator) & (obs["period"] == period) & (obs["region"] == "guangzhou")]
    head = row[row["headline"]].iloc[0]
    assert head["value"] == value and head["confidence"] == confidence


def test_the_dated_2019_high_tech_count_is_the_headline(ds):
    obs = ds.observations
    head = obs[(obs["indicator"] == "high_tech_enterprises") & (obs["period"] == "2019") & obs["headline"]].iloc[0]
    assert head["source"] == "report §二（一） ¶大力实施创新驱动战略" and not head["year_inferred"]
    assert "2019年" in head["evidence"] and head["qualifier"] == "="


def test_report_2019_gdp_is_truncated_and_its_bounds_hold_the_official_figure(ds):
    from gzkit import bounds

    obs = ds.observations
    gdp = obs[(obs["indicator"] == "gdp") & (obs["period"] == "2019")].set_index("confidence")
    assert gdp.at["report", "rounding"] == "truncated" and gdp.at["report", "decimals"] == -3
    low, high = bounds.interval(gdp.at["report", "value"], "=", -3, gdp.at["report", "rounding"])
    assert (low, high) == (23000, 24000)
    assert low <= gdp.at["low", "value"] == 23628.6 <= high
    # Every other statement is read as rounded to the nearest unit.
    assert (obs["rounding"] == "truncated").sum() == 1
    assert set(obs["rounding"]) == {"nearest", "truncated"}


NEW_INDICATORS = {
    "resident_population": "10k_persons",
    "income_ratio_urban_rural": "ratio",
    "retail_sales": "100m_yuan",
    "exports": "100m_yuan",
    "budget_revenue": "100m_yuan",
    "fiscal_revenue_regional": "100m_yuan",
    "library_visits": "10k_person_times",
    "library_loans": "10k_loans",
    "pm25": "ug_per_m3",
    "good_air_days": "days",
}


def test_indicators_of_the_official_series(ds):
    ind = ds.indicators.set_index("id")
    for indicator, unit in NEW_INDICATORS.items():
        assert ind.at[indicator, "unit"] == unit, indicator
        assert ind.at[indicator, "name_en"] and re.search(r"[\u4e00-\u9fff]", ind.at[indicator, "name_zh"]), indicator
        assert ind.at[indicator, "description"], indicator
    assert ind.at["income_ratio_urban_rural", "polarity"] == "lower_better"
    assert ind.at["pm25", "polarity"] == "lower_better"
    ratio = ds.observations[ds.observations["indicator"] == "income_ratio_urban_rural"].set_index("period")["value"]
    assert ratio.to_dict() == {"2015": 2.42, "2016": 2.38}
    # The yearbook's rural incomes put the published ratios within their rounding: 2.42 x 19323.10 ≈ 46762.
    rural = ds.observations[
        (ds.observations["indicator"] == "disposable_income_rural") & (ds.observations["region"] == "guangzhou")
    ].set_index("period")["value"]
    assert 2.415 * rural["2015"] < 2.425 * rural["2015"] and round(2.42 * rural["2015"]) == 46762


def test_observation_counts_per_domain(ds):
    obs = ds.observations.merge(ds.indicators[["id", "domain"]], left_on="indicator", right_on="id")
    assert obs.groupby("domain").size().to_dict() == EXPECTED_PER_DOMAIN
    assert sum(EXPECTED_PER_DOMAIN.values()) == len(ds.observations) == 250


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
        (2017, 8700.0, ">", True),  # official: 总数超过8700家
        (2018, 10000.0, ">", True),  # official: 'has exceeded 10,000'
        (2019, 12000.0, ">", False),
        (2019, 12000.0, "=", True),
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


def test_vintages_hold_no_semicolon(ds):
    # Notes join their parts with "; ", and a vintage quoted in a note must stay one part.
    assert not ds.observations["vintage"].str.contains(";").any()
