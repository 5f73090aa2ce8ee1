"""Citations for the report and for every source behind an indicator's values.

Styles: GB/T 7714-2015 (``gbt7714``, document type ``[R]`` for the report),
BibTeX, CSL-JSON (for Zotero, pandoc and citeproc) and APA 7. Report rows cite
the report with their section as the locator; official figures are cited as
the data package records them (its ``source`` column), with their release
(``vintage``) and confidence grade, never merged with the report.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from gzkit.data import Dataset

STYLES = ("gbt7714", "bibtex", "csl-json", "apa")

#: The report, as its cover and the brief of this data package name it.
REPORT: dict[str, Any] = {
    "key": "gdass2020xiaokang",
    "title": "幸福城市 美好生活——广州高水平全面建成小康社会调研报告",
    "title_pinyin": "Xingfu chengshi meihao shenghuo: Guangzhou gao shuiping quanmian jiancheng xiaokang shehui "
    "diaoyan baogao",
    "title_en": "Happy city, better life: A research report on Guangzhou's completion of a high-level moderately "
    "prosperous society in all respects",
    "author": "广东省社会科学院调研组",
    "author_en": "Guangdong Academy of Social Sciences Research Group",
    "publisher": "广东省社会科学院",
    "publisher_en": "Guangdong Academy of Social Sciences",
    "place": "广州",
    "year": 2020,
    "month": 8,
}

REPORT_VINTAGE = "report 2020-08"


def default_style(lang: str) -> str:
    """GB/T 7714 for Chinese, APA otherwise."""
    return "gbt7714" if lang == "zh" else "apa"


def sources(ds: Dataset, indicator: str | None = None) -> pd.DataFrame:
    """One row per source behind ``indicator``'s values (or the report alone when ``indicator`` is None).

    Columns: ``kind`` (report or official), ``section`` (the report's section, for report rows),
    ``source`` (as recorded), ``vintage``, ``confidence``, ``values`` (region and period of each value
    it states).
    """
    import pandas as pd

    from gzkit import core

    columns = ["kind", "section", "source", "vintage", "confidence", "values"]
    if indicator is None:
        row = {"kind": "report", "section": "", "source": "report", "vintage": REPORT_VINTAGE, "confidence": "report"}
        only: pd.DataFrame = pd.DataFrame([{**row, "values": ""}], columns=columns)
        return only
    info = core.indicator_info(ds, indicator)
    obs = ds.observations[ds.observations["indicator"] == info["id"]]
    rows = []
    for (src, vintage, confidence), group in obs.groupby(["source", "vintage", "confidence"], sort=False):
        report = vintage == REPORT_VINTAGE or str(src).startswith("report")
        rows.append(
            {
                "kind": "report" if report else "official",
                "section": _section(src) if report else "",
                "source": src,
                "vintage": vintage,
                "confidence": confidence,
                "values": ", ".join(f"{r} {p}" for r, p in zip(group["region"], group["period"])),
            }
        )
    df: pd.DataFrame = pd.DataFrame(rows, columns=columns)
    df.attrs["indicator"] = info["id"]
    return df


def _section(source: str) -> str:
    """'report §一 ¶经济发展动能强劲' -> '§一 ¶经济发展动能强劲'."""
    return re.sub(r"^report\s*", "", str(source)).strip()


def render(df: pd.DataFrame, style: str, lang: str = "en") -> str:
    """The citations of ``sources()``'s rows in one style, ready to paste."""
    if style not in STYLES:
        from gzkit.errors import UsageError
        from gzkit.i18n import T

        raise UsageError(
            T("unknown citation style '{style}'. Choose one of: {styles}.", style=style, styles=", ".join(STYLES))
        )
    rows = [{str(k): v for k, v in r.items()} for r in df.to_dict("records")]
    if style == "csl-json":
        return json.dumps([_csl(r, i) for i, r in enumerate(rows, 1)], ensure_ascii=False, indent=2) + "\n"
    if style == "bibtex":
        return "\n".join(_bibtex(r, i) for i, r in enumerate(rows, 1))
    if style == "gbt7714":
        return "".join(f"[{i}] {_gbt7714(r)}\n" for i, r in enumerate(rows, 1))
    return "".join(f"{_apa(r)}\n" for r in rows)


def _report_gbt7714() -> str:
    r = REPORT
    return f"{r['author']}. {r['title']}[R]. {r['place']}: {r['publisher']}, {r['year']}"


def _gbt7714(row: dict[str, Any]) -> str:
    if row["kind"] == "report":
        section = f": {row['section']}" if row["section"] else ""
        return _report_gbt7714() + section + "."
    text = str(row["source"]).rstrip(".")
    return f"{text}. （{row['vintage']}；可信度 {row['confidence']}；{row['values']}）"


def _apa(row: dict[str, Any]) -> str:
    r = REPORT
    if row["kind"] == "report":
        section = f" Section {row['section']}." if row["section"] else ""
        return (
            f"{r['author_en']}. ({r['year']}, August). {r['title_pinyin']} [{r['title_en']}]. "
            f"{r['publisher_en']}.{section}"
        )
    text = str(row["source"]).rstrip(".")
    return f"{text}. ({row['vintage']}; confidence {row['confidence']}; {row['values']})"


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                   "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}  # fmt: skip


def _tex(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in str(text))


def _bibtex(row: dict[str, Any], n: int) -> str:
    """One entry; every field value is already TeX (braced, special characters escaped)."""
    r = REPORT
    if row["kind"] == "report":
        entry, key = "techreport", r["key"] if not row["section"] else f"{r['key']}-{n}"
        note = f"{r['author_en']}: {r['title_en']}" + (f". Section {row['section']}" if row["section"] else "")
        fields = {
            # Double braces: an institution as author, never split into first and last names.
            "author": "{{" + _tex(r["author"]) + "}}",
            "title": "{" + _tex(r["title"]) + "}",
            "institution": "{" + _tex(r["publisher"]) + "}",
            "address": "{" + _tex(r["place"]) + "}",
            "year": "{" + str(r["year"]) + "}",
            "month": "aug",
            "type": "{调研报告}",
            "language": "{chinese}",
            "note": "{" + _tex(note) + "}",
        }
    else:
        entry, key = "misc", f"source-{n}"
        note = f"{row['vintage']}; confidence {row['confidence']}; {row['values']}"
        fields = {"title": "{{" + _tex(row["source"]) + "}}", "note": "{" + _tex(note) + "}"}
    body = ",\n".join(f"  {name} = {value}" for name, value in fields.items())
    return f"@{entry}{{{key},\n{body}\n}}\n"


def _csl(row: dict[str, Any], n: int) -> dict[str, Any]:
    r = REPORT
    if row["kind"] == "report":
        item = {
            "id": r["key"] if not row["section"] else f"{r['key']}-{n}",
            "type": "report",
            "genre": "调研报告",
            "title": r["title"],
            "author": [{"literal": r["author"]}],
            "publisher": r["publisher"],
            "publisher-place": r["place"],
            "issued": {"date-parts": [[r["year"], r["month"]]]},
            "language": "zh-CN",
            "note": f"{r['author_en']}: {r['title_en']}",
        }
        if row["section"]:
            item["section"] = row["section"]
        return item
    return {
        "id": f"source-{n}",
        "type": "document",
        "title": str(row["source"]),
        "note": f"{row['vintage']}; confidence {row['confidence']}; {row['values']}",
    }
