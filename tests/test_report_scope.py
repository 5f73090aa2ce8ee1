"""gzkit report draws the trend figures asked for, within a cap, and says what it left out."""

from __future__ import annotations

import re

import pytest

from gzkit import charts, htmlreport, report_scope

pytest.importorskip("matplotlib")


def _figures(html: str) -> list[str]:
    return re.findall(r'<figure class="trend" id="trend-([^"]+)"', html)


def test_the_bundled_package_is_drawn_whole_by_default(ds):
    series = charts.trend_series(ds)
    assert len(series) <= report_scope.DEFAULT_MAX_FIGURES
    page = htmlreport.build(ds)
    assert (
        len(_figures(page.html)) == len(series) == 20
    )  # with the 2015 tertiary contribution and 2019 trade stated in words
    assert not any("Trend figures:" in w for w in page.warnings)


def test_a_cap_draws_the_first_and_says_what_was_left_out(ds):
    page = htmlreport.build(ds, max_figures=2)
    first_two = charts.trend_series(ds).head(2)
    assert _figures(page.html) == [f"{i}-{r}" for i, r in zip(first_two["indicator"], first_two["region"])]
    (note,) = [w for w in page.warnings if w.startswith("Trend figures:")]
    assert note.startswith("Trend figures: 2 of 20 series drawn (the first 2 in the package's order).")
    assert "趋势图：共20个序列，绘制了2个" in page.html


def test_indicator_and_domain_choose_the_figures(ds):
    page = htmlreport.build(ds, indicators=["disposable_income_rural"])
    assert _figures(page.html) == ["disposable_income_rural-guangzhou"]
    assert any("1 of 20 series drawn (those asked for)" in w for w in page.warnings)
    by_domain = htmlreport.build(ds, domain="livelihood", max_figures=0)
    expected = charts.trend_series(ds).query("domain == 'livelihood'")
    assert len(_figures(by_domain.html)) == len(expected) > 0


def test_cli_options(invoke, tmp_path):
    target = tmp_path / "r.html"
    result = invoke("report", "-o", target, "--indicator", "gdp", "--max-figures", "1")
    assert result.exit_code == 0, result.stderr
    assert _figures(target.read_text(encoding="utf-8")) == ["gdp-guangzhou"]
    assert "Trend figures: 1 of 20 series drawn" in result.stderr
    assert "Drawing trend figures" not in result.stderr  # progress is for terminals only
    bad = invoke("report", "-o", tmp_path / "x.html", "--max-figures", "-1")
    assert bad.exit_code == 2
    assert "--max-figures must be 0 (all) or more" in bad.stderr
    unknown = invoke("report", "-o", tmp_path / "y.html", "--domain", "nowhere")
    assert unknown.exit_code == 1
    assert not (tmp_path / "y.html").exists()


def test_progress_bar_counts_steps_on_a_terminal(monkeypatch):
    from gzkit import progress

    monkeypatch.setattr(progress, "enabled", lambda: False)
    with progress.bar(5, "x") as tick:
        assert tick() is None  # a no-op off a terminal
    monkeypatch.setattr(progress, "enabled", lambda: True)
    seen = []
    import rich.progress

    real_advance = rich.progress.Progress.advance
    monkeypatch.setattr(
        rich.progress.Progress, "advance", lambda self, task, n=1: seen.append(n) or real_advance(self, task, n)
    )
    with progress.bar(3, "Drawing trend figures") as tick:
        for _ in range(3):
            tick()
    assert seen == [1, 1, 1]


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("gz.json", "gzkit export -o gz.json"),
        ("gz.CSV", "gzkit export -o gz.CSV"),
        ("gz.md", "gzkit export -o gz.md"),
        ("gz.sqlite", "gzkit export -o gz.sqlite"),
        ("gdp.png", "gzkit chart INDICATOR -o gdp.png"),
    ],
)
def test_a_name_that_promises_another_format_is_refused(invoke, tmp_path, name, command):
    result = invoke("report", "-o", tmp_path / name)
    assert result.exit_code == 2
    suffix = name[name.rindex(".") :]
    assert result.stderr == (
        f"Error: the report is one HTML page, not a {suffix} file. Name it .html (gzkit report -o report.html), "
        f"or write a {suffix} file with `{command}`.\n"
    )
    assert not (tmp_path / name).exists()


def test_names_without_a_data_suffix_are_written(invoke, tmp_path):
    for name in ("page.htm", "report"):
        result = invoke("report", "-o", tmp_path / name, "--max-figures", "1")
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / name).read_text(encoding="utf-8").startswith("<!doctype html>")


def test_a_missing_folder_is_named_before_the_page_is_built(invoke, tmp_path):
    result = invoke("report", "-o", tmp_path / "missing" / "r.html")
    assert result.exit_code == 1
    # one line, and no warning about trend figures: the page was never built
    assert result.stderr == (
        f"Error: the folder {tmp_path / 'missing'} does not exist. Create it first or choose another path.\n"
    )
