#!/usr/bin/env bash
# Makes sure the report's charts render with real text. ScottPlot draws with SkiaSharp 3.119, whose Linux native
# library (SkiaSharp.NativeAssets.Linux.NoDependencies, shipped in the NuGet package) needs no libfontconfig: it
# finds fonts by scanning /usr/share/fonts. The charts ask for "DejaVu Sans"; without any font the labels would be
# missing. Quiet and idempotent; exit non-zero with a message only when fonts are missing and cannot be installed.
set -u

has_dejavu() {
  ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1 ||
    find /usr/share/fonts /usr/local/share/fonts -iname 'DejaVuSans.ttf' 2>/dev/null | grep -q .
}

has_dejavu && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-report-deps: DejaVu Sans not found and apt-get is unavailable; install the DejaVu fonts (charts fall back to any font found)" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "ensure-report-deps: not root and no password-less sudo; cannot install fonts-dejavu-core" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp -t ensure-report-deps.XXXXXX)"
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends fonts-dejavu-core; } >"$log" 2>&1; then
  echo "ensure-report-deps: installing fonts-dejavu-core failed:" >&2; tail -n 20 "$log" >&2; rm -f "$log"; exit 1
fi
rm -f "$log"
has_dejavu || { echo "ensure-report-deps: fonts-dejavu-core installed but DejaVuSans.ttf not found" >&2; exit 1; }
exit 0
