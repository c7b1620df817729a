#!/usr/bin/env python3
"""Fit the classifier's calibration (data/calibration.tsv) and measure it (Python 3 stdlib only).

Usage:
  build/motivo eval DEVSET.jsonl --scores SCORES.tsv
  scripts/calibrate.py --devset DEVSET.jsonl --scores SCORES.tsv [--set NOTES.jsonl SCORES.tsv ...]
                       [--out data/calibration.tsv] [--folds 5]

DEVSET.jsonl is the development set as scripts/devset.py writes it (synthetic.jsonl, heldout1-5 and the real notes);
SCORES.tsv is what `motivo eval --scores` wrote for it: each note's hand label, motivo's label and the rules' score.
For each label, isotonic regression (pool-adjacent-violators) maps the score to the share of notes given that label
at that score which were right, each pooled block shrunk towards 1/2 by one right and one wrong pseudo-note (so no
step claims certainty from a handful of notes). `empty` is left out: a blank note is empty by definition, its
confidence stays 1.

The expected calibration error (10 equal-width bins) is measured by cross-validation: notes are grouped with their
near-duplicates (the campaign motivo found, or word 3-shingles shared at Jaccard >= 0.5 with names masked, or the
same text), whole groups go to one of --folds folds, and each fold is calibrated by a fit on the others. It prints the
reliability table (markdown) of those out-of-fold confidences and of the raw scores, and writes the fit on every
note to --out.
"""
import argparse
import hashlib
import json
import re
import sys
import unicodedata

LABELS = ["empty", "default", "template", "spam", "personalized"]


def fold(text):
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.findall(r"\w+", text)


def read_devset(path):
    notes = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                notes.append(json.loads(line))
    return notes


def read_scores(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    return rows


class UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def unite(self, a, b):
        self.parent[self.find(a)] = self.find(b)


def groups_of(notes, scores):
    """Each note's group: near-duplicates (as campaigns.cpp defines them, names masked) share one."""
    n = len(notes)
    uf = UnionFind(n)
    by_id = {r["id"]: i for i, r in enumerate(scores)}
    for i, r in enumerate(scores):
        if r.get("campaign") and r["campaign"] in by_id:
            uf.unite(i, by_id[r["campaign"]])
    shingles, same_text = [], {}
    for i, note in enumerate(notes):
        names = set(fold(note.get("sender", "")) + fold(note.get("recipient", "")))
        words = ["#" if w in names else "0" if w.isdigit() else w for w in fold(note.get("text", ""))]
        key = " ".join(words)
        if key in same_text:
            uf.unite(i, same_text[key])
        same_text.setdefault(key, i)
        shingles.append({tuple(words[k:k + 3]) for k in range(len(words) - 2)} if len(words) >= 6 else set())
    index = {}
    for i, s in enumerate(shingles):
        for sh in s:
            index.setdefault(sh, []).append(i)
    for i, s in enumerate(shingles):
        seen = set()
        for sh in s:
            for j in index[sh]:
                if j <= i or j in seen:
                    continue
                seen.add(j)
                t = shingles[j]
                if len(s & t) * 2 >= len(s | t):
                    uf.unite(i, j)
    return [uf.find(i) for i in range(n)]


def isotonic(points):
    """points: [(score, right)] -> [(score_at_least, probability)], non-decreasing."""
    by_score = {}
    for score, right in points:
        n, k = by_score.get(score, (0, 0))
        by_score[score] = (n + 1, k + right)
    blocks = []  # [first score, n, k]
    for score in sorted(by_score):
        n, k = by_score[score]
        blocks.append([score, n, k])
        while len(blocks) >= 2 and (blocks[-2][2] + 1) / (blocks[-2][1] + 2) >= (blocks[-1][2] + 1) / (blocks[-1][1] + 2):
            last = blocks.pop()
            blocks[-1][1] += last[1]
            blocks[-1][2] += last[2]
    return [(b[0], (b[2] + 1) / (b[1] + 2)) for b in blocks]


def fit(rows):
    table = {}
    for label in LABELS[1:]:  # a blank note is empty by definition: its confidence stays 1
        points = [(float(r["score"]), int(r["gold"] == r["label"])) for r in rows if r["label"] == label]
        if points:
            table[label] = isotonic(points)
    return table


def apply(table, label, score):
    steps = table.get(label)
    if not steps:
        return score
    p = steps[0][1]
    for at, prob in steps:
        if score + 1e-9 >= at:
            p = prob
    return p


def reliability(preds, bins=10):
    table = [[0, 0.0, 0] for _ in range(bins)]
    for conf, right in preds:
        b = min(bins - 1, int(max(0.0, conf) * bins))
        table[b][0] += 1
        table[b][1] += conf
        table[b][2] += right
    ece = sum(n / len(preds) * abs(k / n - c / n) for n, c, k in table if n)
    return table, ece


def print_table(title, preds):
    table, ece = reliability(preds)
    print(f"\n{title}: expected calibration error {ece:.3f} ({len(preds)} notes)\n")
    print("| confidence | notes | mean confidence | accuracy |")
    print("|---|---:|---:|---:|")
    for b, (n, c, k) in enumerate(table):
        if n:
            print(f"| {b / 10:.1f}–{(b + 1) / 10:.1f} | {n} | {c / n:.3f} | {k / n:.3f} |")
    return ece


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devset", required=True)
    ap.add_argument("--scores", required=True)
    ap.add_argument("--out")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--set", nargs=2, action="append", default=[], metavar=("NOTES", "SCORES"),
                    help="a set the model was never trained on, with `motivo eval --scores` of it: fitted on too, "
                    "and each such set measured by a fit without it")
    args = ap.parse_args()
    notes, rows = read_devset(args.devset), read_scores(args.scores)
    if len(notes) != len(rows):
        sys.exit(f"calibrate.py: error: {len(notes)} notes but {len(rows)} scores")
    spans = []  # (name, first row, end) of each --set
    for set_notes, set_scores in args.set:
        more_notes, more_rows = read_devset(set_notes), read_scores(set_scores)
        if len(more_notes) != len(more_rows):
            sys.exit(f"calibrate.py: error: {set_notes}: {len(more_notes)} notes but {len(more_rows)} scores")
        spans.append((set_notes, len(rows), len(rows) + len(more_rows)))
        notes += more_notes
        rows += more_rows
    groups = groups_of(notes, rows)
    fold_of = [int(hashlib.sha1(str(g).encode()).hexdigest(), 16) % args.folds for g in groups]
    out_of_fold = [None] * len(rows)
    for k in range(args.folds):
        table = fit([r for r, f in zip(rows, fold_of) if f != k])
        for i, r in enumerate(rows):
            if fold_of[i] == k:
                out_of_fold[i] = (apply(table, r["label"], float(r["score"])), int(r["gold"] == r["label"]))
    print(f"{len(rows)} notes in {len(set(groups))} groups of near-duplicates, {args.folds} folds by group")
    print_table("raw scores (before calibration)", [(float(r["score"]), int(r["gold"] == r["label"])) for r in rows])
    print_table("calibrated, cross-validated by group", out_of_fold)
    for label in LABELS:
        preds = [p for p, r in zip(out_of_fold, rows) if r["label"] == label]
        if preds:
            _, ece = reliability(preds)
            print(f"  {label}: {len(preds)} notes, ECE {ece:.3f}")
    if spans:
        print("\neach set left out of the fit (a set like it that the calibration never saw):\n")
        print("| set | notes | calibration error |")
        print("|---|---:|---:|")
    for name, first, end in spans:
        table = fit(rows[:first] + rows[end:])
        _, ece = reliability([(apply(table, r["label"], float(r["score"])), int(r["gold"] == r["label"]))
                              for r in rows[first:end]])
        print(f"| {name} | {end - first} | {ece:.3f} |")
    if args.out:
        table = fit(rows)
        with open(args.out, encoding="utf-8") as f:
            head = [line for line in f if line.startswith("#")]
        with open(args.out, "w", encoding="utf-8") as f:
            f.writelines(head)
            f.write("label\tscore_at_least\tprobability\n")
            for label in LABELS:
                for at, p in table.get(label, []):
                    f.write(f"{label}\t{at:.4f}\t{p:.4f}\n")


if __name__ == "__main__":
    main()
