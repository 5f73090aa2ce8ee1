"""Tables never cut a number: every command, at 40 to 200 columns, in both languages."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from rich.cells import cell_len

from gzkit import cells, columns, core, output, termtable
from gzkit.cli import app

#: One or more command lines per command that prints a table (chart and report draw, they print no table).
CASES = {
    "domains": [["domains"]],
    "regions": [["regions"]],
    "list": [["list"], ["list", "--search", "收入"]],
    "show": [["show", "economy"], ["show", "economy", "-r", "all"], ["show", "gdp"], ["show", "gdp", "-r", "all"]],
    "compare": [["compare", "2015", "2019"], ["compare", "2018", "2019", "-r", "all"]],
    "growth": [["growth", "gdp"], ["growth", "disposable_income_rural", "-r", "all"]],
    "gap": [["gap"], ["gap", "-r", "all"]],
    "progress": [["progress"]],
    "source": [["source", "high_tech_enterprises"]],
    "export": [["export"]],
    "audit": [["audit"]],
    "xiaokang": [["xiaokang", "--all"]],
    "versus": [["versus", "china"], ["versus", "china", "--year", "2019"]],
}
NOT_TABLES = {"chart", "report", "cite"}
WIDTHS = (40, 60, 80, 120, 200)
LANGS = ("en", "zh")


def test_every_command_is_covered():
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert names - NOT_TABLES == set(CASES)


def _emitted(invoke, monkeypatch, args, lang):
    """Run a command; return what it handed to output.emit (frame, title, caption, columns) and its CSV."""
    from gzkit import output

    seen = {}
    real = output.emit

    def spy(df, sink=None, **kw):
        seen.update(df=df, **kw)
        return real(df, sink, **kw)

    monkeypatch.setattr(output, "emit", spy)
    result = invoke(*args, "--lang", lang, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    return seen, result.stdout


CASE_IDS = [(" ".join(a), lang) for cmd in CASES.values() for a in cmd for lang in LANGS]


@pytest.mark.parametrize("line,lang", CASE_IDS, ids=[f"{a}-{lang}" for a, lang in CASE_IDS])
def test_every_value_whole_at_every_width(invoke, monkeypatch, line, lang):
    seen, csv_text = _emitted(invoke, monkeypatch, line.split(), lang)
    df = seen["df"]
    # The frame the table renders is the command's CSV output.
    got = pd.read_csv(io.StringIO(csv_text), keep_default_na=False, dtype=str)
    assert list(got.columns) == list(df.columns) and len(got) == len(df)
    view = cells.view(df, lang, seen.get("columns"))
    assert view.columns, "the table shows no column"
    for width in WIDTHS:
        text = output.table_text(
            df, width, lang=lang, title=seen.get("title"), caption=seen.get("caption"), columns=seen.get("columns")
        )
        lines = text.splitlines()
        stacked = any(line.startswith("─[ ") for line in lines)
        if not stacked:
            assert max(cell_len(line.rstrip()) for line in lines) <= width, f"wider than {width}"
        flat = "\n".join(line.rstrip() for line in lines)
        for col in view.columns:
            for value in set(col.cells) - {""}:
                if col.role in columns.WHOLE:
                    # Whole, on one line (values hold no line break): no number, year, unit, qualifier,
                    # region or id is ever cut.
                    assert value in flat, f"{col.name}={value!r} cut at {width}"
                else:
                    _assert_words_whole(value, flat, col.name, width)


def _assert_words_whole(value: str, flat: str, name: str, width: int) -> None:
    """Every word of a prose cell appears whole, or the text says it was shortened with '…'."""
    words = {w for w in termtable.WORDS.findall(value) if not termtable.CJK_CHAR.search(w)}
    missing = {w for w in words if w not in flat}
    assert not missing or "…" in flat, f"{name}: words {missing} cut at {width} without a mark"


def test_stacked_when_whole_columns_cannot_fit(ds):
    df = core.compare(ds, 2015, 2019)
    narrow = output.table_text(df, 40, columns=["indicator", "value_a", "value_b", "pct_change", "cagr", "better"])
    assert "─[ row 1 ]" in narrow and "indicator:  high_tech_enterprises" in narrow
    assert "value_b:    12,000" in narrow and "cagr:       58.13" in narrow
    # The 2015 urban income implied by the official ratio keeps its approximation mark.
    assert "pct_change: ≈39.11" in narrow
    wide = output.table_text(df, 120, columns=["indicator", "value_a", "value_b", "pct_change", "cagr", "better"])
    assert "─[" not in wide and "19,323.10 yuan" in wide and "58.13" in wide


def test_long_prose_is_shortened_with_a_mark_and_a_hint(ds, invoke):
    import gzkit.cli  # noqa: F401 - the command line prints the hint

    df = core.sources(ds, "gdp").assign(note="word " * 200)
    lines, cut = termtable.wrap(df["note"].iloc[0], 20, termtable.MAX_LINES)
    assert cut and len(lines) == termtable.MAX_LINES and lines[-1].endswith("…")
    result = invoke("audit", "-f", "table", env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "…" not in result.stdout or "-f csv or a wider terminal shows it in full" in result.stderr


def test_wrap_breaks_between_words_and_after_hyphens():
    lines, cut = termtable.wrap("first release (before the 2019 census-revision) vs report", 12)
    assert not cut
    assert lines == ["first", "release", "(before the", "2019 census-", "revision) vs", "report"]
    assert termtable.wrap("交通与基础设施", 6)[0] == ["交通与", "基础设", "施"]


def test_region_column_appears_whenever_rows_come_from_two_regions(ds):
    one = core.latest(ds, "economy", region="guangzhou")
    both = core.latest(ds, "economy", region=None)
    chosen = ["indicator", "name", "period", "value"]
    assert "region" not in cells.visible(one, "en", chosen)
    assert cells.visible(both, "en", chosen)[:2] == ["indicator", "region"]
    text = output.table_text(both, 200, columns=chosen)
    # China's 99 trillion and Guangzhou's 2.3 trillion, each beside its region.
    assert re.search(r"gdp\s+china\s+GDP\s+2019\s+99,086.5 billion yuan", text)
    assert re.search(r"gdp\s+guangzhou\s+GDP\s+2019\s+2.3 trillion yuan", text)


def test_a_new_column_renders_in_every_format_without_a_renderer_change(ds):
    df = core.gap(ds, region=None)
    # A computation adds a number with its own unit and a note; only the specification describes them.
    df["urban_monthly"] = df["urban"] / 12
    df["comment"] = "added for this test"
    columns.attach(
        df,
        ds,
        **df.attrs["columns"],
        urban_monthly=columns.Column("number", unit_id="yuan", places=0),
        comment=columns.PROSE_TEXT,
    )
    monthly = f"{65052 / 12:,.0f}"  # 5,421
    assert f"{monthly} yuan" in output.table_text(df, 200)
    assert f"{monthly}元" in output.table_text(df, 200, lang="zh")
    assert f"{monthly} yuan" in output.render(df, "markdown")
    assert "added for this test" in output.render(df, "markdown")
    assert "urban_monthly" in output.render(df, "csv").splitlines()[0]
    latest = [r for r in output.records(df) if r["region"] == "guangzhou" and r["year"] == 2019]
    assert latest[0]["urban_monthly"] == pytest.approx(65052 / 12)
    from gzkit import htmlreport

    html = htmlreport.frame_table(df)
    assert f"{monthly} yuan" in html and f"{monthly}元" in html and "added for this test" in html


def test_numbers_keep_the_digits_and_unit_the_source_printed(ds):
    from gzkit import humanize

    units = columns.unit_table(ds.units)
    assert humanize.quantity(12303.12, "100m_yuan", 2, "zh", units=units) == "12,303.12亿元"
    assert humanize.quantity(12303.12, "100m_yuan", 2, "en", units=units) == "1,230.312 billion yuan"
    assert humanize.quantity(23000, "100m_yuan", -3, "zh", units=units) == "2.3万亿元"
    assert humanize.quantity(23000, "100m_yuan", -3, "en", units=units) == "2.3 trillion yuan"
    assert humanize.quantity(150000, "yuan", -4, "zh", ">", units=units) == ">15万元"
    assert humanize.quantity(65052, "yuan", 0, "en", units=units) == "65,052 yuan"
    assert humanize.quantity(1302.2, "10k_persons", 2, "zh", units=units) == "1,302.20万人"
    assert humanize.quantity(1302.2, "10k_persons", 2, "en", units=units) == "13.0220 million persons"
    assert humanize.quantity(8, "10k_persons", None, "en", "<=", units=units) == "≤80,000 persons"
    assert humanize.quantity(63.47, "100m_items", 2, "en", units=units) == "6.347 billion items"


def test_every_column_header_reads_in_chinese_from_the_catalog():
    from gzkit import columns

    for name, english in columns.HEADERS.items():
        assert columns.header(name, "en") == english
        chinese = columns.header(name, "zh")
        assert chinese != english and re.search(r"[\u4e00-\u9fff]", chinese), name
    # One English word, two senses: the years of a series and the years between two of them.
    assert columns.header("years", "en") == columns.header("years_between", "en") == "years"
    assert (columns.header("years", "zh"), columns.header("years_between", "zh")) == ("年份", "年数")
    assert columns.header("better", "zh") == "方向" and columns.header("tolerance", "zh") == "容差"


def _markdown_row(text: str, first_cell: str) -> list[str]:
    (line,) = [ln for ln in text.splitlines() if ln.startswith(f"| {first_cell} ")]
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_a_difference_of_percentages_reads_in_percentage_points(invoke, ds):
    from gzkit import versus

    row = versus.versus(ds, "china").set_index("indicator").loc["gdp_growth_avg"]
    assert (row["value_a"], row["value_b"], row["difference"], row["unit"]) == (6.8, 6.5, pytest.approx(0.3), "percent")
    english = invoke("versus", "china", "-f", "markdown")
    header = _markdown_row(english.stdout, "indicator")
    cells_en = dict(zip(header, _markdown_row(english.stdout, "gdp_growth_avg")))
    shown = (cells_en["value_a"], cells_en["value_b"], cells_en["difference"])
    assert shown == ("6.8%", "6.5%", "0.3 percentage points")
    chinese = invoke("--lang", "zh", "versus", "china", "-f", "markdown")
    assert "| 0.3个百分点 " in chinese.stdout
    # Machine formats keep the package's unit and the raw number.
    assert ",percent,2016-2019,2019,guangzhou,6.8," in invoke("versus", "china", "-f", "csv").stdout


def test_a_change_the_notes_point_to_is_in_the_table(invoke, ds):
    df = core.growth(ds, "gdp_growth")
    assert df["cagr"].isna().all() and df["change"].notna().all()
    shown = invoke("growth", "gdp_growth", "-f", "markdown").stdout
    header = _markdown_row(shown, "kind")
    assert header[header.index("value_to") + 1] == "change"
    assert "see change" in shown
    # 8.4% in 2015 to 7.0% in 2017: a change of percentages, in percentage points
    assert df.loc[0, ["value_from", "value_to"]].tolist() == [8.4, 7.0]
    assert df.loc[0, "change"] == pytest.approx(-1.4)
    assert "| -1.4 percentage points " in shown


def test_a_stacked_block_makes_only_the_names_bold(ds):
    from rich.console import Console

    df = core.compare(ds, 2015, 2019)
    buf = io.StringIO()
    console = Console(file=buf, width=40, color_system="standard", force_terminal=True, soft_wrap=False)
    view = cells.view(df, "en", ["indicator", "value_a", "value_b"], None, None)
    assert termtable.print_view(view, console).stacked
    shown = buf.getvalue()
    assert "\x1b[1mindicator: \x1b[0mhigh_tech_enterprises\n" in shown
    assert "\x1b[1mvalue_b:   \x1b[0m12,000\n" in shown
