"""Result tables on the report page: the income gap, progress against targets, the audit and the xiaokang index.

Any result table is drawn from its column specification (:mod:`gzkit.columns`, :mod:`gzkit.cells`):
headers in both languages, numbers in the package's units, status words from the catalog, long text
on a full-width line beneath its row.
"""

from __future__ import annotations

import re

import pandas as pd

from gzkit import audit, cells, core, xiaokang
from gzkit import columns as colspec
from gzkit.data import Dataset
from gzkit.errors import GzkitError
from gzkit.htmlreport.markup import bi, e, is_missing, words
from gzkit.i18n import N_, T, Text, localize

#: The target frameworks by name; another package's framework shows its id.
FRAMEWORK_NAMES = {
    "report": N_("The report's own targets"),
    "xiaokang2013": N_("National xiaokang monitoring targets (NBS, 2013)"),
}

#: What the gap and progress views show of their results (like the command line's tables).
GAP_VIEW = ["region", "year", "urban", "rural", "ratio", "difference"]
PROGRESS_VIEW = ["name", "year", "value", "target", "completion_pct", "status"]

#: Prose shown in the full-width line beneath a row rather than in a column of its own.
BENEATH = ("prose",)


def region_names(ds: Dataset) -> dict[str, tuple[str, str]]:
    """Region ids and their (English, Chinese) names, from the package's regions table."""
    return {str(r.id): (str(r.name_en), str(r.name_zh)) for r in ds.regions.itertuples(index=False)}


def frame_table(
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
        columns = [*columns, *(c for c, s in spec.items() if s.role in BENEATH and c not in columns)]
    en = cells.view(df, "en", columns)
    zh = cells.view(df, "zh", columns)
    zh_by_name = {c.name: c for c in zh.columns}
    # Labels: one column, the page's switch picks the language.
    main = [c for c in en.columns if c.role not in BENEATH and not (c.role == "label" and c.spec.lang == "zh")]
    beneath = [c for c in en.columns if c.role in BENEATH]
    label_zh = next((c for c in zh.columns if c.role == "label" and c.spec.lang == "zh"), None)
    tops = {c.name: _gauge_top(c) for c in main if c.spec.gauge == "relative"}
    keys = {c: df[c].tolist() for c, s in colspec.spec_of(df).items() if s.role in ("id", "region")}
    head = "".join(f"<th{' class=num' if c.numeric else ''}>{_header(c, zh_by_name, label_zh)}</th>" for c in main)
    rows = []
    for i in range(en.rows):
        # Ids and regions name the row for scripts and tests, shown or not.
        attrs = "".join(f' data-{name.replace("_", "-")}="{e(values[i])}"' for name, values in keys.items())
        tds = []
        for c in main:
            text_en = c.cells[i]
            text_zh = zh_by_name[c.name].cells[i] if c.name in zh_by_name else text_en
            if c.role == "label" and label_zh is not None:
                text_zh = label_zh.cells[i]
            if c.role == "region" and regions and text_en in regions:
                text_en, text_zh = regions[text_en]  # a region by its name, in the page's language
            content = status(text_en, text_zh) if c.role == "status" else bi(text_en, text_zh)
            if c.spec.gauge and not is_missing(c.values[i]):
                width = _gauge_width(c, i, tops.get(c.name))
                content = f'<span class="meter"><span style="width:{width:.1f}%"></span></span>{content}'
            cls = "num" if c.numeric else ("prose" if c.role == "label" else "")
            head_zh = zh_by_name[c.name].header if c.name in zh_by_name else c.header
            label = f' data-label-en="{e(c.header)}" data-label-zh="{e(head_zh)}"'
            tds.append(f'<td class="{cls}"{label}>{content}</td>' if cls else f"<td{label}>{content}</td>")
        notes = [(c, c.cells[i], zh_by_name[c.name].cells[i] if c.name in zh_by_name else c.cells[i]) for c in beneath]
        notes = [n for n in notes if n[1]]
        rows.append(f"<tr{attrs}{' class=has-more' if notes else ''}>{''.join(tds)}</tr>")
        if notes:
            items = "".join(
                f"<dt>{bi(c.header, colspec.header(c.name, 'zh', c.spec))}</dt><dd>{bi(text_en, text_zh)}</dd>"
                for c, text_en, text_zh in notes
            )
            rows.append(f'<tr class="more"><td colspan="{len(main)}"><dl>{items}</dl></td></tr>')
    if not rows:
        return '<p class="empty">' + words(N_("No rows.")) + "</p>"
    return (
        f'<div class="table-wrap"><table class="frame {e(css)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def status(code: str, shown_zh: str | None = None) -> str:
    """A status word (its English code styles it) in both languages; the Chinese from the catalog."""
    zh = shown_zh if shown_zh is not None else localize(code, "zh")
    return f'<span class="status s-{e(re.sub(r"[^a-z]", "-", code))}">{bi(code, zh)}</span>'


def _header(c: cells.ViewColumn, zh_by_name: dict[str, cells.ViewColumn], label_zh: cells.ViewColumn | None) -> str:
    if c.role == "label" and label_zh is not None:
        return words(N_("name"))
    return bi(c.header, zh_by_name[c.name].header if c.name in zh_by_name else c.header)


def _gauge_top(c: cells.ViewColumn) -> float:
    values = [float(v) for v in c.values if not is_missing(v)]
    return max([1.0, *values])


def _gauge_width(c: cells.ViewColumn, i: int, top: float | None) -> float:
    v = float(c.values[i])
    if c.spec.gauge == "share":
        return max(0.0, min(v, 100.0))
    return max(2.0, v / (top or 1.0) * 100)


def _failed(exc: GzkitError) -> str:
    """A user's data that cannot answer a section: the reason, in both languages, where the table would be."""
    text = exc.message if isinstance(exc.message, Text) else str(exc)
    return f'<p class="empty">{words(text)}</p>'


def gap_section(ds: Dataset) -> str:
    """The urban-rural income ratio of every region with both incomes."""
    head = "<h2>" + words(N_("Urban-rural income gap: Guangzhou against China")) + "</h2>"
    lede = words(
        N_(
            "Per capita disposable income of urban residents divided by that of rural residents (the 城乡收入倍差): "
            "the lower the ratio, the smaller the gap."
        )
    )
    try:
        table = frame_table(core.gap(ds, region=None), css="gap", columns=GAP_VIEW, regions=region_names(ds))
    except GzkitError as exc:
        table = _failed(exc)
    return f'<section id="gap" class="view">{head}<p>{lede}</p>{table}</section>'


def progress_section(ds: Dataset) -> str:
    """Completion against each framework of targets the package holds."""
    head = "<h2>" + words(N_("Completion against targets")) + "</h2>"
    lede = words(
        N_("Completion = value / target × 100 for targets to reach or exceed, target / value × 100 for ceilings.")
    )
    frameworks = [f for f in dict.fromkeys(ds.targets["framework"]) if isinstance(f, str) and f]
    blocks = []
    for fw in frameworks:
        try:
            table = frame_table(
                core.progress(ds, framework=fw), css="progress", columns=PROGRESS_VIEW, regions=region_names(ds)
            )
        except GzkitError as exc:
            table = _failed(exc)
        blocks.append(f'<h3 data-framework="{e(fw)}">{words(FRAMEWORK_NAMES.get(fw, fw))}</h3>{table}')
    if not blocks:
        blocks.append('<p class="empty">' + words(N_("This data package has no targets.")) + "</p>")
    return f'<section id="progress" class="view">{head}<p>{lede}</p>{"".join(blocks)}</section>'


#: The sections of whole-record results, after the targets: (id, heading).
CHECK_SECTIONS = (("audit", N_("Consistency checks")), ("xiaokang", N_("Xiaokang index")))


def check_sections(ds: Dataset) -> tuple[list[tuple[str, str]], list[Text]]:
    """The consistency checks and the xiaokang index as (id, html) sections, and warnings for the user.

    A package that cannot answer one (a :class:`GzkitError`, e.g. no xiaokang targets) leaves it out
    with a warning; any other failure is a bug and surfaces.
    """
    made: list[tuple[str, str]] = []
    warnings: list[Text] = []
    for sid, heading in CHECK_SECTIONS:
        try:
            df = audit.audit(ds) if sid == "audit" else xiaokang.xiaokang(ds)
        except GzkitError as exc:
            warnings.append(
                T("the section “{section}” was left out: {reason}", section=Text(heading), reason=exc.message)
            )
            continue
        table = frame_table(df, regions=region_names(ds))
        made.append((sid, f'<section id="{sid}" class="view"><h2>{words(heading)}</h2>{table}</section>'))
    return made, warnings
