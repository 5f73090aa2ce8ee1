"""gzkit export -o FILE.parquet: typed columns and the package metadata in the file."""

from __future__ import annotations

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
