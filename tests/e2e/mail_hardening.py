#!/usr/bin/env python3
"""Issue 20, items 4, 9 and 14: hostile notification mail, end to end with the real binary.

Forged LinkedIn mail (the receiving server's Authentication-Results say DMARC failed) is skipped, counted and
warned about, and fills no export's note; mail dated after the clock (plus a day) is skipped with a warning; a
quoted-printable "=00" keeps the rest of the note; a huge message is not read and a note longer than LinkedIn's
300 characters is cut, each with a warning naming the message, and a message of an mbox costs bounded memory
whatever it holds (a 100 MiB header line); an export's note wins over mail's either way round.
Usage: mail_hardening.py MOTIVO SOURCE_DIR
"""
import json
import os
import sys

from checks import Checks, Motivo, workdir

fixtures = os.path.join(sys.argv[2], "tests", "data", "mail")
check = Checks()
work = workdir("mail-hardening")
motivo = Motivo(sys.argv[1], work, now="2026-11-27T10:00:00Z")

with open(os.path.join(fixtures, "en-2016-plain-and-html.eml"), "rb") as fh:
    marta = fh.read()  # Marta Quillfeather's invitation, 2016-06-14 08:05 UTC, "Great meeting you at the café ..."
NOTE = b"Great meeting you at the caf=C3=A9"


def write(name, data):
    path = os.path.join(work, name)
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def mail_import(db, *paths):
    p = motivo("import", "--json", *paths, db=db)
    return json.loads(p.stdout)["mail"]


def incoming(db):
    return {i["from"]: i for i in motivo.json("invitations", "--json", db=db) if i["direction"] == "incoming"}


def export(name, note):
    """An export whose one incoming invitation is Marta's of the mail (the same minute), with `note`."""
    folder = os.path.join(work, name)
    os.makedirs(folder)
    with open(os.path.join(folder, "Invitations.csv"), "w", newline="") as fh:
        fh.write("From,To,Sent At,Message,Direction\r\n")
        fh.write(f'Marta Quillfeather,Dana Whitcombe,"6/14/16, 1:05 AM",{note},INCOMING\r\n')
        fh.write('Dana Whitcombe,Pere Vidal,"11/2/16, 4:00 PM",,OUTGOING\r\n')
    return folder


def warned(report, path, words):
    return any(w["where"] == path and words in w["reason"] for w in report["warnings"])


# Item 9: forged mail is skipped, counted and warned; the export's empty note stays empty, its label unchanged.
forged = write("forged.eml", b"Authentication-Results: mx.example.org; spf=fail smtp.mailfrom=evil.test;\r\n"
               b"\tdkim=none; dmarc=fail (p=REJECT) header.from=linkedin.com\r\n" + marta)
db = os.path.join(work, "forged.db")
motivo("import", "--quiet", export("export-empty", ""), db=db)
before = incoming(db)["Marta Quillfeather"]
report = mail_import(db, forged)
check(report["invitations"] == 0 and report["matched"] == 0, f"forged mail: no invitation taken ({report})")
check(report["skipped"].get("forged: LinkedIn's mail failed authentication") == 1, "forged mail: counted")
check(warned(report, forged, "dmarc=fail"), f"forged mail: a warning names it and the failure ({report['warnings']})")
after = incoming(db)["Marta Quillfeather"]
check(after["message"] == "" and after["label"] == before["label"], f"the export's empty note stays ({after})")
p = motivo("import", forged, db=db)
check("forged.eml" in p.stderr and "forged" in p.stderr, f"forged mail: warned on stderr ({p.stderr.strip()})")

# Authenticated mail (and, as before, mail without results) is read.
signed = write("signed.eml", b"Authentication-Results: mx.example.org; dkim=pass header.d=linkedin.com;\r\n"
               b"\tspf=pass smtp.mailfrom=s@bounce.linkedin.com; dmarc=pass header.from=linkedin.com\r\n" + marta)
report = mail_import(db, signed)
check(report["matched"] == 1, f"authenticated mail: matched ({report})")
check(incoming(db)["Marta Quillfeather"]["message"].startswith("Great meeting you"), "it fills the empty note")

# The export's note wins over the mail's, the mail first or the export first.
for order in ("mail first", "export first"):
    db = os.path.join(work, order.replace(" ", "-") + ".db")
    folder = export("export-" + order.replace(" ", "-"), "Hello from the export")
    steps = [lambda: mail_import(db, write("plain.eml", marta)), lambda: motivo("import", "--quiet", folder, db=db)]
    for step in steps if order == "mail first" else reversed(steps):
        step()
    inv = incoming(db)
    check(len(inv) == 1 and inv["Marta Quillfeather"]["message"] == "Hello from the export",
          f"{order}: the export's note wins ({inv})")

# Item 14: mail dated 9999, or after the clock plus a day, is skipped with a warning naming it.
db = os.path.join(work, "dates.db")
future = write("future.eml", marta.replace(b"Date: Tue, 14 Jun 2016 08:05:12", b"Date: Fri, 31 Dec 9999 23:59:59"))
tomorrow = write("tomorrow.eml", marta.replace(b"Date: Tue, 14 Jun 2016 08:05:12", b"Date: Sat, 28 Nov 2026 09:00:00")
                 .replace(b"Message-ID: <1843920571", b"Message-ID: <1843920572"))
later = write("later.eml", marta.replace(b"Date: Tue, 14 Jun 2016 08:05:12", b"Date: Sun, 29 Nov 2026 10:00:01")
              .replace(b"Message-ID: <1843920571", b"Message-ID: <1843920573"))
report = mail_import(db, future, tomorrow, later)
check(report["invitations"] == 1, f"only the mail within a day of the clock is taken ({report})")
check(report["skipped"].get("dated in the future") == 2, "the other two: dated in the future")
check(warned(report, future, "9999") and warned(report, later, "2026-11-29"), f"warnings name them ({report['warnings']})")

# Item 14: quoted-printable "=00" does not cut the note short.
db = os.path.join(work, "nul.db")
nul = write("nul.eml", marta.replace(NOTE, b"Great meeting you=00 at the caf=C3=A9"))
report = mail_import(db, nul)
note = incoming(db)["Marta Quillfeather"]["message"]
check("\ufffd at the café after the Lisbon meetup" in note and "ingest project" in note, f"the whole note ({note!r})")

# Item 4: a huge message is not read; a long note is cut at LinkedIn's 300 characters; each warned by name.
db = os.path.join(work, "size.db")
huge = write("huge.eml", marta.replace(NOTE, NOTE + b" " + b"la " * ((3 << 20) // 3)))
long_note = write("long.eml", marta.replace(NOTE, NOTE + b" and" * 200).replace(b"Message-ID: <1843920571", b"Message-ID: <9"))
report = mail_import(db, huge, long_note)
check(report["skipped"].get("too large for a LinkedIn notification") == 1, f"the huge message: skipped ({report})")
check(warned(report, huge, "bytes"), f"the huge message: a warning names it ({report['warnings']})")
check(warned(report, long_note, "300"), "the long note: a warning names its message")
note = incoming(db)["Marta Quillfeather"]["message"]
check(note.startswith("Great meeting you at the café") and len(note.encode("utf-16-le")) // 2 <= 300,
      f"the long note is cut at 300 characters ({len(note)})")

# Item 4 in an mbox: a message with a 100 MiB header line costs bounded memory (GMime's own mbox parser held the line
# whole: 534 MB); it is skipped with the warning naming it, and the messages around it are read.
db = os.path.join(work, "mbox.db")
box = os.path.join(work, "huge-header.mbox")
with open(box, "wb") as fh:
    fh.write(b"From invitations@linkedin.com Tue Jun 14 08:05:12 2016\n" + marta.replace(b"\r\n", b"\n") + b"\n")
    fh.write(b"From invitations@linkedin.com Tue Jun 14 08:05:13 2016\n" + b"X-Padding: ")
    for _ in range(100):
        fh.write(b"a" * (1 << 20))
    fh.write(b"\n" + marta.replace(b"\r\n", b"\n").replace(b"Message-ID: <1843920571", b"Message-ID: <7") + b"\n")
    fh.write(b"From invitations@linkedin.com Tue Jun 14 08:05:14 2016\n" +
             marta.replace(b"\r\n", b"\n").replace(b"Message-ID: <1843920571", b"Message-ID: <8")
             .replace(b"Marta Quillfeather", b"Ola Brandvold"))
sanitizer = os.environ.get("ASAN_OPTIONS") or os.environ.get("TSAN_OPTIONS")
timer = ("/usr/bin/time", "-f", "peak %M") if os.access("/usr/bin/time", os.X_OK) and not sanitizer else ()
p = motivo("import", "--json", box, db=db, prefix=timer)
report = json.loads(p.stdout)["mail"]
check(report["messages"] == 3 and report["invitations"] == 2, f"the messages around the huge one are read ({report})")
check(report["skipped"].get("too large for a LinkedIn notification") == 1, "the huge message: skipped")
check(warned(report, box + ", message 2", "bytes"), f"the huge message: a warning names it ({report['warnings']})")
if timer:
    peak_kib = int(p.stderr.strip().splitlines()[-1].split()[-1])
    # An .eml of the same costs 34 MB (its first 2 MiB are read); the mbox keeps each message's first 2 MiB too.
    check(peak_kib < 128 * 1024, f"the huge header: peak memory under 128 MiB ({peak_kib} KiB)")
else:
    print("peak memory: not measured (no /usr/bin/time, or a sanitizer's shadow memory would set the peak)")
os.remove(box)

check.exit()
