#!/usr/bin/env bash
# The cluster failover test runs three silo processes on a private redis-server and a private PostgreSQL
# (tests/Notifications.Testing: RedisServer, PostgresServer). Installs Debian's packages if missing; their own
# services are not used.
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
