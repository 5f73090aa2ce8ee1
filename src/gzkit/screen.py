"""Result tables on a terminal, for people: the table, its title and caption in the reader's language, and
on stderr what the table leaves out (rows beyond :data:`MAX_TABLE_ROWS`, text shortened to fit).

:mod:`gzkit.output` calls :func:`print_table` for ``-f table``; the layout itself is :mod:`gzkit.termtable`.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from gzkit.errors import GzkitError
from gzkit.i18n import N_, T, Text, _

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from gzkit import cells, termtable

#: The most rows a terminal table shows; a pipe or a file gets them all.
MAX_TABLE_ROWS = 1000


#: The stderr hint when a table had to shorten text.
SHORTENED_HINT = N_("Some text is shortened with …; -f csv or a wider terminal shows it in full.")
NO_ROWS = N_("(no rows)")
FIRST_ROWS = N_("(showing the first {shown} of {total} rows; use -f csv for all)")
#: The word before each row's number when a table is stacked (─[ row 1 ]─).
ROW_WORD = N_("row")


def table_text(
    df: pd.DataFrame,
    width: int,
    *,
    lang: str = "en",
    title: str | None = None,
    caption: str | None = None,
    columns: list[str] | None = None,
    units: dict[str, dict[str, Any]] | None = None,
    regions: dict[str, str] | None = None,
) -> str:
    """The terminal table of ``df`` as text at ``width`` columns, without colour (what a screen shows)."""
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, force_terminal=False, soft_wrap=False)
    _table_on(console, df, lang, title, caption, columns, units, regions)
    return buf.getvalue()


def _table_on(
    console: Console,
    df: pd.DataFrame,
    lang: str,
    title: str | None,
    caption: str | None,
    columns: list[str] | None,
    units: dict[str, dict[str, Any]] | None,
    regions: dict[str, str] | None = None,
) -> termtable.Printed:
    from gzkit import cells, termtable
    from gzkit.terminal import printable

    view = printable_view(cells.view(df, lang, columns, units, regions))
    return termtable.print_view(
        view,
        console,
        title=None if title is None else printable(for_reader(title, lang)),
        caption=None
        if caption is None
        else "\n".join(printable(line) for line in for_reader(caption, lang).split("\n")),
        stacked_label=_(ROW_WORD, lang),
        colon="：" if lang == "zh" else ":",
    )


def printable_view(v: cells.View) -> cells.View:
    """A view's headers, cells and footnotes made safe for a terminal; a line break reads as a space."""
    from gzkit.terminal import printable

    for c in v.columns:
        c.header = printable(c.header)
        c.cells = [printable(t.replace("\n", " ")) for t in c.cells]
    v.footnotes = [printable(f) for f in v.footnotes]
    return v


def for_reader(text: str, lang: str) -> str:
    """A title or caption for people: composed text (:class:`~gzkit.i18n.Text`) in ``lang``, other text as given."""
    return text.render(lang) if isinstance(text, Text) else text


def print_table(
    df: pd.DataFrame,
    lang: str,
    title: str | None,
    caption: str | None,
    columns: list[str] | None,
    units_table: dict[str, dict[str, Any]] | None = None,
    regions: dict[str, str] | None = None,
) -> None:
    """Print the table of ``df`` on the terminal; what it leaves out (rows beyond the limit, shortened text) is
    said on stderr."""
    from rich.console import Console

    shown = len(df)
    if shown > MAX_TABLE_ROWS:
        # rich lays out every row before printing; a big table is for a pipe, not a screen.
        df = df.head(MAX_TABLE_ROWS)
    console = Console(soft_wrap=False)
    try:
        printed = _table_on(console, df, lang, title, caption, columns, units_table, regions)
    except UnicodeEncodeError:
        raise GzkitError(
            T("this console cannot show Chinese text."), T("Set PYTHONIOENCODING=utf-8, or use -f csv with -o FILE.")
        ) from None
    err = Console(stderr=True, highlight=False)
    if df.empty:
        err.print(_(NO_ROWS, lang), markup=False)
    elif shown > MAX_TABLE_ROWS:
        err.print(_(FIRST_ROWS, lang).format(shown=MAX_TABLE_ROWS, total=shown), markup=False)
    if printed.shortened:
        err.print(_(SHORTENED_HINT, lang), markup=False)
