"""Every command, read in Chinese: no English word that gzkit wrote reaches stdout or stderr.

"An English word gzkit wrote" is, concretely: a catalog msgid (longer than three characters) as a
whole phrase; the prefixes Warning:/Error:/Note:; and a run of three or more English words that is
not part of an id (snake_case; indicator, domain and region ids), a unit symbol or text quoted from
the package (the observations' source, vintage, evidence and note, an indicator's description and
keywords; and the English names that `domains` and `regions` list beside the Chinese by design).
What other layers still write in English is listed in STILL_ENGLISH, command by command, so that
the test fails both when something new appears and when a listed phrase is gone.
"""

from __future__ import annotations

import inspect
import re

import pytest
from babel.messages.pofile import read_po

from gzkit import i18n

PO = i18n.LOCALE_DIR / "zh" / "LC_MESSAGES" / "gzkit.po"

#: Arguments that make each command produce rows (and, where it has any, warnings and notes).
#: "{tmp}" stands for a fresh folder: the HTML report is a file, read in both languages by design.
ARGUMENTS: dict[str, list[str]] = {
    "domains": [],
    "regions": [],
    "list": ["economy"],
    "show": ["gdp"],
    "source": ["gdp"],
    "compare": ["2015", "2019"],
    "growth": ["gdp"],
    "gap": ["-r", "all"],
    "progress": [],
    "versus": ["china"],
    "export": ["-i", "gdp"],
    "cite": ["gdp"],
    "chart": ["gdp"],
    "report": ["-o", "{tmp}/report.html"],
    "audit": [],
    "xiaokang": [],
}

#: Commands whose tables show the English names beside the Chinese ones, by design.
BOTH_NAMES = {"domains", "regions"}

#: English that other layers still write under --lang zh: command -> the phrases seen (in markdown,
#: where no cell is wrapped). Empty: a phrase that appears fails the test.
STILL_ENGLISH: dict[str, set[str]] = {}


def _registered() -> dict[str, object]:
    from gzkit.cli import app

    return {c.name or c.callback.__name__.replace("_", "-"): c.callback for c in app.registered_commands if c.callback}


def _cases() -> list[tuple[str, str | None]]:
    cases = []
    for name, callback in _registered().items():
        takes_format = "fmt" in inspect.signature(callback).parameters
        cases += [(name, fmt) for fmt in (["table", "markdown"] if takes_format else [None])]
    return cases


@pytest.fixture(scope="module")
def vocabulary(ds) -> dict[str, object]:
    """What may be English under --lang zh: ids, unit symbols and the package's own quoted text."""
    quoted = [ds.observations[c] for c in ("source", "vintage", "evidence", "evidence_words", "note")]
    quoted += [ds.indicators[c] for c in ("description", "keywords")]
    corpus = "\n".join(" ".join(str(v).split()) for column in quoted for v in column.dropna().astype(str))
    ids = {*ds.indicators["id"], *ds.domains["id"], *ds.regions["id"], *ds.units["id"]}
    with PO.open("rb") as fh:
        msgids = {m.id for m in read_po(fh) if m.id and len(m.id) > 3}
    names = "\n".join(str(v) for table in (ds.domains, ds.regions) for v in table["name_en"])
    return {"corpus": corpus, "names": names, "ids": {str(i) for i in ids}, "msgids": msgids}


def english_written(text: str, vocabulary: dict[str, object]) -> set[str]:
    """The English in ``text`` that gzkit wrote (see the module's docstring)."""
    corpus, ids, msgids = vocabulary["corpus"], vocabulary["ids"], vocabulary["msgids"]
    found = {prefix for prefix in ("Warning:", "Error:", "Note:") if prefix in text}
    for msgid in msgids:
        # Only msgids that read as English: a format template or a Chinese word is not one.
        if re.search(r"[A-Za-z]{2}", msgid) and "{" not in msgid:
            if re.search(rf"(?<![\w-]){re.escape(msgid)}(?![\w-])", text) and msgid not in corpus:
                found.add(msgid)
    for line in text.splitlines():
        # A table's cells, a stacked row's fields, the columns of a line: each a piece on its own.
        for piece in re.split(r"[│┃|]|\s{2,}", line):
            words = [w for w in re.split(r"\s+", piece.strip()) if w]
            kept = " ".join("·" if _is_id(w, ids) else w for w in words)
            for run in re.findall(r"[A-Za-z][A-Za-z'’-]*(?:[ ,;:()]+[A-Za-z][A-Za-z'’-]*){2,}", kept):
                if run not in corpus:
                    found.add(run)
    return found


def _is_id(word: str, ids: set[str]) -> bool:
    bare = word.strip(".,;:()[]'\"`")
    return bare in ids or re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+", bare) is not None


@pytest.mark.parametrize(("command", "fmt"), _cases(), ids=lambda v: str(v))
def test_no_english_that_gzkit_wrote_reaches_a_chinese_reader(invoke, vocabulary, tmp_path, command, fmt):
    assert command in ARGUMENTS, f"`gzkit {command}` has no entry in ARGUMENTS: give it arguments that produce rows"
    args = [a.replace("{tmp}", str(tmp_path)) for a in ARGUMENTS[command]]
    result = invoke("--lang", "zh", command, *args, *(["-f", fmt] if fmt else []), env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() or command == "report"
    if command in BOTH_NAMES:
        vocabulary = {**vocabulary, "corpus": vocabulary["corpus"] + "\n" + vocabulary["names"]}
    seen = english_written(result.stdout + result.stderr, vocabulary)
    listed = STILL_ENGLISH.get(command, set())
    if fmt == "table":
        # A table wraps long cells: what it shows of a listed phrase is a piece of it.
        assert {s for s in seen if not any(s in phrase for phrase in listed)} == set()
    else:
        # Markdown and plain text keep each phrase whole: the list is exactly what is seen.
        assert seen == listed


def test_every_listed_command_is_registered():
    assert set(ARGUMENTS) == set(_registered())
    assert set(STILL_ENGLISH) <= set(ARGUMENTS)


def test_the_definition_finds_english_and_leaves_ids_and_quoted_text_alone(vocabulary):
    assert english_written("警告： the change may reflect a revision", vocabulary) == {
        "the change may reflect a revision"
    }
    assert english_written("Note: 无", vocabulary) == {"Note:"}
    assert english_written("disposable_income_urban guangzhou 2019", vocabulary) == set()
    assert english_written("不一致  better  更好", vocabulary) == {"better"}
