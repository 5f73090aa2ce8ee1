#!/usr/bin/env bash
# Mutation testing, run by hand (not in CI): mutates the modules named under [tool.mutmut] in
# pyproject.toml, runs the tests named there against every mutant and prints, per module, the
# mutants tested, killed and survived and the score (killed / tested). docs/testing.md records the
# last scores and why each surviving mutant is harmless.
#
#   pip install '.[test,mutation]'
#   tools/mutation.sh                        # every module (long: run it on a quiet machine)
#   tools/mutation.sh 'gzkit.numerals*'      # one module at a time: mutant names, * matches anything
#   JOBS=8 tools/mutation.sh                 # JOBS=2 by default
#
# A run starts afresh: mutmut would otherwise reuse results from before a change to the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

rm -rf mutants
mutmut run --max-children "${JOBS:-2}" "$@" >/dev/null || true
mutmut results --all true | python3 -c '
import collections
import sys

counts = collections.defaultdict(collections.Counter)
for line in sys.stdin:
    name, _, status = line.strip().rpartition(": ")
    if "__mutmut_" not in name:
        continue
    module = name.split(".x")[0].rsplit(".", 1)[0] if ".x_" in name else name.rsplit(".", 2)[0]
    counts[module][status] += 1
print(f"{\"module\":<20} {\"tested\":>7} {\"killed\":>7} {\"survived\":>9} {\"not run\":>8}  score")
for module, c in sorted(counts.items()):
    killed = c["killed"] + c["timeout"]
    tested = killed + c["survived"] + c["suspicious"]
    rest = sum(c.values()) - tested
    score = f"{100 * killed / tested:.1f}%" if tested else "-"
    print(f"{module:<20} {tested:>7} {killed:>7} {c[\"survived\"]:>9} {rest:>8}  {score}")
'
