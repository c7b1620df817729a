#!/usr/bin/env python3
"""Issue 23: a file whose bytes the owner's latest import read already is not read again ("unchanged since the import
of ..."), and the store ends exactly as if it had been read: re-importing the same export, a newer export whose
Invitations.csv is unchanged (its invitations still listed as of the newer date, those it no longer lists withdrawn),
and a re-import after `forget` (of invitations, of messages) or a mail import (rows changed since: read again); a
re-import that labels nothing reports the labels as a labelling run does (JSON and text). Each database is compared
with a reference that reads every file (the same rows with one more blank line at the end: other bytes, the same
rows).
A newer export whose files all changed (a row changed under the same key, a row gone, rows added) ends as the
row-by-row path leaves it (MOTIVO_KNOWN_KEY_LIMIT=0: every key looked up in SQLite's index instead of the keys read
into memory when the import starts): on SQLite every table the same, row for row.
On SQLite, and on PostgreSQL when the test fixture's server is up ($MOTIVO_TEST_PG_URL_FILE; else that half skipped).
Usage: reimport.py MOTIVO_BINARY SOURCE_DIR"""
import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid

from checks import Checks, Motivo, gen_export, workdir

src = sys.argv[2]
check = Checks()
work = workdir("reimport")
motivo = Motivo(sys.argv[1], work, now="2026-11-25T12:00:00Z")
demo = gen_export(src, os.path.join(work, "demo"))
FILES = ("Invitations.csv", "messages.csv", "Connections.csv")


def copy(name, base=demo):
    out = os.path.join(work, name)
    shutil.copytree(base, out)
    return out


rereads = []


def reread(base, name):
    """`base` with other bytes and the same rows in each file (blank lines more, as many as never before): every file
    is read."""
    rereads.append(name)
    out = copy(f"{name}-{len(rereads)}", base)
    for f in FILES:
        with open(os.path.join(out, f), "a", encoding="utf-8") as w:
            w.write("\n" * len(rereads))
    return out


def state(db):
    out = {what: motivo.json(what, "--json", db=db) for what in ("status", "invitations", "report")}
    for key in ("database", "last_import"):  # the file's name, and the clock's time of the last import
        out["status"].pop(key, None)
    # Row ids aside: PostgreSQL's sequences move on each INSERT … ON CONFLICT of a known row, so rows added after a
    # file was read have higher ids than after it was skipped (and a version hashes its invitation's id). Everything
    # else is the same.
    for x in out["invitations"]:
        for key in ("id", "person", "campaign", "version"):
            x.pop(key, None)
    return out


def same(a, b, what):
    sa, sb = state(a), state(b)
    for k in sa:
        if not check(sa[k] == sb[k], f"{what}: `{k} --json` as when every file is read") and isinstance(sa[k], list):
            diff = [(x, y) for x, y in zip(sa[k], sb[k]) if x != y]
            print(f"     {len(sa[k])} against {len(sb[k])}; first difference: {diff[:1]}")


def imported(db, export):
    return motivo("import", export, db=db).stdout


def reference(db, export):
    """The reference: every file read."""
    check("unchanged" not in imported(db, export), f"the reference reads every file of {os.path.basename(export)}")


# The newer export: its Invitations.csv unchanged but for one invitation gone, its messages with one more.
with open(os.path.join(demo, "Invitations.csv"), encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
pending = next(r for r in rows[1:] if r[4] == "INCOMING")
fewer = copy("fewer")
with open(os.path.join(fewer, "Invitations.csv"), "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows([r for r in rows if r is not pending])
newer = copy("newer", fewer)
with open(os.path.join(newer, "messages.csv"), encoding="utf-8-sig", newline="") as f:
    messages = list(csv.reader(f))
late = list(messages[1])
late[messages[0].index("DATE")] = "2026-11-24 10:00:00 UTC"
late[messages[0].index("CONTENT")] = "Una línea más, la más reciente"
with open(os.path.join(newer, "messages.csv"), "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows(messages + [late])

# Someone (not the owner) who wrote messages in the demo export, and notification mail of members' messages.
with open(os.path.join(demo, "Invitations.csv"), encoding="utf-8-sig", newline="") as f:
    owner_names = {r[1] if r[4] == "INCOMING" else r[0] for r in list(csv.reader(f))[1:]}
writer = next(r[messages[0].index("FROM")] for r in messages[1:]
              if r[messages[0].index("FROM")] not in owner_names and r[messages[0].index("FROM")])
mail = os.path.join(src, "tests", "data", "mail")


def changed_export():
    """The demo export made newer in all three files: an invitation's note and URL changed (the same key: sender,
    recipient, time, direction), a connection's company changed (the same person and day), an invitation and a
    message gone, an invitation, a message and a connection added, and a connection to the sender of an invitation
    it still lists (now accepted). Made once, for both engines."""
    out = os.path.join(work, "changed")
    if os.path.isdir(out):
        return out
    out = copy("changed")
    head, kept = rows[0], [list(r) for r in rows[1:] if r is not pending]
    changed = next(r for r in kept if r[4] == "OUTGOING")
    changed[3], changed[6] = "Nota escrita de nuevo", changed[6] + "-nuevo"
    accepted = next(r for r in kept if r[4] == "INCOMING" and " " in r[0] and r[5])
    added = list(kept[0])
    added[0], added[2], added[3] = "Rocío Nueva Invitación", "11/19/26, 9:15 AM", "Hola, ¿conectamos?"
    added[5] = "https://www.linkedin.com/in/rocio-nueva"
    with open(os.path.join(out, "Invitations.csv"), "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([head, added] + kept)
    with open(os.path.join(out, "messages.csv"), "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([messages[0]] + messages[2:] + [late])
    path = os.path.join(out, "Connections.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = f.read().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("First Name,"))
    table = list(csv.reader(lines[start:]))
    table[1][table[0].index("Company")] = "Otra Empresa S.L."
    table.append(["Rocío", "Nueva Invitación", "https://www.linkedin.com/in/rocio-nueva", "", "Nueva S.A.", "CTO",
                  "19 Nov 2026"])
    first, last = accepted[0].split(" ", 1)
    table.append([first, last, accepted[5], "", "", "", "20 Nov 2026"])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.writelines(lines[:start])
        csv.writer(f).writerows(table)
    return out


def tables(db):
    """Every row of every table of a SQLite database, as the sqlite3 module dumps them."""
    with sqlite3.connect(db) as con:
        return list(con.iterdump())


def newer_files_changed(new_db, backend):
    """9. A newer export whose three files changed, against the row-by-row path."""
    n, by_row = new_db("n"), new_db("byrow")
    newer_all = changed_export()
    for db in (n, by_row):
        imported(db, demo)
    out = imported(n, newer_all)
    check(all(f"{f} unchanged" not in out for f in FILES), "a newer export whose files all changed: all read")
    motivo("import", newer_all, db=by_row, env={"MOTIVO_KNOWN_KEY_LIMIT": "0"})
    same(n, by_row, "a newer export with a changed, a gone and a new row of each file")
    invitations = motivo.json("invitations", "--json", db=n)
    gone = [x for x in invitations if x["from"] == pending[0]]
    check(gone and gone[0]["outcome"] == "withdrawn", "the invitation the newer export no longer lists is withdrawn")
    check(any(x["from"] == "Rocío Nueva Invitación" for x in invitations), "its new invitation is stored")
    accepted = next(r for r in rows[1:] if r is not pending and r[4] == "INCOMING" and " " in r[0] and r[5])
    now = [x for x in invitations if x["from"] == accepted[0]]
    check(now and now[0]["outcome"] == "accepted", f"an invitation it still lists, now a connection: accepted ({now})")
    if backend == "SQLite":
        check(tables(n) == tables(by_row), "every table as the row-by-row path leaves it, row for row")


def notes_line(out):
    """The text summary's line of the labels."""
    return next((line.strip() for line in out.splitlines() if line.strip().startswith("notes:")), "")


def scenarios(new_db, backend):
    print(f"-- {backend}")
    # 1. The same export twice: nothing read again, the same state.
    a, ref = new_db("a"), new_db("ref")
    imported(a, demo)
    imported(ref, demo)
    out = imported(a, demo)
    check(all(f"{f} unchanged since the import of" in out for f in FILES), "a re-import reads none of the three files")
    reference(ref, reread(demo, "demo2"))
    same(a, ref, "the same export again")

    # 2. A newer export: Invitations.csv the same as the last one read, messages.csv newer.
    imported(a, fewer)
    reference(ref, reread(fewer, "fewer2"))
    out = imported(a, newer)
    check("Invitations.csv unchanged since" in out and "messages.csv unchanged" not in out,
          "a newer export: only its new messages.csv is read")
    reference(ref, reread(newer, "newer2"))
    same(a, ref, "a newer export with an unchanged Invitations.csv")
    gone = [x for x in motivo.json("invitations", "--json", db=a) if x["from"] == pending[0]]
    check(gone and gone[0]["outcome"] == "withdrawn", "the invitation it no longer lists is withdrawn")

    # 3. An older file than the last one read is read (only the latest is taken unread).
    out = imported(a, demo)
    check("Invitations.csv unchanged" not in out, "an Invitations.csv other than the last one read: read")
    reference(ref, reread(demo, "demo3"))
    same(a, ref, "an older export again")

    # 4. After forget: the rows it left are not all there: read again, and the forgotten come back as on a full read.
    someone = next(r[0] for r in rows[1:] if r[4] == "INCOMING" and r[0] != pending[0])
    for db in (a, ref):
        motivo("forget", "--yes", someone, db=db)
    out = imported(a, demo)
    check("Invitations.csv unchanged" not in out, "after forget: read again")
    reference(ref, reread(demo, "demo4"))
    same(a, ref, "a re-import after forget")

    # 5. A single file imported on its own is recorded too; another export's file of the same name is read.
    b = new_db("b")
    imported(b, demo)
    out = imported(b, os.path.join(demo, "Invitations.csv"))
    check("Invitations.csv unchanged since" in out, "a lone Invitations.csv, the same bytes: not read")

    # 6. After forgetting someone who wrote messages: messages.csv is read again (fewer messages than it left).
    c, ref6 = new_db("c"), new_db("ref6")
    for db in (c, ref6):
        imported(db, demo)
        motivo("forget", "--yes", writer, db=db)
    out = imported(c, demo)
    check("messages.csv unchanged" not in out, "after forgetting a writer of messages: messages.csv read again")
    reference(ref6, reread(demo, "demo6"))
    same(c, ref6, "a re-import after forgetting a writer of messages")

    # 7. After a mail import that added messages (and invitations, and connections): every file read again.
    d, ref7 = new_db("d"), new_db("ref7")
    for db in (d, ref7):
        imported(db, demo)
        chats = json.loads(motivo("import", "--json", mail, db=db).stdout)["mail"]["chats"]
        check(chats["new"] > 0, f"the mail added messages ({chats})")
    out = imported(d, demo)
    check(all(f"{f} unchanged" not in out for f in FILES), "after a mail import: every file read again")
    reference(ref7, reread(demo, "demo7"))
    same(d, ref7, "a re-import after a mail import")

    # 8. A re-import that labels nothing reports the labels as a labelling run does (JSON and text).
    e = new_db("e")
    labelled = json.loads(motivo("import", "--json", demo, db=e).stdout)
    counted = json.loads(motivo("import", "--json", demo, db=e).stdout)
    check(all("unchanged_since" in f for f in counted["files"] if f["file"] in FILES),
          "the JSON re-import reads no file")
    check(counted["labels"] == labelled["labels"], "the labels of a re-import, in JSON, as a labelling run's")
    text_labelled = notes_line(imported(new_db("e2"), demo))
    text_counted = notes_line(imported(e, demo))
    check(text_counted and text_counted == text_labelled,
          f"the labels of a re-import, in text, as a labelling run's ({text_counted!r}, {text_labelled!r})")

    newer_files_changed(new_db, backend)


def sqlite_db(name):
    return os.path.join(work, f"{name}.db")


scenarios(sqlite_db, "SQLite")
url_file = os.environ.get("MOTIVO_TEST_PG_URL_FILE", "")
if url_file and os.path.exists(url_file):
    with open(url_file, encoding="utf-8") as f:
        base = f.read().strip()

    def pg_db(name):
        name = f"reimport_{name}_{uuid.uuid4().hex[:8]}"
        subprocess.run(["psql", "-q", base, "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
        return base[: base.rfind("/") + 1] + name

    scenarios(pg_db, "PostgreSQL")
else:
    print("PostgreSQL half skipped: no test server ($MOTIVO_TEST_PG_URL_FILE)")
check.exit()
