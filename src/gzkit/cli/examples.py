"""The examples every command's help ends with: command lines, each beside what it does.

The examples are data, ``examples.csv`` beside this module: one row an example (the command, its
command line, what it does), each command's rows in the order its help shows them. What an example
does is a catalog entry (gzkit.po, section "Command line"); a command line reads the same in every
language. :func:`with_examples` lays them out under one heading, the same way for every command:
the command lines in a column and what each does beside them or, where a command line is too wide
for that, on the line below it.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from gzkit.i18n import N_, _

#: A command line and what it does (English, a catalog msgid).
Example = tuple[str, str]

TABLE = Path(__file__).resolve().with_name("examples.csv")
HEADING = N_("Examples (示例):")
#: Where a command line starts; what it does starts twice as far in when it has a line of its own.
INDENT = " " * 4
#: Between the widest command line and what it does.
GAP = " " * 3
#: Command lines wider than this (in terminal columns) put what they do on the line below: beside a
#: wider one, what it does would be wrapped by a terminal of 100 columns.
SIDE_BY_SIDE = 48


@cache
def table() -> dict[str, list[Example]]:
    """Every command's examples, by the command's name, as ``examples.csv`` lists them."""
    by_command: dict[str, list[Example]] = {}
    with TABLE.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            by_command.setdefault(row["command"], []).append((row["example"], row["does"]))
    return by_command


def examples(command: str) -> list[Example]:
    """The examples of ``command`` (its name as typed: ``list``, not ``list_``), in the order help shows them."""
    return list(table().get(command, []))


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes: two for a wide character (汉字), one for any other."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def with_examples(summary: str, shown: Sequence[Example], lang: str) -> str:
    r"""``summary``, then the examples ``shown`` under their heading, in ``lang``: a command's help text.

    The examples are one paragraph marked ``\b``, click's mark for a paragraph it keeps line for line.
    """
    if not shown:
        return summary
    width = max(columns(line) for line, _does in shown)
    if width > SIDE_BY_SIDE:
        rows = [f"{INDENT}{line}\n{INDENT * 2}{_(does, lang)}" for line, does in shown]
    else:
        rows = [f"{INDENT}{line}{' ' * (width - columns(line))}{GAP}{_(does, lang)}" for line, does in shown]
    return "\n\n".join([summary, _(HEADING, lang), "\b\n" + "\n".join(rows)])
