#!/usr/bin/env bash
# Installs Debian's PostgreSQL server (the silo-on-PostgreSQL tests) and redis-server (the two-silo cluster tests).
# The tests start private instances (tests/Notifications.Testing: PostgresServer, RedisServer: a temp directory, a free
# loopback port); the packages' own services are not used. Idempotent.
set -euo pipefail
missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || missing+=(postgresql)
[[ -x /usr/bin/redis-server ]] || missing+=(redis-server)
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
