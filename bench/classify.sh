#!/usr/bin/env bash
# The classifier benchmark: motivo's note classifier against a fastText baseline, on the labelled dev set
# (tests/data/classify/README.md).
#   1. Materialise the dev set into BUILD_DIR/bench/devset.jsonl: the synthetic notes, plus the real ones read
#      from ../shared/data/linkedin-exports when that folder exists (scripts/devset.py). Real notes are real
#      people's data: they only ever live under BUILD_DIR, never in the repository.
#   2. bench/fasttext_baseline.py: stratified 5-fold CV of fastText (report in BUILD_DIR/bench/fasttext.md), a
#      model trained on all notes, and BENCH_NOTES notes (default 1,000,000, the dev set cycled) written twice:
#      as JSONL {id, text} for motivo and fastText-preprocessed for `fasttext predict`.
#   3. hyperfine, same run: `motivo classify --jsonl` vs `fasttext predict` on those notes
#      (BUILD_DIR/bench/classify.md). Skipped for motivo while `motivo classify` is not built.
#   4. `motivo eval BUILD_DIR/bench/devset.jsonl`: motivo's own per-label precision/recall and confusion matrix.
# Usage: bench/classify.sh [BUILD_DIR]   (env: BENCH_NOTES, BENCH_RUNS, BENCH_FOLDS, MOTIVO_EXPORTS)
# Needs: python3, hyperfine, fasttext (Debian packages `hyperfine`, `fasttext`).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
[[ $build == /* ]] || build=$PWD/$build
motivo=$build/motivo
out=$build/bench
work=$out/fasttext
notes=${BENCH_NOTES:-1000000}
runs=${BENCH_RUNS:-3}
folds=${BENCH_FOLDS:-5}
shared=${MOTIVO_EXPORTS:-$PWD/../shared/data/linkedin-exports}
devset=$out/devset.jsonl
mkdir -p "$out" "$work"

for tool in python3 hyperfine fasttext; do
  command -v "$tool" >/dev/null || { echo "classify.sh: $tool not found (apt-get install -y $tool)" >&2; exit 1; }
done

# 1. The dev set. devset.py exits 77 when the shared folder is absent, after writing the synthetic notes only.
rc=0
python3 scripts/devset.py --labels tests/data/classify/real-labels.tsv --shared "$shared" \
  --synthetic tests/data/classify/synthetic.jsonl --synthetic tests/data/classify/heldout.jsonl \
  --synthetic tests/data/classify/heldout2.jsonl --synthetic tests/data/classify/heldout3.jsonl \
  --synthetic tests/data/classify/heldout4.jsonl --synthetic tests/data/classify/heldout5.jsonl \
  --synthetic tests/data/classify/heldout6.jsonl --synthetic tests/data/classify/multilingual-dev.jsonl \
  --synthetic tests/data/classify/multilingual-dev2.jsonl --synthetic tests/data/classify/multilingual-dev3.jsonl \
  --synthetic tests/data/classify/multilingual-dev4.jsonl --out "$devset" || rc=$?
if ((rc == 77)); then
  echo "classify.sh: real notes not found, dev set is the synthetic notes only" >&2
elif ((rc != 0)); then
  exit "$rc"
fi

# 2. fastText: CV report, model, and the notes for the speed comparison.
python3 bench/fasttext_baseline.py --folds "$folds" --seed 7 "$devset" --out "$out/fasttext.md" \
  --notes "$notes" --workdir "$work" --model "$work/model" \
  --notes-jsonl "$work/notes.jsonl" --notes-txt "$work/notes.txt"

# 3. Speed, in the same hyperfine run. `motivo classify --help` must print the classify subcommand's own usage:
#    without the subcommand, CLI11 prints the top-level help and still exits 0.
have_classify=0
if [[ -x $motivo ]] && "$motivo" classify --help 2>/dev/null | grep -q 'Usage: .*classify'; then
  have_classify=1
fi
cmds=()
if ((have_classify)); then
  cmds+=(-n "motivo classify --jsonl" "$motivo classify --jsonl < $work/notes.jsonl > /dev/null")
else
  echo "motivo classify not built yet: timing fastText alone" >&2
fi
cmds+=(-n "fasttext predict" "fasttext predict $work/model.bin $work/notes.txt > /dev/null")
hyperfine --runs "$runs" --export-markdown "$out/classify.md" --export-json "$out/classify.json" "${cmds[@]}"
echo
echo "$notes notes per run (the dev set cycled); fastText's input is already preprocessed, motivo's is raw JSONL."
cat "$out/classify.md"

# 4. motivo's own figures on the dev set, and its peak memory on the speed run.
echo
if [[ -x $motivo ]] && "$motivo" eval --help 2>/dev/null | grep -q 'Usage: .*eval'; then
  "$motivo" eval "$devset"
else
  echo "motivo eval not built yet: skipped"
fi
if ((have_classify)); then
  /usr/bin/time -f "%M" -o "$out/classify-peak-kb" "$motivo" classify --jsonl <"$work/notes.jsonl" >/dev/null
  echo "Peak memory of motivo classify --jsonl on $notes notes: $(($(cat "$out/classify-peak-kb") / 1024)) MiB"
fi

# 5. In-process stages (Google Benchmark): stock-text stage, whole pipeline, folding vs ICU, CLD2 alone.
"$build/bench/motivo_classify_bench" --benchmark_min_time=0.5
