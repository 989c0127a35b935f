#!/usr/bin/env bash
# Installs clients/web's npm devDependencies (esbuild, typescript) for its node --test suite.
# Idempotent: runs `npm ci` only when node_modules is missing or was installed from another lock file.
set -euo pipefail
cd "$(dirname "$0")/../../clients/web"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup.sh: node and npm are required (Debian: apt-get install -y nodejs npm)" >&2
  exit 1
fi

stamp=node_modules/.lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi

npm ci --no-audit --no-fund
echo "$want" > "$stamp"
