#!/usr/bin/env bash
# The README's first command (npm run demo): installs, builds and starts the web
# pages and the API in demo mode on http://127.0.0.1:3000/ with an embedded PostgreSQL under .data/
# (kept between runs) and the 2012 Southampton plan loaded into an empty database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
echo "Building..."
node_modules/.bin/nest build
export DEMO_MODE="${DEMO_MODE:-true}"
# The demo plan is Southampton's, so its pages carry that council's name.
export COUNCIL_NAME="${COUNCIL_NAME:-Southampton City Council}"
exec node dist/src/main.js
