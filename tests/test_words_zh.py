"""Sentences the computations compose: English unchanged for machines, Chinese for a Chinese reader."""

from __future__ import annotations

import csv
import io
import pickle

import pytest

from gzkit import core, derived, missing, provenance, search, stated, versus, xiaokang
from gzkit.errors import NoData, UsageError
from gzkit.i18n import Text, localize
from gzkit.notes import Bilingual, Listing
from gzkit.rates import change_rates

#: The 2015 GDP in the data is the pre-census first release; the 2019 one is the report's.
GDP_2015 = "pre-2019-census (first-release/yearbook level), NOT the revised series (revised 2015 ≈ 18560)"


def test_gdp_2015_to_2019_crosses_vintages_in_both_languages(ds):
    row = core.compare(ds, 2015, 2019).set_index("indicator").loc["gdp"]
    assert (row["value_a"], row["value_b"]) == (18100.41, 23000)
    note = row["note"]
    assert isinstance(note, Text)
    assert note == (
        f"crosses vintages: {GDP_2015} vs report 2020-08; "
        "stated by the report: real average annual growth 2016-2019 = 6.8% (gdp_growth_avg)"
    )
    assert note.render("zh") == (
        f"跨发布版本：{GDP_2015} 对比 report 2020-08；报告所述：2016-2019年均实际增长 6.8%（gdp_growth_avg）"
    )


def test_growth_warnings_and_notes_render_in_chinese(ds):
    g = core.growth(ds, "gdp")
    warning = g.attrs["warnings"][-1]
    assert warning == (
        f"gdp guangzhou 2015->2019: {GDP_2015} vs report 2020-08 "
        "(different releases; the change may reflect a revision, not growth)"
    )
    assert warning.render("zh") == (
        f"gdp guangzhou 2015->2019: {GDP_2015} 对比 report 2020-08 (发布版本不同；变化可能来自数据修订，而非增长)"
    )
    stated_row = g[g["kind"] == "stated"].iloc[0]
    assert stated_row["cagr"] == pytest.approx(((23000 / 18100.41) ** 0.25 - 1) * 100, abs=1e-6)
    assert stated_row["note"].endswith("(gdp_growth_avg); the computed CAGR is nominal, from levels")
    assert stated_row["note"].render("zh").endswith("（gdp_growth_avg）；计算所得年均增速为名义增速，由总量推算")
    # A step the report gives a yearly rate for: an official release, its confidence in Chinese.
    step = g[(g["kind"] == "step") & (g["to_year"] == 2017)].iloc[0]
    assert "stated by an official release (medium confidence): real growth over the year before = 7.0%" in step["note"]
    assert "官方发布（可信度：中）所述：比上年实际增长 7.0%（gdp_growth）" in step["note"].render("zh")


def test_csv_of_a_growth_keeps_the_english_note(invoke):
    rows = list(csv.DictReader(io.StringIO(invoke("--lang", "zh", "growth", "gdp", "-f", "csv").stdout)))
    stated_row = next(r for r in rows if r["kind"] == "stated")
    assert stated_row["note"].endswith("the computed CAGR is nominal, from levels")
    assert (stated_row["name_en"], stated_row["name_zh"]) == ("GDP", "地区生产总值（GDP）")


def test_an_undefined_rate_says_why_in_both_languages():
    change, pct, cagr, reason = change_rates([0, 100, 5], [10, 110, 6], [4, 0, 1], ["count", "count", "percent"])
    assert change.tolist() == [10, 10, 1]
    assert reason.tolist() == [
        "undefined: the base is zero",
        "undefined: no time between the observations",
        "rates of change not meaningful for this unit; see change",
    ]
    assert [localize(r, "zh") for r in reason] == [
        "无法计算：基数为零",
        "无法计算：两个观测值之间没有时间间隔",
        "此单位不宜计算变化率；请看变化量",
    ]


def test_a_single_point_growth_note_is_chinese(ds):
    g = core.growth(ds, "disposable_income", region="china")
    span = g[g["kind"] == "span"].iloc[0]
    assert span["note"] == "undefined: only one observation"
    assert span["note"].render("zh") == "无法计算：只有一个观测值"


def test_gap_note_names_the_releases(ds):
    row = core.gap(ds, year=2018, region="guangzhou").iloc[0]
    assert row["note"] == "crosses vintages: NBS Guangzhou survey team (final annual) vs yearbook 2022"
    assert row["note"].render("zh") == "跨发布版本：NBS Guangzhou survey team (final annual) 对比 yearbook 2022"


def test_lookup_errors_of_the_computations_render_in_chinese(ds):
    with pytest.raises(UsageError) as err:
        core.growth(ds, "gdp", start=2019, end=2015)
    assert str(err.value) == "--from 2019 is after --to 2015."
    assert err.value.render("zh") == "--from 2019 晚于 --to 2015。"
    with pytest.raises(NoData) as err:
        core.gap(ds, year=2012)
    assert str(err.value).startswith("No year with both urban and rural disposable income for 2012.")
    assert err.value.render("zh").startswith("2012年没有同时具备城镇和农村居民人均可支配收入的数据。")
    assert err.value.render("zh").endswith("两者都有的年份：2018, 2019。")


def test_stated_rate_in_words(ds):
    row = stated.stated_rates(ds, indicators=["gdp"], region="guangzhou").query("span == 'average'").iloc[0]
    text = stated.describe(row)
    assert text == "stated by the report: real average annual growth 2016-2019 = 6.8% (gdp_growth_avg)"
    assert text.render("zh") == "报告所述：2016-2019年均实际增长 6.8%（gdp_growth_avg）"


def test_implied_value_notes_and_sources(ds):
    imp = derived.implied_values(ds).set_index("indicator")
    note = imp.at["imports", "note"]
    assert note == "the inputs' published rounding puts it between 4202.0 and 4205.8"
    assert note.render("zh") == "按输入数据公布时的舍入，其值在 4202.0 与 4205.8 之间"
    assert imp.at["imports", "source"] == "derived from report §一 ¶对外开放深入推进"
    assert imp.at["imports", "source"].render("zh") == "推算自 report §一 ¶对外开放深入推进"


def test_versus_notes_and_caveat(ds):
    v = versus.versus(ds, "china").set_index("indicator")
    note = v.at["gdp", "note"]
    assert note == (
        "a total grows with the region's size; compare per-capita figures; "
        "from different releases: report 2020-08 vs NBS communique (preliminary)"
    )
    assert note.render("zh") == (
        "总量随地区规模而增大；请比较人均指标；来自不同发布版本：report 2020-08 对比 NBS communique (preliminary)"
    )
    assert v.attrs["warnings"][0].render("zh").endswith("(发布版本不同；请核实两者的统计对象和口径是否相同)")


def test_xiaokang_notes(ds):
    x = xiaokang.xiaokang(ds)
    income = x[x["indicator"] == "urban_rural_income_ratio"].iloc[0]
    assert income["note"].startswith(
        "capped at 100 (uncapped 124.3); urban / rural disposable income 2019: 65052 / 28868"
    )
    assert (
        income["note"]
        .render("zh")
        .startswith("按100封顶（未封顶为 124.3）；2019年城镇/农村居民人均可支配收入：65052 / 28868")
    )
    summary = x.iloc[-1]["note"]
    assert summary.startswith("6 of 34 items covering 15 of 81 weight points (18.5%)")
    assert summary.render("zh").startswith("计入34项指标中的6项，占81个权重点中的15个（18.5%）")


def test_missing_sentences_need_no_language(ds):
    said = missing.growth_range(ds, "gdp", "guangzhou", 2009, None)
    years = ", ".join(str(y) for y in range(2010, 2020))
    assert said[0] == f"gdp has no yearly value for 2009 in Guangzhou; it has {years}, so the table starts at 2010."
    assert said[0].render("zh") == f"gdp 在广州没有2009年的数值；已有年份：{years}，因此从2010年算起。"
    assert said[1].render("zh").startswith("报告直接给出：年均：gdp_growth_avg 6.8% (2016-2019)；")
    # A caller that still names the language gets the sentence rendered.
    assert missing.growth_range(ds, "gdp", "guangzhou", 2009, None, "zh")[0] == said[0].render("zh")
    empty = missing.region_without_targets(ds, "report", "china")
    assert empty == "The report sets no target for China; regions with targets: guangzhou. Try -r all."
    assert empty.render("zh") == "报告没有为全国设定目标；有目标的地区：guangzhou。可用 -r all。"


def test_search_that_finds_nothing_in_both_languages(ds):
    text = search.nothing_found("hospital beds", ds.domains, ds.indicators, domain="economy")
    assert text.startswith("No indicator in economy matches 'hospital beds'; 1 in other domains do")
    assert text.render("zh").startswith("经济发展领域没有指标与“hospital beds”匹配；其他领域有1个")
    assert search.message("empty").render("zh") == "--search 需要一个要查找的词。"


def test_revision_caveat_and_crossing_note_are_text():
    assert provenance.REVISION_CAVEAT.render("zh") == "发布版本不同；变化可能来自数据修订，而非增长"
    p = provenance.compare("first release", "report 2020-08", "low", "report")
    assert p.note() == "crosses vintages: first release vs report 2020-08"
    assert p.note().render("zh") == "跨发布版本：first release 对比 report 2020-08"
    assert provenance.compare("a", "a").warning("gdp") is None


def test_words_from_the_data_and_lists_survive_pickling():
    name = Bilingual("Guangzhou", "广州")
    listed = Listing([name, "china"])
    assert (str(listed), listed.render("en"), listed.render("zh")) == (
        "Guangzhou, china",
        "Guangzhou, china",
        "广州、china",
    )
    assert (name.render("en"), name.render()) == ("Guangzhou", "Guangzhou")
    again = pickle.loads(pickle.dumps(listed))
    assert again == "Guangzhou, china" and again.render("zh") == "广州、china"


@pytest.mark.parametrize(
    ("result", "indicator"),
    [
        (lambda ds: core.compare(ds, 2015, 2019), "gdp"),
        (lambda ds: core.latest(ds, "economy"), "gdp"),
        (lambda ds: core.growth(ds, "gdp"), "gdp"),
        (lambda ds: core.progress(ds), "public_toilets_built"),
        (lambda ds: versus.versus(ds, "china"), "gdp"),
    ],
    ids=["compare", "latest", "growth", "progress", "versus"],
)
def test_results_that_list_indicators_carry_both_names(ds, result, indicator):
    from gzkit import cells, columns

    df = result(ds)
    row = df[df["indicator"] == indicator].iloc[0]
    # progress names the target itself (公厕建设任务), the others the indicator.
    names = (
        ds.targets.set_index("id").loc[row["target_id"]]
        if "target_id" in df.columns
        else ds.indicators.set_index("id").loc[indicator]
    )
    assert (row["name_en"], row["name_zh"]) == (names["name_en"], names["name_zh"])
    spec = columns.spec_of(df)
    assert (spec["name_en"].role, spec["name_en"].lang, spec["name_zh"].role, spec["name_zh"].lang) == (
        "label",
        "en",
        "label",
        "zh",
    )
    # A renderer asks for "name" and gets the reader's language.
    assert cells.visible(df, "zh", ["indicator", "name"])[:2] == ["indicator", "name_zh"]
    assert cells.visible(df, "en", ["indicator", "name"])[:2] == ["indicator", "name_en"]
