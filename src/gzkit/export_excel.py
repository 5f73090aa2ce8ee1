"""Excel workbooks (.xlsx) through openpyxl, the ``excel`` extra.

A first sheet says what the workbook is, where its figures come from and under
which licence, in Chinese and English; then one sheet per table. Header rows
are frozen, columns are as wide as their text (a Chinese character counts as
two), numbers are stored as numbers with a number format that shows each
value's published precision (``decimals``), and the qualifier stays in its own
column. Workbooks are streamed (openpyxl's write-only mode), so memory stays
flat however many rows there are, up to Excel's limit of 1,048,576 per sheet.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from gzkit import __version__
from gzkit.errors import GzkitError
from gzkit.export_files import REPORT, TABLES_ABOUT
from gzkit.i18n import T

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell

    from gzkit.data import Dataset

#: Rows per sheet, header included, that Excel and WPS open.
MAX_ROWS = 1_048_576

QUALIFIERS = [
    ("=", "as stated", "原文数值"),
    (">", "more than (突破/超过/逾)", "下限（突破/超过/逾）"),
    (">=", "at least", "不低于"),
    ("<", "less than", "上限（不足/低于）"),
    ("<=", "at most", "不高于"),
    ("~", "about (约/近)", "约数（约/近）"),
]


def require() -> ModuleType:
    """openpyxl, or the one-line error naming the extra."""
    from gzkit.export_files import require as _require

    return _require("openpyxl")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _widths(df: pd.DataFrame, sample: int = 2000) -> list[float]:
    """Column widths that fit the header and the (first ``sample``) values, within 8 to 60 characters."""
    head = df.head(sample)
    widths: list[float] = []
    for name in df.columns:
        values = head[name].astype(str).where(head[name].notna(), "")
        longest = max([_width(str(name))] + [_width(v) for v in values.tolist()])
        widths.append(min(max(longest + 2, 8), 60))
    return widths


def _number_format(decimals: object) -> str:
    try:
        d = int(decimals)  # type: ignore[call-overload]  # a cell: int() refuses what is not a number
    except (TypeError, ValueError):
        return "General"
    return "#,##0" + ("." + "0" * d if d > 0 else "")


def _column_letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(i + 1)
    return letter


def _add_sheet(wb: Workbook, title: str, df: pd.DataFrame) -> None:
    """One table as a sheet: frozen bold header, fitted widths, numbers at their published precision."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from gzkit.export_files import plain_values

    ws = wb.create_sheet(title=title[:31])
    ws.freeze_panes = "A2"
    for i, width in enumerate(_widths(df)):
        ws.column_dimensions[_column_letter(i)].width = width
    bold = Font(bold=True)
    header = []
    for name in df.columns:
        cell = WriteOnlyCell(ws, value=str(name))
        cell.font = bold
        header.append(cell)
    ws.append(header)

    columns = []
    formats: dict[int, list[str] | str] = {}
    for i, name in enumerate(df.columns):
        values = plain_values(df[name])
        columns.append(values)
        suffix = name[len("value") :] if str(name).startswith("value") else None
        if suffix is not None and f"decimals{suffix}" in df.columns:
            # Each value at its own published precision: 2.3万亿 stays 23,000, 6.8% stays 6.8.
            formats[i] = [_number_format(d) for d in df[f"decimals{suffix}"].tolist()]
    # A write-only sheet serialises each row as it is appended, so one styled cell per column and format is
    # reused with each new value: a new styled cell per value was most of the time of a large workbook.
    styled: dict[tuple[int, str], Cell] = {}

    def cell_for(i: int, fmt: str, value: Any) -> Cell:
        cell = styled.get((i, fmt))
        if cell is None:
            cell = styled[(i, fmt)] = WriteOnlyCell(ws)
            cell.number_format = fmt
        cell.value = value
        return cell

    for r, row in enumerate(zip(*columns)):
        if not formats:
            ws.append(row)
            continue
        cells = list(row)
        for i, fmts in formats.items():
            if cells[i] is not None:
                cells[i] = cell_for(i, fmts[r], cells[i])
        ws.append(cells)


def _check_rows(frames: dict[str, pd.DataFrame]) -> None:
    """Before any sheet is written: a workbook left half-built holds open streams."""
    for title, df in frames.items():
        if len(df) + 1 > MAX_ROWS:
            raise GzkitError(
                T(
                    "an Excel sheet holds at most {most} rows and '{sheet}' has {rows}.",
                    most=f"{MAX_ROWS - 1:,}",
                    sheet=title,
                    rows=f"{len(df):,}",
                ),
                T("Narrow the export, or write -o FILE.parquet or -o FILE.sqlite."),
            )


def _about(wb: Workbook, rows: list[tuple[str, str]]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(title="about · 说明")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 110
    wrap = Alignment(wrap_text=True, vertical="top")
    for key, value in rows:
        a = WriteOnlyCell(ws, value=key)
        a.font = Font(bold=True)
        a.alignment = wrap
        b = WriteOnlyCell(ws, value=value)
        b.alignment = wrap
        ws.append([a, b])


def _about_rows(ds: Dataset | None, sheets: list[str], title: str | None = None) -> list[tuple[str, str]]:
    meta = (ds.meta if ds is not None else None) or {}
    licence = (meta.get("licenses") or [{}])[0]
    rows = [
        ("Workbook · 工作簿", title or meta.get("title", "gzkit data package")),
        ("What it is · 内容", meta.get("description", "") or "A table written by gzkit. gzkit 导出的表格。"),
        ("Primary source · 主要来源", REPORT),
    ]
    for src in meta.get("sources", [])[1:]:
        if isinstance(src, dict) and src.get("title"):
            rows.append(("Other source · 其他来源", src["title"]))
    rows += [
        (
            "Licence · 许可",
            f"{licence.get('name', 'CC-BY-4.0')} "
            f"({licence.get('path', 'https://creativecommons.org/licenses/by/4.0/')}). "
            "Quoted snippets of the report remain its authors' work. 引用的报告原文仍归原作者所有。",
        ),
        ("Package version · 数据版本", str(meta.get("version", ""))),
        ("Written by · 生成工具", f"gzkit {__version__}"),
        (
            "How to cite · 引用",
            "gzkit cite (GB/T 7714, BibTeX, CSL-JSON, APA); gzkit cite INDICATOR for the sources of one indicator.",
        ),
    ]
    for name in sheets:
        if name in TABLES_ABOUT:
            _title, en, zh = TABLES_ABOUT[name]
            rows.append((f"Sheet · 工作表 {name}", f"{en} {zh}"))
    for sign, en, zh in QUALIFIERS:
        rows.append((f"qualifier {sign}", f"{en} · {zh}"))
    rows.append(
        (
            "decimals · 精度",
            "Digits after the point as published; values are shown with them. 公布数值的小数位数，数值按此显示。",
        )
    )
    return rows


def write_package(ds: Dataset, path: Path, observations: pd.DataFrame | None = None, *, lang: str = "en") -> None:
    """The package as a workbook: an about sheet, then observations (``core.export``'s frame) and every other table."""
    from openpyxl import Workbook

    from gzkit import core
    from gzkit.export_sqlite import implied_within

    if observations is None:
        observations = core.export(ds)
    frames = {
        "observations": observations,
        "indicators": ds.indicators,
        "domains": ds.domains,
        "regions": ds.regions,
        "units": ds.units,
        "targets": ds.targets,
        "implied": implied_within(ds, observations),
    }
    _check_rows(frames)
    wb = Workbook(write_only=True)
    _about(wb, _about_rows(ds, list(frames)))
    for name, df in frames.items():
        _add_sheet(wb, name, df)
    wb.save(path)


def write_frame(df: pd.DataFrame, path: Path, *, title: str | None = None) -> None:
    """One result table as a workbook: an about sheet and the table."""
    from openpyxl import Workbook

    _check_rows({"data": df})
    wb = Workbook(write_only=True)
    _about(wb, _about_rows(None, [], title))
    _add_sheet(wb, "data", df)
    wb.save(path)
