"""What the loader says about a broken package, in English and in Chinese."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from gzkit import data
from gzkit.errors import DataError


@pytest.fixture()
def copied(tmp_path):
    root = tmp_path / "pkg"
    shutil.copytree(data.bundled_path(), root)
    data._load.cache_clear()
    yield root
    data._load.cache_clear()


def _error(root) -> DataError:
    with pytest.raises(DataError) as caught:
        data.load(root, cache=False)
    return caught.value


def test_a_bad_number(copied):
    obs = pd.read_csv(copied / "observations.csv", dtype=str, keep_default_na=False)
    obs.loc[4, "value"] = "12.5.1"
    obs.to_csv(copied / "observations.csv", index=False, lineterminator="\n")
    err = _error(copied)
    file = str(copied / "observations.csv")
    assert err.row == 6 and err.column == "value"
    assert err.render("en") == f"{file}, row 6, column 'value': '12.5.1' is not a number"
    assert err.render("zh") == f"{file}, 第 6 行, “value”列: “12.5.1”不是数字"


def test_a_value_out_of_range_names_the_bound(copied):
    obs = pd.read_csv(copied / "observations.csv", dtype=str, keep_default_na=False)
    obs.loc[0, ["period", "year"]] = ["1900", "1900"]
    obs.to_csv(copied / "observations.csv", index=False, lineterminator="\n")
    err = _error(copied)
    assert err.render("en").endswith("column 'year': 1900 is out of range (minimum 1949)")
    assert err.render("zh").endswith("“year”列: 1900 超出范围（最小值 1949）")


def test_a_missing_file(copied):
    (copied / "regions.csv").unlink()
    err = _error(copied)
    file = str(copied / "regions.csv")
    assert err.render("en") == f"{file}: the 'regions' resource is missing"
    assert err.render("zh") == f"{file}: 缺少“regions”资源"


def test_a_descriptor_field_of_the_wrong_type(copied):
    meta = json.loads((copied / "datapackage.json").read_text(encoding="utf-8"))
    meta["licenses"] = "MIT"
    (copied / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    err = _error(copied)
    file = str(copied / "datapackage.json")
    assert err.render("en") == f"{file}: field 'licenses': must be a list of objects, not text"
    assert err.render("zh") == f"{file}: 字段“licenses”：必须是对象列表，而不是文本"


def test_a_package_file_that_is_a_folder(copied):
    (copied / "units.csv").unlink()
    (copied / "units.csv").mkdir()
    err = _error(copied)
    assert err.render("en").endswith("units.csv: is a folder, not a file")
    assert err.render("zh").endswith("units.csv: 是文件夹，不是文件")


def test_the_command_line_says_it_in_chinese(copied, invoke):
    (copied / "regions.csv").unlink()
    result = invoke("--lang", "zh", "--data", copied, "--no-cache", "regions")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "缺少“regions”资源" in lines[0]
    english = invoke("--lang", "en", "--data", copied, "--no-cache", "regions")
    assert english.exit_code == 1
    assert f"{copied / 'regions.csv'}: the 'regions' resource is missing" in english.stderr
