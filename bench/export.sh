#!/usr/bin/env bash
# Issue 20, item 3: the peak memory and time of `motivo export --json` and `export --anonymize` on the benchmark
# export (100,000 invitations, 500,000 messages, 20,000 connections) imported into a new database; with a second
# binary (an older build), the same commands of both in the same run, so the figures compare.
# Usage: bench/export.sh [BUILD_DIR] [BASE_MOTIVO]   (after bench/run.sh has made BUILD_DIR/bench/export)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
base=${2:-}
export_dir=$PWD/$build/bench/export
[[ -f $export_dir/messages.csv ]] || { echo "export.sh: run bench/run.sh $build first (it makes $export_dir)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/motivo-export-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$PWD/$build/motivo" --db "$work/m.db" import --quiet "$export_dir" >/dev/null
measure() { # $1: label, $2: binary, then the export's arguments
  local label=$1 binary=$2
  shift 2
  /usr/bin/time -f "$label: %e s elapsed, peak %M KiB" "$binary" --db "$work/m.db" export "$@" >/dev/null
  rm -f "$work/out.jsonl" "$work/out.zip"
}
for binary in ${base:+"$base"} "$PWD/$build/motivo"; do
  name=$([[ $binary == "$base" ]] && echo base || echo "$build")
  measure "$name export --json" "$binary" --json "$work/out.jsonl"
  measure "$name export --anonymize" "$binary" --anonymize "$work/out.zip"
done
