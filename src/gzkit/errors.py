"""Errors a user can cause, each carrying what is valid and what to do next.

The CLI turns any :class:`GzkitError` into one line on stderr and its ``exit_code``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from gzkit.i18n import T, Text, localize, one_of


class GzkitError(Exception):
    """A problem with the user's request or data, not a bug in gzkit."""

    exit_code = 1

    def __init__(self, message: str | Text, hint: str | Text | None = None):
        super().__init__(str(message))
        self.message = message
        self.hint = hint

    def render(self, lang: str = "en") -> str:
        """The message and its hint in ``lang`` (see :class:`gzkit.i18n.Text`), safe for a terminal."""
        from gzkit.terminal import printable

        message = localize(self.message, lang)
        if self.hint:
            # Chinese sets no space after its full stop; English does.
            joint = "" if lang == "zh" and message.endswith(("。", "？", "！")) else " "
            message = f"{message}{joint}{localize(self.hint, lang)}"
        # Messages quote what the user typed and what a package holds: control characters are shown, not sent.
        return printable(message)

    def __str__(self) -> str:
        return self.render("en")


class NotFound(GzkitError):
    """An unknown domain, indicator, region or target."""

    def __init__(self, kind: str, name: str, choices: Iterable[str], command: str):
        choices = sorted(set(choices))
        close = difflib.get_close_matches(name.lower(), choices, n=3, cutoff=0.6)
        # kind is one of gzkit's own words (domain, indicator, region, target): it is translated too.
        message = T("No {kind} '{name}'.", kind=Text(kind), name=name)
        if close:
            message = T(
                "{message} Did you mean {choices}?",
                message=message,
                choices=one_of([f"'{c}'" for c in close]),
            )
        super().__init__(message, T("Run `{command}` to see them all.", command=command))
        self.kind, self.name, self.choices, self.suggestions = kind, name, choices, close


class NoData(GzkitError):
    """A valid request that the data cannot answer, e.g. a year with no observations."""


class DataError(GzkitError):
    """A data package that is missing, malformed or inconsistent."""

    def __init__(
        self, message: str | Text, *, file: str | None = None, row: int | None = None, column: str | None = None
    ):
        where: list[object] = [
            part
            for part in (
                file,
                T("row {row}", row=row) if row is not None else None,
                T("column '{column}'", column=column) if column else None,
            )
            if part
        ]
        if where:
            fields = {f"part{n}": part for n, part in enumerate([*where, message])}
            template = ", ".join(f"{{part{n}}}" for n in range(len(where))) + f": {{part{len(where)}}}"
            message = Text(template, fields)
        super().__init__(message)
        self.file, self.row, self.column = file, row, column


class UsageError(GzkitError):
    """Arguments that are malformed as typed (exit 2, like a usage error)."""

    exit_code = 2
