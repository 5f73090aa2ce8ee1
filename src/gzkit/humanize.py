"""Numbers for people: published precision, 万/亿 or thousand/million, unit words.

Only tables and markdown use this; machine formats always carry raw numbers.
"""

from __future__ import annotations

import csv
import math
import re
from functools import lru_cache

from gzkit.data import bundled_path

PREFIX = _QUALIFIER_PREFIX = {"=": "", "~": "≈", ">": ">", ">=": "≥", "<": "<", "<=": "≤", "?": "?"}
_EXPONENTS = {"zh": (12, 8, 4), "en": (12, 9, 6, 3)}


@lru_cache(maxsize=1)
def _units() -> dict[str, dict]:
    with open(bundled_path() / "units.csv", encoding="utf-8", newline="") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def _missing(value) -> bool:
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def is_missing(value) -> bool:
    """True for None, NaN, NA and anything that is not a number."""
    return _missing(value)


def number(value, places: int = 4, fixed: bool = False) -> str:
    """A plain number with thousands separators and at most ``places`` decimals.

    Trailing zeros are dropped unless ``fixed`` (derived rates read best aligned: 11.00, 9.49).
    """
    if _missing(value):
        return "—"
    value = float(value)
    if not math.isfinite(value):
        return "—"
    places = max(0, min(int(places), 20))
    if abs(value) >= _SCIENTIFIC_ABOVE or (value != 0 and abs(value) < 0.5 * 10.0**-places):
        # Beyond what digits and separators can show (1e29), or a non-zero that would print as 0.
        return scientific(value)
    text = f"{value:,.{places}f}"
    if "." in text and not fixed:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


#: From here on numbers are shown in scientific notation: float64 has no more exact digits to show.
_SCIENTIFIC_ABOVE = 1e15


def scientific(value: float) -> str:
    """Plain scientific notation (1.5e+29), the fallback for values the usual forms cannot show."""
    return f"{float(value):.6g}"


def _unit_word(unit: dict | None, unit_id: str, lang: str, compact: bool, units: dict | None = None) -> str:
    """The unit as a word; ``compact`` numbers (2.3万亿, 2.3 trillion) take the base unit's word."""
    if unit is None:
        return f" {unit_id}"
    base = (units or _units()).get(unit.get("base", "")) if compact else None
    if lang == "zh":
        if base is not None:
            return base["name_zh"]
        word = unit["name_zh"]
        return word.lstrip("万亿") if compact else word
    if base is not None:
        word = base["name_en"]
    else:
        word = unit["name_en"]
        if compact:
            for prefix in ("100 million ", "10 thousand "):
                word = word.removeprefix(prefix)
    if word == "count":
        return ""
    return word if word == "%" else " " + word  # 73.7%, but 42 km², as SI writes it


def quantity(
    value,
    unit_id: str,
    decimals=None,
    lang: str = "en",
    qualifier: str | None = None,
    units: dict[str, dict] | None = None,
) -> str:
    """``value`` (in ``unit_id``) as people read it: 2.3万亿元, 2.3 trillion yuan, 73.7%, 第3位."""
    if _missing(value):
        return "—"
    value = float(value)
    prefix = _QUALIFIER_PREFIX.get(qualifier or "=", "")
    places = None if _missing(decimals) else int(decimals)
    unit = (units or _units()).get(unit_id)
    if unit_id == "rank":
        return prefix + (f"第{value:g}位" if lang == "zh" else f"#{value:g}")
    multiplier = float(unit["multiplier"]) if unit else 1.0
    base = value * multiplier
    if not math.isfinite(base) or abs(base) >= _SCIENTIFIC_ABOVE * 1000:
        # Too large for words (万亿, trillion) or babel: the number in its own unit, in scientific notation.
        return prefix + scientific(value) + _unit_word(unit, unit_id, lang, compact=False, units=units)
    if multiplier > 1 or abs(base) >= 1e6:
        text = _compact(value, base, places, lang)
        if text is not None:
            return (
                prefix + text + _unit_word(unit, unit_id, lang, compact=True, units=units).strip()
                if lang == "zh"
                else (prefix + text + _unit_word(unit, unit_id, lang, compact=True, units=units))
            )
    shown = number(value, places if places is not None and places >= 0 else (0 if value == int(value) else 2))
    if places is not None and places > 0 and "." not in shown:
        shown += "." + "0" * places
    elif places is not None and places > 0:
        shown = shown + "0" * (places - len(shown.split(".")[1]))
    return (
        prefix
        + shown
        + _unit_word(unit, unit_id, lang, compact=False, units=units).replace(" ", "" if lang == "zh" else " ")
    )


def _compact(value: float, base: float, places: int | None, lang: str) -> str | None:
    from babel.numbers import format_compact_decimal

    v = abs(base)
    if v == 0:
        return None
    exps = _EXPONENTS["zh" if lang == "zh" else "en"]
    exp = next((e for e in exps if v >= 10**e), 0)
    if exp == 0:
        return None
    if places is None:
        fraction = 2
    else:
        significant = max(1, math.floor(math.log10(abs(value))) + 1 + places)
        fraction = max(0, significant - (math.floor(math.log10(v)) - exp + 1))
    locale = "zh_CN" if lang == "zh" else "en"
    try:
        text = format_compact_decimal(
            base, format_type="long" if lang != "zh" else "short", locale=locale, fraction_digits=min(fraction, 20)
        )
    except (ArithmeticError, ValueError):  # beyond babel's decimal context: the caller falls back to plain digits
        return None
    if places is not None and fraction:
        # babel drops trailing zeros; the published precision keeps them (1302.20万).
        m = re.match(r"(-?[\d,]+)(?:\.(\d+))?(.*)", text)
        if m:
            text = f"{m.group(1)}.{(m.group(2) or '').ljust(fraction, '0')}{m.group(3)}"
    return text
