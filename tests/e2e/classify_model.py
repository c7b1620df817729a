"""The shipped note model is what the repository's data gives (issue 22): scripts/train-model.sh trains it again
from the labelled notes with its fixed seed, and the result must be data/note_model.tsv byte for byte. A model the
data no longer gives (the corpus or the features changed, the file was edited) fails here: train again with
`scripts/train-model.sh build/motivo data/note_model.tsv`.
Usage: classify_model.py MOTIVO SOURCE_DIR"""
import os
import subprocess
import sys

from checks import Checks, workdir

motivo, source = sys.argv[1], sys.argv[2]
check = Checks()
out = os.path.join(workdir("model"), "note_model.tsv")
run = subprocess.run(["bash", os.path.join(source, "scripts/train-model.sh"), motivo, out, "--folds", "0"],
                     capture_output=True, text=True, check=False)
print(run.stdout, run.stderr)
check(run.returncode == 0, "scripts/train-model.sh trains a model")
with open(os.path.join(source, "data/note_model.tsv"), encoding="utf-8") as f:
    shipped = f.read()
trained = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
check(shipped.count("\n") > 1000, "the shipped model has weights")
check(trained == shipped, "training again gives data/note_model.tsv byte for byte")
# The same command twice gives the same file (the seed fixes the folds and the order).
again = os.path.join(os.path.dirname(out), "again.tsv")
subprocess.run(["bash", os.path.join(source, "scripts/train-model.sh"), motivo, again, "--folds", "0"],
               capture_output=True, check=False)
check(os.path.exists(again) and open(again, encoding="utf-8").read() == trained, "training is deterministic")
check.exit()
