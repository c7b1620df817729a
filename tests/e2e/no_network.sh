#!/usr/bin/env bash
# Issue 9 (privacy): motivo opens no network connection but the ones the user names. A normal session (import,
# status, triage, report, HTML report, export, and serve with a few requests) runs under strace: every socket it
# makes must be a Unix socket or bound to loopback, and every connect() must go to loopback (the test's own
# requests to `serve`). Then the same import and report run in a network namespace with no interface at all
# (unshare -n) and must give the same result.
# Usage: no_network.sh MOTIVO SOURCE_DIR   (exit 77, skipped, without strace)
set -euo pipefail
motivo=$1
source=$2
command -v strace >/dev/null || { echo "skipped: strace is not installed"; exit 77; }
work=$(mktemp -d)
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=en MOTIVO_NOW=2026-11-20T18:00:00Z
# LeakSanitizer cannot run under ptrace: in the sanitizer build, strace'd runs skip the leak check.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
python3 "$source/scripts/gen-export.py" --profile demo --out "$work/export.zip" >/dev/null
db=$work/motivo.db
trace() { strace -f -qq -e trace=socket,connect,bind -o "$work/trace.$1" "${@:2}"; }

trace import "$motivo" --db "$db" import --quiet "$work/export.zip" >/dev/null
trace status "$motivo" --db "$db" status >/dev/null
trace triage "$motivo" --db "$db" triage >/dev/null
trace report "$motivo" --db "$db" report --json >"$work/report.json"
trace html "$motivo" --db "$db" report --html "$work/report.html" >/dev/null
trace export "$motivo" --db "$db" export --anonymize "$work/anon.zip" >/dev/null
strace -f -qq -e trace=socket,connect,bind -o "$work/trace.serve" "$motivo" --db "$db" serve --listen 127.0.0.1:0 \
  >"$work/serve.out" 2>&1 &
tracer=$!
for _ in $(seq 100); do grep -q "http://" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/serve.out" | head -1)
python3 - "$url" <<'PY'
import sys, urllib.request
for path in ("/", "/api/invitations?limit=5", "/api/report"):
    urllib.request.urlopen(sys.argv[1].rstrip("/") + path).read()
PY
# The server is strace's child; a background job ignores SIGINT, so it is told to stop with SIGTERM.
server=$(pgrep -P "$tracer" | head -1)
kill -TERM "$server"
wait "$tracer" || true
server=

failures=0
for f in "$work"/trace.*; do
  name=${f##*.}
  # Sockets: AF_UNIX, or AF_INET/AF_INET6 only when every bind/connect of the session is to loopback.
  bad=$(grep -E 'connect\(|bind\(' "$f" | grep -vE 'AF_UNIX|sa_family=AF_UNSPEC|127\.0\.0\.1|inet_pton\(AF_INET6, "::1"|::1' || true)
  if [[ -n $bad ]]; then
    echo "FAIL $name: a connection beyond this machine:"
    echo "$bad" | head -5
    failures=$((failures + 1))
  else
    echo "ok   $name: $(grep -cE 'connect\(|bind\(' "$f" || true) bind/connect calls, all local"
  fi
done

# The same without any network interface: nothing changes.
if unshare -rn true 2>/dev/null; then
  unshare -rn "$motivo" --db "$work/isolated.db" import --quiet "$work/export.zip" >/dev/null
  unshare -rn "$motivo" --db "$work/isolated.db" report --json >"$work/report-isolated.json"
  if cmp -s "$work/report.json" "$work/report-isolated.json"; then
    echo "ok   import and report in a network namespace without interfaces: the same report"
  else
    echo "FAIL the report differs without a network"
    failures=$((failures + 1))
  fi
else
  echo "note: no user namespaces here; the unshare -n part was not run"
fi
exit $((failures > 0))
