#!/usr/bin/env bash
# Installs chdb (the ClickHouse engine as a Node addon, ~550 MB) for `npm run test:clickhouse`,
# outside the project's dependencies: into .cache/chdb with its own package.json, so `npm install`
# and `npm test` stay small. Idempotent; CHDB_DIR overrides the place.
set -euo pipefail
cd "$(dirname "$0")/.."
CHDB_VERSION=3.4.0
dir="${CHDB_DIR:-.cache/chdb}"
if [ -f "$dir/node_modules/chdb/package.json" ] && grep -q "\"version\": \"$CHDB_VERSION\"" "$dir/node_modules/chdb/package.json"; then
  exit 0
fi
mkdir -p "$dir"
printf '{\n  "name": "tracectl-chdb",\n  "private": true,\n  "description": "chdb for tracectl'"'"'s ClickHouse test suite, kept out of the project'"'"'s dependencies"\n}\n' > "$dir/package.json"
npm install --prefix "$dir" --no-save --no-audit --no-fund "chdb@$CHDB_VERSION"
