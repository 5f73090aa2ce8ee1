"""Checks that derive one figure from others (a difference, a ratio, a growth rate) and compare."""

from __future__ import annotations

import math
from typing import Any

from gzkit import bounds, core
from gzkit.audit.arithmetic import (
    Missing,
    check_row,
    figure,
    half_unit,
    implied,
    is_finite,
    label,
    need,
    observation,
    sections,
    stated_text,
    unit_of,
    verdict,
)
from gzkit.data import Dataset
from gzkit.i18n import N_, T, Text


def gdp_growth_lead_over_china(ds: Dataset) -> dict[str, Any]:
    """Guangzhou's average growth over 2016-2019 less China's is the lead the report states, within the rounding
    of all three rates."""
    gz = observation(ds, "gdp_growth_avg", "2016-2019")
    cn = observation(ds, "gdp_growth_avg", "2016-2019", region="china")
    lead = observation(ds, "gdp_growth_avg_lead_over_china", "2016-2019")
    expected = float(gz["value"]) - float(cn["value"])
    tol = half_unit(gz) + half_unit(cn) + half_unit(lead)
    return check_row(
        "gdp_growth_lead_over_china",
        sections(gz),
        [label(gz), label(cn), label(lead)],
        expected,
        float(lead["value"]),
        *verdict(
            abs(float(lead["value"]) - expected) <= tol + 1e-9,
            T(
                "{guangzhou}% - {china}% = {lead} points, as stated",
                guangzhou=stated_text(gz),
                china=stated_text(cn),
                lead=figure(expected, int(lead["decimals"])),
            ),
            T("the stated lead is not the difference of the two rates"),
        ),
        tolerance=tol,
    )


def toilet_completion(ds: Dataset) -> dict[str, Any]:
    """The report gives the toilets built and the programme's completion rate but not the plan: the plan must be a
    whole number of toilets for which the built ones give a rate that rounds to the stated one."""
    built = observation(ds, "public_toilets_built", "2019")
    rate = observation(ds, "public_toilet_programme_completion_rate", "2019")
    v, r, h = float(built["value"]), float(rate["value"]), half_unit(rate)
    need(v > 0, T("{input}: with none built, no plan gives a completion rate", input=label(built)))
    need(r > h, T("{input}: a rate that may round from zero implies no plan", input=label(rate)))
    need(v / (r - h) * 100 < 1e7, T("the plan these figures imply is too large to search for a whole number"))
    plans = [n for n in range(math.ceil(v / (r + h) * 100), math.floor(v / (r - h) * 100) + 1) if n > 0]
    # Of the plans that fit, the one that comes closest to the stated rate.
    plan = min(plans, key=lambda n: abs(v / n * 100 - r), default=0)
    expected = v / plan * 100 if plan else math.nan
    return check_row(
        "toilet_completion_vs_whole_target",
        sections(built),
        [label(built), label(rate)],
        expected,
        r,
        *verdict(
            bool(plans),
            T(
                "the report gives the rate, not the plan; a plan of {plan} toilets is the only whole number that "
                "gives {built} / {plan} = {rate}%, which rounds to the stated {stated}%",
                plan=plan,
                built=figure(v),
                rate=f"{expected:.2f}",
                stated=figure(r),
            )
            if len(plans) == 1
            else T(
                "the report gives the rate, not the plan; a plan of {plan} toilets (one of {count} whole numbers) "
                "gives {built} / {plan} = {rate}%, which rounds to the stated {stated}%",
                plan=plan,
                count=len(plans),
                built=figure(v),
                rate=f"{expected:.2f}",
                stated=figure(r),
            ),
            T("no whole number of planned toilets gives the stated completion rate"),
        ),
        tolerance=h,
    )


def cultural_share_vs_first_release_gdp(ds: Dataset) -> dict[str, Any]:
    """The cultural industry's value added and its share of GDP imply a 2018 GDP. Set beside the first-release 2018
    GDP, it shows which vintage the share was computed on: a note, since vintages are not meant to agree."""
    va = observation(ds, "cultural_industry_value_added", "2018")
    share = observation(ds, "cultural_industry_gdp_share", "2018")
    first = observation(ds, "gdp", "2018")
    imp = implied(ds, "gdp", "2018")
    expected, stated = float(imp["value"]), float(first["value"])
    need(
        stated > 0,
        T("{input}: a first-release GDP that is not positive is no base to compare with", input=label(first)),
    )
    gap_pct = (1 - expected / stated) * 100
    need(math.isfinite(gap_pct), T("{input}: too small a base for a percentage difference", input=label(first)))
    need(is_finite(imp["low"]) and is_finite(imp["high"]), T("the implied GDP has no rounding range"))
    within = imp["low"] <= stated <= imp["high"]
    fields = {"low": f"{imp['low']:.0f}", "high": f"{imp['high']:.0f}", "gap": f"{abs(gap_pct):.1f}"}
    if gap_pct >= 0:
        where = T("{gap}% below the first-release figure", gap=fields["gap"])
    else:
        where = T("{gap}% above the first-release figure", gap=fields["gap"])
    return check_row(
        "cultural_share_implied_gdp_vs_first_release",
        sections(va) + " vs " + first["source"],
        [label(va), label(share), label(first) + f" ({first['vintage']})"],
        expected,
        stated,
        "note",
        T(
            "the implied 2018 GDP ({low}-{high} allowing for rounding) is {where}{rounding}. The share was computed "
            "on 2018 GDP as revised after the 2019 (fourth) economic census, the same basis as the report's 2019 "
            "GDP; different vintages, not an error. gzkit holds no revised 2018 GDP to confirm it",
            low=fields["low"],
            high=fields["high"],
            where=where,
            rounding=T(", within rounding") if within else T(": far more than rounding"),
        ),
        qualifier=imp["qualifier"],
        tolerance=(imp["high"] - imp["low"]) / 2,
    )


def urban_rural_ratio(ds: Dataset) -> dict[str, Any]:
    """The 2019 ratio of urban to rural income and the range rounding allows it: a note, since figure 7 plots the
    ratio but the text states no number to compare with."""
    urban = observation(ds, "disposable_income_urban", "2019")
    rural = observation(ds, "disposable_income_rural", "2019")
    u, r = float(urban["value"]), float(rural["value"])
    need(
        r - half_unit(rural) > 0,
        T("{input}: a rural income that may round from zero gives no ratio", input=label(rural)),
    )
    lo = (u - half_unit(urban)) / (r + half_unit(rural))
    hi = (u + half_unit(urban)) / (r - half_unit(rural))
    return check_row(
        "urban_rural_income_ratio_2019",
        sections(urban),
        [label(urban), label(rural)],
        u / r,
        math.nan,
        "note",
        T(
            "the text states no ratio: figure 7 plots the 2014-2019 ratio (收入倍差) but its numbers are not in the "
            "text. {urban} / {rural} = {ratio} (rounding allows {low}-{high})",
            urban=figure(u),
            rural=figure(r),
            ratio=f"{u / r:.4f}",
            low=f"{lo:.4f}",
            high=f"{hi:.4f}",
        ),
        tolerance=(hi - lo) / 2,
    )


def high_tech_cagr(ds: Dataset) -> dict[str, Any]:
    """The yearly growth of high-tech enterprises over 2015-2019 that the two stated counts imply, and what the
    rounding or bound of the 2019 count allows: a note, since the report states no rate."""
    both = core.compare(ds, 2015, 2019).set_index("indicator")
    if "high_tech_enterprises" not in both.index:
        raise Missing(T("no high_tech_enterprises for both 2015 and 2019"))
    row = both.loc["high_tech_enterprises"]
    need(
        is_finite(row["cagr"]) and float(row["value_a"]) > 0,
        T(
            "the growth rate is {reason} (high_tech_enterprises 2015 = {start})",
            reason=row["note"] or T("undefined"),
            start=figure(row["value_a"]),
        ),
    )
    bound = BOUND_WORDS.get(row["qualifier"], "")
    years = int(row["year_b"]) - int(row["year_a"])
    lo, hi = bounds.interval(float(row["value_b"]), row["qualifier_b"], int(row["decimals_b"]))
    span = ""
    if row["qualifier"] == "=" and math.isfinite(lo) and math.isfinite(hi) and years > 0:
        rate = [((v / float(row["value_a"])) ** (1 / years) - 1) * 100 for v in (lo, hi)]
        span = T(
            " ({low_rate}-{high_rate} for the {low}-{high} its rounding allows)",
            low_rate=f"{rate[0]:.2f}",
            high_rate=f"{rate[1]:.2f}",
            low=figure(lo),
            high=figure(hi),
        )
    return check_row(
        "high_tech_enterprises_cagr_2015_2019",
        "report §二（一） ¶大力实施创新驱动战略",
        [
            f"high_tech_enterprises guangzhou 2015 = {figure(row['value_a'])}",
            f"high_tech_enterprises guangzhou 2019 = {row['qualifier_b'].replace('=', '')}{figure(row['value_b'])}",
        ],
        float(row["cagr"]),
        math.nan,
        "note",
        T(
            "the report states the two counts, not a growth rate: from {start} to {end} is {bound}{rate}% a "
            "year{span}, {bound}a {fold}-fold rise in {years} years",
            start=figure(row["value_a"]),
            end=f"{row['qualifier_b'].replace('=', '')}{figure(row['value_b'])}",
            bound=Text(bound) if bound else "",
            rate=f"{row['cagr']:.2f}",
            span=span,
            fold=f"{row['value_b'] / row['value_a']:.2f}",
            years=years,
        ),
        qualifier=row["qualifier"],
    )


#: How a growth rate computed from a bound is itself bounded, before the rate.
BOUND_WORDS = {
    ">": N_("more than "),
    ">=": N_("at least "),
    "<": N_("less than "),
    "<=": N_("at most "),
    "~": N_("about "),
}

#: Stated in words without digits, so not observations: 首次跨进万亿元级 and 贡献率超过七成 (§一 ¶对外开放深入推进).
TRADE_2019_FLOOR = 10000.0
CROSS_BORDER_SHARE_OF_TRADE_GROWTH_FLOOR = 70.0


def cross_border_share_of_trade_growth(ds: Dataset) -> dict[str, Any]:
    """Cross-border e-commerce grew by more than 70% of trade's growth in 2019, and 2019 trade passed 1万亿: from
    the 2018 total, the first caps 2019 trade and the second sets its floor, so the cap must reach the floor."""
    cb = observation(ds, "cross_border_ecommerce_trade", "2019")
    cb_growth = observation(ds, "cross_border_ecommerce_trade_growth", "2019")
    trade_2018 = observation(ds, "trade_total", "2018")
    cb_2018 = implied(ds, "cross_border_ecommerce_trade", "2018")
    increment = float(cb["value"]) - float(cb_2018["value"])
    need(increment > 0, T("cross-border trade did not grow, so it has no share of trade growth"))
    ceiling = float(trade_2018["value"]) + increment / (CROSS_BORDER_SHARE_OF_TRADE_GROWTH_FLOOR / 100)
    return check_row(
        "cross_border_ecommerce_share_of_trade_growth",
        sections(cb) + " vs " + trade_2018["source"],
        [
            label(cb),
            label(cb_growth),
            label(trade_2018) + f" ({trade_2018['vintage']})",
            T("2019 trade first above 1万亿 (首次跨进万亿元级)"),
            T("cross-border share of trade growth above 70% (超过七成)"),
        ],
        ceiling,
        TRADE_2019_FLOOR,
        *verdict(
            ceiling >= TRADE_2019_FLOOR,
            T(
                "a 2019 cross-border increment of {increment}亿元 that is more than {share} of trade growth caps 2019 "
                "trade at {ceiling}亿元, and the report puts it above {floor}: both hold only in a narrow window, and "
                "the 2018 total is a preliminary figure of another release",
                increment=f"{increment:.1f}",
                share=f"{CROSS_BORDER_SHARE_OF_TRADE_GROWTH_FLOOR:g}%",
                ceiling=f"{ceiling:.0f}",
                floor=f"{TRADE_2019_FLOOR:g}",
            ),
            T("trade growth would be too small for 2019 trade to reach 1万亿"),
        ),
        qualifier="<",
    )


def agri_parks_income(ds: Dataset) -> dict[str, Any]:
    """The extra income of the households the agricultural parks drive is part of what the parks' leading
    industries produce, so the households times the gain of each cannot exceed that output."""
    households = observation(ds, "agri_parks_households_driven", "2019")
    gain = observation(ds, "agri_parks_household_income_gain", "2019")
    output = observation(ds, "agri_parks_leading_industry_output", "2019")
    # 10k households x 10k yuan = 100m yuan, the unit of the output.
    total, whole = float(households["value"]) * float(gain["value"]), float(output["value"])
    need(whole > 0, T("{input}: an output that is not positive is no whole to compare with", input=label(output)))
    return check_row(
        "agri_parks_income_gain_within_output",
        sections(output),
        [label(households), label(gain), label(output)],
        total,
        whole,
        *verdict(
            total <= whole,
            T(
                "{households}万 households x {gain}万 yuan = about {total}亿元 of extra income, {share} of the parks' "
                "leading-industry output",
                households=stated_text(households),
                gain=stated_text(gain),
                total=figure(total, 2),
                share=f"{total / whole * 100:.0f}%",
            ),
            T("the households' total income gain exceeds the parks' output"),
        ),
        qualifier="~",
    )


def gdp_nominal_vs_real_growth(ds: Dataset) -> dict[str, Any]:
    """Nominal GDP growth over 2016-2019 from two releases beside the stated real growth: a note, since the
    releases, the rounding and the price basis all differ."""
    first = observation(ds, "gdp", "2016")
    last = observation(ds, "gdp", "2019")
    real = observation(ds, "gdp_growth_avg", "2016-2019")
    n = int(last["year"]) - int(first["year"])
    need(float(first["value"]) > 0 and float(last["value"]) > 0, T("a GDP that is not positive gives no growth rate"))
    nominal = ((float(last["value"]) / float(first["value"])) ** (1 / n) - 1) * 100
    return check_row(
        "gdp_nominal_growth_across_vintages",
        last["source"] + " vs " + first["source"],
        [label(first) + f" ({first['vintage']})", label(last) + f" ({last['vintage']})", label(real)],
        nominal,
        float(real["value"]),
        "note",
        T(
            "nominal GDP growth 2016-2019 computed across releases is {nominal}% a year, {below} the real {real}: "
            "not comparable, because the 2016 figure predates the 2019 census revision that lowered GDP, the 2019 "
            "figure is rounded to the nearest {step} {unit}, and {real} is real growth averaged over 2016-2019",
            nominal=f"{nominal:.2f}",
            below=T("below") if nominal < float(real["value"]) else T("not below"),
            real=f"{stated_text(real)}%",
            step=figure(2 * half_unit(last)),
            unit=unit_of(ds, "gdp"),
        ),
    )
