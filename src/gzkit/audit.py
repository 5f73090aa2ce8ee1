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
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from gzkit import bounds, core, derived
from gzkit.data import Dataset

COLUMNS = ["check", "section", "inputs", "expected", "qualifier", "stated", "difference", "tolerance", "status", "note"]

REGION = core.DEFAULT_REGION


#: "inf" or "nan" as Python prints a non-finite float into text.
_NONFINITE_WORD = re.compile(r"(?<![A-Za-z])(inf|nan)(?![A-Za-z])")


class _Missing(Exception):
    """An input a check needs is not in the data package."""


class _NotCheckable(Exception):
    """The inputs are there and valid, but the check cannot be made with them (a zero base, a negative level)."""


def _need(condition, reason: str) -> None:
    if not condition:
        raise _NotCheckable(reason)


def _num(row: pd.Series) -> str:
    """A stated figure as written, with its qualifier (>12000, ~1.2, 28868)."""
    q = "" if row["qualifier"] == "=" else row["qualifier"]
    return f"{q}{_fmt(row['value'])}"


def audit(ds: Dataset) -> pd.DataFrame:
    """One row per check: check, section, inputs, expected, qualifier (of expected), stated,
    difference (stated - expected), tolerance, status (consistent | inconsistent | note), note.

    Checks whose inputs are missing (another data package), or whose inputs
    admit no check (a zero base, a negative level), are skipped and named in
    ``attrs["warnings"]`` as "not checked: …" with the reason. Any valid package
    gets a table, never an error.
    """
    rows, skipped = [], []
    for check in CHECKS:
        name = check.__name__.lstrip("_")
        try:
            with np.errstate(all="ignore"):
                row = check(ds)
        except (_Missing, _NotCheckable) as exc:
            skipped.append(f"{name}: not checked: {exc}")
            continue
        except ArithmeticError as exc:  # a value at the edge of floating point that no guard above foresaw
            skipped.append(f"{name}: not checked: the arithmetic failed on these values ({type(exc).__name__})")
            continue
        if not all(_finite(row[k]) or row[k] is None or _isnan(row[k]) for k in ("expected", "stated")):
            skipped.append(f"{name}: not checked: a result is not a finite number")
            continue
        if _NONFINITE_WORD.search(row["note"]):  # the finite-number guard, for numbers written into prose
            skipped.append(f"{name}: not checked: a figure its note would state is not a finite number")
            continue
        rows.append(row)
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
    # Clamped: a package may declare any number of decimals, and 10.0 ** 400 overflows.
    return 0.5 * 10.0 ** max(-300, min(300, -int(row["decimals"])))


def _fmt(x, decimals: int | None = None) -> str:
    """A figure as written in a note; very large and very small ones in scientific notation, never as 0."""
    if _finite(x) and x != 0 and not 1e-6 <= abs(float(x)) < 1e15:
        return f"{float(x):.10g}"
    return derived._fmt(x, decimals)


def _unit(ds: Dataset, indicator: str) -> str:
    unit = ds.indicators.loc[ds.indicators["id"] == indicator, "unit"]
    return str(unit.iloc[0]) if len(unit) else ""


def _isnan(x) -> bool:
    return isinstance(x, (float, np.floating)) and math.isnan(x)


def _interval(row: pd.Series) -> tuple[float, float]:
    """The numbers a statement allows: its rounding range, or the open side of a bound."""
    return bounds.interval(float(row["value"]), row["qualifier"], int(row["decimals"]), row.get("rounding", "nearest"))


def _label(row: pd.Series) -> str:
    q = "" if row["qualifier"] == "=" else row["qualifier"]
    return f"{row['indicator']} {row['region']} {row['period']} = {q}{_fmt(row['value'])}"


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
        f"{_num(gz)}% - {_num(cn)}% = {_fmt(expected, int(lead['decimals']))} points, as stated"
        if ok
        else "the stated lead is not the difference of the two rates",
        tolerance=tol,
    )


def _toilet_completion(ds: Dataset) -> dict:
    built = _obs(ds, "public_toilets_built", "2019")
    rate = _obs(ds, "public_toilet_programme_completion_rate", "2019")
    v, r, h = float(built["value"]), float(rate["value"]), _half(rate)
    _need(v > 0, f"{_label(built)}: with none built, no plan gives a completion rate")
    _need(r > h, f"{_label(rate)}: a rate that may round from zero implies no plan")
    _need(v / (r - h) * 100 < 1e7, "the plan these figures imply is too large to search for a whole number")
    # The plan is a whole number of toilets whose completion rate rounds to the stated one.
    plans = [n for n in range(math.ceil(v / (r + h) * 100), math.floor(v / (r - h) * 100) + 1) if n > 0]
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
    _need(stated > 0, f"{_label(first)}: a first-release GDP that is not positive is no base to compare with")
    gap_pct = (1 - expected / stated) * 100
    _need(math.isfinite(gap_pct), f"{_label(first)}: too small a base for a percentage difference")
    _need(_finite(imp["low"]) and _finite(imp["high"]), "the implied GDP has no rounding range")
    return _row(
        "cultural_share_implied_gdp_vs_first_release",
        _section(va) + " vs " + first["source"],
        [_label(va), _label(share), _label(first) + f" ({first['vintage']})"],
        expected,
        stated,
        "note",
        f"the implied 2018 GDP ({imp['low']:.0f}-{imp['high']:.0f} allowing for rounding) is {abs(gap_pct):.1f}% "
        f"{'below' if gap_pct >= 0 else 'above'} the first-release figure"
        + (": far more than rounding" if not imp["low"] <= stated <= imp["high"] else ", within rounding")
        + ". The share was computed on 2018 GDP as revised after "
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
        f"all three hold for a count above {lo:g} and up to {hi:g}: "
        + "; ".join(f"{r['source']} {_reading(r)}" for r in (headline, loose, rounded)),
        "the three statements of the count cannot all hold",
    )


def _reading(row: pd.Series) -> str:
    """How a statement is read as a range of numbers."""
    lo, hi = _interval(row)
    if row["qualifier"] in (">", ">="):
        return f"states {_num(row)}, a lower bound"
    if row["qualifier"] in ("<", "<="):
        return f"states {_num(row)}, an upper bound"
    if row["qualifier"] == "=":
        return f"states ={_fmt(row['value'])}, worded as exact: a rounded figure ({lo:g}-{hi:g})"
    return f"states {_num(row)}, an approximation"


def _library_points(ds: Dataset) -> dict:
    first = _obs(ds, "library_lending_network_points", "2019", source="§一")
    lending = _obs(ds, "library_lending_network_points", "2019", source="§二（五）")
    points = _obs(ds, "public_library_service_points", "2019")
    tol = _half(first) + _half(points)
    same = abs(float(first["value"]) - float(points["value"])) <= tol + 1e-9
    also_lending = abs(float(first["value"]) - float(lending["value"])) <= _half(first) + _half(lending) + 1e-9
    return _row(
        "library_points_433_vs_1566",
        _section(first, points),
        [_label(first), _label(points), _label(lending)],
        float(points["value"]),
        float(first["value"]),
        "consistent" if same else "inconsistent",
        f"§一 calls {_num(first)} 公共图书馆（网点） (public library points) while §二（五） counts {_num(points)} "
        "公共图书馆服务网点"
        + (
            f"; {_num(first)} is also the number of 通借通还服务网点 (unified-lending points) in §二（五）, so gzkit "
            "files the §一 figure under the lending network"
            if also_lending and not same
            else ""
        ),
        tolerance=tol,
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
    _need(len(obs), "the package states no share")
    worst = obs.loc[obs["value"].idxmax()]
    named = {
        i: obs.loc[(obs["indicator"] == i) & obs["headline"], "value"]
        for i in ("strategic_emerging_industries_share", "cultural_industry_gdp_share")
    }
    overlap = (
        "; the strategic emerging ({}%) and cultural ({}%) industries' shares of GDP may overlap".format(
            *(_fmt(v.iloc[-1]) for v in named.values())
        )
        if all(len(v) for v in named.values())
        else ""
    )
    return _row(
        "shares_between_0_and_100",
        "every section stating a share",
        [f"{len(obs)} statements of {obs['indicator'].nunique()} share indicators"],
        100.0,
        float(worst["value"]),
        "consistent" if bad.empty else "inconsistent",
        (
            f"every share lies in 0-100% (largest: {worst['indicator']} {worst['value']:g}%). No two are disjoint "
            "shares of one whole, so no sum can be checked" + overlap
        )
        if bad.empty
        else "shares outside 0-100%: " + ", ".join(bad["indicator"]),
        qualifier="<=",
    )


def _rural_income_report_vs_yearbook(ds: Dataset) -> dict:
    report = _obs(ds, "disposable_income_rural", "2019", source="report")
    book = _obs(ds, "disposable_income_rural", "2019", source="年鉴")
    before = _obs(ds, "disposable_income_rural", "2018", source="年鉴")
    _need(float(before["value"]) > 0, f"{_label(before)}: a base that is not positive gives no growth rate")
    growth = (float(book["value"]) / float(before["value"]) - 1) * 100
    row = _agree(
        "rural_income_2019_report_vs_yearbook",
        [report, book],
        book,
        report,
        f"the report's {_num(report)} is the yearbook's {_fmt(book['value'], int(book['decimals']))} "
        f"rounded to {int(report['decimals'])} decimals. The yearbook series implies 2019 "
        f"nominal growth of {growth:.2f}% ({_fmt(book['value'])} / {_fmt(before['value'])}); the "
        "report states no rate to compare",
        "the report's figure does not round from the yearbook's",
    )
    row["inputs"] += f"; {_label(before)}"
    return row


def _urban_rural_ratio(ds: Dataset) -> dict:
    urban = _obs(ds, "disposable_income_urban", "2019")
    rural = _obs(ds, "disposable_income_rural", "2019")
    u, r = float(urban["value"]), float(rural["value"])
    _need(r - _half(rural) > 0, f"{_label(rural)}: a rural income that may round from zero gives no ratio")
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
        f"text. {_fmt(u)} / {_fmt(r)} = {u / r:.4f} (rounding allows {lo:.4f}-{hi:.4f})",
        tolerance=(hi - lo) / 2,
    )


def _high_tech_cagr(ds: Dataset) -> dict:
    both = core.compare(ds, 2015, 2019).set_index("indicator")
    if "high_tech_enterprises" not in both.index:
        raise _Missing("no high_tech_enterprises for both 2015 and 2019")
    row = both.loc["high_tech_enterprises"]
    _need(
        _finite(row["cagr"]) and float(row["value_a"]) > 0,
        f"the growth rate is {row['note'] or 'undefined'} (high_tech_enterprises 2015 = {_fmt(row['value_a'])})",
    )
    bound = {">": "more than ", ">=": "at least ", "<": "less than ", "<=": "at most ", "~": "about "}.get(
        row["qualifier"], ""
    )
    years = int(row["year_b"]) - int(row["year_a"])
    lo, hi = bounds.interval(float(row["value_b"]), row["qualifier_b"], int(row["decimals_b"]))
    span = ""
    if row["qualifier"] == "=" and math.isfinite(lo) and math.isfinite(hi) and years > 0:
        rate = [((v / float(row["value_a"])) ** (1 / years) - 1) * 100 for v in (lo, hi)]
        span = f" ({rate[0]:.2f}-{rate[1]:.2f} for the {lo:g}-{hi:g} its rounding allows)"
    return _row(
        "high_tech_enterprises_cagr_2015_2019",
        "report §二（一） ¶大力实施创新驱动战略",
        [
            f"high_tech_enterprises guangzhou 2015 = {_fmt(row['value_a'])}",
            f"high_tech_enterprises guangzhou 2019 = {row['qualifier_b'].replace('=', '')}{_fmt(row['value_b'])}",
        ],
        float(row["cagr"]),
        math.nan,
        "note",
        f"the report states the two counts, not a growth rate: from {_fmt(row['value_a'])} to "
        f"{row['qualifier_b'].replace('=', '')}{_fmt(row['value_b'])} is {bound}{row['cagr']:.2f}% a year{span}, "
        f"{bound}a {row['value_b'] / row['value_a']:.2f}-fold rise in {years} years",
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
    _need(increment > 0, "cross-border trade did not grow, so it has no share of trade growth")
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
            f"a 2019 cross-border increment of {increment:.1f}亿元 that is more than "
            f"{CROSS_BORDER_SHARE_OF_TRADE_GROWTH_FLOOR:g}% of trade growth caps 2019 trade at {ceiling:.0f}亿元, "
            f"and the report puts it above {TRADE_2019_FLOOR:g}: both hold only in a narrow window, "
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
    _need(float(output["value"]) > 0, f"{_label(output)}: an output that is not positive is no whole to compare with")
    ok = total <= float(output["value"])
    return _row(
        "agri_parks_income_gain_within_output",
        _section(output),
        [_label(households), _label(gain), _label(output)],
        total,
        float(output["value"]),
        "consistent" if ok else "inconsistent",
        f"{_num(households)}万 households x {_num(gain)}万 yuan = about {total:.2f}亿元 of extra income, "
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
    _need(float(first["value"]) > 0 and float(last["value"]) > 0, "a GDP that is not positive gives no growth rate")
    nominal = ((float(last["value"]) / float(first["value"])) ** (1 / n) - 1) * 100
    return _row(
        "gdp_nominal_growth_across_vintages",
        last["source"] + " vs " + first["source"],
        [_label(first) + f" ({first['vintage']})", _label(last) + f" ({last['vintage']})", _label(real)],
        nominal,
        float(real["value"]),
        "note",
        f"nominal GDP growth 2016-2019 computed across releases is {nominal:.2f}% a year, "
        f"{'below' if nominal < float(real['value']) else 'not below'} the real {_num(real)}%: "
        "not comparable, because the 2016 figure predates the 2019 census revision that lowered GDP, the 2019 "
        f"figure is rounded to the nearest {_fmt(2 * _half(last))} {_unit(ds, 'gdp')}, and {_num(real)}% is "
        "real growth "
        "averaged over 2016-2019",
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
