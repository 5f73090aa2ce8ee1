"""Where a record of a CSV file starts, for error messages that name a line.

Records are counted as pandas and pyarrow read them: quoted fields may span lines
and blank lines are skipped, so a line number is worked out by re-reading the
file with the csv module, and only when an error is reported.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike


def first_row(mask: ArrayLike) -> int:
    """The 0-based record index of the first True."""
    import numpy as np

    return int(np.asarray(mask).argmax())


def rows_with(codes: ArrayLike, bad_uniques: ArrayLike) -> np.ndarray:
    """Which rows' codes point at a flagged distinct value."""
    import numpy as np

    return np.isin(codes, np.flatnonzero(bad_uniques))


def record_line(file: Path, mask: ArrayLike) -> int:
    """The CSV line (header = line 1) where the first flagged record starts.

    Records are counted as pandas reads them: quoted fields may span lines and
    blank lines are skipped, so the line is found by re-reading the file. This
    runs only when reporting an error.
    """
    index = first_row(mask)
    try:
        with open(file, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            record = 0
            start = reader.line_num + 1
            for row in reader:
                if row:
                    if record == index:
                        return start
                    record += 1
                start = reader.line_num + 1
    except (OSError, UnicodeDecodeError, csv.Error):
        pass
    return index + 2


def long_row(file: Path, width: int) -> int | None:
    try:
        with open(file, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            start = reader.line_num + 1
            for row in reader:
                if len(row) > width:
                    return start
                start = reader.line_num + 1
    except (OSError, UnicodeDecodeError, csv.Error):
        pass
    return None


def undecodable_line(file: Path) -> int | None:
    try:
        data = file.read_bytes()
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data[: exc.start].count(b"\n") + 1
    except OSError:
        pass
    return None


# --------------------------------------------------------------------------- relations
