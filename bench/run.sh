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
# The newer export a user downloads later: the same seed's rows and 1 % more of each file.
newer_dir=$out/export-newer
if [[ ! -f $newer_dir/.params || $(cat "$newer_dir/.params") != "$stamp" ]]; then
  rm -rf "$newer_dir"
  python3 scripts/gen-export.py --profile bench --invitations "$invitations" --messages "$messages" \
    --connections 20000 --newer 1 --out "$newer_dir"
  echo "$stamp" >"$newer_dir/.params"
fi
du -sh "$export_dir"

cat >"$out/bare-import.sql" <<SQL
.mode csv
.import $export_dir/Invitations.csv invitations
.import $export_dir/messages.csv messages
SQL

# Floors: what SQLite itself takes to write these rows, with the page size and journal settings motivo uses, when
# nothing is left to parse (every source below is made once, untimed): no CSV, no dates, no people to resolve.
#   - "motivo's rows": the rows a motivo import stores (people, invitations with their labels, messages,
#     connections), copied from a database motivo filled into an empty one motivo made, whose indexes are built
#     after the rows as motivo's bulk import does (a WHERE keeps SQLite from copying records verbatim);
#   - "unique keys": the bare .import's rows into two tables of the CSV's columns, each with a 16-byte identity
#     key and its unique index (what re-importing without doubling needs, and nothing else);
#   - "no index": the same tables without the index.
rm -f "$out/floor-bare.db" "$out/floor-motivo.db"* "$out/floor-template.db"*
sqlite3 "$out/floor-bare.db" <"$out/bare-import.sql"
"$motivo" --db "$out/floor-motivo.db" import --quiet "$export_dir" >/dev/null
"$motivo" --db "$out/floor-template.db" status >/dev/null
floor_tables="'people', 'invitations', 'messages', 'connections'"
floor_indexes=$(sqlite3 "$out/floor-template.db" "SELECT sql || ';' FROM sqlite_master
  WHERE type = 'index' AND tbl_name IN ($floor_tables) AND sql IS NOT NULL")
sqlite3 "$out/floor-template.db" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master
  WHERE type = 'index' AND tbl_name IN ($floor_tables) AND sql IS NOT NULL" | sqlite3 "$out/floor-template.db"
sqlite3 "$out/floor-template.db" "PRAGMA journal_mode = delete" >/dev/null
cat >"$out/floor-motivo.sql" <<SQL
PRAGMA journal_mode = delete;
PRAGMA synchronous = NORMAL;
ATTACH '$out/floor-motivo.db' AS src;
BEGIN;
INSERT INTO people SELECT * FROM src.people WHERE true;
INSERT INTO invitations SELECT * FROM src.invitations WHERE true;
INSERT INTO connections SELECT * FROM src.connections WHERE true;
INSERT INTO messages SELECT * FROM src.messages WHERE true;
$floor_indexes
COMMIT;
SQL
floor_sql() { # $1: "keys" or "rows"
  cat <<SQL
PRAGMA page_size = 16384;
PRAGMA journal_mode = delete;
PRAGMA synchronous = NORMAL;
ATTACH '$out/floor-bare.db' AS src;
CREATE TABLE invitations (id INTEGER PRIMARY KEY, key BLOB NOT NULL, from_name TEXT, to_name TEXT, sent_at INTEGER,
  message TEXT, direction TEXT, from_url TEXT, to_url TEXT);
CREATE TABLE messages (id INTEGER PRIMARY KEY, key BLOB NOT NULL, conversation_id TEXT, conversation_title TEXT,
  from_name TEXT, from_url TEXT, to_names TEXT, to_urls TEXT, sent_at INTEGER, subject TEXT, content TEXT,
  folder TEXT, draft INTEGER);
BEGIN;
INSERT INTO invitations SELECT NULL, randomblob(16), "From", "To", rowid, "Message", "Direction", inviterProfileUrl,
  inviteeProfileUrl FROM src.invitations;
INSERT INTO messages SELECT NULL, randomblob(16), "CONVERSATION ID", "CONVERSATION TITLE", "FROM",
  "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS", rowid, "SUBJECT", "CONTENT", "FOLDER", 0 FROM src.messages;
SQL
  if [[ $1 == keys ]]; then
    echo "CREATE UNIQUE INDEX invitations_by_key ON invitations(key);"
    echo "CREATE UNIQUE INDEX messages_by_key ON messages(key);"
  fi
  echo "COMMIT;"
}
floor_sql keys >"$out/floor-keys.sql"
floor_sql rows >"$out/floor-rows.sql"

hyperfine --runs "$runs" --export-markdown "$out/import.md" --export-json "$out/import.json" \
  --prepare "rm -f $out/m.db $out/m.db-wal $out/m.db-shm $out/m.db-journal" \
  -n "motivo import" "$motivo --db $out/m.db import --quiet $export_dir" \
  --prepare "rm -f $out/py.db" \
  -n "python stdlib loader" "python3 bench/python_loader.py $export_dir $out/py.db" \
  --prepare "rm -f $out/bare.db" \
  -n "sqlite3 bare .import" "sqlite3 $out/bare.db < $out/bare-import.sql" \
  --prepare "rm -f $out/floor.db*; cp $out/floor-template.db $out/floor.db" \
  -n "sqlite3 floor: motivo's rows, written again" "sqlite3 $out/floor.db < $out/floor-motivo.sql" \
  --prepare "rm -f $out/floor.db*" \
  -n "sqlite3 floor: parsed rows copied, unique keys" "sqlite3 $out/floor.db < $out/floor-keys.sql" \
  --prepare "rm -f $out/floor.db*" \
  -n "sqlite3 floor: parsed rows copied, no index" "sqlite3 $out/floor.db < $out/floor-rows.sql"

# Re-importing into a database that holds the export (a copy of the one the last run left), against a first import
# in the same run: the same export again (every file unchanged), and the newer export (1 % more rows in each file).
rm -f "$out/base.db"*
for f in "$out"/m.db*; do cp "$f" "$out/base.db${f#"$out/m.db"}"; done
fill() { echo "rm -f $out/r.db*; for f in $out/base.db*; do cp \$f $out/r.db\${f#$out/base.db}; done"; }
hyperfine --runs "$runs" --export-markdown "$out/reimport.md" \
  --prepare "rm -f $out/r.db*" -n "motivo import (first, the baseline)" "$motivo --db $out/r.db import --quiet $export_dir" \
  --prepare "$(fill)" -n "motivo re-import of the same export" "$motivo --db $out/r.db import --quiet $export_dir" \
  --prepare "$(fill)" -n "motivo import of the newer export (+1 % rows)" \
  "$motivo --db $out/r.db import --quiet $newer_dir"
rm -f "$out/base.db"* "$out/r.db"*

rm -f "$out/m.db"*
/usr/bin/time -f "%M" -o "$out/peak-kb" "$motivo" --db "$out/m.db" import --quiet "$export_dir" >/dev/null
echo
echo "Peak memory of motivo import: $(($(cat "$out/peak-kb") / 1024)) MiB"
cat "$out/import.md" "$out/reimport.md"
rm -f "$out/m.db"* "$out/py.db" "$out/bare.db" "$out/floor.db"* "$out/floor-bare.db" "$out/floor-motivo.db"* "$out/floor-template.db"*

# In-process micro-benchmarks, each against its baseline (bench/micro_bench.cpp).
"$PWD/$build/bench/motivo_micro_bench" --benchmark_min_time=0.2
