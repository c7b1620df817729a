#!/usr/bin/env bash
# Issue 23's partitioning prototype, measured (tried and dropped: docs/PERFORMANCE.md, "Forget on PostgreSQL at
# 1,000,000"). On a throwaway PostgreSQL server with durable settings (scripts/pg-throwaway.sh), the bench export
# (100,000 invitations, 500,000 messages, 20,000 connections) imported once, then:
#   - today: `forget` of the inviter with the most messages, on a copy, and each VACUUM FULL it ran (the server's log);
#   - for each count of PARTITIONS (default "26 256": at 100,000 a partition of 26 holds what one of 256 holds at
#     1,000,000), a copy partitioned by bench/pg-partitions.sql, then: the partitions' sizes; VACUUM FULL of each
#     partition that holds that person's rows (what a forget would rewrite); `forget --dry-run` (its look-ups);
#     `report --json`, `invitations --json -n 50` and `status --json` (wall time, and the server's time from its
#     log); EXPLAIN ANALYZE of a bare keyset page of the invitations, three times in one session (planning, execution).
# The unpartitioned database's figures are taken in the same run. Usage: bench/pg-partitions.sh [BUILD_DIR]
# (results in BUILD_DIR/bench/pg-partitions.md)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
motivo=$build/motivo
out=$build/bench/scale
md=$build/bench/pg-partitions.md
export MOTIVO_NOW=2026-11-20T18:00:00Z
mkdir -p "$out"
: >"$md"

# The export bench/scale.sh generates (the same folder and parameters).
export_dir=$out/export-100000
params="--profile bench --invitations 100000 --messages 500000 --connections 20000"
if [[ ! -f $export_dir/.params || $(cat "$export_dir/.params") != "$params" ]]; then
  rm -rf "$export_dir"
  # shellcheck disable=SC2086 # the generator's words
  python3 scripts/gen-export.py $params --out "$export_dir"
  echo "$params" >"$export_dir/.params"
fi

pgdir=$(mktemp -d /tmp/motivo-pg-partitions.XXXXXX)
chmod 755 "$pgdir"
trap 'scripts/pg-throwaway.sh stop "$pgdir/pg" >/dev/null 2>&1 || true; rmdir "$pgdir" 2>/dev/null || true' EXIT
# A query over every partition of the five tables locks each partition and each of its indexes: at 256 partitions
# more than the default lock table holds (64 a connection: "out of shared memory"), so the server gets more.
url=$(PG_THROWAWAY_DURABLE=1 PG_THROWAWAY_SETTINGS="-c max_locks_per_transaction=${MAX_LOCKS:-512}" \
  scripts/pg-throwaway.sh start "$pgdir/pg")
base=${url%/*}
cluster=$pgdir/pg
[[ -f $pgdir/pg/cluster ]] && cluster=$(cat "$pgdir/pg/cluster")
log=$cluster/server.log
say() { echo "$*" | tee -a "$md"; }
sql() { psql -qAtX -v ON_ERROR_STOP=1 "$base/$1" "${@:2}"; }
copy_of() { sql motivo -c "CREATE DATABASE $1 TEMPLATE base" -c "ALTER DATABASE $1 SET log_min_duration_statement = 0"; }
# The server's time (ms) of the statements it logged after line $1 of its log.
server_ms() { tail -n +"$1" "$log" | grep -o 'duration: [0-9.]* ms' | awk '{s += $2} END {printf "%.0f", s}'; }
# The wall time of a motivo command (its arguments), or its error when it failed.
timed() {
  local err
  err=$(mktemp)
  if /usr/bin/time -o "$err.time" -f '%e s' "$motivo" "$@" >/dev/null 2>"$err"; then cat "$err.time"; else
    echo "failed: $(tail -1 "$err")"
  fi
  rm -f "$err" "$err.time"
}

sql motivo -c "CREATE DATABASE base"
"$motivo" --db "$base/base" import --quiet "$export_dir" >/dev/null
sql base -c "VACUUM ANALYZE"
who=$(sql base -c "SELECT m.counterpart FROM messages m JOIN invitations i ON i.from_person = m.counterpart
                   GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
say "# Partitioning the tables a forget rewrites (100,000 invitations; load $(cut -d' ' -f1-3 /proc/loadavg))"
say "person: p$who, $("$motivo" --db "$base/base" forget --dry-run "p$who" | tail -1 | sed 's/^ *//')"

hot() { # DB: the hot commands, three times each
  local n t cmd
  for cmd in "report --json" "invitations --json -n 50" "status --json"; do
    for _ in 1 2 3; do
      n=$(wc -l <"$log")
      # shellcheck disable=SC2086 # the command's words
      t=$(timed --db "$base/$1" $cmd)
      say "| $1 | $cmd | $t | server $(server_ms "$n") ms |"
    done
  done
  local page="EXPLAIN (ANALYZE, SUMMARY) SELECT id FROM invitations WHERE sent_at < 9999999999
    ORDER BY sent_at DESC, id DESC LIMIT 64"
  say "| $1 | keyset page, EXPLAIN ANALYZE three times in one session | $(sql "$1" -c "SET jit = off" -c "$page" \
    -c "$page" -c "$page" | grep -E 'Planning|Execution' | tr '\n' ' ') |"
}
dry_runs() { # DB
  for _ in 1 2 3; do
    say "| $1 | forget --dry-run | $(timed --db "$base/$1" forget --dry-run "p$who") |"
  done
}

say "## Today"
copy_of today
hot today
dry_runs today
n=$(wc -l <"$log")
say "forget: $(timed --db "$base/today" forget --yes "p$who")"
tail -n +"$n" "$log" | grep -o 'duration: [0-9.]* ms  statement: VACUUM FULL [a-z_]*' | tee -a "$md"

for parts in ${PARTITIONS:-26 256}; do
  db=p$parts
  say "## $parts partitions"
  copy_of "$db"
  start=$(date +%s.%N)
  psql -qX -v ON_ERROR_STOP=1 "$base/$db" -c "SET motivo.partitions = $parts" -f bench/pg-partitions.sql
  say "partitioned in $(printf %.1f "$(echo "$(date +%s.%N) - $start" | bc)") s"
  sql "$db" -c "VACUUM ANALYZE"
  sql "$db" -F ' | ' -c "SELECT i.inhparent::regclass, pg_size_pretty(avg(pg_total_relation_size(i.inhrelid))::bigint),
    pg_size_pretty(max(pg_total_relation_size(i.inhrelid))) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE c.relkind = 'r' GROUP BY 1 ORDER BY 1" | sed 's/^/| table, average, largest partition: /; s/$/ |/' |
    tee -a "$md"
  for rel in $(sql "$db" -c "SELECT DISTINCT tableoid::regclass FROM people WHERE id = $who
      UNION SELECT DISTINCT tableoid::regclass FROM invitations WHERE $who IN (from_person, to_person)
      UNION SELECT DISTINCT tableoid::regclass FROM messages WHERE $who IN (from_person, to_person, counterpart)
      UNION SELECT DISTINCT tableoid::regclass FROM connections WHERE person = $who
      UNION SELECT DISTINCT w.tableoid::regclass FROM message_words w JOIN messages m ON m.id = w.message
        WHERE $who IN (m.from_person, m.to_person, m.counterpart)"); do
    say "| VACUUM FULL $rel ($(sql "$db" -c "SELECT pg_size_pretty(pg_total_relation_size('$rel'))")) |" \
      "$(sql "$db" -c '\timing on' -c "VACUUM FULL $rel" -c "VACUUM FULL $rel" -c "VACUUM FULL $rel" | tr '\n' ' ') |"
  done
  dry_runs "$db"
  hot "$db"
done
echo "results: $md"
