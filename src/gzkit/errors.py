"""Errors a user can cause, each carrying what is valid and what to do next.

The CLI turns any :class:`GzkitError` into one line on stderr and its ``exit_code``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class GzkitError(Exception):
    """A problem with the user's request or data, not a bug in gzkit."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        from gzkit.terminal import printable

        # Messages quote what the user typed and what a package holds: control characters are shown, not sent.
        return printable(f"{self.message} {self.hint}" if self.hint else self.message)


class NotFound(GzkitError):
    """An unknown domain, indicator, region or target."""

    def __init__(self, kind: str, name: str, choices: Iterable[str], command: str):
        choices = sorted(set(choices))
        close = difflib.get_close_matches(name.lower(), choices, n=3, cutoff=0.6)
        message = f"No {kind} '{name}'."
        if close:
            message += " Did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
        super().__init__(message, f"Run `{command}` to see them all.")
        self.kind, self.name, self.choices, self.suggestions = kind, name, choices, close


class NoData(GzkitError):
    """A valid request that the data cannot answer, e.g. a year with no observations."""


class DataError(GzkitError):
    """A data package that is missing, malformed or inconsistent."""

    def __init__(self, message: str, *, file: str | None = None, row: int | None = None, column: str | None = None):
        where = ", ".join(
            part
            for part in (
                file,
                f"row {row}" if row is not None else None,
                f"column '{column}'" if column else None,
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.file, self.row, self.column = file, row, column


class UsageError(GzkitError):
    """Arguments that are malformed as typed (exit 2, like a usage error)."""

    exit_code = 2
