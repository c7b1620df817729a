#!/usr/bin/env bash
# The queue on a large database (issue 26): a page of 50, the first request after a decision, and the whole
# undecided queue with and without compression, timed with curl against `motivo serve` on loopback.
# Usage: bench/web_pages.sh MOTIVO_BINARY DATABASE   (a database imported from scripts/gen-export.py --profile bench;
#        run it with the binary before and after a change on the same database)
set -euo pipefail
motivo=$(realpath "$1")
db=$(realpath "$2")
out=$(mktemp -d)
MOTIVO_NOW=2026-11-20T18:00:00Z "$motivo" --db "$db" serve --listen 127.0.0.1:0 >"$out/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$out"' EXIT
for _ in $(seq 100); do grep -q http "$out/serve.out" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$out/serve.out")
origin=${url%/}
csrf=$(curl -s "$url" | grep -o 'name="motivo-token" content="[0-9a-f]*"' | grep -o '[0-9a-f]\{64\}')
page="api/invitations?direction=incoming&undecided=1&limit=50"
timed() { curl -s -o /dev/null -w "  %{time_total} s, %{size_download} bytes\n" "$@"; }
echo "first page of 50 (a fresh server):"
timed "$url$page"
echo "the same page again:"
timed "$url$page"
id=$(curl -s "$url$page" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
curl -s -o /dev/null -X POST -H "X-Motivo-Token: $csrf" -H "Origin: $origin" -H 'Content-Type: application/json' \
  --data '{"decision":"decline"}' "${url}api/invitations/$id/decision"
echo "the page of 50 after a decision:"
timed "$url$page"
curl -s -o /dev/null -X POST -H "X-Motivo-Token: $csrf" -H "Origin: $origin" -H 'Content-Type: application/json' \
  --data '{}' "${url}api/invitations/$id/undo"
whole="api/invitations?direction=incoming&undecided=1"
curl -s -o /dev/null "$url$whole" # the cached view, computed once
for encoding in identity "br, gzip"; do
  echo "the whole undecided queue, Accept-Encoding: $encoding:"
  timed -H "Accept-Encoding: $encoding" "$url$whole"
done
echo "a page of 50, Accept-Encoding: br, gzip:"
timed -H "Accept-Encoding: br, gzip" "$url$page"
