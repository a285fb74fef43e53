#!/usr/bin/env bash
# The README's second command (npm test): installs what is missing, type-checks,
# then runs every unit and e2e test (e2e against a real PostgreSQL).
# Extra arguments go to Jest, e.g. `npm test -- test/demo-plan.e2e-spec.ts`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh

# Tools are called from node_modules/.bin directly: npx run from inside an npm
# script has been seen to crash (segmentation fault) with npm 11 on this platform.

echo "Type-checking..."
node_modules/.bin/tsc --noEmit -p tsconfig.json

mkdir -p .data
results=.data/jest-results.json
rm -f "$results"
status=0
node_modules/.bin/jest --ci --json --outputFile="$results" "$@" || status=$?

# One plain closing line with the totals, whatever Jest's own summary looks like.
if [ -f "$results" ]; then
  node -e '
    const r = require(process.argv[1]);
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
    if (r.numTotalTests === 0) { console.error("No tests ran."); process.exit(1); }
  ' "$PWD/$results" || status=1
fi
exit $status
