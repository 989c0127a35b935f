#!/usr/bin/env bash
# Installs clients/web's npm devDependencies (esbuild, typescript) for its node --test suite.
set -euo pipefail
here="$(dirname "$0")"
exec bash "$here/../../scripts/npm-ci.sh" "$here/../../clients/web"
