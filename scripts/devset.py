#!/usr/bin/env python3
"""Materialise the classifier development set as JSONL (Python 3 stdlib only).

Usage:
  scripts/devset.py --labels tests/data/classify/real-labels.tsv \\
      --shared ../shared/data/linkedin-exports --out build/bench/devset.jsonl \\
      [--synthetic tests/data/classify/synthetic.jsonl]

For each row of the labels file (see tests/data/classify/README.md) it reads data record number `row` (1-based,
CSV records, not lines) of <shared>/<folder>/Invitations.csv, checks that the first 12 hex characters of
sha1(Message) equal `text_sha1`, and writes one JSON line:
  {"id": "<folder>:<row>", "text", "sender", "recipient", "label", "language", "why",
   "direction": "incoming" | "outgoing"}

--synthetic FILE (may be repeated) copies FILE's lines unchanged to the start of the output, so one file holds the
whole dev set. Concatenating works just as well:
  cat tests/data/classify/synthetic.jsonl real.jsonl > devset.jsonl

The real notes are real people's data: write the output only into a build or temporary folder, never into the
repository.

Exit status: 0 on success; 77 (CTest's skip code) when the shared folder is absent, after printing
"skipped: <path> not found" to stderr (the output, if any, then holds only the --synthetic notes); 1 on any
mismatch or malformed input, naming folder and row.
"""
import argparse
import csv
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

LABELS = {"empty", "default", "template", "spam", "personalized"}
COLUMNS = ["folder", "row", "direction", "text_sha1", "label", "language", "why"]
SKIP = 77


def fail(msg):
    print(f"devset.py: error: {msg}", file=sys.stderr)
    sys.exit(1)


def read_labels(path):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header != COLUMNS:
            fail(f"{path}: header is {header}, expected {COLUMNS}")
        rows = []
        for n, rec in enumerate(reader, start=2):
            if not rec:
                continue
            if len(rec) != len(COLUMNS):
                fail(f"{path}:{n}: {len(rec)} columns, expected {len(COLUMNS)}")
            r = dict(zip(COLUMNS, rec))
            try:
                r["row"] = int(r["row"])
            except ValueError:
                fail(f"{path}:{n}: row {r['row']!r} is not a number")
            if r["label"] not in LABELS:
                fail(f"{path}:{n}: unknown label {r['label']!r}")
            rows.append(r)
    return rows


def read_invitations(path):
    """All data records of an Invitations.csv, as dicts (record 1 = first record after the header)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def real_notes(labels, shared):
    cache = {}
    for r in labels:
        folder, row = r["folder"], r["row"]
        where = f"{folder}:{row}"
        if folder not in cache:
            csv_path = shared / folder / "Invitations.csv"
            if not csv_path.is_file():
                fail(f"{where}: {csv_path} not found")
            cache[folder] = read_invitations(csv_path)
        records = cache[folder]
        if not 1 <= row <= len(records):
            fail(f"{where}: row out of range (Invitations.csv has {len(records)} records)")
        rec = records[row - 1]
        for col in ("From", "To", "Message", "Direction"):
            if rec.get(col) is None:
                fail(f"{where}: Invitations.csv has no {col} value")
        message = rec["Message"]
        sha = hashlib.sha1(message.encode("utf-8")).hexdigest()[:12]
        if sha != r["text_sha1"]:
            fail(f"{where}: sha1 of Message is {sha}, labels file says {r['text_sha1']} (the export changed?)")
        if rec["Direction"].strip().upper() != r["direction"].upper():
            fail(f"{where}: Direction is {rec['Direction']!r}, labels file says {r['direction']!r}")
        yield {
            "id": where,
            "text": message,
            "sender": rec["From"],
            "recipient": rec["To"],
            "label": r["label"],
            "language": r["language"],
            "why": r["why"],
            "direction": r["direction"].lower(),
        }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labels", required=True, type=Path, help="real-labels.tsv")
    ap.add_argument("--shared", required=True, type=Path, help="folder holding the <folder>/Invitations.csv exports")
    ap.add_argument("--out", required=True, type=Path, help="output JSONL ('-' for stdout)")
    ap.add_argument("--synthetic", action="append", default=[], type=Path,
                    help="JSONL copied unchanged to the start of the output (repeatable)")
    args = ap.parse_args()

    labels = read_labels(args.labels)
    have_shared = args.shared.is_dir()
    if not have_shared and not args.synthetic:
        print(f"skipped: {args.shared} not found", file=sys.stderr)
        sys.exit(SKIP)

    # Build everything in memory first, so that a failed check leaves no half-written output.
    lines = []
    for path in args.synthetic:
        with open(path, encoding="utf-8", newline="") as f:
            for n, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    json.loads(line)
                except json.JSONDecodeError as e:
                    fail(f"{path}:{n}: not JSON ({e})")
                lines.append(line if line.endswith("\n") else line + "\n")
    n_real = 0
    if have_shared:
        for note in real_notes(labels, args.shared):
            lines.append(json.dumps(note, ensure_ascii=False) + "\n")
            n_real += 1

    if str(args.out) == "-":
        sys.stdout.writelines(lines)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=args.out.parent, prefix=".devset-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.writelines(lines)
        os.replace(tmp, args.out)
    print(f"devset: {len(lines) - n_real} synthetic + {n_real} real notes -> {args.out}", file=sys.stderr)
    if not have_shared:
        print(f"skipped: {args.shared} not found", file=sys.stderr)
        sys.exit(SKIP)


if __name__ == "__main__":
    main()
