#!/usr/bin/env python3
"""Issue 19, item 7: accented profile slugs in notification mail and in an export name one person each.

An invented export (José Pérez's pending invitation with his slug raw, as Invitations.csv writes it; Josélito Gómez
a connection with his slug percent-encoded, as Connections.csv writes it) and notification mail from both (one link
percent-encoded, one raw UTF-8). Before, mail slugs were cut at the first letter outside ASCII: both became `jos` and
the two men one person. Now José's mails joins the export's José, Josélito's the export's Josélito, and they stay
two people, whichever is imported first.
Usage: profile_slugs.py MOTIVO SOURCE_DIR
"""
import csv
import os
import sys
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone

from checks import Checks, Motivo, sqlite, workdir

check = Checks()
work = workdir("profile_slugs")
motivo = Motivo(sys.argv[1], work, now="2026-11-25T12:00:00Z")
IN = "https://www.linkedin.com/in/"
OWNER = "Dana Whitcombe"
JOSE, JOSELITO = "josé-pérez-1a2b", "josélito-gómez-3c4d"

export = os.path.join(work, "export")
os.makedirs(export)
with open(os.path.join(export, "Invitations.csv"), "w", newline="", encoding="utf-8") as fh:
    w = csv.writer(fh, lineterminator="\r\n")
    w.writerow(["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"])
    w.writerow(["José Pérez", OWNER, "10/1/26, 9:00 AM", "", "INCOMING", IN + JOSE, IN + "dana-whitcombe"])
    w.writerow([OWNER, "Ana Ruiz", "10/2/26, 9:00 AM", "", "OUTGOING", IN + "dana-whitcombe", IN + "ana-ruiz-9"])
with open(os.path.join(export, "Connections.csv"), "w", newline="", encoding="utf-8") as fh:
    fh.write("Notes:\r\n\"When exporting your connection data, you may notice...\"\r\n\r\n")
    w = csv.writer(fh, lineterminator="\r\n")
    w.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    w.writerow(["Josélito", "Gómez", IN + "jos%C3%A9lito-g%C3%B3mez-3c4d", "", "Acme", "Engineer", "01 Sep 2026"])


def notification(sender, profile_link, invitation_id, when):
    """A 2025-style "wants to connect" card, as LinkedIn sends it: HTML, the inviter's profile link first."""
    m = EmailMessage()
    m["From"] = f"{sender} <invitations@linkedin.com>"
    m["To"] = f"{OWNER} <dana@example.org>"
    m["Subject"] = "I want to connect"
    m["Date"] = format_datetime(when)
    m["Message-ID"] = f"<{invitation_id}@example.linkedin.com>"
    accept = f"https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/{invitation_id}/sharedKey/Vb/"
    m.set_content(f"""<html><body><table><tr><td>
<a href="{profile_link}">{sender}</a><p>Engineer at Acme</p>
<p>{sender} wants to connect with you</p>
<p>We met at the Valencia meetup, let us keep in touch.</p>
<a href="{accept}">Accept</a></td></tr></table>
<p>You are receiving Invitation emails.</p></body></html>""", subtype="html", charset="utf-8")
    return bytes(m)


mail = os.path.join(work, "mail")
os.makedirs(mail)
later = datetime(2026, 11, 10, 15, 0, tzinfo=timezone.utc)
letters = {
    # José invites again after the export: a new invitation, his link percent-encoded.
    "jose.eml": notification("José Pérez", "https://www.linkedin.com/comm/in/jos%C3%A9-p%C3%A9rez-1a2b?midToken=AQ",
                             "7302333597795730919", later),
    # And again, his link raw UTF-8 (as a text body or a decoded href gives it).
    "jose-raw.eml": notification("José Pérez", "https://www.linkedin.com/comm/in/josé-pérez-1a2b/",
                                 "7302333597795730921", later.replace(day=12)),
    # Josélito's link raw UTF-8.
    "joselito.eml": notification("Josélito Gómez", "https://www.linkedin.com/comm/in/josélito-gómez-3c4d?trk=x",
                                 "7302333597795730920", later.replace(hour=16)),
}
for name, raw in letters.items():
    with open(os.path.join(mail, name), "wb") as fh:
        fh.write(raw)


def people(db):
    """{slug: [(person id, name)]} of the people stored with a slug."""
    out = {}
    for line in sqlite(db, "SELECT slug, id, name FROM people WHERE slug IS NOT NULL").splitlines():
        slug, pid, name = line.split("|")
        out.setdefault(slug, []).append((int(pid), name))
    return out


def senders(db):
    """{(sender's name, sent at): person id} of the incoming invitations."""
    rows = sqlite(db, "SELECT from_name, sent_at, from_person FROM invitations WHERE direction = 'incoming'")
    return {(n, int(t)): int(p) for n, t, p in (line.split("|") for line in rows.splitlines())}


def connection_person(db, first_name):
    return int(sqlite(db, f"SELECT person FROM connections WHERE first_name = '{first_name}'").strip())


for order in ("export first", "mail first"):
    db = os.path.join(work, order.replace(" ", "-") + ".db")
    steps = [export, mail] if order == "export first" else [mail, export]
    for path in steps:
        motivo("import", "--quiet", path, db=db)
    found = people(db)
    check(JOSE in found and JOSELITO in found, f"{order}: both accented slugs stored whole ({sorted(found)})")
    check("jos" not in found, f"{order}: no slug cut at the first accent")
    check(all(len(v) == 1 for v in found.values()), f"{order}: one person per slug")
    jose, joselito = found.get(JOSE, [(0, "")])[0][0], found.get(JOSELITO, [(-1, "")])[0][0]
    check(jose != joselito, f"{order}: José Pérez and Josélito Gómez are two people")
    by_sender = senders(db)
    jose_invitations = {t: p for (n, t), p in by_sender.items() if n == "José Pérez"}
    check(len(jose_invitations) == 3, f"{order}: José's three invitations, the export's and the mail's ({by_sender})")
    check(set(jose_invitations.values()) == {jose}, f"{order}: the mail's José Pérez is the export's")
    check({p for (n, _), p in by_sender.items() if n == "Josélito Gómez"} == {joselito},
          f"{order}: the mail's Josélito Gómez is the export's connection")
    check(connection_person(db, "Josélito") == joselito, f"{order}: and that connection is him")
    names = {}
    for (n, _), p in by_sender.items():
        names.setdefault(p, set()).add(n)
    check(all(len(v) == 1 for v in names.values()), f"{order}: no person is sent invitations under two names ({names})")
    urls = sqlite(db, "SELECT from_url FROM invitations WHERE from_name = 'Josélito Gómez'").strip()
    check(urls == IN + JOSELITO, f"{order}: the mail's profile link kept whole ({urls})")

check.exit()
