"""Guangzhou against the national 2013 xiaokang monitoring targets (NBS).

The National Bureau of Statistics' 2013 monitoring system (全面建成小康社会统计监测指标体系)
sets a target and a weight for each of 39 indicators. gzkit has the targets and
weights of indicators 1-33 and the target of indicator 39 without its weight
(data/targets.csv, framework ``xiaokang2013``), maps an item to a gzkit indicator
only where the definitions match or almost match, and computes for each item
Guangzhou's data can speak to:

* realization = value / target * 100 for ``>=`` targets (and ``=`` targets, read
  as ``>=``), target / value * 100 for ``<=`` targets, capped at 100;
* a weighted realization over the covered items whose weight is known, and the
  share of the total weight (the sum of the known weights) those items carry. An
  item without a weight (39) is scored but left out of the weighted summary.

This is gzkit's reading of the NBS method: the NBS text giving its formula was
not available, and indicators 34-38, the weight of 39 and the domain weights are
missing. A
weighted realization over a small covered share of the weight says nothing
about the items not covered.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from gzkit import bounds
from gzkit.columns import PLAIN, describe
from gzkit.data import Dataset
from gzkit.errors import NoData
from gzkit.finite import derived_number
from gzkit.gap import gap
from gzkit.i18n import T
from gzkit.lookups import DEFAULT_REGION, resolve_region
from gzkit.notes import NOTHING, choose, join_notes, note_column

FRAMEWORK = "xiaokang2013"
CAP = 100.0
SUMMARY_NAME_EN = "weighted summary (covered items only)"
SUMMARY_NAME_ZH = "加权汇总（仅计已覆盖的指标）"

#: Items measured by a number gzkit derives rather than stores, by item number.
DERIVED_ITEMS = {24: "urban_rural_income_ratio"}

COLUMNS = [
    "item",
    "name_en",
    "name_zh",
    "indicator",
    "value",
    "year",
    "confidence",
    "comparison",
    "target",
    "unit_note",
    "realization_pct",
    "weight",
    "qualifier",
    "comparability",
    "note",
]


@describe(value=PLAIN, target=PLAIN)
def xiaokang(ds: Dataset, region: str = DEFAULT_REGION, all_items: bool = False) -> pd.DataFrame:
    """Realization of each NBS 2013 target Guangzhou's data can speak to, then a weighted summary row.

    With ``all_items``, every target is listed, with the reason it is not covered.
    Columns: item, name_en, name_zh, indicator, value, year, confidence (of the value; the
    summary takes the weakest of the items it weighs), comparison, target,
    unit_note, realization_pct, weight, qualifier, comparability, note. The last
    row (item empty, name_en 'weighted summary (covered items only)') carries the
    weighted realization and the covered weight; ``attrs["summary"]`` holds the
    same as a dict.
    """
    region = resolve_region(ds, region) or DEFAULT_REGION
    t = ds.targets[ds.targets["framework"] == FRAMEWORK].sort_values("item", kind="stable").reset_index(drop=True)
    values = _values(ds, t, region)
    value = values["value"].to_numpy(dtype="float64")
    target = t["target"].to_numpy(dtype="float64")
    lower = (t["comparison"] == "<=").to_numpy()
    q_value = values["qualifier"].to_numpy(dtype=object)

    with np.errstate(divide="ignore", invalid="ignore"):
        raw = np.where(lower, target / value, value / target) * 100
    base_ok = np.where(lower, value > 0, target > 0)
    defined = np.isfinite(value) & np.isfinite(target) & base_ok & np.isfinite(raw)
    realization = np.where(defined, np.minimum(raw, CAP), np.nan)
    # value / target rises with the value; target / value falls with it.
    qual = np.where(lower, bounds.combine([q_value], [-1]), bounds.combine([q_value], [1])).astype(object)
    qual_raw = qual.copy()
    capped = defined & (raw >= CAP)
    up_or_exact = np.isin(qual, ["=", ">", ">="])
    qual = np.where(capped & up_or_exact, "=", qual)
    qual = np.where(capped & np.isin(qual, ["<", "<="]), "<=", qual)
    qual = np.where(defined, qual, "")

    no_value = ~np.isfinite(value)
    mapped = (t["indicator"] != "").to_numpy() | t["item"].isin(list(DERIVED_ITEMS)).to_numpy()
    why = choose(
        ~mapped,
        T("not covered: no gzkit measure matches"),
        choose(
            no_value,
            T("not covered: no {region} observation", region=region),
            choose(~defined, T("undefined: zero or negative base")),
        ),
    )
    uncapped = [
        T("capped at 100 (uncapped {value})", value=f"{'' if q == '=' else q}{x:.1f}") for q, x in zip(qual_raw, raw)
    ]
    why = choose(capped, uncapped, why)
    note = join_notes(why, values["note"].to_numpy(dtype=object), t["note"].to_numpy(dtype=object))

    rows = pd.DataFrame(
        {
            "item": t["item"].astype("Int64"),
            "name_en": t["name_en"],
            "name_zh": t["name_zh"],
            "indicator": values["indicator"].to_numpy(dtype=object),
            "value": value,
            "year": values["year"].astype("Int64").to_numpy(),
            "confidence": values["confidence"].to_numpy(dtype=object),
            "comparison": t["comparison"],
            "target": target,
            "unit_note": t["unit_note"],
            "realization_pct": derived_number(realization),
            "weight": t["weight"].to_numpy(dtype="float64"),
            "qualifier": qual,
            "comparability": t["comparability"],
            "note": note_column(note),
        }
    )
    covered = defined
    summary = _summary(rows, covered, t)
    shown = rows if all_items else rows[covered]
    out: pd.DataFrame = pd.concat([shown, _summary_row(summary)], ignore_index=True)[COLUMNS]
    out["item"] = out["item"].astype("Int64")
    out["year"] = out["year"].astype("Int64")
    out.attrs["summary"] = summary
    return out


def _values(ds: Dataset, t: pd.DataFrame, region: str) -> pd.DataFrame:
    """For each target: the indicator measured, its latest headline value, year, qualifier and a note."""
    obs = ds.observations[ds.observations["headline"] & (ds.observations["region"] == region)]
    latest = (
        obs.sort_values(["year", "period"], kind="stable")
        .groupby("indicator", sort=False)
        .tail(1)
        .set_index("indicator")
    )
    out = pd.DataFrame(
        {
            "indicator": t["indicator"].to_numpy(dtype=object),
            "value": t["indicator"].map(latest["value"]).to_numpy(dtype="float64"),
            "year": t["indicator"].map(latest["year"]).to_numpy(dtype="float64"),
            "qualifier": t["indicator"].map(latest["qualifier"]).fillna("").to_numpy(dtype=object),
            "confidence": t["indicator"].map(latest["confidence"]).fillna("").to_numpy(dtype=object),
            "note": note_column(np.full(len(t), "", dtype=object)),
        }
    )
    for item, measure in DERIVED_ITEMS.items():
        at = np.flatnonzero((t["item"] == item).to_numpy())
        if not len(at):
            continue
        out.loc[at, "indicator"] = measure
        try:
            g = gap(ds, region=region)
        except NoData:
            continue
        g = g[np.isfinite(g["ratio"].to_numpy(dtype="float64"))]
        if g.empty:
            continue
        last = g.iloc[-1]
        out.loc[at, "value"] = float(last["ratio"])
        out.loc[at, "year"] = float(last["year"])
        out.loc[at, "qualifier"] = last["qualifier"]
        out.loc[at, "confidence"] = _weakest(obs, ["disposable_income_urban", "disposable_income_rural"], last["year"])
        out.loc[at, "note"] = T(
            "urban / rural disposable income {year}: {urban} / {rural} (gzkit gap)",
            year=last["year"],
            urban=f"{last['urban']:g}",
            rural=f"{last['rural']:g}",
        )
    result: pd.DataFrame = out
    return result


#: Confidence grades from the strongest to the weakest.
GRADES = ("report", "high", "medium", "low")


def _weakest(obs: pd.DataFrame, indicators: list[str], year: Any) -> str:
    """The weakest grade among the headline values a derived measure uses: it is no more certain than they are."""
    used = obs[obs["indicator"].isin(indicators) & (obs["period"] == str(year))]["confidence"]
    known = [g for g in used if g in GRADES]
    return max(known, key=GRADES.index) if known else ""


def _summary(rows: pd.DataFrame, covered: np.ndarray, t: pd.DataFrame) -> dict[str, Any]:
    w = rows["weight"].to_numpy(dtype="float64")
    r = rows["realization_pct"].to_numpy(dtype="float64")
    total = float(np.nansum(w))
    # An item without a known weight cannot enter a weighted mean.
    counted = covered & np.isfinite(w)
    cw = float(np.sum(w[counted]))
    weighted = float(np.sum(w[counted] * r[counted]) / cw) if cw > 0 else math.nan
    # A weighted mean rises with every item's realization.
    quals = list(rows.loc[counted, "qualifier"])
    qualifier = bounds.combine(quals, [1] * len(quals)) if quals else ""
    same = covered & (rows["comparability"] == "same").to_numpy()
    return {
        "framework": FRAMEWORK,
        "items_total": int(len(t)),
        "items_covered": int(covered.sum()),
        "items_weighted": int(counted.sum()),
        "items_unweighted": [int(i) for i in rows.loc[covered & ~np.isfinite(w), "item"]],
        "items_missing": _missing_items(t),
        "items_covered_same_definition": int(same.sum()),
        "weight_total": total,
        "weight_covered": cw,
        "weight_covered_share_pct": round(cw / total * 100, 6) if total > 0 else math.nan,
        "weighted_realization_pct": round(weighted, 6) if math.isfinite(weighted) else math.nan,
        "qualifier": qualifier,
        "confidences": sorted(set(rows.loc[counted, "confidence"]) - {""}),
        "note": T(
            "gzkit's reading of the NBS method (its formula text was not available); indicators {missing} and "
            "the domain weights are missing{no_weight}; the total weight is the sum of the {known} known weights",
            missing=_ranges(_missing_items(t)),
            no_weight=_no_weight(t),
            known=int(t["weight"].notna().sum()),
        ),
    }


def _no_weight(t: pd.DataFrame) -> str:
    items = [int(i) for i in t.loc[t["weight"].isna(), "item"].dropna()]
    if not items:
        return ""
    if len(items) == 1:
        return T(", and so is the weight of item {items}", items=_ranges(items))
    return T(", and so is the weight of items {items}", items=_ranges(items))


def _missing_items(t: pd.DataFrame) -> list[int]:
    """NBS item numbers (1-39) the data package has no target for."""
    return sorted(set(range(1, 40)) - {int(i) for i in t["item"].dropna()})


def _ranges(items: list[int]) -> str:
    """34, 35, 36, 38 -> '34-36, 38'; nothing -> 'none'."""
    parts: list[str] = []
    run: list[int] = []
    for i in sorted(items):
        if run and i != run[-1] + 1:
            parts.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
            run = []
        run.append(i)
    if run:
        parts.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(parts) or NOTHING


def _weakest_of(grades: list[str]) -> str:
    known = [g for g in grades if g in GRADES]
    return max(known, key=GRADES.index) if known else ""


def _summary_row(s: dict[str, Any]) -> pd.DataFrame:
    result: pd.DataFrame = pd.DataFrame(
        {
            "item": pd.array([pd.NA], dtype="Int64"),
            "name_en": [SUMMARY_NAME_EN],
            "name_zh": [SUMMARY_NAME_ZH],
            "indicator": [""],
            "value": [math.nan],
            "year": pd.array([pd.NA], dtype="Int64"),
            "confidence": [_weakest_of(s["confidences"])],
            "comparison": [""],
            "target": [math.nan],
            "unit_note": [""],
            "realization_pct": [s["weighted_realization_pct"]],
            "weight": [s["weight_covered"]],
            "qualifier": [s["qualifier"]],
            "comparability": [""],
            "note": note_column(
                [
                    T(
                        "{weighted} of {total} items covering {covered} of {weight} weight points "
                        "({share}%){unweighted}; {note}",
                        weighted=s["items_weighted"],
                        total=s["items_total"],
                        covered=f"{s['weight_covered']:g}",
                        weight=f"{s['weight_total']:g}",
                        share=f"{s['weight_covered_share_pct']:.1f}",
                        unweighted=_unweighted(s),
                        note=s["note"],
                    )
                ]
            ),
        }
    )
    return result


def summary_line(df: pd.DataFrame, lang: str = "en") -> str:
    """The summary in one sentence, for people, in English or Chinese (``lang="zh"``)."""
    s = df.attrs["summary"]
    zh = lang == "zh"
    if not s["items_covered"]:
        return "数据未覆盖国家统计局2013年指标体系的任何指标。" if zh else "No NBS 2013 item is covered by the data."
    q = "" if s["qualifier"] in ("=", "") else f" ({s['qualifier']})"
    if zh:
        weighted = (
            f"加权实现程度{s['weighted_realization_pct']:.1f}%{q}，计入{s['items_total']}项指标中的"
            f"{s['items_weighted']}项，占{s['weight_total']:g}个权重点中的{s['weight_covered']:g}个"
            f"（{s['weight_covered_share_pct']:.1f}%）"
            if s["items_weighted"]
            else "已覆盖的指标均无已知权重"
        )
        unweighted = s.get("items_unweighted") or []
        extra = f"；第{_ranges(unweighted)}项权重未知，只计实现程度" if unweighted else ""
        missing = _ranges(s["items_missing"])
        return f"{weighted}{extra}。第{missing}项指标及各领域权重缺失；计算公式是gzkit对国家统计局方法的解读。"
    weighted = (
        f"Weighted realization {s['weighted_realization_pct']:.1f}%{q} over {s['items_weighted']} of "
        f"{s['items_total']} items, which carry {s['weight_covered']:g} of {s['weight_total']:g} weight points "
        f"({s['weight_covered_share_pct']:.1f}%)"
        if s["items_weighted"]
        else "No covered item has a known weight"
    )
    return (
        f"{weighted}{_unweighted(s)}. Indicators {_ranges(s['items_missing'])} and the domain weights are missing; "
        "the formula is gzkit's reading of the NBS method."
    )


def _unweighted(s: dict[str, Any]) -> str:
    items = s.get("items_unweighted") or []
    if not items:
        return ""
    if len(items) == 1:
        return T("; item {items} scored without a known weight", items=_ranges(items))
    return T("; items {items} scored without a known weight", items=_ranges(items))
