"""Each finding of the hostile-input review, as a regression test.

``P`` in the review's repro lines is a copy of the bundled package (the ``pkg``
fixture here). Each test replays the repro and asserts the documented outcome:
it works, or it ends with one line and exit status 1 (data, output) or 2 (usage).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
import warnings
from pathlib import Path

import pytest

import gzkit
from gzkit import audit, core, finite, output, package_files, writer
from gzkit.errors import DataError
from gzkit.terminal import printable, wants_color

from . import harness

ROOT = Path(__file__).resolve().parents[2]
START = time.time()


@pytest.fixture()
def pkg(tmp_path):
    return harness.copy_package(tmp_path / "pkg")


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GZKIT_", "_GZKIT", "_TYPER"))}
    env.pop("NO_COLOR", None)
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def _gzkit(*args, env=None, timeout=60, stdout=subprocess.PIPE, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gzkit", *map(str, args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env or _env(),
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        **kwargs,
    )


def _clean(outcome: harness.Outcome) -> harness.Outcome:
    assert outcome.problems == [], outcome.problems
    return outcome


def _one_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


# --------------------------------------------------------------------------- 1. audit on valid zeros


def test_1_audit_handles_a_zero_with_a_reason(pkg, tmp_path):
    assert harness.set_observation(pkg, "public_toilets_built", "2019", "0") == 1
    result = _clean(harness.check(["--data", pkg, "audit", "-f", "csv"], cwd=tmp_path))
    assert result.exit_code == 0
    assert "toilet_completion: not checked: public_toilets_built guangzhou 2019 = 0" in result.stderr
    assert "toilet_completion_vs_whole_target" not in result.stdout


@pytest.mark.parametrize(
    "indicator,period,check",
    [
        ("disposable_income_rural", "2018", "rural_income_report_vs_yearbook"),
        ("gdp", "2016", "gdp_nominal_vs_real_growth"),
        ("gdp", "2018", "cultural_share_vs_first_release_gdp"),
        ("agri_parks_leading_industry_output", "2019", "agri_parks_income"),
        ("high_tech_enterprises", "2015", "high_tech_cagr"),
    ],
)
def test_1_every_zero_the_review_found_is_not_checked_with_a_reason(pkg, indicator, period, check):
    harness.set_observation(pkg, indicator, period, "0")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy RuntimeWarning fails the test
        df = audit.audit(gzkit.load(pkg))
    notes = [w for w in df.attrs["warnings"] if w.startswith(check + ": not checked: ")]
    assert len(notes) == 1, df.attrs["warnings"]
    assert "nan" not in " ".join(df["note"]) and "inf" not in " ".join(df["note"])


def test_1_audit_notes_are_built_from_the_data(pkg):
    harness.set_observation(pkg, "high_tech_enterprises", "2015", "2500")
    harness.set_observation(pkg, "gdp_growth_avg", "2016-2019", "7.2")
    checks = audit.audit(gzkit.load(pkg)).set_index("check")
    cagr = checks.loc["high_tech_enterprises_cagr_2015_2019", "note"]
    # (12000 / 2500) ** (1/4) - 1 = 48.02%; 12000 / 2500 = 4.80-fold.
    assert "from 2500 to " in cagr and "48.02% a year" in cagr and "4.80-fold rise in 4 years" in cagr
    assert "1919" not in cagr
    lead = checks.loc["gdp_growth_lead_over_china"]
    assert lead["status"] == "inconsistent" and "6.8" not in lead["note"]
    assert "below the real 7.2%" in checks.loc["gdp_nominal_growth_across_vintages", "note"]


# --------------------------------------------------------------------------- 2. stdout write errors


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["domains", "-f", "csv"], ["--help"]])
def test_2_a_full_disk_behind_stdout_is_one_line(args):
    with open("/dev/full", "w") as full:
        proc = _gzkit(*args, stdout=full)
    assert proc.returncode == 1
    assert _one_error(proc.stderr) == "Error: cannot write to standard output: No space left on device."


def test_2_version_to_a_full_disk_and_a_closed_stdout():
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            proc = _gzkit("--version", stdout=full)
        assert proc.returncode == 1 and "No space left on device" in _one_error(proc.stderr)
    proc = subprocess.run(
        ["bash", "-c", f"'{sys.executable}' -m gzkit regions >&-"], capture_output=True, text=True, env=_env()
    )
    assert proc.returncode == 1
    assert _one_error(proc.stderr) == "Error: cannot write to standard output: it is closed."


def test_2_the_writer_turns_any_stdout_failure_into_one_error(monkeypatch):
    class Full:
        encoding = "utf-8"

        def write(self, text):
            raise OSError(28, "No space left on device")

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdout", writer.GuardedStdout(Full()))
    with pytest.raises(writer.OutputError, match="cannot write to standard output: No space left on device"):
        output.emit(core.domains(gzkit.load()), output.Sink(fmt="csv"))
    monkeypatch.setattr(sys, "stdout", writer.GuardedStdout(None))
    with pytest.raises(writer.OutputError, match="it is closed"):
        sys.stdout.write("x")


# --------------------------------------------------------------------------- 3. two writers


def test_3_a_file_that_appears_during_the_write_is_kept(tmp_path):
    target = tmp_path / "r.json"

    def slow_export(fh):
        fh.write("[1,")
        target.write_text("written by `gzkit domains -o r.json` meanwhile\n", encoding="utf-8")
        fh.write("2]\n")

    with pytest.raises(writer.OutputError) as info:
        writer.write_file(target, slow_export)
    assert str(info.value) == (
        f"{target} appeared while gzkit was writing it; it was left as it is. "
        "Add --force to overwrite it, or choose another name."
    )
    assert target.read_text(encoding="utf-8").startswith("written by `gzkit domains")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]  # no temporary left

    writer.write_file(target, slow_export, force=True)  # --force: the later writer wins, knowingly
    assert target.read_text(encoding="utf-8") == "[1,2]\n"


def test_3_through_the_command_line(invoke, tmp_path, monkeypatch):
    target = tmp_path / "r.csv"
    real = output._write_delimited

    def other_writer_meanwhile(df, fh, fmt, bom=False):
        target.write_text("other\n", encoding="utf-8")
        real(df, fh, fmt, bom=bom)

    monkeypatch.setattr(output, "_write_delimited", other_writer_meanwhile)
    result = invoke("domains", "-o", target)
    assert result.exit_code == 1
    assert "appeared while gzkit was writing it" in result.stderr
    assert target.read_text(encoding="utf-8") == "other\n"


# --------------------------------------------------------------------------- 4. terminal escapes


HOSTILE_NAME = "Guang\x1b[2J\x1b]0;title\x07zhou"


def test_4_package_text_reaches_tables_and_markdown_escaped_and_machine_formats_exact(pkg, tmp_path):
    harness.set_cell(pkg, "regions", 2, "name_en", HOSTILE_NAME)
    for fmt in ("table", "markdown"):
        result = _clean(harness.check(["--data", pkg, "regions", "-f", fmt], cwd=tmp_path, people=True))
        assert "Guang\\x1b[2J\\x1b]0;title\\x07zhou" in result.stdout
    csv_out = harness.run(["--data", pkg, "regions", "-f", "csv"]).stdout
    assert HOSTILE_NAME in csv_out  # the data, exactly
    assert json.loads(harness.run(["--data", pkg, "regions", "-f", "json"]).stdout)[0]["name_en"] == HOSTILE_NAME


@pytest.mark.parametrize("typed", ["\x1b[31mX", "a\nError: fake", "\u202eevil", "x\x00y"])
def test_4_arguments_in_messages_are_escaped(typed, tmp_path):
    result = _clean(harness.check(["show", typed], cwd=tmp_path))
    assert result.exit_code == 1
    line = _one_error(result.stderr)
    assert printable(typed) in line


def test_4_warnings_quote_package_text_escaped(pkg, tmp_path):
    table = harness.rows(pkg, "observations")
    h = table[0]
    for r in table[1:]:
        if r[h.index("indicator")] == "disposable_income_rural" and r[h.index("period")] == "2018":
            r[h.index("vintage")] = "yearbook\x1b[2J"
    harness.write_rows(pkg, "observations", table)
    result = _clean(harness.check(["--data", pkg, "compare", "2018", "2019"], cwd=tmp_path))
    assert "yearbook\\x1b[2J" in result.stderr


def test_4_terminal_charts_and_explanations_show_package_text_escaped(pkg, tmp_path):
    pytest.importorskip("plotext")
    table = harness.rows(pkg, "indicators")
    line = next(n for n, r in enumerate(table, start=1) if r[0] == "disposable_income_rural")
    harness.set_cell(pkg, "indicators", line, "name_en", HOSTILE_NAME)
    chart = _clean(harness.check(["--data", pkg, "chart", "disposable_income_rural"], cwd=tmp_path))
    assert "Guang\\x1b[2J" in chart.stdout
    explained = _clean(harness.check(["--data", pkg, "growth", "disposable_income_rural", "--explain"], cwd=tmp_path))
    assert explained.exit_code == 0


def test_4_completion_offers_nothing_raw(pkg):
    harness.set_cell(pkg, "regions", 2, "name_en", HOSTILE_NAME)
    table = harness.rows(pkg, "regions")
    harness.write_rows(pkg, "regions", [*table, ["g\x1b[2Jx", "x", "x"]])
    env = _env(GZKIT_DATA=str(pkg), _GZKIT_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="gzkit gap -r g")
    proc = _gzkit(env=env)
    assert proc.returncode == 0
    assert "guangzhou" in proc.stdout and "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert "Guang\\\\x1b" in proc.stdout or "Guang\\x1b" in proc.stdout


def test_4_the_sanitiser():
    assert printable("Guang\x1b[2Jzhou") == "Guang\\x1b[2Jzhou"
    assert printable("a\nb\tc\r") == "a\\nb\\tc\\r"
    assert printable("\x7f\x9b\u2028\u202e") == "\\x7f\\x9b\\u2028\\u202e"
    assert printable("广州 · 2.3万亿元 ≥ 80%") == "广州 · 2.3万亿元 ≥ 80%"  # ordinary text untouched
    assert printable(printable("\x1b")) == "\\x1b"  # once is enough: escaping again changes nothing


# --------------------------------------------------------------------------- 5. descriptor types


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("licenses", "MIT", "field 'licenses': must be a list of objects, not text"),
        ("sources", 5, "field 'sources': must be a list of objects, not a number"),
        ("sources", [5], "field 'sources[0]': must be an object, not a number"),
        ("licenses", [{"title": 3}], "field 'licenses[0].title': must be text, not a number"),
        ("title", ["a"], "field 'title': must be text, not a list"),
        ("resources", {"a": 1}, "field 'resources': must be a list of objects, not an object"),
    ],
)
def test_5_descriptor_fields_of_the_wrong_type(pkg, tmp_path, field, value, message):
    command = ["report", "-o", "r.html"] if field in ("licenses", "sources") else ["domains"]
    meta = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    meta[field] = value
    (pkg / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    result = _clean(harness.check(["--data", pkg, *command], cwd=tmp_path))
    assert result.exit_code == 1
    assert f"{pkg / 'datapackage.json'}: {message}" in _one_error(result.stderr)


def test_5_a_resource_path_with_a_nul_byte(pkg, tmp_path):
    meta = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    next(r for r in meta["resources"] if r["name"] == "regions")["path"] = "reg\x00ions.csv"
    (pkg / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    result = _clean(harness.check(["--data", pkg, "regions"], cwd=tmp_path))
    assert result.exit_code == 1
    assert "the path of the 'regions' resource contains a NUL character (\\x00)" in result.stderr


# --------------------------------------------------------------------------- 6. large finite values


def test_6_huge_values_render_in_scientific_notation(pkg, tmp_path):
    harness.set_observation(pkg, "gdp", "2019", "1e29")
    shown = _clean(harness.check(["--data", pkg, "show", "gdp", "-f", "table"], cwd=tmp_path))
    assert "1e+29" in shown.stdout
    _clean(harness.check(["--data", pkg, "show", "economy", "-f", "table", "--lang", "zh"], cwd=tmp_path))


@pytest.mark.parametrize(
    "value,kind,figure", [("2e19", "line", "x.svg"), ("1e29", "bar", "x.png"), ("-1e-310", "bar", "x.png")]
)
def test_6_charts_draw_or_skip_with_a_note(pkg, tmp_path, value, kind, figure):
    pytest.importorskip("matplotlib")
    harness.set_observation(pkg, "disposable_income_rural", "2019", value)
    args = ["--data", pkg, "chart", "disposable_income_rural", "-k", kind]
    result = _clean(harness.check([*args, "-o", figure], cwd=tmp_path))
    assert result.exit_code == 0 or "cannot draw a chart" in _one_error(result.stderr)
    _clean(harness.check(args, cwd=tmp_path, people=True))


def test_6_the_report_with_a_huge_value(pkg, tmp_path):
    pytest.importorskip("matplotlib")
    harness.set_observation(pkg, "disposable_income_rural", "2019", "2e19")
    report = _clean(harness.check(["--data", pkg, "report", "-o", "r.html"], cwd=tmp_path))
    assert report.exit_code == 0 and (tmp_path / "r.html").stat().st_size > 10_000


def test_6_an_undrawable_span_is_one_line():
    from gzkit import charts

    with pytest.raises(charts.Undrawable, match="cannot draw a chart of values from -1.7e"):
        charts.nice_ticks(-1.7e308, 1.7e308)
    assert charts.nice_ticks(-5e-324, 0.0)[0][-1] >= 0  # a span too small to divide is padded, not a crash


def test_6_a_unit_multiplier_of_1e308(pkg, tmp_path):
    table = harness.rows(pkg, "units")
    line = next(n for n, r in enumerate(table, start=1) if r[0] == "100m_yuan")
    harness.set_cell(pkg, "units", line, "multiplier", "1e308")
    result = _clean(harness.check(["--data", pkg, "show", "economy", "-f", "table"], cwd=tmp_path))
    assert result.exit_code == 0 and "gdp" in result.stdout


# --------------------------------------------------------------------------- 7. inf in output


def test_7_an_overflowing_ratio_is_empty_with_a_note_in_every_format(pkg, tmp_path):
    harness.set_observation(pkg, "disposable_income_rural", "2019", "1e-310")
    for fmt in ("csv", "tsv", "json", "jsonl", "table", "markdown"):
        _clean(harness.check(["--data", pkg, "gap", "-f", fmt], cwd=tmp_path))
    rows = json.loads(harness.run(["--data", pkg, "gap", "-f", "json"]).stdout)
    gz = next(r for r in rows if r["region"] == "guangzhou" and r["year"] == 2019)
    assert gz["ratio"] is None and gz["note"] == "undefined: the ratio is too large to represent"
    lines = harness.run(["--data", pkg, "gap", "-f", "csv"]).stdout.splitlines()
    csv_line = next(line for line in lines if line.startswith("guangzhou,2019,"))
    assert ",,65052,=,undefined: the ratio is too large to represent" in csv_line


def test_7_the_guard():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert finite.rounded(1e303, 6) == 1e303  # np.round(1e303, 6) is inf
        assert finite.rounded(2.2534291, 6) == 2.253429
        assert list(finite.rounded([float("inf"), 1.5, float("nan")], 2)[1:2]) == [1.5]
        assert all(v != v for v in finite.rounded([float("inf"), -float("inf")], 2))  # NaN, not inf
    import pandas as pd

    framed = finite.frame(pd.DataFrame({"ratio": [2.0, float("inf")], "note": ["", "x"]}))
    assert framed["ratio"].isna().tolist() == [False, True]
    assert framed["note"].tolist() == ["", "x; undefined: ratio is too large to represent"]


# --------------------------------------------------------------------------- 8. --force keeps permissions


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize("mode", [0o600, 0o444, 0o640])
def test_8_force_keeps_the_replaced_files_mode(invoke, tmp_path, mode):
    target = tmp_path / "d.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(mode)
    result = invoke("domains", "-o", target, "--force")
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text(encoding="utf-8").startswith("domain,")


def test_8_a_new_file_gets_the_umask_mode(invoke, tmp_path):
    umask = os.umask(0o022)
    try:
        assert invoke("domains", "-o", tmp_path / "new.csv").exit_code == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644


# --------------------------------------------------------------------------- 9. signals


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_9_a_signal_during_a_write_leaves_no_temporary_file(tmp_path, signame):
    code = textwrap.dedent(
        f"""
        import signal, sys, time
        from gzkit import writer
        # A shell that starts a job in the background leaves it SIGINT ignored, and Python then never
        # raises KeyboardInterrupt: restore what a terminal's Ctrl-C reaches.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        def slow(fh):
            fh.write("x" * 100000)
            fh.flush()
            print("writing", flush=True)
            time.sleep(30)
        try:
            writer.write_file({str(tmp_path / "r.json")!r}, slow)
        except KeyboardInterrupt:
            sys.exit(130)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=_env())
    assert proc.stdout.readline().strip() == "writing"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # the temporary exists now
    proc.send_signal(getattr(signal, signame))
    returncode = proc.wait(timeout=30)
    # SIGTERM and SIGHUP end the process by the signal itself (the parent sees "terminated by SIGTERM");
    # SIGINT is Python's KeyboardInterrupt, which the script turns into the shell's 130.
    assert returncode == (130 if signame == "SIGINT" else -getattr(signal, signame))
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- 10. the path policy


def test_10_a_link_out_of_the_package_is_refused(pkg, tmp_path):
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (pkg / "regions.csv").unlink()
    (pkg / "regions.csv").symlink_to(outside)
    result = _clean(harness.check(["--data", pkg, "regions"], cwd=tmp_path))
    assert result.exit_code == 1
    assert f"{pkg / 'regions.csv'}: lies outside the package folder" in _one_error(result.stderr)


def test_10_a_link_inside_the_package_is_followed(pkg):
    (pkg / "tables").mkdir()
    (pkg / "regions.csv").rename(pkg / "tables" / "regions.csv")
    (pkg / "regions.csv").symlink_to(pkg / "tables" / "regions.csv")
    assert len(gzkit.load(pkg).regions) == 3


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_10_a_fifo_and_a_device_are_refused_without_blocking(pkg, tmp_path):
    (pkg / "units.csv").unlink()
    os.mkfifo(pkg / "units.csv")
    start = time.monotonic()
    result = _gzkit("--data", pkg, "domains", timeout=30)
    assert result.returncode == 1 and "units.csv: is a FIFO, not a regular file" in _one_error(result.stderr)
    # Completion on the same package answers at once with nothing from the FIFO.
    (pkg / "indicators.csv").unlink()
    os.mkfifo(pkg / "indicators.csv")
    env = _env(GZKIT_DATA=str(pkg), _GZKIT_COMPLETE="complete_bash", COMP_WORDS="gzkit growth g", COMP_CWORD="2")
    assert _gzkit(env=env, timeout=30).stdout.split() == []
    (pkg / "indicators.csv").unlink()
    (pkg / "indicators.csv").symlink_to("/dev/zero")
    assert _gzkit(env=env, timeout=30).stdout.split() == []
    assert time.monotonic() - start < 25


def test_10_an_oversized_file_is_refused(pkg, monkeypatch):
    size = (pkg / "observations.csv").stat().st_size
    monkeypatch.setattr(package_files, "MAX_FILE_BYTES", size - 1)
    (pkg / "observations.csv").rename(pkg / "a.csv")  # the largest file, read first once renamed back
    (pkg / "a.csv").rename(pkg / "observations.csv")
    for name in ("domains", "regions", "units", "indicators", "targets"):
        assert (pkg / f"{name}.csv").stat().st_size < size
    with pytest.raises(DataError, match=r"observations.csv: is larger than the .* a package file may have"):
        gzkit.load(pkg)


# --------------------------------------------------------------------------- 11. usage errors, one line


@pytest.mark.parametrize(
    "args,line",
    [
        (
            ["compare", "abc", "2019"],
            "Error: Invalid value for 'YEAR_A': 'abc' is not an integer. Run `gzkit compare --help` for usage.",
        ),
        (
            ["domains", "--frobnicate"],
            "Error: No such option: --frobnicate (Possible options: --force, --format). "
            "Run `gzkit domains --help` for usage.",
        ),
        (["nonsense"], "Error: No such command 'nonsense'. Run `gzkit --help` for usage."),
    ],
)
def test_11_usage_errors_are_one_line(monkeypatch, capsys, args, line):
    from gzkit import cli

    monkeypatch.setattr(sys, "argv", ["gzkit", *args])
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 2
    assert capsys.readouterr().err == line + "\n"


def test_11_in_a_real_process():
    proc = _gzkit("compare", "2015", "x")
    assert proc.returncode == 2
    assert _one_error(proc.stderr) == (
        "Error: Invalid value for 'YEAR_B': 'x' is not an integer. Run `gzkit compare --help` for usage."
    )


# --------------------------------------------------------------------------- 12. ASCII periods


@pytest.mark.parametrize("period", ["٢٠١٩", "２０１９", "2016-２０１９"])
def test_12_periods_take_ascii_digits_only(pkg, period):
    harness.set_cell(pkg, "observations", 2, "period", period)
    with pytest.raises(DataError, match="column 'period'.*does not match the pattern"):
        gzkit.load(pkg)


@pytest.mark.parametrize(
    "args,name",
    [
        (["compare", "٢٠١٥", "2019"], "'YEAR_A'"),
        (["gap", "--year=２０１９"], "'--year'"),
        (["growth", "gdp", "--from", "٢٠١٥"], "'--from'"),
    ],
)
def test_12_years_take_ascii_digits_only(monkeypatch, capsys, invoke, args, name):
    from gzkit import cli

    result = invoke(*args)
    assert result.exit_code == 2 and "is not a year in the digits 0-9 (2015)." in result.stderr
    monkeypatch.setattr(sys, "argv", ["gzkit", *args])
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 2
    line = _one_error(capsys.readouterr().err)
    assert line.startswith(f"Error: Invalid value for {name}") and "is not a year in the digits 0-9 (2015)." in line


# --------------------------------------------------------------------------- 13. small things


def test_13_term_dumb_gets_no_colour(monkeypatch):
    class Tty:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert wants_color(Tty())
    monkeypatch.setenv("TERM", "dumb")
    assert not wants_color(Tty())
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_color(Tty())


def test_13_an_unusable_home_gives_matplotlib_a_temporary_folder(tmp_path):
    pytest.importorskip("matplotlib")
    home = tmp_path / "gone" / "home"  # HOME names a folder that does not exist
    env = _env(HOME=str(home))
    env.pop("XDG_CONFIG_HOME", None)
    env.pop("XDG_CACHE_HOME", None)
    env.pop("MPLCONFIGDIR", None)
    proc = _gzkit("chart", "gdp", "-o", tmp_path / "gdp.svg", env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "matplotlib" not in proc.stderr.lower() and "Traceback" not in proc.stderr
    assert not (tmp_path / "gone").exists()  # matplotlib made no folders of its own
    assert not [p for p in Path(tempfile.gettempdir()).glob("gzkit-matplotlib-*") if p.stat().st_mtime > START]


def test_13_a_nul_in_a_csv_value_is_visible_in_the_message(pkg, tmp_path):
    harness.set_cell(pkg, "observations", 4, "qualifier", "a\x00b")
    result = _clean(harness.check(["--data", pkg, "gap"], cwd=tmp_path))
    assert "'a\\x00b' is not one of" in _one_error(result.stderr)
