"""The HTML report: its sections, charts, provenance and escaping, and the page as a browser loads it."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gzkit import core, htmlreport, humanize, i18n
from gzkit.output import records

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Page(HTMLParser):
    """What the tests look for in a page: sections, trend figures, table rows, inline SVGs, scripts."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.root: dict = {}
        self.sections: list[str] = []
        self.figures: list[tuple[str, str, int]] = []
        self.rows: list[tuple[str, str, str | None]] = []
        self.svgs_in_figures = 0
        self.srcs: list[str] = []
        self.tags: list[str] = []
        self._section = None
        self._in_figure = False
        self._script = None
        self.scripts: dict[str, str] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.root = a
        if "src" in a:
            self.srcs.append(a["src"])
        if tag == "section":
            self._section = a.get("id")
            self.sections.append(a.get("id"))
        if tag == "figure" and "trend" in a.get("class", ""):
            self._in_figure = True
            self.figures.append((a["data-indicator"], a["data-region"], int(a["data-points"])))
        if tag == "svg" and self._in_figure:
            self.svgs_in_figures += 1
        if tag == "tr" and "data-indicator" in a:
            self.rows.append((self._section, a["data-indicator"], a.get("data-region")))
        if tag == "script":
            self._script = a.get("id", "inline")
            self.scripts[self._script] = ""

    def handle_endtag(self, tag):
        if tag == "figure":
            self._in_figure = False
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script:
            self.scripts[self._script] += data


@pytest.fixture(scope="module")
def report(ds):
    return htmlreport.build(ds)


@pytest.fixture(scope="module")
def page(report):
    return Page(report.html)


def _expected_trends(ds) -> list[tuple[str, str, int]]:
    from gzkit import points

    # A series with two stated headlines gets a figure, which also draws the values implied for the years
    # the data does not state (2015-2016 urban income).
    stated = core.headline(ds).groupby(["indicator", "region"]).size()
    drawn = points.yearly(ds).groupby(["indicator", "region"]).size()
    return sorted((i, r, int(drawn[(i, r)])) for (i, r), n in stated.items() if n >= 2)


def _needs_matplotlib():
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        pytest.skip("matplotlib is not installed (pip install 'gzkit[charts]'): the report has no charts")


def test_every_domain_and_indicator_has_its_place(ds, page):
    assert page.sections[: len(ds.domains)] == [f"domain-{d}" for d in ds.domains["id"]]
    assert {"gap", "progress", "about"} <= set(page.sections)
    by_section = {(s, i) for s, i, _ in page.rows}
    for ind in ds.indicators.itertuples():
        assert (f"domain-{ind.domain}", ind.id) in by_section, ind.id


def test_a_chart_for_every_series_with_two_points(ds, page):
    _needs_matplotlib()
    assert sorted(page.figures) == _expected_trends(ds)
    assert ("disposable_income_rural", "guangzhou", 6) in page.figures
    assert page.svgs_in_figures == len(page.figures)


def test_latest_values_with_qualifiers_and_provenance(report):
    html = report.html
    row = re.search(r'<tr data-indicator="disposable_income_rural" data-region="guangzhou">.*?</tr>', html).group(0)
    assert "28,868 yuan" in row and "28,868元" in row
    assert "广州城市、农村常住居民人均可支配收入分别达到65052元、28868元" in row  # the report's words
    china = re.search(r'<tr data-indicator="disposable_income_rural" data-region="china">.*?</tr>', html).group(0)
    assert "16,021 yuan" in china and "国家统计局 2019年居民收入和消费支出情况" in china
    bound = re.search(r'<tr data-indicator="gdp_per_capita" data-region="guangzhou">.*?</tr>', html).group(0)
    assert "&gt;150,000 yuan" in bound and "lower bound" in bound and "突破15万元" in bound
    # A rank the report writes in words shows those words as its evidence.
    rank = re.search(r'<tr data-indicator="services_output_rank_china" data-region="guangzhou">.*?</tr>', html)
    assert "服务业总量规模位居全国第三" in rank.group(0)


def test_gap_view_is_core_gap(ds, report):
    gap_html = re.search(r'<section id="gap".*?</section>', report.html, re.S).group(0)
    gap = core.gap(ds)
    for r in gap.itertuples():
        assert f'data-region="{r.region}"' in gap_html
        assert humanize.number(r.ratio) in gap_html  # 2.3052, 2.2534, 2.644
    assert "2.25" in gap_html and "2.64" in gap_html  # 65052 / 28868 and 42359 / 16021


def test_progress_view_is_core_progress(ds, report):
    progress_html = re.search(r'<section id="progress".*?</section>', report.html, re.S).group(0)
    for fw in set(ds.targets["framework"]):
        for target_id in core.progress(ds, framework=fw)["target_id"]:
            assert f'data-target-id="{target_id}"' in progress_html


def test_data_is_inline_json(ds, page):
    data = json.loads(page.scripts["gzkit-data"])
    assert len(data) == len(ds.observations)
    assert data == json.loads(json.dumps(records(core.export(ds)), ensure_ascii=False))


def test_nothing_comes_from_the_network(page, report):
    assert page.srcs == []
    assert "link" not in page.tags and "iframe" not in page.tags and "img" not in page.tags
    assert "@import" not in report.html and "url(http" not in report.html
    assert page.root["class"] == "lang-en" and page.root["data-default-lang"] == "en"
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in report.html


def test_ids_are_unique(report):
    ids = re.findall(r'\sid="([^"]+)"', report.html)
    assert len(ids) == len(set(ids))


def test_text_is_escaped(ds):
    obs = ds.observations.copy()
    obs.loc[obs["indicator"] == "gdp", "evidence"] = '<script>alert("x")</script> & "quoted"'
    obs.loc[obs["indicator"] == "gdp", "note"] = "</script><b>bold</b>"
    html = htmlreport.build(dataclasses.replace(ds, observations=obs)).html
    assert '<script>alert("x")</script>' not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot;" in html
    data = Page(html).scripts["gzkit-data"]
    assert "</script" not in data and '<script>alert(\\"x\\")</script>' in json.dumps(
        json.loads(data), ensure_ascii=False
    )


def test_a_section_the_data_cannot_answer_is_left_out_with_a_warning(ds, monkeypatch):
    from gzkit import xiaokang
    from gzkit.errors import NoData

    built = htmlreport.build(ds)
    assert {"audit", "xiaokang"} <= set(built.sections) and 'href="#audit"' in built.html

    def no_targets(ds):
        raise NoData(i18n.T("This data package has no targets."))

    monkeypatch.setattr(xiaokang, "xiaokang", no_targets)
    built = htmlreport.build(ds)
    assert "xiaokang" not in built.sections and 'href="#xiaokang"' not in built.html
    assert "audit" in built.sections
    [warning] = [w for w in built.warnings if "left out" in w]
    assert warning == "the section “Xiaokang index” was left out: This data package has no targets."
    assert i18n.localize(warning, "zh") == "“小康指数”部分未列入：此数据包没有目标数据。"


def test_a_bug_in_a_section_surfaces(ds, monkeypatch):
    from gzkit import xiaokang

    monkeypatch.setattr(xiaokang, "xiaokang", lambda ds: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        htmlreport.build(ds)


def test_report_without_matplotlib_still_builds(ds, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    built = htmlreport.build(ds)
    assert "<svg" not in built.html
    assert any("pip install 'gzkit[charts]'" in w for w in built.warnings)
    assert len(Page(built.html).figures) == len(_expected_trends(ds))


def test_cli_report(invoke, report, tmp_path):
    path = tmp_path / "report.html"
    result = invoke("report", "-o", path)
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and text == report.html
    again = invoke("report", "-o", path)
    assert again.exit_code == 1 and "--force" in again.stderr
    assert invoke("report", "-o", path, "--force").exit_code == 0
    zh = invoke("--lang", "zh", "report")  # not a terminal: the page goes to stdout
    assert zh.exit_code == 0 and 'class="lang-zh"' in zh.stdout


# --------------------------------------------------------------------------- in a browser


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    return found


def _run_chromium(binary: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    env = {**os.environ, "HOME": str(tmp_path)}
    return subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
        check=False,
    )


def test_report_in_headless_chromium(ds, report, tmp_path):
    binary = _chromium()
    path = tmp_path / "report.html"
    path.write_text(report.html, encoding="utf-8")
    url = path.resolve().as_uri()

    loaded = _run_chromium(binary, tmp_path, "--dump-dom", url)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    dom = Page(loaded.stdout)
    assert dom.root.get("data-ready") == "1"  # the page's script ran to its end
    assert dom.root["class"] == "lang-en"
    assert all(f"domain-{d}" in dom.sections for d in ds.domains["id"])
    assert sorted(dom.figures) == _expected_trends(ds)
    try:
        import matplotlib  # noqa: F401

        assert dom.svgs_in_figures == len(dom.figures)
    except ImportError:
        pass

    chinese = _run_chromium(binary, tmp_path, "--dump-dom", url + "#lang=zh")
    assert Page(chinese.stdout).root["class"] == "lang-zh"


# Screenshots at 1280 and 390 pixels: test_no_table_cell_narrower_than_six_characters.


#: Appended to a copy of the page: reports, to the frame around it, the table cells narrower than about six
#: characters (half an em per character) and the width the page was laid out at.
MEASURE = """<script>
window.addEventListener('load', function () {
  var narrow = [], cells = document.querySelectorAll('td, th');
  for (var i = 0; i < cells.length; i++) {
    var c = cells[i];
    if (!c.getClientRects().length) { continue; }
    var em = parseFloat(getComputedStyle(c).fontSize);
    var w = c.getBoundingClientRect().width;
    if (w < 6 * 0.5 * em - 0.5) { narrow.push([c.closest('table').className, c.textContent.slice(0, 30), w]); }
  }
  parent.postMessage({cells: cells.length, narrow: narrow, viewport: window.innerWidth}, '*');
});
</script>"""

#: Headless Chromium will not open a window narrower than 500 pixels: a phone's width is a frame inside one.
#: One frame per language, one above the other; each reports what it measured.
FRAME = """<!doctype html><html><body style="margin:0">
<iframe src="{src}#lang=en" style="width:{width}px;height:{height}px;border:0;display:block"></iframe>
<iframe src="{src}#lang=zh" style="width:{width}px;height:{height}px;border:0;display:block"></iframe>
<script>var got = [];
window.addEventListener('message', function (e) {{
  got.push(e.data);
  document.documentElement.setAttribute('data-measured', JSON.stringify(got));
}});</script></body></html>"""


@pytest.mark.parametrize("width", [1280, 390])
def test_no_table_cell_narrower_than_six_characters(report, tmp_path, width):
    binary = _chromium()
    inner = tmp_path / "measured.html"
    inner.write_text(report.html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    frame = tmp_path / "frame.html"
    frame.write_text(FRAME.format(src=inner.name, width=width, height=6000), encoding="utf-8")
    window = f"--window-size={max(width, 500)},6000"
    loaded = _run_chromium(binary, tmp_path, window, "--virtual-time-budget=10000", "--dump-dom", frame.as_uri())
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    measured = json.loads(Page(loaded.stdout).root["data-measured"])
    assert len(measured) == 2  # English and Chinese
    for m in measured:
        assert m["viewport"] == width
        assert m["cells"] > 300
        assert m["narrow"] == []
    # For people to look at: the top of the English page at this width (the Chinese one is below it).
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"report-{width}.png"
    shot.unlink(missing_ok=True)
    taken = _run_chromium(binary, tmp_path, f"--screenshot={shot.resolve()}", window, frame.as_uri())
    assert taken.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_csv_download_is_the_export(ds, tmp_path):
    """The page's CSV button writes the same text as `gzkit export --bom -f csv`."""
    from gzkit.output import render

    binary = _chromium()
    script = htmlreport.asset("report.js")
    data = htmlreport.data_json(ds)
    probe = (
        '<!doctype html><html><body><pre id="out"></pre>'
        f'<script type="application/json" id="gzkit-data">{data}</script><script>{script}</script>'
        "<script>document.getElementById('out').textContent="
        "JSON.stringify(gzkitCsv(JSON.parse(document.getElementById('gzkit-data').textContent)));</script>"
        "</body></html>"
    )
    path = tmp_path / "csv.html"
    path.write_text(probe, encoding="utf-8")
    loaded = _run_chromium(binary, tmp_path, "--dump-dom", path.resolve().as_uri())
    text = re.search(r'<pre id="out">(.*?)</pre>', loaded.stdout, re.S).group(1)
    import html as html_module

    csv_text = json.loads(html_module.unescape(text))
    assert csv_text == "\ufeff" + render(core.export(ds), "csv")
    assert csv_text.count("\n") == len(ds.observations) + 1


def test_report_assets_are_package_files(report):
    css, js = htmlreport.asset("report.css"), htmlreport.asset("report.js")
    assert css.strip() in report.html and js.strip() in report.html
    assert 'id="download-csv"' in report.html and 'id="download-json"' in report.html


class Reading(HTMLParser):
    """The text of one section as a reader of ``lang`` sees it: the other language's elements are hidden."""

    def __init__(self, text: str, section: str, lang: str):
        super().__init__(convert_charrefs=True)
        self.hidden = "zh" if lang == "en" else "en"
        self.section, self.inside, self.skip, self.words = section, 0, 0, []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and a.get("id") == self.section:
            self.inside = 1
        elif self.inside:
            self.inside += 1
        if self.skip or (self.inside and self.hidden in (a.get("class") or "").split()):
            self.skip += 1

    def handle_endtag(self, tag):
        if self.skip:
            self.skip -= 1
        if self.inside:
            self.inside -= 1

    def handle_data(self, data):
        if self.inside and not self.skip:
            self.words.append(data)

    @property
    def text(self) -> str:
        return " ".join(self.words)


def test_a_chinese_page_reads_in_chinese(ds):
    from gzkit import audit

    built = htmlreport.build(ds, "zh", domain="economy", max_figures=1)
    assert Page(built.html).root["lang"] == "zh-CN" and 'aria-label="语言"' in built.html
    zh = Reading(built.html, "audit", "zh").text
    en = Reading(built.html, "audit", "en").text
    assert "一致性核对" in zh and "Consistency checks" in en
    assert {"一致", "不一致", "说明"} <= set(re.findall(r"一致|不一致|说明", zh))
    assert not re.search(r"\b(consistent|inconsistent|note)\b", zh)
    for note in audit.audit(ds)["note"]:
        assert note.render("zh") in zh and str(note) in en
    progress = Reading(built.html, "progress", "zh").text
    assert "目标完成度" in progress and not re.search(r"\b(achieved|in progress)\b", progress)
