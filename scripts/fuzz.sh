#!/usr/bin/env bash
# Builds the libFuzzer targets (cmake --preset fuzz: clang, ASan, UBSan) and runs each for SECONDS (default 60),
# seeded from the test fixtures. Crashes land in build-fuzz/crashes/TARGET/; each one found becomes a regression
# test (tests/data/fuzz-regressions/, replayed by the unit tests).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(fuzz_mail fuzz_csv)
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (apt-get install -y clang)" >&2; exit 1; }
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
status=0
for target in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$target
  crashes=build-fuzz/crashes/$target
  mkdir -p "$corpus" "$crashes"
  case $target in
    fuzz_mail) seeds=(tests/data/mail) ;;
    fuzz_csv) seeds=(fuzz/seeds/csv) ;;
  esac
  echo "== $target, ${seconds}s"
  if ! build-fuzz/fuzz/$target "$corpus" "${seeds[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" 2>&1 | tail -n 12; then
    status=1
  fi
  if compgen -G "$crashes/*" >/dev/null; then
    echo "fuzz.sh: $target found crashes in $crashes" >&2
    status=1
  fi
done
exit $status
