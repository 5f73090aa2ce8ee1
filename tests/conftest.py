"""Shared fixtures. Output must not depend on the terminal or the user's environment."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# Pin rich and typer so CI's FORCE_COLOR/GITHUB_ACTIONS or a narrow terminal cannot change output.
os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
os.environ["COLUMNS"] = "200"
os.environ.pop("FORCE_COLOR", None)
# Parsed large packages are cached on disk: never in the user's own cache folder during tests.
os.environ["GZKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="gzkit-test-cache-")
atexit.register(shutil.rmtree, os.environ["GZKIT_CACHE_DIR"], True)

import pytest  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

import gzkit  # noqa: E402


def pytest_addoption(parser):
    parser.addoption(
        "--hostile-all",
        action="store_true",
        help="Run the whole hostile-input sweep (tests/hostile), not the CI sample (also: GZKIT_HOSTILE_ALL=1).",
    )


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    # A Chinese POSIX locale chooses Chinese output: tests start from none.
    for var in ("GZKIT_DATA", "GZKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="session")
def ds():
    return gzkit.load()


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def invoke(runner):
    """Run the CLI; return the result (stdout and stderr apart)."""
    from gzkit.cli import app

    def run(*args, **kwargs):
        return runner.invoke(app, [str(a) for a in args], **kwargs)

    return run
