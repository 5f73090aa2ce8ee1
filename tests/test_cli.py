"""The command line: every command in every format, checked against the library."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from gzkit import __version__, core, versus

# (command line, the library call that must produce the same rows)
COMMANDS = [
    (["domains"], lambda ds: core.domains(ds)),
    (["regions"], lambda ds: core.regions(ds)),
    (["list"], lambda ds: core.indicators(ds)),
    (["list", "economy"], lambda ds: core.indicators(ds, domain="economy")),
    (["list", "--search", "收入"], lambda ds: core.indicators(ds, search="收入")),
    (["show", "economy"], lambda ds: core.latest(ds, "economy")),
    (["show", "gdp"], lambda ds: core.observations(ds, "gdp", region="guangzhou", derived=True)),
    (["show", "gdp", "-r", "all"], lambda ds: core.observations(ds, "gdp", derived=True)),
    (["show", "gdp", "--no-derived"], lambda ds: core.observations(ds, "gdp", region="guangzhou")),
    (["compare", "2015", "2019"], lambda ds: core.compare(ds, 2015, 2019)),
    (["compare", "2018", "2019", "--region", "all"], lambda ds: core.compare(ds, 2018, 2019, region=None)),
    (["growth", "disposable_income_rural"], lambda ds: core.growth(ds, "disposable_income_rural", region="guangzhou")),
    (["gap"], lambda ds: core.gap(ds, region="guangzhou")),
    (["gap", "-r", "all"], lambda ds: core.gap(ds)),
    (["gap", "--year", "2019", "--region", "guangzhou"], lambda ds: core.gap(ds, year=2019, region="guangzhou")),
    (["progress"], lambda ds: core.progress(ds)),
    (["source", "high_tech_enterprises"], lambda ds: core.sources(ds, "high_tech_enterprises")),
    (["export"], lambda ds: core.export(ds)),
    (["versus", "china", "--year", "2019"], lambda ds: versus.versus(ds, "china", year=2019)),
]

IDS = [" ".join(c[0]) for c in COMMANDS]


def _csv_text(value: object) -> str:
    """What a CSV cell holds for a library value: empty when missing, true/false for flags."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    return str(value)


def _assert_csv_is_the_frame(text: str, expected: pd.DataFrame) -> None:
    """CSV read back as text, cell by cell against the library's frame (not against gzkit's own writer)."""
    got = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(got.columns) == [str(c) for c in expected.columns]
    assert len(got) == len(expected)
    for column in expected.columns:
        want, have = expected[column].reset_index(drop=True), got[str(column)]
        if pd.api.types.is_numeric_dtype(want) and not pd.api.types.is_bool_dtype(want):
            # Written with 15 significant digits: equal to the float within that precision; empty is missing.
            numbers = pd.to_numeric(have.replace("", None)).astype(float)
            pd.testing.assert_series_equal(numbers, want.astype(float), check_names=False, rtol=1e-14, atol=0)
        else:
            pd.testing.assert_series_equal(have, want.map(_csv_text).astype(str), check_names=False, check_dtype=False)


@pytest.mark.parametrize("args,library", COMMANDS, ids=IDS)
def test_csv_equals_the_library(invoke, ds, args, library):
    result = invoke(*args, "-f", "csv")
    assert result.exit_code == 0, result.output
    _assert_csv_is_the_frame(result.stdout, library(ds))


@pytest.mark.parametrize("args,library", COMMANDS, ids=IDS)
def test_json_equals_the_library(invoke, ds, args, library):
    result = invoke(*args, "-f", "json")
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    expected = library(ds)
    assert len(got) == len(expected)
    if len(got):
        assert list(got[0]) == list(expected.columns)
    for rec, (_, row) in zip(got, expected.iterrows()):
        for col, value in rec.items():
            want = row[col]
            if value is None:
                assert pd.isna(want) or want is None, (col, want)
            elif isinstance(value, float):
                assert value == pytest.approx(float(want)), col
            else:
                assert value == (want.item() if hasattr(want, "item") else want), col


@pytest.mark.parametrize("args,library", COMMANDS, ids=IDS)
def test_jsonl_tsv_markdown_and_table(invoke, ds, args, library):
    expected = library(ds)
    jsonl = invoke(*args, "-f", "jsonl")
    assert jsonl.exit_code == 0, jsonl.output
    lines = jsonl.stdout.splitlines()
    assert len(lines) == len(expected)
    assert all(json.loads(line) for line in lines)
    tsv = invoke(*args, "-f", "tsv")
    assert tsv.exit_code == 0
    assert pd.read_csv(io.StringIO(tsv.stdout), sep="\t").shape[0] == len(expected)
    md = invoke(*args, "-f", "markdown")
    assert md.exit_code == 0
    assert md.stdout.splitlines()[0].startswith("|")
    assert len([ln for ln in md.stdout.splitlines() if ln.startswith("|")]) == len(expected) + 2
    table = invoke(*args, "-f", "table")
    assert table.exit_code == 0, table.output
    assert table.stdout.strip()


def test_pipes_get_csv_by_default(invoke):
    result = invoke("domains")
    assert result.stdout.splitlines()[0] == "domain,name_en,name_zh,indicators,observations"


def test_show_gdp_table_reads_2_3_trillion(invoke):
    zh = invoke("--lang", "zh", "show", "gdp", "-f", "table")
    assert zh.exit_code == 0
    assert "2.3万亿元" in zh.stdout
    en = invoke("show", "gdp", "-f", "table")
    assert "2.3 trillion yuan" in en.stdout


def test_show_gdp_csv_has_raw_numbers(invoke):
    result = invoke("show", "gdp", "-f", "csv")
    df = pd.read_csv(io.StringIO(result.stdout))
    row = df[(df["region"] == "guangzhou") & (df["period"] == 2019)].iloc[0]
    assert row["value"] == 23000 and row["unit"] == "100m_yuan"
    assert "万" not in result.stdout.split("\n")[1]


def test_show_domain_by_chinese_name(invoke):
    result = invoke("show", "经济", "-f", "csv")
    assert result.exit_code == 0
    assert "gdp" in set(pd.read_csv(io.StringIO(result.stdout))["indicator"])


def test_gap_cli_gives_2_2534(invoke):
    result = invoke("gap", "--year", "2019", "--region", "guangzhou", "-f", "json")
    (row,) = json.loads(result.stdout)
    assert round(row["ratio"], 4) == 2.2534


def test_json_is_not_ascii_escaped(invoke):
    result = invoke("domains", "-f", "json")
    assert "经济发展" in result.stdout and "\\u" not in result.stdout


def test_csv_has_no_thousands_separators_or_chinese_units_in_values(invoke):
    df = pd.read_csv(io.StringIO(invoke("export", "-f", "csv").stdout))
    assert pd.api.types.is_float_dtype(df["value"])


def test_lang_from_environment(invoke):
    result = invoke("domains", "-f", "table", env={"GZKIT_LANG": "zh"})
    assert "领域" in result.stdout


def test_version(invoke):
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"gzkit {__version__}"


def _registered_commands() -> list[str]:
    from gzkit.cli import app

    # typer names a command after its function, underscores as dashes, unless it is given a name.
    return [c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands if c.callback]


@pytest.mark.parametrize("command", _registered_commands())
def test_every_command_has_help_with_an_example(invoke, command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_unknown_indicator_is_one_line_with_a_suggestion(invoke):
    result = invoke("show", "gpd")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: No domain or indicator 'gpd'. Did you mean 'gdp'? Run `gzkit domains` or `gzkit list` to see them.\n"
    )


def test_unknown_growth_indicator(invoke):
    result = invoke("growth", "gdpp")
    assert result.exit_code == 1
    assert "Did you mean 'gdp'" in result.stderr and "gzkit list" in result.stderr


def test_year_that_is_not_a_number_is_a_usage_error(invoke):
    result = invoke("compare", "twenty", "2019")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_year_without_data_names_the_years(invoke):
    result = invoke("gap", "--year", "2016")
    assert result.exit_code == 1
    assert (
        result.stderr == "Error: No year with both urban and rural disposable income for 2016 in region 'guangzhou'. "
        "Years with both: 2018, 2019.\n"
    )


def test_vintage_warning_goes_to_stderr(invoke):
    result = invoke("compare", "2018", "2019", "-f", "csv")
    assert result.exit_code == 0
    assert "Warning: gdp guangzhou" in result.stderr
    assert "Warning" not in result.stdout


def test_python_dash_m_and_installed_script():
    out = subprocess.run([sys.executable, "-m", "gzkit", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"gzkit {__version__}"
    out = subprocess.run(
        [sys.executable, "-m", "gzkit", "gap", "-y", "2019", "-r", "guangzhou"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.splitlines()[1].startswith("guangzhou,2019,65052,=,28868,=,2.253429,36184")


def test_compare_years_in_the_wrong_order_is_a_usage_error(invoke):
    result = invoke("compare", "2019", "2015")
    assert result.exit_code == 2
    assert result.stderr == "Error: YEAR_A (2019) must be before YEAR_B (2015). Try `gzkit compare 2015 2019`.\n"


def test_output_suffix_that_names_no_format(invoke, tmp_path):
    target = tmp_path / "gz.docx"
    result = invoke("domains", "-o", target)
    assert result.exit_code == 2
    assert "gzkit does not write .docx files" in result.stderr
    assert ".xlsx .parquet .sqlite" in result.stderr
    assert not target.exists()
    chinese = invoke("--lang", "zh", "domains", "-o", target)
    assert chinese.exit_code == 2
    assert chinese.stderr.startswith("错误： gzkit 不写 .docx 文件（“gz.docx”）。请用 gzkit 能写的后缀")


def test_output_format_follows_the_suffix(invoke, tmp_path):
    target = tmp_path / "gz.json"
    assert invoke("domains", "-o", target).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))[0]["domain"] == "economy"


def test_many_warnings_are_summarised(monkeypatch, capsys):
    from gzkit.cli import messages

    messages.warn_messages([f"w{i}" for i in range(messages.MAX_WARNINGS + 5)])
    err = capsys.readouterr().err.splitlines()
    assert len(err) == messages.MAX_WARNINGS + 1
    assert "and 5 more" in err[-1]


def test_completion_reads_the_package_named_by_data_on_the_same_line(tmp_path):
    import os
    import shutil

    from gzkit.data import bundled_path

    pkg = tmp_path / "pkg"
    shutil.copytree(bundled_path(), pkg)
    text = (pkg / "indicators.csv").read_text(encoding="utf-8")
    (pkg / "indicators.csv").write_text(text.replace("\ngdp,economy,", "\ngdp_city,economy,"), encoding="utf-8")
    env = {
        **os.environ,
        "_GZKIT_COMPLETE": "complete_bash",
        "COMP_CWORD": "4",
        "COMP_WORDS": f"gzkit --data {pkg} show gdp_c",
    }
    out = subprocess.run([sys.executable, "-m", "gzkit"], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["gdp_city"]
    env.update(COMP_WORDS="gzkit show gdp_c", COMP_CWORD="2")
    out = subprocess.run([sys.executable, "-m", "gzkit"], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == []


def test_tables_of_another_package_use_its_own_units(invoke, tmp_path):
    import shutil

    from gzkit.data import bundled_path

    pkg = tmp_path / "pkg"
    shutil.copytree(bundled_path(), pkg)
    with open(pkg / "units.csv", "a", encoding="utf-8") as fh:
        fh.write("bn_yuan,billion yuan,十亿元,yuan,1000000000\n")
    ind = (pkg / "indicators.csv").read_text(encoding="utf-8")
    (pkg / "indicators.csv").write_text(
        ind.replace(",GDP,地区生产总值（GDP）,100m_yuan,", ",GDP,地区生产总值（GDP）,bn_yuan,"), encoding="utf-8"
    )
    obs = (pkg / "observations.csv").read_text(encoding="utf-8")
    (pkg / "observations.csv").write_text(
        obs.replace("gdp,guangzhou,2019,2019,23000,=,-3,", "gdp,guangzhou,2019,2019,2300,=,-2,"), encoding="utf-8"
    )
    result = invoke("--data", pkg, "--lang", "zh", "show", "gdp", "-r", "guangzhou", "-f", "markdown")
    assert result.exit_code == 0, result.output
    row_2019 = next(line for line in result.stdout.splitlines() if "| 2019 " in line)
    assert row_2019.split("|")[3].strip() == "2.3万亿元"  # 2300 × 10^9 yuan, through the package's own unit


def test_tables_mark_inferred_years(invoke):
    result = invoke("show", "culture", "-f", "markdown")
    assert result.exit_code == 0
    museums = next(line for line in result.stdout.splitlines() if line.startswith("| museums "))
    assert "| 2019*" in museums
    share = next(line for line in result.stdout.splitlines() if line.startswith("| cultural_industry_gdp_share "))
    assert "| 2018 " in share
    # The footnotes, then the caption (culture has figures the report states twice).
    assert result.stdout.endswith(
        "|\n\nregion: guangzhou\n* year not stated in the report; 2019 assumed\n\n"
        "statements > 1: the report states this figure more than once; see `gzkit source INDICATOR`\n"
    )
    csv_out = invoke("show", "culture", "-f", "csv").stdout
    assert "2019*" not in csv_out  # machine formats keep the flag in its own column


def test_the_command_lines_own_errors_read_in_chinese(invoke):
    from gzkit.i18n import _

    lookup = invoke("--lang", "zh", "show", "gpd")
    assert lookup.exit_code == 1
    assert lookup.stderr == (
        "错误： 没有领域或指标“gpd”。您是否要找 'gdp'？运行 `gzkit domains` 或 `gzkit list` 查看全部。\n"
    )
    one_region = invoke("--lang", "zh", "xiaokang", "-r", "all")
    assert one_region.exit_code == 2
    assert one_region.stderr.startswith(
        "错误： " + _("the xiaokang index scores one region at a time, not 'all'.", "zh")
    )
    assert "-r guangzhou；`gzkit regions` 列出全部地区。" in one_region.stderr
    metadata = invoke("export", "--metadata", "-f", "csv", "--lang", "zh")
    assert metadata.exit_code == 2
    assert metadata.stderr == "错误： --metadata 描述的是 SQLite 文件。请与 -o 文件.sqlite 一起使用。\n"
    digits = invoke("--lang", "zh", "compare", "２０１５", "2019")
    assert digits.exit_code == 2 and "'２０１５' 不是用数字 0-9 写的年份（如 2015）。" in digits.stderr


def test_titles_and_captions_read_in_chinese(invoke):
    wide = {"COLUMNS": "120"}
    table = invoke("--lang", "zh", "show", "economy", "-f", "table", env=wide).stdout
    assert "经济发展 · 最新数值" in table and "latest values" not in table
    assert "表述数 > 1：报告多处给出此数（或前后不一），详见 `gzkit source 指标`" in table
    english = invoke("show", "economy", "-f", "table", env=wide).stdout
    assert english.startswith("Economy · latest values\n")
    assert "statements > 1: the report states this figure more than once; see `gzkit source INDICATOR`" in english
    assert "广州 对比 全国" in invoke("--lang", "zh", "versus", "china", "-f", "table").stdout


def test_a_usage_error_in_chinese_ends_with_where_to_look(monkeypatch, capsys):
    from gzkit import cli

    monkeypatch.setattr(sys, "argv", ["gzkit", "--lang", "zh", "domains", "--frobnicate"])
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 2
    # typer's own words stay as typer writes them; what to run next is gzkit's, in Chinese.
    # (typer's wording differs between its releases: only gzkit's part is compared whole.)
    err = capsys.readouterr().err
    # The parser's message in the catalog's words where it has the known shape, else as typer wrote it.
    assert err.startswith("错误： ") and "--frobnicate" in err
    assert err.endswith("运行 `gzkit domains --help` 查看用法。\n") and err.count("\n") == 1


def test_the_shared_options_work_before_and_after_the_command(invoke, tmp_path):
    import shutil

    from gzkit.data import bundled_path

    pkg = tmp_path / "pkg"
    shutil.copytree(bundled_path(), pkg)
    regions = (pkg / "regions.csv").read_text(encoding="utf-8")
    (pkg / "regions.csv").write_text(regions.replace(",全国\n", ",全中国\n"), encoding="utf-8")
    after = invoke("regions", "-f", "markdown", "--lang", "zh", "--data", pkg)
    before = invoke("--lang", "zh", "--data", pkg, "regions", "-f", "markdown")
    assert after.exit_code == before.exit_code == 0
    assert after.stdout == before.stdout and "全中国" in after.stdout
    # Typed after the command, --lang wins over the one typed before it.
    assert invoke("--lang", "zh", "domains", "-f", "markdown").stdout.startswith("| 领域")
    assert invoke("--lang", "zh", "domains", "--lang", "en", "-f", "markdown").stdout.startswith("| domain")
    out = tmp_path / "d.csv"
    assert invoke("domains", "-o", out).exit_code == 0
    assert invoke("domains", "-o", out).exit_code == 1  # exists: --force is needed
    assert invoke("domains", "-o", out, "--force", "--bom").exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfdomain,")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["compare", "abc", "2019"],
            "错误： 'YEAR_A' 的值无效：'abc' 不是整数。运行 `gzkit compare --help` 查看用法。",
        ),
        (["compare", "2015"], "错误： 缺少 'YEAR_B'。运行 `gzkit compare --help` 查看用法。"),
        (["nonsense"], "错误： 没有命令“nonsense”。运行 `gzkit --help` 查看用法。"),
    ],
)
def test_usage_errors_read_in_chinese(monkeypatch, capsys, args, line):
    from gzkit import cli

    monkeypatch.setattr(sys, "argv", ["gzkit", "--lang", "zh", *args])
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 2
    assert capsys.readouterr().err == line + "\n"
