"""One self-contained HTML page of the whole record: ``gzkit report -o report.html``.

The page loads nothing from the network: its CSS, its script, its charts (inline
SVG drawn by :func:`gzkit.charts.figure_svg`, the code behind ``gzkit chart -o
FILE.svg``) and its data (the observations as JSON) are all inside it. It holds
every domain with its indicators and latest values, a trend chart for every
series with two or more yearly points, the urban-rural income gap of Guangzhou
against China, progress against targets and, when this gzkit has them, the
consistency checks (:mod:`gzkit.audit`) and the xiaokang index
(:mod:`gzkit.xiaokang`). Each number's source, the report's own words and the
notes are one hover or click away. A switch shows the page in Chinese or
English; it reads well on a phone.

All text goes through :func:`html.escape`.
"""

from __future__ import annotations

import importlib
import json
import math
import re
from dataclasses import dataclass, field
from html import escape

import pandas as pd

from gzkit import __version__, cells, charts, core, humanize
from gzkit import columns as colspec
from gzkit.data import Dataset
from gzkit.errors import GzkitError
from gzkit.output import records

FRAMEWORK_NAMES = {
    "report": ("The report's own targets", "报告提出的目标"),
    "xiaokang2013": (
        "National xiaokang monitoring targets (NBS, 2013)",
        "全面建成小康社会统计监测指标（国家统计局，2013）",
    ),
}
STATUS_NAMES = {
    "achieved": ("achieved", "已实现"),
    "reached (stated)": ("reached (stated)", "已达到（报告所述）"),
    "in progress": ("in progress", "推进中"),
    "unclear": ("unclear", "不确定"),
    "undefined": ("undefined", "无法计算"),
    "consistent": ("consistent", "一致"),
    "inconsistent": ("inconsistent", "不一致"),
    "note": ("note", "说明"),
}
QUALIFIER_NOTES = {
    ">": ("a lower bound: more than this", "下限：超过此数"),
    ">=": ("a lower bound: at least this", "下限：不低于此数"),
    "<": ("an upper bound: less than this", "上限：低于此数"),
    "<=": ("an upper bound: at most this", "上限：不高于此数"),
    "~": ("approximate", "约数"),
    "?": ("bounds nothing: its inputs push both ways", "无法界定"),
}
QUALIFIER_BADGES = {
    ">": ("lower bound", "下限"),
    ">=": ("lower bound", "下限"),
    "<": ("upper bound", "上限"),
    "<=": ("upper bound", "上限"),
    "~": ("approx.", "约数"),
    "?": ("unbounded", "无界"),
}
#: Optional sections from modules that may not exist in every gzkit: (module, function, id, English, Chinese).
OPTIONAL_SECTIONS = (
    ("gzkit.audit", "audit", "audit", "Consistency checks", "一致性核对"),
    ("gzkit.xiaokang", "xiaokang", "xiaokang", "Xiaokang index", "小康指数"),
)


@dataclass
class Report:
    """The page and what a user should know about how it was built."""

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
    from gzkit import progress, report_scope

    warnings: list[str] = []
    try:
        charts.require_matplotlib()
        can_draw = True
    except GzkitError:
        can_draw = False
        warnings.append("trend charts left out: " + charts.MISSING_EXTRA)

    domains = ds.domains.reset_index(drop=True)
    limit = report_scope.DEFAULT_MAX_FIGURES if max_figures is None else max_figures
    scope = report_scope.select(ds, charts.trend_series(ds), domain, indicators, limit)
    trends = scope.trends
    if scope.note_en:
        warnings.append(scope.note_en)
    latest = _latest(ds)
    # One pass over plain records: a groupby with a to_dict per indicator took seconds for thousands of indicators.
    latest_by_indicator: dict[str, list[dict]] = {}
    for row in latest.to_dict("records") if not latest.empty else []:
        latest_by_indicator.setdefault(row["indicator"], []).append(row)
    parts: list[str] = []
    section_ids: list[str] = []
    if scope.note_en:
        parts.append(f'<p class="note">{bi(scope.note_en, scope.note_zh)}</p>')
    with progress.bar(len(trends) if can_draw else 0, "Drawing trend figures") as tick:
        for dom in domains.itertuples(index=False):
            parts.append(_domain_section(ds, dom, latest_by_indicator, trends, can_draw, tick))
            section_ids.append(f"domain-{dom.id}")
    parts.append(_gap_section(ds))
    section_ids.append("gap")
    parts.append(_progress_section(ds))
    section_ids.append("progress")
    for module, func, sid, en, zh in OPTIONAL_SECTIONS:
        html, note = _optional_section(ds, module, func, sid, en, zh)
        if note:
            warnings.append(note)
        if html:
            parts.append(html)
            section_ids.append(sid)
    parts.append(_about_section(ds))
    section_ids.append("about")

    nav = [(f"domain-{d.id}", d.name_en, d.name_zh) for d in domains.itertuples(index=False)]
    nav += [("gap", "Income gap", "城乡收入差距"), ("progress", "Targets", "目标完成度")]
    nav += [(sid, en, zh) for _, _, sid, en, zh in OPTIONAL_SECTIONS if sid in section_ids]
    nav.append(("about", "About the data", "关于数据"))
    page = _page(ds, lang, "".join(parts), nav)
    return Report(html=page, warnings=warnings, sections=section_ids)


# --------------------------------------------------------------------------- pieces


def _e(text) -> str:
    return escape("" if text is None else str(text), quote=True)


def bi(en, zh, tag: str = "span") -> str:
    """Text in both languages; the page's switch shows one. Identical text is written once."""
    en, zh = ("" if en is None else str(en)), ("" if zh is None else str(zh))
    if en == zh:
        return _e(en)
    return f'<{tag} class="en" lang="en">{_e(en)}</{tag}><{tag} class="zh" lang="zh-CN">{_e(zh)}</{tag}>'


def _missing(value) -> bool:
    try:
        return value is None or value is pd.NA or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def _quantity(value, unit, units: dict, decimals=None, qualifier=None) -> str:
    if _missing(value):
        return "—"
    decimals = None if _missing(decimals) else int(decimals)
    return bi(
        humanize.quantity(value, unit, decimals, "en", qualifier, units=units),
        humanize.quantity(value, unit, decimals, "zh", qualifier, units=units),
    )


def _provenance_text(row) -> str:
    """The short form, for a hover: where the number was published."""
    return " · ".join(str(row.get(k)) for k in ("source", "vintage") if isinstance(row.get(k), str) and row.get(k))


def _provenance(row) -> str:
    """A <details> with where a number comes from: source, vintage, the report's words, the note."""
    # The labels come from the stylesheet in the page's language, so they are not written twice per number.
    rows = "".join(
        f'<dt class="k-{key}"></dt><dd>{_e(row.get(key))}</dd>'
        for key in ("source", "vintage", "evidence", "note")
        if isinstance(row.get(key), str) and row.get(key)
    )
    if not rows:
        return ""
    return f'<details class="prov"><summary></summary><dl>{rows}</dl></details>'


def _qualifier_badge(q) -> str:
    if not isinstance(q, str) or q in ("", "="):
        return ""
    en, zh = QUALIFIER_NOTES.get(q, (q, q))
    short = QUALIFIER_BADGES.get(q, (q, q))
    return f' <abbr class="q" title="{_e(en)} · {_e(zh)}">{bi(*short)}</abbr>'


def _latest(ds: Dataset) -> pd.DataFrame:
    """Each indicator's latest headline value in every region, regions in the package's order."""
    frames = [core.latest(ds, dom, region=None) for dom in ds.domains["id"]]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if out.empty:
        return out
    # Add what the provenance needs (vintage, evidence, note) from the observation itself.
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
    ds: Dataset, dom, latest: dict[str, list[dict]], trends: pd.DataFrame, can_draw: bool, tick=lambda: None
) -> str:
    inds = ds.indicators[ds.indicators["domain"] == dom.id]
    regions = ds.regions.set_index("id").to_dict("index")  # a dict: .loc per row cost 0.3 ms x every row
    rows = []
    for ind in inds.itertuples(index=False):
        values = latest.get(ind.id, [])
        name = (
            f'<th scope="row" class="name" title="{_e(ind.description)}">{bi(ind.name_en, ind.name_zh)}'
            f"<code>{_e(ind.id)}</code></th>"
        )
        if not values:
            rows.append(
                f'<tr data-indicator="{_e(ind.id)}">{name}<td></td><td></td><td class="num">—</td><td></td></tr>'
            )
            continue
        for n, v in enumerate(values):
            region = regions[v["region"]]
            assumed = ""
            if bool(v.get("year_inferred")):
                assumed = f' <span class="badge" title="{_e(v.get("note"))}">{bi("year assumed", "年份推定")}</span>'
            qualified = " qualified" if v["qualifier"] not in ("=", "") else ""
            rows.append(
                f'<tr data-indicator="{_e(ind.id)}" data-region="{_e(v["region"])}">'
                + (name if n == 0 else '<th scope="row" class="name cont"></th>')
                + f"<td>{bi(region['name_en'], region['name_zh'])}</td>"
                f"<td>{_e(v['period'])}{assumed}</td>"
                f'<td class="num{qualified}" title="{_e(_provenance_text(v))}">'
                f"{bi(v['shown_en'], v['shown_zh'])}"
                f"{_qualifier_badge(v['qualifier'])}</td>"
                f"<td>{_provenance(v)}</td></tr>"
            )
    head = (
        f"<tr><th>{bi('Indicator', '指标')}</th><th>{bi('Region', '地区')}</th><th>{bi('Period', '时期')}</th>"
        f'<th class="num">{bi("Latest value", "最新数值")}</th><th>{bi("Provenance", "出处")}</th></tr>'
    )
    table = f'<div class="table-wrap"><table class="values"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'

    figures = []
    for t in trends[trends["domain"] == dom.id].itertuples(index=False):
        figures.append(_trend_figure(ds, t.indicator, t.region, can_draw))
        tick()
    trend_block = ""
    if figures:
        trend_block = f'<h3>{bi("Trends", "趋势")}</h3><div class="trends">{"".join(figures)}</div>'
    n_obs = int(ds.observations["indicator"].isin(inds["id"]).sum())
    return (
        f'<section id="domain-{_e(dom.id)}" class="domain" data-domain="{_e(dom.id)}">'
        f"<h2>{bi(dom.name_en, dom.name_zh)}</h2>"
        f'<p class="count">{bi(f"{len(inds)} indicators, {n_obs} observations", f"{len(inds)}项指标，{n_obs}条观测")}</p>'
        f"{trend_block}{table}</section>"
    )


def _trend_figure(ds: Dataset, indicator: str, region: str, can_draw: bool) -> str:
    df = charts.chart_data(ds, [indicator], regions=[region])
    units = colspec.unit_table(ds.units)
    first = df.iloc[0]
    svg = ""
    if can_draw:
        try:
            svg = _inline_svg(
                charts.figure_svg(df, compact=True),
                f"t-{indicator}-{region}-",
                f"{first['name_en']} ({first['region_en']}), {df['year'].min()}–{df['year'].max()}",
            )
        except charts.Undrawable as exc:  # the figures below still show every value
            svg = f'<p class="nochart">{_e(exc)}</p>'
    else:
        svg = f'<p class="nochart">{_e(charts.MISSING_EXTRA)}</p>'
    points = "".join(
        f'<tr><td>{_e(p["period"])}</td><td class="num" title="{_e(_provenance_text(p))}">'
        f"{_quantity(p['value'], p['unit'], units, p['decimals'], p['qualifier'])}{_qualifier_badge(p['qualifier'])}</td>"
        f"<td>{_e(p['source'])}</td></tr>"
        for p in df.to_dict("records")
    )
    marks = charts.marks_note(df, "en")
    marks_zh = charts.marks_note(df, "zh")
    warn = "".join(f'<p class="warn">{_e(w)}</p>' for w in df.attrs.get("warnings", []))
    unit_en, unit_zh = first["unit_en"], first["unit_zh"]
    return (
        f'<figure class="trend" id="trend-{_e(indicator)}-{_e(region)}" data-indicator="{_e(indicator)}" '
        f'data-region="{_e(region)}" data-points="{len(df)}">'
        f"<figcaption><b>{bi(first['name_en'], first['name_zh'])}</b> · {bi(first['region_en'], first['region_zh'])}"
        f' <span class="unit">({bi(unit_en, unit_zh)})</span></figcaption>'
        f"{svg}"
        + (f'<p class="marks">{bi(marks, marks_zh)}</p>' if marks else "")
        + f'<p class="source">{bi(charts.source_line(df, "en"), charts.source_line(df, "zh"))}</p>{warn}'
        f'<details class="points"><summary>{bi("points and sources", "数据点与来源")}</summary>'
        f"<table><tbody>{points}</tbody></table></details></figure>"
    )


def _inline_svg(svg: str, prefix: str, label: str) -> str:
    """An SVG file's text made fit to sit in a page beside others: no prolog, unique ids, a label."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    prefix = re.sub(r"[^A-Za-z0-9_-]", "_", prefix)
    # Keep only the ids something refers to (marker shapes, clip paths) and gzkit's own, made unique.
    used = set(re.findall(r"url\(#([^)]+)\)", svg)) | set(re.findall(r'xlink:href="#([^"]+)"', svg))

    def rename(m):
        name = m.group(1)
        if name in used or name.startswith("gzkit-"):
            return f'id="{prefix}{name}"'
        return ""

    svg = re.sub(r' id="([^"]+)"', lambda m: (" " + rename(m)) if rename(m) else "", svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', lambda m: f'xlink:href="#{prefix}{m.group(1)}"', svg)
    svg = re.sub(r"\n\s*", "\n", svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_e(label)}" ', 1)


def _gap_section(ds: Dataset) -> str:
    head = f"<h2>{bi('Urban-rural income gap: Guangzhou against China', '城乡收入差距：广州与全国')}</h2>"
    lede = bi(
        "Per capita disposable income of urban residents divided by that of rural residents (the 城乡收入倍差): "
        "the lower the ratio, the smaller the gap.",
        "城市常住居民人均可支配收入与农村常住居民人均可支配收入之比（城乡收入倍差）：倍差越小，差距越小。",
    )
    try:
        table = _frame_table(core.gap(ds, region=None), css="gap", columns=GAP_VIEW, regions=_region_names(ds))
    except GzkitError as exc:
        table = f'<p class="empty">{_e(exc)}</p>'
    return f'<section id="gap" class="view">{head}<p>{lede}</p>{table}</section>'


def _progress_section(ds: Dataset) -> str:
    head = f"<h2>{bi('Progress against targets', '目标完成度')}</h2>"
    lede = bi(
        "Completion = value / target × 100 for targets to reach or exceed, target / value × 100 for ceilings.",
        "完成度 = 实际值 / 目标值 × 100（越高越好的目标）；目标值 / 实际值 × 100（上限类目标）。",
    )
    frameworks = [f for f in dict.fromkeys(ds.targets["framework"]) if isinstance(f, str) and f]
    blocks = []
    for fw in frameworks:
        en, zh = FRAMEWORK_NAMES.get(fw, (fw, fw))
        try:
            table = _frame_table(
                core.progress(ds, framework=fw), css="progress", columns=PROGRESS_VIEW, regions=_region_names(ds)
            )
        except GzkitError as exc:
            table = f'<p class="empty">{_e(exc)}</p>'
        blocks.append(f'<h3 data-framework="{_e(fw)}">{bi(en, zh)}</h3>{table}')
    if not blocks:
        blocks.append(f'<p class="empty">{bi("This data package has no targets.", "此数据包没有目标数据。")}</p>')
    return f'<section id="progress" class="view">{head}<p>{lede}</p>{"".join(blocks)}</section>'


def _optional_section(ds: Dataset, module: str, func: str, sid: str, en: str, zh: str) -> tuple[str, str]:
    """A section from a module this gzkit may lack: (html, note for the user)."""
    try:
        fn = getattr(importlib.import_module(module), func)
    except (ImportError, AttributeError):
        return "", ""
    try:
        result = fn(ds)
    except Exception as exc:  # noqa: BLE001 - the rest of the report must not depend on it
        return "", f"the {en.lower()} section was left out: {exc}"
    frames = result if isinstance(result, dict) else {"": result}
    body = []
    for name, df in frames.items():
        if not isinstance(df, pd.DataFrame):
            continue
        if name:
            body.append(f"<h3>{_e(name)}</h3>")
        body.append(_frame_table(df, regions=_region_names(ds)))
    if not body:
        return "", f"the {en.lower()} section was left out: {module}.{func} returned no table."
    return f'<section id="{_e(sid)}" class="view"><h2>{bi(en, zh)}</h2>{"".join(body)}</section>', ""


#: What the gap and progress views show of their results (like the command line's tables).
GAP_VIEW = ["region", "year", "urban", "rural", "ratio", "difference"]
PROGRESS_VIEW = ["name", "year", "value", "target", "completion_pct", "status"]

#: Prose shown in the full-width line beneath a row rather than in a column of its own.
_BENEATH = ("prose",)


def _frame_table(
    df: pd.DataFrame,
    css: str = "frame",
    columns: list[str] | None = None,
    regions: dict[str, tuple[str, str]] | None = None,
) -> str:
    """Any result table, from its column specification: names in both languages, numbers in the package's
    units, long text (notes, sources, evidence) on a full-width line beneath its row, so no column is squeezed.
    """
    # Long text goes beneath its row whether or not the view picked it.
    if columns is not None:
        spec = colspec.spec_of(df)
        columns = [*columns, *(c for c, s in spec.items() if s.role in _BENEATH and c not in columns)]
    en = cells.view(df, "en", columns)
    zh = cells.view(df, "zh", columns)
    zh_by_name = {c.name: c for c in zh.columns}
    # Labels: one column, the page's switch picks the language.
    main = [c for c in en.columns if c.role not in _BENEATH and not (c.role == "label" and c.spec.lang == "zh")]
    beneath = [c for c in en.columns if c.role in _BENEATH]
    label_zh = next((c for c in zh.columns if c.role == "label" and c.spec.lang == "zh"), None)
    tops = {c.name: _gauge_top(c) for c in main if c.spec.gauge == "relative"}
    keys = {c: df[c].tolist() for c, s in colspec.spec_of(df).items() if s.role in ("id", "region")}
    head = "".join(f"<th{' class=num' if c.numeric else ''}>{_header(c, zh_by_name, label_zh)}</th>" for c in main)
    rows = []
    for i in range(en.rows):
        # Ids and regions name the row for scripts and tests, shown or not.
        attrs = "".join(f' data-{name.replace("_", "-")}="{_e(values[i])}"' for name, values in keys.items())
        tds = []
        for c in main:
            text_en = c.cells[i]
            text_zh = zh_by_name[c.name].cells[i] if c.name in zh_by_name else text_en
            if c.role == "label" and label_zh is not None:
                text_zh = label_zh.cells[i]
            if c.role == "region" and regions and text_en in regions:
                text_en, text_zh = regions[text_en]  # a region by its name, in the page's language
            content = _status(text_en) if c.role == "status" else bi(text_en, text_zh)
            if c.spec.gauge and not _missing(c.values[i]):
                width = _gauge_width(c, i, tops.get(c.name))
                content = f'<span class="meter"><span style="width:{width:.1f}%"></span></span>{content}'
            cls = "num" if c.numeric else ("prose" if c.role == "label" else "")
            head_zh = zh_by_name[c.name].header if c.name in zh_by_name else c.header
            label = f' data-label-en="{_e(c.header)}" data-label-zh="{_e(head_zh)}"'
            tds.append(f'<td class="{cls}"{label}>{content}</td>' if cls else f"<td{label}>{content}</td>")
        notes = [(c, c.cells[i]) for c in beneath if c.cells[i]]
        rows.append(f"<tr{attrs}{' class=has-more' if notes else ''}>{''.join(tds)}</tr>")
        if notes:
            items = "".join(
                f"<dt>{bi(c.header, colspec.header(c.name, 'zh', c.spec))}</dt><dd>{_e(text)}</dd>" for c, text in notes
            )
            rows.append(f'<tr class="more"><td colspan="{len(main)}"><dl>{items}</dl></td></tr>')
    if not rows:
        return f'<p class="empty">{bi("No rows.", "没有数据。")}</p>'
    return (
        f'<div class="table-wrap"><table class="frame {_e(css)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _region_names(ds: Dataset) -> dict[str, tuple[str, str]]:
    return {str(r.id): (str(r.name_en), str(r.name_zh)) for r in ds.regions.itertuples(index=False)}


def _header(c, zh_by_name: dict, label_zh) -> str:
    if c.role == "label" and label_zh is not None:
        return bi("name", "名称")
    return bi(c.header, zh_by_name[c.name].header if c.name in zh_by_name else c.header)


def _status(word: str) -> str:
    en, zh = STATUS_NAMES.get(word, (word, word))
    return f'<span class="status s-{_e(re.sub(r"[^a-z]", "-", word))}">{bi(en, zh)}</span>'


def _gauge_top(c) -> float:
    values = [float(v) for v in c.values if not _missing(v)]
    return max([1.0, *values])


def _gauge_width(c, i: int, top: float | None) -> float:
    v = float(c.values[i])
    if c.spec.gauge == "share":
        return max(0.0, min(v, 100.0))
    return max(2.0, v / (top or 1.0) * 100)


def _about_section(ds: Dataset) -> str:
    sources = "".join(
        f"<li><b>{_e(s.get('title'))}</b>"
        + (f" — {_e(s.get('description'))}" if s.get("description") else "")
        + "</li>"
        for s in ds.meta.get("sources", []) or []
        if isinstance(s, dict)
    )
    marks = "".join(f"<li><code>{_e(q)}</code> {bi(en, zh)}</li>" for q, (en, zh) in QUALIFIER_NOTES.items())
    licences = ", ".join(_e(lic.get("title") or lic.get("name")) for lic in ds.meta.get("licenses", []) or [])
    return (
        f'<section id="about" class="view"><h2>{bi("About the data", "关于数据")}</h2>'
        f"<p>{_e(ds.meta.get('description', ''))}</p>"
        f'<h3>{bi("Qualifiers", "限定符")}</h3><ul class="marks">{marks}'
        f'<li><span class="badge">{bi("year assumed", "年份推定")}</span> '
        f"{bi('the report does not state the year; the note says which was assumed', '报告未写明年份，说明中注明推定的年份')}"
        "</li></ul>"
        f"<h3>{bi('Sources', '资料来源')}</h3><ul>{sources}</ul>"
        + (f"<p>{bi('Licence', '许可')}: {licences}</p>" if licences else "")
        + '<p class="downloads">'
        f'<button type="button" id="download-json">{bi("Download the observations (JSON)", "下载观测数据（JSON）")}</button>'
        f'<button type="button" id="download-csv">{bi("Download the observations (CSV)", "下载观测数据（CSV）")}</button>'
        "</p></section>"
    )


def _data_json(ds: Dataset) -> str:
    text = json.dumps(records(core.export(ds)), ensure_ascii=False, separators=(",", ":"))
    # Inside <script>, "</script>" or "<!--" in a string would end or confuse the element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _page(ds: Dataset, lang: str, body: str, nav: list[tuple[str, str, str]]) -> str:
    lang = "zh" if lang == "zh" else "en"
    title_en = ds.meta.get("title") or "gzkit report"
    title_zh = "广州高水平全面建成小康社会：数据记录" if ds.bundled else title_en
    n_obs, n_ind = len(ds.observations), len(ds.indicators)
    version = ds.meta.get("version", "")
    links = "".join(f'<a href="#{_e(i)}">{bi(en, zh)}</a>' for i, en, zh in nav)
    lede = (
        bi(
            f"Every figure of the Guangdong Academy of Social Sciences report on Guangzhou's high-level xiaokang society "
            f"(August 2020), with a few official comparators: {n_ind} indicators, {n_obs} observations. Hover over or "
            "open a value's source to see where it comes from.",
            f"《幸福城市 美好生活——广州高水平全面建成小康社会调研报告》（广东省社科院调研组，2020年8月）中的全部数据，"
            f"另有少量官方统计对照：{n_ind}项指标，{n_obs}条观测。将鼠标移到数值上或展开“来源”即可查看出处。",
        )
        if ds.bundled
        else _e(ds.meta.get("description", ""))
    )
    return (
        "<!doctype html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}" class="lang-{lang}" data-default-lang="{lang}">'
        '<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="gzkit {_e(__version__)}">'
        f"<title>{_e(title_en)} · {_e(title_zh)}</title>"
        f"<style>{asset('report.css')}</style></head><body>"
        '<header><div class="top">'
        f"<h1>{bi(title_en, title_zh)}</h1>"
        '<div class="switch" role="group" aria-label="Language / 语言">'
        '<button type="button" data-set-lang="zh" lang="zh-CN">中文</button>'
        '<button type="button" data-set-lang="en" lang="en">English</button></div></div>'
        f'<p class="lede">{lede}</p>'
        f'<p class="meta">{bi("Data package", "数据包")} {_e(ds.meta.get("name", ""))} {_e(version)} · gzkit '
        f"{_e(__version__)}</p>"
        f'<nav aria-label="Sections">{links}</nav></header>'
        f"<main>{body}</main>"
        f'<script type="application/json" id="gzkit-data">{_data_json(ds)}</script>'
        f"<script>{asset('report.js')}</script></body></html>\n"
    )


def asset(name: str) -> str:
    """A file of the page (its stylesheet, its script), shipped inside the package."""
    from importlib import resources

    return (resources.files("gzkit") / "assets" / name).read_text(encoding="utf-8")
