"""Large CSV/TSV go through pyarrow's kernels: the bytes must be those pandas' writer gives."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from gzkit import core, delimited_arrow, output

pytest.importorskip("pyarrow")

TRICKY = [
    "plain",
    "with,comma",
    'with "quote"',
    "line\nbreak",
    "cr\rhere",
    "",
    " leading space",
    "tab\there",
    "中文，全角",
    "backslash\\",
]


def _arrow(df, fmt, monkeypatch):
    """The text, asserting that it went through Arrow."""
    calls = []
    write = delimited_arrow.write
    with monkeypatch.context() as m:
        m.setattr(delimited_arrow, "write", lambda *a: calls.append(1) or write(*a))
        buf = io.StringIO()
        output._write_delimited(df, buf, fmt)
    assert calls == [1]
    return buf.getvalue()


def _pandas(df, fmt, monkeypatch):
    with monkeypatch.context() as m:
        # Neither the writer nor the float formatting through Arrow: the csv module's text, %.15g in Python.
        m.setattr(delimited_arrow, "large", lambda frame: False)
        m.setattr(delimited_arrow, "available", lambda frame: False)
        buf = io.StringIO()
        output._write_delimited(df, buf, fmt)
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_same_bytes_as_pandas(fmt, monkeypatch):
    rows = delimited_arrow.MIN_ROWS + 7
    rng = np.random.default_rng(7)
    pick = rng.integers(0, len(TRICKY), rows)
    df = pd.DataFrame(
        {
            "text": pd.Series(np.array(TRICKY, dtype=object)[pick], dtype="str"),
            "object": np.array(TRICKY, dtype=object)[pick[::-1]],
            "value": np.where(rng.random(rows) < 0.1, np.nan, rng.normal(size=rows) * 1e6),
            "year": rng.integers(1990, 2030, rows),
            "decimals": pd.array(np.where(rng.random(rows) < 0.1, None, 2), dtype="Int64"),
            "headline": rng.random(rows) < 0.5,
            "note": pd.Series(np.where(rng.random(rows) < 0.3, None, "x"), dtype="str"),
        }
    )
    text = _arrow(df, fmt, monkeypatch)
    assert text == _pandas(df, fmt, monkeypatch)
    # The csv module's minimal quoting, spelled out: a quote is doubled inside quotes, plain text is bare.
    assert '"with ""quote"""' in text
    assert "\nplain" + ("," if fmt == "csv" else "\t") in text or ("," if fmt == "csv" else "\t") + "plain" in text
    assert '"plain"' not in text


def test_compare_of_many_rows(tmp_path, monkeypatch):
    """A compare over every region of a 25,000-observation package: Arrow and pandas write the same file."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("generate", Path(__file__).parents[1] / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    from gzkit import data

    # 40 indicators-years per region in the two years compared: 25,000 observations give 1,200 rows.
    # MIN_ROWS is lowered so that this small compare takes the Arrow path.
    monkeypatch.setattr(delimited_arrow, "MIN_ROWS", 100)
    ds = data.load(generate.generate(tmp_path / "pkg", 25_000), cache=False)
    df = core.compare(ds, 2015, 2019, region=None)
    assert len(df) > 100
    assert _arrow(df, "csv", monkeypatch) == _pandas(df, "csv", monkeypatch)
