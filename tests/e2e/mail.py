#!/usr/bin/env python3
"""Issue 7: invitations from notification mail, end to end with the real binary.

The fixtures of tests/data/mail (invented people, public layouts) imported as .eml files, as an mbox and as a
Maildir (members' messages and acceptances among them: issue 21); the same invitation stored once however it arrives; mail before and after an export (matched by sender
and time, the mail's note filling the export's empty one); skipped and malformed mail; bad paths.
Usage: mail.py MOTIVO SOURCE_DIR
"""
import json
import mailbox
import os
import sys

from checks import Checks, Motivo, dump, workdir

source = sys.argv[2]
fixtures = os.path.join(source, "tests", "data", "mail")
check = Checks()
work = workdir("mail")
motivo = Motivo(sys.argv[1], work)


def mail_import(db, *paths):
    p = motivo("import", "--json", *paths, db=db)
    return json.loads(p.stdout)["mail"], p.stderr


def incoming(db):
    return {i["from"]: i for i in motivo.json("invitations", "--json", db=db) if i["direction"] == "incoming"}


def export_import(db, export):
    """The files of an export's import report, by name."""
    return {f["file"]: f for f in motivo.json("import", "--json", export, db=db)["files"]}


emls = sorted(f for f in os.listdir(fixtures) if f.endswith(".eml"))
expected_senders = {"Marta Quillfeather", "Oskar Brandvold", "Jonah Ellery", "Lucía Ibáñez Ortuño",
                    "Tomás Villarreal Peña", "Rodrigo Peñalver", "Abigail Okonkwo-Reyes"}

# The same mail as an mbox and as a Maildir.
mbox_path = os.path.join(work, "linkedin.mbox")
box = mailbox.mbox(mbox_path)
maildir = mailbox.Maildir(os.path.join(work, "Maildir"))
for f in emls:
    with open(os.path.join(fixtures, f), "rb") as fh:
        raw = fh.read()
    box.add(raw)
    maildir.add(raw)
box.close()

# 1. A folder of .eml files.
db1 = os.path.join(work, "one.db")
report, err = mail_import(db1, fixtures)
check(report["messages"] == len(emls), f"every message read ({report['messages']} of {len(emls)})")
check(report["invitations"] == 7 and report["new"] == 7, f"7 invitations, 7 new ({report})")
check(set(incoming(db1)) == expected_senders, "the seven inviters by name")
check(report["acceptances"]["read"] == 3 and len(report["acceptances"]["connections_without_invitation"]) == 3,
      f"three acceptances, no invitation of yours stored: recorded as connections ({report['acceptances']})")
check(report["chats"]["read"] == 5 and report["chats"]["new"] == 5, f"five members' messages ({report['chats']})")
check(report["skipped"].get("a sponsored message, not from a person") == 1, "the sponsored message is not a message")
check(report["skipped"].get("not from LinkedIn") == 1, "the list reply is not LinkedIn's")
warned = sorted(os.path.basename(w["where"]) for w in report["warnings"])
check(warned == ["en-message-malformed.eml", "malformed.eml"], f"the malformed mails are warned about by name ({warned})")
check("malformed.eml" in err or report["warnings"], "the warning names the file")
notes = {k: v["message"] for k, v in incoming(db1).items()}
check(notes["Jonah Ellery"].startswith("Hi Dana — I enjoyed your talk"), "the HTML-only note")
check(notes["Lucía Ibáñez Ortuño"].startswith("Me encantó coincidir"), "the Spanish quoted-printable note")
labels = {k: v["label"] for k, v in incoming(db1).items()}
check(labels["Oskar Brandvold"] == "default" and labels["Marta Quillfeather"] == "personalized",
      f"classified as any other invitation ({labels})")
check(os.stat(db1).st_mode & 0o777 == 0o600, "the database is private (0600)")

# 2. The same mail again, as an mbox, a Maildir and one file: nothing new.
report, _ = mail_import(db1, mbox_path)
check(report["messages"] == len(emls) and report["new"] == 0 and report["known"] == 7, f"mbox: all known ({report})")
report, _ = mail_import(db1, os.path.join(work, "Maildir"))
check(report["new"] == 0 and report["known"] == 7, f"Maildir: all known ({report})")
report, _ = mail_import(db1, os.path.join(fixtures, "en-2016-plain-and-html.eml"))
check(report["new"] == 0 and report["known"] == 1, "a single .eml: known")
check(len(incoming(db1)) == 7, "still seven invitations")

# 3. An export first, then the mail: the export's rows are matched, and an empty note is filled.
export_dir = os.path.join(work, "export")
os.makedirs(export_dir)
with open(os.path.join(export_dir, "Invitations.csv"), "w", newline="") as fh:
    fh.write("From,To,Sent At,Message,Direction\r\n")
    # Pacific times without a zone: 1:05 AM PDT is 08:05 UTC, the mail's Date.
    fh.write('Marta Quillfeather,Dana Whitcombe,"6/14/16, 1:05 AM",,INCOMING\r\n')
    fh.write("Oskar Brandvold,Dana Whitcombe,\"4/9/16, 10:42 AM\",I'd like to join your LinkedIn network.,INCOMING\r\n")
    fh.write('Nadia Osei,Dana Whitcombe,"12/1/16, 9:00 AM",We met at the Ghent data meetup,INCOMING\r\n')
    fh.write('Dana Whitcombe,Pere Vidal,"11/2/16, 4:00 PM",,OUTGOING\r\n')
db2 = os.path.join(work, "two.db")
motivo("import", "--quiet", export_dir, db=db2)
report, _ = mail_import(db2, fixtures)
check(report["matched"] == 2 and report["new"] == 5, f"two mails matched the export's invitations ({report})")
inv = incoming(db2)
check(len(inv) == 8, f"3 from the export + 5 from mail ({len(inv)})")
check(inv["Marta Quillfeather"]["message"].startswith("Great meeting you"), "the mail's note fills the empty one")
check(inv["Marta Quillfeather"]["label"] == "personalized", "and it is classified again")
report, _ = mail_import(db2, mbox_path)
check(report["new"] == 0 and report["matched"] == 0 and report["known"] == 7, "the mbox again: all known")
before = dump(db2)
files = export_import(db2, export_dir)
check(files["Invitations.csv"]["new"] == 0, "the export again: nothing new")
inv = incoming(db2)
check(len(inv) == 8, "still 8")
check(inv["Jonah Ellery"]["outcome"] is None, "mail newer than the export is not taken for withdrawn")
check(inv["Lucía Ibáñez Ortuño"]["outcome"] == "withdrawn",
      "mail within the export's span that it no longer lists: withdrawn or ignored")

# 4. The mail first, then the export: the export adopts the mail's rows.
db3 = os.path.join(work, "three.db")
mail_import(db3, fixtures)
files = export_import(db3, export_dir)
check(files["Invitations.csv"]["new"] == 2 and files["Invitations.csv"]["known"] == 2,
      f"the export knows two of its invitations from mail ({files['Invitations.csv']})")
inv = incoming(db3)
check(len(inv) == 8, f"8 incoming ({len(inv)})")
check(inv["Marta Quillfeather"]["message"].startswith("Great meeting you"), "the mail's note stays")
check(inv["Marta Quillfeather"]["sent_at"].startswith("2016-06-14T08:05"), "the time as the export gives it")
files = export_import(db3, export_dir)
check(files["Invitations.csv"]["new"] == 0, "the export again: nothing new")
report, _ = mail_import(db3, fixtures)
check(report["new"] == 0 and report["known"] + report["matched"] == 7, f"the mail again: nothing new ({report})")
check(len(incoming(db3)) == 8, "still 8")

# 5. Bad input: a clear error, exit 1, nothing stored.
before = dump(db1)
p = motivo("import", os.path.join(work, "missing.mbox"), db=db1, check=False)
check(p.returncode == 1 and "missing.mbox" in p.stderr, "a missing path is named")
junk = os.path.join(work, "junk.mbox")
with open(junk, "wb") as fh:
    fh.write(b"From nobody Thu Jan  1 00:00:00 1970\n" + bytes(range(256)) * 64 + b"\nFrom x\n\n\n")
p = motivo("import", "--json", junk, db=db1, check=False)
check(p.returncode == 0 and json.loads(p.stdout)["mail"]["invitations"] == 0, "an mbox of junk: read, nothing taken")
check(dump(db1).replace("\n", "").count("INSERT INTO invitations") == before.replace("\n", "").count("INSERT INTO invitations"),
      "and no invitation added")

check.exit()
