"""Checks that compare the report's statements of one quantity with each other or with official figures."""

from __future__ import annotations

import numpy as np

from gzkit.audit.arithmetic import (
    agree,
    check_row,
    figure,
    half_unit,
    interval,
    label,
    need,
    observation,
    reading,
    sections,
    stated_text,
)
from gzkit.data import Dataset


def village_cultural_centres(ds: Dataset) -> dict:
    first = observation(ds, "village_community_cultural_service_centres", "2019", source="§一")
    second = observation(ds, "village_community_cultural_service_centres", "2019", source="§二（五）")
    return agree(
        "village_cultural_centres_2702_vs_2716",
        [first, second],
        first,
        second,
        "the two statements agree",
        "two counts of village and community cultural service centres, neither dated; the wording differs "
        "slightly (村（社区）文化服务中心 vs 行政村（社区）建成综合性文化服务中心) but nothing in the text explains "
        "the difference; gzkit keeps the first as the headline",
    )


def high_tech_restatements(ds: Dataset) -> dict:
    headline = observation(ds, "high_tech_enterprises", "2019", source="§一")
    rounded = observation(ds, "high_tech_enterprises", "2019", source="§二（一）")
    loose = observation(ds, "high_tech_enterprises", "2019", source="§三（四）")
    lo = max(interval(r)[0] for r in (headline, rounded, loose))
    hi = min(interval(r)[1] for r in (headline, rounded, loose))
    return agree(
        "high_tech_enterprises_restatements",
        [headline, rounded, loose],
        headline,
        loose,
        f"all three hold for a count above {lo:g} and up to {hi:g}: "
        + "; ".join(f"{r['source']} {reading(r)}" for r in (headline, loose, rounded)),
        "the three statements of the count cannot all hold",
    )


def library_points(ds: Dataset) -> dict:
    first = observation(ds, "library_lending_network_points", "2019", source="§一")
    lending = observation(ds, "library_lending_network_points", "2019", source="§二（五）")
    points = observation(ds, "public_library_service_points", "2019")
    tol = half_unit(first) + half_unit(points)
    same = abs(float(first["value"]) - float(points["value"])) <= tol + 1e-9
    also_lending = abs(float(first["value"]) - float(lending["value"])) <= half_unit(first) + half_unit(lending) + 1e-9
    return check_row(
        "library_points_433_vs_1566",
        sections(first, points),
        [label(first), label(points), label(lending)],
        float(points["value"]),
        float(first["value"]),
        "consistent" if same else "inconsistent",
        f"§一 calls {stated_text(first)} 公共图书馆（网点） (public library points) while §二（五） counts {stated_text(points)} "
        "公共图书馆服务网点"
        + (
            f"; {stated_text(first)} is also the number of 通借通还服务网点 (unified-lending points) in §二（五）, so gzkit "
            "files the §一 figure under the lending network"
            if also_lending and not same
            else ""
        ),
        tolerance=tol,
    )


def library_nesting(ds: Dataset) -> dict:
    branches = observation(ds, "lending_network_branch_libraries", "2019")
    lending = observation(ds, "library_lending_network_points", "2019", source="§二（五）")
    points = observation(ds, "public_library_service_points", "2019")
    b, l_, p = (float(r["value"]) for r in (branches, lending, points))
    ok = b <= l_ <= p
    return check_row(
        "library_network_parts_within_wholes",
        sections(points),
        [label(branches), label(lending), label(points)],
        p,
        l_,
        "consistent" if ok else "inconsistent",
        qualifier="<=",
        note=f"branch libraries ({b:g}) <= unified-lending points ({l_:g}) <= all service points ({p:g}), read as "
        "nested sets"
        if ok
        else "a part exceeds its whole",
    )


def shares_within_bounds(ds: Dataset) -> dict:
    ind = ds.indicators
    share_ids = ind.loc[(ind["unit"] == "percent") & ind["id"].str.contains("share"), "id"]
    obs = ds.observations[ds.observations["indicator"].isin(share_ids)]
    lo = obs["value"] - np.where(obs["qualifier"] == "=", 0.5 * 10.0 ** (-obs["decimals"].astype(float)), 0)
    bad = obs[(obs["value"] < 0) | (lo > 100)]
    need(len(obs), "the package states no share")
    worst = obs.loc[obs["value"].idxmax()]
    named = {
        i: obs.loc[(obs["indicator"] == i) & obs["headline"], "value"]
        for i in ("strategic_emerging_industries_share", "cultural_industry_gdp_share")
    }
    overlap = (
        "; the strategic emerging ({}%) and cultural ({}%) industries' shares of GDP may overlap".format(
            *(figure(v.iloc[-1]) for v in named.values())
        )
        if all(len(v) for v in named.values())
        else ""
    )
    return check_row(
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


def rural_income_report_vs_yearbook(ds: Dataset) -> dict:
    report = observation(ds, "disposable_income_rural", "2019", source="report")
    book = observation(ds, "disposable_income_rural", "2019", source="年鉴")
    before = observation(ds, "disposable_income_rural", "2018", source="年鉴")
    need(float(before["value"]) > 0, f"{label(before)}: a base that is not positive gives no growth rate")
    growth = (float(book["value"]) / float(before["value"]) - 1) * 100
    row = agree(
        "rural_income_2019_report_vs_yearbook",
        [report, book],
        book,
        report,
        f"the report's {stated_text(report)} is the yearbook's {figure(book['value'], int(book['decimals']))} "
        f"rounded to {int(report['decimals'])} decimals. The yearbook series implies 2019 "
        f"nominal growth of {growth:.2f}% ({figure(book['value'])} / {figure(before['value'])}); the "
        "report states no rate to compare",
        "the report's figure does not round from the yearbook's",
    )
    row["inputs"] += f"; {label(before)}"
    return row
