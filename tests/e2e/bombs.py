#!/usr/bin/env python3
"""Issue 20, items 1 and 2: small hostile exports must not cost unbounded memory or time.

Three zips made here (about 60 KB, 60 KB and 1 MB): a record of 64 Mi commas (the comma bomb: 2.6 GB of memory
before), a header of 8 Mi columns (1 GB and a 50 MB error message), 1 GiB of blank lines (11 s of CPU). Each is
imported by the command line and uploaded to `motivo serve`: an error naming the member, a short message, a
bounded peak memory (getrusage of the child), nothing stored; the server answers 400, not 500, and keeps serving.
Usage: bombs.py MOTIVO"""
import json
import os
import sys
import zipfile

from checks import Checks, Motivo, workdir

check = Checks()
work = workdir("bombs")
motivo = Motivo(sys.argv[1], work, now="2026-11-20T18:00:00Z")
header = b"From,To,Sent At,Message,Direction\n"


def make(name, first, repeated=b"", times=0, last=b""):
    """A zip of one Invitations.csv: `first`, then `repeated` `times` times, then `last`, written in chunks."""
    path = os.path.join(work, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("Invitations.csv", "w", force_zip64=True) as f:
            f.write(first)
            chunk = repeated * (1 << 20)
            for _ in range(times >> 20):
                f.write(chunk)
            f.write(last)
    return path


bombs = {
    "comma.zip": (make("comma.zip", header + b'A,B,"1/2/24, 9:00 AM",x,INCOMING', b",", 64 << 20, b"\n"),
                  "more than 1024 fields"),
    "header.zip": (make("header.zip", b"", b"From,", 8 << 20, b"\n"), "more than 1024 fields"),
    "newline.zip": (make("newline.zip", header, b"\n", 1 << 30), "unpacks to more than"),
}

for name, (path, expected) in bombs.items():
    db = os.path.join(work, name + ".db")
    p = motivo("import", "--quiet", path, db=db, check=False, prefix=("/usr/bin/time", "-f", "peak %M"))
    *lines, peak = p.stderr.strip().splitlines()
    error = "\n".join(line for line in lines if not line.startswith("Command exited"))  # time's own note
    peak_kib = int(peak.split()[-1])
    check(p.returncode == 1 and f"{name}:Invitations.csv" in error and expected in error,
          f"{name}: refused, naming the member ({error.strip()[:200]})")
    check(len(error) < 400, f"{name}: a short message ({len(error)} bytes)")
    check(peak_kib < 256 * 1024, f"{name}: peak memory under 256 MiB ({peak_kib} KiB)")
    status = motivo("status", "--json", db=db, check=False)
    check(status.returncode != 0 or json.loads(status.stdout)["imports"] == 0, f"{name}: nothing stored")



with motivo.serve(db=os.path.join(work, "served.db")) as server:
    token = server.token()
    for name, (path, expected) in bombs.items():
        with open(path, "rb") as f:
            status, _, out = server.upload(name, f.read(), server.write_headers(token))
        error = json.loads(out).get("error", "") if out else ""
        check(status == 400 and expected in error, f"upload of {name}: 400 with the reason ({status} {error[:160]})")
    check(server.request("/api/invitations")[0] == 200, "the server still answers")
    with open(f"/proc/{server.process.pid}/status") as f:
        hwm = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    check(hwm < 256 * 1024, f"the server's peak memory under 256 MiB ({hwm} KiB)")

check.exit()
