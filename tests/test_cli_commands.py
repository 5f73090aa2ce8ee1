"""What every command shares: the options it is registered with, and how its result reaches output.emit."""

from __future__ import annotations

import io

import pandas as pd
import pytest
import typer.main

from gzkit import core, output
from gzkit.cli import app
from gzkit.cli.context import OWN_FORMAT, TABLE

#: The commands that write their own kind of output (a chart, an HTML page, citations).
OWN = {"chart", "report", "cite"}


def _options(name):
    command = typer.main.get_command(app).commands[name]
    return {opt for p in command.params for opt in p.opts}


@pytest.mark.parametrize("name", sorted(typer.main.get_command(app).commands))
def test_each_command_takes_the_shared_options_of_its_kind(name):
    flags = {"fmt": "--format", "output": "--output", "force": "--force", "bom": "--bom", "lang": "--lang"}
    flags["data"] = "--data"
    has = _options(name)
    assert "--help" in has and "-h" in has
    for option in OWN_FORMAT if name in OWN else TABLE:
        assert flags[option] in has, (name, option)
    if name in OWN:
        # Their -o is their own (a figure, a page, a .bib file); no table format applies.
        assert "--format" not in has and "--bom" not in has


def _emitted(invoke, monkeypatch, *args):
    seen = {}
    real = output.emit

    def spy(df, sink=None, **kw):
        seen.update(df=df, lang=sink.lang, **kw)
        return real(df, sink, **kw)

    monkeypatch.setattr(output, "emit", spy)
    result = invoke(*args, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    return seen, result.stdout


@pytest.mark.parametrize(
    "args, english, chinese",
    [
        (["gap"], "Urban-rural income gap · 城乡收入差距", "城乡收入差距"),
        (["growth", "gdp"], "Growth of gdp", "gdp 的增长"),
        (["versus", "china", "--year", "2019"], "guangzhou vs china", "广州 对比 全国"),
        (["show", "economy"], "Economy · latest values", "经济发展 · 最新数值"),
    ],
)
def test_the_title_reaches_output_in_the_readers_language(invoke, monkeypatch, args, english, chinese):
    seen, _ = _emitted(invoke, monkeypatch, *args)
    assert seen["title"] == english
    seen, _ = _emitted(invoke, monkeypatch, *args, "--lang", "zh")
    assert seen["lang"] == "zh" and seen["title"] == chinese


def test_the_statements_caption_is_read_in_chinese(invoke, monkeypatch):
    seen, _ = _emitted(invoke, monkeypatch, "show", "economy", "--lang", "zh")
    assert seen["caption"] == "表述数 > 1：报告多处给出此数（或前后不一），详见 `gzkit source 指标`"


def test_gap_reads_the_packages_own_region_and_writes_the_librarys_frame(invoke, monkeypatch, ds):
    seen, csv_text = _emitted(invoke, monkeypatch, "gap")
    expected = core.gap(ds, region="guangzhou")
    pd.testing.assert_frame_equal(seen["df"], expected)
    got = pd.read_csv(io.StringIO(csv_text))
    assert got.loc[got["year"] == 2019, "ratio"].round(4).tolist() == [2.2534]  # 65052 / 28868
    assert seen["columns"] == ["region", "year", "urban", "rural", "ratio", "difference", "qualifier", "note"]


def test_a_result_says_its_warnings_then_what_the_data_lacks_then_its_formulas_then_the_table(invoke, ds):
    result = invoke("growth", "gdp", "--from", "2009", "--explain", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    kinds = [line.split(" ", 1)[0] for line in result.stderr.splitlines()]
    # Every formula follows every note, which follows every warning (cli.context.emit_result).
    assert kinds == sorted(kinds, key=["Warning:", "Note:", "cagr"].index)
    assert kinds.count("Warning:") == 10 and kinds.count("Note:") == 2
    assert "cagr gdp guangzhou 2010->2011: ((12303.12 / 10748.28) ** (1/1) - 1) * 100 = 14.4659 (=)" in result.stderr
    rows = core.growth(ds, "gdp", region="guangzhou", start=2009)
    assert kinds.count("cagr") == len(rows) == 11
    assert len(result.stdout.splitlines()) == 1 + len(rows)


def test_an_empty_progress_table_says_which_regions_have_targets(invoke, ds):
    result = invoke("progress", "-r", "china", "--explain", "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr == "Note: The report sets no target for China; regions with targets: guangzhou. Try -r all.\n"
    empty = core.progress(ds, region="china")
    assert empty.empty and result.stdout.splitlines() == [",".join(empty.columns)]
