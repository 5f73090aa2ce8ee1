"""The report page assembled: its sections in order, the navigation, the header and the embedded data."""

from __future__ import annotations

import json
import string
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import pandas as pd

from gzkit import __version__, cells, charts, core, progress, report_scope
from gzkit import columns as colspec
from gzkit.data import Dataset
from gzkit.errors import GzkitError
from gzkit.htmlreport.figures import trend_figure
from gzkit.htmlreport.markup import QUALIFIER_NOTES, bi, e, provenance, provenance_text, qualifier_badge, words
from gzkit.htmlreport.tables import check_sections, gap_section, progress_section
from gzkit.i18n import N_, T, Text, localize
from gzkit.output import records


@dataclass
class Report:
    """The page and what a user should know about how it was built (warnings are :class:`~gzkit.i18n.Text`)."""

    html: str
    warnings: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)


def build(
    ds: Dataset,
    lang: str = "en",
    *,
    domain: str | None = None,
    indicators: list[str] | None = None,
    max_figures: int | None = None,
) -> Report:
    """The report page for ``ds``, opening in ``lang`` (en or zh).

    Trend figures are drawn for ``domain`` and ``indicators`` when given, at most
    ``max_figures`` of them (:mod:`gzkit.report_scope`; 0 draws every one).
    """
    warnings: list[str] = []
    try:
        charts.require_matplotlib()
        can_draw = True
    except GzkitError:
        can_draw = False
        warnings.append(T("trend charts left out: {reason}", reason=Text(charts.MISSING_EXTRA)))

    domains = ds.domains.reset_index(drop=True)
    limit = report_scope.DEFAULT_MAX_FIGURES if max_figures is None else max_figures
    scope = report_scope.select(ds, charts.trend_series(ds), domain, indicators, limit)
    trends = scope.trends
    if scope.note_en:
        warnings.append(scope.note_en)
    latest = latest_values(ds)
    # One pass over plain records: a groupby with a to_dict per indicator took seconds for thousands of indicators.
    latest_by_indicator: dict[str, list[dict[Hashable, Any]]] = {}
    for row in latest.to_dict("records") if not latest.empty else []:
        latest_by_indicator.setdefault(str(row["indicator"]), []).append(row)
    parts: list[str] = []
    section_ids: list[str] = []
    if scope.note_en:
        parts.append(f'<p class="note">{bi(scope.note_en, scope.note_zh)}</p>')
    with progress.bar(len(trends) if can_draw else 0, "Drawing trend figures") as tick:
        for dom in domains.itertuples(index=False):
            parts.append(_domain_section(ds, dom, latest_by_indicator, trends, can_draw, tick))
            section_ids.append(f"domain-{dom.id}")
    parts.append(gap_section(ds))
    section_ids.append("gap")
    parts.append(progress_section(ds))
    section_ids.append("progress")
    checked, left_out = check_sections(ds)
    warnings.extend(left_out)
    for sid, html in checked:
        parts.append(html)
        section_ids.append(sid)
    parts.append(_about_section(ds))
    section_ids.append("about")

    nav = [(f"domain-{d.id}", bi(d.name_en, d.name_zh)) for d in domains.itertuples(index=False)]
    nav += [("gap", words(N_("Income gap"))), ("progress", words(N_("Targets")))]
    nav += [(sid, words(heading)) for sid, heading in NAV_CHECKS if sid in section_ids]
    nav.append(("about", words(N_("About the data"))))
    page = _page(ds, lang, "".join(parts), nav)
    return Report(html=page, warnings=warnings, sections=section_ids)


#: The navigation's names for the check sections.
NAV_CHECKS = (("audit", N_("Consistency checks")), ("xiaokang", N_("Xiaokang index")))


def latest_values(ds: Dataset) -> pd.DataFrame:
    """Each indicator's latest headline value in every region, regions in the package's order,
    with its provenance (vintage, evidence, note) and the value as people read it (``shown_en``, ``shown_zh``).
    """
    frames = [core.latest(ds, dom, region=None) for dom in ds.domains["id"]]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if out.empty:
        return out
    keys = ["indicator", "region", "period", "value", "source"]
    extra = ds.observations[keys + ["vintage", "evidence", "evidence_words", "note", "headline"]]
    extra = extra[extra["headline"]].drop(columns="headline").drop_duplicates(keys)
    # A claim the report writes in words (全国第三) shows those words where a figure shows its digits.
    extra = extra.assign(evidence=extra["evidence"].where(extra["evidence"] != "", extra["evidence_words"]))
    extra = extra.drop(columns="evidence_words")
    out = out.merge(extra, on=keys, how="left")
    order = {r: n for n, r in enumerate(ds.regions["id"])}
    out = out.assign(_r=out["region"].map(order)).sort_values(["indicator", "_r"], kind="stable").drop(columns="_r")
    # The value as people read it, from the column specification and the package's units.
    out = colspec.attach(out.reset_index(drop=True), ds)
    for lang in ("en", "zh"):
        out[f"shown_{lang}"] = next(c for c in cells.view(out, lang, ["value"]).columns if c.name == "value").cells
    return out


def _domain_section(
    ds: Dataset,
    dom: Any,
    latest: dict[str, list[dict[Hashable, Any]]],
    trends: pd.DataFrame,
    can_draw: bool,
    tick: Callable[[], object] = lambda: None,
) -> str:
    inds = ds.indicators[ds.indicators["domain"] == dom.id]
    regions = ds.regions.set_index("id").to_dict("index")  # a dict: .loc per row cost 0.3 ms x every row
    year_assumed = words(N_("year assumed"))
    rows = []
    for ind in inds.itertuples(index=False):
        values = latest.get(str(ind.id), [])
        described = " · ".join(d for d in (ind.description, ind.description_zh) if d)
        name = (
            f'<th scope="row" class="name" title="{e(described)}">{bi(ind.name_en, ind.name_zh)}'
            f"<code>{e(ind.id)}</code></th>"
        )
        if not values:
            rows.append(
                f'<tr data-indicator="{e(ind.id)}">{name}<td></td><td></td><td class="num">—</td><td></td></tr>'
            )
            continue
        for n, v in enumerate(values):
            region = regions[v["region"]]
            assumed = ""
            if bool(v.get("year_inferred")):
                assumed = f' <span class="badge" title="{e(localize(v.get("note"), "en"))}">{year_assumed}</span>'
            qualified = " qualified" if v["qualifier"] not in ("=", "") else ""
            rows.append(
                f'<tr data-indicator="{e(ind.id)}" data-region="{e(v["region"])}">'
                + (name if n == 0 else '<th scope="row" class="name cont"></th>')
                + f"<td>{bi(region['name_en'], region['name_zh'])}</td>"
                f"<td>{e(v['period'])}{assumed}</td>"
                f'<td class="num{qualified}" title="{e(provenance_text(v))}">'
                f"{bi(v['shown_en'], v['shown_zh'])}"
                f"{qualifier_badge(v['qualifier'])}</td>"
                f"<td>{provenance(v)}</td></tr>"
            )
    head = "".join(
        (f'<th class="num">{words(h)}</th>' if n == 3 else f"<th>{words(h)}</th>")
        for n, h in enumerate((N_("Indicator"), N_("Region"), N_("Period"), N_("Latest value"), N_("Provenance")))
    )
    table = (
        f'<div class="table-wrap"><table class="values"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    figures = []
    for t in trends[trends["domain"] == dom.id].itertuples(index=False):
        figures.append(trend_figure(ds, str(t.indicator), str(t.region), can_draw))
        tick()
    trend_block = ""
    if figures:
        trends_heading = words(N_("Trends"))
        trend_block = f'<h3>{trends_heading}</h3><div class="trends">{"".join(figures)}</div>'
    n_obs = int(ds.observations["indicator"].isin(inds["id"]).sum())
    count = T("{indicators} indicators, {observations} observations", indicators=len(inds), observations=n_obs)
    return (
        f'<section id="domain-{e(dom.id)}" class="domain" data-domain="{e(dom.id)}">'
        f"<h2>{bi(dom.name_en, dom.name_zh)}</h2>"
        f'<p class="count">{words(count)}</p>'
        f"{trend_block}{table}</section>"
    )


def _about_section(ds: Dataset) -> str:
    sources = "".join(
        f"<li><b>{e(s.get('title'))}</b>" + (f" — {e(s.get('description'))}" if s.get("description") else "") + "</li>"
        for s in ds.meta.get("sources", []) or []
        if isinstance(s, dict)
    )
    marks = "".join(f"<li><code>{e(q)}</code> {words(note)}</li>" for q, note in QUALIFIER_NOTES.items())
    licences = ", ".join(e(lic.get("title") or lic.get("name")) for lic in ds.meta.get("licenses", []) or [])
    assumed = N_("the report does not state the year; the note says which was assumed")
    said = {
        "about": words(N_("About the data")),
        "qualifiers": words(N_("Qualifiers")),
        "year": words(N_("year assumed")),
        "sources": words(N_("Sources")),
        "licence": words(N_("Licence")),
        "json": words(N_("Download the observations (JSON)")),
        "csv": words(N_("Download the observations (CSV)")),
    }
    return (
        f'<section id="about" class="view"><h2>{said["about"]}</h2>'
        f"<p>{e(ds.meta.get('description', ''))}</p>"
        f'<h3>{said["qualifiers"]}</h3><ul class="marks">{marks}'
        f'<li><span class="badge">{said["year"]}</span> {words(assumed)}</li></ul>'
        f"<h3>{said['sources']}</h3><ul>{sources}</ul>"
        + (f"<p>{said['licence']}: {licences}</p>" if licences else "")
        + '<p class="downloads">'
        f'<button type="button" id="download-json">{said["json"]}</button>'
        f'<button type="button" id="download-csv">{said["csv"]}</button>'
        "</p></section>"
    )


def data_json(ds: Dataset) -> str:
    """The observations as JSON, safe to sit inside a <script> element."""
    text = json.dumps(records(core.export(ds)), ensure_ascii=False, separators=(",", ":"))
    # Inside <script>, "</script>" or "<!--" in a string would end or confuse the element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


#: The bundled package's title in Chinese; another package's page shows its own title in both languages.
BUNDLED_TITLE_ZH = "广州高水平全面建成小康社会：数据记录"
BUNDLED_LEDE = N_(
    "Every figure of the Guangdong Academy of Social Sciences report on Guangzhou's high-level xiaokang society "
    "(August 2020), with a few official comparators: {indicators} indicators, {observations} observations. Hover "
    "over or open a value's source to see where it comes from."
)


def _page(ds: Dataset, lang: str, body: str, nav: list[tuple[str, str]]) -> str:
    lang = "zh" if lang == "zh" else "en"
    title_en = str(ds.meta.get("title") or "gzkit report")
    title_zh = BUNDLED_TITLE_ZH if ds.bundled else title_en
    if ds.bundled:
        lede = words(Text(BUNDLED_LEDE, {"indicators": len(ds.indicators), "observations": len(ds.observations)}))
    else:
        lede = e(ds.meta.get("description", ""))
    package_word = words(N_("Data package"))
    meta = f"{package_word} {e(ds.meta.get('name', ''))} {e(ds.meta.get('version', ''))} · gzkit {e(__version__)}"
    reader = lang
    fields = {
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "lang": lang,
        "version": e(__version__),
        "title": f"{e(title_en)} · {e(title_zh)}",
        "css": asset("report.css"),
        "heading": bi(title_en, title_zh),
        "switch_label": e(localize(N_("Language"), reader)),
        "lede": lede,
        "meta": meta,
        "nav_label": e(localize(N_("Sections"), reader)),
        "nav": "".join(f'<a href="#{e(i)}">{text}</a>' for i, text in nav),
        "body": body,
        "data": data_json(ds),
        "js": asset("report.js"),
    }
    return string.Template(asset("page.html")).substitute(fields)


def asset(name: str) -> str:
    """A file of the page (its template, stylesheet, script), shipped inside the package."""
    return (resources.files("gzkit") / "assets" / name).read_text(encoding="utf-8")
