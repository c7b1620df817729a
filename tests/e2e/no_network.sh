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
trap 'kill "${server:-}" "${fake:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
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
# Every other command too, so that a new one is covered (the list is checked below): none may connect anywhere.
trace invitations "$motivo" --db "$db" invitations -n 5 >/dev/null
trace classify "$motivo" classify "Hola, me gustaría conectar contigo" >/dev/null
read -r first second third < <("$motivo" --db "$db" invitations --json | python3 -c '
import json, sys
print(*[i["id"] for i in json.load(sys.stdin) if i["direction"] == "incoming" and i["state"] == "pending"][:3])')
trace decide "$motivo" --db "$db" decide "i$first" accept >/dev/null
trace ask "$motivo" --db "$db" ask "i$second" >/dev/null
trace label "$motivo" --db "$db" label "i$third" spam >/dev/null
trace reclassify "$motivo" --db "$db" reclassify >/dev/null
trace policy "$motivo" --db "$db" policy show >/dev/null
trace welcome "$motivo" --db "$db" welcome >/dev/null
trace compose "$motivo" --db "$db" compose "Hola {{first_name}}, ¿conectamos?" >/dev/null 2>&1 || true
trace note "$motivo" --db "$db" note p2 "met at a meetup" >/dev/null
trace people "$motivo" --db "$db" people --search meetup >/dev/null
trace forget "$motivo" --db "$db" forget --dry-run p3 >/dev/null
trace eval "$motivo" eval "$source/tests/data/classify/heldout.jsonl" >/dev/null
trace db "$motivo" --db "$db" db migrate --dry-run >/dev/null
trace users "$motivo" --db "$db" users list >/dev/null
trace show "$motivo" --db "$db" show "i$second" >/dev/null
trace replied "$motivo" --db "$db" replied "i$second" --text "por un proyecto" >/dev/null
trace completion "$motivo" completion bash >/dev/null
trace man "$motivo" man >/dev/null
# sync connects to the API it is given, here the fake of tests/e2e/fake_linkedin.py on loopback.
python3 "$source/tests/e2e/fake_linkedin.py" "$source/tests/data/linkedin_api/member.json" >"$work/fake.out" &
fake=$!
for _ in $(seq 100); do [[ -s $work/fake.out ]] && break; sleep 0.1; done
read -r api token <"$work/fake.out"
MOTIVO_LINKEDIN_TOKEN=$token trace sync "$motivo" --db "$work/sync.db" sync --api-base "$api" >/dev/null
kill "$fake"
fake=
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

# The command list: each command ran above, but fetch, whose IMAP server e2e.imap runs on loopback.
for command in $("$motivo" --help | awk '/^Subcommands:/ {on = 1; next} on && /^ +[a-z]/ {print $1}'); do
  if [[ $command != fetch && ! -e $work/trace.$command ]]; then
    echo "FAIL $command: not run under strace here (a new command must be added to this test)"
    failures=$((failures + 1))
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
