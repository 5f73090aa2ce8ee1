"""Totals against levels: a region's GDP is not "better" than another's because the region is larger.

Every bundled indicator says whether its value grows with the size of the region
(``scale = total``: GDP in 亿元, population, road length) or not (``level``: per
capita, a rate, a share, a rank). ``versus`` judges no better region for a total;
over time, a total's polarity still applies.
"""

from __future__ import annotations

import csv
import io
import json
import shutil

import pandas as pd
import pytest

from gzkit import core, versus
from gzkit.data import bundled_path, contract, load
from gzkit.errors import DataError
from packages import package

TOTAL_SENTENCE = "a total grows with the region's size; compare per-capita figures"


def _indicator_fields() -> list[dict[str, object]]:
    schema = next(r["schema"] for r in contract()["resources"] if r["name"] == "indicators")
    fields: list[dict[str, object]] = schema["fields"]
    return fields


def _rewrite_indicators(root, change) -> None:
    """Rewrite ``root``'s indicators.csv: ``change(header, rows)`` returns the new header and rows."""
    with open(root / "indicators.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    header, rows = change(list(rows[0]), rows)
    with open(root / "indicators.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def without_scale(tmp_path):
    """The bundled package as written before the scale column: indicators.csv without it."""
    root = tmp_path / "older"
    shutil.copytree(bundled_path(), root)
    _rewrite_indicators(root, lambda header, rows: ([h for h in header if h != "scale"], rows))
    return root


def _with_scale(tmp_path, indicator: str, value: str):
    root = tmp_path / f"scale_{value or 'empty'}"
    shutil.copytree(bundled_path(), root)

    def change(header, rows):
        for row in rows:
            if row["id"] == indicator:
                row["scale"] = value
        return header, rows

    _rewrite_indicators(root, change)
    return root


# --------------------------------------------------------------------------- the column


def test_the_schema_declares_scale_after_polarity_as_an_optional_choice_of_two():
    fields = _indicator_fields()
    names = [f["name"] for f in fields]
    assert names.index("scale") == names.index("polarity") + 1
    declared = fields[names.index("scale")]
    assert declared["optional"] is True and declared["description"]
    assert declared["constraints"] == {"enum": ["total", "level"]}


def test_every_bundled_indicator_is_a_total_or_a_level(ds):
    scale = ds.indicators.set_index("id")["scale"]
    assert len(scale) == 207
    assert set(scale) == {"total", "level"}
    counts = scale.value_counts()
    assert counts["total"] == 106 and counts["level"] == 101


def test_the_classification_reads_units_and_meanings(ds):
    ind = ds.indicators.set_index("id")
    scale = ind["scale"]
    # Amounts for a whole region in 亿元 all sum over the region; percentages, ranks and scores never do.
    assert set(scale[ind["unit"] == "100m_yuan"]) == {"total"}
    for unit in ("percent", "percentage_points", "rank", "score", "ratio", "years", "sq_m_per_capita"):
        assert set(scale[ind["unit"] == unit]) == {"level"}, unit
    # Yuan per person is a level; the same unit does not make 10,000 persons a total when it is per library.
    assert scale["gdp"] == "total" and scale["gdp_per_capita"] == "level"
    assert scale["resident_population"] == "total" and scale["persons_per_public_library"] == "level"
    assert scale["road_length"] == "total" and scale["life_expectancy"] == "level"
    assert scale["hospital_beds"] == "total" and scale["good_air_days"] == "level"
    # Counts that do not add up over a region: articles of one policy, a per-district figure, a list's size.
    assert scale["private_economy_support_measures"] == "level"
    assert scale["municipal_education_groups_per_outer_district"] == "level"
    assert scale["ndrc_resource_allocation_typical_cases"] == "level"
    assert scale["agri_parks_household_income_gain"] == "level"


def test_adding_the_column_left_every_other_column_as_it_was(ds):
    with open(bundled_path() / "indicators.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][5:8] == ["polarity", "scale", "description"]
    by_id = ds.indicators.set_index("id")
    for row in rows[1:]:
        assert by_id.loc[row[0], "unit"] == row[4] and by_id.loc[row[0], "description"] == row[7]


def test_a_package_without_the_column_loads_with_scale_empty(without_scale):
    older = load(without_scale)
    assert list(older.indicators.columns).index("scale") == list(older.indicators.columns).index("polarity") + 1
    assert (older.indicators["scale"] == "").all()
    assert len(older.indicators) == 207


def test_the_loader_refuses_another_scale(tmp_path):
    root = _with_scale(tmp_path, "gdp", "big")
    with pytest.raises(DataError) as raised:
        load(root)
    message = str(raised.value)
    assert "'big' is not one of total, level" in message
    assert "indicators.csv" in message and "scale" in message
    assert raised.value.row == 2


def test_the_cli_refuses_another_scale_in_one_line(tmp_path, invoke):
    root = _with_scale(tmp_path, "gdp_per_capita", "big")
    result = invoke("--data", root, "versus", "china")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "'big' is not one of total, level" in result.stderr
    assert "row 3" in result.stderr and "scale" in result.stderr


# --------------------------------------------------------------------------- versus


def test_versus_judges_no_better_region_for_gdp_but_keeps_ratio_and_difference(ds):
    df = versus.versus(ds, "china", year=2019).set_index("indicator")
    gdp = df.loc["gdp"]
    assert gdp["value_a"] == 23000 and gdp["value_b"] == 990865
    assert gdp["ratio"] == pytest.approx(0.023212, abs=5e-7)
    assert gdp["ratio"] == pytest.approx(23000 / 990865, rel=1e-4)
    assert gdp["difference"] == 23000 - 990865
    assert gdp["better"] == versus.NOT_COMPARABLE == "not comparable"
    assert TOTAL_SENTENCE in gdp["note"]
    # The release caveat the row had before stays beside the new note.
    assert "from different releases" in gdp["note"]


def test_versus_still_names_the_better_region_for_levels(ds):
    df = versus.versus(ds, "china", year=2019).set_index("indicator")
    per_capita = df.loc["gdp_per_capita"]
    assert per_capita["value_a"] == 150000 and per_capita["qualifier_a"] == ">" and per_capita["value_b"] == 70892
    assert per_capita["better"] == "guangzhou"
    assert TOTAL_SENTENCE not in per_capita["note"]
    assert df.loc["life_expectancy", "better"] == "guangzhou"
    # Lower is better: Guangzhou's 65052 / 28868 = 2.2534 against China's 2.6440.
    assert df.loc["income_ratio_urban_rural", "better"] == "guangzhou"
    assert df.loc["income_ratio_urban_rural", "value_a"] == pytest.approx(65052 / 28868)
    assert (df["better"] == versus.NOT_COMPARABLE).sum() == 1


def test_a_package_without_the_column_gives_the_old_answer(without_scale):
    df = versus.versus(load(without_scale), "china", year=2019).set_index("indicator")
    assert df.loc["gdp", "better"] == "china"
    assert df.loc["gdp", "ratio"] == pytest.approx(23000 / 990865, rel=1e-4)
    assert TOTAL_SENTENCE not in df.loc["gdp", "note"]
    assert df.loc["gdp_per_capita", "better"] == "guangzhou"


def test_an_empty_scale_is_unknown_and_judged_by_polarity(tmp_path):
    df = versus.versus(load(_with_scale(tmp_path, "gdp", "")), "china", year=2019).set_index("indicator")
    assert df.loc["gdp", "better"] == "china"


def test_a_level_marked_total_is_not_judged(tmp_path):
    # The rule follows the column, not the indicator's id: gdp_per_capita marked total is not judged either.
    df = versus.versus(load(_with_scale(tmp_path, "gdp_per_capita", "total")), "china", year=2019)
    row = df.set_index("indicator").loc["gdp_per_capita"]
    assert row["better"] == "not comparable" and row["ratio"] == pytest.approx(150000 / 70892)


def test_a_neutral_total_is_not_comparable_either(tmp_path):
    # China's year-end 2019 population, 140005万人 (NBS 2019 communique), beside Guangzhou's 1530.59万人.
    china = {"indicator": "resident_population", "region": "china", "period": "2019", "value": "140005"}
    df = versus.versus(load(package(tmp_path, [china])), "china", year=2019).set_index("indicator")
    row = df.loc["resident_population"]
    assert row["value_a"] == 1530.59 and row["value_b"] == 140005
    assert row["ratio"] == pytest.approx(1530.59 / 140005, rel=1e-4)
    assert row["better"] == "not comparable" and TOTAL_SENTENCE in row["note"]


def test_over_time_a_total_keeps_its_polarity(ds):
    df = core.compare(ds, 2015, 2019).set_index("indicator")
    assert df.loc["gdp", "value_a"] == pytest.approx(18100.41) and df.loc["gdp", "value_b"] == 23000
    assert df.loc["gdp", "better"] == "better"


# --------------------------------------------------------------------------- the command line


def test_versus_csv_and_json_carry_the_library_result(ds, invoke):
    expected = versus.versus(ds, "china", year=2019)
    as_csv = invoke("versus", "china", "--year", "2019", "-f", "csv")
    assert as_csv.exit_code == 0, as_csv.stderr
    got = pd.read_csv(io.StringIO(as_csv.stdout), keep_default_na=False)
    assert got["indicator"].tolist() == expected["indicator"].tolist()
    assert got["better"].tolist() == expected["better"].tolist()
    assert got["note"].tolist() == [str(n) for n in expected["note"]]
    assert got.set_index("indicator").loc["gdp", "better"] == "not comparable"
    as_json = invoke("versus", "china", "--year", "2019", "-f", "json")
    rows = {r["indicator"]: r for r in json.loads(as_json.stdout)}
    assert rows["gdp"]["better"] == "not comparable" and rows["gdp"]["ratio"] == pytest.approx(0.023212)
    assert rows["gdp"]["note"].startswith(TOTAL_SENTENCE)
    assert rows["gdp_per_capita"]["better"] == "guangzhou"


def test_versus_tables_say_why_in_english_and_chinese(invoke):
    wide = {"COLUMNS": "200"}
    en = invoke("versus", "china", "--year", "2019", "-f", "table", env=wide)
    assert en.exit_code == 0, en.stderr
    gdp = next(ln for ln in en.stdout.splitlines() if ln.startswith("gdp "))
    assert "not comparable" in gdp
    assert str(versus.TOTALS_CAPTION) in en.stdout
    zh = invoke("--lang", "zh", "versus", "china", "--year", "2019", "-f", "table", env=wide)
    assert zh.exit_code == 0, zh.stderr
    gdp = next(ln for ln in zh.stdout.splitlines() if ln.startswith("gdp "))
    assert "总量不比优劣" in gdp and "not comparable" not in zh.stdout
    assert "总量随地区规模而增大，地区较大并不意味着更好；请比较人均指标。" in zh.stdout
    per_capita = next(ln for ln in zh.stdout.splitlines() if ln.startswith("gdp_per_capita "))
    assert "广州" in per_capita


def test_versus_markdown_ends_with_the_caption_and_names_each_region(invoke):
    en = invoke("versus", "china", "--year", "2019", "-f", "markdown")
    assert en.exit_code == 0, en.stderr
    # The table, its footnotes (which side is which region), then the caption, each a paragraph.
    assert en.stdout.endswith(f"|\n\nregion_a is guangzhou\nregion_b is china\n\n{versus.TOTALS_CAPTION}\n")
    zh = invoke("--lang", "zh", "versus", "china", "--year", "2019", "-f", "markdown")
    assert zh.exit_code == 0, zh.stderr
    assert zh.stdout.endswith(
        "|\n\n地区A为广州\n地区B为全国\n\n总量不比优劣：总量随地区规模而增大，地区较大并不意味着更好；请比较人均指标。\n"
    )
    levels = invoke("versus", "china", "--year", "2019", "-d", "livelihood", "-f", "markdown")
    assert levels.stdout.endswith("|\n\nregion_a is guangzhou\nregion_b is china\n")


def test_a_table_without_totals_has_no_caption(invoke):
    # Livelihood holds incomes and their ratio, all levels: nothing to explain.
    result = invoke("versus", "china", "--year", "2019", "-d", "livelihood", "-f", "table", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "disposable_income_urban" in result.stdout
    assert "not comparable" not in result.stdout


# --------------------------------------------------------------------------- exports


def test_the_database_and_the_workbook_keep_each_indicators_scale(ds, invoke, tmp_path):
    import sqlite3

    database = tmp_path / "gzkit.sqlite"
    assert invoke("export", "-f", "sqlite", "-o", database).exit_code == 0
    with sqlite3.connect(database) as con:
        stored = dict(con.execute("SELECT id, scale FROM indicators").fetchall())
    assert stored == ds.indicators.set_index("id")["scale"].to_dict()
    assert stored["gdp"] == "total" and stored["gdp_per_capita"] == "level"
    workbook = tmp_path / "gzkit.xlsx"
    assert invoke("export", "-f", "xlsx", "-o", workbook).exit_code == 0
    sheet = pd.read_excel(workbook, sheet_name="indicators", dtype=str).set_index("id")
    assert sheet.loc["resident_population", "scale"] == "total" and sheet.loc["pm25", "scale"] == "level"
