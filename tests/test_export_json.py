"""JSON and JSON Lines: compact, valid, unescaped Chinese, the same records as the library's."""

from __future__ import annotations

import json

from gzkit import core
from gzkit.output import records


def test_json_is_one_array_with_a_record_per_line(invoke, ds):
    text = invoke("export", "-f", "json").stdout
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    assert len(lines) == 2 + len(ds.observations)
    assert json.loads(text) == records(core.export(ds))
    assert "地区生产总值（GDP）" in text and "\\u" not in text
    assert json.loads(lines[1].rstrip(","))["indicator"] == "gdp_growth_avg"


def test_jsonl_matches_json(invoke):
    rows = [json.loads(line) for line in invoke("export", "-f", "jsonl").stdout.splitlines()]
    assert rows == json.loads(invoke("export", "-f", "json").stdout)
    gdp = [r for r in rows if r["indicator"] == "gdp" and r["year"] == 2019 and r["region"] == "guangzhou"]
    # The report's truncated 2.3万亿 and, beside it, the official first release (low confidence).
    assert [(r["value"], r["qualifier"], r["decimals"], r["rounding"]) for r in gdp] == [
        (23000, "=", -3, "truncated"),
        (23628.6, "=", 1, "nearest"),
    ]


def test_empty_and_missing_values(invoke):
    assert invoke("list", "--search", "no-such-thing", "-f", "json").stdout == "[]\n"
    text = invoke("compare", "2015", "2019", "-f", "json").stdout
    assert "NaN" not in text and "Infinity" not in text
    assert any(r["pct_change"] is None for r in json.loads(text))
