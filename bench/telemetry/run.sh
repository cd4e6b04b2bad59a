#!/usr/bin/env bash
# Live-outputs benchmark: the open model at 10,000 requests/s against a local nginx, once with every live output off
# and once with all of them on (jsonl, Prometheus /metrics scraped every second, OTLP to a collector that accepts
# connections and never answers, the dashboard with a page reading its event stream). Prints both runs and the
# ratios; commits nothing.
#
#   bench/telemetry/run.sh                  # 20 s each at 10,000 requests/s
#   RATE=5000 DURATION=10 bench/telemetry/run.sh
#
# Target (from the issue): with all outputs on, the run holds >= 99 % of its schedule and its p99 start lateness
# stays under 2 ms; the on/off ratio shows what the outputs cost.
set -euo pipefail

RATE=${RATE:-10000}
DURATION=${DURATION:-20}
NGINX_WORKERS=${NGINX_WORKERS:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/loadlab-bench-telemetry.XXXXXX)
NGINX_PID=""
HOLE_PID=""

cleanup() {
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; fi
  if [[ -n "$HOLE_PID" ]] && kill -0 "$HOLE_PID" 2>/dev/null; then kill "$HOLE_PID"; wait "$HOLE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx-light
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# ---- the target: nginx-light answering 200 (as bench/engine/run.sh) ----------------------------------------------
PORT=$(freeport)
mkdir -p "$WORK/nginx/logs"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes $NGINX_WORKERS;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 120s;
  server {
    listen 127.0.0.1:$PORT backlog=4096;
    location / { default_type application/json; return 200 '{"predictions":[0.5]}'; }
  }
}
CONF
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT/"

# ---- a dead collector: accepts TCP connections, never answers ---------------------------------------------------
HOLE=$(freeport)
python3 - "$HOLE" <<'PY' &
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(128)
held = []
while True:
    c, _ = s.accept(); held.append(c)
PY
HOLE_PID=$!

# ---- the driver (Release) ---------------------------------------------------------------------------------------
export LOADLAB_ARTIFACTS=${LOADLAB_ARTIFACTS:-/tmp/art-telemetry-bench}
dotnet build -c Release "$ROOT/bench/telemetry/LoadLab.Telemetry.Bench" -v q -nologo >/dev/null
DLL=$(find "$LOADLAB_ARTIFACTS/bin/LoadLab.Telemetry.Bench" -name LoadLab.Telemetry.Bench.dll -path '*release*' | head -1)
field() { tr ' ' '\n' | sed -n "s/^$1=//p"; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.3f}' if b>0 else 'n/a')" "$1" "$2"; }

OFF=$(dotnet "$DLL" off "$URL" "$RATE" "$DURATION")
echo "outputs off: $OFF"
ON=$(dotnet "$DLL" on "$URL" "$RATE" "$DURATION" "$(freeport)" "$(freeport)" "http://127.0.0.1:$HOLE/v1/metrics" "$WORK/live.jsonl")
echo "outputs on:  $ON"
echo "jsonl lines written: $(wc -l < "$WORK/live.jsonl")"
echo
echo "open model at $RATE requests/s for ${DURATION} s, all live outputs on:"
echo "  held_fraction $(echo "$ON" | field held) (target >= 0.99; off: $(echo "$OFF" | field held); on/off ratio $(ratio "$(echo "$ON" | field held)" "$(echo "$OFF" | field held)"))"
echo "  start lateness p99 $(echo "$ON" | field lateness_p99_ms) ms (target < 2; off: $(echo "$OFF" | field lateness_p99_ms) ms; on/off ratio $(ratio "$(echo "$ON" | field lateness_p99_ms)" "$(echo "$OFF" | field lateness_p99_ms)"))"
echo "  telemetry items dropped $(echo "$ON" | field telemetry_dropped_items), /metrics scrapes $(echo "$ON" | field scrapes), event-stream bytes read $(echo "$ON" | field event_stream_bytes)"
