"""gzkit export -o FILE.parquet: typed columns and the package metadata in the file."""

from __future__ import annotations

import io
import json

import pytest

pq = pytest.importorskip("pyarrow.parquet")
pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")


@pytest.fixture()
def parquet_file(invoke, tmp_path):
    target = tmp_path / "gz.parquet"
    result = invoke("export", "-o", target)
    assert result.exit_code == 0, result.stderr
    return target


def _csv(invoke, *args) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(invoke(*args, "-f", "csv").stdout), keep_default_na=False)


def test_round_trip_to_the_csv_values_and_qualifiers(parquet_file, invoke):
    expected = _csv(invoke, "export")
    got = pd.read_parquet(parquet_file)
    assert list(got.columns) == list(expected.columns)
    assert got["value"].tolist() == expected["value"].tolist()
    assert got["qualifier"].astype(str).tolist() == expected["qualifier"].tolist()
    assert got["year"].tolist() == expected["year"].tolist()
    gdp = got[(got["indicator"] == "gdp") & (got["year"] == 2019) & (got["region"] == "guangzhou")]
    # The report's 2.3万亿 is the headline; the official first release 23628.6 stands beside it.
    assert sorted(zip(gdp["value"], gdp["headline"], gdp["confidence"].astype(str))) == [
        (23000.0, True, "report"),
        (23628.6, False, "low"),
    ]
    # 突破1.2万家 is a lower bound and stays one; the dated 2019年的1.2万家 is the headline.
    stated = got[(got["indicator"] == "high_tech_enterprises") & (got["year"] == 2019)]
    assert sorted(zip(stated["value"], stated["qualifier"].astype(str), stated["headline"])) == [
        (10000.0, ">", False),
        (12000.0, "=", True),
        (12000.0, ">", False),
    ]


def test_typed_columns(parquet_file):
    schema = pq.read_schema(parquet_file)
    assert schema.field("value").type == pa.float64()
    assert schema.field("year").type == pa.int32()
    assert schema.field("decimals").type == pa.int32()
    assert schema.field("headline").type == pa.bool_()
    assert pa.types.is_dictionary(schema.field("qualifier").type)
    assert pa.types.is_dictionary(schema.field("indicator").type)
    assert not pa.types.is_dictionary(schema.field("evidence").type)


def test_package_metadata_in_the_file(parquet_file):
    meta = {k.decode(): v.decode("utf-8") for k, v in pq.read_schema(parquet_file).metadata.items()}
    assert meta["gzkit.license"] == "CC-BY-4.0"
    assert "广东省社会科学院调研组" in meta["gzkit.source"]
    assert meta["gzkit.package_version"] == "1.0.0"
    assert "revision, not growth" in meta["gzkit.vintage_rules"]
    package = json.loads(meta["gzkit.datapackage"])
    assert package["name"] == "gzkit-guangzhou-xiaokang"


def test_derived_rows_follow_the_csv(invoke, tmp_path):
    target = tmp_path / "derived.parquet"
    assert invoke("export", "--derived", "-o", target).exit_code == 0
    got = pd.read_parquet(target)
    expected = _csv(invoke, "export", "--derived")
    assert len(got) == len(expected)
    assert got["derivation"].tolist() == expected["derivation"].tolist()


def test_without_the_extra_one_line_names_it(invoke, tmp_path, monkeypatch):
    from gzkit import export_files

    real = export_files.importlib.import_module

    def missing(name, *args):
        if name == "pyarrow":
            raise ImportError("No module named 'pyarrow'")
        return real(name, *args)

    monkeypatch.setattr(export_files.importlib, "import_module", missing)
    target = tmp_path / "gz.parquet"
    result = invoke("compare", "2015", "2019", "-o", target)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [
        "Error: writing this format needs pyarrow, which is not installed. Run: pip install 'gzkit[parquet]'"
    ]
    assert not target.exists()
