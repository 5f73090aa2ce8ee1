"""Floats formatted a column at a time through Arrow: the same text as ``format(v, ".15g")``, cell for cell."""

from __future__ import annotations

import numpy as np
import pytest

from gzkit.delimited_floats import g15

pytest.importorskip("pyarrow")

EDGES = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    5720.0,
    19810.6,
    0.1,
    0.30000000000000004,  # float noise: %.15g gives 0.3
    1 / 3,
    2.2534,  # 65052 / 28868, as the report's 2019 urban/rural income ratio rounds
    65052 / 28868,
    1e-4,  # the smallest magnitude %g writes without an exponent
    -1e-4,
    9.999999999999999e-05,
    0.00010000000000000002,
    1e-05,
    1e-07,
    1e14,
    99999999999999.9,
    999999999999999.0,  # 15 digits below 1e15: positional
    999999999999999.9,  # rounds up to 1e+15 at 15 digits
    1e15,
    123456789012345.6,
    1234567890123456.0,
    1e16,
    1e21,
    1e100,
    -1e-300,
    5e-324,  # the smallest subnormal
    2.2250738585072014e-308,
    1.7976931348623157e308,
    float("inf"),
    float("-inf"),
]


def _python(values):
    return [format(v, ".15g") if v == v else "" for v in values]


def test_edge_cases_read_as_python_writes_them():
    values = np.array(EDGES + [float("nan")])
    got = g15(values).to_pylist()
    assert got == _python(values.tolist())
    assert got[:2] == ["0", "-0"]
    assert got[EDGES.index(0.30000000000000004)] == "0.3"
    assert got[EDGES.index(65052 / 28868)] == "2.25342940279895"
    assert got[EDGES.index(999999999999999.9)] == "1e+15"
    assert got[-1] == ""  # NaN is an empty field


@pytest.mark.parametrize("decimals", [0, 1, 2, 6, 10, 15, None])
def test_every_magnitude_and_precision(decimals):
    """Values as a package states them (rounded) and as computations leave them (full precision)."""
    rng = np.random.default_rng(20200801 + (decimals or 99))
    values = rng.normal(size=20_000) * 10.0 ** rng.integers(-9, 18, size=20_000)
    if decimals is not None:
        values = np.round(values, decimals)
    values[::97] = np.nan
    assert g15(values).to_pylist() == _python(values.tolist())


def test_whole_numbers_stored_as_floats():
    values = np.arange(-100_000, 100_000, 7, dtype="float64") * 1013.0
    got = g15(values).to_pylist()
    assert got == _python(values.tolist())
    assert "." not in "".join(got)
