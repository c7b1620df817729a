#!/usr/bin/env python3
"""Issue 20, items 3 and 7: motivo export streams, and export --anonymize leaves nobody identifiable.

1. Planted identities: the demo export with a person added to every file — their name in Invitations.csv,
   messages.csv and Connections.csv, and inside the note and the messages their name in lower case, without
   accents, as an upper-case signature and as a nickname, an e-mail address, phone numbers, an ID number, an IBAN,
   a profile URL, a web site, a link and a handle; their Company and Position. After `export --anonymize`, none of
   them is anywhere in the archive (any case, accents or not); the archive still imports and gives the same report.
2. Constant memory: the peak memory (/usr/bin/time -f %M) of `export --json` and `export --anonymize` on a store
   ten times larger grows by less than a fixed margin (the whole export is never held in memory).
Usage: export.py MOTIVO SOURCE_DIR
"""
import csv
import io
import os
import re
import sys
import unicodedata
import zipfile

from checks import Checks, Motivo, gen_export, skip, workdir

source = sys.argv[2]
check = Checks()
work = workdir("export")
motivo = Motivo(sys.argv[1], work, now="2026-11-20T18:00:00Z")

NAME = "Ramón Echeverría Goikoetxea"
URL = "https://www.linkedin.com/in/ramon-echeverria-77"
FRIEND = "Robert Kowalczyk"  # nicknamed "Bob" in a message
FRIEND_URL = "https://www.linkedin.com/in/rkowalczyk-5521"
EMAIL = "ramon.echeverria@planted-mail.test"
PLANTED = {  # what must not be left, as a regular expression on the archive's text (case and accents ignored)
    "name": r"\bramon\b|echeverria|goikoetxea",
    "friend": r"kowalczyk|\bbob\b",
    "e-mail": r"planted-mail|ramon\.echeverria@",
    "phone": r"612[ .-]?345[ .-]?678|\(?91\)?[ .-]?555[ .-]?01[ .-]?23",
    "ID number": r"4567123",
    "IBAN": r"2100[ ]?0418[ ]?4502",
    "profile URL": r"ramon-echeverria-77|rkowalczyk",
    "web site": r"echeverria-consulting|goiko-data",
    "handle": r"ramonech",
    "company": r"planted industries",
    "position": r"chief planted officer",
}
NOTE = ("Hola lucía, soy ramón echeverría (RAMÓN ECHEVERRÍA GOIKOETXEA, ramon echeverria para los amigos). "
        f"Escríbeme a {EMAIL} o llámame al +34 612 345 678. Mi web: www.echeverria-consulting.es")
MESSAGES = [
    ("Propuesta", "Te paso mi DNI X4567123L y la cuenta ES91 2100 0418 4502 0005 1332 para la factura."),
    ("", f"Mi perfil: {URL}?trk=x, el de Bob: {FRIEND_URL}. Más en https://goiko-data.com/equipo/ramon "
         "y en Twitter @ramonech. Oficina: (91) 555 01 23.\n\nUn saludo,\nRAMÓN"),
]


def folded(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def csv_rows(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def append(path, rows):
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text.rstrip("\n") + "\n" + csv_rows(rows))


def planted_export():
    """The demo export with the planted person in every file."""
    folder = gen_export(source, os.path.join(work, "planted"))
    with open(os.path.join(folder, "Invitations.csv"), encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if r["Direction"] == "INCOMING")
    owner, owner_url = row["To"], row["inviteeProfileUrl"]
    append(os.path.join(folder, "Invitations.csv"),
           [[NAME, owner, "11/10/26, 9:15 AM", NOTE, "INCOMING", URL, owner_url]])
    conversation = "2-UGxhbnRlZENvbnZlcnNhdGlvbg=="
    append(os.path.join(folder, "messages.csv"),
           [[conversation, f"{NAME} y {FRIEND}", NAME, URL, owner, owner_url, f"2026-11-1{i} 10:00:00 UTC",
             subject, text, "INBOX", "No", "No"] for i, (subject, text) in enumerate(MESSAGES)])
    append(os.path.join(folder, "Connections.csv"),
           [["Ramón", "Echeverría Goikoetxea", URL, EMAIL, "Goikoetxea Planted Industries", "Chief Planted Officer",
             "11 Nov 2026"],
            ["Robert", "Kowalczyk", FRIEND_URL, "", "Planted Industries", "Chief Planted Officer", "12 Nov 2026"]])
    return folder


def planted_identities():
    db = os.path.join(work, "planted.db")
    motivo("import", "--quiet", planted_export(), db=db)
    before = motivo("report", "--json", db=db).stdout
    archive = os.path.join(work, "anonymised.zip")
    motivo("export", "--anonymize", archive, db=db)
    with zipfile.ZipFile(archive) as z:
        members = {name: z.read(name).decode("utf-8") for name in z.namelist()}
    check(sorted(members) == ["Connections.csv", "Invitations.csv", "messages.csv"], f"the files: {sorted(members)}")
    for name, text in members.items():
        for kind, pattern in PLANTED.items():
            found = re.findall(pattern, folded(text))
            check(not found, f"{name}: no {kind} left {found[:3]}")
    # What a report reads is still there: the archive imports and gives the same report.
    again = os.path.join(work, "again.db")
    motivo("import", "--quiet", archive, db=again)
    after = motivo("report", "--json", db=again).stdout
    check(after == before, "the anonymised export gives the same report")


def peak_kib(*args, db):
    """The peak resident memory of one motivo command, in KiB."""
    p = motivo(*args, db=db, prefix=("/usr/bin/time", "-f", "%M"))
    return int(p.stderr.strip().splitlines()[-1])


def constant_memory():
    if not os.access("/usr/bin/time", os.X_OK):
        print("constant memory: skipped, /usr/bin/time is not installed")
        return
    if os.environ.get("ASAN_OPTIONS") or os.environ.get("TSAN_OPTIONS"):
        # A sanitizer's shadow memory and quarantine grow with every allocation, freed or not: peaks measure it.
        print("constant memory: skipped under a sanitizer (its shadow memory and quarantine, not motivo's, set the peak)")
        return
    peaks = {}
    for size, (invitations, messages) in {"small": (1000, 5000), "large": (10000, 100000)}.items():
        export = gen_export(source, os.path.join(work, f"{size}.zip"), profile="bench", seed=1,
                            invitations=invitations, messages=messages, connections=invitations // 5)
        db = os.path.join(work, f"{size}.db")
        motivo("import", "--quiet", export, db=db)
        peaks[size] = (peak_kib("export", "--json", os.path.join(work, f"{size}.jsonl"), db=db),
                       peak_kib("export", "--anonymize", os.path.join(work, f"{size}-anon.zip"), db=db))
    for i, command in enumerate(("export --json", "export --anonymize")):
        small, large = peaks["small"][i], peaks["large"][i]
        # 20 times the messages (70 MB of JSON): an export held in memory adds about 100 MB; a streamed one only
        # what fills up once (SQLite's page cache, the pseudonyms of the name words, about 20 MB).
        check(large - small < 32 * 1024, f"{command}: peak {small} KiB, {large} KiB on a store 20 times larger")


if not os.path.exists(os.path.join(source, "scripts", "gen-export.py")):
    skip("scripts/gen-export.py is missing")
planted_identities()
constant_memory()
check.exit()
