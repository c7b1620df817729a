#!/usr/bin/env python3
"""A batch large enough to be labelled on several threads (more than 4,096 notes): the same labels, reasons and
campaigns on every run, one output line per note in input order. Under ThreadSanitizer (ctest --preset tsan) any
data race between the threads fails it. Also: JSON Lines read alike by the plain scanner and by nlohmann's parser.
Usage: classify_batch.py MOTIVO SOURCE_DIR"""
import json
import os
import subprocess
import sys
import tempfile

from checks import Checks, Motivo

source = sys.argv[2]
check = Checks()
motivo = Motivo(sys.argv[1])
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
    # Standard input read from a file gives what a pipe gives (the input is read a chunk at a time either way).
    with tempfile.TemporaryFile() as f:
        f.write(batch.encode())
        f.seek(0)
        from_file = subprocess.run(motivo.command(["classify", "--jsonl"]), stdin=f, capture_output=True,
                                   env=motivo.env, encoding="utf-8")
    check(from_file.returncode == 0 and from_file.stdout == runs[0].stdout,
          f"a file on standard input gives the bytes a pipe gives {from_file.stderr[-2000:]}")
# Plain lines (objects of string members) are read by motivo's own scanner, any other line by nlohmann's parser:
# the same note written both ways (simple escapes, or the same characters as \u escapes) gives the same output line,
# and the lines the scanner passes on are refused as before.
plain = (r'{"id": "q\"1", "text":"Hola\/Ana,\t me gustó\n tu charla \\ en PyCon", "sender" :"Bea"}' '\n'
         r' { "text" : "Te vi en la Jornada de Datos de Sevilla. ¿Conectamos?" , "id":"q2"}' '\r\n')
escaped = (r'{"id": "q\u00221", "text":"Hola\u002fAna,\u0009 me gust\u00f3\u000a tu charla \u005c en PyCon", '
           r'"sender" :"Be\u0061"}' '\n'
           r' { "text" : "Te vi en la Jornada de Datos de Sevilla. \u00bfConectamos?" , "id":"q2", "x": [1]}' '\r\n')
p_plain, p_escaped = (motivo("classify", "--jsonl", input=t, check=False) for t in (plain, escaped))
if check(p_plain.returncode == 0 and p_escaped.returncode == 0, f"escaped notes classified {p_plain.stderr}"):
    check(p_plain.stdout == p_escaped.stdout and json.loads(p_plain.stdout.splitlines()[0])["id"] == 'q"1',
          f"a note reads the same with or without \\u escapes:\n{p_plain.stdout}\n{p_escaped.stdout}")
for line, error in ((b'{"id": "a", "text": "tab\x09inside"}', b"not valid JSON"),
                    (b'{"id": "a", "text": "caf\xc3"}', b"not valid JSON"),
                    (b'{"id": "a", "text": "ok"} x', b"not valid JSON"),
                    (b'{"id": "a", "text": "ok",}', b"not valid JSON"),
                    (b'{"id": "a", "text": "bad \\q escape"}', b"not valid JSON"),
                    (b'{"id": "a", "text": "ok", "sender": 5}', b'"sender" must be a string')):
    p = motivo("classify", "--jsonl", input=b'{"text": "fine"}\n' + line + b"\n", text=False, check=False)
    check(p.returncode == 1 and b"<stdin>:2: " + error in p.stderr, f"{line!r} refused: {p.stderr!r}")
check.exit()
