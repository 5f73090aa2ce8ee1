"""Help in the reader's language: every command's help under --lang zh holds none of gzkit's English help."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from gzkit.cli.language import help_language
from gzkit.i18n import _

#: Dumps the help of the app and of every registered command, for the command line it is given.
#: The language of help is chosen from the command line when gzkit.cli is imported, so each
#: language needs a fresh interpreter: one per language, not one per command.
PROBE = """
import json, sys
sys.argv = ["gzkit", *sys.argv[1:]]
from typer.testing import CliRunner
from gzkit.cli import app
runner = CliRunner()
names = [c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands if c.callback]
helps = {}
for name in ["", *names]:
    result = runner.invoke(app, [*sys.argv[1:], *([name] if name else []), "--help"], env={"COLUMNS": "100"})
    helps[name] = [result.exit_code, result.stdout]
print(json.dumps(helps))
"""

#: What typer and click write themselves; their public API does not let gzkit choose these words
#: (docs/cli.md, "Help in Chinese").
TYPER_WORDS = (
    "Install completion for the current shell. "
    "Show completion for the current shell, to copy it or customize the installation."
)


def _helps(*args: str, **env: str) -> dict[str, tuple[int, str]]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GZKIT_", "LC_", "LANG"))}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env={**clean, **env}, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return {name: (code, text) for name, (code, text) in json.loads(proc.stdout).items()}


@pytest.fixture(scope="module")
def english() -> dict[str, tuple[int, str]]:
    return _helps()


@pytest.fixture(scope="module")
def chinese() -> dict[str, tuple[int, str]]:
    return _helps("--lang", "zh")


def _english_sentences(help_text: str) -> list[str]:
    """The pieces of an English help that gzkit wrote: runs of three or more words in a column of text.

    Help is laid out in columns two or more spaces apart (option | text, example | meaning);
    option names, example command lines and typer's own words are not gzkit's sentences.
    """
    pieces = []
    for line in help_text.splitlines():
        for piece in re.split(r"\s{2,}", line.strip()):
            piece = piece.removeprefix("\\")  # typer 0.16 escapes a bracket that opens a line
            if piece.startswith(("-", "gzkit", "Usage:", "[")) or piece in TYPER_WORDS:
                continue
            if re.fullmatch(r"[A-Za-z_]+ <[^>]*>", piece):  # an argument's name and type
                continue
            if len(re.findall(r"[A-Za-z]{2,}", piece)) >= 3:
                pieces.append(piece)
    return pieces


def _names(helps: dict[str, tuple[int, str]]) -> list[str]:
    return sorted(helps)


def test_every_registered_command_has_help_in_both_languages(english, chinese):
    from gzkit.cli import app

    registered = {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands if c.callback}
    assert len(registered) >= 16
    assert set(english) == set(chinese) == registered | {""}
    assert {name: code for name, (code, _text) in {**english, **chinese}.items() if code != 0} == {}


def test_no_line_of_gzkits_english_help_survives_in_chinese(english, chinese):
    left = {}
    for name, (_code, text) in english.items():
        sentences = _english_sentences(text)
        assert sentences, f"no English sentence found in the help of {name!r}: the check would be empty"
        found = [s for s in sentences if s in chinese[name][1]]
        if found:
            left[name] = found
    assert left == {}


def test_chinese_help_is_the_catalog_entry(chinese):
    # The help a reader sees is the catalog's, not a second copy of it.
    # (An option's help, not an argument's: plain help in typer 0.16 does not show arguments' help.)
    assert _("Print each formula with its inputs to stderr.", "zh") == "把每个公式及其输入写到标准错误。"
    assert "把每个公式及其输入写到标准错误。" in chinese["compare"][1]
    assert "显示此帮助后退出。" in chinese["compare"][1]
    assert "Show this message and exit." not in chinese["compare"][1]
    assert (
        _("Output format. Default: table on a terminal, csv in a pipe. xlsx, parquet and sqlite need -o FILE.", "zh")[
            :9
        ]
        in chinese["show"][1]
    )


@pytest.mark.parametrize("language", ["en", "zh"])
def test_each_command_keeps_an_example_in_english_and_one_in_chinese(english, chinese, language):
    helps = english if language == "en" else chinese
    heading = "Examples (示例):" if language == "en" else "示例："
    for name, (_code, text) in helps.items():
        if not name:
            continue
        examples = text.split(heading, 1)[1]
        commands = [line.strip() for line in examples.splitlines() if line.strip().startswith("gzkit ")]
        assert any("--lang zh" in c or re.search(r"[\u4e00-\u9fff]", c.split("  ")[0]) for c in commands), name
        assert any("--lang zh" not in c for c in commands), name


def test_the_environment_and_the_locale_choose_chinese_help_too():
    by_env = _helps(GZKIT_LANG="zh")["gap"][1]
    by_locale = _helps(LANG="zh_CN.UTF-8")["gap"][1]
    told_english = _helps("--lang", "en", LANG="zh_CN.UTF-8")["gap"][1]
    assert "城镇与农村居民人均可支配收入" in by_env and "城镇与农村居民人均可支配收入" in by_locale
    assert "Urban versus rural disposable income per capita" in told_english


@pytest.mark.parametrize(
    ("argv", "environ", "lang"),
    [
        (["--lang", "zh", "show", "gdp"], {}, "zh"),
        (["show", "gdp", "-l", "zh", "--help"], {}, "zh"),
        (["--lang=zh", "gap"], {}, "zh"),
        (["-lzh", "gap"], {}, "zh"),
        (["gap"], {"GZKIT_LANG": "zh"}, "zh"),
        (["gap"], {"LANG": "zh_CN.UTF-8"}, "zh"),
        (["--lang", "en", "gap"], {"GZKIT_LANG": "zh", "LANG": "zh_CN.UTF-8"}, "en"),
        (["gap"], {"GZKIT_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        (["--lang", "zh", "--lang", "en"], {}, "en"),
        # After `--` everything is an argument, not an option.
        (["list", "--", "--lang", "zh"], {}, "en"),
        # A value gzkit does not know is left for --lang itself to refuse.
        (["--lang", "fr"], {"GZKIT_LANG": "zh"}, "zh"),
        ([], {}, "en"),
    ],
)
def test_help_language_has_the_precedence_of_lang(argv, environ, lang):
    assert help_language(argv, environ) == lang
