#!/usr/bin/env bash
# Installs what the channel tests use besides .NET: Debian's aiosmtpd (a real SMTP server) and the npm
# packages http_ece and twilio (independent implementations our wire output is checked against).
# Idempotent: does nothing when everything is already present.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y python3-aiosmtpd || { apt-get update && apt-get install -y python3-aiosmtpd; }
fi

bash "$here/../../scripts/npm-ci.sh" "$here/interop"
