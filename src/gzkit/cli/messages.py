"""What the command line says to people on stderr: notes, warnings, the one error line, the exit.

Every message is rendered in :data:`gzkit.cli.language.reader`'s language: a
:class:`gzkit.i18n.Text` renders itself, any other string is looked up in the catalog.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

import typer

from gzkit.cli.language import reader
from gzkit.errors import GzkitError
from gzkit.i18n import T, Text, _, localize

if TYPE_CHECKING:
    from rich.console import Console

Command = TypeVar("Command", bound=Callable[..., None])

#: More warnings than this are summarised in one line; the rows still carry their notes.
MAX_WARNINGS = 10


def stderr() -> Console:
    """A console on stderr that prints text as written: no highlighting, no wrapping of long lines."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def say(text: object) -> None:
    """A message for people on stderr in the reader's language, printed as written (a search term may hold brackets)."""
    from rich.markup import escape

    from gzkit.terminal import printable

    stderr().print(escape(printable(localize(text, reader.lang))))


def notes(messages: Iterable[object]) -> None:
    """Sentences about what the data lacks, on stderr."""
    from rich.markup import escape

    word = _("Note:", reader.lang)
    for message in messages:
        if message:
            stderr().print(f"[cyan]{word}[/cyan] {escape(localize(message, reader.lang))}", markup=True)


def warn(df: Any) -> None:
    """The warnings a computation left in ``df.attrs["warnings"]``."""
    warn_messages(df.attrs.get("warnings", []))


def warn_messages(messages: Iterable[object]) -> None:
    """Warnings on stderr, at most :data:`MAX_WARNINGS` of them and one line for the rest."""
    from rich.markup import escape

    from gzkit.terminal import printable

    lang = reader.lang
    word = _("Warning:", lang)
    messages = list(messages)
    console = stderr()
    for message in messages[:MAX_WARNINGS]:
        # escape: messages hold brackets (pip extras, [env var]) that are not markup;
        # printable: they quote package text, which may hold control characters.
        console.print(f"[yellow]{word}[/yellow] {escape(printable(localize(message, lang)))}", markup=True)
    if len(messages) > MAX_WARNINGS:
        more = T(
            "… and {count} more like these; the `note` column marks every affected row.",
            count=len(messages) - MAX_WARNINGS,
        )
        console.print(f"[yellow]{word}[/yellow] {escape(more.render(lang))}", markup=True)


def explain(df: Any, kind: str, wanted: bool) -> None:
    """With --explain: each formula of ``df`` with its inputs, on stderr."""
    if wanted:
        from gzkit import derived
        from gzkit.terminal import printable

        for line in derived.explain(df, kind):
            typer.echo(printable(localize(line, reader.lang)), err=True)


@contextmanager
def guard() -> Iterator[None]:
    """Turn a GzkitError into one line on stderr and its exit code; no numpy warning reaches the user."""
    from gzkit import finite

    try:
        with finite.quiet():
            yield
    except GzkitError as exc:
        from rich.markup import escape

        from gzkit.writer import OutputError

        if isinstance(exc, OutputError) and "standard output" in str(exc.message):
            end_stdout()
        lang = reader.lang
        stderr().print(f"[red]{_('Error:', lang)}[/red] {escape(exc.render(lang))}", markup=True)
        raise typer.Exit(exc.exit_code) from None


def guarded(command: Command) -> Command:
    """``command`` run inside :func:`guard`: what every command of gzkit does, declared once (``cli.app.command``)."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        with guard():
            command(*args, **kwargs)

    return cast(Command, run)


def end_stdout() -> None:
    """After standard output failed: nothing more may reach it, not even Python's flush at exit."""
    from gzkit.writer import silence_stdout

    silence_stdout()
    inner = getattr(sys.stdout, "_stream", None)
    sys.stdout = inner  # None: Python skips a stream it does not have


def fail(message: object, code: int) -> NoReturn:
    """The one error line (in the reader's language when the console can show it), then exit ``code``."""
    from gzkit.terminal import printable
    from gzkit.writer import OutputError

    def said(lang: str) -> str:
        return message.render(lang) if isinstance(message, GzkitError) else localize(message, lang)

    english = said("en")
    if isinstance(sys.exc_info()[1], OutputError) or "standard output" in english:
        end_stdout()
    try:
        try:
            sys.stderr.write(f"{_('Error:', reader.lang)} {printable(said(reader.lang))}\n")
        except UnicodeEncodeError:  # a console that cannot show Chinese still gets the English line
            sys.stderr.write(f"Error: {printable(english)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # stderr is gone too: the exit status is all that is left
    sys.exit(code)


def usage_error(exc: Any) -> NoReturn:
    """A usage error (typer's own) as one line that says what to run next."""
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    code = getattr(exc, "exit_code", 2)
    if "\n" in message.strip():
        # `gzkit` alone: the help itself is the answer.
        exc.show()
        sys.exit(code)
    ctx = getattr(exc, "ctx", None)
    usage_failure(message, getattr(ctx, "command_path", None) or "gzkit", code)


def usage_failure(message: str, command: str, code: int = 2) -> NoReturn:
    """The parser's ``message`` as the one error line, with what to run next, then exit ``code``."""
    said: str | Text = usage_words(message.rstrip()) if reader.lang == "zh" else message.rstrip()
    # Chinese sets no space after its full stop; English does.
    shown = localize(said, reader.lang)
    sep = "" if shown.endswith(("。", "？", "！")) else " " if shown.endswith((".", "?", "!")) else ". "
    hint = T("Run `{command}` for usage.", command=command + " --help")
    fail(Text("{message}{sep}{hint}", {"message": said, "sep": sep, "hint": hint}), code)


def usage_words(message: str) -> str | Text:
    """typer's usage error in the catalog's words.

    The parser (typer's vendored click) writes its messages in English, and its exceptions do not
    always carry their subject (a parameter is attached only when the message is formatted), so
    the messages people meet are read by their fixed shape; anything else keeps the parser's words.
    """
    if match := _INVALID.fullmatch(message):
        return T("Invalid value for {name}: {detail}", name=match["name"], detail=match["detail"])
    if match := _MISSING.fullmatch(message):
        return T("Missing {name}.", name=match["name"])
    if match := _NO_OPTION.fullmatch(message):
        said = T("No such option: {option}.", option=match["option"])
        if match["options"]:
            said = T("{message} Possible options: {options}.", message=said, options=match["options"])
        return said
    if match := _NO_COMMAND.fullmatch(message):
        return T("No such command '{command}'.", command=match["command"])
    return message


_NAME = r"'[^']*'(?: / '[^']*')*"
_INVALID = re.compile(rf"Invalid value for (?P<name>{_NAME}): (?P<detail>.*)", re.S)
_MISSING = re.compile(rf"Missing (?:argument|option|parameter) (?P<name>{_NAME})\.")
_NO_OPTION = re.compile(r"No such option: (?P<option>\S+?)(?: \(Possible options: (?P<options>[^)]*)\))?\.?")
_NO_COMMAND = re.compile(r"No such command '(?P<command>.*)'\.")
