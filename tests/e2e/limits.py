#!/usr/bin/env python3
"""Issue 9 (limits): hostile sizes handled with bounded memory and a clear message.

- a 5 MiB note in Invitations.csv: imported whole, memory stays bounded;
- a record beyond the 64 MiB limit: refused with the file and line;
- a zip bomb (an entry of 1 GiB of zeros, about 1 MB compressed): refused within the record limit, memory bounded;
- invalid UTF-8: refused with the line and the byte;
- a message nested 5,000 multiparts deep, and HTML nested 100,000 elements deep: skipped or read, never a crash.
Peak memory is measured with /usr/bin/time where it exists. Usage: limits.py MOTIVO SOURCE_DIR"""
import json
import os
import sys
import zipfile

from checks import Checks, Motivo, workdir

check = Checks()
work = workdir("limits")
motivo = Motivo(sys.argv[1], work)
# Peak memory is checked in a plain build only: sanitizers add shadow memory and quarantines of their own.
sanitized = any(k in os.environ for k in ("ASAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"))
timer = "/usr/bin/time" if os.path.exists("/usr/bin/time") and not sanitized else None
if sanitized:
    print("note: a sanitizer build: peak memory is not checked")


def run(db, *args):
    """motivo on work/DB, and its peak memory in MiB (0 without /usr/bin/time)."""
    rss_file = os.path.join(work, "rss")
    p = motivo(*args, db=os.path.join(work, db), check=False,
               prefix=[timer, "-f", "%M", "-o", rss_file] if timer else [])
    rss = int(open(rss_file).read().split()[-1]) // 1024 if timer and os.path.exists(rss_file) else 0
    return p, rss


header = "From,To,Sent At,Message,Direction\n"
owner_row = 'Dana W,Bo Li,"1/2/24, 9:00 AM",,OUTGOING\n'

# A 5 MiB note.
big = os.path.join(work, "big")
os.makedirs(big)
note = ("Hola Dana, " * 500_000)[: 5 << 20]
with open(os.path.join(big, "Invitations.csv"), "w") as fh:
    fh.write(header + owner_row + f'Ana Ruiz,Dana W,"1/3/24, 9:00 AM","{note}",INCOMING\n')
p, rss = run("big.db", "import", "--quiet", big)
check(p.returncode == 0, f"a 5 MiB note is imported (exit {p.returncode}) {p.stderr.strip()[:200]}")
p2, _ = run("big.db", "invitations", "--json")
stored = [i for i in json.loads(p2.stdout) if i["from"] == "Ana Ruiz"]
check(stored and len(stored[0]["message"]) == len(note), "whole")
check(not timer or rss < 400, f"peak memory {rss} MiB")

# Beyond the record limit (64 MiB).
huge = os.path.join(work, "huge")
os.makedirs(huge)
with open(os.path.join(huge, "Invitations.csv"), "w") as fh:
    fh.write(header + owner_row + 'Ana Ruiz,Dana W,"1/3/24, 9:00 AM","')
    chunk = "x" * (1 << 20)
    for _ in range(65):
        fh.write(chunk)
    fh.write('",INCOMING\n')
p, rss = run("huge.db", "import", "--quiet", huge)
check(p.returncode == 1 and "Invitations.csv:3" in p.stderr and "longer than" in p.stderr,
      f"a 65 MiB record is refused with its line: {p.stderr.strip()[:160]}")
check(not timer or rss < 400, f"peak memory {rss} MiB")

# A zip bomb: 1 GiB of zeros as messages.csv.
bomb = os.path.join(work, "bomb.zip")
with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
    z.writestr("Invitations.csv", header + owner_row)
    with z.open("messages.csv", "w", force_zip64=True) as entry:
        zeros = b"\0" * (1 << 24)
        for _ in range(64):
            entry.write(zeros)
p, rss = run("bomb.db", "import", "--quiet", bomb)
check(os.path.getsize(bomb) < 4 << 20, f"the bomb is {os.path.getsize(bomb) >> 10} KiB")
check(p.returncode == 1 and "messages.csv:1" in p.stderr and ("binary data" in p.stderr or "longer than" in p.stderr),
      f"refused within the record limit, naming the entry and line: {p.stderr.strip()[:160]}")
check(not timer or rss < 200, f"peak memory {rss} MiB")

# Invalid UTF-8.
bad = os.path.join(work, "bad")
os.makedirs(bad)
with open(os.path.join(bad, "Invitations.csv"), "wb") as fh:
    fh.write((header + owner_row).encode() + b'Ana Ruiz,Dana W,"1/3/24, 9:00 AM",caf\xe9,INCOMING\n')
p, _ = run("bad.db", "import", "--quiet", bad)
check(p.returncode == 1 and "Invitations.csv:3" in p.stderr and "UTF-8" in p.stderr, f"invalid UTF-8: {p.stderr.strip()[:160]}")

# Deeply nested MIME and HTML.
deep = os.path.join(work, "deep.eml")
with open(deep, "w") as fh:
    fh.write("From: X <invitations@linkedin.com>\nTo: Dana W <dana@example.org>\nSubject: I want to connect\n"
             "Date: Mon, 3 Mar 2025 14:27:09 +0000\nMIME-Version: 1.0\n")
    depth = 5000
    for d in range(depth):
        fh.write(f'Content-Type: multipart/mixed; boundary="b{d}"\n\n--b{d}\n')
    fh.write("Content-Type: text/html\n\n" + "<div>" * 100_000 + "Hi" + "</div>" * 100_000 + "\n")
    for d in reversed(range(depth)):
        fh.write(f"--b{d}--\n")
p, rss = run("deep.db", "import", "--json", deep)
check(p.returncode == 0 and json.loads(p.stdout)["mail"]["messages"] == 1,
      f"nested 5,000 deep: read or skipped, no crash (exit {p.returncode}) {p.stderr.strip()[:160]}")
check(not timer or rss < 400, f"peak memory {rss} MiB")

check.exit()
