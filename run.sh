#!/usr/bin/env bash
# LoadLab entry point.
#   ./run.sh            the demo: local stack, default scenario, the whole pipeline (loadlab demo)
#   ./run.sh test       the test suite (dotnet test LoadLab.sln, compressed-clock tests last and alone)
#   ./run.sh <command>  any loadlab command, e.g. ./run.sh run scenarios/my-endpoint.yaml --profile prod
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "error: '$1' is required but not installed. Install it with: $2" >&2
  exit 2
}

need dotnet "see https://learn.microsoft.com/dotnet/core/install/linux (the .NET 10 SDK)"

case "${1:-demo}" in
  test)
    shift || true
    need moto_server "pip install 'moto[server]==5.2.1' boto3"
    # Fonts for the report's charts, Chromium for its real-browser check (Debian packages; the browser test
    # prints a visible skip when they cannot be installed).
    scripts/ensure-report-deps.sh || echo "warning: report fonts could not be installed; chart labels may be missing" >&2
    scripts/ensure-chromium.sh || echo "warning: Chromium could not be installed; the real-browser report test will be skipped" >&2
    # A real Prometheus server for the test that scrapes `run --out prometheus` (skipped, visibly, without it).
    scripts/ensure-prometheus.sh || echo "warning: Prometheus could not be installed; the Prometheus scrape test will be skipped" >&2
    # PowerShell as a local .NET tool (.config/dotnet-tools.json), so the tests run run.ps1 too.
    dotnet tool restore >/dev/null || echo "warning: 'dotnet tool restore' failed; the run.ps1 test will be skipped" >&2
    # With arguments (a --filter, a logger, ...): exactly that dotnet test.
    [ $# -gt 0 ] && exec dotnet test LoadLab.sln "$@"
    # Tests on a compressed endpoint clock (trait Clock=compressed: at x20 a stalled real second is 20 emulated
    # seconds) run after the rest, alone and one project at a time, so the other tests cannot stall them.
    # Tests that measure latency against a bound (trait Timing=sensitive) run with them, for the same reason.
    # The accuracy suite (trait Suite=accuracy: ladders on four fleets of known capacity) runs on demand:
    #   ./run.sh test --filter Suite=accuracy   (LOADLAB_ACCURACY_SEEDS=1,2,3 for more seeds)
    rc=0
    dotnet test LoadLab.sln --filter "Clock!=compressed&Timing!=sensitive&Suite!=accuracy" || rc=$?
    dotnet test LoadLab.sln --no-build --filter "Clock=compressed|Timing=sensitive" -m:1 || { last=$?; [ "$rc" -ne 0 ] || rc=$last; }
    exit "$rc"
    ;;
  *)
    scripts/ensure-report-deps.sh || echo "warning: report fonts could not be installed; chart labels may be missing" >&2
    cfg=Release
    out="$here/artifacts/cli"
    # Reuse the Release build: rebuild only when a source file is newer than the binary.
    if [ ! -x "$out/loadlab" ] || [ -n "$(find src Directory.Build.props Directory.Packages.props -newer "$out/loadlab" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]; then
      dotnet build src/LoadLab.Cli -c "$cfg" -o "$out" --nologo -v quiet >&2
    fi
    [ $# -eq 0 ] && set -- demo
    exec "$out/loadlab" "$@"
    ;;
esac
