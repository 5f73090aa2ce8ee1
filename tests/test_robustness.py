"""Bad input gets one clear line and the right exit code, never a traceback.

Exit codes: 1 for data and lookups (an unknown name, a broken data package), 2
for usage (a malformed number, an unknown format or option). Also the plumbing
around the output: closed pipes, atomic files, narrow encodings, NO_COLOR, BOM.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

import gzkit
from gzkit.cli import app
from gzkit.data import bundled_path
from gzkit.errors import DataError

ROOT = Path(__file__).resolve().parents[1]


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


# Every command, with arguments that work on the bundled data.
COMMANDS = {
    "domains": ["domains"],
    "regions": ["regions"],
    "list": ["list"],
    "show": ["show", "economy"],
    "compare": ["compare", "2015", "2019"],
    "growth": ["growth", "gdp"],
    "gap": ["gap"],
    "progress": ["progress"],
    "source": ["source", "gdp"],
    "export": ["export"],
    "versus": ["versus", "china"],
    "audit": ["audit"],
    "xiaokang": ["xiaokang"],
    "chart": ["chart", "gdp"],
    "report": ["report"],
    "cite": ["cite", "gdp"],
}
# The commands as typer registered them, so that a new command cannot escape these checks.
REGISTERED = get_command(app).commands
FORMATTED = sorted(name for name, command in REGISTERED.items() if any("--format" in p.opts for p in command.params))


def test_every_registered_command_has_an_example_line():
    assert sorted(COMMANDS) == sorted(REGISTERED)


def _args(name: str, tmp_path: Path) -> list[str]:
    args = list(COMMANDS[name])
    if name == "chart" and not _has("plotext"):
        pytest.skip("the charts extra is not installed")
    if name == "report":
        args += ["-o", str(tmp_path / "report.html")]
    return args


def _error_line(result) -> str:
    """The single error line on stderr, after checking there is exactly one and no traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(lines) == 1, result.stderr
    return lines[0]


# --------------------------------------------------------------------------- data packages


def _copy(dest: Path) -> Path:
    shutil.copytree(bundled_path(), dest, ignore=shutil.ignore_patterns("staging", "__pycache__"))
    return dest


def _rows(root: Path, name: str) -> list[list[str]]:
    with open(root / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write(root: Path, name: str, rows: list[list[str]]) -> None:
    with open(root / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _set(root: Path, name: str, line: int, column: str, value: str) -> None:
    """Set one cell, addressed as a user reads the file: line number (header = 1) and column name."""
    rows = _rows(root, name)
    rows[line - 1][rows[0].index(column)] = value
    _write(root, name, rows)


def _missing_column(root: Path) -> None:
    rows = _rows(root, "observations")
    k = rows[0].index("value")
    _write(root, "observations", [r[:k] + r[k + 1 :] for r in rows])


def _duplicate_key(root: Path) -> None:
    rows = _rows(root, "indicators")
    _write(root, "indicators", rows + [rows[3]])


def _bad_json(root: Path) -> None:
    (root / "datapackage.json").write_text('{"resources": [', encoding="utf-8")


# name -> (how to break a copy of the bundled package, fragments of the one error line)
BROKEN = {
    "missing_column": (_missing_column, ["observations.csv", "column 'value'", "missing column(s) value"]),
    "wrong_type": (
        lambda r: _set(r, "observations", 5, "year", "twenty"),
        ["observations.csv, row 5, column 'year': 'twenty' is not an integer"],
    ),
    "not_a_number": (
        lambda r: _set(r, "observations", 9, "value", "12,3"),
        ["observations.csv, row 9, column 'value': '12,3' is not a number"],
    ),
    # The repeated row is appended: the line after the last one (header = line 1).
    "duplicate_key": (
        _duplicate_key,
        [
            f"indicators.csv, row {len(_rows(bundled_path(), 'indicators')) + 1}, column 'id': "
            "duplicate primary key (id="
        ],
    ),
    "dangling_foreign_key": (
        lambda r: _set(r, "observations", 7, "region", "atlantis"),
        ["observations.csv, row 7, column 'region': 'atlantis' is not an id in regions.csv"],
    ),
    "bad_enum": (
        lambda r: _set(r, "observations", 4, "qualifier", "about"),
        ["observations.csv, row 4, column 'qualifier': 'about' is not one of"],
    ),
    "invalid_json": (_bad_json, ["datapackage.json: not valid JSON"]),
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """One broken copy of the bundled package per kind of damage."""
    out = {}
    for name, (damage, _) in BROKEN.items():
        root = _copy(tmp_path_factory.mktemp(name) / "pkg")
        damage(root)
        out[name] = root
    return out


@pytest.mark.parametrize("kind", BROKEN)
@pytest.mark.parametrize("command", sorted(REGISTERED))
def test_every_command_reports_a_broken_package_in_one_line(invoke, broken, tmp_path, command, kind):
    result = invoke("--data", broken[kind], *_args(command, tmp_path))
    assert result.exit_code == 1
    line = _error_line(result)
    for fragment in BROKEN[kind][1]:
        assert fragment in line


@pytest.mark.parametrize("command", sorted(REGISTERED))
def test_every_command_reports_a_missing_data_folder(invoke, tmp_path, command):
    result = invoke("--data", tmp_path / "nowhere", *_args(command, tmp_path))
    assert result.exit_code == 1
    assert f"no such data package: {tmp_path / 'nowhere'}" in _error_line(result)


@pytest.mark.parametrize("command", sorted(REGISTERED))
def test_every_command_reports_a_folder_that_is_not_a_package(invoke, tmp_path, command):
    (tmp_path / "empty").mkdir()
    result = invoke("--data", tmp_path / "empty", *_args(command, tmp_path))
    assert result.exit_code == 1
    assert "is not a data package: it has no datapackage.json" in _error_line(result)


def test_gzkit_data_variable_is_checked_like_the_option(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("GZKIT_DATA", str(tmp_path / "nowhere"))
    result = invoke("domains")
    assert result.exit_code == 1
    assert "no such data package" in _error_line(result)


# --------------------------------------------------------------------------- names, years, formats


UNKNOWN_NAMES = [
    (["show", "gpd"], "No domain or indicator 'gpd'. Did you mean 'gdp'?"),
    (["list", "econmy"], "No domain 'econmy'. Did you mean 'economy' or 'ecology'?"),
    (["compare", "2015", "2019", "--domain", "nowhere"], "No domain 'nowhere'."),
    (["compare", "2015", "2019", "--region", "mars"], "No region 'mars'."),
    (["growth", "gpd"], "No indicator 'gpd'. Did you mean 'gdp'?"),
    (["growth", "gdp", "--region", "mars"], "No region 'mars'."),
    (["gap", "--region", "mars"], "No region 'mars'."),
    (["progress", "nowhere"], "No domain 'nowhere'."),
    (["source", "gpd"], "No indicator 'gpd'."),
    (["show", "gdp", "--region", "mars"], "No region 'mars'."),
    (["show", ""], "No domain or indicator ''."),
]


@pytest.mark.parametrize("args,message", UNKNOWN_NAMES, ids=[" ".join(a) for a, _ in UNKNOWN_NAMES])
def test_unknown_names_exit_1_with_suggestions(invoke, args, message):
    result = invoke(*args)
    assert result.exit_code == 1
    assert message in _error_line(result)


def test_unknown_chart_indicator(invoke):
    if not _has("plotext"):
        pytest.skip("the charts extra is not installed")
    result = invoke("chart", "gpd")
    assert result.exit_code == 1
    assert "No indicator 'gpd'" in _error_line(result)


BAD_YEARS = [
    (["compare", "1800", "2019"], "year 1800 is outside the data, which covers 1978-2020."),
    (["compare", "2015", "2999"], "year 2999 is outside the data"),
    (["compare", "99999999999999999999", "2019"], "year 99999999999999999999 is outside the data"),
    (["compare", "abc", "2019"], "Invalid value for 'YEAR_A': 'abc' is not an integer."),
    (["compare", "2015", "20.5"], "Invalid value for 'YEAR_B': '20.5' is not an integer."),
    (["compare", "2015"], "Missing argument 'YEAR_B'."),
    (["growth", "gdp", "--from", "1900"], "--from 1900 is outside the data"),
    (["growth", "gdp", "--to", "x"], "Invalid value for '--to': 'x' is not an integer."),
    (["growth", "gdp", "--from", "2019", "--to", "2015"], "--from 2019 is after --to 2015."),
    (["gap", "--year", "1900"], "year 1900 is outside the data"),
    (["gap", "--year", ""], "Invalid value for '--year' / '-y': '' is not an integer."),
]


@pytest.mark.parametrize("args,message", BAD_YEARS, ids=[" ".join(a) for a, _ in BAD_YEARS])
def test_bad_years_are_usage_errors(invoke, args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in _error_line(result)


def test_a_year_without_data_is_a_data_error(invoke):
    result = invoke("compare", "1979", "2019")
    assert result.exit_code == 1
    assert "No observations for 1979 in region 'guangzhou'. Years with data:" in _error_line(result)


@pytest.mark.parametrize("command", FORMATTED)
def test_unknown_format_is_a_usage_error(invoke, command):
    result = invoke(*COMMANDS[command], "-f", "xml")
    assert result.exit_code == 2
    # typer 0.2x puts "Value error, " between the two; older releases do not.
    assert "Invalid value for '--format' / '-f': " in _error_line(result)
    assert "'xml' is not one of 'table', 'csv'" in _error_line(result)


@pytest.mark.parametrize(
    "args,message",
    [
        (["nonsense"], "No such command 'nonsense'."),
        (["domains", "--frobnicate"], "No such option: --frobnicate"),
        (["--lang", "fr", "domains"], "Invalid value for '--lang' / '-l'"),
        (["export", "-o"], "Option '-o' requires an argument."),
        (["export", "-o", "."], "is a directory."),
    ],
)
def test_usage_errors_exit_2(invoke, args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in _error_line(result)


# --------------------------------------------------------------------------- the loader itself


@pytest.fixture()
def pkg(tmp_path):
    return _copy(tmp_path / "pkg")


def _load_error(root) -> str:
    with pytest.raises(DataError) as info:
        gzkit.load(root)
    return str(info.value)


def test_row_numbers_are_lines_of_the_file_even_with_multiline_fields(pkg):
    rows = _rows(pkg, "observations")
    rows[2][rows[0].index("evidence")] = "first line\nsecond line"  # record 2 spans lines 3-4
    rows[5][rows[0].index("year")] = "soon"  # record 5 starts on line 7
    _write(pkg, "observations", rows)
    assert "observations.csv, row 7, column 'year': 'soon' is not an integer" in _load_error(pkg)


def test_blank_lines_do_not_shift_row_numbers(pkg):
    text = (pkg / "regions.csv").read_text(encoding="utf-8").splitlines()
    text.insert(2, "")
    text[3] = "BAD," + text[3].split(",", 1)[1]
    (pkg / "regions.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    assert "regions.csv, row 4, column 'id': 'BAD' does not match the pattern" in _load_error(pkg)


def test_surrounding_spaces_are_stripped_but_free_text_is_verbatim(pkg):
    rows = _rows(pkg, "observations")
    h = rows[0]
    rows[1][h.index("indicator")] = f"  {rows[1][h.index('indicator')]} "
    rows[1][h.index("qualifier")] = " = "
    rows[1][h.index("headline")] = " true"
    rows[1][h.index("year")] = f" {rows[1][h.index('year')]} "
    rows[1][h.index("note")] = "  kept as written "
    _write(pkg, "observations", rows)
    obs = gzkit.load(pkg).observations
    assert obs["indicator"].iloc[0] == rows[1][h.index("indicator")].strip()
    assert obs["qualifier"].iloc[0] == "="
    assert bool(obs["headline"].iloc[0]) is True
    assert obs["year"].dtype == "int64"
    assert obs["note"].iloc[0] == "  kept as written "


def test_a_byte_order_mark_is_accepted(pkg):
    data = (pkg / "regions.csv").read_bytes()
    (pkg / "regions.csv").write_bytes(b"\xef\xbb\xbf" + data)
    assert list(gzkit.load(pkg).regions.columns[:3]) == ["id", "name_en", "name_zh"]


def test_loaded_package_matches_the_bundled_one(pkg, ds):
    mine = gzkit.load(pkg)
    for name in ("domains", "regions", "units", "indicators", "observations", "targets"):
        a, b = getattr(mine, name), getattr(ds, name)
        assert list(a.dtypes.astype(str)) == list(b.dtypes.astype(str))
        assert a.equals(b), name


@pytest.mark.parametrize(
    "damage,message",
    [
        (lambda r: (r / "observations.csv").write_bytes(b""), "observations.csv, row 1: the file is empty"),
        (
            lambda r: _write(r, "observations", _rows(r, "observations")[:1]),
            "observations.csv: the file has a header but no rows",
        ),
        (lambda r: (r / "units.csv").unlink(), "units.csv: the 'units' resource is missing"),
        (
            lambda r: (r / "regions.csv").write_bytes((r / "regions.csv").read_bytes() + b"x,\xff\xfe,y\n"),
            "regions.csv, row 5: not UTF-8 text",
        ),
        (
            lambda r: (r / "regions.csv").write_text(
                "id,name_en,name_zh\nguangzhou,Guangzhou,广州,extra\n", encoding="utf-8"
            ),
            "regions.csv, row 2: a row has more fields than the header",
        ),
        (
            lambda r: (r / "regions.csv").write_text(
                "id,name_en,name_zh\nguangzhou,Guangzhou,广州\nchina,China,中国,extra\n", encoding="utf-8"
            ),
            "regions.csv: not a readable CSV file (Expected 3 fields in line 3, saw 4)",
        ),
        (
            lambda r: (r / "regions.csv").write_text("id,name_en,name_en\n", encoding="utf-8"),
            "regions.csv, row 1, column 'name_en': the column appears twice in the header",
        ),
        (lambda r: _set(r, "observations", 3, "year", "2018"), "row 3, column 'year': year 2018 is not the last year"),
        (lambda r: _set(r, "observations", 3, "value", "inf"), "row 3, column 'value': 'inf' is not a finite number"),
        # A number too large for a float is quoted as written, not as the inf it overflows to.
        (lambda r: _set(r, "observations", 3, "year", "1e400"), "row 3, column 'year': '1e400' is not a finite number"),
        (lambda r: _set(r, "observations", 3, "decimals", "1.5"), "row 3, column 'decimals': '1.5' is not an integer"),
        (
            lambda r: _set(r, "observations", 3, "decimals", "99999999999999999999"),
            "row 3, column 'decimals': '99999999999999999999' is too large for an integer",
        ),
        (lambda r: _set(r, "observations", 3, "year", "1066"), "row 3, column 'year': 1066 is out of range (minimum"),
        (lambda r: _set(r, "observations", 3, "headline", "maybe"), "row 3, column 'headline': 'maybe' is not true"),
        (lambda r: _set(r, "observations", 3, "headline", "false"), "headline rows for indicator="),
        (lambda r: _set(r, "observations", 3, "source", ""), "row 3, column 'source': a required value is empty"),
        (lambda r: _set(r, "units", 2, "multiplier", "-1"), "units.csv, row 2, column 'multiplier': -1.0 is out of"),
        (lambda r: (r / "datapackage.json").write_text("[]", encoding="utf-8"), "not a data package descriptor"),
        (lambda r: (r / "datapackage.json").write_bytes(b"\xff{}"), "datapackage.json: not UTF-8 text"),
        (
            lambda r: (r / "datapackage.json").write_text('{"resources": 3}', encoding="utf-8"),
            "datapackage.json: field 'resources': must be a list of objects, not a number",
        ),
        (
            lambda r: (r / "datapackage.json").write_text(
                json.dumps({"resources": [{"name": "units", "path": "../../etc/units.csv"}]}), encoding="utf-8"
            ),
            "must be relative to the package folder",
        ),
        (
            lambda r: (r / "datapackage.json").write_text(
                json.dumps({"resources": [{"name": "units", "path": ["a.csv", "b.csv"]}]}), encoding="utf-8"
            ),
            "the path of the 'units' resource must be one file name",
        ),
    ],
    ids=[
        "empty",
        "header-only",
        "missing-resource",
        "not-utf8",
        "long-first-row",
        "long-later-row",
        "duplicate-column",
        "year-period",
        "infinite",
        "overflow",
        "fraction",
        "huge",
        "range",
        "boolean",
        "headline",
        "required",
        "minimum",
        "json-list",
        "json-bytes",
        "resources-type",
        "path-escape",
        "path-list",
    ],
)
def test_loader_names_what_is_wrong(pkg, damage, message):
    damage(pkg)
    assert message in _load_error(pkg)


def test_a_changed_package_is_read_again(pkg):
    assert len(gzkit.load(pkg).regions) == 3
    rows = _rows(pkg, "regions")
    _write(pkg, "regions", rows + [["shenzhen", "Shenzhen", "深圳"]])
    assert len(gzkit.load(pkg).regions) == 4


def test_declared_resource_paths_are_followed(pkg):
    meta = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    (pkg / "tables").mkdir()
    for r in meta["resources"]:
        (pkg / r["path"]).rename(pkg / "tables" / r["path"])
        r["path"] = f"tables/{r['path']}"
    (pkg / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    assert len(gzkit.load(pkg).observations) == len(gzkit.load().observations)
    assert len(gzkit.load(pkg / "datapackage.json").regions) == 3


# --------------------------------------------------------------------------- plumbing


def _generate():
    spec = importlib.util.spec_from_file_location("gzkit_bench_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


@pytest.fixture(scope="module")
def panel(tmp_path_factory):
    """A generated package of 10^5 observations: an export far larger than a pipe's buffer."""
    return _generate()(tmp_path_factory.mktemp("panel") / "pkg", 100_000)


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GZKIT_", "_GZKIT"))}
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def test_a_closed_pipe_ends_quietly(panel):
    proc = subprocess.Popen(
        [sys.executable, "-m", "gzkit", "--data", str(panel), "export", "-f", "csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    header = proc.stdout.readline().decode("utf-8")
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read().decode("utf-8")
    proc.wait(timeout=60)
    assert header.startswith("indicator,domain,region,name_en,name_zh,unit,period,year,value")
    assert stderr == ""
    # Python ignores SIGPIPE, so the write raises BrokenPipeError and main() ends with status 1.
    assert proc.returncode == 1


def test_output_is_written_whole_and_not_overwritten_without_force(invoke, tmp_path):
    target = tmp_path / "domains.csv"
    first = invoke("domains", "-o", target)
    assert first.exit_code == 0 and first.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("domain,name_en,name_zh,indicators,observations\neconomy,Economy,经济发展,")

    again = invoke("domains", "-o", target, "-f", "json")
    assert again.exit_code == 1
    assert f"{target} already exists. Add --force to overwrite it." in _error_line(again)
    assert target.read_text(encoding="utf-8") == text

    forced = invoke("domains", "-o", target, "-f", "json", "--force")
    assert forced.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))[0]["domain"] == "economy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["domains.csv"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(invoke, tmp_path, monkeypatch):
    from gzkit import output

    target = tmp_path / "export.csv"
    target.write_text("old\n", encoding="utf-8")

    def half_then_fail(df, fh, fmt, bom=False):
        fh.write("indicator,domain\n")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output, "_write_delimited", half_then_fail)
    result = invoke("export", "-o", target, "--force")
    assert result.exit_code == 1
    assert "No space left on device" in _error_line(result)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]


def test_output_into_a_missing_folder_is_one_line(invoke, tmp_path):
    result = invoke("domains", "-o", tmp_path / "no" / "such" / "x.csv")
    assert result.exit_code == 1
    assert "does not exist" in _error_line(result)


@pytest.mark.parametrize(
    "args", [["domains", "-f", "csv"], ["show", "gdp", "-f", "json"], ["--help"], ["show", "经济经济"], ["domains"]]
)
def test_a_console_without_chinese_gets_a_clear_message(args):
    proc = subprocess.run(
        [sys.executable, "-m", "gzkit", *args], capture_output=True, env=_env(PYTHONIOENCODING="cp1252"), timeout=60
    )
    stderr = proc.stderr.decode("cp1252", errors="replace")
    assert "Traceback" not in stderr
    assert proc.returncode == 1
    assert (
        "this console cannot show Chinese text (its encoding is cp1252)" in stderr or "No domain or indicator" in stderr
    )
    assert len([line for line in stderr.splitlines() if line.startswith("Error")]) == 1


def test_a_console_without_chinese_can_still_write_a_file(tmp_path):
    target = tmp_path / "d.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "gzkit", "domains", "-o", str(target)],
        capture_output=True,
        env=_env(PYTHONIOENCODING="cp1252"),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "经济发展" in target.read_text(encoding="utf-8")


_COLOR = re.compile(r"\x1b\[[0-9;]*(3[0-9]|9[0-7]|38;[0-9;]+)m")


def test_no_color_is_respected():
    args = [sys.executable, "-m", "gzkit", "compare", "2015", "2019", "-f", "table"]
    colored = subprocess.run(
        args, capture_output=True, text=True, env=_env(FORCE_COLOR="1", COLUMNS="200"), encoding="utf-8", timeout=60
    )
    assert _COLOR.search(colored.stderr), "FORCE_COLOR should color the warnings (the control case)"
    plain = subprocess.run(
        args,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=_env(FORCE_COLOR="1", NO_COLOR="1", COLUMNS="200"),
    )
    assert plain.returncode == 0
    assert "Warning:" in plain.stderr
    assert not _COLOR.search(plain.stderr + plain.stdout)


def test_bom_starts_csv_and_tsv_only(invoke, tmp_path):
    result = invoke("domains", "-f", "csv", "--bom")
    assert result.stdout.startswith("\ufeffdomain,name_en")
    assert invoke("domains", "-f", "tsv", "--bom").stdout.startswith("\ufeffdomain\tname_en")
    assert invoke("domains", "-f", "json", "--bom").stdout.startswith("[")
    assert not invoke("domains", "-f", "csv").stdout.startswith("\ufeff")
    target = tmp_path / "excel.csv"
    assert invoke("export", "-o", target, "--bom").exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfindicator,domain,region")
    # A BOM-prefixed export reads back as the same table.
    import pandas as pd

    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert len(back) == len(gzkit.load().observations)


def test_completion_with_a_broken_package_offers_what_it_can(tmp_path):
    root = _copy(tmp_path / "pkg")
    (root / "indicators.csv").write_bytes(b"id,name_en\nshort\ngdp,GDP\n\xff\xfe,bad bytes\n")
    env = _env(GZKIT_DATA=str(root), _GZKIT_COMPLETE="complete_bash", COMP_WORDS="gzkit growth g", COMP_CWORD="2")
    proc = subprocess.run([sys.executable, "-m", "gzkit"], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.split() == []  # undecodable: nothing to offer, and no traceback
    assert "Traceback" not in proc.stderr
    (root / "indicators.csv").write_text("id,name_en\nshort\ngdp,GDP\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "gzkit"], capture_output=True, text=True, env=env, timeout=60)
    assert proc.stdout.split() == ["gdp"]


def test_output_to_a_device_writes_into_it(invoke):
    devnull = Path(os.devnull)
    assert invoke("domains", "-o", devnull).exit_code == 1  # exists: --force needed, as for any file
    result = invoke("domains", "-o", devnull, "--force")
    assert result.exit_code == 0
    assert devnull.exists() and not devnull.is_file()  # still the device, not a file renamed over it


def test_output_through_a_link_replaces_the_linked_file(invoke, tmp_path):
    target = tmp_path / "target.csv"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert invoke("domains", "-o", link, "--force").exit_code == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("domain,name_en")


def test_observation_keys_include_the_source(pkg):
    rows = _rows(pkg, "observations")
    h = rows[0]
    restated = list(rows[1])
    restated[h.index("source")] = "a second publication"
    restated[h.index("headline")] = "false"
    _write(pkg, "observations", rows + [restated])
    assert len(gzkit.load(pkg).observations) == len(rows)  # same period, another source: a restatement

    _write(pkg, "observations", rows + [restated, list(restated)])
    message = _load_error(pkg)
    assert f"observations.csv, row {len(rows) + 2}, column 'indicator': duplicate primary key (" in message
    assert "source=a second publication)" in message
