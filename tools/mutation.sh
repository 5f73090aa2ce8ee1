#!/usr/bin/env bash
# Mutation testing, run by hand (not in CI): mutates the modules named under [tool.mutmut] in
# pyproject.toml, runs the tests named there against every mutant and prints, per module, the
# mutants tested, killed, timed out and survived, those not run, the score ((killed + timeouts) /
# tested) and the wall time of the run. docs/testing.md records the last scores and why each
# surviving mutant is harmless.
#
#   pip install '.[test,mutation]'
#   tools/mutation.sh                        # every module (long: run it on a quiet machine)
#   tools/mutation.sh 'gzkit.numerals*'      # one module at a time: mutant names, * matches anything
#   tools/mutation.sh 'gzkit.gap*' 'gzkit.targets*'   # several modules in one run
#   JOBS=8 tools/mutation.sh                 # JOBS=2 by default
#   tools/mutation.sh --summary              # the table of the last run again, without running
#
# A run starts afresh: mutmut would otherwise reuse results from before a change to the tests.
# To try some mutants again after writing tests, run `mutmut run NAME ...` and then --summary.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
if [ "${1:-}" != "--summary" ]; then
    rm -rf mutants
    mutmut run --max-children "${JOBS:-2}" "$@" >/dev/null || true
    echo "wall time: $(( $(date +%s) - started )) s"
fi
mutmut results --all true | python3 <(cat <<'PY'
import collections
import sys

counts = collections.defaultdict(collections.Counter)
for line in sys.stdin:
    name, _, status = line.strip().rpartition(": ")
    if "__mutmut_" not in name:
        continue
    # gzkit.core.x_compare__mutmut_12 -> gzkit.core; a method: gzkit.notes.xǁListingǁrender__mutmut_3
    module = name.split(".x")[0] if ".x" in name else name.rsplit(".", 2)[0]
    counts[module][status] += 1
header = ("module", "tested", "killed", "timeouts", "survived", "not run", "score")
print(f"{header[0]:<20} {header[1]:>7} {header[2]:>7} {header[3]:>9} {header[4]:>9} {header[5]:>8}  {header[6]}")
for module, c in sorted(counts.items()):
    caught = c["killed"] + c["timeout"]
    tested = caught + c["survived"] + c["suspicious"]
    rest = sum(c.values()) - tested
    score = f"{100 * caught / tested:.1f}%" if tested else "-"
    print(f"{module:<20} {tested:>7} {c['killed']:>7} {c['timeout']:>9} {c['survived']:>9} {rest:>8}  {score}")
PY
)
