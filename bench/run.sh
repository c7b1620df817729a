#!/usr/bin/env bash
# The import benchmark (issue 2): a generated export of 100,000 invitations and 500,000 messages imported by
# motivo, by a plain Python stdlib loader (csv + sqlite3, one transaction, unique keys) and by sqlite3's bare
# .import (no parsing of dates, no duplicate checks), in the same run, with hyperfine.
# Usage: bench/run.sh [BUILD_DIR]   (results in BUILD_DIR/bench/import.md and .json)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
motivo=$PWD/$build/motivo
out=$PWD/$build/bench
export_dir=$out/export
invitations=${BENCH_INVITATIONS:-100000}
messages=${BENCH_MESSAGES:-500000}
runs=${BENCH_RUNS:-3}
mkdir -p "$out"

stamp="$invitations/$messages"
if [[ ! -f $export_dir/.params || $(cat "$export_dir/.params") != "$stamp" ]]; then
  rm -rf "$export_dir"
  python3 scripts/gen-export.py --profile bench --invitations "$invitations" --messages "$messages" \
    --connections 20000 --out "$export_dir"
  echo "$stamp" >"$export_dir/.params"
fi
du -sh "$export_dir"

cat >"$out/bare-import.sql" <<SQL
.mode csv
.import $export_dir/Invitations.csv invitations
.import $export_dir/messages.csv messages
SQL

hyperfine --runs "$runs" --export-markdown "$out/import.md" --export-json "$out/import.json" \
  --prepare "rm -f $out/m.db $out/m.db-wal $out/m.db-shm $out/m.db-journal" \
  -n "motivo import" "$motivo --db $out/m.db import --quiet $export_dir" \
  --prepare "rm -f $out/py.db" \
  -n "python stdlib loader" "python3 bench/python_loader.py $export_dir $out/py.db" \
  --prepare "rm -f $out/bare.db" \
  -n "sqlite3 bare .import" "sqlite3 $out/bare.db < $out/bare-import.sql"

# Re-importing the same export into the database the last run left: everything is known already.
hyperfine --runs "$runs" --export-markdown "$out/reimport.md" \
  -n "motivo re-import (all rows known)" "$motivo --db $out/m.db import --quiet $export_dir"

rm -f "$out/m.db"*
/usr/bin/time -f "%M" -o "$out/peak-kb" "$motivo" --db "$out/m.db" import --quiet "$export_dir" >/dev/null
echo
echo "Peak memory of motivo import: $(($(cat "$out/peak-kb") / 1024)) MiB"
cat "$out/import.md" "$out/reimport.md"
rm -f "$out/m.db"* "$out/py.db" "$out/bare.db"

# In-process micro-benchmarks, each against its baseline (bench/micro_bench.cpp).
"$PWD/$build/bench/motivo_micro_bench" --benchmark_min_time=0.2
