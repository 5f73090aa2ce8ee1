"""What every command takes from the command line: the global options, the data package, the output.

The options every table-writing command accepts (``-f``, ``-o``, ``--force``, ``--bom``,
``--lang``, ``--data``) are declared once, in :data:`SHARED`, and added to a command's signature by
:func:`shared_options`: typer reads a command's parameters from its signature, so a command
whose ``__signature__`` lists them gets them, and its own code reads them through :func:`shared`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from gzkit.cli.language import reader
from gzkit.cli.options import BomOpt, DataOpt, ForceOpt, FormatOpt, HelpOpt, Lang, LangOpt, OutputOpt
from gzkit.output import Sink

if TYPE_CHECKING:
    import pandas as pd

    from gzkit.data import Dataset


@dataclass
class State:
    """Global options, passed to commands through ``ctx.obj``."""

    lang: str = "en"
    data: Path | None = None
    min_confidence: str | None = None
    report_only: bool = False
    no_cache: bool = False


#: The shared options: parameter name -> (annotation, default), in the order help lists them.
SHARED: dict[str, tuple[object, object]] = {
    "fmt": (FormatOpt, None),
    "output": (OutputOpt, None),
    "force": (ForceOpt, False),
    "bom": (BomOpt, False),
    "lang": (LangOpt, None),
    "data": (DataOpt, None),
    "show_help": (HelpOpt, False),
}
#: Where a command's context keeps the shared options it was given.
SHARED_KEY = "gzkit.shared_options"
#: What a command that writes a table accepts after its own options.
TABLE = ("fmt", "output", "force", "bom", "lang", "data")
#: What a command that writes its own kind of output (a chart, a page, citations) accepts: its own -o.
OWN_FORMAT = ("force", "lang", "data")

Command = TypeVar("Command", bound=Callable[..., None])


def shared_options(*names: str) -> Callable[[Command], Command]:
    """Add the :data:`SHARED` options ``names``, then ``-h/--help``, after a command's own parameters.

    The command itself does not receive them: it reads them through :func:`shared`, :func:`state`
    and :func:`sink`.
    """
    names = (*names, "show_help")

    def add(command: Command) -> Command:
        own = inspect.signature(command, eval_str=True)
        (context,) = [p.name for p in own.parameters.values() if p.annotation is typer.Context]
        extra = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=SHARED[name][0], default=SHARED[name][1])
            for name in names
        ]

        required = [
            p.name
            for p in own.parameters.values()
            if p.default is inspect.Parameter.empty and p.annotation is not typer.Context
        ]

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            # typer 0.16 with click 8.2 or later passes None for a missing argument instead of refusing it.
            for name in required:
                if kwargs.get(name) is None:
                    from gzkit.cli.messages import usage_failure

                    usage_failure(f"Missing argument '{name.upper()}'.", kwargs[context].command_path)
            # As typer converted them (an Enum, a Path): typer 0.16 keeps the unconverted ones in ctx.params.
            kwargs[context].meta[SHARED_KEY] = {name: kwargs.pop(name, None) for name in names}
            command(*args, **kwargs)

        parameters = [*own.parameters.values(), *extra]
        # typer reads the parameters from the signature and their types from the annotations.
        run.__signature__ = own.replace(parameters=parameters)  # type: ignore[attr-defined]  # read by inspect
        run.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": None}
        return run  # type: ignore[return-value]  # same call, more keyword parameters

    return add


def shared(ctx: typer.Context) -> dict[str, Any]:
    """The :data:`SHARED` options the running command was given, by parameter name."""
    given: dict[str, Any] = ctx.meta.get(SHARED_KEY, {})
    return given


def state(ctx: typer.Context) -> State:
    """The global options, where ``--lang``/``--data`` typed after the command win over those before it."""
    base: State = ctx.find_object(State) or State()
    lang = shared(ctx).get("lang")
    data = shared(ctx).get("data")
    chosen = lang.value if isinstance(lang, Lang) else (lang or base.lang)
    reader.lang = chosen
    return State(
        lang=chosen,
        data=data or base.data,
        min_confidence=base.min_confidence,
        report_only=base.report_only,
        no_cache=base.no_cache,
    )


def sink(ctx: typer.Context) -> Sink:
    """Where and how the command's result goes: the shared output options, the reader's language."""
    from gzkit.columns import unit_table

    # Tables of another package speak its own unit vocabulary, whatever function built the result.
    ds = dataset(ctx)
    given = shared(ctx)
    return Sink(
        fmt=given["fmt"].value if given.get("fmt") else None,
        output=given.get("output"),
        force=bool(given.get("force")),
        bom=bool(given.get("bom")),
        lang=state(ctx).lang,
        units=unit_table(ds.units),
        regions=dict(zip(ds.regions["id"].astype(str), ds.regions["name_zh"].astype(str), strict=True)),
    )


def emit_table(
    ctx: typer.Context, df: pd.DataFrame, title: str, columns: list[str] | None = None, caption: str | None = None
) -> None:
    """Hand a command's result to :func:`gzkit.output.emit`, with the output options the command was given.

    ``title`` and ``caption`` that are :class:`~gzkit.i18n.Text` read in the reader's language;
    ``columns`` are what a person sees in a table (machine formats carry every column).
    """
    from gzkit import output
    from gzkit.i18n import Text

    out = sink(ctx)

    def read(text: str | None) -> str | None:
        return text.render(out.lang) if isinstance(text, Text) else text

    output.emit(df, out, title=read(title), caption=read(caption), columns=columns)


def emit_result(
    ctx: typer.Context,
    df: pd.DataFrame,
    title: str,
    columns: list[str] | None = None,
    *,
    caption: str | None = None,
    notes: Iterable[object] = (),
    formulas: str | None = None,
    explained: bool = False,
) -> None:
    """A computation's result as the reader gets it: on stderr the warnings it left in ``df.attrs``,
    ``notes`` on what the data lacks and, when ``explained`` (``--explain``), each row's formula (``formulas``
    names the computation that made ``df``: compare, growth, gap or progress); then the table
    (:func:`emit_table`)."""
    from gzkit.cli import messages

    messages.warn(df)
    messages.notes(notes)
    if formulas is not None:
        messages.explain(df, formulas, explained)
    emit_table(ctx, df, title, columns, caption)


def dataset(ctx: typer.Context) -> Dataset:
    """The data package, restricted to what --min-confidence and --report-only let through."""
    from gzkit.provenance import restrict

    chosen = state(ctx)
    key = (chosen.data, chosen.min_confidence, chosen.report_only, chosen.no_cache)
    # One command asks for its data several times (the rows, the units, the default region): load it once.
    loaded: dict[tuple[Path | None, str | None, bool, bool], Dataset] = ctx.meta.setdefault("gzkit.datasets", {})
    if key not in loaded:
        loaded[key] = restrict(_load_announced(chosen), chosen.min_confidence, chosen.report_only)
    return loaded[key]


def _load_announced(chosen: State) -> Dataset:
    """Load the package; a large one takes seconds to read and validate, so say so on a terminal."""
    from gzkit import progress
    from gzkit.data import load
    from gzkit.i18n import _

    if chosen.data is None or not progress.enabled():
        return load(chosen.data, cache=not chosen.no_cache)
    try:
        big = sum(f.stat().st_size for f in Path(chosen.data).glob("*.csv")) > progress.LOAD_SPINNER_BYTES
    except (OSError, ValueError):  # load() names what is wrong with the path
        big = False
    if not big:
        return load(chosen.data, cache=not chosen.no_cache)
    with progress.status(_("Reading the data package", chosen.lang)):
        return load(chosen.data, cache=not chosen.no_cache)


def chosen_region(ctx: typer.Context, typed: str | None) -> str:
    """The region typed, or the data package's default region: the same rule for every command."""
    if typed is not None:
        return typed
    from gzkit import core

    return core.default_region(dataset(ctx))


def dataset_and_region(ctx: typer.Context, typed: str | None) -> tuple[Dataset, str]:
    """The data package and the region a command reads in it (:func:`dataset`, :func:`chosen_region`)."""
    return dataset(ctx), chosen_region(ctx, typed)
