#!/usr/bin/env python3
"""Issue 19, item 6: asks and welcomes greet people by their given name, end to end with the real binary.

An invented export whose inviters have compound given names, titles and "Surname, Given" names (read from the full
name: nobody lists their First Name for them), and whose connections list a First Name in Connections.csv (which
wins, cleaned of titles, emoji and trailing initials). `ask --dry-run` and `welcome` must greet each by that name.
Usage: names.py MOTIVO SOURCE_DIR
"""
import csv
import os
import sys

from checks import Checks, Motivo, workdir

check = Checks()
work = workdir("names")
motivo = Motivo(sys.argv[1], work, now="2026-11-25T12:00:00Z")
db = os.path.join(work, "names.db")
export = os.path.join(work, "export")
os.makedirs(export)

IN = "https://www.linkedin.com/in/"
OWNER = "Dana Whitcombe"
# Pending invitations: (full name as Invitations.csv gives it, slug, the name the ask must greet).
inviters = [
    ("Miguel Ángel Riesgo", "miguel-angel-riesgo-1a", "Miguel Ángel"),
    ("María José García", "maria-jose-garcia-2b", "María José"),
    ("Dr. Ana Pérez", "ana-perez-3c", "Ana"),
    ("de la Fuente, Ana", "ana-de-la-fuente-4d", "Ana"),
    ("Jean-Pierre Dupont", "jean-pierre-dupont-5e", "Jean-Pierre"),
    ("JOSEP MARIA POU", "josep-maria-pou-6f", "Josep Maria"),
    ("Lic. Juan Pablo Díaz", "juan-pablo-diaz-7a", "Juan Pablo"),
    ("Ana Pérez Gil, PhD", "ana-perez-gil-8b", "Ana"),
]
# Connections: (First Name, Last Name, slug, the name the welcome must greet).
connections = [
    ("Gabriel Alejandro", "Sosa", "gabriel-sosa-1", "Gabriel Alejandro"),  # their choice, though not a listed compound
    ("Dr. Andy", "Clark", "andy-clark-2", "Andy"),
    ("Carlos A.", "Gómez", "carlos-gomez-3", "Carlos"),
    ("💻 Frida", "Berg", "frida-berg-4", "Frida"),
    ("Miguel", "Ángel Riesgo Mora", "miguel-riesgo-5", "Miguel"),  # a First Name of one word is kept as given
    ("", "Lonely Surname", "lonely-6", None),  # no First Name: the full name is read ("Lonely")
]

with open(os.path.join(export, "Invitations.csv"), "w", newline="", encoding="utf-8") as fh:
    w = csv.writer(fh, lineterminator="\r\n")
    w.writerow(["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"])
    for i, (name, slug, _) in enumerate(inviters):
        w.writerow([name, OWNER, f"11/{10 + i}/26, 9:00 AM", "", "INCOMING", IN + slug, IN + "dana-whitcombe"])
with open(os.path.join(export, "Connections.csv"), "w", newline="", encoding="utf-8") as fh:
    fh.write("Notes:\r\n\"When exporting your connection data, you may notice...\"\r\n\r\n")
    w = csv.writer(fh, lineterminator="\r\n")
    w.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    for i, (first, last, slug, _) in enumerate(connections):
        w.writerow([first, last, IN + slug, "", "Acme", "Engineer", f"{i + 1:02d} Nov 2026"])

motivo("import", "--quiet", export, db=db)

# Asks: the invitation's sender greeted by their given name.
ids = {i["from"]: i["id"] for i in motivo.json("invitations", "--json", db=db)}
check(len(ids) == len(inviters), f"every invitation stored ({len(ids)})")
for name, _, greeted in inviters:
    for language, hello in (("en", "Good afternoon"), ("es", "Buenas tardes")):
        asked = motivo.json("ask", str(ids[name]), "--dry-run", "--json", "--language", language, db=db,
                            env={"TZ": "UTC"})
        check(asked["message"].startswith(f"{hello}, {greeted}. "),
              f"the ask to '{name}' ({language}) greets '{greeted}': {asked['message'][:40]!r}")

# Welcomes: Connections.csv's First Name, cleaned.
welcomes = {w["name"]: w["message"] for w in motivo.json("welcome", "--json", "-n", "50", db=db, env={"TZ": "UTC"})}
for first, last, _, greeted in connections:
    full = f"{first} {last}".strip()
    expected = greeted or "Lonely"
    check(any(welcomes.get(full, "").startswith(f"{hello}, {expected}. ") for hello in ("Good afternoon", "Buenas tardes")),
          f"the welcome to '{full}' greets '{expected}': {welcomes.get(full, '')[:40]!r}")

# compose --to reads the full name the same way.
note = motivo("compose", "--to", "Dra. María José García", "--text", "Hola {{first_name}}", "--json", db=db).stdout
check('"Hola María José"' in note, f"compose greets the given name ({note.strip()[:80]})")

check.exit()
