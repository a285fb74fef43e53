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
# Test files run side by side, one per core (two at least, four at most): each e2e file has a
# database and a queue prefix of its own, and much of an e2e file's time is spent waiting on
# PostgreSQL, Chromium or the network rather than on the processor. JEST_WORKERS overrides.
workers=${JEST_WORKERS:-$(node -e 'const os = require("os"); console.log(Math.min(4, Math.max(2, (os.availableParallelism ?? (() => os.cpus().length))())))')}
node_modules/.bin/jest --ci --maxWorkers="$workers" --json --outputFile="$results" "$@" || status=$?

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
