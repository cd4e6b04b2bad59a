#!/usr/bin/env bash
# Throughput of `loadlab sim-endpoint` with zero service time, measured by external tools (wrk, hey) on 127.0.0.1.
# Goal: >= 20,000 requests/s on a 2-core machine, so the sim is never the bottleneck of a demo.
#   bench/sim-endpoint/run.sh                 # 10 s per tool, 64 connections
#   DURATION=20 CONNECTIONS=128 bench/sim-endpoint/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${DURATION:-10}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
goal=20000
out="$root/bench/out/sim-endpoint"
mkdir -p "$out"

if ! command -v wrk >/dev/null 2>&1 || ! command -v hey >/dev/null 2>&1; then
  echo "installing wrk and hey (apt-get)" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq wrk hey >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk hey >/dev/null; fi
fi

artifacts="${LOADLAB_ARTIFACTS:-/tmp/loadlab-bench-artifacts}"
bin="$artifacts/bench-sim-endpoint"
echo "building the CLI (Release) into $bin" >&2
LOADLAB_ARTIFACTS="$artifacts" dotnet build "$root/src/LoadLab.Cli" -c Release -o "$bin" --nologo -v quiet >&2

# Zero service time, enough workers and queue that no request is refused: this measures the sim's own overhead.
"$bin/loadlab" sim-endpoint --standalone --port 0 --service-time fixed:0ms --workers 1024 --queue 100000 \
  --metrics-period 10s > "$out/url.txt" 2> "$out/sim.log" &
sim_pid=$!
trap 'kill -TERM $sim_pid 2>/dev/null; wait $sim_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  [ -s "$out/url.txt" ] && break
  kill -0 $sim_pid 2>/dev/null || { echo "the sim endpoint did not start:" >&2; cat "$out/sim.log" >&2; exit 3; }
  sleep 0.1
done
url="$(head -n1 "$out/url.txt")"
case "$url" in http://127.0.0.1:*) ;; *) echo "unexpected URL '$url'" >&2; exit 3;; esac
inv="$url/endpoints/loadlab-sim/invocations"
curl -fsS "$url/ping" >/dev/null
echo "sim endpoint at $url (pid $sim_pid)"

body='{"instances":[[0.1,0.2,0.3,0.4]]}'
cat > "$out/post.lua" <<LUA
wrk.method = "POST"
wrk.body   = '$body'
wrk.headers["Content-Type"] = "application/json"
LUA

# Warm-up (JIT tiering), not measured.
wrk -t"$threads" -c"$connections" -d3s -s "$out/post.lua" "$inv" >/dev/null

wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$out/post.lua" "$inv" | tee "$out/wrk.txt"
wrk_rps="$(awk '/^Requests\/sec:/ {print $2}' "$out/wrk.txt")"
wrk_non2xx="$(awk '/Non-2xx/ {print $NF}' "$out/wrk.txt")"

hey -z "${duration}s" -c "$connections" -m POST -T application/json -d "$body" "$inv" | tee "$out/hey.txt"
hey_rps="$(awk '/Requests\/sec:/ {print $2}' "$out/hey.txt")"
hey_codes="$(awk '/Status code distribution:/,0' "$out/hey.txt" | tr -s ' ' | tr '\n' ' ')"

echo
echo "== sim-endpoint throughput, zero service time, $connections connections, $(nproc) cores (tool and sim share them) =="
awk -v r="$wrk_rps" -v g=$goal 'BEGIN { printf "wrk: %10.0f requests/s   ratio to the %d rps goal: %.2f\n", r, g, r / g }'
[ -n "$wrk_non2xx" ] && echo "wrk: non-2xx responses: $wrk_non2xx"
awk -v r="$hey_rps" -v g=$goal 'BEGIN { printf "hey: %10.0f requests/s   ratio to the %d rps goal: %.2f\n", r, g, r / g }'
echo "hey: $hey_codes"
echo "raw output in $out"
