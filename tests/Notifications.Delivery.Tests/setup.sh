#!/usr/bin/env bash
# Installs what the delivery tests use besides .NET: Debian's dovecot IMAP server, which the bounce tests start
# privately (own config, port and maildir in a temp directory; the package's system service is not used).
# Idempotent: does nothing when it is already present.
set -euo pipefail

if [ ! -x /usr/sbin/dovecot ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y dovecot-imapd || { apt-get update && apt-get install -y dovecot-imapd; }
fi
