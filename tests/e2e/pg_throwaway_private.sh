#!/usr/bin/env bash
# Issue 20, item 16: `make test` as root in a private folder (a clone under /root, mode 0700). The throwaway
# PostgreSQL server runs as "postgres", who cannot enter such a folder: scripts/pg-throwaway.sh must put the
# cluster where that user can reach it, and remove it on stop. Exits 77 (skipped) unless run as root with
# PostgreSQL installed.
#   pg_throwaway_private.sh SOURCE_DIR
set -uo pipefail
root=$1
[[ $(id -u) -eq 0 ]] || { echo "skipped: needs root (the case is root's private folder)"; exit 77; }
id postgres >/dev/null 2>&1 || { echo "skipped: no postgres user (PostgreSQL is not installed)"; exit 77; }
private=$(mktemp -d /tmp/motivo-private-XXXXXX)
chmod 700 "$private"
trap '"$root/scripts/pg-throwaway.sh" stop "$private/build/pg" >/dev/null 2>&1; rm -rf "$private"' EXIT
failures=0
check() { # check CONDITION-STATUS WHAT
  if [[ $1 -eq 0 ]]; then echo "ok   $2"; else echo "FAIL $2"; failures=$((failures + 1)); fi
}
mkdir -p "$private/build"
url=$("$root/scripts/pg-throwaway.sh" start "$private/build/pg")
status=$?
[[ $status -eq 77 ]] && { echo "skipped: PostgreSQL's server is not installed"; exit 77; }
check $status "the server starts for a folder postgres cannot enter ($url)"
cluster=$(cat "$private/build/pg/cluster" 2>/dev/null)
[[ -n $cluster && -d $cluster && $(stat -c %U "$cluster") == postgres ]]
check $? "its cluster is a fresh folder owned by postgres ($cluster)"
port=${url##*:}
port=${port%%/*}
runuser -u postgres -- psql -h 127.0.0.1 -p "$port" -U motivo -d motivo -Atc "select 1" 2>&1 | grep -qx 1
check $? "it answers on 127.0.0.1:$port"
"$root/scripts/pg-throwaway.sh" stop "$private/build/pg"
[[ ! -e $private/build/pg && ! -e $cluster ]]
check $? "stop removes the folder and the cluster"
echo "$((4 - failures))/4 checks passed"
[[ $failures -eq 0 ]]
