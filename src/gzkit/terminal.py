"""Text for a terminal: control characters made visible, so data cannot drive the terminal.

A value in a data package, or an argument, can hold escape sequences (``\\x1b[2J``
clears the screen, ``\\x1b]0;…\\a`` retitles the window) or a newline that forges a
second ``Error:`` line. Everything gzkit writes for people (tables, markdown,
messages, completion) passes through :func:`printable`, which shows such
characters as escapes (``\\x1b``, ``\\n``) instead of sending them. Machine formats
(CSV, TSV, JSON, JSON Lines) keep the data exact: their own quoting and escaping
already make it safe to parse.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: C0 controls, DEL, C1 controls, line/paragraph separators and the bidirectional
#: overrides and isolates that can reorder what a reader sees.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\n``, ``\\u202e``)."""
    text = text if isinstance(text, str) else str(text)
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def has_control(text: str) -> bool:
    """True when ``text`` holds a character :func:`printable` would escape."""
    return _CONTROL.search(text) is not None


def wants_color(stream: object) -> bool:
    """Colour only for a terminal that shows it: not a pipe, not NO_COLOR, not TERM=dumb."""
    import os

    try:
        tty = bool(stream is not None and stream.isatty())  # type: ignore[attr-defined]  # any stream; AttributeError is caught
    except (AttributeError, OSError, ValueError):
        tty = False
    return tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM", "") not in ("dumb", "unknown")


def printable_columns(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of a DataFrame whose text cells are :func:`printable`, for drawing in a terminal."""
    out: pd.DataFrame = df.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype) in ("str", "string"):
            out[col] = [printable(v) if isinstance(v, str) else v for v in out[col]]
    out.attrs = dict(df.attrs)
    return out
