#!/usr/bin/env bash
# Runs every test of the repository, the way CI does. Installs what the tests need first (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Prerequisites of individual suites (real SMTP server, npm clients, ...) are installed by their own scripts.
for setup in $(find tests -name setup.sh -not -path '*/node_modules/*' | sort); do
  echo "== $setup"
  bash "$setup"
done

dotnet build NotificationSilo.sln -c Release -warnaserror

log=$(mktemp)
status=0
dotnet test NotificationSilo.sln -c Release --no-build --blame-hang-timeout 10m "$@" 2>&1 | tee "$log" || status=$?

# One closing line CI can read, summed over every test project.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
