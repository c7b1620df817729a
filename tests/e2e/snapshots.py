#!/usr/bin/env python3
"""Snapshots imported out of order (issue 2's history rules): an export older than one imported before adds its rows
but changes no invitation's state; an invitation missing from a newer snapshot is withdrawn, and pending again once
a still newer one lists it; only invitations sent before a snapshot was made can be missing from it.
Usage: snapshots.py MOTIVO_BINARY SOURCE_DIR"""
import csv
import os
import shutil
import sys
from datetime import datetime

from checks import Checks, Motivo, gen_export, workdir

src = sys.argv[2]
check = Checks()
work = workdir("snapshots")
motivo = Motivo(sys.argv[1], work, now="2026-11-25T12:00:00Z")


def invitations(db):
    return {(x["direction"], x["from"], x["to"], x["sent_at"]): x for x in motivo.json("invitations", "--json", db=db)}


demo = gen_export(src, os.path.join(work, "demo"))
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
motivo("import", "--quiet", demo, db=db)
before = invitations(db)
newest_month = max(sent(r).month + 12 * sent(r).year for r in rows)
old = variant("old", lambda r: sent(r).month + 12 * sent(r).year < newest_month)
for f in ("messages.csv", "Connections.csv"):
    os.remove(os.path.join(old, f))
check(0 < sum(1 for r in rows if sent(r).month + 12 * sent(r).year < newest_month) < len(rows), "the old export is a part")
motivo("import", "--quiet", old, db=db)
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
motivo("import", "--quiet", n1, db=db)
key = ("incoming", gone["from"], gone["to"], gone["sent_at"])
check(invitations(db)[key]["outcome"] == "withdrawn", "missing from a newer snapshot: withdrawn")
motivo("import", "--quiet", demo, db=db)
check(invitations(db)[key]["outcome"] == "withdrawn", "an older snapshot listing it again changes nothing")
n2 = variant("n2", lambda r: True, [later(21, "Nadia Nueva"), later(22, "Olga Otra")])
motivo("import", "--quiet", n2, db=db)
check(invitations(db)[key]["outcome"] is None, "a newer snapshot listing it again: pending again")

# 3. A snapshot of invitations only, made before the newest invitations stored: those are not missing from it.
db2 = os.path.join(work, "b.db")
motivo("import", "--quiet", n2, db=db2)
first_half = variant("first", lambda r: sent(r) <= sorted(map(sent, rows))[len(rows) // 2])
for f in ("messages.csv", "Connections.csv"):
    os.remove(os.path.join(first_half, f))
states = {k: v["outcome"] for k, v in invitations(db2).items()}
motivo("import", "--quiet", first_half, db=db2)
check({k: v["outcome"] for k, v in invitations(db2).items()} == states, "an early partial snapshot withdraws nothing")

check.exit()
