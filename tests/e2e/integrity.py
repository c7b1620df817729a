#!/usr/bin/env python3
"""What the database holds stays true (issue 19, items 3-5), through the motivo binary as a user runs it:
  - a decision that contradicts the data (a decline on an invitation whose sender is a connection already) is
    refused, exit 1, nothing recorded; a changed decision says which one it replaced;
  - a personal database holds one LinkedIn account: another person's export is refused, naming both and --db, and
    nothing of it is stored; `status` says whose exports the database holds (each with its user in team mode);
  - a date after the export was made (`1/2/99` is 2099), or after now, is an input error naming FILE:LINE and the
    value, and nothing is stored;
  - a messages-only export of one conversation names both people equally often: into a new database it is refused,
    naming both and --owner, and nothing is stored; --owner settles it (only for one of them); a database holding
    an account gives the tie to that account (issue 20, item 14).
Usage: integrity.py MOTIVO_BINARY SOURCE_DIR"""
import os
import sys

from checks import Checks, Motivo, workdir

check = Checks()
work = workdir("integrity")
motivo = Motivo(sys.argv[1], work, now="2026-11-20T12:00:00Z")
HEADER = "From,To,Sent At,Message,Direction\n"


def export(name, invitations, connections=None):
    """A folder holding an Invitations.csv of `invitations` rows (and a Connections.csv of `connections`)."""
    folder = os.path.join(work, name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "Invitations.csv"), "w", encoding="utf-8") as f:
        f.write(HEADER + "".join(invitations))
    if connections is not None:
        with open(os.path.join(folder, "Connections.csv"), "w", encoding="utf-8") as f:
            f.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "".join(connections))
    return folder


def by_sender(db):
    return {i["from"]: i for i in motivo.json("invitations", "--json", db=db)}


# --- 3. Decisions on decided invitations ---------------------------------------------------------------------------
db = os.path.join(work, "decide.db")
ana = 'Ana Uno,Lucía Ortega,"11/2/26, 9:00 AM",,INCOMING\n'
bea = 'Bea Dos,Lucía Ortega,"11/3/26, 9:00 AM",,INCOMING\n'
cai = 'Cai Tres,Lucía Ortega,"11/4/26, 9:00 AM",,INCOMING\n'
motivo("import", "--quiet", export("first", [ana, bea, cai]), db=db)
# The next export: Ana is a connection now; Bea's invitation is gone (withdrawn, or ignored).
motivo("import", "--quiet", export("second", [ana, cai], ["Ana,Uno,,,,,15 Nov 2026\n"]), db=db)
inv = by_sender(db)
check(inv["Ana Uno"]["state"] == "accepted" and inv["Bea Dos"]["state"] == "withdrawn", "Ana accepted, Bea withdrawn")
refused = motivo("decide", str(inv["Ana Uno"]["id"]), "decline", db=db, check=False)
check(refused.returncode == 1 and "is accepted already: Ana Uno is your connection" in refused.stderr,
      f"decline on an accepted invitation is refused: {refused.stderr.strip()}")
check(by_sender(db)["Ana Uno"]["decision"] is None, "and nothing is recorded")
refused = motivo("decide", str(inv["Bea Dos"]["id"]), "accept", db=db, check=False)
check(refused.returncode == 1 and "withdrawn (or ignored): there is nothing to accept" in refused.stderr,
      f"accept on a withdrawn invitation is refused: {refused.stderr.strip()}")
decline = motivo("decide", str(inv["Bea Dos"]["id"]), "decline", db=db, check=False)
check(decline.returncode == 0 and by_sender(db)["Bea Dos"]["state"] == "declined",
      "a decline on a withdrawn (ignored) one is recorded")
motivo("decide", str(inv["Cai Tres"]["id"]), "decline", db=db)
changed = motivo("decide", str(inv["Cai Tres"]["id"]), "accept", db=db)
check("accept (it was decline)" in changed.stdout, f"a changed decision shows the one it replaced: {changed.stdout.strip()}")

# --- 4. Two owners in one database --------------------------------------------------------------------------------
db = os.path.join(work, "owners.db")
lucia = export("lucia", [ana, 'Lucía Ortega,Dan Cuatro,"11/5/26, 9:00 AM",,OUTGOING\n'])
marta = export("marta", ['Eva Cinco,Marta Ruiz,"11/2/26, 9:00 AM",,INCOMING\n',
                         'Marta Ruiz,Fran Seis,"11/5/26, 9:00 AM",,OUTGOING\n'])
motivo("import", "--quiet", lucia, db=db)
before = motivo.json("status", "--json", db=db)
refused = motivo("import", marta, db=db, check=False)
check(refused.returncode == 1 and "this export is Marta Ruiz's and this database holds Lucía Ortega's" in refused.stderr
      and "--db" in refused.stderr, f"another person's export is refused: {refused.stderr.strip()}")
check(motivo.json("status", "--json", db=db) == before, "and nothing of it is stored")
status = motivo("status", db=db).stdout
check("owner        Lucía Ortega\n" in status, "status names the database's owner")
check(before["owners"] == [{"name": "Lucía Ortega", "imports": 1, "user": None}], f"status --json: {before['owners']}")
# A team's database: an account per user.
team = os.path.join(work, "team.db")
for user in ("lucia", "marta"):
    motivo("users", "add", user, db=team)
motivo("--as", "lucia", "import", "--quiet", lucia, db=team)
motivo("--as", "marta", "import", "--quiet", marta, db=team)
status = motivo("status", db=team).stdout
check("owners       Lucía Ortega (user lucia)\n             Marta Ruiz (user marta)\n" in status,
      f"a team's status names every account and its user:\n{status}")

# --- 5. Far-future dates ------------------------------------------------------------------------------------------
db = os.path.join(work, "dates.db")
motivo("import", "--quiet", lucia, db=db)
before = motivo.json("status", "--json", db=db)
future = export("future", [ana, 'Gil Siete,Lucía Ortega,"1/2/99, 9:00 AM",,INCOMING\n'])
refused = motivo("import", future, db=db, check=False)
check(refused.returncode == 1 and 'Invitations.csv:3: date in "Sent At" after the export was made (by 2026-11-20T12:00:00Z) '
      '("1/2/99, 9:00 AM")' in refused.stderr, f"2099 is refused at its line: {refused.stderr.strip()}")
check(motivo.json("status", "--json", db=db) == before, "and nothing is stored")
# The archive's name says when it was made: a date after that day (and a day's tolerance) is refused too.
named = export("Basic_LinkedInDataExport_11-10-2026", [ana, 'Gil Siete,Lucía Ortega,"11/12/26, 9:00 AM",,INCOMING\n'])
refused = motivo("import", named, db=db, check=False)
check(refused.returncode == 1 and "after the export was made (by 2026-11-11T00:00:00Z)" in refused.stderr,
      f"a date after the day the archive was made is refused: {refused.stderr.strip()}")
ok = export("Basic_LinkedInDataExport_11-12-2026", [ana, 'Gil Siete,Lucía Ortega,"11/12/26, 9:00 AM",,INCOMING\n'])
check(motivo("import", "--quiet", ok, db=db, check=False).returncode == 0, "a date of that day is not")
messages = os.path.join(export("msgs", [ana]), "messages.csv")
with open(messages, "w", encoding="utf-8") as f:
    f.write("CONVERSATION ID,FROM,TO,DATE,CONTENT\nc1,Ana Uno,Lucía Ortega,2026-11-02 10:00:00 UTC,hola\n"
            "c1,Lucía Ortega,Ana Uno,2099-01-02 10:00:00 UTC,adiós\n")
refused = motivo("import", os.path.dirname(messages), db=db, check=False)
check(refused.returncode == 1 and 'messages.csv:3: date in "DATE" after the export was made' in refused.stderr,
      f"and in messages.csv: {refused.stderr.strip()}")

# --- Issue 20, item 14: whose export is a messages.csv of one conversation -----------------------------------------
folder = os.path.join(work, "one-conversation")
os.makedirs(folder)
with open(os.path.join(folder, "messages.csv"), "w", encoding="utf-8") as f:
    f.write("CONVERSATION ID,FROM,TO,DATE,CONTENT\nc1,Zoe Zeta,Lucía Ortega,2026-11-02 10:00:00 UTC,hola\n"
            "c1,Lucía Ortega,Zoe Zeta,2026-11-02 11:00:00 UTC,adiós\n")
db = os.path.join(work, "tie.db")
refused = motivo("import", folder, db=db, check=False)
check(refused.returncode == 1 and "cannot tell whose export this is: \"Lucía Ortega\", \"Zoe Zeta\" are named equally often"
      in refused.stderr and "--owner NAME" in refused.stderr, f"a tie in a new database is refused: {refused.stderr.strip()}")
check(not os.path.exists(db) or motivo.json("status", "--json", db=db)["owners"] == [], "and nothing is stored")
wrong = motivo("import", "--owner", "Ana Uno", folder, db=db, check=False)
check(wrong.returncode == 1 and "--owner \"Ana Uno\": not one of the people this export can belong to (\"Lucía Ortega\", "
      "\"Zoe Zeta\")" in wrong.stderr, f"--owner must name one of them: {wrong.stderr.strip()}")
settled = motivo.json("import", "--json", "--owner", "LUCÍA  ortega", folder, db=db)
check(settled["owner"] == "Lucía Ortega", f"--owner settles the tie, in any spelling: {settled.get('owner')}")
status = motivo.json("status", "--json", db=db)
check([o["name"] for o in status["owners"]] == ["Lucía Ortega"], f"the owner is the one named: {status['owners']}")
db = os.path.join(work, "tie-stored.db")
motivo("import", "--quiet", lucia, db=db)
again = motivo.json("import", "--json", folder, db=db)
check(again["owner"] == "Lucía Ortega", f"with an account stored, the tie goes to it: {again.get('owner')}")

check.exit()
