"""Words gzkit writes for people, in the reader's language (standard-library gettext).

The Chinese words live in ``locale/zh/LC_MESSAGES/gzkit.po``; its compiled ``gzkit.mo`` is
committed beside it and shipped in the wheel, so nothing is compiled at run time. A committed
``.mo`` (rather than a build hook) keeps an editable install and a source checkout working
without a build step; ``tests/test_i18n.py`` fails when the ``.mo`` is stale. Machine formats
keep the English codes: only what people read is translated. No pandas here: ``--help`` and
completion may use this module.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

DOMAIN = "gzkit"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGS = ("en", "zh")


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)


def _(text: str, lang: str = "en", context: str | None = None) -> str:
    """``text`` (English, the msgid) in ``lang``; English, or a word without a translation, stays as it is.

    ``context`` (a msgctxt, e.g. a column name) picks the sense of a word that means different
    things in different columns: ``same`` is 持平 as a change but 口径相同 as comparability.
    """
    if lang != "zh" or not text:
        return text
    catalog = _catalog("zh")
    if context:
        meant = catalog.pgettext(context, text)
        if meant != text:
            return meant
    return catalog.gettext(text)


def from_locale(environ: dict[str, str] | None = None) -> str:
    """``zh`` when the POSIX locale (LC_ALL, LC_MESSAGES, LANG, in that order of precedence) is Chinese, else ``en``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def N_(text: str) -> str:
    """Mark a constant (a dict value, a default) as catalog text without translating it yet."""
    return text


class Text(str):
    """Words composed now and read later, in whatever language the reader chose.

    A computation cannot know its reader's language, so it returns ``Text`` (a catalog msgid, an
    English ``str.format`` template, and the fields to fill in) instead of a finished sentence,
    and the renderer calls :meth:`render`. A ``Text`` *is* its English string (a ``str``
    subclass), so a note in a DataFrame cell, a CSV or JSON writer, a log line and a test that
    compares with English all see the English; only a renderer for people asks for Chinese.
    A field may itself be a ``Text``. In a DataFrame, a column holding ``Text`` must be of
    ``dtype=object``: pandas 3 turns a list of strings into its own str dtype, which keeps only
    the English.
    """

    msgid: str
    fields: Mapping[str, object]
    context: str | None

    def __new__(cls, msgid: str, fields: Mapping[str, object] | None = None, context: str | None = None) -> Text:
        fields = dict(fields or {})
        self = super().__new__(cls, _fill(msgid, fields, "en", context))
        self.msgid, self.fields, self.context = msgid, fields, context
        return self

    def render(self, lang: str = "en") -> str:
        return _fill(self.msgid, self.fields, lang, self.context)

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled (the cache, multiprocessing) as what it is, not as a bare string.
        return (Text, (self.msgid, dict(self.fields), self.context))

    def __copy__(self) -> Text:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Text:
        # A Text is never changed once made. pandas deep-copies ``attrs`` (warnings are Text) on
        # most operations; composing every sentence again each time cost seconds at 10^7 rows.
        return self


def _fill(msgid: str, fields: Mapping[str, object], lang: str, context: str | None) -> str:
    values = {name: value.render(lang) if isinstance(value, Text) else value for name, value in fields.items()}
    template = _(msgid, lang, context) if lang != "en" else msgid
    return template.format(**values) if values else template


def T(msgid: str, /, **fields: object) -> Text:
    """``T("No year {year} in the data.", year=2031)``: a :class:`Text`, and the mark the catalog test extracts."""
    return Text(msgid, fields)


def localize(text: object, lang: str) -> str:
    """``text`` for a reader of ``lang``: a :class:`Text` renders itself, a string is looked up as a msgid."""
    if isinstance(text, Text):
        return text.render(lang)
    return _(str(text), lang)


def one_of(choices: list[str]) -> str | Text:
    """``'a', 'b' or 'c'``, with the "or" in the reader's language."""
    if len(choices) < 2:
        return "".join(choices)
    return T("{rest} or {last}", rest=", ".join(choices[:-1]), last=choices[-1])
