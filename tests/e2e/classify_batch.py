#!/usr/bin/env python3
"""A batch large enough to be labelled on several threads (more than 4,096 notes): the same labels, reasons and
campaigns on every run, one output line per note in input order. Under ThreadSanitizer (ctest --preset tsan) any
data race between the threads fails it.
Usage: classify_batch.py MOTIVO SOURCE_DIR"""
import json
import os
import sys

from checks import Checks, Motivo

source = sys.argv[2]
check = Checks()
motivo = Motivo(sys.argv[1], MOTIVO_NO_HUGEPAGES="1")
notes = [json.loads(line) for line in open(os.path.join(source, "tests", "data", "classify", "synthetic.jsonl"))]
lines = []
for i in range(6000):
    n = notes[i % len(notes)]
    lines.append(json.dumps({"id": i, "text": n.get("text", ""), "sender": f"Sender {i % 997}", "recipient": "Owner"}))
batch = "\n".join(lines) + "\n"
runs = [motivo("classify", "--jsonl", input=batch, check=False) for _ in range(2)]
ran = [check(p.returncode == 0, f"run {k} exits 0 (exit {p.returncode}) {p.stderr[-2000:]}")
       for k, p in enumerate(runs)]
if all(ran):
    out = [json.loads(line) for line in runs[0].stdout.splitlines()]
    check([o["id"] for o in out] == list(range(6000)), "one line per note, in input order")
    check(runs[0].stdout == runs[1].stdout, "two runs give the same labels, reasons and campaigns")
    campaigns = sum(1 for o in out if any("mass campaign" in r for r in o["reasons"]))
    check(campaigns > 0, f"campaigns across the threads' shares ({campaigns} notes)")
check.exit()
