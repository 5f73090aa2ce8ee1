"""Two installations of gzkit on the same commands, run alternately: wall and CPU seconds, same output or not.

For checking that a change did not make a command slower on a shared machine:
the two versions take turns, so a burst of load from other jobs hits both alike,
and CPU seconds (user + system of the child, from ``os.wait4``) move far less
with the machine's load than wall time. Each run's stdout is hashed, so the
table also says whether both versions wrote the same bytes.

Usage::

    python benchmarks/alternate.py NEW_GZKIT OLD_GZKIT -n 11 -- show economy -f csv
    python benchmarks/alternate.py .venv/bin/gzkit ../main/.venv/bin/gzkit -- compare 2015 2019 -f csv

Each ``NEW_GZKIT``/``OLD_GZKIT`` is a gzkit executable (or a Python interpreter
followed by ``-m gzkit`` given as one quoted argument).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


def run(argv: list[str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + system) and the SHA-256 of stdout of one run of ``argv``."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"{shlex.join(argv)} failed ({proc.returncode})")
        out.seek(0)
        digest = hashlib.sha256(out.read()).hexdigest()
    return wall, usage.ru_utime + usage.ru_stime, digest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("new", help="the gzkit to measure")
    parser.add_argument("old", help="the gzkit to compare with")
    parser.add_argument("-n", "--runs", type=int, default=11, help="runs of each version (default 11)")
    parser.add_argument("command", nargs="+", help="gzkit's arguments, after --")
    args = parser.parse_args()
    versions = {"new": shlex.split(args.new), "old": shlex.split(args.old)}
    for argv in versions.values():  # bytecode written, page cache warm
        run([*argv, *args.command])
    walls: dict[str, list[float]] = {name: [] for name in versions}
    cpus: dict[str, list[float]] = {name: [] for name in versions}
    digests: dict[str, set[str]] = {name: set() for name in versions}
    for _ in range(args.runs):
        for name, argv in versions.items():
            wall, cpu, digest = run([*argv, *args.command])
            walls[name].append(wall)
            cpus[name].append(cpu)
            digests[name].add(digest)
    print(
        f"`gzkit {shlex.join(args.command)}`, {args.runs} alternating runs each, load average {os.getloadavg()[0]:.2f}"
    )
    print("| version | median wall s | wall range | median CPU s | CPU range |")
    print("| --- | ---: | --- | ---: | --- |")
    for name in versions:
        w, c = walls[name], cpus[name]
        print(
            f"| {name} | {statistics.median(w):.3f} | {min(w):.3f}–{max(w):.3f} "
            f"| {statistics.median(c):.3f} | {min(c):.3f}–{max(c):.3f} |"
        )
    same = len(digests["new"] | digests["old"]) == 1
    print("same output bytes" if same else "OUTPUT DIFFERS")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
