#!/usr/bin/env bash
# The classifier's floors on the hand-labelled real notes (tests/data/classify/real-labels.tsv). Their text is
# real people's: it is read from ../shared/data/linkedin-exports at run time into a temporary file, never kept.
# Usage: eval_real.sh MOTIVO_BINARY SOURCE_DIR   (exit 77, a CTest skip, when ../shared is absent)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
motivo=$1
src=$2
shared=${MOTIVO_EXPORTS:-$src/../shared/data/linkedin-exports}
python3 "$src/scripts/devset.py" --labels "$src/tests/data/classify/real-labels.tsv" --shared "$shared" \
  --out "$work/real.jsonl"
status=$?
if ((status == 77)); then
  echo "skipped: the real exports are not at $shared"
  exit 77
fi
((status == 0)) || exit "$status"
"$motivo" eval --check "$work/real.jsonl"
