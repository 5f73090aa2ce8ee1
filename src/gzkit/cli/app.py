"""The Typer app, its global options (:mod:`~gzkit.cli.global_options`), and the console entry point that turns
every outcome into an exit status."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from gzkit.cli import global_options
from gzkit.cli.context import State, shared_options
from gzkit.cli.examples import examples, with_examples
from gzkit.cli.language import HELP, help_language, reader
from gzkit.cli.messages import end_stdout, fail, guarded, usage_error
from gzkit.cli.options import HelpOpt
from gzkit.errors import GzkitError
from gzkit.i18n import T, _

app = typer.Typer(
    name="gzkit",
    help=_(
        "The quantitative record of Guangzhou's high-level xiaokang society "
        "(广州高水平全面建成小康社会, GDAS report, August 2020): browse, compare and export "
        "every figure with its provenance.\n\n"
        "Start with `gzkit domains`, then `gzkit show economy`.",
        HELP,
    ),
    epilog=_(
        "Examples: gzkit show economy · gzkit list --search 收入 · gzkit compare 2015 2019 · "
        "gzkit --lang zh show 经济 · gzkit export -f csv > gz.csv. Every command explains itself: "
        "gzkit COMMAND --help. 示例：gzkit show 经济 --lang zh（中文表头与名称）。",
        HELP,
    ),
    no_args_is_help=True,
    # gzkit's own -h/--help (options.HelpOpt) says what it does in the reader's language.
    add_help_option=False,
    # Plain help: rich help imports typer.rich_utils (markdown, tracebacks, syntax
    # highlighting), which alone takes longer than the start-up budget
    # (docs/performance.md). Usage errors then read "Error: ..." on one line.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


Command = TypeVar("Command", bound=Callable[..., None])


def command(options: tuple[str, ...], help: str, **settings: Any) -> Callable[[Command], Command]:
    """Register a command of :data:`app`: its ``help`` followed by its examples (:mod:`gzkit.cli.examples`),
    the shared ``options`` after its own (:func:`~gzkit.cli.context.shared_options`) and gzkit's own
    ``-h/--help``. A :class:`~gzkit.errors.GzkitError` the command raises ends it with one line on
    stderr and its exit status (:func:`~gzkit.cli.messages.guarded`)."""

    def add(function: Command) -> Command:
        name = settings.get("name") or function.__name__
        register = app.command(add_help_option=False, help=with_examples(help, examples(name), HELP), **settings)
        registered: Command = register(shared_options(*options)(guarded(function)))
        return registered

    return add


@app.callback()
def main_callback(
    ctx: typer.Context,
    lang: global_options.LangOpt = None,
    data: global_options.DataOpt = None,
    min_confidence: global_options.MinConfidenceOpt = None,
    report_only: global_options.ReportOnlyOpt = False,
    no_cache: global_options.NoCacheOpt = False,
    version: global_options.VersionOpt = False,
    show_help: HelpOpt = False,
) -> None:
    from gzkit import i18n

    # Neither --lang nor GZKIT_LANG: a Chinese POSIX locale (LC_ALL, LANG) chooses Chinese.
    chosen = lang.value if lang is not None else i18n.from_locale()
    reader.lang = chosen
    ctx.obj = State(
        lang=chosen,
        data=data,
        min_confidence=min_confidence.value if min_confidence else None,
        report_only=report_only,
        no_cache=no_cache,
    )


def main() -> None:
    """Console entry point: every outcome is an exit status and at most one line on stderr."""
    try:
        _run()
    finally:
        _wait_for_background_writes()


def _wait_for_background_writes() -> None:
    """Let a cache entry still being written finish; a second Ctrl-C while waiting ends gzkit quietly.

    Waiting here rather than in the interpreter's own shutdown is what keeps that Ctrl-C from
    printing a traceback. The half-written entry is a temporary file the cache removes later.
    """
    cache = sys.modules.get("gzkit.cache")
    if cache is None:
        return
    try:
        cache.finish()
    except KeyboardInterrupt:
        os._exit(130)


def _run() -> None:
    from gzkit.writer import GuardedStdout

    # An error while the options are still being read speaks the language the command line asks for.
    reader.lang = help_language(sys.argv[1:], os.environ)
    sys.stdout = GuardedStdout(sys.stdout)
    try:
        code = app(prog_name="gzkit", standalone_mode=False)
        if sys.stdout is not None:  # None once a failed standard output has been reported
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`gzkit export | head -1`): end quietly, as the
        # CPython docs advise, without a second error when stdout is flushed at exit.
        end_stdout()
        sys.exit(1)
    except UnicodeEncodeError:
        # Help or a message in Chinese on a console that cannot encode it (PYTHONIOENCODING=cp1252).
        encoding = getattr(sys.stdout, "encoding", None) or "ascii"
        fail(
            T(
                "this console cannot show Chinese text (its encoding is {encoding}). "
                "Set PYTHONIOENCODING=utf-8, or write a file with -o FILE.",
                encoding=encoding,
            ),
            1,
        )
    except GzkitError as exc:  # raised outside a command, e.g. standard output failing under --help
        fail(exc, exc.exit_code)
    except typer.Abort:
        fail(T("aborted."), 1)
    except OSError as exc:
        from gzkit.writer import stdout_failed

        fail(stdout_failed(exc), 1)
    except Exception as exc:
        # typer's usage errors: recognised by what they offer, the same on every supported typer
        # (typer.TyperException in 0.2x; click's ClickException, re-exported, before that).
        if not (hasattr(exc, "format_message") and isinstance(getattr(exc, "exit_code", None), int)):
            raise
        usage_error(exc)
    sys.exit(code if isinstance(code, int) else 0)
