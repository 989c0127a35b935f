#!/usr/bin/env bash
# Installs the independent gRPC client (@grpc/grpc-js, @grpc/proto-loader) used by the interop suite.
set -euo pipefail
here="$(dirname "$0")"
exec bash "$here/../../../scripts/npm-ci.sh" "$here"
