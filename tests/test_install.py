"""The wheel carries the data, and an installed gzkit finds it through importlib.resources."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--quiet", "-w", str(out)],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        pytest.skip(f"could not build a wheel here: {build.stderr.strip().splitlines()[-1:]}")
    (whl,) = out.glob("gzkit-*.whl")
    return whl


def test_wheel_ships_the_data_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for resource in (
        "datapackage.json",
        "domains.csv",
        "regions.csv",
        "units.csv",
        "indicators.csv",
        "observations.csv",
        "targets.csv",
    ):
        assert f"gzkit/datapackage/{resource}" in names
    assert not any("staging" in n for n in names)
    # The HTML report's stylesheet and script, read with importlib.resources.
    assert {"gzkit/assets/report.css", "gzkit/assets/report.js"} <= names


def test_installed_package_loads_its_own_data(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)], check=True
    )
    probe = (
        "import gzkit, gzkit.data as d; ds = gzkit.load(); "
        "print(gzkit.__file__); print(ds.path); print(len(ds.observations))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("GZKIT_DATA", None)
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path, check=True
    ).stdout.splitlines()
    assert out[0].startswith(str(site))
    assert Path(out[1]) == site / "gzkit" / "datapackage"
    assert int(out[2]) > 200
