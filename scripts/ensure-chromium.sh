#!/usr/bin/env bash
# Makes sure headless Chromium and ChromeDriver (Debian packages "chromium" and "chromium-driver") are installed,
# for the report's real-browser test. Quiet and idempotent: does nothing when both are already there.
# fonts-dejavu-core comes along so that text renders in a minimal image (recommends are skipped).
# Exit 0 when /usr/bin/chromium works, non-zero with a message on stderr when it cannot be installed.
set -u

have_chromium() {
  command -v chromium >/dev/null 2>&1 && chromium --version >/dev/null 2>&1
}

if have_chromium && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: apt-get not found; install Chromium yourself (Debian packages chromium, chromium-driver)" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "ensure-chromium: not root and no password-less sudo; cannot install chromium chromium-driver" >&2
    exit 1
  fi
fi

log="$(mktemp -t ensure-chromium.XXXXXX)"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq >"$log" 2>&1; then
  echo "ensure-chromium: apt-get update failed (see below)" >&2; tail -n 20 "$log" >&2; rm -f "$log"; exit 1
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >>"$log" 2>&1; then
  echo "ensure-chromium: apt-get install chromium chromium-driver failed (see below)" >&2; tail -n 20 "$log" >&2; rm -f "$log"; exit 1
fi
rm -f "$log"

if ! have_chromium; then
  echo "ensure-chromium: chromium was installed but does not start" >&2
  exit 1
fi
exit 0
