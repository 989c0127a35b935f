#!/usr/bin/env bash
# Installs Debian's redis-server, which the two-silo cluster tests start privately (own port and temp directory;
# the package's system service is not used). Idempotent.
set -euo pipefail

if [ ! -x /usr/bin/redis-server ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends redis-server || { apt-get update && apt-get install -y --no-install-recommends redis-server; }
fi
