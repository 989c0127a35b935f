#!/usr/bin/env bash
# Installs the npm packages of the folder given (its package-lock.json, exactly), for a test suite's setup.sh.
# Idempotent: runs `npm ci` only when node_modules is missing or was installed from another lock file.
set -euo pipefail
cd "$1"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "npm-ci.sh: node and npm are required (Debian: apt-get install -y nodejs npm)" >&2
  exit 1
fi

stamp=node_modules/.lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi

npm ci --no-audit --no-fund
echo "$want" > "$stamp"
