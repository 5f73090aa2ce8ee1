"""Every indicator described in Chinese too: the bundled descriptions, the optional column, and where readers see it."""

from __future__ import annotations

import csv
import io
import re
import shutil
import sqlite3

import pandas as pd
import pytest

from gzkit import core
from gzkit.data import bundled_path, contract, load

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _indicator_fields() -> list[dict[str, object]]:
    schema = next(r["schema"] for r in contract()["resources"] if r["name"] == "indicators")
    fields: list[dict[str, object]] = schema["fields"]
    return fields


@pytest.fixture
def without_chinese(tmp_path):
    """A copy of the bundled package whose indicators.csv has no description_zh column, as older packages."""
    root = tmp_path / "older"
    shutil.copytree(bundled_path(), root)
    with open(root / "indicators.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    kept = [name for name in rows[0] if name != "description_zh"]
    with open(root / "indicators.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, kept, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return root


def test_the_schema_declares_description_zh_as_optional_text_after_description():
    fields = _indicator_fields()
    names = [f["name"] for f in fields]
    assert names.index("description_zh") == names.index("description") + 1
    declared = fields[names.index("description_zh")]
    assert declared["type"] == "string" and declared["optional"] is True and declared["description"]
    # Only the columns added after packages were written are optional: every other one must be in a header.
    assert [f["name"] for f in fields if f.get("optional")] == ["scale", "description_zh"]


def test_every_bundled_indicator_has_a_chinese_description(ds):
    zh = ds.indicators.set_index("id")["description_zh"]
    assert len(zh) == 207
    blank = zh[zh.str.strip() == ""]
    assert blank.empty, list(blank.index)
    assert zh.map(lambda text: bool(_CJK.search(text))).all()


def test_chinese_descriptions_use_full_width_punctuation(ds):
    for row in ds.indicators.itertuples():
        assert not re.search(r"[,;:()]", row.description_zh), (row.id, row.description_zh)
        assert row.description_zh.endswith("。"), row.id


def test_a_chinese_description_adds_no_number_the_english_does_not_state(ds):
    for row in ds.indicators.itertuples():
        english = set(re.findall(r"\d+", row.description.replace(",", "")))
        chinese = set(re.findall(r"\d+", row.description_zh))
        assert chinese <= english, (row.id, chinese - english)


def test_chinese_descriptions_read_off_their_english(ds):
    zh = ds.indicators.set_index("id")["description_zh"]
    # The unit as the report writes it, and the English caveat kept.
    assert zh["gdp"] == "按当年价格计算的全年地区生产总值，单位：亿元。"
    assert zh["gdp_growth_avg_lead_over_china"].endswith("单位：个百分点。")
    assert "报告未说明基期和价格口径" in zh["gdp_multiple_since_reform"]
    assert "不是第三产业占GDP的比重" in zh["tertiary_growth_contribution_rate"]
    assert "GB 3095-2012" in zh["pm25"] and "35" in zh["pm25"]
    assert "“下降”以负值记录" in zh["criminal_cases_filed_growth"]


def test_the_csv_keeps_every_other_column_as_written():
    with open(bundled_path() / "indicators.csv", encoding="utf-8", newline="") as fh:
        raw = fh.read()
    rows = list(csv.reader(io.StringIO(raw)))
    assert rows[0][7:10] == ["description", "description_zh", "keywords"]
    assert all(len(r) == len(rows[0]) for r in rows)
    # Written by the csv module: quoting only where a value needs it, as the rest of the file.
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    assert out.getvalue() == raw


def test_show_captions_the_table_with_the_chinese_description(ds, invoke):
    info = core.indicator_info(ds, "gdp")
    wide = {"COLUMNS": "200"}
    zh = invoke("--lang", "zh", "show", "gdp", "-f", "table", env=wide)
    assert zh.exit_code == 0, zh.stderr
    assert info["description_zh"] in zh.stdout
    assert info["description"] not in zh.stdout
    en = invoke("show", "gdp", "-f", "table", env=wide)
    assert info["description"] in en.stdout and info["description_zh"] not in en.stdout


def test_search_finds_a_word_only_the_chinese_description_holds(ds, invoke):
    # 对角线 (diagonal): in the Chinese description of the display prototype's size, nowhere else.
    row = ds.indicators.set_index("id").loc["rollable_display_prototype_size"]
    assert "对角线" in row["description_zh"]
    assert not any("对角线" in row[c] for c in ("name_en", "name_zh", "keywords", "description"))
    library = core.indicators(ds, search="对角线")
    assert library["indicator"].tolist() == ["rollable_display_prototype_size"]
    assert library["match"].tolist() == ["description"]
    result = invoke("list", "--search", "对角线", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    cli = pd.read_csv(io.StringIO(result.stdout))
    assert cli["indicator"].tolist() == library["indicator"].tolist()
    assert cli["match"].tolist() == library["match"].tolist()


def test_the_chinese_description_ranks_with_the_english_one(ds):
    # 决算 (outturn) is only in a Chinese description; the names rank first, as before.
    got = core.indicators(ds, search="决算")
    assert got["indicator"].tolist() == ["education_budget_spending", "education_budget_plan"]
    assert set(got["match"]) == {"description"}


def test_a_package_without_the_column_loads_with_it_empty(without_chinese, ds):
    older = load(without_chinese)
    assert list(older.indicators.columns) == list(ds.indicators.columns)
    assert (older.indicators["description_zh"] == "").all()
    pd.testing.assert_frame_equal(
        older.indicators.drop(columns="description_zh"), ds.indicators.drop(columns="description_zh")
    )
    pd.testing.assert_frame_equal(older.observations, ds.observations)


def test_show_and_search_work_on_a_package_without_chinese_descriptions(without_chinese, invoke):
    older = load(without_chinese)
    info = core.indicator_info(older, "gdp")
    shown = invoke("--data", without_chinese, "--lang", "zh", "show", "gdp", "-f", "table", env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.stderr
    assert info["description"] in shown.stdout  # the English description stands in
    # 对角线 was only in the Chinese description: the older package has no such word.
    assert core.indicators(older, search="对角线").empty
    missing = invoke("--data", without_chinese, "list", "--search", "对角线")
    assert missing.exit_code == 1
    found = invoke("--data", without_chinese, "list", "--search", "diagonal", "-f", "csv")
    assert found.exit_code == 0, found.stderr
    listed = pd.read_csv(io.StringIO(found.stdout))["indicator"].tolist()
    assert listed == core.indicators(older, search="diagonal")["indicator"].tolist()
    assert listed == ["rollable_display_prototype_size"]


def test_an_empty_chinese_description_falls_back_to_the_english(tmp_path, invoke):
    root = tmp_path / "partial"
    shutil.copytree(bundled_path(), root)
    frame = pd.read_csv(root / "indicators.csv", dtype=str, keep_default_na=False)
    frame.loc[frame["id"] == "gdp", "description_zh"] = ""
    frame.to_csv(root / "indicators.csv", index=False, lineterminator="\n")
    english = core.indicator_info(load(root), "gdp")["description"]
    shown = invoke("--data", root, "--lang", "zh", "show", "gdp", "-f", "table", env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.stderr
    assert english in shown.stdout


def test_the_sqlite_export_carries_the_chinese_descriptions(ds, tmp_path):
    from gzkit import export_sqlite

    path = tmp_path / "gz.sqlite"
    export_sqlite.write(ds, path)
    with sqlite3.connect(path) as con:
        stored = dict(con.execute("SELECT id, description_zh FROM indicators").fetchall())
    assert stored == ds.indicators.set_index("id")["description_zh"].to_dict()


def test_the_excel_export_carries_the_chinese_descriptions(ds, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from gzkit import export_excel

    path = tmp_path / "gz.xlsx"
    export_excel.write_package(ds, path, core.export(ds))
    sheet = openpyxl.load_workbook(path, read_only=True)["indicators"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    at, key = header.index("description_zh"), header.index("id")
    assert {r[key]: r[at] for r in rows[1:]} == ds.indicators.set_index("id")["description_zh"].to_dict()


def test_the_html_report_gives_both_descriptions(ds):
    from gzkit import htmlreport

    page = htmlreport.build(ds, "zh", indicators=["gdp"]).html
    gdp = ds.indicators.set_index("id").loc["gdp"]
    assert f'title="{gdp["description"]} · {gdp["description_zh"]}"' in page


def test_held_leaves_out_only_the_optional_columns_a_header_lacks():
    from gzkit import optional_columns

    schema = next(r["schema"] for r in contract()["resources"] if r["name"] == "indicators")
    everything = [f["name"] for f in schema["fields"]]
    assert optional_columns.held(schema, everything) is schema
    without = [n for n in everything if n != "description_zh"]
    assert [f["name"] for f in optional_columns.held(schema, without)["fields"]] == without
    # A required column the header lacks stays in: the header check names it as missing.
    assert "keywords" in [f["name"] for f in optional_columns.held(schema, [])["fields"]]


def test_a_missing_optional_column_is_added_empty_in_the_schemas_place():
    from gzkit import optional_columns

    schema = {
        "fields": [
            {"name": "id", "type": "string"},
            {"name": "note_zh", "type": "string", "optional": True},
            {"name": "value", "type": "number"},
        ]
    }
    frame = pd.DataFrame({"id": ["a", "b"], "value": [1.5, 2.0], "extra": ["x", "y"]})
    out = optional_columns.with_optional_columns(frame, schema)
    assert list(out.columns) == ["id", "note_zh", "value", "extra"]
    assert out["note_zh"].tolist() == ["", ""]
    assert out["value"].tolist() == [1.5, 2.0]
