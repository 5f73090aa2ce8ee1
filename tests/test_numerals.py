"""The Chinese-numeral parser: integers both ways, and quantities read from the report's words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gzkit.numerals import find_quantities, parse_claim, parse_integer, states, to_chinese

INTEGERS = [
    ("零", 0),
    ("一", 1),
    ("两", 2),
    ("十", 10),
    ("十二", 12),
    ("二十", 20),
    ("三十五", 35),
    ("一百零五", 105),
    ("一百一十", 110),
    ("两千", 2000),
    ("两千零五", 2005),
    ("三万四千五百六十七", 34567),
    ("一万零一十", 10010),
    ("十万", 100000),
    ("十五万", 150000),
    ("千亿", 10**11),
    ("万亿", 10**12),
    ("一亿零五万", 100050000),
    ("3", 3),
]


@pytest.mark.parametrize("text,value", INTEGERS)
def test_parse_integer(text, value):
    assert parse_integer(text) == value


@pytest.mark.parametrize("text", ["", "abc", "十十", "三百五千", "一二", "三点五", "第三"])
def test_parse_integer_rejects_what_is_not_one_numeral(text):
    with pytest.raises(ValueError):
        parse_integer(text)


@pytest.mark.parametrize(
    "value,text", [(3, "三"), (10, "十"), (15, "十五"), (110, "一百一十"), (1005, "一千零五"), (10010, "一万零一十")]
)
def test_to_chinese_writes_as_a_chinese_text_does(value, text):
    assert to_chinese(value) == text


@pytest.mark.parametrize("bad", [-1, 1.5, True, "3", 10**16])
def test_to_chinese_rejects_what_is_not_a_small_non_negative_integer(bad):
    with pytest.raises(ValueError):
        to_chinese(bad)


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=99999))
def test_round_trip_1_to_99999(n):
    assert parse_integer(to_chinese(n)) == n


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_round_trip_up_to_ten_thousand_trillion(n):
    assert parse_integer(to_chinese(n)) == n


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=99999))
def test_a_rank_in_words_reads_back(n):
    (q,) = find_quantities(f"位居全国第{to_chinese(n)}")
    assert (q.value, q.qualifier, q.kind) == (n, "=", "rank")


@settings(deadline=None)
@given(st.integers(min_value=2, max_value=999))
def test_more_than_n_things_reads_back(n):
    (q,) = find_quantities(f"超过{to_chinese(n)}个")
    assert (q.value, q.qualifier, q.kind, q.unit) == (n, ">", "count", "个")


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=9))
def test_tenths_read_as_percent(n):
    (q,) = find_quantities(f"占全国{to_chinese(n)}成以上")
    assert (q.value, q.qualifier, q.kind, q.unit) == (n * 10, ">", "share", "percent")


# Snippets of the report, and every quantity they state in words: (value, qualifier, kind).
REPORT_WORDS = [
    ("服务业总量规模位居全国第三", [(3, "=", "rank")]),
    ("居全省首位", [(1, "=", "rank")]),
    ("货物吞吐量、集装箱量稳居世界前五位", [(5, "<=", "rank")]),
    ("全国第3", [(3, "=", "rank")]),
    ("全球金融中心指数排名跻身二十强", [(20, "<=", "rank")]),
    ("在2015年首超七成", [(70, ">", "share")]),
    ("对全市外贸增长的贡献率超过七成", [(70, ">", "share")]),
    ("游戏产业总营收占全国三成以上", [(30, ">", "share")]),
    ("占广东省的四分之一", [(25, "=", "share")]),
    ("约三分之二", [(66.666667, "~", "share")]),
    ("半数以上", [(50, ">", "share")]),
    ("连续三年达到国家二级标准", [(3, "=", "count"), (2, "=", "count")]),
    ("四大动漫系列入选全国动漫十大品牌", [(4, "=", "count"), (10, "=", "count")]),
    ("位列全国铁路四大客运中心之一", [(4, "=", "count"), (4, "<=", "rank")]),
    ("花都、从化、增城三区", [(3, "=", "count")]),
    ("三年计划两年完成", [(3, "=", "count"), (2, "=", "count")]),
    ("首次跨进万亿元级", [(1e12, ">=", "money")]),
    ("成为超千亿元产业", [(1e11, ">", "money")]),
    ("最快半天办结", [(0.5, "=", "number")]),
    ("近两百个", [(200, "~", "count")]),
    ("不到十个", [(10, "<", "count")]),
]


@pytest.mark.parametrize("snippet,expected", REPORT_WORDS)
def test_find_quantities_in_report_words(snippet, expected):
    got = [(round(q.value, 6), q.qualifier, q.kind) for q in find_quantities(snippet)]
    assert got == [(pytest.approx(v), q, k) for v, q, k in expected]


@pytest.mark.parametrize(
    "snippet",
    [
        "第三产业对GDP的贡献率",
        "党的十八大以来",
        "中共三大会址纪念馆",
        "超算中心之一",
        "一批重大文化基础设施",
        "半专业力量",
        "市第十一次党代会正式宣布",
        "始终把发展作为第一要务",
        "是引领发展的第一动力",
        "治理的一大法宝",
        "每万人公共文化设施面积",
        "2020年上半年新增",
        "把人民群众生命和健康放在首位",
    ],
)
def test_names_and_articles_are_not_quantities(snippet):
    assert find_quantities(snippet) == []


def test_arabic_numbers_are_left_to_the_digit_evidence():
    assert find_quantities("2019年GDP总量达2.3万亿元") == []


def test_parse_claim_wants_exactly_one():
    assert parse_claim("地铁运能利用度达到全球第一").value == 1
    with pytest.raises(ValueError, match="no quantity"):
        parse_claim("广州港")
    with pytest.raises(ValueError, match="2 quantities"):
        parse_claim("三年计划两年完成")


def test_states_checks_value_and_qualifier():
    assert states("游戏产业总营收占全国三成以上", 30, ">")
    assert not states("游戏产业总营收占全国三成以上", 30, "=")
    assert not states("游戏产业总营收占全国三成以上", 3, ">")
    assert states("首次跨进万亿元级", 10000, ">=", money_multiplier=1e8)
    assert not states("首次跨进万亿元级", 10000, ">=")  # without the unit, 10000 is not 10^12
    assert states("三年计划两年完成", 2) and states("三年计划两年完成", 3) and not states("三年计划两年完成", 5)


#: Phrases in the report's manner, and every quantity gzkit reads from each, in order:
#: (value, qualifier, kind, unit, the stretch of text read).
PHRASES = [
    ("占广东省的四分之一", [(25.0, "=", "share", "percent", "四分之一")]),
    ("超过三分之二", [(66.666667, ">", "share", "percent", "三分之二")]),
    ("三分之一以上", [(33.333333, ">", "share", "percent", "三分之一")]),
    ("一半以上", [(50.0, ">", "share", "percent", "一半")]),
    ("半年", [(0.5, "=", "number", "年", "半年")]),
    ("上半年", []),
    ("居全省首位", [(1.0, "=", "rank", "", "首位")]),
    ("居首位", [(1.0, "=", "rank", "", "居首")]),
    ("位居全国第三", [(3.0, "=", "rank", "", "第三")]),
    ("稳居世界前五位", [(5.0, "<=", "rank", "", "前五位")]),
    ("进入前十", [(10.0, "<=", "rank", "", "前十")]),
    ("进入前十名", [(10.0, "<=", "rank", "", "前十名")]),
    ("三成以上", [(30.0, ">", "share", "percent", "三成")]),
    ("近七成", [(70.0, "~", "share", "percent", "七成")]),
    ("全国十强", [(10.0, "<=", "rank", "", "十强")]),
    ("三大中心之一", [(3.0, "=", "count", "", "三大"), (3.0, "<=", "rank", "", "三大中心之一")]),
    ("首次跨进万亿元级", [(1e12, ">=", "money", "元", "万亿元级")]),
    ("超过千亿元", [(1e11, ">", "money", "元", "千亿元")]),
    ("实现千亿元", [(1e11, "=", "money", "元", "千亿元")]),
    ("万亿元以上", [(1e12, ">", "money", "元", "万亿元")]),
    ("约一千万元级", [(1e7, "~", "money", "元", "一千万元级")]),
    ("超过三万人", [(30000.0, ">", "count", "人", "三万人")]),
    ("连续三年", [(3.0, "=", "count", "年", "三年")]),
    ("连续三", [(3.0, "=", "number", "", "三")]),
    ("已连续三", [(3.0, "=", "number", "", "三")]),
    ("三年", [(3.0, "=", "count", "年", "三年")]),
    ("超过三百个", [(300.0, ">", "count", "个", "三百个")]),
    ("约五十", [(50.0, "~", "number", "", "五十")]),
    ("超过一个", [(1.0, ">", "count", "个", "一个")]),
    ("三个以上", [(3.0, ">", "count", "个", "三个")]),
    ("一批", []),
    ("2.3万亿元", []),
    ("3.五倍", []),
    ("第3", [(3.0, "=", "rank", "", "第3")]),
    ("前10位", [(10.0, "<=", "rank", "", "前10位")]),
    ("第十一次党代会", []),
    ("位列前十，", [(10.0, "<=", "rank", "", "前十")]),
    ("占三成", [(30.0, "=", "share", "percent", "三成")]),
    ("三大中心之一，位居前列", [(3.0, "=", "count", "", "三大"), (3.0, "<=", "rank", "", "三大中心之一")]),
    ("十十分之一，三分之一", [(33.333333, "=", "share", "percent", "三分之一")]),
    # A numeral at the very start has nothing before it: the 前 at the end is not its 前.
    ("三年，排名靠前", [(3.0, "=", "count", "年", "三年")]),
    ("每万人", []),
    # What is skipped does not stop the reading: the quantity after it is still found.
    ("第一产业占比超过三成", [(30.0, ">", "share", "percent", "三成")]),
    ("2019年超过三成", [(30.0, ">", "share", "percent", "三成")]),
    ("十十分之一，近七成", [(70.0, "~", "share", "percent", "七成")]),
    ("十十，近七成", [(70.0, "~", "share", "percent", "七成")]),
    ("一批，近七成", [(70.0, "~", "share", "percent", "七成")]),
    ("2.3万亿元，超过千亿元", [(1e11, ">", "money", "元", "千亿元")]),
    ("第3，全国十强", [(3.0, "=", "rank", "", "第3"), (10.0, "<=", "rank", "", "十强")]),
    ("三成以上，全国十强", [(30.0, ">", "share", "percent", "三成"), (10.0, "<=", "rank", "", "十强")]),
    ("全国十强，近七成", [(10.0, "<=", "rank", "", "十强"), (70.0, "~", "share", "percent", "七成")]),
    ("超过千亿元，近七成", [(1e11, ">", "money", "元", "千亿元"), (70.0, "~", "share", "percent", "七成")]),
    (
        "前五位，三大，约五十",
        [(5.0, "<=", "rank", "", "前五位"), (3.0, "=", "count", "", "三大"), (50.0, "~", "number", "", "五十")],
    ),
]


# Plain ids: mutmut selects tests by id, and some ids of Chinese text and punctuation do not survive the trip.
@pytest.mark.parametrize(("text", "expected"), PHRASES, ids=[f"phrase{n}" for n in range(len(PHRASES))])
def test_every_quantity_a_phrase_states_with_its_unit_and_words(text, expected):
    found = [(q.value, q.qualifier, q.kind, q.unit, q.text) for q in find_quantities(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "^empty numeral$"),
        ("abc", "'a' is not a Chinese numeral character"),
        ("٣", "'٣' is not a Chinese numeral character"),  # a digit, but neither ASCII nor Chinese
        ("三一", "two digits in a row"),
        ("十十", "十 out of order"),
        ("一万十", "十 without a digit"),
        ("一万二万", "万 out of order"),
        ("一亿万", "万 without a digit"),
        ("一亿亿", "亿 without a digit"),
        ("一亿二亿", "亿 out of order"),
        ("一亿一亿", "亿 out of order"),
    ],
    ids=[f"numeral{n}" for n in range(11)],
)
def test_parse_integer_says_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        parse_integer(text)


def test_parse_integer_reads_leading_units_and_several_yi():
    assert parse_integer("亿") == 10**8
    assert parse_integer("两万亿零一亿") == 2_000_100_000_000


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (100000, "十万"),
        (150000, "十五万"),
        (11000, "一万一千"),
        (1015, "一千零一十五"),
        (10**8 + 5, "一亿零五"),
        (10**8 + 10**7, "一亿一千万"),
        (10**8 + 2 * 10**7, "一亿二千万"),
        (10**9, "十亿"),
        (10**8 + 100, "一亿零一百"),
        (10**8 + 10, "一亿零一十"),
    ],
)
def test_to_chinese_places_zero_and_ten_as_a_chinese_text_does(value, text):
    assert to_chinese(value) == text


def test_to_chinese_names_its_range():
    with pytest.raises(ValueError, match="to_chinese takes an integer from 0 to 9999999999999999, not -1"):
        to_chinese(-1)


def test_parse_claim_says_how_many_quantities_it_found():
    with pytest.raises(ValueError, match="states no quantity in words"):
        parse_claim("规模持续扩大")
    with pytest.raises(ValueError, match="states 2 quantities in words"):
        parse_claim("第3，全国十强")


def test_states_looks_past_a_quantity_of_another_qualifier_and_matches_exactly():
    # 三成 (> 30) comes first; the rank 第三 (= 3) is the one stated with "=".
    assert states("超过三成，位居全国第三", 3)
    assert not states("位居全国第三", 2.5)
    assert not states("位居全国第三", 3.5)
