"""Checks of the report against itself and against official statistics.

Each check reads a few figures, says what one of them should be given the
others, and compares. Published figures are rounded, so a figure stands for the
range of numbers that round to it: half a unit of its last published digit
either side (28868 covers 28867.5 to 28868.5; 6.8% covers 6.75% to 6.85%). A
check is ``consistent`` when the stated figure lies within what the rounding of
all the inputs allows, ``inconsistent`` when it cannot, and ``note`` when the
figures are not meant to agree (different vintages, bases or scopes) or the
report states nothing to compare with. docs/methodology.md lists every check.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from gzkit import bounds, core, derived
from gzkit.data import Dataset

COLUMNS = ["check", "section", "inputs", "expected", "qualifier", "stated", "difference", "tolerance", "status", "note"]

REGION = core.DEFAULT_REGION


class _Missing(Exception):
    """An input a check needs is not in the data package."""


def audit(ds: Dataset) -> pd.DataFrame:
    """One row per check: check, section, inputs, expected, qualifier (of expected), stated,
    difference (stated - expected), tolerance, status (consistent | inconsistent | note), note.

    Checks whose inputs are missing (another data package) are skipped and named in
    ``attrs["warnings"]``.
    """
    rows, skipped = [], []
    for check in CHECKS:
        try:
            rows.append(check(ds))
        except _Missing as exc:
            skipped.append(f"{check.__name__.lstrip('_')}: not checked, {exc}")
    out = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("expected", "stated", "difference", "tolerance"):
        values = out[col].astype("float64").to_numpy()
        out[col] = core._round(np.where(np.isfinite(values), values, np.nan))
    out.attrs["warnings"] = skipped
    return out


# --------------------------------------------------------------------------- reading the data


def _obs(ds: Dataset, indicator: str, period: str, region: str = REGION, source: str | None = None) -> pd.Series:
    """One observation; the headline unless ``source`` (a substring of the source) picks another."""
    obs = ds.observations
    hit = obs[(obs["indicator"] == indicator) & (obs["region"] == region) & (obs["period"] == period)]
    hit = hit[hit["source"].str.contains(source, regex=False)] if source else hit[hit["headline"]]
    if hit.empty:
        raise _Missing(f"no {indicator} for {region} {period}" + (f" from '{source}'" if source else ""))
    return hit.iloc[0]


def _half(row: pd.Series) -> float:
    """Half a unit of the last published digit."""
    return 0.5 * 10.0 ** (-int(row["decimals"]))


def _interval(row: pd.Series) -> tuple[float, float]:
    """The numbers a statement allows: its rounding range, or the open side of a bound."""
    return bounds.interval(float(row["value"]), row["qualifier"], int(row["decimals"]), row.get("rounding", "nearest"))


def _label(row: pd.Series) -> str:
    q = "" if row["qualifier"] == "=" else row["qualifier"]
    return f"{row['indicator']} {row['region']} {row['period']} = {q}{derived._fmt(row['value'])}"


def _section(*rows: pd.Series) -> str:
    seen = []
    for r in rows:
        if r["source"] not in seen:
            seen.append(r["source"])
    return " vs ".join(seen)


def _row(check, section, inputs, expected, stated, status, note, qualifier="=", tolerance=math.nan) -> dict:
    # Against a bound the difference measures nothing; the status and note say whether it holds.
    diff = stated - expected if _finite(stated) and _finite(expected) and qualifier in ("=", "~") else math.nan
    return {
        "check": check,
        "section": section,
        "inputs": "; ".join(inputs),
        "expected": expected,
        "qualifier": qualifier,
        "stated": stated,
        "difference": diff,
        "tolerance": tolerance,
        "status": status,
        "note": note,
    }


def _finite(x) -> bool:
    return x is not None and isinstance(x, (int, float, np.floating)) and math.isfinite(x)


def _implied(ds: Dataset, indicator: str, period: str) -> pd.Series:
    imp = derived.implied_values(ds, ranges=True)
    hit = imp[(imp["indicator"] == indicator) & (imp["period"] == period) & (imp["region"] == REGION)]
    if hit.empty or not _finite(hit.iloc[0]["value"]):
        raise _Missing(f"no implied {indicator} for {period}")
    return hit.iloc[0]


# --------------------------------------------------------------------------- the checks


def _gdp_growth_lead_over_china(ds: Dataset) -> dict:
    gz = _obs(ds, "gdp_growth_avg", "2016-2019")
    cn = _obs(ds, "gdp_growth_avg", "2016-2019", region="china")
    lead = _obs(ds, "gdp_growth_avg_lead_over_china", "2016-2019")
    expected = float(gz["value"]) - float(cn["value"])
    tol = _half(gz) + _half(cn) + _half(lead)
    ok = abs(float(lead["value"]) - expected) <= tol + 1e-9
    return _row(
        "gdp_growth_lead_over_china",
        _section(gz),
        [_label(gz), _label(cn), _label(lead)],
        expected,
        float(lead["value"]),
        "consistent" if ok else "inconsistent",
        "6.8% - 6.5% = 0.3 points, as stated" if ok else "the stated lead is not the difference of the two rates",
        tolerance=tol,
    )


def _toilet_completion(ds: Dataset) -> dict:
    built = _obs(ds, "public_toilets_built", "2019")
    rate = _obs(ds, "public_toilet_programme_completion_rate", "2019")
    v, r, h = float(built["value"]), float(rate["value"]), _half(rate)
    # The plan is a whole number of toilets whose completion rate rounds to the stated one.
    plans = list(range(math.ceil(v / (r + h) * 100), math.floor(v / (r - h) * 100) + 1)) if r > h else []
    if plans:
        plan = min(plans, key=lambda n: abs(v / n * 100 - r))
        expected = v / plan * 100
        return _row(
            "toilet_completion_vs_whole_target",
            _section(built),
            [_label(built), _label(rate)],
            expected,
            r,
            "consistent",
            f"the report gives the rate, not the plan; a plan of {plan} toilets "
            + ("is the only whole number that " if len(plans) == 1 else f"(one of {len(plans)} whole numbers) ")
            + f"gives {v:g} / {plan} = {expected:.2f}%, which rounds to the stated {r:g}%",
            tolerance=h,
        )
    return _row(
        "toilet_completion_vs_whole_target",
        _section(built),
        [_label(built), _label(rate)],
        math.nan,
        r,
        "inconsistent",
        "no whole number of planned toilets gives the stated completion rate",
        tolerance=h,
    )


def _cultural_share_vs_first_release_gdp(ds: Dataset) -> dict:
    va = _obs(ds, "cultural_industry_value_added", "2018")
    share = _obs(ds, "cultural_industry_gdp_share", "2018")
    first = _obs(ds, "gdp", "2018")
    imp = _implied(ds, "gdp", "2018")
    expected, stated = float(imp["value"]), float(first["value"])
    gap_pct = (1 - expected / stated) * 100
    return _row(
        "cultural_share_implied_gdp_vs_first_release",
        _section(va) + " vs " + first["source"],
        [_label(va), _label(share), _label(first) + f" ({first['vintage']})"],
        expected,
        stated,
        "note",
        f"the implied 2018 GDP ({imp['low']:.0f}-{imp['high']:.0f} allowing for rounding) is {gap_pct:.1f}% below "
        "the first-release figure: far more than rounding. The share was computed on 2018 GDP as revised after "
        "the 2019 (fourth) economic census, the same basis as the report's 2019 GDP; different vintages, not an "
        "error. gzkit holds no revised 2018 GDP to confirm it",
        qualifier=imp["qualifier"],
        tolerance=(imp["high"] - imp["low"]) / 2,
    )


def _agree(
    check: str, rows: list[pd.Series], expected_row: pd.Series, stated_row: pd.Series, ok_note: str, bad_note: str
) -> dict:
    """Statements of one quantity agree when the ranges they allow overlap."""
    lo = max(_interval(r)[0] for r in rows)
    hi = min(_interval(r)[1] for r in rows)
    ok = lo <= hi
    exact = expected_row["qualifier"] == "=" and stated_row["qualifier"] == "="
    row = _row(
        check,
        _section(*rows),
        [_label(r) for r in rows],
        float(expected_row["value"]),
        float(stated_row["value"]),
        "consistent" if ok else "inconsistent",
        ok_note if ok else bad_note,
        qualifier=expected_row["qualifier"],
        tolerance=_half(expected_row) + _half(stated_row) if exact else math.nan,
    )
    if not exact:
        # Between bounds a difference measures nothing; the overlap of the ranges is the check.
        row["difference"] = math.nan
    return row


def _village_cultural_centres(ds: Dataset) -> dict:
    first = _obs(ds, "village_community_cultural_service_centres", "2019", source="§一")
    second = _obs(ds, "village_community_cultural_service_centres", "2019", source="§二（五）")
    return _agree(
        "village_cultural_centres_2702_vs_2716",
        [first, second],
        first,
        second,
        "the two statements agree",
        "two counts of village and community cultural service centres, neither dated; the wording differs "
        "slightly (村（社区）文化服务中心 vs 行政村（社区）建成综合性文化服务中心) but nothing in the text explains "
        "the difference; gzkit keeps the first as the headline",
    )


def _high_tech_restatements(ds: Dataset) -> dict:
    headline = _obs(ds, "high_tech_enterprises", "2019", source="§一")
    rounded = _obs(ds, "high_tech_enterprises", "2019", source="§二（一）")
    loose = _obs(ds, "high_tech_enterprises", "2019", source="§三（四）")
    lo = max(_interval(r)[0] for r in (headline, rounded, loose))
    hi = min(_interval(r)[1] for r in (headline, rounded, loose))
    return _agree(
        "high_tech_enterprises_restatements",
        [headline, rounded, loose],
        headline,
        loose,
        f"all three hold for a count above {lo:g} and up to {hi:g}: 突破1.2万家 is a lower bound (>12000), "
        "超过1万家 a looser lower bound it implies (>10000), and 2019年的1.2万家 a rounded figure (11500-12500) "
        "worded as if exact (=12000) where §一 says 'more than'",
        "the three statements of the count cannot all hold",
    )


def _library_points(ds: Dataset) -> dict:
    first = _obs(ds, "library_lending_network_points", "2019", source="§一")
    lending = _obs(ds, "library_lending_network_points", "2019", source="§二（五）")
    points = _obs(ds, "public_library_service_points", "2019")
    return _row(
        "library_points_433_vs_1566",
        _section(first, points),
        [_label(first), _label(points), _label(lending)],
        float(points["value"]),
        float(first["value"]),
        "inconsistent",
        "§一 calls 433 公共图书馆（网点） (public library points) while §二（五） counts 1566 公共图书馆服务网点; "
        "433 is also the number of 通借通还服务网点 (unified-lending points) in §二（五）, so gzkit files the §一 "
        "figure under the lending network",
        tolerance=_half(first) + _half(points),
    )


def _library_nesting(ds: Dataset) -> dict:
    branches = _obs(ds, "lending_network_branch_libraries", "2019")
    lending = _obs(ds, "library_lending_network_points", "2019", source="§二（五）")
    points = _obs(ds, "public_library_service_points", "2019")
    b, l_, p = (float(r["value"]) for r in (branches, lending, points))
    ok = b <= l_ <= p
    return _row(
        "library_network_parts_within_wholes",
        _section(points),
        [_label(branches), _label(lending), _label(points)],
        p,
        l_,
        "consistent" if ok else "inconsistent",
        qualifier="<=",
        note=f"branch libraries ({b:g}) <= unified-lending points ({l_:g}) <= all service points ({p:g}), read as "
        "nested sets"
        if ok
        else "a part exceeds its whole",
    )


def _shares_within_bounds(ds: Dataset) -> dict:
    ind = ds.indicators
    share_ids = ind.loc[(ind["unit"] == "percent") & ind["id"].str.contains("share"), "id"]
    obs = ds.observations[ds.observations["indicator"].isin(share_ids)]
    lo = obs["value"] - np.where(obs["qualifier"] == "=", 0.5 * 10.0 ** (-obs["decimals"].astype(float)), 0)
    bad = obs[(obs["value"] < 0) | (lo > 100)]
    worst = obs.loc[obs["value"].idxmax()] if len(obs) else None
    return _row(
        "shares_between_0_and_100",
        "every section stating a share",
        [f"{len(obs)} statements of {obs['indicator'].nunique()} share indicators"],
        100.0,
        float(worst["value"]) if worst is not None else math.nan,
        "consistent" if bad.empty else "inconsistent",
        (
            f"every share lies in 0-100% (largest: {worst['indicator']} {worst['value']:g}%). No two are disjoint "
            "shares of one whole, so no sum can be checked; the strategic emerging (24.25%) and cultural (6.52%) "
            "industries' shares of GDP may overlap"
        )
        if bad.empty
        else "shares outside 0-100%: " + ", ".join(bad["indicator"]),
        qualifier="<=",
    )


def _rural_income_report_vs_yearbook(ds: Dataset) -> dict:
    report = _obs(ds, "disposable_income_rural", "2019", source="report")
    book = _obs(ds, "disposable_income_rural", "2019", source="年鉴")
    before = _obs(ds, "disposable_income_rural", "2018", source="年鉴")
    growth = (float(book["value"]) / float(before["value"]) - 1) * 100
    row = _agree(
        "rural_income_2019_report_vs_yearbook",
        [report, book],
        book,
        report,
        f"the report's 28868 is the yearbook's 28867.90 rounded to the yuan. The yearbook series implies 2019 "
        f"nominal growth of {growth:.2f}% ({derived._fmt(book['value'])} / {derived._fmt(before['value'])}); the "
        "report states no rate to compare",
        "the report's figure does not round from the yearbook's",
    )
    row["inputs"] += f"; {_label(before)}"
    return row


def _urban_rural_ratio(ds: Dataset) -> dict:
    urban = _obs(ds, "disposable_income_urban", "2019")
    rural = _obs(ds, "disposable_income_rural", "2019")
    u, r = float(urban["value"]), float(rural["value"])
    lo = (u - _half(urban)) / (r + _half(rural))
    hi = (u + _half(urban)) / (r - _half(rural))
    return _row(
        "urban_rural_income_ratio_2019",
        _section(urban),
        [_label(urban), _label(rural)],
        u / r,
        math.nan,
        "note",
        "the text states no ratio: figure 7 plots the 2014-2019 ratio (收入倍差) but its numbers are not in the "
        f"text. {derived._fmt(u)} / {derived._fmt(r)} = {u / r:.4f} (rounding allows {lo:.4f}-{hi:.4f})",
        tolerance=(hi - lo) / 2,
    )


def _high_tech_cagr(ds: Dataset) -> dict:
    row = core.compare(ds, 2015, 2019).set_index("indicator").loc["high_tech_enterprises"]
    bound = {">": "more than ", ">=": "at least ", "<": "less than ", "<=": "at most "}.get(row["qualifier"], "")
    years = int(row["year_b"]) - int(row["year_a"])
    lo, hi = bounds.interval(float(row["value_b"]), row["qualifier_b"], int(row["decimals_b"]))
    span = ""
    if row["qualifier"] == "=" and math.isfinite(lo) and math.isfinite(hi):
        rate = [((v / float(row["value_a"])) ** (1 / years) - 1) * 100 for v in (lo, hi)]
        span = f" ({rate[0]:.2f}-{rate[1]:.2f} for the {lo:g}-{hi:g} its rounding allows)"
    return _row(
        "high_tech_enterprises_cagr_2015_2019",
        "report §二（一） ¶大力实施创新驱动战略",
        [
            f"high_tech_enterprises guangzhou 2015 = {derived._fmt(row['value_a'])}",
            f"high_tech_enterprises guangzhou 2019 = {row['qualifier_b'].replace('=', '')}"
            f"{derived._fmt(row['value_b'])}",
        ],
        float(row["cagr"]),
        math.nan,
        "note",
        f"the report states the two counts, not a growth rate: from {derived._fmt(row['value_a'])} to {bound}"
        f"{derived._fmt(row['value_b'])} is {bound}{row['cagr']:.2f}% a year{span}, {bound}a "
        f"{row['value_b'] / row['value_a']:.2f}-fold rise in {years} years",
        qualifier=row["qualifier"],
    )


#: Stated in words without digits, so not observations: 首次跨进万亿元级 and 贡献率超过七成 (§一 ¶对外开放深入推进).
TRADE_2019_FLOOR = 10000.0
CROSS_BORDER_SHARE_OF_TRADE_GROWTH_FLOOR = 70.0


def _cross_border_share_of_trade_growth(ds: Dataset) -> dict:
    cb = _obs(ds, "cross_border_ecommerce_trade", "2019")
    cb_growth = _obs(ds, "cross_border_ecommerce_trade_growth", "2019")
    trade_2018 = _obs(ds, "trade_total", "2018")
    cb_2018 = _implied(ds, "cross_border_ecommerce_trade", "2018")
    increment = float(cb["value"]) - float(cb_2018["value"])
    ceiling = float(trade_2018["value"]) + increment / (CROSS_BORDER_SHARE_OF_TRADE_GROWTH_FLOOR / 100)
    ok = ceiling >= TRADE_2019_FLOOR
    return _row(
        "cross_border_ecommerce_share_of_trade_growth",
        _section(cb) + " vs " + trade_2018["source"],
        [
            _label(cb),
            _label(cb_growth),
            _label(trade_2018) + f" ({trade_2018['vintage']})",
            "2019 trade first above 1万亿 (首次跨进万亿元级)",
            "cross-border share of trade growth above 70% (超过七成)",
        ],
        ceiling,
        TRADE_2019_FLOOR,
        "consistent" if ok else "inconsistent",
        (
            f"a 2019 cross-border increment of {increment:.1f}亿元 that is more than 70% of trade growth caps 2019 "
            f"trade at {ceiling:.0f}亿元, and the report puts it above 10000: both hold only in a narrow window, "
            "and the 2018 total is a preliminary figure of another release"
        )
        if ok
        else "trade growth would be too small for 2019 trade to reach 1万亿",
        qualifier="<",
    )


def _agri_parks_income(ds: Dataset) -> dict:
    households = _obs(ds, "agri_parks_households_driven", "2019")
    gain = _obs(ds, "agri_parks_household_income_gain", "2019")
    output = _obs(ds, "agri_parks_leading_industry_output", "2019")
    # 10k households x 10k yuan = 100m yuan, the unit of the output.
    total = float(households["value"]) * float(gain["value"])
    ok = total <= float(output["value"])
    return _row(
        "agri_parks_income_gain_within_output",
        _section(output),
        [_label(households), _label(gain), _label(output)],
        total,
        float(output["value"]),
        "consistent" if ok else "inconsistent",
        f"2.63万 households x about 1.2万 yuan = about {total:.2f}亿元 of extra income, "
        f"{total / float(output['value']) * 100:.0f}% of the parks' leading-industry output"
        if ok
        else "the households' total income gain exceeds the parks' output",
        qualifier="~",
    )


def _gdp_nominal_vs_real_growth(ds: Dataset) -> dict:
    first = _obs(ds, "gdp", "2016")
    last = _obs(ds, "gdp", "2019")
    real = _obs(ds, "gdp_growth_avg", "2016-2019")
    n = int(last["year"]) - int(first["year"])
    nominal = ((float(last["value"]) / float(first["value"])) ** (1 / n) - 1) * 100
    return _row(
        "gdp_nominal_growth_across_vintages",
        last["source"] + " vs " + first["source"],
        [_label(first) + f" ({first['vintage']})", _label(last) + f" ({last['vintage']})", _label(real)],
        nominal,
        float(real["value"]),
        "note",
        f"nominal GDP growth 2016-2019 computed across releases is {nominal:.2f}% a year, below the real 6.8%: "
        "not comparable, because the 2016 figure predates the 2019 census revision that lowered GDP, the 2019 "
        "figure is 2.3万亿 with its digits cut off (23000-24000), and 6.8% is real growth averaged over 2016-2019",
    )


CHECKS: tuple[Callable[[Dataset], dict], ...] = (
    _gdp_growth_lead_over_china,
    _toilet_completion,
    _cultural_share_vs_first_release_gdp,
    _village_cultural_centres,
    _high_tech_restatements,
    _library_points,
    _library_nesting,
    _shares_within_bounds,
    _rural_income_report_vs_yearbook,
    _urban_rural_ratio,
    _high_tech_cagr,
    _cross_border_share_of_trade_growth,
    _agri_parks_income,
    _gdp_nominal_vs_real_growth,
)
