#!/usr/bin/env bash
# Installs Debian's PostgreSQL server for the PostgreSQL stream provider tests (Streams/PostgresStreamsTests). The tests start their own private server
# (tests/Notifications.Testing/PostgresServer.cs: initdb into a temp dir, a free loopback port); the package's own
# cluster service is not used.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql
