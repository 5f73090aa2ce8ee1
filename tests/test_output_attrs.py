"""Machine formats are written from the cells alone: the result's attrs stay with the caller, untouched."""

from __future__ import annotations

import io
import json

import pytest

from gzkit import core, output


def test_without_attrs_keeps_every_cell_and_drops_only_the_attrs(ds):
    df = core.compare(ds, 2015, 2019)
    assert len(df.attrs["warnings"]) == 5
    plain = output.without_attrs(df)
    assert plain.attrs == {}
    assert plain.equals(df)
    assert list(plain.dtypes) == list(df.dtypes)
    assert len(df.attrs["warnings"]) == 5  # the caller's frame still carries them


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl"])
def test_emit_writes_the_same_text_and_leaves_the_warnings(ds, fmt, capsys):
    df = core.compare(ds, 2015, 2019)
    warnings = list(df.attrs["warnings"])
    output.emit(df, output.Sink(fmt=fmt))
    written = capsys.readouterr().out
    assert written == output.render(df, fmt)
    assert df.attrs["warnings"] == warnings
    if fmt == "csv":
        row = next(line for line in written.splitlines() if line.startswith("income_ratio_urban_rural,"))
        # 2019 implied by the report's incomes: 65052 / 28868 = 2.2534; 2015 from the official series.
        assert ",2015,2.42,=,2,2019,2.253429,=,4," in row
    if fmt == "json":
        assert {r["indicator"] for r in json.loads(written)} >= {"gdp", "income_ratio_urban_rural"}


def test_the_command_still_warns_on_stderr(invoke, ds):
    result = invoke("compare", "2015", "2019", "-f", "csv")
    assert result.exit_code == 0
    expected = core.compare(ds, 2015, 2019)
    buf = io.StringIO()
    output._write_delimited(expected, buf, "csv")
    assert result.stdout == buf.getvalue()
    assert result.stderr.count("Warning: ") == len(expected.attrs["warnings"]) == 5
    assert "gdp guangzhou" in result.stderr
