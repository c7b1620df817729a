#!/usr/bin/env bash
# Trains the classifier's shipped note model (data/note_model.tsv) from the repository's labelled notes, with a
# fixed seed: the corpus written for it (tests/data/classify/corpus/*.jsonl), the synthetic notes, held-out 1–5 and
# the multilingual development sets. Held-out 6 and later (6–19) are never trained on: they are the sets the model is
# measured on (--eval), beside a 5-fold cross-validation by group. The real notes of ../shared are not in the repository, so
# they are not trained on either (tests/e2e/eval_real.sh measures the blend on them).
# Usage: scripts/train-model.sh [MOTIVO] [OUT] [more train-model options]
#   scripts/train-model.sh build/motivo data/note_model.tsv          # train the shipped file again
#   scripts/train-model.sh build/motivo /tmp/m.tsv --folds 0           # only train (tests/e2e/classify_model.py)
#   scripts/train-model.sh build/motivo data/note_model.tsv --eval tests/data/classify/heldout6.jsonl \
#     --eval tests/data/classify/heldout7.jsonl --scores build/oof-scores.tsv   # the figures in docs/CLASSIFIER.md
set -euo pipefail
cd "$(dirname "$0")/.."
motivo=${1:-build/motivo}
out=${2:-data/note_model.tsv}
shift $(($# < 2 ? $# : 2))
d=tests/data/classify
files=("$d"/corpus/*.jsonl "$d"/synthetic.jsonl "$d"/heldout.jsonl "$d"/heldout2.jsonl "$d"/heldout3.jsonl
  "$d"/heldout4.jsonl "$d"/heldout5.jsonl "$d"/multilingual-dev.jsonl "$d"/multilingual-dev2.jsonl
  "$d"/multilingual-dev3.jsonl "$d"/multilingual-dev4.jsonl)
exec "$motivo" train-model "${files[@]}" --seed 7 --out "$out" "$@"
