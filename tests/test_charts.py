"""Charts: the points they draw, the terminal chart, and the SVG/PNG figures, checked against the data."""

from __future__ import annotations

import re
import struct
import sys
import xml.etree.ElementTree as ET

import pytest

from gzkit import charts, core
from gzkit.errors import GzkitError, NoData, UsageError

# Guangzhou rural per-capita disposable income: 广州统计年鉴2022 表8-8 for 2014-2018, and the report's
# "广州城市、农村常住居民人均可支配收入分别达到65052元、28868元" (the headline for 2019).
RURAL_INCOME = {2014: 17662.80, 2015: 19323.10, 2016: 21448.60, 2017: 23483.88, 2018: 26020.10, 2019: 28868.0}
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def _needs(module: str):
    try:
        __import__(module)
    except ImportError:
        pytest.skip(f"{module} is not installed (pip install 'gzkit[charts]')")


# --------------------------------------------------------------------------- data


def test_chart_data_is_the_headline_yearly_series(ds):
    df = charts.chart_data(ds, ["disposable_income_rural"])
    assert dict(zip(df["year"], df["value"])) == RURAL_INCOME
    assert set(df["region"]) == {"guangzhou"}
    assert (df["mark"] == "exact").all()
    head = core.headline(ds)
    expected = head[(head["indicator"] == "disposable_income_rural") & (head["region"] == "guangzhou")]
    assert sorted(expected["year"]) == list(df["year"])
    assert df["unit_en"].iloc[0] == "yuan" and df["unit_zh"].iloc[0] == "元"
    # 2014-2018 from the yearbook, 2019 from the report: a mix of releases, said aloud.
    assert any("mixes releases" in w for w in df.attrs["warnings"])
    assert df.loc[df["year"] == 2019, "citation"].iloc[0].startswith("幸福城市 美好生活")
    assert df.loc[df["year"] == 2014, "citation"].iloc[0].startswith("广州统计年鉴2022 表8-8")


def test_regions_are_separate_series_in_package_order(ds):
    df = charts.chart_data(ds, ["disposable_income_rural"], regions="china,guangzhou")
    assert [key for key, _ in charts.series(df)] == [
        ("disposable_income_rural", "guangzhou"),
        ("disposable_income_rural", "china"),
    ]
    assert df.loc[df["region"] == "china", "value"].tolist() == [16021.0]
    everywhere = charts.chart_data(ds, ["disposable_income_urban"], regions="all")
    assert set(everywhere["region"]) == {"guangzhou", "guangdong", "china"}


def test_bounds_are_marked(ds):
    df = charts.chart_data(ds, ["high_tech_enterprises"])
    # "从2015年的1919家" and "2019年的1.2万家" as stated; the official counts of 2017 and 2018 are lower bounds.
    assert df[["year", "value", "qualifier", "mark"]].values.tolist() == [
        [2015, 1919.0, "=", "exact"],
        [2017, 8700.0, ">", "lower"],
        [2018, 10000.0, ">", "lower"],
        [2019, 12000.0, "=", "exact"],
    ]


def test_units_must_agree(ds):
    with pytest.raises(UsageError) as err:
        charts.chart_data(ds, ["gdp", "gdp_per_capita"])
    assert "gdp (100 million yuan)" in str(err.value) and "gdp_per_capita (yuan)" in str(err.value)
    both = charts.chart_data(ds, ["disposable_income_urban", "disposable_income_rural"])
    assert list(dict.fromkeys(both["indicator"])) == ["disposable_income_urban", "disposable_income_rural"]


def test_no_data_names_where_there_is_some(ds):
    with pytest.raises(NoData) as err:
        charts.chart_data(ds, ["disposable_income_rural"], regions="guangdong")
    assert "guangzhou (2014–2019), china (2019)" in str(err.value)


def test_trend_series_counts_points(ds):
    trends = charts.trend_series(ds)
    head = core.headline(ds)
    counts = head.groupby(["indicator", "region"]).size()
    assert {(r.indicator, r.region): r.points for r in trends.itertuples()} == {
        k: v for k, v in counts.items() if v >= 2
    }
    row = trends[(trends["indicator"] == "disposable_income_rural") & (trends["region"] == "guangzhou")].iloc[0]
    assert (row["points"], row["first_year"], row["last_year"]) == (6, 2014, 2019)


def test_nice_ticks_cover_the_range():
    ticks, decimals = charts.nice_ticks(17662.8, 28868)
    assert ticks[0] <= 17662.8 and ticks[-1] >= 28868 and decimals == 0
    assert ticks == [17500.0, 20000.0, 22500.0, 25000.0, 27500.0, 30000.0]
    assert charts.nice_ticks(0.2, 0.9)[1] == 1


def test_source_line_groups_the_report_sections(ds):
    df = charts.chart_data(ds, ["high_tech_enterprises"])
    line = charts.source_line(df)
    assert line.count("幸福城市 美好生活") == 1
    assert "§二（一） ¶大力实施创新驱动战略 (2015, 2019)" in line and "China Daily summary" in line
    assert charts.source_line(df, english_only=True).startswith(
        "Sources: report 2020-08 (2015, 2019); news/encyclopedia (2018) (2017); 2019 Guangzhou Government Work Report"
    )


# --------------------------------------------------------------------------- terminal


def test_terminal_chart_of_rural_income(invoke, ds):
    _needs("plotext")
    result = invoke("chart", "disposable_income_rural")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Per capita disposable income of rural residents · 农村常住居民人均可支配收入 — Guangzhou\n")
    assert re.search(r"^yuan\s+Year$", out, re.M)  # the axis labels
    for year in RURAL_INCOME:
        assert str(year) in out
    assert "17,500" in out and "30,000" in out  # y ticks around 17,662.80 and 28,868
    assert out.count("●") == len(RURAL_INCOME)  # one marker per observation
    assert "广州统计年鉴2022 表8-8" in out and "(2014–2018)" in out
    assert "\x1b[" not in out  # no colour in a pipe
    assert "mixes releases" in result.stderr


def test_terminal_chart_in_chinese(invoke):
    _needs("plotext")
    result = invoke("--lang", "zh", "chart", "disposable_income_rural")
    assert result.exit_code == 0
    # The region's name comes from the package's regions table, in the chosen language.
    assert result.stdout.startswith(
        "农村常住居民人均可支配收入 · Per capita disposable income of rural residents — 广州"
    )
    assert re.search(r"^单位：元\s+年份$", result.stdout, re.M)
    assert "资料来源：" in result.stdout


def test_terminal_chart_marks_bounds(invoke):
    _needs("plotext")
    result = invoke("chart", "high_tech_enterprises")
    assert result.exit_code == 0
    assert result.stdout.count("▲") == 3  # the 2017 and 2018 points and the legend note
    assert "▲ lower bound: the true value is at least this" in result.stdout
    bar = invoke("chart", "high_tech_enterprises", "--kind", "bar")
    assert bar.exit_code == 0
    assert "▓ lower bound" in bar.stdout and "▓" in bar.stdout.split("2015")[0]


def test_terminal_chart_with_two_regions(invoke):
    _needs("plotext")
    result = invoke("chart", "disposable_income_rural", "--region", "guangzhou,china")
    assert result.exit_code == 0
    assert "●• Guangzhou" in result.stdout and "■+ China" in result.stdout
    flat = result.stdout.replace("\n", "")
    assert "国家统计局 2019年居民收入和消费支出情况 (2020-01-17) (2019)" in flat


def test_chart_errors(invoke):
    mixed = invoke("chart", "gdp", "gdp_per_capita")
    assert mixed.exit_code == 2
    assert "100 million yuan" in mixed.stderr and "(yuan)" in mixed.stderr
    assert invoke("chart", "no_such_indicator").exit_code == 1
    assert invoke("chart", "gdp", "--kind", "pie").exit_code == 2


def test_missing_extra_is_one_clear_line(invoke, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = invoke("chart", "gdp", "-o", tmp_path / "gdp.svg")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("Charts need the charts extra: pip install 'gzkit[charts]'")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "gdp.svg").exists()
    monkeypatch.setitem(sys.modules, "plotext", None)
    assert "pip install 'gzkit[charts]'" in invoke("chart", "gdp").stderr


# --------------------------------------------------------------------------- figures


def _groups(root, prefix):
    return [g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith(prefix)]


def _text(root, gid):
    (group,) = [g for g in root.iter(f"{SVG}g") if g.get("id") == gid]
    return "\n".join("".join(t.itertext()) for t in group.iter(f"{SVG}text"))


def _y_scale(root):
    """value = a * y + b, from the y axis' tick marks and labels."""
    ticks = []
    for tick in _groups(root, "ytick_"):
        use = next(tick.iter(f"{SVG}use"))
        label = "".join(next(tick.iter(f"{SVG}text")).itertext())
        ticks.append((float(use.get("y")), float(label.replace(",", ""))))
    (y0, v0), (y1, v1) = ticks[0], ticks[-1]
    a = (v1 - v0) / (y1 - y0)
    return lambda y: v0 + a * (y - y0)


def test_svg_figure_has_every_point_its_labels_and_source(invoke, ds, tmp_path):
    _needs("matplotlib")
    path = tmp_path / "rural.svg"
    result = invoke("chart", "disposable_income_rural", "--region", "guangzhou,china", "-o", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    root = ET.parse(path).getroot()
    df = charts.chart_data(ds, ["disposable_income_rural"], regions="guangzhou,china")
    value_of = _y_scale(root)
    for i, (_, s) in enumerate(charts.series(df)):
        (line,) = _groups(root, f"gzkit-line-{i}")
        d = next(line.iter(f"{SVG}path")).get("d")
        assert len(re.findall(r"[ML] ", d)) == len(s)
        markers = [u for g in _groups(root, f"gzkit-points-{i}-") for u in g.iter(f"{SVG}use")]
        assert len(markers) == len(s)
        drawn = sorted((float(u.get("x")), value_of(float(u.get("y")))) for u in markers)
        for (_, value), expected in zip(drawn, s["value"]):
            assert value == pytest.approx(expected, abs=15)  # within a fraction of a pixel
    assert sum(len(list(g.iter(f"{SVG}use"))) for g in _groups(root, "gzkit-points-")) == len(df) == 7
    assert _text(root, "gzkit-title").replace("\n", "") == (
        "Per capita disposable income of rural residents · 农村常住居民人均可支配收入 — Guangzhou, China"
    )
    assert _text(root, "gzkit-xlabel") == "Year"
    assert _text(root, "gzkit-ylabel") == "yuan"
    source = re.sub(r"\s+", "", _text(root, "gzkit-source"))  # wrapped lines, joined
    assert source.startswith("Sources:广州统计年鉴2022表8-8")
    assert "幸福城市美好生活——广州高水平全面建成小康社会调研报告" in source and "(2014–2018)" in source
    assert source == re.sub(r"\s+", "", charts.source_line(df))
    legend = _text(root, "gzkit-legend")
    assert "Guangzhou" in legend and "China" in legend
    # Text stays text, naming fonts that draw Chinese.
    assert "Noto Sans CJK SC" in path.read_text(encoding="utf-8")


def test_svg_bounds_have_their_own_marker_and_note(ds):
    _needs("matplotlib")
    root = ET.fromstring(charts.figure_svg(charts.chart_data(ds, ["high_tech_enterprises"]), lang="zh"))
    assert len(list(_groups(root, "gzkit-points-0-exact")[0].iter(f"{SVG}use"))) == 2
    assert len(list(_groups(root, "gzkit-points-0-lower")[0].iter(f"{SVG}use"))) == 2
    assert "下限：实际值不低于此" in _text(root, "gzkit-legend")
    assert _text(root, "gzkit-xlabel") == "年份"


def test_svg_marks_where_the_release_changes(ds):
    _needs("matplotlib")
    df = charts.chart_data(ds, ["gdp"])
    # Secondary compilations, first releases and yearbook levels up to 2018, then the report's post-census 2019.
    changes = charts.release_changes(df)
    assert changes[-1] == (2018, 2019) and (2012, 2013) not in changes and len(changes) == 8
    root = ET.fromstring(charts.figure_svg(df))
    ids = [g.get("id") for g in _groups(root, "gzkit-release-change-")]
    assert len(ids) == 8 and ids[-1] == "gzkit-release-change-0-2018-2019"
    assert "release changes" in "".join(root.itertext())
    one_release = charts.chart_data(ds, ["higher_education_institutions"])
    assert charts.release_changes(one_release) == []
    assert not _groups(ET.fromstring(charts.figure_svg(one_release)), "gzkit-release-change-")


def test_svg_bar_chart(ds):
    _needs("matplotlib")
    df = charts.chart_data(ds, ["disposable_income_rural"], regions="guangzhou,china")
    root = ET.fromstring(charts.figure_svg(df, kind="bar"))
    assert len(_groups(root, "gzkit-bar-0-")) == 6 and len(_groups(root, "gzkit-bar-1-")) == 1
    assert [g.get("id") for g in _groups(root, "gzkit-bar-1-")] == ["gzkit-bar-1-2019"]


def test_figure_files_respect_force(invoke, tmp_path):
    _needs("matplotlib")
    path = tmp_path / "gdp.svg"
    assert invoke("chart", "gdp", "-o", path).exit_code == 0
    again = invoke("chart", "gdp", "-o", path)
    assert again.exit_code == 1 and "--force" in again.stderr
    assert invoke("chart", "gdp", "-o", path, "--force").exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["gdp.svg"]  # no temporary file left behind
    assert invoke("chart", "gdp", "-o", tmp_path / "gdp.eps").exit_code == 2


def test_png_without_a_chinese_font_falls_back_to_english(invoke, monkeypatch, tmp_path):
    _needs("matplotlib")
    monkeypatch.setattr(charts.figures, "cjk_font", lambda: None)
    path = tmp_path / "rural.png"
    result = invoke("chart", "disposable_income_rural", "-o", path)
    assert result.exit_code == 0
    assert "no Chinese font is installed" in result.stderr
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, _height = struct.unpack(">II", data[16:24])
    assert width == 1200  # 8 inches at 150 dpi


def test_cjk_font_draws_chinese():
    _needs("matplotlib")
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    name = charts.cjk_font()
    if name is None:
        pytest.skip("no Chinese font installed here; the fallback is tested above")
    path = font_manager.findfont(name, fallback_to_default=False)
    assert FT2Font(path).get_char_index(ord("广"))


# --------------------------------------------------------------------------- output


def test_emit_text_and_binary_atomic_writes(tmp_path, capsys):
    from gzkit.output import Sink, emit_text, write_atomic

    emit_text("chart\n")
    assert capsys.readouterr().out == "chart\n"
    emit_text("页\n", Sink(output=tmp_path / "page.html"))
    assert (tmp_path / "page.html").read_text(encoding="utf-8") == "页\n"
    write_atomic(tmp_path / "x.png", b"\x89PNG\x00")
    assert (tmp_path / "x.png").read_bytes() == b"\x89PNG\x00"
    with pytest.raises(GzkitError):
        write_atomic(tmp_path / "x.png", b"again")


# --------------------------------------------------------------------------- region in the title, --log, --dpi, PDF


def test_title_names_the_regions_from_the_regions_table(ds):
    df = charts.chart_data(ds, ["disposable_income_urban"], regions="all")
    names = ds.regions.set_index("id")
    assert charts.title(df).endswith(" — " + ", ".join(names.loc[["guangzhou", "guangdong", "china"], "name_en"]))
    assert charts.title(df, lang="zh").endswith(" — 广州、广东、全国")
    assert (
        charts.title(df, english_only=True)
        == "Per capita disposable income of urban residents — Guangzhou, Guangdong, China"
    )


def test_svg_title_in_chinese_names_guangzhou(invoke, tmp_path):
    _needs("matplotlib")
    path = tmp_path / "高新技术企业.svg"
    assert invoke("--lang", "zh", "chart", "high_tech_enterprises", "-o", path).exit_code == 0
    heading = _text(ET.parse(path).getroot(), "gzkit-title").replace("\n", "")
    assert heading == "高新技术企业 · High-tech enterprises — 广州"


def test_log_ticks_cover_the_range():
    # Guangzhou's GDP 10,748 (2010) to 23,628 (2019), in 100 million yuan.
    assert charts.log_ticks(10748.28, 23628.6) == ([10000.0, 20000.0, 50000.0], 0)
    ticks, decimals = charts.log_ticks(0.35, 990_865.0)  # many decades: powers of ten only
    assert ticks == [0.1, 1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0] and decimals == 1


def test_terminal_log_chart_keeps_separate_panels(invoke, ds):
    _needs("plotext")
    plain = invoke("chart", "gdp", "-r", "guangzhou,china")
    result = invoke("chart", "gdp", "-r", "guangzhou,china", "--log")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    # China's 2019 GDP (990,865 亿元) is 42 times Guangzhou's 23,628.6: two panels, each titled by its region.
    assert out.count("— Guangzhou\n") == 1 and out.count("— China\n") == 1
    assert out.count("(log scale)") == 2 and plain.stdout.count("(log scale)") == 0
    assert "10,000" in out and "20,000" in out  # log ticks around Guangzhou's 10,748-23,628
    df = charts.chart_data(ds, ["gdp"], regions="guangzhou")
    assert out.split("\n\n")[0].count("●") + out.split("\n\n")[0].count("◇") >= 1
    assert charts.terminal_chart(df, log=True, width=100).splitlines()[0] == out.splitlines()[0]


def test_log_refuses_a_zero_with_one_line(invoke, ds):
    df = charts.chart_data(ds, ["disposable_income_rural"])
    zero = df.assign(value=df["value"].where(df["year"] != 2016, 0.0))
    with pytest.raises(GzkitError, match=r"disposable_income_rural \(guangzhou, 2016\) = 0: values must be above zero"):
        charts.require_positive(zero)
    charts.require_positive(df)  # 17,662.80 to 28,868: all above zero, no error
    result = invoke("chart", "disposable_income_rural", "--log")
    assert result.exit_code == 0
    with pytest.raises(GzkitError) as zh:
        charts.terminal_chart(zero, lang="zh", log=True)
    assert "数值须大于零" in zh.value.render("zh") and zh.value.exit_code == 1
    bars = invoke("chart", "disposable_income_rural", "--log", "--kind", "bar")
    assert bars.exit_code == 2 and len(bars.stderr.strip().splitlines()) == 1 and "--kind line" in bars.stderr


def test_cli_log_with_a_zero_value_exits_1_with_one_line(invoke, ds, monkeypatch):
    real = charts.chart_data

    def with_a_zero(*args, **kwargs):
        df = real(*args, **kwargs)
        return df.assign(value=df["value"].where(df["year"] != 2016, 0.0))

    monkeypatch.setattr(charts, "chart_data", with_a_zero)
    result = invoke("chart", "disposable_income_rural", "--log")
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "(guangzhou, 2016) = 0" in lines[0] and "without --log" in lines[0]


def test_svg_log_axis_places_the_points(ds):
    _needs("matplotlib")
    df = charts.chart_data(ds, ["disposable_income_rural"])
    root = ET.fromstring(charts.figure_svg(df, log=True))
    assert _text(root, "gzkit-ylabel") == "yuan (log scale)"
    ys = {
        int(round(float(u.get("x")))): float(u.get("y"))
        for g in _groups(root, "gzkit-points-0-")
        for u in g.iter(f"{SVG}use")
    }
    assert len(ys) == 6
    # On a log axis equal ratios are equal distances: 2014→2019 (28,868 / 17,662.80) against 2014→2016.
    y = [ys[x] for x in sorted(ys)]
    import math

    ratio = (y[0] - y[5]) / (y[0] - y[2])
    assert ratio == pytest.approx(math.log(28868 / 17662.80) / math.log(21448.60 / 17662.80), rel=1e-3)


def test_dpi_300_doubles_the_png(invoke, tmp_path):
    _needs("matplotlib")
    sizes = {}
    for dpi in (150, 300):
        path = tmp_path / f"rural-{dpi}.png"
        assert invoke("chart", "disposable_income_rural", "--dpi", str(dpi), "-o", path).exit_code == 0
        sizes[dpi] = struct.unpack(">II", path.read_bytes()[16:24])
    assert sizes[150][0] == 1200 and sizes[300][0] == 2400  # 8 inches wide
    assert abs(sizes[300][1] - 2 * sizes[150][1]) <= 1  # the height rounds to whole pixels
    for bad in ("20", "5000"):
        result = invoke("chart", "gdp", "--dpi", bad, "-o", tmp_path / "x.png")
        assert result.exit_code == 2 and "between 50 and 1200" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.png").exists()


def test_pdf_holds_title_and_source(invoke, ds, tmp_path):
    _needs("matplotlib")
    pypdf = pytest.importorskip("pypdf")
    path = tmp_path / "rural.pdf"
    result = invoke("chart", "disposable_income_rural", "-o", path)
    assert result.exit_code == 0, result.stderr
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    df = charts.chart_data(ds, ["disposable_income_rural"])
    english_only = charts.cjk_font() is None
    reader = pypdf.PdfReader(path)
    assert reader.metadata.title == charts.title(df, english_only=english_only)
    assert reader.metadata.subject == charts.source_line(df, english_only=english_only)
    text = re.sub(r"\s+", "", reader.pages[0].extract_text())
    assert "Percapitadisposableincomeofruralresidents" in text and "Guangzhou" in text
    assert re.sub(r"\s+", "", charts.source_line(df, english_only=english_only)) in text
    assert "28,868" not in text and "30,000" in text  # ticks, not values, are written on the axis
    # Fonts travel with the file (TrueType, embedded), so Chinese shows where the reader has no such font.
    fonts = [
        f.get_object()["/FontDescriptor"]
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
        if "/FontDescriptor" in f.get_object()
    ] + [
        d.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        for page in reader.pages
        for d in page["/Resources"]["/Font"].values()
        if "/DescendantFonts" in d.get_object()
    ]
    assert fonts and all("/FontFile2" in fd for fd in fonts)


def test_pdf_in_chinese_names_guangzhou(ds):
    _needs("matplotlib")
    pypdf = pytest.importorskip("pypdf")
    import io

    df = charts.chart_data(ds, ["disposable_income_rural"])
    data, notes = charts.figure_pdf(df, lang="zh")
    reader = pypdf.PdfReader(io.BytesIO(data))
    if charts.cjk_font() is None:
        assert reader.metadata.title.endswith("— Guangzhou") and notes
    else:
        assert (
            reader.metadata.title
            == "农村常住居民人均可支配收入 · Per capita disposable income of rural residents — 广州"
        )
        assert "广州" in reader.pages[0].extract_text() and notes == []


def test_pdf_without_a_chinese_font_falls_back_to_english(invoke, ds, monkeypatch, tmp_path):
    _needs("matplotlib")
    pypdf = pytest.importorskip("pypdf")
    monkeypatch.setattr(charts.figures, "cjk_font", lambda: None)
    path = tmp_path / "农村收入.pdf"
    result = invoke("--lang", "zh", "chart", "disposable_income_rural", "-o", path)
    assert result.exit_code == 0
    assert "未安装中文字体，PDF 只有英文标注" in result.stderr
    reader = pypdf.PdfReader(path)
    assert reader.metadata.title == "Per capita disposable income of rural residents — Guangzhou"
    assert reader.metadata.subject.startswith("Sources: yearbook 2022, tjj.gz.gov.cn")
    assert not re.search(r"[\u4e00-\u9fff]", reader.pages[0].extract_text())
