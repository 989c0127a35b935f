#!/usr/bin/env bash
# The campaign scenarios also run on PostgreSQL (PostgresCampaignTests): the same server package as the storage tests.
set -euo pipefail
exec "$(dirname "$0")/../Notifications.Storage.Tests/setup.sh"
