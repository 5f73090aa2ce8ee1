"""Search and completion that understand words: whole English words, Chinese substrings, bilingual keywords."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gzkit import core
from gzkit import search as finder
from gzkit.data import bundled_path


def _ids(ds, query, **kwargs):
    return core.indicators(ds, search=query, **kwargs)["indicator"].tolist()


def test_air_finds_air_quality_not_airports_or_stairwells(ds, invoke):
    result = invoke("list", "--search", "air", "-f", "csv")
    assert result.exit_code == 0, result.output
    got = pd.read_csv(io.StringIO(result.stdout))
    assert set(got["indicator"]) == {"pm25_grade2_consecutive_years", "pm25", "good_air_days"}  # air quality
    assert not got["indicator"].str.contains("airport|stairwell").any()
    # Substrings would have found them: the words are there.
    airports = ds.indicators[ds.indicators["id"].str.contains("air")]["id"]
    assert {"airport_passenger_throughput", "residential_compounds_stairwell_bins_removed_share"} <= set(airports)


def test_hospital_in_chinese_finds_hospital_beds(ds, invoke):
    result = invoke("list", "--search", "医院", "-f", "csv")
    got = pd.read_csv(io.StringIO(result.stdout))
    assert "hospital_beds" in set(got["indicator"])
    assert got.set_index("indicator").loc["hospital_beds", "match"] == "keywords"
    pd.testing.assert_frame_equal(got, pd.read_csv(io.StringIO(core.indicators(ds, search="医院").to_csv(index=False))))


def test_income_in_chinese_finds_the_income_indicators(ds):
    ids = set(_ids(ds, "收入"))
    assert {
        "disposable_income_urban",
        "disposable_income_rural",
        "disposable_income",
        "poor_household_net_income_per_capita",
        "poor_village_collective_income",
        "agri_parks_household_income_gain",
    } <= ids
    assert set(_ids(ds, "income")) >= {"disposable_income_urban", "disposable_income_rural", "disposable_income"}


def test_id_and_name_matches_come_before_keywords_then_descriptions(ds):
    df = core.indicators(ds, search="tertiary")
    order = df["match"].map({"id_or_name": 0, "keywords": 1, "description": 2}).tolist()
    assert order == sorted(order)
    assert df["indicator"].iloc[0] == "tertiary_growth_contribution_rate"  # in its id
    assert df.set_index("indicator").loc["services_output_rank_china", "match"] == "keywords"


def test_plurals_prefixes_and_several_words(ds):
    assert "hospital_beds" in _ids(ds, "hospitals")
    assert _ids(ds, "hospital beds") == ["hospital_beds"]
    assert set(_ids(ds, "hosp*")) == {"hospital_beds", "medical_institutions"}
    fallback = core.indicators(ds, search="hosp")
    assert fallback.attrs["prefix_terms"] == ["hosp"] and "hospital_beds" in set(fallback["indicator"])
    assert core.indicators(ds, search="hosp*").attrs["prefix_terms"] == []  # asked for, so nothing to say


def test_a_query_nobody_matches_entirely_shows_the_closest(ds, invoke):
    df = core.indicators(ds, search="crime bitcoin")
    assert df.attrs["partial"]
    assert set(df["indicator"]) == {"police_case_reports_growth", "criminal_cases_filed_growth"}
    result = invoke("list", "--search", "crime bitcoin", "-f", "csv")
    assert result.exit_code == 0
    assert "No indicator matches every word of 'crime bitcoin'" in result.stderr


def test_a_topic_the_report_lacks_says_so(invoke):
    result = invoke("list", "--search", "bitcoin")
    assert result.exit_code == 1
    assert pd.read_csv(io.StringIO(result.stdout)).empty  # an empty document, still valid CSV
    assert invoke("list", "--search", "bitcoin", "-f", "json").stdout == "[]\n"
    assert result.stderr.startswith("Error: The report states nothing on 'bitcoin'")
    assert len(result.stderr.splitlines()) == 1
    assert "gzkit list DOMAIN" in result.stderr
    zh = invoke("--lang", "zh", "list", "--search", "比特币")
    assert zh.exit_code == 1
    assert zh.stderr.startswith("错误： 报告没有关于“比特币”的数据")
    assert "经济发展（economy）" in zh.stderr


def test_a_misspelling_points_to_the_nearest_domain(ds, invoke):
    assert finder.nearest_domains(ds.domains, ds.indicators, "hospitl") == ["public_services"]
    result = invoke("list", "--search", "hospitl")
    assert result.exit_code == 1
    assert "Nearest domains: public_services (Public services)" in result.stderr


def test_within_a_domain_it_says_where_else_the_words_are(invoke):
    result = invoke("list", "economy", "--search", "hospital")
    assert result.exit_code == 1
    assert "No indicator in economy matches 'hospital'; 2 in other domains do" in result.stderr


def test_brackets_in_a_query_are_printed_as_typed(invoke):
    result = invoke("list", "--search", "[bold]zzz[/bold]")
    assert result.exit_code == 1
    assert "'[bold]zzz[/bold]'" in result.stderr


def test_every_indicator_has_bilingual_keywords(ds):
    for row in ds.indicators.itertuples():
        words = row.keywords.split(";")
        assert all(w.strip() == w and w for w in words), row.id
        assert len(words) == len(set(words)), row.id
        assert any(re.search(r"[\u4e00-\u9fff]", w) for w in words), row.id
        assert any(re.fullmatch(r"[A-Za-z0-9 .&'+-]+", w) for w in words), row.id


def test_keywords_are_declared_in_the_package():
    meta = json.loads((bundled_path() / "datapackage.json").read_text(encoding="utf-8"))
    (indicators,) = [r for r in meta["resources"] if r["name"] == "indicators"]
    assert "keywords" in [f["name"] for f in indicators["schema"]["fields"]]


def test_completion_takes_a_chinese_prefix():
    from gzkit.cli.completion import complete_domain, complete_target

    assert complete_target(None, "经") == [("economy", "经济发展")]
    assert [c for c, _ in complete_domain(None, "经济")] == ["economy"]
    medical = [c for c, _ in complete_target(None, "医疗")]
    assert "medical_institutions" in medical and "public_services" in medical
    assert [c for c, _ in complete_target(None, "eco")] == ["economy", "ecology"]


def test_completion_of_a_chinese_prefix_through_the_shell_protocol():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("_GZKIT", "COMP_", "GZKIT_"))}
    env.update(_GZKIT_COMPLETE="complete_bash", COMP_WORDS="gzkit show 经", COMP_CWORD="2", PYTHONIOENCODING="utf-8")
    probe = "import sys; sys.argv=['gzkit']; from gzkit.cli import main; main()"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert proc.stdout.split() == ["economy"]
    assert "pandas" not in proc.stderr


@pytest.mark.parametrize("query", ["", "   ", "*"])
def test_a_blank_query_is_a_usage_error_and_filters_nothing_in_the_library(ds, invoke, query):
    assert finder.search(ds.indicators, query).empty
    assert len(core.indicators(ds, search=query)) == len(ds.indicators)
    result = invoke("list", "--search", query)
    assert result.exit_code == 2
    assert "--search needs a word to look for." in result.stderr


def test_a_package_without_keywords_is_searched_in_ids_names_and_descriptions(ds):
    bare = ds.indicators.assign(keywords="")
    assert finder.search(bare, "hospital")["id"].tolist() == ["hospital_beds"]
    assert finder.search(bare, "医院").empty  # only the keywords say 医院
    assert set(finder.search(bare, "收入")["id"]) >= {"disposable_income_urban", "disposable_income_rural"}


def _vocabulary(ds):
    """(indicator id, word) for every Latin word and every Chinese keyword of every indicator."""
    pairs = []
    for row in ds.indicators.itertuples():
        text = " ".join([row.id.replace("_", " "), row.name_en, row.keywords, row.description or ""]).lower()
        pairs += [(row.id, w) for w in set(re.findall(r"[a-z][a-z0-9]+", text))]
        pairs += [(row.id, k) for k in row.keywords.split(";") if re.search(r"[\u4e00-\u9fff]", k)]
    return sorted(set(pairs))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_word_of_an_indicator_finds_it(ds, data):
    indicator, word = data.draw(st.sampled_from(_vocabulary(ds)))
    found = finder.search(ds.indicators, word)
    assert indicator in set(found["id"]), (indicator, word)
    # Never inside a Latin word: each indicator found has a word that starts like this one (cities for city).
    # Chinese has no spaces between words, so a Chinese term is found anywhere (PM2.5年均浓度 for 年均).
    start = word[:3] if word.isascii() else word
    for row in found.itertuples():
        fields = [row.id.replace("_", " "), row.name_en, row.name_zh, row.keywords, row.description, row.description_zh]
        text = " ".join(fields).lower()
        inside = start in text if not word.isascii() else re.search(rf"(?<![a-z0-9]){re.escape(start)}", text)
        assert inside, (row.id, word)


def test_a_unit_power_is_not_part_of_the_word(ds):
    # The description says "in km²": km finds it, and so does km² typed as the reader sees it.
    assert "urban_renewal_land_revitalized" in set(finder.search(ds.indicators, "km")["id"])
    assert "urban_renewal_land_revitalized" in set(finder.search(ds.indicators, "km²")["id"])


def test_short_words_are_not_read_as_plurals(ds):
    # "as" is not the plural of "a": it must not find every indicator whose description says "a".
    assert "districts_minor_protection_agencies" not in set(finder.search(ds.indicators, "as")["id"])


def test_completion_does_not_mix_ids_and_name_matches():
    from gzkit.cli.completion import complete_target

    # "med" starts ids (medical_*): hospital_beds, whose English name starts with "Medical", is not offered.
    offered = [c for c, _ in complete_target(None, "med")]
    assert offered and all(c.startswith("medical_") for c in offered)
    assert [c for c, _ in complete_target(None, "Medical b")] == ["hospital_beds"]
    assert [c for c, _ in complete_target(None, "GDP_per")] == ["gdp_per_capita"]
