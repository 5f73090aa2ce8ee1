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

from gzkit import __version__, charts, core, humanize
from gzkit.data import Dataset
from gzkit.errors import GzkitError
from gzkit.output import LABELS_ZH, records

FRAMEWORK_NAMES = {
    "report": ("The report's own targets", "报告提出的目标"),
    "xiaokang2013": (
        "National xiaokang monitoring targets (NBS, 2013)",
        "全面建成小康社会统计监测指标（国家统计局，2013）",
    ),
}
STATUS_NAMES = {
    "achieved": ("achieved", "已实现"),
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


def build(ds: Dataset, lang: str = "en") -> Report:
    """The report page for ``ds``, opening in ``lang`` (en or zh)."""
    warnings: list[str] = []
    try:
        charts.require_matplotlib()
        can_draw = True
    except GzkitError:
        can_draw = False
        warnings.append("trend charts left out: " + charts.MISSING_EXTRA)

    domains = ds.domains.reset_index(drop=True)
    trends = charts.trend_series(ds)
    latest = _latest(ds)
    latest_by_indicator = (
        {i: g.to_dict("records") for i, g in latest.groupby("indicator", sort=False)} if not latest.empty else {}
    )
    parts: list[str] = []
    section_ids: list[str] = []
    for dom in domains.itertuples(index=False):
        parts.append(_domain_section(ds, dom, latest_by_indicator, trends, can_draw))
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


def _quantity(value, unit, decimals=None, qualifier=None) -> str:
    if _missing(value):
        return "—"
    decimals = None if _missing(decimals) else int(decimals)
    return bi(
        humanize.quantity(value, unit, decimals, "en", qualifier),
        humanize.quantity(value, unit, decimals, "zh", qualifier),
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
    extra = ds.observations[keys + ["vintage", "evidence", "note", "headline"]]
    extra = extra[extra["headline"]].drop(columns="headline").drop_duplicates(keys)
    out = out.merge(extra, on=keys, how="left")
    order = {r: n for n, r in enumerate(ds.regions["id"])}
    return out.assign(_r=out["region"].map(order)).sort_values(["indicator", "_r"], kind="stable").drop(columns="_r")


def _domain_section(ds: Dataset, dom, latest: dict[str, list[dict]], trends: pd.DataFrame, can_draw: bool) -> str:
    inds = ds.indicators[ds.indicators["domain"] == dom.id]
    regions = ds.regions.set_index("id")
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
            region = regions.loc[v["region"]]
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
                f"{_quantity(v['value'], v['unit'], v['decimals'], v['qualifier'])}"
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
        f"{_quantity(p['value'], p['unit'], p['decimals'], p['qualifier'])}{_qualifier_badge(p['qualifier'])}</td>"
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
        gap = core.gap(ds)
    except GzkitError as exc:
        return f'<section id="gap" class="view">{head}<p>{lede}</p><p class="empty">{_e(exc)}</p></section>'
    regions = ds.regions.set_index("id")
    top = max(float(gap["ratio"].max()), 1.0)
    rows = []
    for r in gap.to_dict("records"):
        reg = regions.loc[r["region"]]
        width = 0 if _missing(r["ratio"]) else max(2.0, float(r["ratio"]) / top * 100)
        ratio = "—" if _missing(r["ratio"]) else f"{r['ratio']:.2f}"
        rows.append(
            f'<tr data-region="{_e(r["region"])}"><th scope="row">{bi(reg["name_en"], reg["name_zh"])}</th>'
            f"<td>{_e(r['year'])}</td>"
            f'<td class="num">{_quantity(r["urban"], "yuan", 0, r["qualifier_urban"])}</td>'
            f'<td class="num">{_quantity(r["rural"], "yuan", 0, r["qualifier_rural"])}</td>'
            f'<td class="ratio"><span class="meter gap-meter"><span style="width:{width:.1f}%"></span></span>'
            f'<span class="num">{_e(ratio)}{_qualifier_badge(r["qualifier"])}</span></td>'
            f'<td class="num">{_quantity(r["difference"], "yuan", None, r["qualifier"])}</td>'
            f"<td>{_e(r['note'])}</td></tr>"
        )
    thead = (
        f'<tr><th>{bi("Region", "地区")}</th><th>{bi("Year", "年份")}</th><th class="num">{bi("Urban", "城镇")}'
        f'</th><th class="num">{bi("Rural", "农村")}</th><th>{bi("Ratio", "倍差")}</th>'
        f'<th class="num">{bi("Difference", "差额")}</th><th>{bi("Note", "说明")}</th></tr>'
    )
    return (
        f'<section id="gap" class="view">{head}<p>{lede}</p><div class="table-wrap"><table class="gap">'
        f"<thead>{thead}</thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _progress_section(ds: Dataset) -> str:
    head = f"<h2>{bi('Progress against targets', '目标完成度')}</h2>"
    lede = bi(
        "Completion = value / target × 100 for targets to reach or exceed, target / value × 100 for ceilings.",
        "完成度 = 实际值 / 目标值 × 100（越高越好的目标）；目标值 / 实际值 × 100（上限类目标）。",
    )
    frameworks = [f for f in dict.fromkeys(ds.targets["framework"]) if isinstance(f, str) and f]
    blocks = []
    for fw in frameworks:
        try:
            df = core.progress(ds, framework=fw)
        except GzkitError as exc:
            blocks.append(f'<p class="empty">{_e(exc)}</p>')
            continue
        en, zh = FRAMEWORK_NAMES.get(fw, (fw, fw))
        rows = []
        for r in df.to_dict("records"):
            pct = r["completion_pct"]
            width = 0 if _missing(pct) else min(float(pct), 100.0)
            pct_text = "—" if _missing(pct) else f"{pct:.1f}%"
            en_s, zh_s = STATUS_NAMES.get(r["status"], (r["status"], r["status"]))
            target = (
                "—"
                if _missing(r["target"])
                else (
                    _e({">=": "≥ ", "<=": "≤ "}.get(r["comparison"], r["comparison"] + " "))
                    + _quantity(r["target"], r["unit"], None, "~" if r.get("target_implied") else "=")
                )
            )
            prov = _provenance({"source": r.get("source"), "note": r.get("note")})
            rows.append(
                f'<tr data-target="{_e(r["target_id"])}"><th scope="row">{bi(r["name_en"], r["name_zh"])}</th>'
                f"<td>{_e('' if _missing(r['year']) else int(r['year']))}</td>"
                f'<td class="num">{_quantity(r["value"], r["unit"], None, r["qualifier_value"] or None)}</td>'
                f'<td class="num">{target}</td>'
                f'<td class="meter-cell"><span class="meter"><span style="width:{width:.1f}%"></span></span>'
                f'<span class="num">{_e(pct_text)}{_qualifier_badge(r["qualifier"])}</span></td>'
                f'<td><span class="status s-{_e(re.sub(r"[^a-z]", "-", str(r["status"])))}">{bi(en_s, zh_s)}</span></td>'
                f"<td>{prov}</td></tr>"
            )
        thead = (
            f'<tr><th>{bi("Target", "目标")}</th><th>{bi("Year", "年份")}</th><th class="num">'
            f'{bi("Value", "数值")}</th><th class="num">{bi("Target value", "目标值")}</th>'
            f"<th>{bi('Completion', '完成度')}</th><th>{bi('Status', '状态')}</th><th>{bi('Provenance', '出处')}"
            "</th></tr>"
        )
        blocks.append(
            f'<h3 data-framework="{_e(fw)}">{bi(en, zh)}</h3><div class="table-wrap"><table class="progress">'
            f"<thead>{thead}</thead><tbody>{''.join(rows)}</tbody></table></div>"
        )
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
        body.append(_frame_table(df))
    if not body:
        return "", f"the {en.lower()} section was left out: {module}.{func} returned no table."
    return f'<section id="{_e(sid)}" class="view"><h2>{bi(en, zh)}</h2>{"".join(body)}</section>', ""


def _label(col: str) -> str:
    return bi(col.replace("_", " "), LABELS_ZH.get(col, col.replace("_", " ")))


def _frame_table(df: pd.DataFrame) -> str:
    """Any result table: names in both languages, values with their units, provenance folded away."""
    prov_cols = [c for c in ("source", "vintage", "evidence") if c in df.columns]
    cols = [
        c
        for c in df.columns
        if c not in prov_cols
        and c != "name_zh"
        and not c.startswith("qualifier_")
        and c not in ("decimals", "unit", "framework", "target_implied", "year_inferred")
    ]
    if "name_en" in cols and "name_zh" in df.columns:
        cols[cols.index("name_en")] = "name"
    has_unit = "unit" in df.columns
    head = "".join(f"<th>{bi('name', '名称') if c == 'name' else _label(c)}</th>" for c in cols) + (
        f"<th>{bi('Provenance', '出处')}</th>" if prov_cols else ""
    )
    rows = []
    for r in df.to_dict("records"):
        cells = []
        for c in cols:
            v = r.get(c)
            if c == "name":
                cells.append(f"<td>{bi(r.get('name_en'), r.get('name_zh'))}</td>")
            elif c == "status" and isinstance(v, str):
                en, zh = STATUS_NAMES.get(v, (v, v))
                cells.append(f'<td><span class="status s-{_e(re.sub(r"[^a-z]", "-", v))}">{bi(en, zh)}</span></td>')
            elif has_unit and (c.startswith("value") or c in ("change", "target")) and isinstance(r.get("unit"), str):
                q = r.get("qualifier" + c[len("value") :]) if c.startswith("value") else None
                cells.append(f'<td class="num">{_quantity(v, r["unit"], r.get("decimals"), q)}</td>')
            elif isinstance(v, bool):
                cells.append(f"<td>{'✓' if v else ''}</td>")
            elif isinstance(v, float):
                cells.append(f'<td class="num">{_e(humanize.number(v))}</td>')
            elif isinstance(v, int):
                cells.append(f'<td class="num">{_e(v)}</td>')
            else:
                cells.append(f"<td>{'' if _missing(v) and not isinstance(v, str) else _e(v)}</td>")
        if prov_cols:
            cells.append(f"<td>{_provenance(r)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    if not rows:
        return f'<p class="empty">{bi("No rows.", "没有数据。")}</p>'
    return (
        f'<div class="table-wrap"><table class="frame"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


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
        + f'<p><button type="button" id="download-json">{bi("Download the observations (JSON)", "下载观测数据（JSON）")}'
        f"</button></p></section>"
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
        f"<style>{CSS}</style></head><body>"
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
        f"<script>{SCRIPT}</script></body></html>\n"
    )


CSS = """
:root{--fg:#1d2329;--muted:#5b6670;--line:#dfe3e8;--bg:#f6f7f9;--card:#fff;--accent:#0072B2;--warn:#a15c00}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);line-height:1.5;
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Hiragino Sans GB","Microsoft YaHei",
"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif}
.lang-en .zh,.lang-zh .en{display:none}
header,main{max-width:1100px;margin:0 auto;padding:0 16px}
header{padding-top:20px}
.top{display:flex;gap:12px;align-items:flex-start;justify-content:space-between;flex-wrap:wrap}
h1{font-size:1.6rem;line-height:1.25;margin:0}
h2{font-size:1.3rem;margin:0 0 4px}
h3{font-size:1.05rem;margin:18px 0 8px}
.lede{max-width:75ch}
.meta,.count,.source,.marks,.unit{color:var(--muted);font-size:.85rem}
.switch{display:flex;border:1px solid var(--accent);border-radius:6px;overflow:hidden;flex:none}
.switch button{border:0;background:#fff;color:var(--accent);padding:6px 12px;font:inherit;cursor:pointer}
.lang-zh .switch [data-set-lang=zh],.lang-en .switch [data-set-lang=en]{background:var(--accent);color:#fff}
nav{display:flex;flex-wrap:wrap;gap:6px;margin:12px 0 4px}
nav a{background:#fff;border:1px solid var(--line);border-radius:999px;padding:2px 10px;color:var(--fg);
text-decoration:none;font-size:.9rem}
nav a:hover{border-color:var(--accent)}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px;margin:16px 0}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
thead th{font-size:.8rem;color:var(--muted);font-weight:600;white-space:nowrap}
th.name{font-weight:500;min-width:14em}
th.name code{display:block;color:var(--muted);font-size:.75rem;font-weight:400}
th.cont{border-top:0}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.qualified{color:var(--warn)}
abbr.q{font-size:.75rem;color:var(--warn);text-decoration:none;border-bottom:1px dotted;cursor:help}
.badge{font-size:.72rem;background:#fff4e0;color:var(--warn);border-radius:4px;padding:0 4px;white-space:nowrap}
details.prov summary,details.points summary{cursor:pointer;color:var(--accent);font-size:.8rem}
.lang-en details.prov summary::after{content:"source"}
.lang-zh details.prov summary::after{content:"来源"}
.lang-en .k-source::before{content:"Source"}.lang-zh .k-source::before{content:"来源"}
.lang-en .k-vintage::before{content:"Vintage"}.lang-zh .k-vintage::before{content:"版本"}
.lang-en .k-evidence::before{content:"The report's words"}.lang-zh .k-evidence::before{content:"原文"}
.lang-en .k-note::before{content:"Note"}.lang-zh .k-note::before{content:"说明"}
details.prov dl{margin:4px 0;font-size:.8rem;max-width:40em}
details.prov dt{color:var(--muted);font-weight:600}
details.prov dd{margin:0 0 4px}
.trends{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
figure.trend{margin:0;border:1px solid var(--line);border-radius:8px;padding:10px;background:#fff}
figure.trend svg{width:100%;height:auto;display:block}
figcaption{font-size:.9rem;margin-bottom:4px}
figure .source,figure .marks,figure .warn{margin:4px 0 0;font-size:.75rem;overflow-wrap:anywhere}
.warn{color:var(--warn)}
details.points table{font-size:.75rem}
td.ratio,td.meter-cell{min-width:10em}
.meter{display:inline-block;width:6em;height:8px;background:var(--line);border-radius:4px;overflow:hidden;
margin-right:6px;vertical-align:middle}
.meter span{display:block;height:100%;background:#009E73}
.gap-meter{width:8em}.gap-meter span{background:var(--accent)}
.status{font-size:.8rem;border-radius:4px;padding:0 5px;background:var(--line);white-space:nowrap}
.s-achieved,.s-consistent{background:#dff3ea;color:#06603f}
.s-inconsistent,.s-undefined{background:#fde4e1;color:#9b1c0d}
.s-in-progress,.s-unclear{background:#fff4e0;color:var(--warn)}
.empty{color:var(--muted)}
table.frame td{overflow-wrap:anywhere;min-width:5em}
ul.marks{list-style:none;padding:0}
button#download-json{font:inherit;border:1px solid var(--accent);background:#fff;color:var(--accent);
border-radius:6px;padding:6px 12px;cursor:pointer}
@media (max-width:600px){
body{font-size:14px}
h1{font-size:1.3rem}
section{padding:12px;border-radius:0;margin:12px -16px;border-left:0;border-right:0}
.trends{grid-template-columns:1fr}
table.values,table.values tbody,table.values th,table.values td{display:block}
table.values thead{display:none}
table.values tr{display:flex;flex-wrap:wrap;align-items:baseline;gap:0 10px;padding:6px 0;
border-bottom:1px solid var(--line)}
table.values th.name{flex:1 1 100%;min-width:0;border:0;padding:0}
table.values th.cont{display:none}
table.values td{border:0;padding:0}
table.values td.num{margin-left:auto}
table.values td:last-child{flex:1 1 100%}
}
""".strip().replace("\n", "")

SCRIPT = """
(function(){
var root=document.documentElement;
function setLang(l){
if(l!=='zh'&&l!=='en'){return;}
root.classList.remove('lang-en','lang-zh');root.classList.add('lang-'+l);
root.setAttribute('lang',l==='zh'?'zh-CN':'en');
var b=document.querySelectorAll('[data-set-lang]');
for(var i=0;i<b.length;i++){b[i].setAttribute('aria-pressed',String(b[i].getAttribute('data-set-lang')===l));}
try{localStorage.setItem('gzkit-lang',l);}catch(e){}
}
var m=/lang=(en|zh)/.exec(location.hash),saved=null;
try{saved=localStorage.getItem('gzkit-lang');}catch(e){}
setLang(m?m[1]:(saved||root.getAttribute('data-default-lang')));
document.addEventListener('click',function(ev){
var t=ev.target.closest&&ev.target.closest('[data-set-lang]');
if(t){setLang(t.getAttribute('data-set-lang'));}
});
var dl=document.getElementById('download-json');
if(dl){dl.addEventListener('click',function(){
var blob=new Blob([document.getElementById('gzkit-data').textContent],{type:'application/json'});
var a=document.createElement('a');a.href=URL.createObjectURL(blob);a.download='gzkit-observations.json';
document.body.appendChild(a);a.click();a.remove();
});}
root.setAttribute('data-ready','1');
})();
""".strip().replace("\n", "")
