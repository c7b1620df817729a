#!/usr/bin/env bash
# Issue 9's "a 2 GiB messages.csv" case: the benchmark export's messages.csv ten times over (each copy's
# conversation ids renamed, so every message is new: 5,000,000 messages, 2.1 GiB), imported with the benchmark's
# Invitations.csv into a new database; prints the time and peak memory. Needs about 5 GB of free disk.
# Usage: bench/large.sh [BUILD_DIR]   (after bench/run.sh has made BUILD_DIR/bench/export)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
export_dir=$PWD/$build/bench/export
[[ -f $export_dir/messages.csv ]] || { echo "large.sh: run bench/run.sh $build first (it makes $export_dir)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/motivo-large.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/export"
ln -s "$export_dir/Invitations.csv" "$work/export/Invitations.csv"
{
  head -1 "$export_dir/messages.csv"
  for k in 0 1 2 3 4 5 6 7 8 9; do
    tail -n +2 "$export_dir/messages.csv" | sed "s/^2-\([A-Za-z0-9+/=]*\),/2-$k\1,/"
  done
} >"$work/export/messages.csv"
echo "messages.csv: $(du -h "$work/export/messages.csv" | cut -f1)"
/usr/bin/time -f "%e s elapsed, %U s user, %S s system, peak %M KiB" \
  "$PWD/$build/motivo" --db "$work/m.db" import --quiet "$work/export" >/dev/null
"$PWD/$build/motivo" --db "$work/m.db" status --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print("stored:", d["messages"], "messages,", d["people"], "people")'
