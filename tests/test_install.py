"""The artefacts a package index would accept: a wheel and an sdist that install and find their data."""

from __future__ import annotations

import email
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = (
    "datapackage.json",
    "domains.csv",
    "regions.csv",
    "units.csv",
    "indicators.csv",
    "observations.csv",
    "targets.csv",
)


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """``python -m build``: the sdist, and the wheel built from that sdist (as a package index would)."""
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], capture_output=True, text=True
    )
    if built.returncode != 0:
        if "No module named build" in built.stderr:
            pytest.skip("the build package is not installed (pip install '.[test]')")
        pytest.fail(f"python -m build failed: {built.stderr.strip()[-2000:]}")
    return out


@pytest.fixture(scope="module")
def wheel(dist) -> Path:
    (whl,) = dist.glob("gzkit-*.whl")
    return whl


@pytest.fixture(scope="module")
def sdist(dist) -> Path:
    (tgz,) = dist.glob("gzkit-*.tar.gz")
    return tgz


def test_wheel_ships_the_data_package_and_both_licences(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for resource in RESOURCES:
        assert f"gzkit/datapackage/{resource}" in names
    assert not any("staging" in n for n in names)
    assert {"gzkit-0.1.0.dist-info/licenses/LICENSE", "gzkit-0.1.0.dist-info/licenses/LICENSE-DATA"} <= names
    # The HTML report's template, stylesheet and script, read with importlib.resources.
    assert {"gzkit/assets/page.html", "gzkit/assets/report.css", "gzkit/assets/report.js"} <= names
    # The Chinese catalog, compiled: nothing is compiled at run time.
    assert {"gzkit/locale/zh/LC_MESSAGES/gzkit.mo", "gzkit/locale/zh/LC_MESSAGES/gzkit.po"} <= names
    # The examples every command's help ends with, read when the command line is imported.
    assert "gzkit/cli/examples.csv" in names


def test_metadata_a_package_index_shows(wheel):
    with zipfile.ZipFile(wheel) as zf:
        meta = email.message_from_bytes(zf.read("gzkit-0.1.0.dist-info/METADATA"))
    assert meta["License-Expression"] == "MIT AND CC-BY-4.0"
    assert meta["Description-Content-Type"] == "text/markdown"
    assert "gzkit is a command-line toolkit" in meta.get_payload()
    urls = meta.get_all("Project-URL")
    assert any(u.startswith("Homepage, https://") for u in urls)
    assert "Natural Language :: Chinese (Simplified)" in meta.get_all("Classifier")
    extras = meta.get_all("Provides-Extra")
    assert {"excel", "parquet", "charts", "test"} <= set(extras)


def test_twine_accepts_both(dist):
    pytest.importorskip("twine")
    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, sorted(dist.iterdir()))],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("PASSED") == 2


def test_sdist_holds_what_a_build_needs(sdist):
    names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
    assert {"pyproject.toml", "README.md", "LICENSE", "LICENSE-DATA", "CITATION.cff"} <= names
    assert {f"data/{r}" for r in RESOURCES} <= names
    assert not any(n.startswith("benchmarks/out") for n in names)


def _installed_probe(site: Path, cwd: Path) -> list[str]:
    probe = (
        "import gzkit; ds = gzkit.load(); "
        "print(gzkit.__file__); print(ds.path); print(len(ds.observations)); "
        "obs = ds.observations; "
        "print(obs.loc[(obs.indicator == 'gdp') & (obs.year == 2019) & (obs.region == 'guangzhou'), 'value'].iloc[0])"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("GZKIT_DATA", None)
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=cwd, check=True
    ).stdout.splitlines()


def test_the_wheel_installs_alone_and_finds_its_data(wheel, tmp_path, ds):
    # .ci/run does the same for the sdist, copied away from the checkout, in a fresh virtual environment.
    source = wheel
    alone = tmp_path / source.name
    alone.write_bytes(source.read_bytes())
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(alone)],
        check=True,
        cwd=tmp_path,
    )
    out = _installed_probe(site, tmp_path)
    assert out[0].startswith(str(site))
    assert Path(out[1]) == site / "gzkit" / "datapackage"
    assert int(out[2]) == len(ds.observations)
    assert float(out[3]) == 23000
