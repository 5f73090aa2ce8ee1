"""Progress for steps that may take more than a second: on a terminal only, always on stderr.

Pipes, files, CI logs and ``NO_COLOR``-free scripts see nothing: the bar or the
spinner is drawn only when stderr is a terminal, and it is cleared when the step
ends, so stdout stays clean data.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: Packages whose files add up to more than this show a spinner while they load.
LOAD_SPINNER_BYTES = 5_000_000


def enabled() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def status(message: str) -> Iterator[None]:
    """A spinner with ``message`` while the block runs."""
    if not enabled():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message):
        yield


@contextmanager
def bar(total: int, description: str) -> Iterator[Callable[[], None]]:
    """A progress bar of ``total`` steps; the block calls the yielded function once per step."""
    if not enabled() or total <= 1:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda: progress.advance(task)
