"""The small pieces of the report page: escaped text in both languages, a quantity, its provenance.

Every word gzkit writes on the page comes from the catalog (:mod:`gzkit.i18n`) in both languages, and the
page's switch shows one; every text goes through :func:`html.escape`.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from html import escape
from typing import Any

from gzkit import humanize
from gzkit.i18n import N_, localize

#: What a qualifier says about a number, written out (a hover) and as a badge.
QUALIFIER_NOTES = {
    ">": N_("a lower bound: more than this"),
    ">=": N_("a lower bound: at least this"),
    "<": N_("an upper bound: less than this"),
    "<=": N_("an upper bound: at most this"),
    "~": N_("approximate"),
    "?": N_("bounds nothing: its inputs push both ways"),
}
QUALIFIER_BADGES = {
    ">": N_("lower bound"),
    ">=": N_("lower bound"),
    "<": N_("upper bound"),
    "<=": N_("upper bound"),
    "~": N_("approx."),
    "?": N_("unbounded"),
}


def e(text: object) -> str:
    """``text`` escaped for an element or an attribute; None is empty."""
    return escape("" if text is None else str(text), quote=True)


def bi(en: object, zh: object, tag: str = "span") -> str:
    """Text in both languages; the page's switch shows one. Identical text is written once."""
    en_text, zh_text = ("" if en is None else str(en)), ("" if zh is None else str(zh))
    if en_text == zh_text:
        return e(en_text)
    return f'<{tag} class="en" lang="en">{e(en_text)}</{tag}><{tag} class="zh" lang="zh-CN">{e(zh_text)}</{tag}>'


def words(text: str) -> str:
    """gzkit's own words (a catalog msgid or a :class:`~gzkit.i18n.Text`) in both languages."""
    return bi(localize(text, "en"), localize(text, "zh"))


def is_missing(value: object) -> bool:
    """True for None, NA and anything that is not a number (NaN included)."""
    try:
        return value is None or math.isnan(float(value))  # type: ignore[arg-type]  # a cell: anything float() takes
    except (TypeError, ValueError):
        return True


def quantity(
    value: object, unit: str, units: Mapping[str, Any], decimals: object = None, qualifier: object = None
) -> str:
    """A value in its unit and published precision, in both languages; a dash when there is none."""
    if is_missing(value):
        return "—"
    places = None if is_missing(decimals) else int(decimals)  # type: ignore[call-overload]  # checked just above
    q = qualifier if isinstance(qualifier, str) else None
    shown = {lang: humanize.quantity(value, unit, places, lang, q, units=dict(units)) for lang in ("en", "zh")}
    return bi(shown["en"], shown["zh"])


def provenance_text(row: Mapping[Hashable, Any]) -> str:
    """The short form, for a hover: where the number was published."""
    return " · ".join(str(row.get(k)) for k in ("source", "vintage") if isinstance(row.get(k), str) and row.get(k))


def provenance(row: Mapping[Hashable, Any]) -> str:
    """A <details> with where a number comes from: source, vintage, the report's words, the note."""
    # The labels come from the stylesheet in the page's language, so they are not written twice per number.
    rows = "".join(
        f'<dt class="k-{key}"></dt><dd>{e(row.get(key))}</dd>'
        for key in ("source", "vintage", "evidence", "note")
        if isinstance(row.get(key), str) and row.get(key)
    )
    if not rows:
        return ""
    return f'<details class="prov"><summary></summary><dl>{rows}</dl></details>'


def qualifier_badge(q: object) -> str:
    """A short badge for a bound or an approximation, its meaning in the hover; '' for an exact figure."""
    if not isinstance(q, str) or q in ("", "="):
        return ""
    note = QUALIFIER_NOTES.get(q, q)
    short = QUALIFIER_BADGES.get(q, q)
    return f' <abbr class="q" title="{e(localize(note, "en"))} · {e(localize(note, "zh"))}">{words(short)}</abbr>'
