#!/usr/bin/env python3
"""A batch large enough to be labelled on several threads (more than 4,096 notes): the same labels, reasons and
campaigns on every run, one output line per note in input order. Under ThreadSanitizer (ctest --preset tsan) any
data race between the threads fails it.
Usage: classify_batch.py MOTIVO SOURCE_DIR"""
import json
import os
import subprocess
import sys

motivo, source = sys.argv[1], sys.argv[2]
notes = [json.loads(line) for line in open(os.path.join(source, "tests", "data", "classify", "synthetic.jsonl"))]
lines = []
for i in range(6000):
    n = notes[i % len(notes)]
    lines.append(json.dumps({"id": i, "text": n.get("text", ""), "sender": f"Sender {i % 997}", "recipient": "Owner"}))
batch = "\n".join(lines) + "\n"
env = {**os.environ, "MOTIVO_NO_HUGEPAGES": "1"}
runs = [subprocess.run([motivo, "classify", "--jsonl"], input=batch, capture_output=True, text=True, env=env)
        for _ in range(2)]
failures = 0
for k, p in enumerate(runs):
    if p.returncode != 0:
        print(f"FAIL run {k} exited {p.returncode}: {p.stderr[-2000:]}")
        failures += 1
if not failures:
    out = [json.loads(line) for line in runs[0].stdout.splitlines()]
    ids_in_order = [o["id"] for o in out] == list(range(6000))
    print(("ok   " if ids_in_order else "FAIL ") + "one line per note, in input order")
    same = runs[0].stdout == runs[1].stdout
    print(("ok   " if same else "FAIL ") + "two runs give the same labels, reasons and campaigns")
    campaigns = sum(1 for o in out if any("mass campaign" in r for r in o["reasons"]))
    print(("ok   " if campaigns > 0 else "FAIL ") + f"campaigns across the threads' shares ({campaigns} notes)")
    failures += (not ids_in_order) + (not same) + (campaigns == 0)
sys.exit(1 if failures else 0)
