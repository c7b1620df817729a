#!/usr/bin/env bash
# Issue 23's benchmark: what answers cost as history grows. For 100,000 invitations (the import benchmark's export:
# 500,000 messages, 20,000 connections) and 1,000,000 (gen-export.py --profile team: the same proportions), on
# SQLite and on a throwaway PostgreSQL server (scripts/pg-throwaway.sh; skipped without one):
#   - `report --json` and `invitations --json -n 50`, with hyperfine, beside a baseline in the same run: the
#     engine's own count of the invitations (sqlite3 / psql), the least any answer about them can cost;
#   - peak memory (/usr/bin/time -f %M) of report, invitations, status, a full backup, `forget` of one person (its dry
#     run too), and reclassify, with their times;
#   - on SQLite, 100,000: a first import, the re-import of the same export, and the import of a newer export with
#     1 % more rows (gen-export.py --newer 1), each as a share of the first.
# BASELINE=PATH/motivo times that build's report and listing in the same hyperfine runs (before/after a change).
# Generating the exports is not timed; the 1,000,000 one takes ~3 minutes and ~1.2 GB, its databases ~4 GB each.
# Usage: bench/scale.sh [BUILD_DIR]   (results in BUILD_DIR/bench/scale.md)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
motivo=$build/motivo
out=$build/bench/scale
runs=${BENCH_RUNS:-3}
sizes=${SCALE_SIZES:-"100000 1000000"}
pg_sizes=${SCALE_PG_SIZES:-$sizes} # PostgreSQL's 1,000,000 import alone takes minutes
mkdir -p "$out"
md=$out/scale.md
: >"$md"
export MOTIVO_NOW=2026-11-20T18:00:00Z

make_export() { # DIR ARGS...: generated once per set of arguments
  local dir=$1
  shift
  if [[ ! -f $dir/.params || $(cat "$dir/.params") != "$*" ]]; then
    rm -rf "$dir"
    python3 scripts/gen-export.py "$@" --out "$dir"
    echo "$*" >"$dir/.params"
  fi
}
export_of() { # SIZE: the export's folder
  if [[ $1 == 1000000 ]]; then echo "$out/export-team"; else echo "$out/export-$1"; fi
}
for n in $sizes; do
  if [[ $n == 1000000 ]]; then make_export "$(export_of "$n")" --profile team; else
    make_export "$(export_of "$n")" --profile bench --invitations "$n" --messages $((n * 5)) --connections $((n / 5))
  fi
done
make_export "$out/export-100000-newer" --profile bench --newer 1

peak() { # LABEL COMMAND...: time and peak memory of one run
  local label=$1 t
  shift
  t=$({ /usr/bin/time -f "%e s, peak %M KiB" "$@" >/dev/null; } 2>&1 | tail -1)
  echo "| $label | $t |" | tee -a "$md"
}

# One back end at one size: import (untimed here), then the answers.
answers() { # NAME DB COUNT_COMMAND
  local name=$1 db=$2 count=$3
  local cmds=(-n "baseline: count(*) in the engine" "$count"
    -n "report --json" "$motivo --db $db report --json"
    -n "invitations --json -n 50" "$motivo --db $db invitations --json -n 50")
  if [[ -n ${BASELINE:-} ]]; then
    cmds+=(-n "before: report --json" "$BASELINE --db $db report --json"
      -n "before: invitations --json -n 50" "$BASELINE --db $db invitations --json -n 50")
  fi
  echo "### $name" >>"$md"
  hyperfine --warmup 1 --runs "$runs" --export-markdown "$out/$name.md" "${cmds[@]}"
  cat "$out/$name.md" >>"$md"
  echo "| command ($name) | time, peak memory |" >>"$md"
  echo "|---|---|" >>"$md"
  peak "report --json" "$motivo" --db "$db" report --json
  peak "invitations --json -n 50" "$motivo" --db "$db" invitations --json -n 50
  peak "status --json" "$motivo" --db "$db" status --json
  peak "export --json (a full backup)" "$motivo" --db "$db" export --json "$out/backup.jsonl"
  rm -f "$out/backup.jsonl"
  # Forget one person: an inviter with messages (the last invitation's).
  local who
  who=$("$motivo" --db "$db" invitations --json -n 1 --incoming | python3 -c \
    'import json,sys; print("i%d" % json.load(sys.stdin)[0]["id"])')
  peak "forget --dry-run (the inviter of $who)" "$motivo" --db "$db" forget --dry-run "$who"
  peak "forget one person (the inviter of $who)" "$motivo" --db "$db" forget --yes "$who"
  peak "reclassify" "$motivo" --db "$db" reclassify
}

for n in $sizes; do
  db=$out/s$n.db
  rm -f "$db" "$db"-wal "$db"-shm
  echo "## SQLite, $n invitations" | tee -a "$md"
  echo "| command | time, peak memory |" >>"$md"
  echo "|---|---|" >>"$md"
  peak "first import" "$motivo" --db "$db" import --quiet "$(export_of "$n")"
  answers "sqlite-$n" "$db" "sqlite3 $db 'SELECT count(*) FROM invitations'"
done

# Re-import, 100,000 (SQLite): the same export again, then a newer one with 1 % more rows.
db=$out/reimport.db
rm -f "$db" "$db"-wal "$db"-shm
echo "## Re-import, 100,000 invitations (SQLite)" | tee -a "$md"
echo "| import | time, peak memory |" >>"$md"
echo "|---|---|" >>"$md"
peak "first import" "$motivo" --db "$db" import --quiet "$out/export-100000"
peak "the same export again" "$motivo" --db "$db" import --quiet "$out/export-100000"
peak "a newer export, +1 % rows" "$motivo" --db "$db" import --quiet "$out/export-100000-newer"

# PostgreSQL, when a throwaway server can start.
pgdir=$(mktemp -d /tmp/motivo-pg-scale.XXXXXX)
chmod 755 "$pgdir"
trap 'scripts/pg-throwaway.sh stop "$pgdir/pg" >/dev/null 2>&1 || true' EXIT
if url=$(PG_THROWAWAY_DURABLE=1 scripts/pg-throwaway.sh start "$pgdir/pg"); then
  base=${url%/*}
  for n in $pg_sizes; do
    psql -q "$url" -c "CREATE DATABASE scale_$n"
    echo "## PostgreSQL, $n invitations" | tee -a "$md"
    echo "| command | time, peak memory |" >>"$md"
    echo "|---|---|" >>"$md"
    peak "first import" "$motivo" --db "$base/scale_$n" import --quiet "$(export_of "$n")"
    answers "postgres-$n" "$base/scale_$n" "psql -qAt $base/scale_$n -c 'SELECT count(*) FROM invitations'"
  done
else
  echo "no PostgreSQL server: its half skipped" | tee -a "$md"
fi
echo "results: $md"
