#!/usr/bin/env bash
# Makes sure a Prometheus server (Debian package "prometheus") is installed, for the test that has a real Prometheus
# scrape `loadlab run --out prometheus`. Quiet and idempotent: does nothing when it is already there. Only the
# binary is used: the tests start their own server on loopback with their own config and storage, and the package's
# own service is not needed (it is stopped if the install started it, so it does not hold port 9090).
# Exit 0 when prometheus runs, non-zero with a message on stderr when it cannot be installed.
set -u

have_prometheus() {
  command -v prometheus >/dev/null 2>&1 && prometheus --version >/dev/null 2>&1
}

if have_prometheus; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-prometheus: apt-get not found; install Prometheus yourself (Debian package prometheus)" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "ensure-prometheus: not root and no password-less sudo; cannot install prometheus" >&2
    exit 1
  fi
fi

log="$(mktemp -t ensure-prometheus.XXXXXX)"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq >"$log" 2>&1; then
  echo "ensure-prometheus: apt-get update failed (see below)" >&2; tail -n 20 "$log" >&2; rm -f "$log"; exit 1
fi
# No recommends: the node exporter and the web assets are not needed to scrape and query.
if ! $SUDO apt-get install -y -qq --no-install-recommends prometheus >>"$log" 2>&1; then
  echo "ensure-prometheus: apt-get install prometheus failed (see below)" >&2; tail -n 20 "$log" >&2; rm -f "$log"; exit 1
fi
rm -f "$log"
# The package may start its own service (where there is an init system to do so); the tests do not use it.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now prometheus >/dev/null 2>&1 || true
fi

if ! have_prometheus; then
  echo "ensure-prometheus: prometheus was installed but does not start" >&2
  exit 1
fi
exit 0
