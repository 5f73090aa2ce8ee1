"""The options typed before the command (``gzkit --lang zh show gdp``), which every command obeys.

:func:`gzkit.cli.app.main_callback` takes them and keeps them in a :class:`~gzkit.cli.context.State`;
``--lang`` and ``--data`` typed after the command win over these (:func:`gzkit.cli.context.state`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gzkit import __version__
from gzkit.cli.language import HELP
from gzkit.cli.options import Confidence, Lang, flag, optional
from gzkit.i18n import _


def show_version(value: bool) -> None:
    """``--version``: gzkit's version, then exit."""
    if value:
        typer.echo(f"gzkit {__version__}")
        raise typer.Exit()


LangOpt = Annotated[
    Lang | None,
    optional(
        "--lang",
        "-l",
        envvar="GZKIT_LANG",
        help=_(
            "Language of names and labels in tables. Default: zh under a zh_* locale (LC_ALL, LANG), else en.", HELP
        ),
    ),
]
DataOpt = Annotated[
    Path | None,
    optional(
        "--data",
        envvar="GZKIT_DATA",
        help=_("Use another data package with gzkit's schema (a folder with datapackage.json).", HELP),
    ),
]
MinConfidenceOpt = Annotated[
    Confidence | None,
    optional(
        "--min-confidence",
        help=_(
            "Use only figures at least this trusted: report > high > medium > low. Values computed from them follow.",
            HELP,
        ),
    ),
]
ReportOnlyOpt = Annotated[
    bool, flag("--report-only", _("Use only the report's own statements (and what they imply).", HELP))
]
NoCacheOpt = Annotated[
    bool,
    flag(
        "--no-cache",
        _("Parse a large --data package afresh instead of using its validated copy in the user cache folder.", HELP),
    ),
]
VersionOpt = Annotated[
    bool,
    typer.Option("--version", "-V", callback=show_version, is_eager=True, help=_("Show the version and exit.", HELP)),
]
