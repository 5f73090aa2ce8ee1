"""Numbers for people: the digits the source printed, in the unit it printed them in.

Only tables, markdown and the HTML report use this; machine formats always carry raw numbers.

The unit vocabulary is an explicit argument (``units``: ``{id: {name_en, name_zh,
base, multiplier}}``, see :func:`gzkit.columns.unit_table`), taken from the data
package being shown, never from the bundled one behind the user's back.

The rule, in both languages:

* a figure published to a digit at or below its unit (``decimals >= 0``) keeps that
  unit in Chinese (12,303.12亿元, 1,302.20万人, 65,052元); in English it moves to the
  nearest thousand/million/billion/trillion that keeps the same digits
  (1,230.312 billion yuan, 13.0220 million persons);
* a figure published in a larger unit than the data's (``decimals < 0``: 2.3万亿 is
  23000 in 亿元 to the nearest 1000) is shown in that larger unit, with its digits
  (2.3万亿元, 2.3 trillion yuan);
* derived numbers without a published precision keep at most two decimals;
* never more significant digits than the source, never a truncated unit.
"""

from __future__ import annotations

import math
from typing import Any

#: A data package's unit vocabulary: ``{id: {name_en, name_zh, base, multiplier}}``.
Units = dict[str, dict[str, Any]]

PREFIX = {"=": "", "~": "≈", ">": ">", ">=": "≥", "<": "<", "<=": "≤", "?": "?"}

_ZH_MAGNITUDES = ((12, "万亿"), (8, "亿"), (4, "万"))
_EN_MAGNITUDES = ((12, "trillion"), (9, "billion"), (6, "million"))


def is_missing(value: Any) -> bool:
    """True for None, NaN, NA and anything that is not a number."""
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def number(value: Any, places: int = 4, fixed: bool = False) -> str:
    """A plain number with thousands separators and at most ``places`` decimals.

    Trailing zeros are dropped unless ``fixed`` (derived rates read best aligned: 11.00, 9.49).
    """
    if is_missing(value) or not math.isfinite(float(value)):
        return "—"
    places = max(0, min(int(places), 20))
    if abs(float(value)) >= SCIENTIFIC_ABOVE or (value != 0 and abs(float(value)) < 0.5 * 10.0**-places):
        # Beyond what digits and separators can show (1e29), or a non-zero that would print as 0.
        return scientific(value)
    text = f"{float(value):,.{places}f}"
    if "." in text and not fixed:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "-0.00", "-0.0") and not fixed else text


#: From here on numbers are shown in scientific notation: float64 has no more exact digits to show.
SCIENTIFIC_ABOVE = 1e15


def scientific(value: Any) -> str:
    """Plain scientific notation (1e+29), the fallback for values the usual forms cannot show."""
    return f"{float(value):.6g}"


def _exponent(multiplier: float) -> int | None:
    """log10 of a unit's multiplier when it is a power of ten (1, 10 thousand, 100 million)."""
    if multiplier <= 0:
        return None
    e = round(math.log10(multiplier))
    return e if math.isclose(10.0**e, multiplier) else None


def _word(unit: dict[str, Any] | None, unit_id: str, lang: str, scaled: bool, units: Units) -> str:
    """The unit as a word. ``scaled`` numbers (2.3万亿, 1.2 billion) take the base unit's word."""
    if unit is None:
        return f" {unit_id}"
    base = units.get(unit.get("base") or "") if scaled else None
    if lang == "zh":
        if base is not None:
            return str(base["name_zh"])
        word = str(unit["name_zh"])
        return word.lstrip("万亿") if scaled else word
    word = str((base or unit)["name_en"])
    if scaled and base is None:
        for prefix in ("100 million ", "10 thousand ", "thousand "):
            word = word.removeprefix(prefix)
    if word == "count":
        return ""
    return word if word == "%" else " " + word  # 73.7%, but 42 km², as SI writes it


def quantity(
    value: Any,
    unit_id: str,
    decimals: Any = None,
    lang: str = "en",
    qualifier: str | None = None,
    *,
    units: Units,
) -> str:
    """``value`` (in ``unit_id`` of ``units``) as people read it: 2.3万亿元, 2.3 trillion yuan, 73.7%, 第3位."""
    if is_missing(value):
        return "—"
    value = float(value)
    prefix = PREFIX.get(qualifier or "=", "")
    places = None if is_missing(decimals) else int(decimals)
    unit = units.get(unit_id)
    if unit_id == "rank":
        return prefix + (f"第{value:g}位" if lang == "zh" else f"#{value:g}")
    exp = _exponent(float(unit["multiplier"])) if unit else 0
    if places is not None:
        places = max(-30, min(places, 20))  # a package may declare any precision; no figure prints more
    with_unit = abs(value) * 10.0 ** (exp or 0) if abs(exp or 0) < 300 else math.inf
    if not math.isfinite(value) or not with_unit < SCIENTIFIC_ABOVE * 1000 or abs(value) >= SCIENTIFIC_ABOVE:
        # Too large for words (万亿, trillion) or exact digits: the number in its own unit, in scientific notation.
        word = _word(unit, unit_id, lang, False, units)
        return prefix + scientific(value) + (word.replace(" ", "") if lang == "zh" else word)
    digits = _scaled(value, exp, places, lang)
    if digits is not None:
        text, scaled = digits
        word = _word(unit, unit_id, lang, scaled, units)
        return prefix + text + (word.strip() if lang == "zh" else word)
    if lang != "zh" and exp:
        # English has no word for 万 or 亿: the figure in the base unit, with the same digits (80,000 persons).
        base_id = str(unit.get("base") or "") if unit else ""
        base_unit = units.get(base_id)
        value, places = value * 10.0**exp, None if places is None else places - exp
        if base_unit is not None:
            unit_id, unit = base_id, base_unit
        else:
            word = _word(unit, unit_id, lang, True, units)
            return prefix + number(value, 0 if places is None or places < 0 else places) + word
    shown = number(value, places if places is not None and places >= 0 else (0 if value == int(value) else 2))
    if places is not None and places > 0:
        shown = shown + ("" if "." in shown else ".") + "0" * (places - len(shown.partition(".")[2]))
    word = _word(unit, unit_id, lang, False, units)
    return prefix + shown + (word.replace(" ", "") if lang == "zh" else word)


def _scaled(value: float, exp: int | None, places: int | None, lang: str) -> tuple[str, bool] | None:
    """The digits in a larger unit (万/亿, million/billion) and whether the unit word changes; None for plain."""
    if exp is None or value == 0:
        return None
    base = abs(value) * 10.0**exp
    magnitude = math.floor(math.log10(base))
    pick: int | None
    if places is None:
        # A derived number: scale big ones, two decimals at most.
        if lang == "zh":
            # Chinese keeps a derived figure in its own unit (21,007.52亿元) unless it is in yuan and huge.
            if exp > 0 or base < 1e8:
                return None
            pick = next(e for e, _ in _ZH_MAGNITUDES if magnitude >= e)
        else:
            top = magnitude if exp == 0 else exp + 2
            pick = next((e for e, _ in _EN_MAGNITUDES if magnitude >= e and e <= top), None)
            if pick is None or base < 1e6:
                return None
        return _digits(value * 10.0**exp / 10.0**pick, 2, strip=True) + _name(pick, lang), True
    last = exp - places  # the power of ten of the last printed digit, in base units
    if lang == "zh":
        if places >= 0:
            return None  # printed in the data's own unit: 12,303.12亿元
        pick = next((e for e, _ in _ZH_MAGNITUDES if magnitude >= e), None)
        if pick is None or pick < exp:
            return None
    else:
        if base < 1e6:
            return None  # plain digits: 65,052 yuan, 150,000 yuan
        printed = exp if places >= 0 else next((e for e, _ in _ZH_MAGNITUDES if magnitude >= e), exp)
        # The nearest English magnitude at most two powers of ten above the printed unit keeps its digits readable.
        pick = next((e for e, _ in _EN_MAGNITUDES if magnitude >= e and e <= printed + 2), None)
        if pick is None:
            return None
    return _digits(value * 10.0**exp / 10.0**pick, max(0, pick - last)) + _name(pick, lang), True


def _digits(x: float, places: int, strip: bool = False) -> str:
    text = f"{x:,.{places}f}"
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _name(exp: int, lang: str) -> str:
    if lang == "zh":
        return dict(_ZH_MAGNITUDES)[exp]
    return " " + dict(_EN_MAGNITUDES)[exp]
