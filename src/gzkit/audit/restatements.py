"""Checks that compare the report's statements of one quantity with each other or with official figures."""

from __future__ import annotations

from typing import Any

import numpy as np

from gzkit.audit.arithmetic import (
    agree,
    can_all_hold,
    check_row,
    common_range,
    figure,
    label,
    need,
    observation,
    reading,
    sections,
    stated_text,
    verdict,
)
from gzkit.data import Dataset
from gzkit.i18n import T, Text


def village_cultural_centres(ds: Dataset) -> dict[str, Any]:
    """§一 and §二（五） each count the village and community cultural service centres: two statements of one
    number, which agree only if their rounding ranges meet."""
    first = observation(ds, "village_community_cultural_service_centres", "2019", source="§一")
    second = observation(ds, "village_community_cultural_service_centres", "2019", source="§二（五）")
    return agree(
        "village_cultural_centres_2702_vs_2716",
        [first, second],
        first,
        second,
        T("the two statements agree"),
        T(
            "two counts of village and community cultural service centres, neither dated; the wording "
            "differs slightly (村（社区）文化服务中心 vs 行政村（社区）建成综合性文化服务中心) but nothing in the text "
            "explains the difference; gzkit keeps the first as the headline"
        ),
    )


def high_tech_restatements(ds: Dataset) -> dict[str, Any]:
    """The report states the 2019 count of high-tech enterprises three times (a lower bound, a figure worded as
    exact, a looser bound): they agree if one count makes all three true."""
    headline = observation(ds, "high_tech_enterprises", "2019", source="§一")
    rounded = observation(ds, "high_tech_enterprises", "2019", source="§二（一）")
    loose = observation(ds, "high_tech_enterprises", "2019", source="§三（四）")
    lo, hi = common_range(headline, rounded, loose)
    return agree(
        "high_tech_enterprises_restatements",
        [headline, rounded, loose],
        headline,
        loose,
        T(
            "all three hold for a count above {low} and up to {high}: {readings}",
            low=figure(lo),
            high=figure(hi),
            readings=Text(
                "; ".join(f"{{source{n}}} {{reading{n}}}" for n in range(3)),
                {
                    **{f"source{n}": r["source"] for n, r in enumerate((headline, loose, rounded))},
                    **{f"reading{n}": reading(r) for n, r in enumerate((headline, loose, rounded))},
                },
            ),
        ),
        T("the three statements of the count cannot all hold"),
    )


def library_points(ds: Dataset) -> dict[str, Any]:
    """§一 and §二（五） each give a count of public library points: two statements of one number, which agree
    only if their rounding ranges meet."""
    first = observation(ds, "library_lending_network_points", "2019", source="§一")
    lending = observation(ds, "library_lending_network_points", "2019", source="§二（五）")
    points = observation(ds, "public_library_service_points", "2019")
    # Both sections name their count 公共图书馆（网点）; where the two cannot agree, the §一 figure may be
    # the count §二（五） gives for the lending network, which is why gzkit files it there.
    explained = can_all_hold(first, lending) and not can_all_hold(first, points)
    note = T(
        "§一 calls {first} 公共图书馆（网点） (public library points) while §二（五） counts {points} "
        "公共图书馆服务网点{lending}",
        first=stated_text(first),
        points=stated_text(points),
        lending=T(
            "; {first} is also the number of 通借通还服务网点 (unified-lending points) in §二（五）, so "
            "gzkit files the §一 figure under the lending network",
            first=stated_text(first),
        )
        if explained
        else "",
    )
    return agree("library_points_433_vs_1566", [first, points], points, first, note, note, also_read=[lending])


def library_nesting(ds: Dataset) -> dict[str, Any]:
    """Branch libraries are points of the unified-lending network, which are library service points: each count
    can be at most the next."""
    branches = observation(ds, "lending_network_branch_libraries", "2019")
    lending = observation(ds, "library_lending_network_points", "2019", source="§二（五）")
    points = observation(ds, "public_library_service_points", "2019")
    b, l_, p = (float(r["value"]) for r in (branches, lending, points))
    return check_row(
        "library_network_parts_within_wholes",
        sections(points),
        [label(branches), label(lending), label(points)],
        p,
        l_,
        *verdict(
            b <= l_ <= p,
            T(
                "branch libraries ({branches}) <= unified-lending points ({lending}) <= all service points ({points}), "
                "read as nested sets",
                branches=stated_text(branches),
                lending=stated_text(lending),
                points=stated_text(points),
            ),
            T("a part exceeds its whole"),
        ),
        qualifier="<=",
    )


def shares_within_bounds(ds: Dataset) -> dict[str, Any]:
    """Every share the package states is a part of a whole in percent, so it lies between 0 and 100."""
    ind = ds.indicators
    share_ids = ind.loc[(ind["unit"] == "percent") & ind["id"].str.contains("share"), "id"]
    obs = ds.observations[ds.observations["indicator"].isin(share_ids)]
    lo = obs["value"] - np.where(obs["qualifier"] == "=", 0.5 * 10.0 ** (-obs["decimals"].astype(float)), 0)
    bad = obs[(obs["value"] < 0) | (lo > 100)]
    need(len(obs), T("the package states no share"))
    worst = obs.loc[obs["value"].idxmax()]
    named = {
        i: obs.loc[(obs["indicator"] == i) & obs["headline"], "value"]
        for i in ("strategic_emerging_industries_share", "cultural_industry_gdp_share")
    }
    emerging, cultural = (figure(v.iloc[-1]) if len(v) else "" for v in named.values())
    overlap = (
        T(
            "; the strategic emerging ({emerging}%) and cultural ({cultural}%) industries' shares of GDP may overlap",
            emerging=emerging,
            cultural=cultural,
        )
        if emerging and cultural
        else ""
    )
    return check_row(
        "shares_between_0_and_100",
        T("every section stating a share"),
        [
            T(
                "{statements} statements of {indicators} share indicators",
                statements=len(obs),
                indicators=obs["indicator"].nunique(),
            )
        ],
        100.0,
        float(worst["value"]),
        *verdict(
            bad.empty,
            T(
                "every share lies in 0-100% (largest: {indicator} {value}%). No two are disjoint shares of one whole, "
                "so no sum can be checked{overlap}",
                indicator=worst["indicator"],
                value=figure(worst["value"]),
                overlap=overlap,
            ),
            T("shares outside 0-100%: {indicators}", indicators=", ".join(bad["indicator"])),
        ),
        qualifier="<=",
    )


def rural_income_report_vs_yearbook(ds: Dataset) -> dict[str, Any]:
    """The report's 2019 rural income beside the municipal yearbook's more precise figure: the report's should be
    the yearbook's rounded."""
    report = observation(ds, "disposable_income_rural", "2019", source="report")
    book = observation(ds, "disposable_income_rural", "2019", source="年鉴")
    before = observation(ds, "disposable_income_rural", "2018", source="年鉴")
    need(
        float(before["value"]) > 0, T("{input}: a base that is not positive gives no growth rate", input=label(before))
    )
    growth = (float(book["value"]) / float(before["value"]) - 1) * 100
    row = agree(
        "rural_income_2019_report_vs_yearbook",
        [report, book],
        book,
        report,
        T(
            "the report's {report} is the yearbook's {book} rounded to {decimals} decimals. The yearbook series "
            "implies 2019 nominal growth of {growth}% ({book_value} / {before}); the report states no rate to compare",
            report=stated_text(report),
            book=figure(book["value"], int(book["decimals"])),
            decimals=int(report["decimals"]),
            growth=f"{growth:.2f}",
            book_value=figure(book["value"]),
            before=figure(before["value"]),
        ),
        T("the report's figure does not round from the yearbook's"),
        also_read=[before],
    )
    return row
