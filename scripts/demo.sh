#!/usr/bin/env bash
# The README's first command (npm run demo): installs, builds and starts the web
# pages and the API in demo mode on http://127.0.0.1:3000/ with an embedded PostgreSQL under .data/
# (kept between runs) and the 2012 Southampton plan loaded into an empty database.
#
# The build (10 s and more) runs only when something it reads changed since the
# last successful one: dist/.built is stamped when a build starts and kept only
# if it succeeds, so an edit made during a build, or a failed build, builds again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
stamp=dist/.built
stale() {
  [ -f "$stamp" ] && [ -f dist/src/main.js ] || return 0
  [ -n "$(find src migrations templates package.json package-lock.json tsconfig.json tsconfig.build.json nest-cli.json -newer "$stamp" -print -quit 2>/dev/null)" ]
}
if stale; then
  echo "Building..."
  started=$(mktemp)
  node_modules/.bin/nest build || { rm -f "$started"; exit 1; }
  mv "$started" "$stamp"
else
  echo "Build is up to date (nothing in src/, migrations/ or templates/ changed since)."
fi
export DEMO_MODE="${DEMO_MODE:-true}"
# The demo plan is Southampton's, so its pages carry that council's name.
export COUNCIL_NAME="${COUNCIL_NAME:-Southampton City Council}"
exec node dist/src/main.js
