#!/usr/bin/env python3
"""fastText baseline for motivo's invitation-note classifier (Python 3 stdlib + the `fasttext` CLI).

Usage:
  bench/fasttext_baseline.py [--folds 5] [--seed 7] FILE.jsonl [FILE.jsonl ...]
      [--out build/bench/fasttext.md] [--notes 1000000] [--workdir build/bench/fasttext]
      [--notes-jsonl PATH] [--notes-txt PATH] [--model PREFIX] [--speed-runs 3] [--no-presets]
      [--params "FASTTEXT OPTIONS"] [--fasttext /usr/bin/fasttext]

Input: JSONL dev-set files (scripts/devset.py output, tests/data/classify/synthetic.jsonl), one object per line
with at least "text" and "label" (one of empty, default, template, spam, personalized); "id" and "why" are used
when present.

What it does:
1. Stratified k-fold cross-validation of a fastText supervised model (labels `__label__<label>`). Each note is in
   exactly one test fold; folds are dealt per label after a seeded shuffle, so every fold has about the same
   label mix. Reported: overall accuracy, per-label precision/recall/F1, the confusion matrix, accuracy per source
   (synthetic, and each real export folder), and the four figures the project tracks:
     - personalised-vs-not accuracy: accuracy of "is personalized" against "any other label";
     - personalized precision, default recall, spam precision;
   with precision = TP/(TP+FP) and recall = TP/(TP+FN) ("n/a" when the denominator is 0).
2. The same CV with campaign-grouped folds: all notes of one campaign (`why` starting with "campaign:" in the real
   set, "campaign " in the synthetic set) go to the same fold, so the model never sees a campaign's skeleton in
   training and in test at once. Plain stratified CV is optimistic on this data: 336 of the 523 real notes are
   four campaign skeletons.
3. Unless --no-presets: the headline figures of a few other hyperparameter settings on the same folds, for
   context only. The setting used above is fixed in advance (PARAMS below), not picked from this table.
4. Speed: one model trained on all notes (written to PREFIX.bin), N notes written by cycling the dev set (to
   --notes-txt, fastText-preprocessed, one per line; and to --notes-jsonl as {"id", "text"} with the original text,
   the k-th copy of a note ending in k spaces so that no two texts repeat, so that `motivo classify --jsonl` can be
   timed on the same notes without reusing a repeated text's reading), and `fasttext predict PREFIX.bin
   notes.txt` timed end to end (wall clock, stdout to /dev/null, model loading included; the median of
   --speed-runs runs, default 3, as timings on a shared 2-core machine vary). The preprocessing below is NOT
   included in that time; motivo's own normalisation is included in its time.

Preprocessing (the same for training, CV and the speed file): lower-case; every character that is neither a word
character nor whitespace (Unicode-aware `\\w`) becomes a separate token; newlines, tabs and all other whitespace
become single spaces; a literal "__label__" inside a note is broken up. A note that is empty or whitespace-only
after this becomes the single token "<empty>" (an actual "<empty>" in a note would be split into "< empty >", so
it cannot collide). fastText ignores lines without words in training, so a token is needed to learn `empty`.

The reports hold counts and metrics only, never note text. The files written (fold files in a temporary folder,
the model, notes.txt, notes.jsonl) hold note text: keep them in a build or temporary folder.
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

LABELS = ["empty", "default", "template", "spam", "personalized"]
# Small-data settings, fixed before looking at results. -bucket 100000 (instead of 2,000,000) keeps the model file
# small (the n-gram table is bucket x dim floats); with under 1,000 notes collisions do not matter.
PARAMS = "-epoch 50 -lr 0.5 -wordNgrams 2 -minCount 1 -dim 50 -bucket 100000"
PRESETS = [
    ("fastText defaults (unigrams, 5 epochs)", "-epoch 5 -lr 0.1 -wordNgrams 1 -minCount 1 -dim 100 -bucket 100000"),
    ("25 epochs, lr 1.0, bigrams", "-epoch 25 -lr 1.0 -wordNgrams 2 -minCount 1 -dim 50 -bucket 100000"),
    ("used + char n-grams 2-5", PARAMS + " -minn 2 -maxn 5"),
]
EMPTY_TOKEN = "<empty>"
_PUNCT = re.compile(r"([^\w\s])")


def preprocess(text):
    t = text.lower().replace("__label__", " label ")
    t = _PUNCT.sub(r" \1 ", t)
    t = " ".join(t.split())  # str.split() splits on every Unicode whitespace, newlines included
    return t or EMPTY_TOKEN


def load(paths):
    notes = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                o = json.loads(line)
                if o.get("label") not in LABELS:
                    sys.exit(f"{path}:{n}: label {o.get('label')!r} is not one of {LABELS}")
                if not isinstance(o.get("text"), str):
                    sys.exit(f"{path}:{n}: no text")
                o.setdefault("id", f"{Path(path).stem}:{n}")
                o["_pre"] = preprocess(o["text"])
                notes.append(o)
    return notes


def source_of(note):
    nid = note["id"]
    return nid.split(":", 1)[0] if ":" in nid else "synthetic"


def campaign_of(note):
    why = note.get("why") or ""
    if why.startswith("campaign:") or why.startswith("campaign "):
        return source_of(note) + "|" + why
    return None


# ---------------------------------------------------------------- folds

def stratified_folds(notes, k, seed):
    rng = random.Random(seed)
    by_label = defaultdict(list)
    for i, note in enumerate(notes):
        by_label[note["label"]].append(i)
    fold = [0] * len(notes)
    pos = 0
    for label in LABELS:  # fixed order, so the result depends on the seed only
        idx = by_label.get(label, [])
        rng.shuffle(idx)
        for i in idx:
            fold[i] = pos % k
            pos += 1
    return fold


def grouped_folds(notes, k, seed):
    """Stratified group k-fold: a campaign is one group; every other note is a group of its own. Groups are placed
    largest first into the fold that has the fewest notes of the group's label (then the fewest notes)."""
    rng = random.Random(seed)
    groups = defaultdict(list)
    for i, note in enumerate(notes):
        groups[campaign_of(note) or f"#{i}"].append(i)
    order = list(groups.values())
    rng.shuffle(order)
    order.sort(key=len, reverse=True)  # stable: equal sizes keep the shuffled order
    per_label = [Counter() for _ in range(k)]
    size = [0] * k
    fold = [0] * len(notes)
    for members in order:
        label = Counter(notes[i]["label"] for i in members).most_common(1)[0][0]
        f = min(range(k), key=lambda j: (per_label[j][label], size[j], j))
        for i in members:
            fold[i] = f
        per_label[f][label] += len(members)
        size[f] += len(members)
    return fold


# ---------------------------------------------------------------- fastText

def write_train(path, notes):
    with open(path, "w", encoding="utf-8") as f:
        for note in notes:
            f.write(f"__label__{note['label']} {note['_pre']}\n")


def write_text(path, notes):
    with open(path, "w", encoding="utf-8") as f:
        for note in notes:
            f.write(note["_pre"] + "\n")


def train(ft, train_file, prefix, params, seed):
    cmd = [ft, "supervised", "-input", str(train_file), "-output", str(prefix), "-thread", "1",
           "-seed", str(seed), "-verbose", "0"] + params.split()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return Path(str(prefix) + ".bin")


def predict(ft, model, text_file, expected):
    out = subprocess.run([ft, "predict", str(model), str(text_file)], check=True, capture_output=True,
                         text=True, encoding="utf-8").stdout
    lines = out.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != expected:
        sys.exit(f"fasttext predict gave {len(lines)} lines for {expected} notes")
    # A line with no known word or n-gram gets no prediction (an empty line): counted as "(none)", i.e. wrong.
    return [ln.split()[0].removeprefix("__label__") if ln.strip() else "(none)" for ln in lines]


def cross_validate(ft, notes, folds, k, params, seed, tmp):
    pred = [None] * len(notes)
    for f in range(k):
        train_notes = [n for n, fo in zip(notes, folds) if fo != f]
        test_idx = [i for i, fo in enumerate(folds) if fo == f]
        if not test_idx:
            continue
        write_train(tmp / "train.txt", train_notes)
        write_text(tmp / "test.txt", [notes[i] for i in test_idx])
        model = train(ft, tmp / "train.txt", tmp / "fold", params, seed)
        for i, p in zip(test_idx, predict(ft, model, tmp / "test.txt", len(test_idx))):
            pred[i] = p
    return pred


# ---------------------------------------------------------------- metrics

def ratio(num, den):
    return num / den if den else None


def pct(x):
    return "n/a" if x is None else f"{100 * x:.1f}%"


def metrics(gold, pred):
    m = {"n": len(gold), "correct": sum(g == p for g, p in zip(gold, pred))}
    m["accuracy"] = ratio(m["correct"], m["n"])
    per = {}
    for label in LABELS:
        tp = sum(g == label and p == label for g, p in zip(gold, pred))
        fp = sum(g != label and p == label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        prec, rec = ratio(tp, tp + fp), ratio(tp, tp + fn)
        f1 = 2 * prec * rec / (prec + rec) if prec is not None and rec is not None and prec + rec else None
        per[label] = {"support": tp + fn, "predicted": tp + fp, "tp": tp, "precision": prec, "recall": rec, "f1": f1}
    m["per"] = per
    f1s = [per[l]["f1"] or 0.0 for l in LABELS if per[l]["support"]]
    m["macro_f1"] = ratio(sum(f1s), len(f1s))
    m["pers_vs_not"] = ratio(sum((g == "personalized") == (p == "personalized") for g, p in zip(gold, pred)), len(gold))
    m["pers_precision"] = per["personalized"]["precision"]
    m["default_recall"] = per["default"]["recall"]
    m["spam_precision"] = per["spam"]["precision"]
    return m


def headline_table(rows):
    out = ["| setting | accuracy | macro F1 | personalised-vs-not acc. | personalized P | default R | spam P |",
           "|---|---|---|---|---|---|---|"]
    for name, m in rows:
        out.append(f"| {name} | {pct(m['accuracy'])} ({m['correct']}/{m['n']}) | {pct(m['macro_f1'])} | "
                   f"{pct(m['pers_vs_not'])} | {pct(m['pers_precision'])} | {pct(m['default_recall'])} | "
                   f"{pct(m['spam_precision'])} |")
    return out


def per_label_table(m):
    out = ["| label | support | predicted | precision | recall | F1 |", "|---|---|---|---|---|---|"]
    for label in LABELS:
        p = m["per"][label]
        out.append(f"| {label} | {p['support']} | {p['predicted']} | {pct(p['precision'])} | {pct(p['recall'])} | "
                   f"{pct(p['f1'])} |")
    return out


def confusion_table(gold, pred):
    cols = LABELS + (["(none)"] if "(none)" in pred else [])
    c = Counter(zip(gold, pred))
    out = ["| gold \\ predicted | " + " | ".join(cols) + " | total |", "|---" * (len(cols) + 2) + "|"]
    for g in LABELS:
        out.append(f"| **{g}** | " + " | ".join(str(c[g, p]) for p in cols) + f" | {sum(c[g, p] for p in cols)} |")
    return out


def source_table(notes, pred):
    by = defaultdict(lambda: [0, 0])
    for note, p in zip(notes, pred):
        s = by[source_of(note)]
        s[0] += note["label"] == p
        s[1] += 1
    out = ["| source | notes | correct | accuracy |", "|---|---|---|---|"]
    for src in sorted(by, key=lambda s: (s != "synthetic", s)):
        ok, n = by[src]
        out.append(f"| {src} | {n} | {ok} | {pct(ok / n)} |")
    return out


# ---------------------------------------------------------------- speed

def write_speed_files(notes, n, txt_path, jsonl_path):
    txt_path.parent.mkdir(parents=True, exist_ok=True)
    jsonl_path.parent.mkdir(parents=True, exist_ok=True)
    pre = [note["_pre"] + "\n" for note in notes]
    js = [(note["id"], note["text"]) for note in notes]
    with open(txt_path, "w", encoding="utf-8") as ft, open(jsonl_path, "w", encoding="utf-8") as fj:
        for i in range(n):
            j = i % len(notes)
            ft.write(pre[j])
            # The k-th copy of a note ends in k spaces: the same reading for both classifiers, but no two texts are
            # the same, so motivo cannot reuse an earlier note's reading (a real batch repeats about 1 % of its
            # texts; this file would repeat each one about 40 times).
            copy = i // len(notes)
            text = js[j][1] + " " * copy
            fj.write(json.dumps({"id": f"{js[j][0]}#{copy}", "text": text}, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser(description="fastText cross-validated baseline for the note classifier",
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("files", nargs="+", type=Path, metavar="FILE.jsonl")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, help="also write the markdown report here")
    ap.add_argument("--notes", type=int, default=1_000_000, metavar="N", help="notes in the speed test (0: skip)")
    ap.add_argument("--speed-runs", type=int, default=3, metavar="R", help="timed predict runs (median reported)")
    ap.add_argument("--workdir", type=Path, default=Path("build/bench/fasttext"),
                    help="default folder for the model and the speed files")
    ap.add_argument("--notes-jsonl", type=Path, help="cycled notes as JSONL {id, text} [WORKDIR/notes.jsonl]")
    ap.add_argument("--notes-txt", type=Path, help="cycled notes, fastText-preprocessed [WORKDIR/notes.txt]")
    ap.add_argument("--model", type=Path, help="model trained on all notes, without .bin [WORKDIR/model]")
    ap.add_argument("--params", default=PARAMS, help=f"fastText training options [{PARAMS}]")
    ap.add_argument("--no-presets", action="store_true", help="skip the table of other hyperparameter settings")
    ap.add_argument("--fasttext", default=shutil.which("fasttext") or "/usr/bin/fasttext")
    args = ap.parse_args()
    if not Path(args.fasttext).exists():
        sys.exit(f"{args.fasttext} not found: apt-get install -y fasttext")
    if args.folds < 2:
        sys.exit("--folds must be at least 2")
    notes_jsonl = args.notes_jsonl or args.workdir / "notes.jsonl"
    notes_txt = args.notes_txt or args.workdir / "notes.txt"
    model_prefix = args.model or args.workdir / "model"

    notes = load(args.files)
    if not notes:
        sys.exit("no notes")
    gold = [n["label"] for n in notes]
    k, seed, ft = args.folds, args.seed, args.fasttext
    log = lambda msg: print(msg, file=sys.stderr, flush=True)

    rep = ["# fastText baseline for the note classifier", ""]
    counts = Counter(gold)
    rep += [f"{len(notes)} notes from {', '.join(f.name for f in args.files)}: "
            + ", ".join(f"{l} {counts[l]}" for l in LABELS) + ".",
            f"{sum(campaign_of(n) is not None for n in notes)} of them in "
            f"{len({campaign_of(n) for n in notes} - {None})} campaigns.", "",
            f"fastText {ft} `supervised {args.params} -thread 1 -seed {seed}`; {k}-fold CV, fold seed {seed}.",
            "Preprocessing: lower-case, punctuation split into tokens, all whitespace to single spaces, "
            f"empty or whitespace-only notes as the token `{EMPTY_TOKEN}`.",
            "Precision = TP/(TP+FP), recall = TP/(TP+FN); personalised-vs-not = accuracy of "
            "personalized against all other labels.", ""]

    with tempfile.TemporaryDirectory(prefix="ftcv-") as tmpname:
        tmp = Path(tmpname)
        t0 = time.perf_counter()
        strat = stratified_folds(notes, k, seed)
        pred = cross_validate(ft, notes, strat, k, args.params, seed, tmp)
        log(f"stratified CV: {time.perf_counter() - t0:.1f} s")
        m = metrics(gold, pred)
        grouped = grouped_folds(notes, k, seed)
        gpred = cross_validate(ft, notes, grouped, k, args.params, seed, tmp)
        gm = metrics(gold, gpred)
        log("campaign-grouped CV done")

        rep += [f"## Stratified {k}-fold CV", ""]
        rep += headline_table([("used", m)]) + [""]
        rep += per_label_table(m) + [""]
        rep += ["Confusion matrix (rows: gold label, columns: prediction):", ""] + confusion_table(gold, pred) + [""]
        rep += ["Accuracy per source:", ""] + source_table(notes, pred) + [""]
        rep += [f"## Campaign-grouped {k}-fold CV",
                "", "All notes of a campaign in one fold, so no campaign skeleton is in both training and test.", ""]
        rep += headline_table([("used", gm)]) + [""]
        rep += per_label_table(gm) + [""]
        rep += ["Confusion matrix:", ""] + confusion_table(gold, gpred) + [""]
        rep += ["Accuracy per source:", ""] + source_table(notes, gpred) + [""]

        if not args.no_presets:
            rows = [("**used**: " + args.params, m)]
            grows = [("**used**: " + args.params, gm)]
            for name, params in PRESETS:
                if params == args.params:
                    continue
                rows.append((f"{name}: {params}", metrics(gold, cross_validate(ft, notes, strat, k, params, seed, tmp))))
                grows.append((f"{name}: {params}",
                              metrics(gold, cross_validate(ft, notes, grouped, k, params, seed, tmp))))
                log(f"preset done: {name}")
            rep += ["## Other settings, same folds (context only; the used setting was fixed beforehand)", "",
                    "Stratified:", ""] + headline_table(rows) + ["", "Campaign-grouped:", ""] + headline_table(grows)
            rep += [""]

    if args.notes > 0:
        model_prefix.parent.mkdir(parents=True, exist_ok=True)
        all_train = Path(str(model_prefix) + ".train.txt")
        write_train(all_train, notes)
        t0 = time.perf_counter()
        model = train(ft, all_train, model_prefix, args.params, seed)
        t_train = time.perf_counter() - t0
        write_speed_files(notes, args.notes, notes_txt, notes_jsonl)
        times = []
        for _ in range(args.speed_runs):
            t0 = time.perf_counter()
            subprocess.run([ft, "predict", str(model), str(notes_txt)], check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - t0)
        times.sort()
        t_pred = times[len(times) // 2]
        rep += ["## Prediction speed", "",
                f"One model trained on all {len(notes)} notes in {t_train:.2f} s "
                f"(`{model}`, {model.stat().st_size / 2**20:.1f} MiB).",
                f"`fasttext predict` on {args.notes:,} notes (the dev set cycled; `{notes_txt}`, "
                f"{notes_txt.stat().st_size / 2**20:.1f} MiB), stdout to /dev/null, wall clock "
                "including process start and model load; preprocessing not included. "
                f"Median of {len(times)} run(s), then the fastest and slowest:", "",
                "| notes | runs | median s | notes/s (median) | min s | max s |", "|---|---|---|---|---|---|",
                f"| {args.notes:,} | {len(times)} | {t_pred:.2f} | {args.notes / t_pred:,.0f} | {times[0]:.2f} | "
                f"{times[-1]:.2f} |", "",
                f"The same notes with their original text (the k-th copy ending in k spaces: no text repeats), for "
                f"`motivo classify --jsonl`: `{notes_jsonl}`.", ""]

    text = "\n".join(rep)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
