#!/usr/bin/env python3
"""Issue 21: the protocol's loop closed by a day of LinkedIn's mail, end to end with the real binary.

The demo export; `ask` three impersonal inviters; the following days' notification mail (replies from two of
them, an acceptance of one of the owner's own invitations, a sponsored message, a chat from a connection) →
the two who answered are `replied` → `accept`, the third waits and, past the deadline, is `no_reply` → `decline`,
the owner's invitation is `accepted`; then a newer export holding the same messages and connection, and the mail
again: nothing is counted twice (`status --json`, `invitations --json`). Then the same mail into a database
without the export's messages, imported before the export, and bad mail: a warning, never a reply.
Usage: mail_day.py MOTIVO SOURCE_DIR
"""
import csv
import json
import os
import shutil
import sys
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

from checks import Checks, Motivo, gen_export, sqlite, workdir

source = sys.argv[2]
check = Checks()
work = workdir("mail-day")
db = os.path.join(work, "day.db")
ASKED = "2026-11-20T12:00:00Z"


def motivo_at(now):
    return Motivo(sys.argv[1], work, db=db, now=now)


def utc(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def incoming(m, name):
    return next(i for i in m.json("invitations", "--json") if i["direction"] == "incoming" and i["from"] == name)


def outgoing(m, name):
    return next(i for i in m.json("invitations", "--json") if i["direction"] == "outgoing" and i["to"] == name)


def thread_link(thread):
    return ("https://www.linkedin.com/comm/messaging/thread/" + thread.replace("=", "%3D") +
            "/?midToken=AQEinvented&trk=eml-email_message_single_01-view_message_button")


def message_mail(sender, slug, thread, text, at, html_only=False, spanish=True):
    """A member's message as LinkedIn mails it: the sender's card, the text, the reply link (2023-2025 layout)."""
    mail = EmailMessage()
    mail["From"] = f"{sender} a través de LinkedIn <messages-noreply@linkedin.com>"
    mail["To"] = "Lucía Fernández Ortega <lucia@example.org>"
    mail["Subject"] = f"{sender} te ha enviado un mensaje" if spanish else f"{sender} sent you a new message"
    mail["Date"] = format_datetime(at)
    mail["Message-ID"] = f"<{abs(hash((sender, at.isoformat())))}@ltx1-app.prod.linkedin.com>"
    profile = f"https://www.linkedin.com/comm/in/{slug}?midToken=AQEinvented"
    body = (f"{sender}\nConsultora en Ejemplo\n\n{text}\n\nVer mensaje: {thread_link(thread)}\n\n"
            "Este mensaje se ha enviado a Lucía Fernández Ortega\n")
    html = (f'<html><body><table><tr><td><a href="{profile}">{sender}</a></td></tr><tr><td>Consultora en Ejemplo'
            f'</td></tr><tr><td><p>{text}</p></td></tr><tr><td><a href="{thread_link(thread)}">Responder</a>'
            "</td></tr></table><p>Este mensaje se ha enviado a Lucía Fernández Ortega</p></body></html>")
    if html_only:
        mail.set_content(html, subtype="html")
    else:
        mail.set_content(body)
        mail.add_alternative(html, subtype="html")
    return mail


def acceptance_mail(person, slug, at):
    mail = EmailMessage()
    mail["From"] = f"{person} a través de LinkedIn <invitations@linkedin.com>"
    mail["To"] = "Lucía Fernández Ortega <lucia@example.org>"
    mail["Subject"] = f"{person.split()[0]} ha aceptado tu invitación"
    mail["Date"] = format_datetime(at)
    mail["Message-ID"] = f"<accept-{slug}@ltx1-app.prod.linkedin.com>"
    mail.set_content(f"{person.split()[0]} ha aceptado tu invitación. Empieza una conversación.\n\n{person}\n"
                     f"Ver perfil: https://www.linkedin.com/comm/in/{slug}?midToken=AQEinvented\n")
    return mail


def sponsored_mail(at):
    mail = EmailMessage()
    mail["From"] = "Banco Ejemplo a través de LinkedIn <inmail-hit-reply@linkedin.com>"
    mail["To"] = "Lucía Fernández Ortega <lucia@example.org>"
    mail["Subject"] = "Lucía, una oferta de Banco Ejemplo"
    mail["Date"] = format_datetime(at)
    mail["Message-ID"] = "<sponsored-1@ltx1-app.prod.linkedin.com>"
    mail.set_content("Banco Ejemplo\nPatrocinado\n\nAbre tu cuenta con un 4 % TAE.\n\n"
                     f"Ver mensaje: {thread_link('2-U3BvbnNvcg==')}\n")
    return mail


def write_mail(folder, mails):
    os.makedirs(folder, exist_ok=True)
    for n, mail in enumerate(mails):
        with open(os.path.join(folder, f"{n:02d}.eml"), "wb") as fh:
            fh.write(bytes(mail))
    return folder


# The demo export, and three of the impersonal inviters asked why (the policy suggests `ask` for them).
demo = gen_export(source, os.path.join(work, "demo"))
m = motivo_at(ASKED)
m("import", "--quiet", demo)
to_ask = [i for i in m.json("invitations", "--json") if i["direction"] == "incoming" and i["suggestion"] == "ask"]
check(len(to_ask) >= 3, f"the demo has inviters to ask ({len(to_ask)})")
carmen, raul, third = (i["from"] for i in to_ask[:3])
for name in (carmen, raul, third):
    m("ask", str(incoming(m, name)["id"]))
check(all(incoming(m, n)["state"] == "asked" for n in (carmen, raul, third)), "three asked")
pending_out = [i for i in m.json("invitations", "--json") if i["direction"] == "outgoing" and i["state"] == "pending"]
invitee = pending_out[0]
invitee_slug = invitee["to_url"].rsplit("/in/", 1)[1]
before = m.json("status", "--json")

# The next two days' mail.
people = {i["from"]: i for i in m.json("invitations", "--json") if i["direction"] == "incoming"}
slug = {n: people[n]["from_url"].rsplit("/in/", 1)[1] for n in (carmen, raul, third)}
threads = {carmen: "2-Q2FybWVuVGhyZWFkXzAxMw==", raul: "2-UmF1bFRocmVhZF8wMTM=",
           "Álvaro Molina": "2-QWx2YXJvVGhyZWFkXzAxMA=="}
at = {carmen: utc("2026-11-21T09:14:37Z"), raul: utc("2026-11-21T18:02:41Z"),
      "Álvaro Molina": utc("2026-11-21T20:30:05Z")}
texts = {carmen: "¡Hola, Lucía! Te invité porque organizo las jornadas de analítica de Valencia y me gustaría que participaras.",
         raul: "Thanks for asking: we met at the GA4 workshop in Bilbao and I would like to keep in touch.",
         "Álvaro Molina": "Lucía, ¿te viene bien el jueves para el café que comentamos?"}
mail_dir = write_mail(os.path.join(work, "mail"), [
    message_mail(carmen, slug[carmen], threads[carmen], texts[carmen][:60] + "…", at[carmen]),
    message_mail(raul, slug[raul], threads[raul], texts[raul], at[raul], html_only=True, spanish=False),
    acceptance_mail(invitee["to"], invitee_slug, utc("2026-11-21T11:00:00Z")),
    sponsored_mail(utc("2026-11-21T12:00:00Z")),
    message_mail("Álvaro Molina", "alvaro-molina-48b53c16b", threads["Álvaro Molina"], texts["Álvaro Molina"],
                 at["Álvaro Molina"]),
])
m = motivo_at("2026-11-22T12:00:00Z")
report = m.json("import", "--json", mail_dir)["mail"]
check(report["chats"] == {"read": 3, "new": 3, "known": 0, "matched": 0}, f"three members' messages stored ({report['chats']})")
check(report["acceptances"]["invitations_accepted"] == 1, f"one of your invitations accepted ({report['acceptances']})")
check(report["skipped"].get("a sponsored message, not from a person") == 1, "the sponsored message changes nothing")
check(report["invitations"] == 0 and not report["warnings"], "no invitation, no warning")
for name in (carmen, raul):
    i = incoming(m, name)
    check(i["replied"] and i["state"] == "replied" and i["suggestion"] == "accept",
          f"{name} answered: replied → accept ({i['state']}, {i['suggestion']})")
    check(i["replied_at"] == at[name].strftime("%Y-%m-%dT%H:%M:%SZ"), f"{name}: replied at the mail's Date")
i = incoming(m, third)
check(not i["replied"] and i["state"] == "asked" and i["suggestion"] == "wait", f"{third} is still awaited ({i['state']})")
o = outgoing(m, invitee["to"])
check(o["state"] == "accepted" and o["outcome_at"] == "2026-11-21T11:00:00Z",
      f"your invitation to {invitee['to']} is accepted at the mail's time ({o['state']}, {o['outcome_at']})")
after_mail = m.json("status", "--json")
check(after_mail["messages"] == before["messages"] + 3, f"3 messages more ({before['messages']} → {after_mail['messages']})")
check(after_mail["connections"] == before["connections"] + 1, "the invitee is a connection")
check(after_mail["invitations"] == before["invitations"], "no invitation added")
late = motivo_at("2026-11-28T12:00:01Z")
i = incoming(late, third)
check(i["state"] == "no_reply" and i["suggestion"] == "decline", f"past the deadline, {third}: no_reply → decline")
check(incoming(late, carmen)["suggestion"] == "accept", "while the two who answered stay accept")
shapes = {name: sorted(incoming(m, name)) for name in (carmen, third)}
check(shapes[carmen] == shapes[third], "invitations --json keeps one shape")

# A newer export holding the same messages (the export's own texts, its times cut to the second or the minute),
# the owner's asks, and the invitee among the connections (gone from Invitations.csv).
newer = os.path.join(work, "newer")
shutil.copytree(demo, newer)
owner = "Lucía Fernández Ortega"
owner_url = "https://www.linkedin.com/in/luciafernandezortega"
rows = []
for n, name in enumerate((carmen, raul, third)):
    rows.append([f"2-QXNrVGhyZWFkXzAx{n}==" if name == third else threads[name], "", owner, owner_url, name,
                 people[name]["from_url"], f"2026-11-20 12:0{n}:10 UTC", "", "¿Por qué quieres conectar?", "INBOX", "No", "No"])
rows.append([threads[carmen], "", carmen, people[carmen]["from_url"], owner, owner_url,
             (at[carmen] - timedelta(seconds=20)).strftime("%Y-%m-%d %H:%M:%S UTC"), "", texts[carmen], "INBOX", "No", "No"])
rows.append([threads[raul], "", raul, people[raul]["from_url"], owner, owner_url,
             at[raul].strftime("%Y-%m-%d %H:%M:00 UTC"), "", texts[raul], "INBOX", "No", "No"])
rows.append([threads["Álvaro Molina"], "", "Álvaro Molina", "https://www.linkedin.com/in/alvaro-molina-48b53c16b",
             owner, owner_url, at["Álvaro Molina"].strftime("%Y-%m-%d %H:%M:%S UTC"), "", texts["Álvaro Molina"],
             "INBOX", "No", "No"])
with open(os.path.join(newer, "messages.csv"), "a", newline="", encoding="utf-8") as fh:
    fh.write("\n")
    csv.writer(fh, lineterminator="\n").writerows(rows)
first, _, last = invitee["to"].partition(" ")
with open(os.path.join(newer, "Connections.csv"), "a", encoding="utf-8") as fh:
    fh.write(f"\n{first},{last},{invitee['to_url']},,Ejemplo,Analista,21 Nov 2026")
with open(os.path.join(newer, "Invitations.csv"), encoding="utf-8") as fh:
    lines = [line for line in fh if invitee["to_url"] not in line]
with open(os.path.join(newer, "Invitations.csv"), "w", encoding="utf-8") as fh:
    fh.writelines(lines)
m = motivo_at("2026-11-23T12:00:00Z")
m("import", "--quiet", newer)
after_export = m.json("status", "--json")
check(after_export["messages"] == before["messages"] + 6,
      f"the export adds the 3 asks only: the replies and the chat are the mail's ({after_export['messages']})")
check(after_export["connections"] == before["connections"] + 1, "and the invitee is one connection")
stored = sqlite(db, f"SELECT origin || '|' || content FROM messages WHERE from_name = '{carmen}'").strip()
check(stored == "export|" + texts[carmen], f"the export's text wins ({stored!r})")
for name in (carmen, raul):
    i = incoming(m, name)
    check(i["state"] == "replied" and i["suggestion"] == "accept", f"{name}: still replied → accept")
o = outgoing(m, invitee["to"])
check(o["state"] == "accepted", "the invitation stays accepted")
listed = m.json("invitations", "--json")

# The mail again: nothing new.
report = m.json("import", "--json", mail_dir)["mail"]
check(report["chats"]["new"] == 0 and report["chats"]["read"] == 3, f"the mail again: no message new ({report['chats']})")
check(report["acceptances"]["known"] == 1 and report["acceptances"]["invitations_accepted"] == 0,
      "the acceptance is known")
check(m.json("status", "--json")["messages"] == after_export["messages"], "still no message counted twice")
check(m.json("status", "--json")["connections"] == after_export["connections"], "nor a connection")
check(m.json("invitations", "--json") == listed, "invitations --json unchanged")

# Mail after the export, into a database that has it all: nothing new either.
db2 = os.path.join(work, "export-first.db")
m2 = Motivo(sys.argv[1], work, db=db2, now="2026-11-23T12:00:00Z")
m2("import", "--quiet", newer)
counted = m2.json("status", "--json")
report = m2.json("import", "--json", mail_dir)["mail"]
check(report["chats"]["matched"] == 3 and report["chats"]["new"] == 0, f"mail after the export: found in it ({report['chats']})")
check(m2.json("status", "--json")["messages"] == counted["messages"], "no message added")
check(m2.json("status", "--json")["connections"] == counted["connections"], "no connection added")

# A malformed message notification, and a forged one: warnings naming them; the third inviter stays silent.
bad_dir = os.path.join(work, "bad")
os.makedirs(bad_dir)
third_mail = message_mail(third, slug[third], "2-VGhpcmQ=", "Sí, claro.", utc("2026-11-24T10:00:00Z"))
raw = bytes(third_mail).replace(b"Content-Type: multipart/alternative;", b"This is not a header\nContent-Type: multipart/alternative;", 1)
raw = raw.replace(b'boundary="', b'boundary="x', 1)
with open(os.path.join(bad_dir, "broken.eml"), "wb") as fh:
    fh.write(raw)
third_mail.replace_header("Message-ID", "<forged@example.net>")
third_mail["Authentication-Results"] = "mx.example.org; dkim=fail header.d=linkedin.com; dmarc=fail header.from=linkedin.com"
with open(os.path.join(bad_dir, "forged.eml"), "wb") as fh:
    fh.write(bytes(third_mail))
m = motivo_at("2026-11-24T12:00:00Z")
p = m("import", bad_dir)
check("broken.eml" in p.stderr and "forged.eml" in p.stderr, f"warnings on stderr ({p.stderr.strip()})")
report = m.json("import", "--json", bad_dir)["mail"]
warned = {os.path.basename(w["where"]): w["reason"] for w in report["warnings"]}
check(set(warned) == {"broken.eml", "forged.eml"}, f"both warned about by name in --json ({warned})")
check(not incoming(m, third)["replied"], f"{third} has still not replied")

check.exit()
