#!/usr/bin/env bash
# A change against a baseline build, in the same run (hyperfine alternates nothing, so each pair runs back to back
# on the same machine in the same hour): the import of the benchmark export (100,000 invitations, 500,000
# messages, 20,000 connections) into a new SQLite file and a new PostgreSQL database, and `report --json` over a
# store of 200,000 invitations on each back end, by BASE and by NEW.
# Usage: bench/compare.sh BASE_MOTIVO NEW_MOTIVO [OUT_DIR]
#   e.g. git worktree add ../base REV && cmake --preset default -S ../base && cmake --build ../base/build --target motivo
#        bench/compare.sh ../base/build/motivo build/motivo
set -euo pipefail
cd "$(dirname "$0")/.."
base_bin=$(realpath "$1") new_bin=$(realpath "$2")
out=$(realpath -m "${3:-build/bench}")
runs=${BENCH_RUNS:-3}
report_size=${BENCH_REPORT_INVITATIONS:-200000}
mkdir -p "$out"

make_export() { # DIR INVITATIONS MESSAGES
  if [[ ! -f $1/.params || $(cat "$1/.params") != "$2/$3" ]]; then
    rm -rf "$1"
    python3 scripts/gen-export.py --profile bench --invitations "$2" --messages "$3" --connections 20000 --out "$1"
    echo "$2/$3" >"$1/.params"
  fi
}
make_export "$out/export" 100000 500000
make_export "$out/export-report" "$report_size" 50000

pgdir=$(mktemp -d /tmp/motivo-pg-compare.XXXXXX)
chmod 755 "$pgdir"
trap 'scripts/pg-throwaway.sh stop "$pgdir/pg"; rm -rf "$pgdir"' EXIT
pg=$(PG_THROWAWAY_DURABLE=1 scripts/pg-throwaway.sh start "$pgdir/pg") || pg=""
db=$pgdir/cmp.db

hyperfine --runs "$runs" --export-markdown "$out/compare-import.md" \
  --prepare "rm -f $db $db-wal $db-shm $db-journal" \
  -n "base: import into SQLite" "$base_bin --db $db import --quiet $out/export" \
  --prepare "rm -f $db $db-wal $db-shm $db-journal" \
  -n "new: import into SQLite" "$new_bin --db $db import --quiet $out/export"

rm -f "$db"*
"$new_bin" --db "$db" import --quiet "$out/export-report" >/dev/null
hyperfine --runs "$runs" --warmup 1 --export-markdown "$out/compare-report.md" \
  -n "base: report over $report_size invitations, SQLite" "$base_bin --db $db report --json" \
  -n "new: report over $report_size invitations, SQLite" "$new_bin --db $db report --json"

if [[ -n $pg ]]; then
  server=${pg%/*}
  reset="psql -q $pg -c 'DROP DATABASE IF EXISTS cmp_import WITH (FORCE)' -c 'CREATE DATABASE cmp_import'"
  hyperfine --runs "$runs" --export-markdown "$out/compare-pg-import.md" \
    --prepare "$reset" -n "base: import into PostgreSQL" "$base_bin --db $server/cmp_import import --quiet $out/export" \
    --prepare "$reset" -n "new: import into PostgreSQL" "$new_bin --db $server/cmp_import import --quiet $out/export"
  psql -q "$pg" -c "CREATE DATABASE cmp_report"
  "$new_bin" --db "$server/cmp_report" import --quiet "$out/export-report" >/dev/null
  hyperfine --runs "$runs" --warmup 1 --export-markdown "$out/compare-pg-report.md" \
    -n "base: report over $report_size invitations, PostgreSQL" "$base_bin --db $server/cmp_report report --json" \
    -n "new: report over $report_size invitations, PostgreSQL" "$new_bin --db $server/cmp_report report --json"
else
  echo "no PostgreSQL server: its half skipped" >&2
fi
cat "$out"/compare-*.md
