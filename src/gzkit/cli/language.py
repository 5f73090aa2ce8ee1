"""The reader's language on the command line: for help, decided before the commands are defined.

typer fixes every help text when a command is defined, so the language of ``--help`` is read
from the command line and the environment at import, with the precedence of ``--lang`` itself:
``--lang``/``-l`` anywhere on the command line, else ``$GZKIT_LANG``, else a zh_* POSIX locale.
Errors and warnings follow :data:`reader`, which the global options update as soon as they are read.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

from gzkit import i18n


def help_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """``zh`` or ``en``: the language ``--help`` speaks for this command line and environment."""
    chosen = None
    for n, word in enumerate(argv):
        if word == "--":
            break
        value = None
        if word in ("--lang", "-l") and n + 1 < len(argv):
            value = argv[n + 1]
        elif word.startswith("--lang="):
            value = word.removeprefix("--lang=")
        elif word.startswith("-l") and not word.startswith("--") and len(word) > 2:
            value = word[2:]
        if value in i18n.LANGS:
            chosen = value  # the last one wins, as for any option typed twice
    if chosen:
        return chosen
    env = environ.get("GZKIT_LANG")
    if env in i18n.LANGS:
        return env
    return i18n.from_locale(dict(environ))


#: The language of every help text, chosen once, when the command line is imported.
HELP = help_language(sys.argv[1:], os.environ)


class Reader:
    """The language errors and warnings are written in, known as early as the options allow."""

    lang = "en"


reader = Reader()
