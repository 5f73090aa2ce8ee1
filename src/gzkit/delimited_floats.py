"""Floats as the text CSV and TSV carry (``%.15g``), a whole column at a time.

``format(v, ".15g")`` per cell is the slowest part of writing a large ``compare``
(480,000 rows × 6 float columns at 10^7 observations). pyarrow's cast to text
writes the shortest digits that read back as the same float; where those are at
most 15 significant digits in positional notation and the number is in the range
where ``%.15g`` is positional too (10^-4 ≤ |v| < 10^15, or zero), both texts are the
same: a float within half a unit in the last place of a decimal of at most 15 digits
rounds back to that decimal at 15 digits (the guarantee behind C's ``DBL_DIG``),
and ``%g`` drops the trailing zeros. Every other cell (more digits, an exponent, NaN,
infinity) is formatted by Python as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

#: Significant digits of ``%.15g``.
DIGITS = 15


def g15(values: np.ndarray) -> Any:
    """A pyarrow string array: ``format(v, ".15g")`` of each float64 in ``values``, ``""`` for NaN."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    values = np.asarray(values, dtype="float64")
    text = pc.cast(pa.array(values), pa.string())
    magnitude = np.abs(values)
    with np.errstate(invalid="ignore"):
        positional = ((magnitude >= 1e-4) & (magnitude < 1e15)) | (values == 0)
    # Significant digits: without sign, leading zeros and the decimal point (trailing integer zeros count).
    digits = pc.utf8_length(pc.replace_substring(pc.utf8_ltrim(text, characters="-0."), ".", "")).to_numpy()
    exponent = pc.match_substring(text, "e").to_numpy(zero_copy_only=False)
    missing = np.isnan(values)
    if missing.any():
        text = pc.if_else(pa.array(missing), "", text)
    python = ~(positional & (digits <= DIGITS) & ~exponent) & ~missing
    if not python.any():
        return text
    formatted = pa.array([format(v, ".15g") for v in values[python].tolist()], type=pa.string())
    return pc.replace_with_mask(text, pa.array(python), formatted)
