#!/usr/bin/env bash
# Builds the libFuzzer targets (cmake --preset fuzz: clang, ASan, UBSan) and runs each for SECONDS (default 60),
# seeded from the test fixtures. Crashes land in build-fuzz/crashes/TARGET/; each one found becomes a regression
# test (tests/data/fuzz-regressions/, replayed by the unit tests).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# FUZZ_PRESET=asan takes the targets the asan build compiles too (.ci/run: one clang build for both, build-asan/).
# FUZZ_BUILD=0 runs the targets as built, without configuring or building (.ci/run: the build is done, and the
# ThreadSanitizer build runs beside).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(fuzz_mail fuzz_csv fuzz_config fuzz_template fuzz_classify fuzz_export fuzz_dma fuzz_jsonl)
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (apt-get install -y clang)" >&2; exit 1; }
preset=${FUZZ_PRESET:-fuzz}
dir=build-$preset
if [[ ${FUZZ_BUILD:-1} != 0 ]]; then
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" --target "${targets[@]}"
fi
# Two targets at a time (the machine has two cores); each one's output goes to its log.
run_one() {
  local target=$1 corpus=$dir/corpus/$1 crashes=$dir/crashes/$1 seeds
  mkdir -p "$corpus" "$crashes"
  case $target in
    fuzz_mail) seeds=tests/data/mail ;;
    fuzz_csv) seeds=fuzz/seeds/csv ;;
    fuzz_config) seeds=fuzz/seeds/config ;;
    fuzz_template) seeds=data/templates ;;
    fuzz_classify) seeds=fuzz/seeds/notes ;;
    fuzz_export) seeds=fuzz/seeds/export ;;
    fuzz_dma) seeds=fuzz/seeds/dma ;;
    fuzz_jsonl) seeds=fuzz/seeds/jsonl ;;
  esac
  "$dir/fuzz/$target" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" >"$dir/$target.log" 2>&1
}
status=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  pids=()
  for target in "${targets[@]:i:2}"; do
    echo "== $target, ${seconds}s"
    run_one "$target" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
  for target in "${targets[@]:i:2}"; do
    grep -E "^(Done|stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb))" \
      "$dir/$target.log" | sed "s/^/  $target: /"
    if compgen -G "$dir/crashes/$target/*" >/dev/null; then
      echo "fuzz.sh: $target found crashes in $dir/crashes/$target (log: $dir/$target.log)" >&2
      tail -n 40 "$dir/$target.log" >&2
      status=1
    fi
  done
done
exit $status
