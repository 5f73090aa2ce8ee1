"""gzkit export -o FILE.sqlite: the whole package with keys, indexes and the headline view."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from gzkit import core, derived, export_sqlite, exports


@pytest.fixture()
def database(invoke, tmp_path):
    target = tmp_path / "gz.sqlite"
    result = invoke("export", "-o", target, "--metadata")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    con = sqlite3.connect(target)
    yield con
    con.close()


def test_row_count_equals_the_export(database, ds):
    (count,) = database.execute("SELECT count(*) FROM observations").fetchone()
    assert count == len(exports.export(ds)) == len(ds.observations) > 200


def test_implied_values_within_a_filtered_export(ds):
    from gzkit.export_sqlite import implied_within

    every = derived.implied_values(ds)
    assert implied_within(ds, ds.observations).equals(every)  # the whole package: every implied value
    economy = exports.export(ds, domain="economy", start=2017, end=2018)
    within = implied_within(ds, economy)
    assert 0 < len(within) < len(every)
    assert set(within["indicator"]) <= set(economy["indicator"]) and within["year"].between(2017, 2018).all()
    gdp_2018 = within[(within["indicator"] == "gdp") & (within["year"] == 2018)]
    assert len(gdp_2018) == 1 and gdp_2018["qualifier"].tolist() == ["~"]


def test_2019_gdp_query_returns_23000(database):
    (value,) = database.execute(
        "SELECT value FROM headline_observations WHERE indicator = 'gdp' AND region = 'guangzhou' AND year = 2019"
    ).fetchone()
    assert value == 23000
    qualifier, decimals, source = database.execute(
        "SELECT qualifier, decimals, source FROM observations WHERE indicator = 'gdp' AND year = 2019 "
        "AND region = 'guangzhou' AND confidence = 'report'"
    ).fetchone()
    assert (qualifier, decimals, source) == ("=", -3, "report §一 ¶经济发展动能强劲")


def test_foreign_keys_hold_and_are_declared(database):
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    refs = {(r[2], r[3], r[4]) for r in database.execute("PRAGMA foreign_key_list(observations)")}
    assert refs == {("indicators", "indicator", "id"), ("regions", "region", "id")}
    refs = {(r[2], r[3]) for r in database.execute("PRAGMA foreign_key_list(indicators)")}
    assert refs == {("domains", "domain"), ("units", "unit")}
    pk = [r[1] for r in sorted(database.execute("PRAGMA table_info(observations)"), key=lambda r: r[5]) if r[5]]
    assert pk == ["indicator", "region", "period", "source"]


def test_every_table_the_view_and_the_indexes(database, ds):
    names = dict(database.execute("SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall())
    for table in ("domains", "regions", "units", "indicators", "observations", "targets", "implied"):
        assert names[table] == "table"
    assert names["headline_observations"] == "view"
    assert names["idx_observations_indicator"] == "index"
    for table, frame in (("domains", ds.domains), ("indicators", ds.indicators), ("targets", ds.targets)):
        assert database.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == len(frame)
    headline = int(ds.observations["headline"].sum())
    assert database.execute("SELECT count(*) FROM headline_observations").fetchone()[0] == headline
    # A bound stays a bound: high-tech enterprises passed 10,000 in 2018 (official, 'has exceeded 10,000').
    assert database.execute(
        "SELECT qualifier FROM headline_observations WHERE indicator = 'high_tech_enterprises' AND year = 2018"
    ).fetchone() == (">",)


def test_implied_values_keep_their_formula(database, ds):
    implied = derived.implied_values(ds)
    assert database.execute("SELECT count(*) FROM implied").fetchone()[0] == len(implied)
    value, qualifier, formula = database.execute(
        "SELECT value, qualifier, derivation FROM implied WHERE indicator = 'imports' AND year = 2018"
    ).fetchone()
    assert round(value, 1) == 4203.9  # 4737.8 / 1.127
    assert qualifier == "~"
    assert "4737.8 / 1.127" in formula


def test_datasette_metadata_beside_the_database(database, tmp_path):
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC-BY-4.0"
    tables = meta["databases"]["gz"]["tables"]
    assert set(tables) >= {"observations", "indicators", "implied", "headline_observations"}
    assert "幸福城市 美好生活" in tables["observations"]["source"]


def test_a_filtered_frame_gives_a_filtered_database(ds, tmp_path):
    rows = core.export(ds)
    rows = rows[rows["domain"] == "economy"]
    target = tmp_path / "economy.sqlite"
    export_sqlite.write(ds, target, observations=rows)
    con = sqlite3.connect(target)
    assert con.execute("SELECT count(*) FROM observations").fetchone()[0] == len(rows) == 57
    assert con.execute("SELECT DISTINCT domain FROM headline_observations").fetchall() == [("economy",)]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


def test_an_existing_file_is_kept_without_force(invoke, tmp_path):
    target = tmp_path / "gz.sqlite"
    target.write_text("keep me")
    result = invoke("export", "-o", target)
    assert result.exit_code == 1
    assert "Add --force" in result.stderr
    assert target.read_text() == "keep me"
    assert invoke("export", "-o", target, "--force").exit_code == 0
    assert sqlite3.connect(target).execute("SELECT count(*) FROM regions").fetchone() == (3,)
    assert [p.name for p in tmp_path.iterdir()] == ["gz.sqlite"]  # no temporary file left behind


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "-f", "sqlite"], "Add -o FILE.sqlite."),
        (["compare", "2015", "2019", "-o", "cmp.sqlite"], "Run: gzkit export -o FILE.sqlite"),
        (["export", "-o", "gz.csv", "--metadata"], "Use it with -o FILE.sqlite."),
    ],
)
def test_sqlite_misuse_is_one_usage_line(invoke, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and message in errors[0]
    assert list(tmp_path.iterdir()) == []


def test_export_filters_apply_to_the_database(invoke, tmp_path):
    target = tmp_path / "economy.sqlite"
    assert invoke("export", "--domain", "economy", "--from", "2019", "-o", target).exit_code == 0
    rows = list(
        csv.DictReader(io.StringIO(invoke("export", "--domain", "economy", "--from", "2019", "-f", "csv").stdout))
    )
    con = sqlite3.connect(target)
    assert con.execute("SELECT count(*) FROM observations").fetchone()[0] == len(rows) > 0
    assert con.execute("SELECT min(year), count(DISTINCT domain) FROM headline_observations").fetchone() == (2019, 1)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


def test_wide_does_not_shape_a_database(invoke, tmp_path):
    result = invoke("export", "--wide", "-o", tmp_path / "w.sqlite")
    assert result.exit_code == 2
    assert "Use them with -f csv, json or -o FILE.parquet." in result.stderr
    assert list(tmp_path.iterdir()) == []
