"""The long fuzz run, by hand: ``python -m tests.fuzz --minutes 60`` from the project folder.

Hypothesis draws command lines (the real commands and options, with junk) and
data packages (the bundled one with cells, rows, columns, bytes and the
descriptor damaged, hostile values put into observations, escape sequences into
names, resources replaced by links out of the package, FIFOs and oversized
files), runs gzkit on each in this process, and checks every outcome with the
hostile-input harness (tests/hostile/harness.py): no traceback, an exit status
of 0, 1 or 2, one error line, no inf or nan, no stray file, no raw control
character for a terminal. It runs in rounds of ``--round`` examples with fresh
random seeds until the time is up, keeps going after a failure, and ends with a
summary line: cases run, failures, and the first falsifying example of each.

Exit status: 0 when no case failed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as seeded
from hypothesis import strategies as st
from tests.hostile import harness
from tests.test_fuzz import MUTATION, PACKAGE_COMMANDS, _mutate, command_lines

HOSTILE_VALUES = ["0", "-1", "1e-310", "2e19", "1e29", "5e-324", "1.7e308", "-1e29", "-1e-310", "1e15", "0.5"]
HOSTILE_TEXT = [
    "Guang\x1b[2J\x1b]0;title\x07zhou",
    "a\nError: fake",
    "\x00",
    "\u202eevil",
    "[red]x[/red]",
    ":smile:",
    "\r",
    "x" * 5000,
]
TEXT_COLUMNS = {
    "regions": ["name_en", "name_zh"],
    "domains": ["name_en", "name_zh"],
    "indicators": ["name_en", "name_zh", "description", "description_zh"],
    "observations": ["source", "vintage", "evidence", "note"],
    "units": ["name_en", "name_zh"],
}

#: Extra damage beyond tests/test_fuzz.py's mutations: the review's own attacks.
ATTACK = st.one_of(
    st.tuples(st.just("value"), st.integers(2, 202), st.sampled_from(HOSTILE_VALUES)),
    st.tuples(
        st.just("text"),
        st.sampled_from(sorted(TEXT_COLUMNS)),
        st.integers(2, 40),
        st.integers(0, 2),
        st.sampled_from(HOSTILE_TEXT),
    ),
    st.tuples(st.just("multiplier"), st.integers(2, 26), st.sampled_from(["1e308", "1e-308", "1e15"])),
    st.tuples(
        st.just("descriptor_field"),
        st.sampled_from(["licenses", "sources", "title", "name", "resources", "description", "version"]),
        st.sampled_from(["MIT", 5, None, [1, 2], {"a": 1}, [None], ["x"], "a\x00b", True]),
    ),
    st.tuples(st.just("link_out"), st.sampled_from(["regions", "units", "domains", "targets"])),
    st.tuples(st.just("fifo"), st.sampled_from(["regions", "units", "targets"])),
    st.tuples(st.just("nul_path"), st.sampled_from(["regions", "units"])),
)

ATTACKS = {"value", "text", "multiplier", "descriptor_field", "link_out", "fifo", "nul_path"}

COMMANDS_ON_PACKAGES = [
    *PACKAGE_COMMANDS,
    ["gap", "-f", "json"],
    ["show", "gdp", "-f", "table"],
    ["show", "livelihood", "-f", "markdown"],
    ["regions", "-f", "table"],
    ["compare", "2015", "2019", "-f", "table", "-r", "all"],
    ["export", "--derived", "-f", "jsonl"],
    ["audit", "-f", "table"],
    ["chart", "disposable_income_rural", "-r", "all"],
    ["chart", "gdp", "-o", "figure.svg"],
    ["chart", "gdp", "-k", "bar", "-o", "figure.png"],
    ["report", "-o", "report.html"],
]


def _attack(root: Path, attack, outside: Path) -> None:
    kind = attack[0]
    needs = root / ("datapackage.json" if kind in ("descriptor_field", "nul_path") else "")
    if kind in ("descriptor_field", "nul_path"):
        try:
            json.loads(needs.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # an earlier mutation removed or broke the descriptor
        if not isinstance(json.loads(needs.read_text(encoding="utf-8")), dict):
            return
    member = root / f"{attack[1]}.csv"
    if kind in ("link_out", "fifo") and (member.is_symlink() or not member.is_file()):
        return
    if kind in ("value", "multiplier", "text"):
        name = {"value": "observations", "multiplier": "units"}.get(kind, attack[1])
        try:
            harness.rows(root, name)
        except (OSError, UnicodeDecodeError, ValueError):
            return
    if kind == "value":
        table = harness.rows(root, "observations")
        if attack[1] <= len(table):
            table[attack[1] - 1][table[0].index("value")] = attack[2]
            harness.write_rows(root, "observations", table)
    elif kind == "text":
        name, line, k, text = attack[1:]
        table = harness.rows(root, name)
        cols = [c for c in TEXT_COLUMNS[name] if c in table[0]]
        if cols and line <= len(table):
            table[line - 1][table[0].index(cols[k % len(cols)])] = text
            harness.write_rows(root, name, table)
    elif kind == "multiplier":
        table = harness.rows(root, "units")
        if attack[1] <= len(table):
            table[attack[1] - 1][table[0].index("multiplier")] = attack[2]
            harness.write_rows(root, "units", table)
    elif kind == "descriptor_field":
        file = root / "datapackage.json"
        meta = json.loads(file.read_text(encoding="utf-8"))
        meta[attack[1]] = attack[2]
        file.write_text(json.dumps(meta), encoding="utf-8")
    elif kind == "link_out":
        target = outside / f"{attack[1]}.csv"
        shutil.copy(root / f"{attack[1]}.csv", target)
        (root / f"{attack[1]}.csv").unlink()
        (root / f"{attack[1]}.csv").symlink_to(target)
    elif kind == "fifo":
        (root / f"{attack[1]}.csv").unlink()
        os.mkfifo(root / f"{attack[1]}.csv")
    elif kind == "nul_path":
        file = root / "datapackage.json"
        meta = json.loads(file.read_text(encoding="utf-8"))
        for r in meta.get("resources", []) if isinstance(meta.get("resources"), list) else []:
            if isinstance(r, dict) and r.get("name") == attack[1]:
                r["path"] = "reg\x00ions.csv"
        file.write_text(json.dumps(meta), encoding="utf-8")


class Tally:
    def __init__(self):
        self.cases = 0
        self.failures: list[str] = []


def _round(tally: Tally, examples: int, seed: int, deadline: float) -> None:
    config = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )

    @seeded(seed)
    @config
    @given(args=command_lines())
    def arguments(args):
        if time.monotonic() > deadline:
            return
        with tempfile.TemporaryDirectory() as tmp:
            tally.cases += 1
            outcome = harness.check(args, cwd=Path(tmp))
            assert not outcome.problems, f"gzkit {args!r}: {outcome.problems}"

    @seeded(seed)
    @config
    @given(
        damage=st.lists(st.one_of(MUTATION, ATTACK, ATTACK), min_size=1, max_size=3),
        command=st.sampled_from(COMMANDS_ON_PACKAGES),
    )
    def packages(damage, command):
        if time.monotonic() > deadline:
            return
        with tempfile.TemporaryDirectory() as tmp:
            tally.cases += 1
            root = harness.copy_package(Path(tmp) / "pkg")
            outside = Path(tmp) / "outside"
            outside.mkdir()
            work = Path(tmp) / "work"
            work.mkdir()
            # Links and FIFOs last: damage that reads a file must not open a FIFO (it would wait for a writer).
            for d in sorted(damage, key=lambda d: d[0] in ("fifo", "link_out")):
                if d[0] in ATTACKS:
                    try:
                        _attack(root, d, outside)
                    except (OSError, ValueError, IndexError, KeyError, TypeError):
                        pass  # earlier damage left nothing this attack can hold on to: run with what is there
                else:
                    _mutate(root, d)
            says_nan = any(w in repr(damage).lower() for w in ("nan", "inf"))
            outcome = harness.check(["--data", str(root), *command], cwd=work, data_says_nan=says_nan)
            problems = list(outcome.problems)
            attacks_only = all(d[0] in ATTACKS for d in damage)
            if attacks_only and any(d[0] in ("link_out", "fifo", "nul_path") for d in damage) and not outcome.exit_code:
                problems.append("a package file outside the policy was read")
            assert not problems, f"gzkit --data PKG {command!r} after {damage!r}: {problems}"

    for test in (arguments, packages):
        random.seed(seed)
        try:
            test()
        except Exception as exc:  # noqa: BLE001 - a failing case is recorded and the run goes on
            for one in getattr(exc, "exceptions", None) or [exc]:
                first = str(one).splitlines()[0] if str(one) else type(one).__name__
                tally.failures.append(f"seed {seed} {test.__name__}: {type(one).__name__}: {first[:600]}")
            traceback.print_exc(limit=3, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--round", type=int, default=100, help="examples per strategy and round (default 100)")
    parser.add_argument("--seed", type=int, default=None, help="first seed (default: from the clock)")
    parser.add_argument("--log", type=Path, default=None, help="append the summary line to this file")
    opts = parser.parse_args(argv)
    os.environ.pop("GZKIT_DATA", None)
    os.environ.pop("GZKIT_LANG", None)
    os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
    os.environ["COLUMNS"] = "200"
    start = time.monotonic()
    deadline = start + opts.minutes * 60
    seed = opts.seed if opts.seed is not None else int(time.time())
    tally = Tally()
    rounds = 0
    while time.monotonic() < deadline:
        _round(tally, opts.round, seed + rounds, deadline)
        rounds += 1
        print(
            f"round {rounds}: {tally.cases} cases, {len(tally.failures)} failures, "
            f"{(time.monotonic() - start) / 60:.1f} min",
            file=sys.stderr,
            flush=True,
        )
    minutes = (time.monotonic() - start) / 60
    summary = (
        f"fuzz: {tally.cases} cases in {minutes:.1f} minutes ({rounds} rounds, seeds {seed}-{seed + rounds - 1}), "
        f"{len(tally.failures)} failures"
    )
    print(summary)
    for failure in tally.failures:
        print("  " + failure)
    if opts.log:
        with open(opts.log, "a", encoding="utf-8") as fh:
            fh.write(summary + "\n" + "".join(f"  {f}\n" for f in tally.failures))
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
