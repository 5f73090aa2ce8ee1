#!/usr/bin/env bash
# Mutation testing, run by hand (not in CI): mutates the modules named under [tool.mutmut] in
# pyproject.toml, runs the tests named there against every mutant and prints the survivors and the
# score (killed / tested). docs/testing.md records the last score and why each survivor is harmless.
#
#   pip install mutmut && tools/mutation.sh          # JOBS=2 by default; JOBS=8 on a larger machine
set -euo pipefail
cd "$(dirname "$0")/.."

rm -rf mutants  # a fresh run: mutmut otherwise reuses results from before a change to the tests
mutmut run --max-children "${JOBS:-2}" >/dev/null
mutmut results
mutmut export-cicd-stats >/dev/null
python3 - <<'PY'
import json

stats = json.load(open("mutants/mutmut-cicd-stats.json"))
tested = stats["total"] - stats["skipped"]
killed = stats["killed"] + stats["timeout"]
print(f"mutation score: {killed}/{tested} killed = {100 * killed / tested:.1f}% ({stats['survived']} survived)")
PY
