"""Chinese for people, English codes for machines: the gettext catalog and what it reaches."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from gzkit import i18n

LC = Path(i18n.__file__).parent / "locale" / "zh" / "LC_MESSAGES"
PO, MO = LC / "gzkit.po", LC / "gzkit.mo"


def _catalog(path: Path, reader) -> dict[str, str]:
    with path.open("rb") as fh:
        return {(m.context, m.id): m.string for m in reader(fh) if m.id}


def test_every_msgid_has_a_chinese_msgstr():
    po = _catalog(PO, read_po)
    assert len(po) >= 15
    empty = [m for m, s in po.items() if not s.strip()]
    assert empty == []
    # A translation that is still English is no translation.
    assert [m for m, s in po.items() if not re.search(r"[\u4e00-\u9fff]", s)] == []


def test_compiled_catalog_matches_its_source():
    # The .mo is committed so nothing compiles at run time; this fails when it falls behind the .po.
    assert _catalog(MO, read_mo) == _catalog(PO, read_po), (
        "gzkit.mo is stale: python -m babel.messages.frontend compile -d src/gzkit/locale -D gzkit -l zh"
    )


def test_translation_reads_the_catalog_and_leaves_english_alone():
    assert i18n._("better", "zh") == "更好"
    assert i18n._("inconsistent", "zh") == "不一致"
    assert i18n._("not checked", "zh") == "未核对"
    assert i18n._("better", "en") == "better"
    # One word, two senses: a change that stays level, a definition that stays the same.
    assert i18n._("same", "zh") == "持平"
    assert i18n._("same", "zh", context="comparability") == "口径相同"
    assert i18n._("better", "zh", context="comparability") == "更好"
    assert [i18n._(g, "zh", context="confidence") for g in ("report", "high", "medium", "low")] == [
        "报告原文",
        "高",
        "中",
        "低",
    ]
    assert i18n._("a word with no entry", "zh") == "a word with no entry"


def test_translation_does_not_import_pandas():
    code = "import sys, gzkit.i18n as m; m._('better', 'zh'); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_locale_chooses_the_language(environ, lang):
    assert i18n.from_locale(environ) == lang


def test_chinese_locale_selects_chinese_unless_told_otherwise(invoke, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    zh = invoke("compare", "2015", "2019", "-f", "table")
    assert "更好" in zh.stdout and "better" not in zh.stdout
    assert "警告：" in zh.stderr
    assert "better" in invoke("--lang", "en", "compare", "2015", "2019", "-f", "table").stdout
    monkeypatch.setenv("GZKIT_LANG", "en")
    assert "better" in invoke("compare", "2015", "2019", "-f", "table").stdout


def test_machine_formats_keep_the_english_codes(invoke):
    out = invoke("--lang", "zh", "compare", "2015", "2019", "-f", "csv").stdout
    assert ",better," in out and "更好" not in out
    audit = invoke("--lang", "zh", "audit", "-f", "csv").stdout
    assert "consistent" in audit and "一致" not in audit


#: Every command, in the human table format, with arguments that give it rows (and warnings).
COMMANDS = [
    ["domains"],
    ["regions"],
    ["list", "economy"],
    ["show", "economy"],
    ["show", "economy", "-r", "all"],
    ["show", "gdp"],
    ["compare", "2015", "2019"],
    ["growth", "gdp"],
    ["growth", "disposable_income_rural"],
    ["gap"],
    ["progress"],
    ["source", "gdp"],
    ["versus", "china"],
    ["audit"],
    ["xiaokang"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_english_catalog_word_reaches_a_chinese_table(invoke, command):
    result = invoke("--lang", "zh", *command, "-f", "table")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    text = result.stdout + result.stderr
    # Column headers (msgctxt column) are column names, which a cell may hold as data (the unit id "ratio").
    english = {m for (ctx, m) in _catalog(PO, read_po) if m != "vs" and not (ctx or "").startswith("column")}
    # A status word is a whole cell (two spaces or a line's edge around it, or a stacked
    # row's "field：value"); the same word inside the report's or a source's own prose is quoted
    # text, not a word gzkit wrote. Phrases and prefixes are gzkit's wherever they appear.
    cell = [m for m in english if re.search(rf"(?m)(?:^|\s{{2}}|：){re.escape(m)}(?:\s{{2}}|$)", text)]
    phrase = [m for m in english if " " in m and len(m) > 20 and m in text]
    prefix = [m for m in ("Warning:", "Error:", "Note:") if m in text]
    assert (cell, phrase, prefix) == ([], [], [])


def test_errors_and_warnings_carry_a_chinese_prefix(invoke):
    lookup = invoke("--lang", "zh", "show", "nosuch")
    assert lookup.exit_code == 1
    assert lookup.stderr == "错误： 没有领域或指标“nosuch”。运行 `gzkit domains` 或 `gzkit list` 查看全部。\n"
    order = invoke("--lang", "zh", "compare", "2019", "2015")
    assert order.exit_code == 2 and order.stderr.startswith("错误： YEAR_A（2019）必须早于 YEAR_B（2015）。")
    # The 2015 GDP is the official pre-census figure, the 2019 one the report's: two releases.
    mixed = invoke("--lang", "zh", "compare", "2015", "2019", "-f", "table").stderr
    assert "警告： gdp guangzhou: pre-2019-census" in mixed
    assert "对比 report 2020-08 (发布版本不同；变化可能来自数据修订，而非增长)" in mixed
    assert invoke("compare", "2015", "2019", "-f", "table").stderr.count("Warning: ") == mixed.count("警告： ")


def test_many_warnings_end_in_one_chinese_line(capsys):
    from gzkit.cli import messages
    from gzkit.cli.language import reader

    reader.lang = "zh"
    try:
        # As the audit composes it: the verdict is gzkit's words, the check and the reason are data.
        messages.warn_messages(
            [
                i18n.T(
                    "{check}: not checked: {reason}",
                    check="shares_between_0_and_100",
                    reason="no share in this package",
                )
            ]
        )
        messages.warn_messages([f"x{n}" for n in range(messages.MAX_WARNINGS + 3)])
    finally:
        reader.lang = "en"
    skipped, *err = capsys.readouterr().err.splitlines()
    # The check's id and the reason stay as gzkit's audit names them; the verdict is Chinese.
    assert skipped == "警告： shares_between_0_and_100：未核对：no share in this package"
    assert len(err) == messages.MAX_WARNINGS + 1
    assert err[-1] == "警告： ……另有 3 条同类警告；`note` 列标出了每一行受影响的数据。"


def test_region_names_read_in_chinese_and_stay_ids_in_csv(invoke):
    table = invoke("--lang", "zh", "show", "economy", "-r", "all", "-f", "table").stdout
    assert "全国" in table and "广州" in table
    rows = list(csv.DictReader(io.StringIO(invoke("--lang", "zh", "show", "economy", "-r", "all", "-f", "csv").stdout)))
    assert {r["region"] for r in rows} == {"guangzhou", "china"}


def test_versus_names_the_region_ahead_and_growth_notes_read_in_chinese(invoke):
    ahead = invoke("--lang", "zh", "versus", "china", "-f", "table").stdout
    assert "广州 对比 全国" in ahead and "guangzhou" not in ahead
    notes = invoke("--lang", "zh", "growth", "gdp", "-f", "table").stdout
    assert "跨发布版本：" in notes and "crosses vintages" not in notes
    assert "crosses vintages: " in invoke("--lang", "zh", "growth", "gdp", "-f", "csv").stdout


def _marked_in_source() -> set[tuple[str | None, str]]:
    """Every literal msgid that gzkit's source marks with ``_``, ``T`` or ``N_`` (babel's extractor)."""
    from babel.messages.extract import extract_from_dir

    src = Path(i18n.__file__).parent
    keywords = {"_": None, "T": None, "N_": None}
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(src), method_map=[("**.py", "python")], keywords=keywords
    ):
        if isinstance(message, str) and message:
            found.add((context, message))
    return found


def test_every_marked_string_has_a_chinese_entry():
    marked = _marked_in_source()
    # The mark is the contract: a sentence marked for translation that the catalog lacks would
    # reach a Chinese reader in English.
    assert ("No {kind} '{name}'.", None) in {(m, c) for c, m in marked}
    catalog = {m for _c, m in _catalog(PO, read_po)}
    assert sorted(m for _c, m in marked if m not in catalog) == []


def test_composed_text_reads_in_either_language():
    from gzkit.errors import DataError, NotFound

    missing = NotFound("indicator", "gpd", ["gdp", "gdp_growth"], "gzkit list")
    assert str(missing) == "No indicator 'gpd'. Did you mean 'gdp'? Run `gzkit list` to see them all."
    assert missing.render("zh") == "没有指标“gpd”。您是否要找 'gdp'？运行 `gzkit list` 查看全部。"
    bad = DataError("not a number", file="observations.csv", row=3, column="value")
    assert str(bad) == "observations.csv, row 3, column 'value': not a number"
    assert bad.render("zh").startswith("observations.csv, 第 3 行, “value”列: ")
    assert i18n.localize(i18n.one_of(["'a'", "'b'", "'c'"]), "zh") == "'a', 'b' 或 'c'"


def test_composed_text_is_its_english_string_everywhere_but_a_chinese_renderer():
    import pickle

    import pandas as pd

    note = i18n.T("{rest} or {last}", rest="'a'", last="'b'")
    assert note == "'a' or 'b'" and isinstance(note, str)
    assert note.render("zh") == "'a' 或 'b'"
    again = pickle.loads(pickle.dumps(note))
    assert isinstance(again, i18n.Text) and again.render("zh") == "'a' 或 'b'"
    # pandas 3 stores a list of strings as its own str dtype, which keeps only the English: a column
    # of notes meant for either language is built with dtype=object.
    assert not isinstance(pd.DataFrame({"note": [note]})["note"].iloc[0], i18n.Text)
    frame = pd.DataFrame({"note": pd.Series([note], dtype=object)})
    assert frame.to_csv(index=False) == "note\n'a' or 'b'\n"
    assert i18n.localize(frame["note"].iloc[0], "zh") == "'a' 或 'b'"


def test_no_message_is_defined_twice():
    # babel's reader keeps the last of two definitions silently; GNU msgfmt refuses the file.
    seen, twice, context = set(), [], None
    for line in PO.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgctxt "):
            context = line
        elif line.startswith("msgid ") and line != 'msgid ""':
            key = (context, line)
            twice += [key] if key in seen else []
            seen.add(key)
            context = None
    assert twice == []


def test_a_text_is_shared_not_rebuilt_when_a_frame_is_copied():
    import copy

    import pandas as pd

    from gzkit.i18n import T

    note = T("{path} already exists.", path="gz.csv")
    assert copy.deepcopy(note) is note and copy.copy(note) is note
    df = pd.DataFrame({"x": [1, 2]})
    df.attrs["warnings"] = [note]
    (copied,) = df[["x"]].copy(deep=True).attrs["warnings"]
    assert copied is note
    assert copied.render("zh") == note.render("zh") != str(note)
