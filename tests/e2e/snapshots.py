#!/usr/bin/env python3
"""Snapshots imported out of order (issue 2's history rules): an export older than one imported before adds its rows
but changes no invitation's state; an invitation missing from a newer snapshot is withdrawn, and pending again once
a still newer one lists it; only invitations sent before a snapshot was made can be missing from it.
Usage: snapshots.py MOTIVO_BINARY SOURCE_DIR"""
import csv, json, os, shutil, subprocess, sys, tempfile
from datetime import datetime

motivo, src = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp()
env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=os.path.join(work, "xdg"), MOTIVO_NOW="2026-11-25T12:00:00Z")
env.pop("MOTIVO_CONFIG", None)
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, file=sys.stderr)


def run(*args):
    r = subprocess.run([motivo, *args], env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"motivo {' '.join(args)}: {r.returncode} {r.stderr}")
    return r.stdout


def invitations(db):
    return {(x["direction"], x["from"], x["to"], x["sent_at"]): x for x in json.loads(run("--db", db, "invitations", "--json"))}


demo = os.path.join(work, "demo")
subprocess.run([sys.executable, os.path.join(src, "scripts/gen-export.py"), "--profile", "demo", "--out", demo],
               check=True, capture_output=True)
with open(os.path.join(demo, "Invitations.csv"), encoding="utf-8-sig", newline="") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)
sent = lambda row: datetime.strptime(row[2], "%m/%d/%y, %I:%M %p")


def variant(name, keep, extra=()):
    """The demo export with only the invitation rows `keep` accepts, and `extra` rows added."""
    out = os.path.join(work, name)
    shutil.copytree(demo, out)
    with open(os.path.join(out, "Invitations.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows([r for r in rows if keep(r)] + list(extra))
    return out


# 1. An older download imported after a newer one: no state changes.
db = os.path.join(work, "a.db")
run("--db", db, "import", "--quiet", demo)
before = invitations(db)
newest_month = max(sent(r).month + 12 * sent(r).year for r in rows)
old = variant("old", lambda r: sent(r).month + 12 * sent(r).year < newest_month)
for f in ("messages.csv", "Connections.csv"):
    os.remove(os.path.join(old, f))
check(0 < sum(1 for r in rows if sent(r).month + 12 * sent(r).year < newest_month) < len(rows), "the old export is a part")
run("--db", db, "import", "--quiet", old)
after = invitations(db)
check(after.keys() == before.keys(), "the older snapshot adds nothing new")
changed = [k for k in before if (before[k]["outcome"], before[k]["state"]) != (after[k]["outcome"], after[k]["state"])]
check(not changed, f"the older snapshot changes no state: {changed[:3]}")

# 2. A newer snapshot without one pending invitation: withdrawn. The older demo again: still withdrawn. A newer one
#    listing it again: pending.
pending = [x for x in after.values() if x["direction"] == "incoming" and x["outcome"] is None]
check(pending, "the demo has pending invitations")
gone = pending[0]
gone_row = next(r for r in rows if r[0] == gone["from"] and r[4] == "INCOMING")
later = lambda day, who: [who, gone_row[1], f"11/{day}/26, 9:00 AM", "", "INCOMING", "", ""]
n1 = variant("n1", lambda r: r is not gone_row, [later(21, "Nadia Nueva")])
run("--db", db, "import", "--quiet", n1)
key = ("incoming", gone["from"], gone["to"], gone["sent_at"])
check(invitations(db)[key]["outcome"] == "withdrawn", "missing from a newer snapshot: withdrawn")
run("--db", db, "import", "--quiet", demo)
check(invitations(db)[key]["outcome"] == "withdrawn", "an older snapshot listing it again changes nothing")
n2 = variant("n2", lambda r: True, [later(21, "Nadia Nueva"), later(22, "Olga Otra")])
run("--db", db, "import", "--quiet", n2)
check(invitations(db)[key]["outcome"] is None, "a newer snapshot listing it again: pending again")

# 3. A snapshot of invitations only, made before the newest invitations stored: those are not missing from it.
db2 = os.path.join(work, "b.db")
run("--db", db2, "import", "--quiet", n2)
first_half = variant("first", lambda r: sent(r) <= sorted(map(sent, rows))[len(rows) // 2])
for f in ("messages.csv", "Connections.csv"):
    os.remove(os.path.join(first_half, f))
states = {k: v["outcome"] for k, v in invitations(db2).items()}
run("--db", db2, "import", "--quiet", first_half)
check({k: v["outcome"] for k, v in invitations(db2).items()} == states, "an early partial snapshot withdraws nothing")

print(f"e2e.snapshots: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
