#!/usr/bin/env python3
"""Issue 9 (privacy): motivo forget removes every record of a person and the text leaves the file.

On the demo export (synthetic, Spanish): a sender with an invitation, messages and a note kept on them is
forgotten; a dry run first changes nothing; afterwards their name is in no table and in no byte of the database
file (or its WAL); everyone else's records stay; the owner cannot be forgotten.
Usage: forget.py MOTIVO SOURCE_DIR
"""
import json
import os
import sqlite3
import sys
import unicodedata

from checks import Checks, Motivo, dump, gen_export, integrity, sqlite, workdir

source = sys.argv[2]
check = Checks()
work = workdir("forget")
db = os.path.join(work, "motivo.db")
motivo = Motivo(sys.argv[1], work, db=db, now="2026-11-20T18:00:00Z")


def file_bytes():
    data = b""
    for suffix in ("", "-wal", "-journal"):
        if os.path.exists(db + suffix):
            with open(db + suffix, "rb") as fh:
                data += fh.read()
    return data


export = gen_export(source, os.path.join(work, "export.zip"))
motivo("import", "--quiet", export)
invitations = motivo.json("invitations", "--json")
owner = motivo.json("status", "--json").get("owner")
# A sender with a note on their invitation and messages exchanged.
person = None
for inv in invitations:
    if inv["direction"] != "incoming" or not inv["message"]:
        continue
    if inv["from"] in dump(db) and dump(db).count(inv["from"].replace("'", "''")) > 2:
        person = inv["from"]
        break
check(person is not None, f"a sender to forget: {person}")
motivo("note", person, "Nos presentó Lucía en el congreso; hablar de su proyecto de datos")
name_bytes = person.encode()
check(name_bytes in file_bytes(), "before: the name is in the file")
before_total = len(invitations)
mine = [i for i in invitations if i["from"] == person or i["to"] == person]

# A dry run changes nothing.
before = dump(db)
counts = motivo.json("forget", "--dry-run", "--json", person)
check(counts["dry_run"] and counts["invitations"] == len(mine), f"dry run counts the invitations ({counts})")
check(counts["notes"] == 1, "and the note")
check(dump(db) == before, "a dry run changes nothing")
# It only reads: it answers while another program holds the database's write lock (an import, a server's write).
holder = sqlite3.connect(db, isolation_level=None)
holder.execute("BEGIN IMMEDIATE")
held = motivo.json("forget", "--dry-run", "--json", person)
holder.execute("ROLLBACK")
holder.close()
check(held == counts, f"a dry run answers while another program writes ({held})")

# Forget.
counts = motivo.json("forget", "--yes", "--json", person)
check(counts["invitations"] == len(mine) and counts["messages"] >= 0, f"forgotten ({counts})")
after = motivo.json("invitations", "--json")
check(len(after) == before_total - len(mine), "every other invitation stays")
check(all(person not in (i["from"], i["to"]) for i in after), "no invitation of theirs is left")
check(person not in dump(db), "their name is in no table")
check(name_bytes not in file_bytes(), "and in no byte of the database file")
check(b"hablar de su proyecto" not in file_bytes(), "nor the note kept on them")
people = motivo.json("people", "--search", "congreso", "--json")
check(people == [], "the full-text index forgot the note")
check(os.stat(db).st_mode & 0o777 == 0o600, "the compacted file is still private (0600)")
sound = integrity(db)
check(sound == "ok", f"integrity_check: {sound}")

# Nobody, and the owner, are refused.
p = motivo("forget", person, check=False)
check(p.returncode == 1 and "nobody stored matches" in p.stderr, "forgetting them again: nobody matches")
if owner:
    before = dump(db)
    p = motivo("forget", owner, check=False)
    check(p.returncode == 1 and "owns the imported data" in p.stderr, f"the owner cannot be forgotten ({owner})")
    check(dump(db) == before, "and nothing changed")

# Someone named only among the recipients of a group message has no person record: forgotten by name all the same.
group = os.path.join(work, "group")
os.makedirs(group)
with open(os.path.join(group, "messages.csv"), "w", encoding="utf-8") as f:
    f.write("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
            f'g1,,Zoe Grupo,https://www.linkedin.com/in/zoe-grupo,"{owner}, Xavier Solodegrupo",'
            '"https://www.linkedin.com/in/a,https://www.linkedin.com/in/b",2026-11-02 10:00:00 UTC,,Hola a los dos,INBOX\n'
            # the owner's own message in another group: the file is theirs (a database holds one account)
            f'g2,,{owner},,"Zoe Grupo, Ana Tercera",'
            '"https://www.linkedin.com/in/zoe-grupo,https://www.linkedin.com/in/c",2026-11-02 11:00:00 UTC,,Hola,INBOX\n')
motivo("import", "--quiet", group)
check(b"Xavier Solodegrupo" in file_bytes(), "a group recipient is stored")
p = motivo("forget", "xavier  SOLODEGRUPO", "--dry-run", "--json", check=False)
check(p.returncode == 0 and json.loads(p.stdout)["group_messages"] == 1 and b"Xavier Solodegrupo" in file_bytes(),
      "a dry run finds the name among the recipients and changes nothing")
p = motivo("forget", "--yes", "xavier  SOLODEGRUPO", check=False)
check(p.returncode == 0 and b"Xavier Solodegrupo" not in file_bytes(), "their name is gone from the file")
check(b"Zoe Grupo" in file_bytes(), "the message stays, from its sender")

# Spelling variants (case, accents, spacing) of a forgotten person's name: in group recipients, conversation
# titles and subjects of the messages that stay.
variants = os.path.join(work, "variants")
os.makedirs(variants)
with open(os.path.join(variants, "messages.csv"), "w", encoding="utf-8") as f:
    f.write("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
            f'g3,Café con ZOÉ  grupo y Bea,{owner},,"zoe  GRUPO, Bea Cuarta",'
            '"https://www.linkedin.com/in/zoe-grupo,https://www.linkedin.com/in/d",2026-11-03 10:00:00 UTC,'
            'Re: zoé\u00a0Grupo,Quedamos,INBOX\n')
motivo("import", "--quiet", variants)


def folded_file():
    text = file_bytes().decode("utf-8", "replace")
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


check("zoe grupo" in folded_file(), "the variants are stored")
p = motivo("forget", "--yes", "--json", "Zoe Grupo", check=False)
check(p.returncode == 0 and json.loads(p.stdout)["group_messages"] >= 2, f"Zoe Grupo forgotten ({p.stdout.strip()})")
left = folded_file().find("zoe grupo")
check(left < 0, f"no spelling of their name is left in the file ({folded_file()[max(left - 60, 0):left + 40]!r})")
rows = sqlite(db, "SELECT to_names || '|' || conversation_title || '|' || subject FROM messages WHERE "
                  "conversation_id = 'g3'").strip()
check(rows == "Bea Cuarta|Café con … y Bea|Re: …", f"the message stays, without them ({rows})")

check.exit()
