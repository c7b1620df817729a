#!/usr/bin/env bash
# Load on `motivo serve` (issue 6): wrk on loopback against /api/invitations (a page of 50) and /api/report with
# 10,000 invitations stored. Goal: p99 under 10 ms at 1,000 requests/s on this 2-core machine.
# Usage: bench/web.sh [BUILD_DIR]   (needs wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
motivo=$PWD/$build/motivo
out=$PWD/$build/bench/web
command -v wrk >/dev/null || { echo "web.sh: wrk not found (apt-get install -y wrk)" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out"
python3 scripts/gen-export.py --profile bench --invitations 10000 --messages 50000 --connections 5000 --out "$out/export" >/dev/null
"$motivo" --db "$out/m.db" import --quiet "$out/export" >/dev/null
MOTIVO_NOW=2026-11-20T18:00:00Z "$motivo" --db "$out/m.db" serve --listen 127.0.0.1:0 >"$out/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do grep -q http "$out/serve.out" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$out/serve.out")
# The first request of each kind computes the cached view; time it separately.
echo "first /api/invitations (computes the statuses of 10,000 invitations):"
curl -s -o /dev/null -w '  %{time_total} s\n' "${url}api/invitations?limit=50"
echo "first /api/report:"
curl -s -o /dev/null -w '  %{time_total} s\n' "${url}api/report"
for path in "api/invitations?direction=incoming&limit=50" "api/report"; do
  echo "wrk -t2 -c10 -d10s /$path"
  wrk -t2 -c10 -d10s --latency "$url$path" | grep -E 'Requests/sec|^ +(50|90|99)%'
done
# Live updates (docs/WEB.md): the answer every open page asks for every 2 s when nothing changed, and the one after
# a change, counting what arrived since the oldest version there can be (every row of the 10,000 invitations and
# 50,000 messages).
version=$(curl -s "${url}api/version" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
echo "wrk -t2 -c10 -d10s /api/version?since=V (nothing changed)"
wrk -t2 -c10 -d10s --latency "${url}api/version?since=$version" | grep -E 'Requests/sec|^ +(50|90|99)%'
echo "/api/version since the empty store (everything is new; the cached statuses are reused):"
curl -s -o /dev/null -w '  %{time_total} s\n' "${url}api/version?since=000000000000-0-0-0"
