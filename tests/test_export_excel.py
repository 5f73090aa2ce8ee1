"""gzkit export -o FILE.xlsx: an about sheet, one sheet per table, numbers at their published precision."""

from __future__ import annotations

import pytest

openpyxl = pytest.importorskip("openpyxl")
pd = pytest.importorskip("pandas")


@pytest.fixture()
def workbook(invoke, tmp_path):
    target = tmp_path / "gz.xlsx"
    result = invoke("export", "-o", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    return target


def test_sheets_and_the_about_sheet(workbook):
    wb = openpyxl.load_workbook(workbook, read_only=True)
    assert wb.sheetnames == [
        "about · 说明",
        "observations",
        "indicators",
        "domains",
        "regions",
        "units",
        "targets",
        "implied",
    ]
    about = {row[0]: row[1] for row in wb["about · 说明"].iter_rows(values_only=True)}
    assert "幸福城市 美好生活——广州高水平全面建成小康社会调研报告" in about["Primary source · 主要来源"]
    assert about["Licence · 许可"].startswith("CC-BY-4.0")
    assert "下限" in about["qualifier >"]


def test_frozen_header_widths_and_number_formats(workbook):
    wb = openpyxl.load_workbook(workbook)
    ws = wb["observations"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert ws.cell(1, 1).font.bold
    col = {name: i + 1 for i, name in enumerate(header)}
    formats = {}
    for row in ws.iter_rows(min_row=2):
        key = (row[col["indicator"] - 1].value, row[col["region"] - 1].value, row[col["period"] - 1].value)
        if row[col["headline"] - 1].value in (True, "true"):
            formats[key] = (row[col["value"] - 1].value, row[col["value"] - 1].number_format)
    # 2.3万亿 is published to the thousand (decimals -3); 6.8% to one decimal; 12303.12 to two.
    assert formats[("gdp", "guangzhou", "2019")] == (23000, "#,##0")
    assert formats[("gdp_growth_avg", "guangzhou", "2016-2019")] == (6.8, "#,##0.0")
    assert formats[("gdp", "guangzhou", "2011")] == (12303.12, "#,##0.00")
    letter = openpyxl.utils.get_column_letter(col["name_zh"])
    assert 10 <= ws.column_dimensions[letter].width <= 60


def test_the_implied_sheet_keeps_formulas(workbook):
    implied = pd.read_excel(workbook, sheet_name="implied", keep_default_na=False)
    row = implied[(implied["indicator"] == "imports") & (implied["year"] == 2018)].iloc[0]
    assert round(row["value"], 1) == 4203.9 and row["qualifier"] == "~"
    assert "4737.8 / 1.127" in row["derivation"]


def test_any_result_table_as_a_workbook(invoke, tmp_path, ds):
    from gzkit import core

    target = tmp_path / "gap.xlsx"
    assert invoke("gap", "-o", target).exit_code == 0
    got = pd.read_excel(target, sheet_name="data", keep_default_na=False)
    expected = core.gap(ds, region=core.default_region(ds))
    assert list(got.columns) == list(expected.columns)
    assert got["ratio"].round(4).tolist() == expected["ratio"].round(4).tolist()
    ratio_2019 = got[(got["region"] == "guangzhou") & (got["year"] == 2019)]["ratio"]
    assert ratio_2019.round(4).tolist() == [2.2534]  # 65052 / 28868


def test_more_rows_than_a_sheet_holds_is_one_line(invoke, tmp_path, monkeypatch, ds):
    from gzkit import export_excel

    monkeypatch.setattr(export_excel, "MAX_ROWS", 100)
    target = tmp_path / "gz.xlsx"
    result = invoke("export", "-o", target)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: an Excel sheet holds at most 99 rows and 'observations' has {len(ds.observations)}. "
        "Narrow the export, or write -o FILE.parquet or -o FILE.sqlite."
    )
    assert list(tmp_path.iterdir()) == []


def test_the_about_sheet_and_the_datasette_metadata_describe_a_table_alike(workbook, invoke, tmp_path):
    import json

    about = {row[0]: row[1] for row in openpyxl.load_workbook(workbook, read_only=True)["about · 说明"].values}
    result = invoke("export", "-o", tmp_path / "gz.sqlite", "--metadata")
    assert result.exit_code == 0, result.stderr
    tables = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))["databases"]["gz"]["tables"]
    for sheet in ("observations", "indicators", "domains", "regions", "units", "targets", "implied"):
        assert about[f"Sheet · 工作表 {sheet}"] == tables[sheet]["description"]
    assert about["Sheet · 工作表 implied"] == (
        "Values the report implies, each with its formula (vintage 'derived'); never more certain than their inputs. "
        "报告隐含的数值及其推算公式，确定性不高于其输入。"
    )
