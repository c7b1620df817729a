#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks: no system service, a cluster in a temporary folder,
# listening on 127.0.0.1 and a Unix socket in that folder only, trust authentication (nobody else can reach it).
#
#   scripts/pg-throwaway.sh start DIR [PORT]   # prints the URL of a fresh database "motivo" on success
#   scripts/pg-throwaway.sh stop DIR           # stops the server and removes DIR
#
# Runs initdb and the server as the invoking user, in DIR; or, when invoked as root (PostgreSQL refuses to run as
# root), as "postgres" in a fresh folder of the temporary directory owned by it, since DIR may sit where that user
# cannot enter (a clone under /root): DIR/cluster then names that folder, and stop removes it too.
# Exits 77 (the "skipped" status of CTest) when PostgreSQL's server programs are not installed.
set -euo pipefail

cmd=${1:?usage: pg-throwaway.sh start|stop DIR [PORT]}
dir=${2:?usage: pg-throwaway.sh start|stop DIR [PORT]}

bindir=""
for candidate in /usr/lib/postgresql/*/bin; do
  [[ -x $candidate/initdb && -x $candidate/pg_ctl ]] && bindir=$candidate
done

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case $cmd in
start)
  if [[ -z $bindir ]]; then
    echo "pg-throwaway: PostgreSQL's server is not installed (apt-get install postgresql)" >&2
    exit 77
  fi
  port=${3:-$((20000 + RANDOM % 20000))}
  mkdir -p "$dir"
  cluster=$dir
  if [[ $(id -u) -eq 0 ]]; then
    cluster=$(mktemp -d "${TMPDIR:-/tmp}/motivo-pg-XXXXXX")
    chown postgres: "$cluster"
    echo "$cluster" >"$dir/cluster"
  fi
  as_owner "$bindir/initdb" --auth=trust --username=motivo --encoding=UTF8 --locale=C.UTF-8 -D "$cluster/data" \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  # A test server is fast rather than durable (fsync off: a crash loses it, and it is thrown away anyway);
  # PG_THROWAWAY_DURABLE=1 keeps PostgreSQL's durable defaults, for benchmarks; PG_THROWAWAY_SETTINGS adds settings
  # of the server's command line ("-c name=value ...").
  settings="-c max_connections=60"
  [[ ${PG_THROWAWAY_DURABLE:-} == 1 ]] || settings+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  settings+=" ${PG_THROWAWAY_SETTINGS:-}"
  as_owner "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
    -o "-k $cluster -h 127.0.0.1 -p $port $settings" \
    start >/dev/null || { cat "$cluster/server.log" >&2; exit 1; }
  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U motivo motivo
  echo "postgresql://motivo@127.0.0.1:$port/motivo"
  ;;
stop)
  cluster=$dir
  [[ -f $dir/cluster ]] && cluster=$(cat "$dir/cluster")
  if [[ -d $cluster/data && -n $bindir ]]; then
    as_owner "$bindir/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  # Only a folder this script made (motivo-pg-*) is removed besides DIR.
  [[ $cluster != "$dir" && $(basename "$cluster") == motivo-pg-* && -d $cluster ]] && rm -rf "$cluster"
  rm -rf "$dir"
  ;;
*)
  echo "usage: pg-throwaway.sh start|stop DIR [PORT]" >&2
  exit 2
  ;;
esac
