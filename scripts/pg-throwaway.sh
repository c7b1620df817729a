#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks: no system service, a cluster in a temporary folder,
# listening on 127.0.0.1 and a Unix socket in that folder only, trust authentication (nobody else can reach it).
#
#   scripts/pg-throwaway.sh start DIR [PORT]   # prints the URL of a fresh database "motivo" on success
#   scripts/pg-throwaway.sh stop DIR           # stops the server and removes DIR
#
# Runs initdb and the server as the invoking user, or as "postgres" when invoked as root (PostgreSQL refuses to
# run as root). Exits 77 (the "skipped" status of CTest) when PostgreSQL's server programs are not installed.
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
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
  as_owner "$bindir/initdb" --auth=trust --username=motivo --encoding=UTF8 --locale=C.UTF-8 -D "$dir/data" >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # A test server is fast rather than durable (fsync off: a crash loses it, and it is thrown away anyway);
  # PG_THROWAWAY_DURABLE=1 keeps PostgreSQL's durable defaults, for benchmarks.
  settings="-c max_connections=60"
  [[ ${PG_THROWAWAY_DURABLE:-} == 1 ]] || settings+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -h 127.0.0.1 -p $port $settings" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U motivo motivo
  echo "postgresql://motivo@127.0.0.1:$port/motivo"
  ;;
stop)
  if [[ -d $dir/data && -n $bindir ]]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: pg-throwaway.sh start|stop DIR [PORT]" >&2
  exit 2
  ;;
esac
