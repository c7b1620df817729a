#!/usr/bin/env python3
"""Acceptance unknown (issue 19, item 2): an export without Connections.csv cannot tell who accepted. The report
(terminal, JSON, CSV, HTML) and `status` say so — JSON null, never 0 —, messages that read as conversation after
accepting ("Thanks for connecting…") are no ask, and nobody who probably is a connection is suggested an ask.
Then a later export with Connections.csv makes acceptance known again. Last, the 2026 real exports without
Connections.csv (skipped, saying why, when ../shared is absent).
Usage: acceptance.py MOTIVO_BINARY EXPORTS_ROOT"""
import csv
import json
import os
import sys

from checks import Checks, Motivo, workdir

check = Checks()
work = workdir("acceptance")
motivo = Motivo(sys.argv[1], work, db=os.path.join(work, "m.db"), now="2026-03-20T12:00:00Z")
root = sys.argv[2]

OWNER, OWNER_URL = "Lucía Gómez", "https://www.linkedin.com/in/lucia-gomez"
STOCK = "I'd like to add you to my professional network on LinkedIn."
url = lambda name: "https://www.linkedin.com/in/" + name.lower().replace(" ", "-")


def write_export(folder, connections=None):
    """`connections`: {name: "DD Mon YYYY"} for a Connections.csv; None for none."""
    os.makedirs(folder)
    with open(os.path.join(folder, "Invitations.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"])
        for day, name in enumerate(["Ana Sol", "Bo Li", "Cai Wu", "Dan Ro"], start=1):
            w.writerow([name, OWNER, f"3/{day}/26, 9:00 AM", STOCK, "INCOMING", url(name), OWNER_URL])
        for day, name in enumerate(["Eva Paz", "Fer Gil"], start=1):
            w.writerow([OWNER, name, f"3/{day}/26, 10:00 AM", "", "OUTGOING", OWNER_URL, url(name)])
    with open(os.path.join(folder, "messages.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"])
        mine = lambda cid, to, date, text: w.writerow([cid, "", OWNER, OWNER_URL, to, url(to), date, "", text, "INBOX"])
        theirs = lambda cid, who, date, text: w.writerow([cid, "", who, url(who), OWNER, OWNER_URL, date, "", text,
                                                          "INBOX"])
        # Ana: you thank her for connecting, she answers: conversation after accepting, no ask.
        mine("a", "Ana Sol", "2026-03-01 18:00:00 UTC", "Thanks for connecting, Ana! How is the new job going?")
        theirs("a", "Ana Sol", "2026-03-01 19:00:00 UTC", "Great, thanks!")
        # Bo: you ask why; he answers. An ask.
        mine("b", "Bo Li", "2026-03-02 18:00:00 UTC", "Hi Bo, why would you like to connect?")
        theirs("b", "Bo Li", "2026-03-03 08:00:00 UTC", "We met at the Valencia meetup")
        # Dan thanks you for accepting; your answer is conversation, no ask.
        theirs("d", "Dan Ro", "2026-03-04 18:00:00 UTC", "Thanks for accepting my invitation!")
        mine("d", "Dan Ro", "2026-03-04 19:00:00 UTC", "Sure, what are you working on?")
        # Cai: nothing.
    if connections is not None:
        with open(os.path.join(folder, "Connections.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
            for name, day in connections.items():
                first, last = name.split(" ", 1)
                w.writerow([first, last, url(name), "", "", "", day])


write_export(os.path.join(work, "no-connections"))
motivo("import", "--quiet", os.path.join(work, "no-connections"))

status = motivo("status").stdout
check("acceptance   unknown: no export with Connections.csv imported" in status, f"status says acceptance is unknown: {status}")
check(motivo.json("status", "--json")["acceptance_known"] is False, "status --json: acceptance_known false")

report = motivo.json("report", "--json")
incoming, outgoing = report["incoming"], report["outgoing"]
check(incoming["accepted"] is None and incoming["pending"] is None, f"report --json: accepted and pending null ({incoming})")
check(incoming["received"] == 4 and incoming["declined"] == 0, "report --json: the counts that are known stay")
check(incoming["asked"] == 1 and incoming["replied"] == 1, f"only the real question is an ask ({incoming['asked']} asked)")
check(outgoing["sent"] == 2 and outgoing["accepted"] is None and outgoing["acceptance_rate"] is None
      and outgoing["acceptance_rate_n"] is None and outgoing["acceptance_with_note_interval"] is None
      and outgoing["notes_make_a_difference"] is None,
      f"report --json: outgoing acceptance null ({outgoing})")
series = motivo.json("report", "--json", "--by", "month")["series"]
check(all(p["accepted"] is None and p["outgoing_accepted"] is None for p in series), "report --by month --json: null")

ENGLISH = {"LANG": "en_GB.UTF-8"}  # the report's language follows LANG
text = motivo("report", env=ENGLISH).stdout
lines = {l.split()[0]: l for l in text.splitlines() if l.strip()}
check("Acceptance unknown: no imported export lists your connections (Connections.csv)" in text,
      "the report says acceptance is unknown")
check(lines["accepted"].split()[-1] == "unknown" and lines["pending"].split()[-1] == "unknown",
      f"the report's accepted and pending read 'unknown': {lines['accepted']!r}, {lines['pending']!r}")
check("which of your invitations were accepted is unknown" in text, "no verdict on notes without acceptance")

rows = list(csv.DictReader(motivo("report", "--csv").stdout.splitlines()))
check(rows[0]["accepted"] == "" and rows[0]["pending"] == "" and rows[0]["outgoing_accepted"] == ""
      and rows[0]["asked"] == "1", f"report --csv: empty fields, not 0 ({rows[0]})")

html_path = os.path.join(work, "r.html")
motivo("report", "--html", html_path, env=ENGLISH)
html = open(html_path, encoding="utf-8").read()
check("Acceptance unknown" in html and "nothing to compare" in html, "report --html says acceptance is unknown")

by_name = {i["from"]: i for i in motivo.json("invitations", "--incoming", "--json")}
probably = lambda i: i["suggestion"] == "accept" and "probably connected" in i["suggestion_reason"]
check(probably(by_name["Ana Sol"]) and not by_name["Ana Sol"]["asked"] and by_name["Ana Sol"]["state"] == "pending",
      f"thanked for connecting: no ask, probably connected ({by_name['Ana Sol']})")
check(probably(by_name["Dan Ro"]) and not by_name["Dan Ro"]["asked"],
      f"they thanked you for accepting: no ask, probably connected ({by_name['Dan Ro']})")
to_ask = sorted(i["from"] for i in motivo.json("invitations", "--suggestion", "ask", "--json"))
check(to_ask == ["Cai Wu"], f"the queue suggests asking only Cai ({to_ask})")
check(by_name["Bo Li"]["state"] == "replied" and by_name["Bo Li"]["suggestion"] == "accept", "Bo replied to the ask")
check(by_name["Cai Wu"]["suggestion"] == "ask", "Cai, with nothing said, is still suggested an ask")

# A later export that lists the connections (Ana and Dan): acceptance is known again, and counted.
write_export(os.path.join(work, "with-connections"), connections={"Ana Sol": "01 Mar 2026", "Dan Ro": "04 Mar 2026",
                                                                        "Eva Paz": "02 Mar 2026"})
motivo("import", "--quiet", os.path.join(work, "with-connections"))
check("acceptance   unknown" not in motivo("status").stdout, "status: acceptance known after Connections.csv")
report = motivo.json("report", "--json")
check(report["incoming"]["accepted"] == 2 and report["incoming"]["pending"] == 2,
      f"with Connections.csv: 2 accepted, 2 pending ({report['incoming']})")
check(report["outgoing"]["accepted"] == 1 and report["outgoing"]["acceptance_rate"] == 0.5,
      f"with Connections.csv: outgoing 1 of 2 accepted ({report['outgoing']})")

# The real exports without Connections.csv.
if not os.path.isdir(root):
    print(f"skipped: the real exports (none at {root})")
    check.exit()
motivo = Motivo(sys.argv[1], work, now="2026-11-20T12:00:00Z")  # after the real exports were made
for name in ("2026-02_ieglam", "2026-04_jrl319"):
    folder = os.path.join(root, name)
    if not os.path.isdir(folder):
        print(f"skipped: {name} (not in {root})")
        continue
    if os.path.exists(os.path.join(folder, "Connections.csv")):
        print(f"skipped: {name} has a Connections.csv now")
        continue
    db = os.path.join(work, name + ".db")
    motivo("import", "--quiet", folder, db=db)
    r = motivo.json("report", "--json", db=db)
    check(r["incoming"]["accepted"] is None and r["incoming"]["pending"] is None
          and r["outgoing"]["accepted"] is None, f"{name}: acceptance null in the report")
    check("acceptance   unknown" in motivo("status", db=db).stdout, f"{name}: status says acceptance is unknown")
    invitations = motivo.json("invitations", "--incoming", "--json", db=db)
    thanked = [i for i in invitations if "probably connected" in i["suggestion_reason"]]
    print(f"     {name}: asked {r['incoming']['asked']}, replied {r['incoming']['replied']}, "
          f"probably connected {len(thanked)} of {len(invitations)}")
    if name == "2026-04_jrl319":
        # 16 "asks" before, every one an answer to someone who had written first; those that read as after
        # accepting ("great to connect", "thanks for connecting") are conversation now.
        check(r["incoming"]["asked"] <= 6, f"{name}: thanks for connecting is no ask ({r['incoming']['asked']} asked)")
        check(len(thanked) >= 10, f"{name}: the probably connected are not suggested an ask ({len(thanked)})")
check.exit()
