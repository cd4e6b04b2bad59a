#!/usr/bin/env bash
# Policy-backtest benchmark: 14 days of per-minute WorldCup98 traffic x 100 candidate policies must take
# under 5 s on this machine. Prints the time and its ratio to the budget; exits 1 when over budget.
# Usage: bench/simulation/run.sh [trace.csv] [days] [candidates] [repeats]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
trace="${1:-${LOADLAB_WORLDCUP_TRACE:-$here/../../../shared/traces/worldcup98-requests-per-minute.csv}}"
if [ ! -f "$trace" ]; then trace=/work/shared/traces/worldcup98-requests-per-minute.csv; fi
export LOADLAB_ARTIFACTS="${LOADLAB_ARTIFACTS:-/tmp/art-simbench}"
dotnet build "$here/SimBench.csproj" -c Release -nologo -v quiet >/dev/null
exec dotnet "$LOADLAB_ARTIFACTS/bin/SimBench/release/SimBench.dll" "$trace" "${2:-14}" "${3:-100}" "${4:-5}"
