"""The pyarrow reader of large files: the same tables as pandas' reader, kept compact until read."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gzkit import arrow_read, core, data
from gzkit.columnar import Columns
from gzkit.errors import DataError

pytest.importorskip("pyarrow")

TABLES = ("domains", "regions", "units", "indicators", "observations", "targets")


def _generate():
    spec = importlib.util.spec_from_file_location("generate", Path(__file__).parents[1] / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def every_file_through_arrow(monkeypatch):
    """Every file of every package goes through pyarrow, whatever its size."""
    monkeypatch.setattr(arrow_read, "MIN_BYTES", 0)
    data._load.cache_clear()
    yield
    data._load.cache_clear()


def _by_pandas(root: Path) -> data.Dataset:
    return data._parse(root, fast=False)


def _assert_same_tables(fast: data.Dataset, slow: data.Dataset) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(fast, name), getattr(slow, name), check_exact=True, obj=name)


def test_bundled_package_reads_the_same_through_both_readers(tmp_path, every_file_through_arrow):
    root = tmp_path / "pkg"
    shutil.copytree(data.bundled_path(), root)
    fast = data._parse(root)
    assert isinstance(fast.stored("observations"), Columns)
    _assert_same_tables(fast, _by_pandas(root))
    # A figure read off the report: 2019 urban disposable income, 65,052 yuan.
    obs = fast.observations
    urban = obs[
        (obs["indicator"] == "disposable_income_urban")
        & (obs["region"] == "guangzhou")
        & (obs["period"] == "2019")
        & obs["headline"]
    ]
    assert urban["value"].tolist() == [65052.0]


def test_awkward_text_reads_the_same_through_both_readers(tmp_path, every_file_through_arrow):
    root = tmp_path / "pkg"
    shutil.copytree(data.bundled_path(), root)
    obs = pd.read_csv(root / "observations.csv", dtype=str, keep_default_na=False)
    # Codes with spaces to strip, notes with a comma, a quote and a line break, other boolean spellings.
    obs.loc[0, "indicator"] = "  " + obs.loc[0, "indicator"] + " "
    obs.loc[1, "note"] = 'a note, with "quotes"\nand a second line'
    obs.loc[2, "year_inferred"] = "FALSE"
    obs.to_csv(root / "observations.csv", index=False, lineterminator="\n")
    fast, slow = data._parse(root), _by_pandas(root)
    _assert_same_tables(fast, slow)
    assert fast.observations.loc[1, "note"] == 'a note, with "quotes"\nand a second line'
    assert fast.observations.loc[0, "indicator"] == slow.observations.loc[0, "indicator"].strip()


def test_a_generated_panel_reads_the_same_through_both_readers(tmp_path):
    root = tmp_path / "panel"
    _generate().generate(root, 40_000)
    assert (root / "observations.csv").stat().st_size >= arrow_read.MIN_BYTES
    fast = data._parse(root)
    assert isinstance(fast.stored("observations"), Columns)
    _assert_same_tables(fast, _by_pandas(root))


@pytest.mark.parametrize(
    ("column", "row", "bad", "message"),
    [
        ("value", 3, "12.5.1", "is not a number"),
        ("value", 3, "inf", "is not a finite number"),
        ("year", 4, "twenty", "is not an integer"),
        ("qualifier", 5, "about", "is not one of"),
        ("region", 6, "atlantis", "is not an id in regions.csv"),
        ("headline", 7, "maybe", "is not true or false"),
    ],
)
def test_a_bad_value_is_reported_as_pandas_reports_it(tmp_path, every_file_through_arrow, column, row, bad, message):
    root = tmp_path / "pkg"
    shutil.copytree(data.bundled_path(), root)
    obs = pd.read_csv(root / "observations.csv", dtype=str, keep_default_na=False)
    obs.loc[row, column] = bad
    obs.to_csv(root / "observations.csv", index=False, lineterminator="\n")
    with pytest.raises(DataError) as fast:
        data._parse(root)
    with pytest.raises(DataError) as slow:
        _by_pandas(root)
    assert message in str(fast.value)
    assert str(fast.value) == str(slow.value)
    assert fast.value.row == row + 2  # header = line 1


def test_a_duplicate_key_is_reported_as_pandas_reports_it(tmp_path, every_file_through_arrow):
    root = tmp_path / "pkg"
    shutil.copytree(data.bundled_path(), root)
    obs = pd.read_csv(root / "observations.csv", dtype=str, keep_default_na=False)
    obs = pd.concat([obs, obs.iloc[[10]]], ignore_index=True)
    obs.to_csv(root / "observations.csv", index=False, lineterminator="\n")
    with pytest.raises(DataError, match="duplicate primary key") as fast:
        data._parse(root)
    with pytest.raises(DataError) as slow:
        _by_pandas(root)
    assert str(fast.value) == str(slow.value)
    assert fast.value.row == len(obs) + 1


def test_load_hands_out_frames_the_caller_may_change(tmp_path, every_file_through_arrow):
    root = tmp_path / "pkg"
    shutil.copytree(data.bundled_path(), root)
    first = data.load(root)
    assert isinstance(first.stored("observations"), Columns)
    value = first.observations.loc[0, "value"]
    first.observations.loc[0, "value"] = -1.0
    first.observations.loc[0, "indicator"] = "changed"
    again = data.load(root)
    assert again.observations.loc[0, "value"] == value
    assert again.observations.loc[0, "indicator"] != "changed"
    # The codes themselves cannot be changed in place.
    codes = data.load(root).stored("observations").columns["indicator"].codes
    with pytest.raises(ValueError, match="read-only"):
        codes[0] = 0


def test_narrowed_keeps_only_the_years_asked_for(tmp_path, every_file_through_arrow):
    root = tmp_path / "pkg"
    shutil.copytree(data.bundled_path(), root)
    ds = data.load(root)
    narrow = ds.narrowed([2015, 2019])
    assert isinstance(narrow.stored("observations"), Columns)
    assert isinstance(ds.stored("observations"), Columns)  # nothing built yet
    assert ds.year_range() == (1978, 2020)  # the bundled package: from 1978 (reform and opening) to 2020
    full = ds.observations
    expected = full[full["year"].isin([2015, 2019])].reset_index(drop=True)
    pd.testing.assert_frame_equal(narrow.observations, expected)
    # Narrowing a package already built gives the same rows.
    pd.testing.assert_frame_equal(ds.narrowed([2015, 2019]).observations, expected)
    assert ds.year_range() == (int(full["year"].min()), int(full["year"].max()))


def test_compare_reads_the_same_from_compact_observations(tmp_path, every_file_through_arrow):
    root = tmp_path / "pkg"
    shutil.copytree(data.bundled_path(), root)
    compact = core.compare(data.load(root), 2015, 2019)
    plain = core.compare(data.load(), 2015, 2019)
    pd.testing.assert_frame_equal(compact, plain)
    assert compact.attrs["warnings"] == plain.attrs["warnings"]
    # 2019 urban over rural income, as the report gives them: 65052 / 28868.
    row = compact.set_index("indicator").loc["disposable_income_urban"]
    assert row["value_b"] == 65052.0


def test_codes_take_the_smallest_unsigned_type(tmp_path, every_file_through_arrow):
    root = tmp_path / "pkg"
    shutil.copytree(data.bundled_path(), root)
    obs = data.load(root).stored("observations")
    assert obs.columns["qualifier"].codes.dtype == np.uint8
    assert obs.columns["year"].dtype == np.int64


def test_the_cache_keeps_the_observations_compact(tmp_path, every_file_through_arrow, monkeypatch):
    from gzkit import cache

    monkeypatch.setenv("GZKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    root = tmp_path / "pkg"
    shutil.copytree(data.bundled_path(), root)
    parsed = data.load(root)
    cache.finish()
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    data._load.cache_clear()

    def no_parse(root, fast=True):
        raise AssertionError("parsed although a valid cache entry exists")

    monkeypatch.setattr(data, "_parse", no_parse)
    cached = data.load(root)
    assert isinstance(cached.stored("observations"), Columns)
    assert cached.path == root.resolve()
    _assert_same_tables(cached, parsed)


@pytest.fixture()
def in_pieces(monkeypatch, every_file_through_arrow):
    """Every file parsed by three readers at once, each from a line feed no quote precedes."""
    monkeypatch.setattr(arrow_read, "SPLIT_BYTES", 0)
    monkeypatch.setattr(arrow_read, "PIECES", 3)


def test_pieces_start_at_a_record_before_any_quote(tmp_path):
    file = tmp_path / "t.csv"
    rows = [f"id_{i},{i}.5" for i in range(1000)]
    rows[600] = 'id_600,"a quoted\nline break"'
    text = "id,value\n" + "\n".join(rows) + "\n"
    file.write_text(text, encoding="utf-8")
    pieces = arrow_read.split_points(file, 3, least=0)
    quote = text.index('"')
    assert len(pieces) == 3
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (_, stop), (start, _) in zip(pieces, pieces[1:]):
        assert stop == start
        assert text[start - 1] == "\n" and start < quote
    # The second cut wanted two thirds of the file, after the quote: it moved back before it.
    assert pieces[1][1] < quote < 2 * len(text) // 3
    assert arrow_read.split_points(file, 3) == [(0, len(text))]  # small: one piece
    file.write_text('"id",value\n' + "\n".join(rows) + "\n", encoding="utf-8")
    assert arrow_read.split_points(file, 3, least=0) == [(0, file.stat().st_size)]


def test_a_panel_read_in_pieces_is_the_panel(tmp_path, in_pieces):
    root = tmp_path / "panel"
    _generate().generate(root, 40_000)
    assert len(arrow_read.split_points(root / "observations.csv", arrow_read.PIECES)) == 3
    fast = data._parse(root)
    assert isinstance(fast.stored("observations"), Columns)
    _assert_same_tables(fast, _by_pandas(root))


def _bundled_with(tmp_path: Path, column: str, from_end: int, text: str) -> tuple[Path, int]:
    """A copy of the bundled package with ``text`` in ``column`` of the observation ``from_end`` rows before the end."""
    root = tmp_path / "pkg"
    shutil.copytree(data.bundled_path(), root)
    obs = pd.read_csv(root / "observations.csv", dtype=str, keep_default_na=False)
    row = len(obs) - from_end
    obs.loc[row, column] = text
    obs.to_csv(root / "observations.csv", index=False, lineterminator="\n")
    return root, row


def test_awkward_text_late_in_a_file_read_in_pieces(tmp_path, in_pieces):
    root, last = _bundled_with(tmp_path, "note", 3, 'a note, with "quotes"\nand a second line')
    # The package's own quoted evidence comes first: the cuts move back before it, two pieces remain.
    assert len(arrow_read.split_points(root / "observations.csv", 3)) >= 2
    fast = data._parse(root)
    _assert_same_tables(fast, _by_pandas(root))
    assert fast.observations.loc[last, "note"] == 'a note, with "quotes"\nand a second line'


def test_a_bad_value_in_the_last_piece_is_reported_as_pandas_reports_it(tmp_path, in_pieces):
    root, row = _bundled_with(tmp_path, "value", 2, "12.5.1")
    with pytest.raises(DataError, match="is not a number") as fast:
        data._parse(root)
    with pytest.raises(DataError) as slow:
        _by_pandas(root)
    assert str(fast.value) == str(slow.value)
    assert fast.value.row == row + 2
