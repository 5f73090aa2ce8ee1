"""Terminal tables that never cut a number: side by side when it fits, stacked when it does not.

Every id, region, number, year, unit, qualifier and status word (the *whole*
roles of :mod:`gzkit.columns`) is printed on one line, whole. Names, notes and
sources wrap at word boundaries (Chinese at any character); a cell that would run
longer than :data:`MAX_LINES` lines, or a single word wider than its column, is
shortened with ``…`` and the caller is told, so it can say so on stderr.

When the whole columns and the narrowest readable prose columns cannot stand side
by side in the terminal's width, the table is stacked: one block per row, one
``field: value`` line per column, like psql's expanded display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from gzkit.cells import View, ViewColumn
from gzkit.columns import WHOLE

#: A prose column is never narrower than this (or its longest word, if shorter).
PROSE_MIN = 10
#: A run of Chinese characters asks for at most this many cells (交通与基础设施) before it may break.
_CJK_RUN = 14
#: A word wider than this is shortened rather than widen its column further.
WORD_MAX = 16
#: Prose cells in a side-by-side table stop after this many lines.
MAX_LINES = 8

#: Columns stand two cells apart, with no margin at the edges (rich: collapsed padding, no edge).
_GAP = 2

_CJK = r"\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f"
CJK_CHAR = re.compile(rf"[{_CJK}]")
# Words, single CJK characters, and the pieces of hyphenated or slashed words (a line may break after - or /).
_TOKENS = re.compile(rf"\s+|[{_CJK}]|[^\s{_CJK}\-/]+[\-/]*|[\-/]+")

#: What counts as a word when sizing a column: a run of Chinese characters, or a Latin word up to - or /.
WORDS = re.compile(rf"[{_CJK}]+|[^\s{_CJK}\-/]+[\-/]*")


@dataclass
class Printed:
    """What printing a table did that the user should hear about."""

    stacked: bool = False
    shortened: bool = False


def wrap(text: str, width: int, max_lines: int | None = None) -> tuple[list[str], bool]:
    """``text`` in lines of at most ``width`` cells, broken between words; (lines, shortened).

    A word wider than ``width`` and text beyond ``max_lines`` are cut and end in ``…``.
    """
    width = max(2, width)
    lines: list[str] = []
    shortened = False
    for paragraph in str(text).split("\n"):
        line = ""
        for token in _TOKENS.findall(paragraph):
            if token.isspace():
                if line:
                    line += " "
                continue
            if cell_len(line + token) <= width:
                line += token
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = token
            if cell_len(token) > width:
                line, shortened = _shorten(token, width), True
        lines.append(line.rstrip())
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _shorten(lines[-1] + " …", width) if cell_len(lines[-1]) + 2 > width else lines[-1] + " …"
        shortened = True
    return lines or [""], shortened


def _shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, ending in ``…``."""
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out.rstrip() + "…"


def _header_lines(header: str, width: int) -> list[str]:
    """A header broken after its underscores when narrower than the header (pct_ / change)."""
    if cell_len(header) <= width:
        return [header]
    parts = re.findall(r"[^_]+_?", header) or [header]
    lines, line = [], ""
    for p in parts:
        if line and cell_len(line + p) > width:
            lines.append(line)
            line = ""
        line += p
    lines.append(line)
    return lines


def _header_min(header: str) -> int:
    return max((cell_len(p) for p in re.findall(r"[^_]+_?", header)), default=cell_len(header))


def _widths(columns: list[ViewColumn], width: int) -> list[int] | None:
    """Column widths that fit ``width``, or None when only a stacked layout can show every value whole."""
    need: list[int] = []
    natural: list[int] = []
    for col in columns:
        head = _header_min(col.header)
        longest = max((cell_len(line) for c in col.cells for line in c.split("\n")), default=0)
        if col.role in WHOLE:
            need.append(max(head, longest))
            natural.append(need[-1])
        else:
            # A run of Chinese characters counts as one word here (a name reads best unbroken), though it may break.
            words = [min(cell_len(w), _CJK_RUN) for c in col.cells for w in WORDS.findall(c)]
            longest_word = min(max(words, default=0), WORD_MAX)
            natural.append(max(head, longest, 1))
            need.append(min(natural[-1], max(head, PROSE_MIN, longest_word)))
    room = width - _GAP * (len(columns) - 1)
    if sum(need) > room:
        return None
    spare = room - sum(need)
    widths = list(need)
    # Room first goes to unbroken headers of the whole columns (pct_change rather than pct_ / change).
    for i, col in enumerate(columns):
        if col.role in WHOLE and spare > 0:
            add = min(spare, max(0, cell_len(col.header) - widths[i]))
            widths[i] += add
            spare -= add
            natural[i] = widths[i]
    # Spare room goes to the prose columns, in proportion to what they could still use.
    wants = [natural[i] - need[i] for i in range(len(columns))]
    total = sum(wants)
    if total > 0:
        for i, w in enumerate(wants):
            widths[i] += min(w, spare * w // total)
        # What rounding left over, one cell at a time.
        left = room - sum(widths)
        for i in sorted(range(len(columns)), key=lambda i: -(natural[i] - widths[i])):
            if left <= 0:
                break
            add = min(left, natural[i] - widths[i])
            widths[i] += add
            left -= add
    return widths


def print_view(
    v: View,
    console: Console,
    *,
    title: str | None = None,
    caption: str | None = None,
    stacked_label: str = "row",
    colon: str = ":",
) -> Printed:
    """Print ``v`` on ``console`` at its width: a table if it fits, else stacked blocks."""
    captions = [c for c in [caption, *v.footnotes] if c]
    widths = _widths(v.columns, console.width) if v.columns else []
    if widths is None:
        return _print_stacked(v, console, title, captions, stacked_label, colon)
    printed = Printed()
    table = Table(
        title=title,
        caption="\n".join(captions) or None,
        box=box.SIMPLE_HEAVY,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
        header_style="bold",
        caption_justify="left",
    )
    for col, w in zip(v.columns, widths):
        table.add_column(
            "\n".join(_header_lines(col.header, w)),
            justify="right" if col.numeric else "left",
            width=w,
            no_wrap=True,
            # Never used: every line was fitted to the width above; "crop" keeps rich's justification.
            overflow="crop",
        )
    for i in range(v.rows):
        row = []
        for col, w in zip(v.columns, widths):
            text = col.cells[i]
            if col.role not in WHOLE:
                lines, cut = wrap(text, w, MAX_LINES)
                printed.shortened |= cut
                text = "\n".join(lines)
            row.append(Text(text))
        table.add_row(*row)
    console.print(table)
    return printed


def _print_stacked(
    v: View, console: Console, title: str | None, captions: list[str], label: str, colon: str = ":"
) -> Printed:
    printed = Printed(stacked=True)
    width = console.width
    keys = [col.header + colon for col in v.columns]
    key_width = max((cell_len(k) for k in keys), default=0) + 1
    if title:
        for line in wrap(title, width)[0]:
            console.print(Text(line, style="italic"), soft_wrap=True)
    # Only the names are bold: Text(name, style="bold") + Text(value) would make the value bold too
    # (the first Text's style is the style of the whole line).
    for i in range(v.rows):
        mark = f"─[ {label} {i + 1} ]"
        console.print(Text(mark + "─" * max(0, width - cell_len(mark)), style="dim"), soft_wrap=True)
        for key, col in zip(keys, v.columns):
            value = col.cells[i]
            pad = key + " " * (key_width - cell_len(key))
            if col.role in WHOLE:
                if cell_len(pad) + cell_len(value) <= width:
                    console.print(Text.assemble((pad, "bold"), value), soft_wrap=True)
                else:
                    # Too wide beside its name: on its own line, still whole.
                    console.print(Text(key, style="bold"), soft_wrap=True)
                    console.print(Text("  " + value), soft_wrap=True)
                continue
            inner = width - key_width
            if inner >= PROSE_MIN:
                lines, cut = wrap(value, inner)
                printed.shortened |= cut
                console.print(Text.assemble((pad, "bold"), lines[0]), soft_wrap=True)
                for line in lines[1:]:
                    console.print(Text(" " * key_width + line), soft_wrap=True)
            else:
                lines, cut = wrap(value, width - 2)
                printed.shortened |= cut
                console.print(Text(key, style="bold"), soft_wrap=True)
                for line in lines:
                    console.print(Text("  " + line), soft_wrap=True)
    for c in captions:
        for line in wrap(c, width)[0]:
            console.print(Text(line), soft_wrap=True)
    return printed
