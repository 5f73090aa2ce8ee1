"""The examples that end every command's help: one table, laid out one way, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
import typer.main
from babel.messages.pofile import read_po

from gzkit import i18n
from gzkit.cli import app
from gzkit.cli.examples import HEADING, columns, examples, table, with_examples
from gzkit.cli.messages import guarded
from gzkit.errors import UsageError
from gzkit.i18n import T

PO = Path(i18n.__file__).parent / "locale" / "zh" / "LC_MESSAGES" / "gzkit.po"
COMMANDS = sorted(typer.main.get_command(app).commands)


def test_a_chinese_character_takes_two_columns():
    assert columns("gzkit show economy") == 18
    assert columns("gzkit show 经济 --lang zh") == 25  # 11 + 2 × 2 + 10
    assert columns("名称含“收入”的指标") == 18  # 8 汉字 of two columns; the quotes take one, as a terminal shows them


def test_examples_stand_beside_what_they_do_aligned_on_the_widest_command_line():
    shown = [
        ("gzkit compare 2015 2019", "what changed between 2015 and 2019"),
        ("gzkit --report-only compare 2018 2019", "the report's own figures only"),
        ("gzkit compare 2018 2019 -d 经济 --lang zh", "2018至2019年经济指标的变化，中文"),
    ]
    assert with_examples("Compare two years.", shown, "en") == (
        "Compare two years.\n\nExamples (示例):\n\n\b\n"
        "    gzkit compare 2015 2019                     what changed between 2015 and 2019\n"
        "    gzkit --report-only compare 2018 2019       the report's own figures only\n"
        "    gzkit compare 2018 2019 -d 经济 --lang zh   2018至2019年经济指标的变化，中文"
    )


def test_a_command_line_too_wide_to_share_its_line_puts_what_it_does_below():
    wide = "gzkit export -d economy -r guangzhou --from 2015 --wide -f csv"
    assert columns(wide) == 62
    text = with_examples(
        "Export.",
        [
            ("gzkit export -f csv > gz.csv", "every observation, tidy, for pandas or R"),
            (wide, "one row per indicator, a column per period"),
        ],
        "zh",
    )
    assert text == (
        "Export.\n\n示例：\n\n\b\n"
        "    gzkit export -f csv > gz.csv\n        全部观测值，整齐长表，供 pandas 或 R 使用\n"
        f"    {wide}\n        每个指标一行，每个时期一列"
    )


def test_no_examples_leave_the_summary_alone():
    assert with_examples("Just this.", [], "zh") == "Just this."


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_examples_that_run_it_for_english_and_for_chinese_readers(command):
    shown = examples(command)
    assert all(command in line.split()[1:] for line, _does in shown), shown
    assert any("--lang zh" in line or not line.isascii() for line, _does in shown), shown
    assert any(line.isascii() and "--lang" not in line for line, _does in shown), shown


def test_the_table_holds_no_example_of_a_command_gzkit_lacks():
    assert sorted(table()) == COMMANDS


def test_what_every_example_does_has_a_chinese_entry():
    with PO.open("rb") as fh:
        catalog = {m.id: m.string for m in read_po(fh) if m.id}
    wanted = [HEADING] + [does for command in COMMANDS for _line, does in examples(command)]
    assert [w for w in wanted if not catalog.get(w)] == []
    assert catalog[HEADING] == "示例："
    assert i18n._("Guangzhou's urban-rural income ratio against China's", "zh") == "广州与全国的城乡收入倍差"


def test_a_commands_help_is_its_summary_then_its_examples(invoke):
    text = invoke("gap", "--help").stdout
    assert (
        text.split("\n\n")[1]
        == "  Urban versus rural disposable income per capita: ratio (城乡收入倍差) and\n  difference."
    )
    assert (
        "Examples (示例):\n\n"
        "      gzkit gap -r all                  Guangzhou's urban-rural income ratio against China's\n"
        "      gzkit gap --year 2019 --lang zh   2019年城乡收入倍差，中文\n"
    ) in text


def test_a_guarded_command_ends_a_gzkit_error_with_its_exit_status_and_passes_the_rest_through(capsys):
    def fails(count: int) -> None:
        raise UsageError(
            T("--max-figures must be 0 (all) or more, not {count}.", count=count), T("Try --max-figures 60.")
        )

    with pytest.raises(typer.Exit) as ended:
        guarded(fails)(-1)
    assert ended.value.exit_code == 2
    assert capsys.readouterr().err == "Error: --max-figures must be 0 (all) or more, not -1. Try --max-figures 60.\n"

    seen = []
    guarded(seen.append)("ran")
    assert seen == ["ran"]
    assert guarded(fails).__name__ == "fails"  # typer names a command after its function
