#!/usr/bin/env python3
"""Issue 21, "Live": `motivo serve` notices what another process writes to its database (an import of a newer
export, a mail import, a `decide` from the command line) and GET /api/version says so with what arrived since the
version the page saw: new received invitations, replies (inviters who wrote), other messages, counted from the
store and within the caller's scope. Each change is waited for with a timeout, never a fixed sleep.
Usage: live.py MOTIVO_BINARY SOURCE_DIR"""
import csv
import json
import os
import sys
import urllib.parse

from checks import Checks, Motivo, wait_until, workdir

check = Checks()
work = workdir("live")
db = os.path.join(work, "m.db")
motivo = Motivo(sys.argv[1], work, db=db, now="2026-03-20T12:00:00Z")
fixtures = os.path.join(sys.argv[2], "tests", "data", "mail")

OWNER, OWNER_URL = "Dana Vidal", "https://www.linkedin.com/in/dana-vidal"
url = lambda name: "https://www.linkedin.com/in/" + name.lower().replace(" ", "-")


def write_export(folder, invitations, messages):
    """An export of Dana's: `invitations` [(from, day of March 2026)], `messages` [(conversation, from, to, date,
    text)]."""
    os.makedirs(folder)
    with open(os.path.join(folder, "Invitations.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"])
        for name, day in invitations:
            w.writerow([name, OWNER, f"3/{day}/26, 9:00 AM", "", "INCOMING", url(name), OWNER_URL])
    with open(os.path.join(folder, "messages.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"])
        for cid, sender, to, date, text in messages:
            w.writerow([cid, "", sender, url(sender), to, url(to), date, "", text, "INBOX"])
    return folder


FIRST = [("Ana Sol", 1), ("Bo Li", 2)]
ASK = [("a", OWNER, "Ana Sol", "2026-03-03 10:00:00 UTC", "Hi Ana, why would you like to connect?")]
# A newer download: Elena invited Dana; Ana answered the ask, Bo wrote twice, Carla (no invitation) wrote once.
SECOND_MESSAGES = ASK + [
    ("a", "Ana Sol", OWNER, "2026-03-11 08:00:00 UTC", "We met at the Valencia meetup"),
    ("b", "Bo Li", OWNER, "2026-03-12 08:00:00 UTC", "Hello Dana"),
    ("b", "Bo Li", OWNER, "2026-03-12 08:05:00 UTC", "Are you going to the conference?"),
    ("c", "Carla Mar", OWNER, "2026-03-12 09:00:00 UTC", "Lunch on Friday?"),
    ("c", OWNER, "Carla Mar", "2026-03-12 09:30:00 UTC", "Sure"),
]
motivo("import", "--quiet", write_export(os.path.join(work, "first"), FIRST, ASK))

with motivo.serve() as server:
    def version(since=None):
        path = "/api/version" + (f"?since={urllib.parse.quote(since)}" if since is not None else "")
        status, _, body = server.request(path)
        return status, json.loads(body)

    def changed_since(since, timeout=10):
        """The answer once the server reports a change since `since` (None after `timeout` seconds)."""
        return wait_until(lambda: (lambda a: a if a["changed"] else None)(version(since)[1]), timeout, interval=0.2)

    status, first = version()
    check(status == 200 and first["changed"] is False and first["new"] == {"invitations": 0, "replies": 0, "messages": 0},
          f"the first look: a version, nothing new ({first})")
    status, same = version(first["version"])
    check(same["changed"] is False and same["version"] == first["version"], f"nothing written: unchanged ({same})")

    # 1. Another process imports a newer export.
    motivo("import", "--quiet", write_export(os.path.join(work, "second"), FIRST + [("Elena Paz", 10)], SECOND_MESSAGES))
    after_import = changed_since(first["version"])
    check(after_import is not None, "the server notices the import another process made")
    check(after_import and after_import["new"] == {"invitations": 1, "replies": 2, "messages": 1},
          f"1 new invitation, 2 replies (Ana, Bo: once each), 1 other message (Carla's; Dana's own not counted) "
          f"({after_import})")
    v = after_import["version"]
    check(version(v)[1]["changed"] is False, "asked again with the new version: unchanged")
    elena = next(i for i in json.loads(server.request("/api/invitations")[2]) if i["from"] == "Elena Paz")

    # 2. A decision from the command line: a change, nothing new; the queue no longer holds it.
    motivo("decide", f"i{elena['id']}", "decline")
    after_decide = changed_since(v)
    check(after_decide and after_decide["new"] == {"invitations": 0, "replies": 0, "messages": 0},
          f"a decision from the command line: changed, nothing new ({after_decide})")
    queue = json.loads(server.request("/api/invitations?undecided=1")[2])
    check(all(i["id"] != elena["id"] for i in queue), "the queue the page loads again no longer holds it")
    v = after_decide["version"]

    # 3. Mail imported by another process: one new invitation.
    motivo("import", "--quiet", os.path.join(fixtures, "en-modern-wants-to-connect.eml"))
    after_mail = changed_since(v)
    check(after_mail and after_mail["new"] == {"invitations": 1, "replies": 0, "messages": 0},
          f"an invitation from mail ({after_mail})")

    # 4. Counted from the version given, however old: from the first one, everything since.
    _, since_first = version(first["version"])
    check(since_first["changed"] and since_first["new"] == {"invitations": 2, "replies": 2, "messages": 1},
          f"since the first version: both invitations, both replies, the message ({since_first})")

    # 5. A version from another server process (a restart while the page stayed open) is a change; the counts
    #    still come from the rows it names.
    other = "0123456789ab-" + after_mail["version"].split("-", 1)[1]
    _, restarted = version(other)
    check(restarted["changed"] and restarted["new"] == {"invitations": 0, "replies": 0, "messages": 0},
          f"another process's version: changed, nothing new ({restarted})")

    # 6. Malformed versions: 400, naming the parameter.
    for bad in ["", "x", "abc-1-2", "abc-1-2-3-4", "abc-1--2-3", "abc-x-1-2"]:
        status, body = version(bad)
        check(status == 400 and "since" in body.get("error", ""), f"since={bad!r}: 400 ({status} {body})")


# 7. Team mode: a member counts only their own invitations (Dana's imports are nobody's); asking needs a token.
token = motivo("users", "add", "ana").stdout.strip()
with motivo.serve() as server:
    since = urllib.parse.quote(first["version"])
    status, _, body = server.request(f"/api/version?since={since}", headers={"Authorization": f"Bearer {token}"})
    member = json.loads(body)
    check(status == 200 and member["changed"] and member["new"] == {"invitations": 0, "replies": 0, "messages": 0},
          f"a member's count leaves out others' invitations ({status} {member})")
    check(server.request("/api/version")[0] == 401, "with users, the version needs a token like every request")

check.exit()
