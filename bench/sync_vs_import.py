#!/usr/bin/env python3
"""motivo sync against the fake API of tests/e2e/fake_linkedin.py (pages of PAGE rows, default 100) beside motivo
import of an export holding the same rows: time, CPU and peak memory of each, and whether both give the same status.
Usage: bench/sync_vs_import.py MOTIVO INVITATIONS CONNECTIONS MESSAGES   (docs/SYNC.md gives the figures)
"""
import json, os, subprocess, sys, time, zipfile, datetime
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
import fake_linkedin
from fake_linkedin import FakeLinkedIn, TOKEN
fake_linkedin.PAGE_SIZE = int(os.environ.get("PAGE", "100"))
N_INV, N_CON, N_MSG = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
base = datetime.datetime(2025, 1, 1, 12, 0)
owner = "Ana Ferrer"; ou = "https://www.linkedin.com/in/ana-ferrer-demo"
inv, con, msg = [], [], []
for i in range(N_INV):
    t = base + datetime.timedelta(minutes=7 * i)
    inv.append({"From": f"Person {i}", "To": owner, "Sent At": f"{t.month}/{t.day}/{t.year % 100}, {((t.hour + 11) % 12) + 1}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}",
                "Message": f"Hello Ana, note number {i}", "Direction": "INCOMING",
                "inviterProfileUrl": f"https://www.linkedin.com/in/p{i}", "inviteeProfileUrl": ou})
for i in range(N_CON):
    t = base + datetime.timedelta(hours=3 * i)
    con.append({"First Name": "Conn", "Last Name": f"N{i}", "URL": f"https://www.linkedin.com/in/c{i}", "Email Address": "",
                "Company": "X", "Position": "Y", "Connected On": t.strftime("%d %b %Y")})
for i in range(N_MSG):
    t = base + datetime.timedelta(minutes=3 * i)
    msg.append({"CONVERSATION ID": f"2-c{i % 5000}", "CONVERSATION TITLE": "", "FROM": f"Person {i % 5000}",
                "SENDER PROFILE URL": f"https://www.linkedin.com/in/p{i % 5000}", "TO": owner, "RECIPIENT PROFILE URLS": ou,
                "DATE": t.strftime("%Y-%m-%d %H:%M:%S UTC"), "SUBJECT": "", "CONTENT": f"message {i} " + "x" * 200,
                "FOLDER": "INBOX", "ATTACHMENTS": ""})
member = {"owner_urn": "urn:li:person:A", "PROFILE": [{"First Name": "Ana", "Last Name": "Ferrer"}],
          "INVITATIONS": inv, "CONNECTIONS": con, "INBOX": msg}
fake = FakeLinkedIn(member)
import tempfile
work = tempfile.mkdtemp(prefix="motivo-sync-bench-")
for f in ("s.db", "i.db"):
    for ext in ("", "-wal", "-shm"):
        try: os.remove(os.path.join(work, f + ext))
        except FileNotFoundError: pass
env = dict(os.environ, MOTIVO_LINKEDIN_TOKEN=TOKEN, MOTIVO_NOW="2026-11-20T18:00:00Z", LANG="C.UTF-8")
motivo = os.path.abspath(sys.argv[1])
t0 = time.time()
p = subprocess.run(["/usr/bin/time", "-f", "%e s elapsed, %U s user, %S s sys, %M KB max RSS", motivo, "--db", f"{work}/s.db", "sync", "--api-base", fake.url], env=env, capture_output=True, text=True)
print("sync:", p.stderr.strip().splitlines()[-1], "requests", len(fake.requests))
import csv, io
def csv_text(header, rows, preamble=""):
    out = io.StringIO(); out.write(preamble)
    w = csv.writer(out, lineterminator="\n"); w.writerow(header)
    for r in rows: w.writerow([r.get(h, "") for h in header])
    return out.getvalue()
with zipfile.ZipFile(f"{work}/export.zip", "w") as z:
    z.writestr("Invitations.csv", csv_text(["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"], inv))
    z.writestr("Connections.csv", csv_text(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"], con))
    z.writestr("messages.csv", csv_text(list(msg[0]), msg))
p = subprocess.run(["/usr/bin/time", "-f", "%e s elapsed, %U s user, %S s sys, %M KB max RSS", motivo, "--db", f"{work}/i.db", "import", "--quiet", f"{work}/export.zip"], env=env, capture_output=True, text=True)
print("import:", p.stderr.strip().splitlines()[-1])
a = subprocess.run([motivo, "--db", f"{work}/s.db", "status", "--json"], env=env, capture_output=True, text=True).stdout
b = subprocess.run([motivo, "--db", f"{work}/i.db", "status", "--json"], env=env, capture_output=True, text=True).stdout
ja, jb = json.loads(a), json.loads(b)
for k in ("database", "last_import"): ja.pop(k, None); jb.pop(k, None)
print("same status:", ja == jb, ja["invitations"], ja["messages"], ja["connections"])
fake.close()
import shutil
shutil.rmtree(work, ignore_errors=True)
