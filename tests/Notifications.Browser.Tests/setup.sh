#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (Playwright drives it; its own browser download is not used).
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium
