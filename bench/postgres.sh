#!/usr/bin/env bash
# Team mode's benchmark (issue 8), SQLite and PostgreSQL in the same run, on this machine:
#   1. the large generated export (100,000 invitations, 500,000 messages, 20,000 connections) imported into a new
#      SQLite file and into a new PostgreSQL database, with hyperfine: time and rows per second;
#   2. an export of 1,000,000 invitations imported into each, then `motivo report --json` over them, with hyperfine;
#   3. peak memory of each import (/usr/bin/time).
# PostgreSQL is a throwaway server (scripts/pg-throwaway.sh) with durable settings (fsync on, synchronous commit),
# as a team's server would run; SQLite uses motivo's own settings (WAL, synchronous=NORMAL).
# Usage: bench/postgres.sh [BUILD_DIR]   (results in BUILD_DIR/bench/postgres.md)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
motivo=$PWD/$build/motivo
out=$PWD/$build/bench
runs=${BENCH_RUNS:-3}
big=${BENCH_REPORT_INVITATIONS:-1000000}
mkdir -p "$out"

export_dir=$out/export
stamp="100000/500000"
if [[ ! -f $export_dir/.params || $(cat "$export_dir/.params") != "$stamp" ]]; then
  rm -rf "$export_dir"
  python3 scripts/gen-export.py --profile bench --invitations 100000 --messages 500000 --connections 20000 --out "$export_dir"
  echo "$stamp" >"$export_dir/.params"
fi
big_dir=$out/export-1m
if [[ ! -f $big_dir/.params || $(cat "$big_dir/.params") != "$big" ]]; then
  rm -rf "$big_dir"
  python3 scripts/gen-export.py --profile bench --invitations "$big" --messages 50000 --connections 20000 --out "$big_dir"
  echo "$big" >"$big_dir/.params"
fi

pgdir=$(mktemp -d /tmp/motivo-pg-bench.XXXXXX)
chmod 755 "$pgdir"
trap 'scripts/pg-throwaway.sh stop "$pgdir/pg"' EXIT
url=$(PG_THROWAWAY_DURABLE=1 scripts/pg-throwaway.sh start "$pgdir/pg") || { echo "no PostgreSQL server: skipped"; exit 0; }
base=${url%/*}
psql -q "$url" -c "CREATE DATABASE bench_import" -c "CREATE DATABASE bench_report"

# 1. The large export, into each backend from nothing.
hyperfine --runs "$runs" --export-markdown "$out/postgres-import.md" --export-json "$out/postgres-import.json" \
  --prepare "rm -f $out/pgb.db $out/pgb.db-wal $out/pgb.db-shm $out/pgb.db-journal" \
  -n "import into SQLite" "$motivo --db $out/pgb.db import --quiet $export_dir" \
  --prepare "psql -q $url -c 'DROP DATABASE IF EXISTS bench_import WITH (FORCE)' -c 'CREATE DATABASE bench_import'" \
  -n "import into PostgreSQL" "$motivo --db $base/bench_import import --quiet $export_dir"
rows=$((100000 + 500000 + 20000))
python3 - "$out/postgres-import.json" "$rows" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
for r in results:
    print(f"{r['command']}: {r['mean']:.2f} s, {int(sys.argv[2]) / r['mean']:,.0f} rows/s")
PY

# Re-importing: every row known (ON CONFLICT on every key).
hyperfine --runs "$runs" --export-markdown "$out/postgres-reimport.md" \
  -n "re-import into SQLite" "$motivo --db $out/pgb.db import --quiet $export_dir" \
  -n "re-import into PostgreSQL" "$motivo --db $base/bench_import import --quiet $export_dir"

# Peak memory of one import into each.
rm -f "$out/pgb.db"*
psql -q "$url" -c "DROP DATABASE bench_import WITH (FORCE)" -c "CREATE DATABASE bench_import"
/usr/bin/time -f "%M" -o "$out/pg-peak-sqlite" "$motivo" --db "$out/pgb.db" import --quiet "$export_dir" >/dev/null
/usr/bin/time -f "%M" -o "$out/pg-peak-postgres" "$motivo" --db "$base/bench_import" import --quiet "$export_dir" >/dev/null
echo "peak memory: SQLite import $(($(cat "$out/pg-peak-sqlite") / 1024)) MiB, PostgreSQL import $(($(cat "$out/pg-peak-postgres") / 1024)) MiB"
echo "database size: SQLite $(du -m "$out/pgb.db" | cut -f1) MiB, PostgreSQL $(psql -tA "$url" -c "SELECT pg_database_size('bench_import') / 1048576") MiB"

# 2. A million invitations: imported once into each, then the report over all of them.
rm -f "$out/pgr.db"*
start=$(date +%s.%N)
"$motivo" --db "$out/pgr.db" import --quiet "$big_dir" >/dev/null
mid=$(date +%s.%N)
"$motivo" --db "$base/bench_report" import --quiet "$big_dir" >/dev/null
end=$(date +%s.%N)
python3 -c "import sys; a, b, c = map(float, sys.argv[1:]); print(f'import of $big invitations: SQLite {b - a:.1f} s, PostgreSQL {c - b:.1f} s')" "$start" "$mid" "$end"
hyperfine --runs "$runs" --warmup 1 --export-markdown "$out/postgres-report.md" \
  -n "report over $big invitations, SQLite" "$motivo --db $out/pgr.db report --json" \
  -n "report over $big invitations, PostgreSQL" "$motivo --db $base/bench_report report --json"
/usr/bin/time -f "%M" -o "$out/pg-report-peak" "$motivo" --db "$base/bench_report" report --json >/dev/null
echo "peak memory of the report over $big invitations on PostgreSQL: $(($(cat "$out/pg-report-peak") / 1024)) MiB"

cat "$out/postgres-import.md" "$out/postgres-reimport.md" "$out/postgres-report.md"
rm -f "$out/pgb.db"* "$out/pgr.db"*
