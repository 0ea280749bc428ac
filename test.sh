#!/usr/bin/env bash
# Builds the solution and runs every test project. Usage: ./test.sh [extra dotnet test args]
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# npm packages the tests need (Azurite for the storage tests), installed when missing.
if [ -f package.json ] && [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi

dotnet build Kimera.sln -c Release -warnaserror
results="${TEST_RESULTS_DIR:-$PWD/artifacts/test-results}"
mkdir -p "$results"
status=0
for project in tests/*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build \
    --logger "console;verbosity=normal" --logger "trx;LogFileName=$name.trx" \
    --results-directory "$results" "$@" || status=1
done
exit $status
