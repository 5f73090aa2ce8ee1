"""Tables speak the loaded package: its units, its default region; options wherever people type them."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

import gzkit
from gzkit import core, output
from gzkit.data import bundled_path


@pytest.fixture(scope="module")
def other_package(tmp_path_factory):
    """The bundled package with its own unit vocabulary (RMB, 亿人民币) and China as its default region."""
    root = tmp_path_factory.mktemp("pkg")
    for f in bundled_path().iterdir():
        if f.is_file():
            shutil.copy(f, root / f.name)
    with open(root / "units.csv", encoding="utf-8", newline="") as fh:
        units = list(csv.DictReader(fh))
    units += [
        {"id": "rmb", "name_en": "RMB", "name_zh": "人民币", "base": "rmb", "multiplier": "1"},
        {
            "id": "100m_rmb",
            "name_en": "100 million RMB",
            "name_zh": "亿人民币",
            "base": "rmb",
            "multiplier": "100000000",
        },
    ]
    _write(root / "units.csv", units)
    with open(root / "indicators.csv", encoding="utf-8", newline="") as fh:
        indicators = list(csv.DictReader(fh))
    for row in indicators:
        if row["id"] == "gdp":
            row["unit"] = "100m_rmb"
        if row["id"].startswith("disposable_income_"):
            row["unit"] = "rmb"
    _write(root / "indicators.csv", indicators)
    meta = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    meta["default_region"] = "china"
    (root / "datapackage.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return root


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_tables_use_the_packages_own_units(other_package, invoke):
    ds = gzkit.load(other_package)
    df = core.gap(ds, region=None)
    text = output.table_text(df, 200)
    assert "65,052 RMB" in text and "36,184 RMB" in text and "yuan" not in text
    assert "65,052人民币" in output.table_text(df, 200, lang="zh")
    result = invoke("--data", other_package, "show", "gdp", "-r", "guangzhou", "-f", "table", env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    assert "2.3 trillion RMB" in result.stdout and "1,230.312 billion RMB" in result.stdout


def test_report_uses_the_packages_own_units(other_package, invoke, tmp_path):
    page = tmp_path / "report.html"
    result = invoke("--data", other_package, "report", "-o", page)
    assert result.exit_code == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    row = html[html.index('<tr data-indicator="gdp" data-region="guangzhou">') :]
    row = row[: row.index("</tr>")]
    assert "2.3 trillion RMB" in row and "2.3万亿人民币" in row
    assert "65,052 RMB" in html and "100m_rmb" not in row


def test_the_default_region_comes_from_the_package(other_package, invoke):
    bundled = invoke("gap", "-f", "csv")
    rows = bundled.stdout.splitlines()[1:]
    assert {line.split(",")[0] for line in rows} == {"guangzhou"}
    assert any(line.startswith("guangzhou,2019,65052,") for line in rows)
    other = invoke("--data", other_package, "gap", "-f", "csv")
    assert other.exit_code == 0, other.stderr
    assert [line.split(",")[0] for line in other.stdout.splitlines()[1:]] == ["china"]
    assert other.stdout.splitlines()[1].startswith("china,2019,42359,")
    assert core.default_region(gzkit.load(other_package)) == "china"
    assert core.default_region(gzkit.load()) == "guangzhou"
    every = invoke("--data", other_package, "gap", "-r", "all", "-f", "csv")
    assert len(every.stdout.splitlines()) == 4  # header, Guangzhou 2018 and 2019, China 2019


@pytest.mark.parametrize(
    "before,after",
    [
        (["--lang", "zh", "show", "economy"], ["show", "economy", "--lang", "zh"]),
        (["-l", "zh", "gap"], ["gap", "-l", "zh"]),
        (["--lang", "zh", "compare", "2015", "2019"], ["compare", "2015", "2019", "--lang", "zh"]),
    ],
)
def test_lang_before_or_after_the_command(invoke, before, after):
    a = invoke(*before, "-f", "markdown")
    b = invoke(*after, "-f", "markdown")
    assert a.exit_code == b.exit_code == 0, a.stderr + b.stderr
    assert a.stdout == b.stdout
    assert "| 指标 " in a.stdout or "| 地区 " in a.stdout


def test_data_before_or_after_the_command(invoke, other_package):
    a = invoke("--data", other_package, "gap", "-f", "csv")
    b = invoke("gap", "--data", other_package, "-f", "csv")
    assert a.stdout == b.stdout and a.stdout.splitlines()[1].startswith("china,")


def test_after_the_command_wins_over_the_environment(invoke):
    result = invoke("show", "economy", "--lang", "en", "-f", "markdown", env={"GZKIT_LANG": "zh"})
    assert "| indicator " in result.stdout


def test_load_hands_out_frames_the_caller_may_change():
    ds = gzkit.load()
    first = float(ds.observations["value"].iloc[0])
    ds.observations.loc[ds.observations.index[0], "value"] = -1.0
    ds.indicators["extra"] = 1
    ds.meta["title"] = "changed"
    again = gzkit.load()
    assert float(again.observations["value"].iloc[0]) == first == 6.8
    assert "extra" not in again.indicators and again.meta["title"] != "changed"


def test_help_cites_nothing_a_wheel_lacks_and_has_both_languages(invoke):
    from gzkit.cli import app

    top = invoke("--help")
    assert "docs/" not in top.stdout
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        text = invoke(name, "--help").stdout
        assert "docs/" not in text, name
        examples = text.split("Examples (示例):", 1)[1].split("Arguments:")[0].split("Options:")[0]
        lines = [line.strip() for line in examples.splitlines() if line.strip().startswith("gzkit ")]
        # One example for Chinese readers (Chinese words), one for English readers (all ASCII).
        assert any(not line.isascii() for line in lines), name
        assert any(line.isascii() for line in lines), name


def test_growth_says_which_years_exist_and_what_the_report_states(invoke, ds):
    result = invoke("growth", "gdp", "--from", "2009", "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].split(",")[4] == "2010"  # from_year: the first year with a value
    years = ", ".join(str(y) for y in range(2010, 2020))
    assert f"gdp has no yearly value for 2009 in Guangzhou; it has {years}" in result.stderr
    assert "so the table starts at 2010" in result.stderr
    stated = ds.observations.query("indicator == 'gdp_growth_avg' and region == 'guangzhou'").iloc[0]
    assert (stated["value"], stated["period"]) == (6.8, "2016-2019")
    assert "gdp_growth_avg: 6.8% a year, 2016-2019" in result.stderr
    zh = invoke("growth", "gdp", "--from", "2009", "--lang", "zh", "-f", "csv")
    assert f"gdp 在广州没有2009年的数值；已有年份：{years}" in zh.stderr
    assert "gdp_growth_avg 6.8% (2016-2019)" in zh.stderr
    quiet = invoke("growth", "gdp", "--from", "2016", "-f", "csv")
    assert "no yearly value" not in quiet.stderr


def test_a_region_without_data_says_which_regions_have_it(invoke):
    result = invoke("show", "gdp", "-r", "guangdong", "-f", "csv")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1
    assert "gdp has no observation for Guangdong; regions with data: guangzhou, china." in result.stderr
    domain = invoke("show", "economy", "-r", "guangdong", "--lang", "zh", "-f", "csv")
    assert "economy 没有广东的数据；有数据的地区：guangzhou, china。" in domain.stderr
    targets = invoke("progress", "-r", "china", "-f", "csv")
    assert "The report sets no target for China; regions with targets: guangzhou." in targets.stderr


def test_every_region_option_takes_all_or_says_why_not(invoke):
    assert len(invoke("progress", "-r", "all", "-f", "csv").stdout.splitlines()) == len(
        invoke("progress", "-f", "csv").stdout.splitlines()
    )
    one = invoke("xiaokang", "-r", "all")
    assert one.exit_code == 2 and "scores one region at a time" in one.stderr


def test_markdown_cells_keep_pipes_and_line_breaks_inside_their_row(invoke, tmp_path):
    import shutil

    from gzkit.data import bundled_path

    root = tmp_path / "pipes"
    shutil.copytree(bundled_path(), root)
    regions = (root / "regions.csv").read_text(encoding="utf-8")
    (root / "regions.csv").write_text(regions.replace(",Guangzhou,", ',"Guang|zhou\nCity",', 1), encoding="utf-8")
    result = invoke("--data", root, "regions", "-f", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    row = next(line for line in lines if line.startswith("| guangzhou"))
    assert "Guang\\|zhou" in row and "City" in row
    # Every row of the table has as many cell separators as the header.
    separators = {line.replace("\\|", "").count("|") for line in lines if line.startswith("|")}
    assert len(separators) == 1
