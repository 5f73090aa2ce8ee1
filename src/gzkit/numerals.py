"""Chinese numerals and the quantities the report writes in words.

The report states some of its figures without a single Arabic digit:
服务业总量规模位居全国第三 (rank 3), 首超七成 (more than 70%), 占广东省的四分之一
(25%), 连续三年 (3 years), 首次跨进万亿元级 (at least 10^12 yuan). This module
reads them, so that such statements can be stored with their verbatim words
and checked (docs/data.md, "Claims in words").

* :func:`parse_integer` reads a Chinese numeral: 三 → 3, 十二 → 12, 两千零五 → 2005,
  一万零一十 → 10010, 万亿 → 10^12.
* :func:`to_chinese` writes one: 10010 → 一万零一十 (the inverse of parse_integer).
* :func:`find_quantities` finds every quantity a snippet states in words, each a
  :class:`Quantity` with its value, qualifier and kind (rank, share, count,
  money, number).
* :func:`parse_claim` reads a snippet that states exactly one claim.
* :func:`states` says whether a snippet states a given value with a given qualifier.

Word rules (the full table is in docs/data.md):

========================  ==============================  =======================
words                     reading                         example
========================  ==============================  =======================
第N, 首位                  rank N (1 = first)              全国第三 → rank 3
前N(位), N强               rank within the top N (``<=``)  世界前五位 → ≤ 5
N成                        share, N × 10 percent           七成 → 70
N分之M                     share, M ÷ N × 100 percent      四分之一 → 25
一半, 半数                 share, 50 percent
连续N年 / N大 / N + 量词    count                           连续三年 → 3, 四大 → 4
N大…之一                   also a rank within the top N    四大客运中心之一 → ≤ 4
N(万|亿)元, …元级          money in yuan; 级 = at least    万亿元级 → ≥ 10^12
半天, 半年                 0.5 of the unit                 半天 → 0.5 (天)
========================  ==============================  =======================

Qualifiers around the numeral: 超过, 超, 首超, 逾, 突破, 高于 before it and 以上,
多 after it make a lower bound (``>``); 约, 近, 接近, 将近 and 左右 an approximation
(``~``); 不到, 低于, 不足 an upper bound (``<``); 至少, 不少于 ``>=``; 不超过, 以内,
以下 ``<=``.

Numerals that are names, not quantities, are skipped: 第三产业 (the tertiary
sector), 党的十八大 and 中共三大 (party congresses), 第十一次 and 第N届 (ordinals of
meetings), 第一要务 and 一大法宝 (idioms), 每万人 (a per-capita denominator), 之一
("one of"), 上半年 (a half year, not half a year), 放在首位 (put first, not ranked
first), a lone 一 used as an article (一批, 一座图书馆), and 万 or 亿 after Arabic
digits (2.3万亿元: the unit of a number the plain ``evidence`` column covers).
Slogans that count (四个意识, 两个一百年, 千村示范) are read as counts: which
quantities are claims of a value is the curator's decision, not the parser's.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["Quantity", "find_quantities", "parse_claim", "parse_integer", "states", "to_chinese"]

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS = {"万": 10**4, "亿": 10**8}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(LARGE_UNITS)

_WRITE_DIGITS = "零一二三四五六七八九"

#: Largest number :func:`to_chinese` writes (under 10^16: 万亿 groups).
MAX_WRITTEN = 10**16 - 1


# --------------------------------------------------------------------------- integers


def parse_integer(text: str) -> int:
    """The integer a Chinese numeral writes.

    Accepts 零〇一二两三四五六七八九 with 十百千万亿, in the usual forms:
    ``十二`` (12), ``一百零五`` (105), ``两千`` (2000), ``三万四千五百六十七`` (34567),
    ``十万`` (100000), ``一万零一亿`` (1000100000000), ``万亿`` (10^12: a leading unit
    counts as one of it). Arabic digits are accepted too (``3`` → 3). Raises
    ValueError for anything else.

    >>> parse_integer("三十五"), parse_integer("一万零一十"), parse_integer("千亿")
    (35, 10010, 100000000000)
    """
    text = str(text).strip()
    if not text:
        raise ValueError("empty numeral")
    if text.isascii() and text.isdigit():
        return int(text)
    big = 0  # the part in 亿
    small = 0  # the part in 万, since the last 亿
    section = 0  # below 万
    number: int | None = None
    last_small = 10**9  # small units must fall within a section: 三千五百, not 三百五千
    last_large = 10**9  # 万 may follow 亿 (三亿五千万), not another 万
    for ch in text:
        if ch in DIGITS:
            if number is not None and number != 0 and DIGITS[ch] != 0:
                raise ValueError(f"two digits in a row in {text!r}")
            number = DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_small:
                raise ValueError(f"{ch} out of order in {text!r}")
            if number is None:
                if section or small or big:
                    raise ValueError(f"{ch} without a digit in {text!r}")
                number = 1  # 十二, 百万: a leading unit counts once
            section += number * unit
            number, last_small = None, unit
        elif ch == "万":
            if last_large <= LARGE_UNITS["万"]:
                raise ValueError(f"万 out of order in {text!r}")
            part = section + (number or 0)
            if not part:
                if big or small:
                    raise ValueError(f"万 without a digit in {text!r}")
                part = 1  # 万亿: a leading unit counts once
            small += part * LARGE_UNITS["万"]
            section, number, last_small, last_large = 0, None, 10**9, LARGE_UNITS["万"]
        elif ch == "亿":
            part = small + section + (number or 0)
            if not part:
                if big:
                    raise ValueError(f"亿 without a digit in {text!r}")
                part = 1  # 亿元级: a leading unit counts once
            if big and part * LARGE_UNITS["亿"] >= big:
                raise ValueError(f"亿 out of order in {text!r}")
            big += part * LARGE_UNITS["亿"]
            small = section = 0
            number, last_small, last_large = None, 10**9, 10**9
        else:
            raise ValueError(f"{ch!r} is not a Chinese numeral character (in {text!r})")
    return big + small + section + (number or 0)


def _section(x: int, leading: bool) -> str:
    """0 < x < 10000 in words; ``leading``: the first section, where 一十 is written 十."""
    out: list[str] = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = x // unit % 10
        if d == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        if not (leading and not out and unit == 10 and d == 1):
            out.append(_WRITE_DIGITS[d])
        out.append(name)
    return "".join(out)


def _below_yi(x: int, leading: bool) -> str:
    """0 < x < 10^8 in words."""
    high, low = divmod(x, 10000)
    if not high:
        return _section(low, leading)
    out = _section(high, leading) + "万"
    if low:
        out += ("零" if low < 1000 else "") + _section(low, False)
    return out


def to_chinese(n: int) -> str:
    """A non-negative integer in Chinese numerals, as a Chinese text writes it.

    >>> to_chinese(3), to_chinese(15), to_chinese(1005), to_chinese(150000), to_chinese(10**12)
    ('三', '十五', '一千零五', '十五万', '一万亿')
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 0 or n > MAX_WRITTEN:
        raise ValueError(f"to_chinese takes an integer from 0 to {MAX_WRITTEN}, not {n!r}")
    if n == 0:
        return "零"
    head, rest = divmod(n, 10**8)
    if not head:
        return _below_yi(rest, True)
    out = _below_yi(head, True) + "亿"
    if rest:
        out += ("零" if rest < 10**7 else "") + _below_yi(rest, False)
    return out


# --------------------------------------------------------------------------- quantities


@dataclass(frozen=True)
class Quantity:
    """One quantity stated in words.

    ``value`` is in the quantity's own terms: a rank, a percentage (七成 = 70),
    a count, or yuan for money (万亿元 = 1e12). ``qualifier`` follows gzkit's
    vocabulary (``=``, ``>``, ``>=``, ``<``, ``<=``, ``~``). ``kind`` is rank,
    share, count, money or number. ``unit`` is the measure word that follows
    (年, 个, 区, 天, 元...), empty when there is none. ``text`` is the stretch of
    the snippet that was read.
    """

    value: float
    qualifier: str
    kind: str
    unit: str
    text: str


_RUN = re.compile(rf"[0-9]+|[{NUMERAL_CHARS}]+")

#: Measure words that make a numeral a count (连续三年, 三区, 三个指标).
MEASURE_WORDS = tuple(  # the two-character words first
    (
        "公里 小时 个 年 家 项 条 座 次 位 届 类 所 级 区 天 倍 名 人 种 本 台 户 里 元 岁 场 处 期 轮 段 片 镇 村 批"
    ).split()
)

_BEFORE = (  # longest first: 不超过 before 超过, 首超 before 超
    ("不超过", "<="),
    ("不少于", ">="),
    ("不到", "<"),
    ("不足", "<"),
    ("低于", "<"),
    ("少于", "<"),
    ("至少", ">="),
    ("最多", "<="),
    ("超过", ">"),
    ("首超", ">"),
    ("突破", ">"),
    ("高于", ">"),
    ("多于", ">"),
    ("逾", ">"),
    ("超", ">"),
    ("接近", "~"),
    ("将近", "~"),
    ("约", "~"),
    ("近", "~"),
)
_AFTER = (("以上", ">"), ("以下", "<="), ("以内", "<="), ("左右", "~"), ("多", ">"))

#: Numerals that name something rather than count it: sectors, party congresses, "one of",
#: ordinals of meetings (第十一次党代会), idioms (第一要务, 一大法宝), per-capita denominators (每万人).
_NAMES = re.compile(
    r"第[一二三]产业|(?:党的|中共|团)[一二三四五六七八九十]+大|之一"
    rf"|第[{NUMERAL_CHARS}]+[次届]|第一(?:要务|动力|责任)|一大|每[{NUMERAL_CHARS}]+"
)

_HALF = re.compile(r"(一半|半数)|(?<![上下])半(天|年|月|小时)")
_FIRST = re.compile(r"(?<=[居列])[^，。；、]{0,4}?首位|居首")
_FRACTION = re.compile(rf"([{NUMERAL_CHARS}]+)分之([{NUMERAL_CHARS}]+)")


def _qualifier_before(text: str, start: int) -> str | None:
    head = text[max(0, start - 3) : start]
    for word, q in _BEFORE:
        if head.endswith(word):
            return q
    return None


def _qualifier_after(text: str, end: int) -> str | None:
    for word, q in _AFTER:
        if text.startswith(word, end):
            return q
    return None


def _measure_word(text: str, end: int) -> str:
    for word in MEASURE_WORDS:
        if text.startswith(word, end):
            return word
    return ""


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity ``text`` states in Chinese words (and ranks such as 第3), in order.

    >>> [(q.value, q.qualifier, q.kind) for q in find_quantities("游戏产业总营收占全国三成以上")]
    [(30.0, '>', 'share')]
    >>> [(q.value, q.qualifier, q.kind) for q in find_quantities("货物吞吐量、集装箱量稳居世界前五位")]
    [(5.0, '<=', 'rank')]
    """
    text = str(text)
    found: list[tuple[int, Quantity]] = []
    names = _spans(_NAMES, text)
    fractions = _spans(_FRACTION, text)
    halves = _spans(_HALF, text)

    for m in _FRACTION.finditer(text):
        try:
            den, num = parse_integer(m.group(1)), parse_integer(m.group(2))
        except ValueError:
            continue
        if den:
            q = _qualifier_before(text, m.start()) or _qualifier_after(text, m.end()) or "="
            found.append((m.start(), Quantity(round(num / den * 100, 6), q, "share", "percent", m.group())))

    for m in _HALF.finditer(text):
        q = _qualifier_before(text, m.start()) or _qualifier_after(text, m.end()) or "="
        if m.group(1):
            found.append((m.start(), Quantity(50.0, q, "share", "percent", m.group())))
        else:
            found.append((m.start(), Quantity(0.5, q, "number", m.group(2), m.group())))

    for m in _FIRST.finditer(text):  # 居全省首位, not 放在首位 (put first)
        found.append((m.start(), Quantity(1.0, "=", "rank", "", m.group()[-2:])))

    for m in _RUN.finditer(text):
        start, end, run = m.start(), m.end(), m.group()
        if _inside(names, start, end) or _inside(fractions, start, end) or _inside(halves, start, end):
            continue
        arabic = run.isascii()
        if arabic and not (start and text[start - 1] in "第前"):
            continue  # Arabic numbers are the plain evidence's business
        if not arabic and start and (text[start - 1].isdigit() or text[start - 1] == "."):
            continue  # 2.3万亿元: the unit of an Arabic number, not a numeral of its own
        try:
            value = parse_integer(run)
        except ValueError:
            continue
        before = text[start - 1] if start else ""
        after = text[end : end + 1]
        if before == "第":
            found.append((start - 1, Quantity(float(value), "=", "rank", "", text[start - 1 : end])))
            continue
        if before == "前":
            stop = end + (1 if after in ("位", "名") else 0)
            found.append((start - 1, Quantity(float(value), "<=", "rank", "", text[start - 1 : stop])))
            continue
        if after == "成":
            q = _qualifier_before(text, start) or _qualifier_after(text, end + 1) or "="
            found.append((start, Quantity(float(value * 10), q, "share", "percent", text[start : end + 1])))
            continue
        if after == "强":
            found.append((start, Quantity(float(value), "<=", "rank", "", text[start : end + 1])))
            continue
        if after == "大":
            found.append((start, Quantity(float(value), "=", "count", "", text[start : end + 1])))
            tail = re.match(r"[^，。；、,;]{0,12}?之一", text[end + 1 :])
            if tail:
                stop = end + 1 + tail.end()
                found.append((start, Quantity(float(value), "<=", "rank", "", text[start:stop])))
            continue
        money = re.match(r"元(级)?", text[end:])
        if money and run[-1] in LARGE_UNITS:
            # 万亿元级: a class of amounts, so at least the amount
            q = (
                _qualifier_before(text, start)
                or (">=" if money.group(1) else None)
                or _qualifier_after(text, money.end() + end)
                or "="
            )
            found.append((start, Quantity(float(value), q, "money", "元", text[start : end + money.end()])))
            continue
        unit = _measure_word(text, end)
        qualifier = _qualifier_before(text, start)
        consecutive = text[max(0, start - 2) : start] == "连续"
        if run == "一" and not (qualifier or consecutive):
            continue  # an article (一批, 一座), not a count
        if unit or qualifier or consecutive:
            q = qualifier or _qualifier_after(text, end + len(unit)) or "="
            found.append((start, Quantity(float(value), q, "count" if unit else "number", unit, run + unit)))
    found.sort(key=lambda item: item[0])
    return [q for _, q in found]


def parse_claim(text: str) -> Quantity:
    """The one quantity ``text`` states in words; ValueError if it states none or several.

    >>> parse_claim("占广东省的四分之一")
    Quantity(value=25.0, qualifier='=', kind='share', unit='percent', text='四分之一')
    """
    found = find_quantities(text)
    if len(found) != 1:
        what = "no quantity" if not found else f"{len(found)} quantities"
        raise ValueError(f"{text!r} states {what} in words")
    return found[0]


def states(text: str, value: float, qualifier: str = "=", money_multiplier: float | None = None) -> bool:
    """Whether ``text`` states ``value`` with ``qualifier`` in words.

    ``value`` is in the row's unit. For money, ``money_multiplier`` converts it to
    yuan (1e8 for 亿元): 首次跨进万亿元级 states 10000 亿元 with ``>=``.

    >>> states("服务业总量规模位居全国第三", 3)
    True
    >>> states("首次跨进万亿元级", 10000, ">=", money_multiplier=1e8)
    True
    """
    for q in find_quantities(text):
        if q.qualifier != qualifier:
            continue
        expected = value * money_multiplier if (q.kind == "money" and money_multiplier) else value
        if math.isclose(q.value, expected, rel_tol=1e-9, abs_tol=1e-9):
            return True
    return False
