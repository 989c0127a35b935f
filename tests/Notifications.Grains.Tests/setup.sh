#!/usr/bin/env bash
# Installs the servers the cluster-profile suites start privately: Debian's redis-server (membership and reminders
# on Redis; its system service is not used), Debian's PostgreSQL (the campaign scenarios on PostgreSQL, through the
# storage tests' setup) and npm's azurite (Azure Table grain state, Azure Queue campaign streams). Idempotent.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ ! -x /usr/bin/redis-server ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends redis-server || { apt-get update && apt-get install -y --no-install-recommends redis-server; }
  # The package starts a system-wide server on 6379; the tests never use it.
  if command -v systemctl >/dev/null && systemctl is-active --quiet redis-server 2>/dev/null; then
    systemctl stop redis-server || true
  fi
fi

bash "$here/../Notifications.Storage.Tests/setup.sh"
bash "$here/../../scripts/npm-ci.sh" "$here/azurite"
