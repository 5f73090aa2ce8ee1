"""Claims the report writes in Chinese words: every row read back by the numeral parser.

The verbatim checks need the report's text, which a clone of the project does not
carry: they look for it beside the project (``../shared/seed``) or in a folder
above, or where ``GZKIT_REPORT_TEXT`` points, and skip when it is absent.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import gzkit
from gzkit import numerals

ROOT = Path(__file__).resolve().parents[1]
REPORT_NAME = "000_bcb6b1d2eba94ee5.txt"
REPORT = "report 2020-08"

DS = gzkit.load()
OBS = DS.observations
WORDS = OBS[OBS["evidence_words"] != ""].merge(
    DS.indicators[["id", "unit"]].rename(columns={"id": "indicator"}), on="indicator"
)
UNITS = DS.units.set_index("id")
ROW_IDS = [f"{r.indicator}-{r.period}" for r in WORDS.itertuples()]


def _report_text() -> str | None:
    env = os.environ.get("GZKIT_REPORT_TEXT")
    candidates = [Path(env)] if env else []
    candidates += [p / "shared" / "seed" / REPORT_NAME for p in ROOT.parents]
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None


def _money_multiplier(unit: str) -> float | None:
    return float(UNITS.loc[unit, "multiplier"]) if UNITS.loc[unit, "base"] == "yuan" else None


def _claims(row):
    """The quantities of the row's words that state its value and qualifier."""
    mult = _money_multiplier(row.unit)
    return [
        q
        for q in numerals.find_quantities(row.evidence_words)
        if q.qualifier == row.qualifier
        and q.value == pytest.approx(row.value * mult if (q.kind == "money" and mult) else row.value)
    ]


def test_at_least_15_claims_without_an_arabic_digit():
    no_digit = WORDS[~WORDS["evidence_words"].str.contains(r"\d")]
    assert len(WORDS) == 25
    assert len(no_digit) == 23


@pytest.mark.parametrize("row", list(WORDS.itertuples()), ids=ROW_IDS)
def test_the_words_state_the_value_and_qualifier(row):
    mult = _money_multiplier(row.unit)
    assert numerals.states(row.evidence_words, row.value, row.qualifier, money_multiplier=mult), (
        row.evidence_words,
        row.value,
        row.qualifier,
    )
    # The check can fail: the same words do not state a different value.
    assert not numerals.states(row.evidence_words, row.value + 7, row.qualifier, money_multiplier=mult)


UNIT_OF_KIND = {"rank": {"rank"}, "share": {"percent"}, "count": {"count", "year_count"}, "number": {"days"}}


@pytest.mark.parametrize("row", list(WORDS.itertuples()), ids=ROW_IDS)
def test_the_unit_follows_the_kind_of_claim(row):
    kinds = {q.kind for q in _claims(row)}
    assert kinds, row.evidence_words
    for kind in kinds:
        if kind == "money":
            assert UNITS.loc[row.unit, "base"] == "yuan"
        else:
            assert row.unit in UNIT_OF_KIND[kind], (row.indicator, kind, row.unit)


@pytest.mark.parametrize("row", list(WORDS.itertuples()), ids=ROW_IDS)
def test_word_rows_follow_the_house_rules(row):
    assert row.evidence == ""
    assert (row.vintage, row.confidence) == (REPORT, "report")
    assert row.source.startswith("report §")
    assert "\n" not in row.evidence_words
    if row.year_inferred:
        assert "year not stated" in row.note
    if row.unit == "percent" and any(q.kind == "share" for q in _claims(row)):
        assert row.decimals == -1  # 七成, 四分之一: one-digit statements (docs/data.md)


def test_word_snippets_are_verbatim_and_unique_in_the_report():
    text = _report_text()
    if text is None:
        pytest.skip("the report text is not available beside the project")
    for row in WORDS.itertuples():
        assert text.count(row.evidence_words) == 1, row.evidence_words


def test_the_section_holds_the_words():
    text = _report_text()
    if text is None:
        pytest.skip("the report text is not available beside the project")
    for row in WORDS.itertuples():
        para = re.search(r"¶(\S+)", row.source)
        if para:  # the paragraph that opens with these words holds the snippet
            line = next(line for line in text.splitlines() if para.group(1) in line[:40])
            assert row.evidence_words in line, (row.source, row.evidence_words)


# Real values read off the report: (indicator, period, value, qualifier, decimals).
READINGS = [
    ("services_output_rank_china", "2019", 3, "=", 0),  # 服务业总量规模位居全国第三
    ("express_delivery_volume_rank_china", "2019", 1, "=", 0),  # 高居全国第一
    ("national_incubators_rank_china", "2019", 1, "=", 0),  # 位居全国第一
    ("port_cargo_throughput_rank_world", "2019", 5, "<=", 0),  # 稳居世界前五位
    ("port_container_throughput_rank_world", "2019", 5, "<=", 0),
    ("imports_rank_china", "2019", 1, "=", 0),  # 位列全国主要外贸城市第一
    ("expressway_length_rank_guangdong", "2019", 1, "=", 0),  # 居全省首位
    ("metro_capacity_utilisation_rank_world", "2019", 1, "=", 0),  # 地铁运能利用度达到全球第一
    ("civilised_city_assessment_rank", "2019", 6, "=", 0),  # 排名第六
    ("cultural_entertainment_spending_rank_china", "2018", 1, "=", 0),  # 居全国第一
    ("urban_hdi_rank_china", "2019", 1, "=", 0),  # 城市人类发展指数…全国第一
    ("rail_passenger_hub_rank_china", "2019", 4, "<=", 0),  # 四大客运中心之一
    ("gdp_share_of_guangdong", "2019", 25, "=", -1),  # 占广东省的四分之一
    ("tertiary_growth_contribution_rate", "2015", 70, ">", -1),  # 首超七成
    ("cross_border_ecommerce_trade_growth_contribution", "2019", 70, ">", -1),  # 超过七成
    ("game_industry_revenue_share_of_china", "2019", 30, ">", -1),  # 三成以上
    ("pm25_grade2_consecutive_years", "2019", 3, "=", 0),  # 连续三年
    ("animation_series_in_national_top10_brands", "2019", 4, "=", 0),  # 四大动漫系列
    ("trade_total", "2019", 10000, ">=", -4),  # 首次跨进万亿元级
    ("poverty_relief_districts_targeted", "2011", 3, "=", 0),  # 花都、从化、增城三区
    ("public_toilet_programme_years_planned", "2019", 3, "=", 0),  # 三年计划
    ("public_toilet_programme_years_taken", "2019", 2, "=", 0),  # 两年完成
    ("electricity_access_indicators_world_leading", "2019", 3, "=", 0),  # 获得电力三个指标国际领先
    ("business_startup_fastest_days", "2019", 0.5, "=", 1),  # 最快半天办结
    ("airport_passenger_throughput_rank", "2019", 3, "=", 0),  # 居国内第三, beside 全国第3
]


def test_every_word_row_has_a_reading_here():
    assert sorted((r.indicator, r.period) for r in WORDS.itertuples()) == sorted((r[0], r[1]) for r in READINGS)


@pytest.mark.parametrize("indicator,period,value,qualifier,decimals", READINGS, ids=[r[0] for r in READINGS])
def test_readings(indicator, period, value, qualifier, decimals):
    row = WORDS[(WORDS["indicator"] == indicator) & (WORDS["period"] == period)]
    assert len(row) == 1
    row = row.iloc[0]
    assert (row["value"], row["qualifier"], row["decimals"]) == (pytest.approx(value), qualifier, decimals)


def test_a_statement_in_words_follows_the_headline_rule_like_digits():
    # Same grade; §一 states the year (2019年旅客吞吐量…居国内第三), §二（二） does not (全国第3): §一 is headline.
    airport = OBS[(OBS["indicator"] == "airport_passenger_throughput_rank") & (OBS["period"] == "2019")]
    assert len(airport) == 2
    headline = airport[airport["headline"]].iloc[0]
    assert (headline["evidence_words"], bool(headline["year_inferred"])) == ("居国内第三", False)
    assert set(airport["value"]) == {3.0}


def test_world_and_national_ranks_are_separate_indicators():
    china = OBS[OBS["indicator"] == "port_cargo_throughput_rank"]["value"].tolist()
    world = OBS[OBS["indicator"] == "port_cargo_throughput_rank_world"]
    assert china == [4.0]
    assert world["qualifier"].tolist() == ["<="] and world["value"].tolist() == [5.0]


def test_first_time_over_a_trillion_agrees_with_the_official_2018_trade():
    trade = OBS[(OBS["indicator"] == "trade_total") & (OBS["region"] == "guangzhou")]
    words = trade[trade["evidence_words"] != ""]
    assert words[["period", "value", "qualifier"]].values.tolist() == [["2019", 10000.0, ">="]]
    # "For the first time" in 2019: every official 2018 statement is below the trillion.
    assert (trade.loc[trade["period"] == "2018", "value"] < 10000).all() and len(trade[trade["period"] == "2018"]) >= 1


def test_no_note_still_says_a_word_claim_is_missing():
    notes = OBS["note"]
    assert not notes.str.contains("not captured|no digits|not stored as it has no digit", regex=True).any()


#: Quantities in words the report states that are deliberately not rows, and why (docs/data.md).
NOT_CLAIMS = {
    "打造全国第一的世界级城市花园": "an aspiration (打造: to build into), not a ranking",
    "成为超千亿元产业": "restates cultural_industry_value_added (1369.69亿元) in the same paragraph",
}


def test_every_rank_share_and_amount_in_words_is_a_row_or_set_aside():
    text = _report_text()
    if text is None:
        pytest.skip("the report text is not available beside the project")
    snippets = [s for s in list(OBS["evidence"]) + list(OBS["evidence_words"]) if s]
    body = [line for line in text.splitlines()[50:] if not line.strip().startswith("图")]
    missing = []
    for line in body:
        held = [s for s in snippets if s in line] + [s for s in NOT_CLAIMS if s in line]
        for q in numerals.find_quantities(line):
            if q.kind != "count" and not any(q.text in s for s in held):
                missing.append((q.text, line[:30]))
    assert missing == []
    for phrase in NOT_CLAIMS:
        assert phrase in text
