"""The generated sweep: every observation set to 0, -1, 1e-310, 2e19 and 1e29 in turn, through every
command and format.

The whole sweep is a few hundred thousand runs, so CI runs a fixed sample of it
(the same every time, drawn with a seeded generator); ``pytest --hostile-all``
or ``GZKIT_HOSTILE_ALL=1`` runs all of it.
"""

from __future__ import annotations

import importlib.util
import os
import random
import tempfile
from pathlib import Path

from gzkit.data import bundled_path

from . import harness

FORMATS = ["table", "csv", "tsv", "json", "jsonl", "markdown"]

#: Packages (observation x value) the CI sample takes, and command lines it runs on each.
SAMPLE_PACKAGES = 5
SAMPLE_COMMANDS = 12


def _domains() -> dict[str, str]:
    table = harness.rows(bundled_path(), "indicators")
    h = table[0]
    return {r[h.index("id")]: r[h.index("domain")] for r in table[1:]}


DOMAIN = _domains()


def command_lines(indicator: str) -> list[list[str]]:
    """Every command and format that can show ``indicator`` or a figure derived from it."""
    formatted = [
        ["domains"],
        ["regions"],
        ["list", DOMAIN.get(indicator, "economy")],
        ["show", indicator, "-r", "all"],
        ["show", DOMAIN.get(indicator, "economy")],
        ["compare", "2015", "2019", "-r", "all"],
        ["compare", "2018", "2019", "-r", "all"],
        ["growth", indicator, "-r", "all"],
        ["gap"],
        ["progress"],
        ["source", indicator],
        ["export", "--derived"],
        ["audit"],
        ["xiaokang", "--all"],
    ]
    lines = [[*c, "-f", f] for c in formatted for f in FORMATS]
    lines += [[*c, "-f", "table", "--lang", "zh"] for c in formatted]
    if importlib.util.find_spec("plotext") is not None:
        lines += [["chart", indicator, "-r", "all"], ["chart", indicator, "-k", "bar", "-r", "all"]]
    if importlib.util.find_spec("matplotlib") is not None:
        lines += [
            ["chart", indicator, "-o", "figure.svg"],
            ["chart", indicator, "-k", "bar", "-o", "figure.png"],
            ["report", "-o", "report.html"],
        ]
    return lines


def cases() -> list[tuple[int, str, str, str, str]]:
    """(line, indicator, region, period, value) for every observation and sweep value."""
    return [(*obs, value) for obs in harness.observations() for value in harness.SWEEP_VALUES]


def _exhaustive(config) -> bool:
    return bool(config.getoption("--hostile-all", default=False) or os.environ.get("GZKIT_HOSTILE_ALL"))


def pytest_generate_tests(metafunc):
    if "case" in metafunc.fixturenames:
        every = cases()
        chosen = every if _exhaustive(metafunc.config) else random.Random(2020).sample(every, SAMPLE_PACKAGES)
        metafunc.parametrize("case", chosen, ids=[f"{c[1]}-{c[2]}-{c[3]}={c[4]}" for c in chosen])


def run_case(case, folder: Path, sample: int | None) -> list[str]:
    """Run the command lines of one sweep package; the problems found, one line each."""
    line, indicator, region, period, value = case
    root = harness.copy_package(folder / "pkg")
    harness.set_cell(root, "observations", line, "value", value)
    lines = command_lines(indicator)
    if sample is not None:
        lines = random.Random(f"{indicator}{period}{value}").sample(lines, min(sample, len(lines)))
    found = []
    for args in lines:
        work = folder / "out"
        work.mkdir(exist_ok=True)
        outcome = harness.check(["--data", str(root), *args], cwd=work)
        found += [f"gzkit {' '.join(outcome.args[2:])}: {p}" for p in outcome.problems]
        for p in work.iterdir():
            p.unlink()
    return found


def test_sweep(case, tmp_path, request):
    found = run_case(case, tmp_path, None if _exhaustive(request.config) else SAMPLE_COMMANDS)
    assert not found, "\n".join(found[:20])


def test_the_sweep_covers_every_observation_value_command_and_format():
    every = cases()
    assert len(every) == len(harness.observations()) * 5 and len(harness.observations()) >= 200
    lines = command_lines("gdp")
    for fmt in FORMATS:
        assert ["gap", "-f", fmt] in lines and ["export", "--derived", "-f", fmt] in lines
    commands = {args[0] for args in lines}
    assert {
        "domains",
        "regions",
        "list",
        "show",
        "compare",
        "growth",
        "gap",
        "progress",
        "source",
        "export",
    } <= commands
    assert {"audit", "xiaokang"} <= commands


def test_the_checks_catch_what_they_look_for():
    """The harness is only useful if it fails: each kind of problem, planted, is found."""
    planted = {
        "exception": harness.Outcome(["gap"], 1, "", "", ZeroDivisionError("x")),
        "traceback": harness.Outcome(["gap"], 1, "", "Traceback (most recent call last):\nError: x\n"),
        "exit status": harness.Outcome(["gap"], 3, "", "Error: x\n"),
        "error lines": harness.Outcome(["gap"], 2, "", "Usage: gzkit\n\nError: x\nError: y\n"),
        "cell 'inf'": harness.Outcome(["gap", "-f", "csv"], 0, "ratio\ninf\n", ""),
        "non-finite JSON": harness.Outcome(["gap", "-f", "json"], 0, '[{"ratio": NaN}]', ""),
        "'nan' in": harness.Outcome(["gap", "-f", "table"], 0, " ratio  nan ", ""),
        "RuntimeWarning": harness.Outcome(["gap"], 0, "", "RuntimeWarning: overflow\n"),
        "control character on stdout": harness.Outcome(["gap", "-f", "table"], 0, "Guang\x1b[2Jzhou\n", ""),
        "control character on stderr": harness.Outcome(["gap"], 1, "", "Error: a\x1b]0;t\x07\n"),
    }
    for expected, outcome in planted.items():
        found = harness.problems(outcome)
        assert any(expected in p for p in found), (expected, found)
    assert harness.problems(harness.Outcome(["gap", "-f", "csv"], 0, "ratio,note\n2.25,information\n", "")) == []
    # Help is for people even beside -f json.
    assert harness.problems(harness.Outcome(["audit", "-f", "json", "--help"], 0, "Usage: gzkit audit\n", "")) == []
    # A table written to out.json is a table: read as text, where an inf is still found.
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "out.json").write_text("Audit\n  ratio  2.25\n", encoding="utf-8")
        table = harness.Outcome(["audit", "-f", "table", "-o", "out.json"], 0, "", "")
        assert harness.problems(table, folder) == []
        (folder / "out.json").write_text("Audit\n  ratio  inf\n", encoding="utf-8")
        assert any("out.json holds" in p for p in harness.problems(table, folder))
    # One error line in Chinese is one error line; two are still two.
    assert harness.problems(harness.Outcome(["--lang", "zh", "gap"], 1, "", "错误：x\n")) == []
    two = harness.problems(harness.Outcome(["--lang", "zh", "gap"], 1, "", "错误：x\nError: y\n"))
    assert any("2 error lines" in p for p in two), two
