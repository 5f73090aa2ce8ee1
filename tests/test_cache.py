"""The on-disk cache of parsed packages: used only on a key match, invalidated by any change."""

from __future__ import annotations

import importlib
import shutil
import sys

import pandas as pd
import pytest

from gzkit import cache, data


@pytest.fixture()
def package(tmp_path, monkeypatch):
    """A copy of the bundled package, cached whatever its size, with the cache in a fresh folder."""
    pkg = tmp_path / "pkg"
    shutil.copytree(data.bundled_path(), pkg)
    monkeypatch.setenv("GZKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    data._load.cache_clear()
    yield pkg
    data._load.cache_clear()


def _entries(tmp_path):
    cache.finish()  # entries are written in the background after a parse
    return sorted((tmp_path / "cache").glob("*.pickle"))


def _no_parse(monkeypatch):
    def fail(root):
        raise AssertionError("parsed although a valid cache entry exists")

    monkeypatch.setattr(data, "_parse", fail)


def test_miss_then_hit(package, tmp_path, monkeypatch):
    first = data.load(package)
    assert len(_entries(tmp_path)) == 1
    data._load.cache_clear()
    _no_parse(monkeypatch)
    second = data.load(package)
    assert second.path == package.resolve()
    gdp = second.observations.query("indicator == 'gdp' and region == 'guangzhou' and year == 2019 and headline")
    assert gdp["value"].tolist() == [23000.0]
    for name in ("observations", "indicators", "targets"):
        assert getattr(second, name).equals(getattr(first, name))
        assert (getattr(second, name).dtypes == getattr(first, name).dtypes).all()


def test_a_changed_file_is_read_again(package, tmp_path):
    data.load(package)
    obs = package / "observations.csv"
    text = obs.read_text(encoding="utf-8")
    assert "gdp,guangzhou,2019,2019,23000," in text
    obs.write_text(text.replace("gdp,guangzhou,2019,2019,23000,", "gdp,guangzhou,2019,2019,23001,"), encoding="utf-8")
    data._load.cache_clear()
    changed = data.load(package)
    gdp = changed.observations.query("indicator == 'gdp' and region == 'guangzhou' and year == 2019 and headline")
    assert gdp["value"].tolist() == [23001.0]
    assert len(_entries(tmp_path)) == 2


def test_a_damaged_entry_is_never_trusted(package, tmp_path, monkeypatch, ds):
    data.load(package)
    (entry,) = _entries(tmp_path)
    blob = bytearray(entry.read_bytes())
    blob[-10] ^= 0xFF  # one flipped byte in the payload
    entry.write_bytes(bytes(blob))
    data._load.cache_clear()
    parsed = []
    real = data._parse
    monkeypatch.setattr(data, "_parse", lambda root: parsed.append(root) or real(root))
    assert len(data.load(package).observations) == len(ds.observations)
    assert parsed == [package.resolve()]


def test_an_entry_under_another_key_is_a_miss(package, tmp_path):
    data.load(package)
    (entry,) = _entries(tmp_path)
    assert cache.read("0" * 64) is None
    shutil.copy(entry, entry.with_name("0" * 64 + ".pickle"))
    assert cache.read("0" * 64) is None  # the recorded key must match the name asked for


def test_no_cache_option_bypasses_it(package, tmp_path, invoke):
    result = invoke("--data", package, "--no-cache", "show", "gdp", "-f", "csv")
    assert result.exit_code == 0
    assert _entries(tmp_path) == []
    result = invoke("--data", package, "show", "gdp", "-f", "csv")
    assert result.exit_code == 0
    assert len(_entries(tmp_path)) == 1


def test_small_packages_and_the_bundled_one_are_never_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("GZKIT_CACHE_DIR", str(tmp_path / "cache"))
    data._load.cache_clear()
    data.load()
    pkg = tmp_path / "pkg"
    shutil.copytree(data.bundled_path(), pkg)
    data.load(pkg)  # about 130 kB, below MIN_BYTES
    assert not (tmp_path / "cache").exists()
    data._load.cache_clear()


def test_an_unwritable_cache_folder_is_skipped(package, tmp_path, monkeypatch, ds):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GZKIT_CACHE_DIR", str(blocker / "cache"))
    assert len(data.load(package).observations) == len(ds.observations)


def test_every_table_comes_back_equal(package, tmp_path, monkeypatch):
    first = data.load(package)
    data._load.cache_clear()
    _no_parse(monkeypatch)
    second = data.load(package)
    for name in ("domains", "regions", "units", "indicators", "observations", "targets"):
        pd.testing.assert_frame_equal(getattr(second, name), getattr(first, name))
    assert second.meta == first.meta


def test_text_columns_are_stored_once_per_distinct_value():
    """An entry keeps each distinct text once; missing values and attrs survive the round trip."""
    pa = pytest.importorskip("pyarrow")
    df = pd.DataFrame(
        {
            "region": pd.Series(["guangzhou", None, "china", "guangzhou"], dtype="str"),
            "year": [2018, 2019, 2019, 2020],
            "value": [1.5, float("nan"), 2.0, 3.0],
            "headline": [True, False, True, True],
        }
    )
    df.attrs["source"] = "test"
    if df["region"].dtype.storage != "pyarrow":
        pytest.skip("pandas keeps these strings in Python objects")
    stored = cache._Frame(df)
    name, _, codes, distinct = stored.columns[0]
    assert name == "region" and len(distinct) == 3 and isinstance(distinct, pa.Array)
    assert codes.tolist() == [0, 1, 2, 0]
    back = cache._unpack(cache._pack(data.Dataset(*([df] * 6), path=data.bundled_path()))).observations
    pd.testing.assert_frame_equal(back, df)
    assert back.attrs == {"source": "test"}


def test_the_key_reads_every_piece_of_every_file(package, monkeypatch):
    """Pieces are hashed apart: a change in any piece, or the same bytes in another order, is another key."""
    monkeypatch.setattr(cache, "PIECE_BYTES", 4096)
    contract = data.bundled_path() / "datapackage.json"
    files = sorted(package.glob("*.csv"))
    obs = package / "observations.csv"
    assert obs.stat().st_size > 3 * 4096
    before = cache.key(files, contract)
    assert cache.key(files, contract) == before
    blob = bytearray(obs.read_bytes())
    blob[2 * 4096 + 10] ^= 0x01  # one bit in the third piece
    obs.write_bytes(bytes(blob))
    changed = cache.key(files, contract)
    assert changed != before
    blob[2 * 4096 + 10] ^= 0x01
    obs.write_bytes(bytes(blob[4096:8192] + blob[:4096] + blob[8192:]))  # two pieces swapped
    assert cache.key(files, contract) not in (before, changed)
    obs.write_bytes(bytes(blob))
    assert cache.key(files, contract) == before
    empty = package / "empty.csv"
    empty.write_bytes(b"")
    missing = package / "missing.csv"
    assert cache.key([*files, empty], contract) != cache.key([*files, missing], contract)


def test_an_entry_written_in_the_background_is_the_value_as_handed_over(package, tmp_path, monkeypatch):
    parsed = data._parse(package.resolve())
    cache.write("1" * 64, parsed, wait=False)
    # Changed at once, while the entry may still be being written: the entry keeps what was handed over.
    parsed.indicators.loc[0, "name_en"] = "changed"
    cache.finish()
    assert len(_entries(tmp_path)) == 1
    back = cache.read("1" * 64)
    assert back.indicators.loc[0, "name_en"] == data._parse(package.resolve()).indicators.loc[0, "name_en"]
    assert back.indicators.loc[0, "name_en"] != "changed"
    pd.testing.assert_frame_equal(back.observations, data._parse(package.resolve()).observations)


def test_a_temporary_entry_left_by_an_interrupted_run_is_removed_once_stale(package, tmp_path):
    import os
    import time

    folder = tmp_path / "cache"
    folder.mkdir()
    stale, fresh = folder / ".abandoned.tmp", folder / ".being-written.tmp"
    for left in (stale, fresh):
        left.write_bytes(b"GZKIT-PACKAGE-CACHE 3\n")
    hour_and_a_minute_ago = time.time() - cache.STALE_SECONDS - 60
    os.utime(stale, (hour_and_a_minute_ago, hour_and_a_minute_ago))
    data.load(package)
    assert len(_entries(tmp_path)) == 1
    assert not stale.exists()
    assert fresh.exists()  # another process may still be writing it


def test_the_console_entry_waits_for_an_entry_being_written(monkeypatch, capsys):
    cli_app = importlib.import_module("gzkit.cli.app")  # gzkit.cli.app the attribute is the Typer app

    waited = []
    monkeypatch.setattr("sys.stdout", sys.stdout)  # main() wraps standard output; put it back afterwards
    monkeypatch.setattr(cache, "finish", lambda: waited.append(True))
    monkeypatch.setattr("sys.argv", ["gzkit", "domains", "-f", "csv"])
    with pytest.raises(SystemExit) as ended:
        cli_app.main()
    assert ended.value.code == 0
    assert capsys.readouterr().out.startswith("domain,name_en,name_zh,indicators,observations")
    assert waited == [True]  # in gzkit's own code, not in the interpreter's shutdown


def test_a_second_ctrl_c_while_an_entry_is_written_ends_quietly_with_130(monkeypatch):
    cli_app = importlib.import_module("gzkit.cli.app")

    def interrupted() -> None:
        raise KeyboardInterrupt

    exits: list[int] = []
    monkeypatch.setattr(cache, "finish", interrupted)
    monkeypatch.setattr(cli_app.os, "_exit", exits.append)
    cli_app._wait_for_background_writes()
    assert exits == [130]
