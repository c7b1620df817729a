#!/usr/bin/env python3
"""Issue 24: `motivo sync` from LinkedIn's Member Data Portability API, end to end against a local fake of it.

tests/data/linkedin_api/member.json is served by fake_linkedin.py in the API's shapes and also written as the
matching export. A sync into an empty database gives the same status and report as importing that export; a
second sync reads the changelog, and its new message (a reply after `motivo ask`) turns the inviter into
replied / accept; the next export, imported afterwards, adds nothing. Then what a user can act on: 401, 403, 429
with Retry-After, a snapshot not ready (retried under --watch), a missing field, paging that changes, a huge
answer, plain HTTP to another host, the token file's mode; nothing stored half, the token never printed.
Usage: sync.py MOTIVO SOURCE_DIR
"""
import copy
import csv
import io
import json
import os
import signal
import sys
import zipfile

from checks import Checks, Motivo, wait_until, workdir
from fake_linkedin import TOKEN, FakeLinkedIn, message_event, other_event

source = sys.argv[2]
with open(os.path.join(source, "tests", "data", "linkedin_api", "member.json"), encoding="utf-8") as f:
    member = json.load(f)
new = member["new_message"]
new["created_at_ms"] = 1795253400000  # 2026-11-21T09:30:00Z
check = Checks()
work = workdir("sync")
token_file = os.path.join(work, "linkedin.token")
with open(token_file, "w") as f:
    f.write(TOKEN + "\n")
os.chmod(token_file, 0o600)
FIRST = "2026-11-20T18:00:00Z"
motivo = Motivo(sys.argv[1], work, now=FIRST, MOTIVO_LINKEDIN_TOKEN=None)
fake = FakeLinkedIn(member)


def csv_text(header, rows, preamble=""):
    out = io.StringIO()
    out.write(preamble)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(h, "") for h in header])
    return out.getvalue()


def write_export(path, data):
    """The export holding the same rows as `data` (member.json's domains)."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("Invitations.csv", csv_text(["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                                                "inviteeProfileUrl"], data["INVITATIONS"]))
        z.writestr("Connections.csv", csv_text(["First Name", "Last Name", "URL", "Email Address", "Company",
                                                "Position", "Connected On"], data["CONNECTIONS"],
                                               "Notes:\n\"When exporting your connection data, you may notice that "
                                               "some of the email addresses are missing.\"\n\n"))
        z.writestr("messages.csv", csv_text(["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL",
                                             "TO", "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
                                             "ATTACHMENTS"], data["INBOX"]))
        z.writestr("Profile.csv", csv_text(list(data["PROFILE"][0]), data["PROFILE"]))
    return path


def sync(db, *extra, check_exit=True, env=None, now=None):
    args = ["sync", "--token-file", token_file, "--api-base", fake.url, *extra]
    changes = dict(env or {})
    if now:
        changes["MOTIVO_NOW"] = now
    return motivo(*args, db=db, check=check_exit, env=changes)


def status(db):
    s = motivo.json("status", "--json", db=db)
    for k in ("database", "last_import"):
        s.pop(k, None)
    return s


def no_token_in(p):
    return TOKEN not in p.stdout and TOKEN not in p.stderr


# 1. The first sync takes a snapshot; importing the same rows as an export gives the same status and report.
synced = os.path.join(work, "synced.db")
p = sync(synced)
check("snapshot" in p.stdout and "first sync" in p.stdout, "the first sync takes a snapshot, saying why")
check(no_token_in(p), "the token is never printed")
check(all(h.get("Authorization") == f"Bearer {TOKEN}" and h.get("LinkedIn-Version") == "202312"
          for _, h in fake.requests), "every request has the token and the LinkedIn-Version header")
for domain, pages in (("PROFILE", 1), ("INVITATIONS", 3), ("CONNECTIONS", 2), ("INBOX", 3)):
    asked = [x for x in fake.paths("/rest/memberSnapshotData") if f"domain={domain}" in x]
    check(len(asked) == pages, f"{domain}: {pages} pages followed by their rel=next links ({len(asked)})")
imported = os.path.join(work, "imported.db")
export1 = write_export(os.path.join(work, "export.zip"), member)
motivo("import", "--quiet", export1, db=imported)
check(status(synced) == status(imported), "status --json: a sync gives what importing the matching export gives")
check(status(synced)["connections"] == 5 and status(synced)["messages"] == 5, "5 connections, 5 messages stored")
check(status(synced)["imports"] == 1, "one snapshot, one import")
rep_sync = motivo("report", db=synced).stdout
rep_import = motivo("report", db=imported).stdout
check(rep_sync == rep_import, "the report: the same from a sync and from the export")
check(motivo("report", "--json", db=synced).stdout == motivo("report", "--json", db=imported).stdout,
      "report --json: the same")
p = motivo("import", "--json", export1, db=synced)
files = json.loads(p.stdout)["files"]
check(all(f["new"] == 0 and f["known"] == f["rows"] for f in files if f["kind"] != "skipped"), "importing the export after the sync adds nothing")

# 2. A second sync reads the changelog: the reply to an ask turns the inviter into replied / accept.
marc = [i for i in motivo.json("invitations", "--json", db=synced) if i["from"] == "Marc Vidal"][0]
check(marc["state"] == "pending", f"Marc Vidal's invitation is pending ({marc['state']})")
motivo("ask", f"i{marc['id']}", db=synced, env={"MOTIVO_NOW": "2026-11-20T19:00:00Z"})
fake.events = [other_event(member, 1795250000000),
               message_event(member, new, 1795250500000, thread="urn:li:messagingThread:2-Tm90U3RvcmVk"),
               message_event(member, new, 1795251000000, thread="urn:li:messagingThread:2-R3JvdXA="),
               message_event(member, new, 1795253401000)]
fake.requests.clear()
p = sync(synced, now="2026-11-21T12:00:00Z")
changelog = fake.paths("/rest/memberChangeLogs")
check(len(changelog) == 1 and "q=memberAndApplication" in changelog[0] and "startTime=" in changelog[0],
      f"the second sync reads memberChangeLogs since the snapshot ({changelog})")
check(not fake.paths("/rest/memberSnapshotData"), "and takes no snapshot")
check("4 changelog events" in p.stdout and "3 messages written, 1 new" in p.stdout, f"it says what it read: {p.stdout!r}")
check("1 message in a conversation not stored yet" in p.stdout and "1 message in a group conversation" in p.stdout,
      "a message of an unknown conversation and one of a group conversation are counted, not stored")
marc = [i for i in motivo.json("invitations", "--json", db=synced, env={"MOTIVO_NOW": "2026-11-21T12:00:00Z"})
        if i["from"] == "Marc Vidal"][0]
check(marc["state"] == "replied" and marc["suggestion"] == "accept",
      f"the reply the same day: replied, accept ({marc['state']}, {marc['suggestion']})")
fake.requests.clear()
p = sync(synced, now="2026-11-21T13:00:00Z")
check(f"startTime={1795253401000}" in fake.paths("/rest/memberChangeLogs")[0],
      "the next round starts at the latest processedAt")
check("1 message written, 0 new" in p.stdout, f"the message read again is stored once ({p.stdout!r})")
later = copy.deepcopy(member)
later["INBOX"].append(new["row"])
p = motivo("import", "--json", write_export(os.path.join(work, "export2.zip"), later), db=synced)
added = {f["file"]: f["new"] for f in json.loads(p.stdout)["files"] if f["kind"] != "skipped"}
check(all(v == 0 for v in added.values()), f"the next export, imported afterwards, adds nothing ({added})")

# 3. More than 28 days after the last sync the changelog no longer covers the gap: a snapshot again.
fake.requests.clear()
p = sync(synced, "--json", now="2026-12-25T12:00:00Z")
j = json.loads(p.stdout)
check(j["snapshot"] and "28 days" in j["why"] and fake.paths("/rest/memberSnapshotData"),
      f"after more than 28 days: a snapshot (--json: {j['why']})")
check(all(f["new"] == 0 for f in j["stored"]["files"] if f["kind"] != "skipped"), "which adds nothing new")


def refused(db, expect, what, *extra, env=None):
    """The sync fails saying `expect`, stores nothing, and never prints the token."""
    p = sync(db, *extra, check_exit=False, env=env)
    ok = p.returncode == 1 and expect in p.stderr and no_token_in(p)
    check(ok, f"{what}: exit 1, '{expect}' ({p.returncode}: {p.stderr.strip()[:300]})")
    if os.path.exists(db):
        check(motivo.json("status", "--json", db=db)["imports"] == 0, f"{what}: nothing stored")
    return p


# 4. Errors the user can act on.
fresh = lambda name: os.path.join(work, name + ".db")  # noqa: E731
bad = os.path.join(work, "bad.token")
with open(bad, "w") as f:
    f.write("AQX-revoked-token-123\n")
os.chmod(bad, 0o600)
p = motivo("sync", "--token-file", bad, "--api-base", fake.url, db=fresh("e401"), check=False)
check(p.returncode == 1 and "401" in p.stderr and "make a new one" in p.stderr and "AQX-revoked" not in p.stderr,
      f"401: how to make a new token, the token not shown ({p.stderr.strip()[:200]})")
fake.behaviour = {"forbidden": True}
refused(fresh("e403"), "EU, the EEA and Switzerland", "403")
fake.behaviour = {"not_ready": 1}
refused(fresh("notready"), "has not prepared your data yet", "a snapshot not ready")
fake.behaviour = {"rate_limited": {("/rest/memberSnapshotData", "INVITATIONS", "3"): 1}, "retry_after": 1}
fake.requests.clear()
p = sync(fresh("e429"))
again = [x for x in fake.paths("/rest/memberSnapshotData") if "INVITATIONS" in x and "start=3" in x]
check(len(again) == 2 and motivo.json("status", "--json", db=fresh("e429"))["imports"] == 1,
      "429 with Retry-After: 1: waited, asked again, stored")
fake.behaviour = {"rate_limited": {("/rest/memberSnapshotData", "PROFILE", "0"): 1}, "retry_after": 86400}
refused(fresh("e429long"), "asks to wait 86400 s", "429 asking for a day")
fake.behaviour = {"missing": ("CONNECTIONS", 2, "Connected On")}
refused(fresh("missing"), "'Connected On'", "a row without a required field")
p = refused(fresh("missing2"), "linkedin CONNECTIONS page 2", "the error names the domain and page")
fake.behaviour = {"loop": "INVITATIONS"}
refused(fresh("loop"), "already read", "a next link back to a page read")
fake.behaviour = {"foreign": "CONNECTIONS"}
refused(fresh("foreign"), "another address", "a next link to another host")
check(not any("attacker" in x for x in fake.paths("")), "the token goes to no other host")
fake.behaviour = {"huge": "INBOX"}
refused(fresh("huge"), "larger than", "a 17 MiB answer is refused")
fake.behaviour = {}

# 5. The token and the address.
os.chmod(token_file, 0o644)
refused(fresh("mode"), "chmod 600", "a token file others may read")
os.chmod(token_file, 0o600)
p = motivo("sync", "--api-base", fake.url, db=fresh("env"), env={"MOTIVO_LINKEDIN_TOKEN": TOKEN})
check(p.returncode == 0 and no_token_in(p), "the token from MOTIVO_LINKEDIN_TOKEN")
p = motivo("sync", "--api-base", fake.url, db=fresh("none"), check=False)
check(p.returncode == 1 and "MOTIVO_LINKEDIN_TOKEN" in p.stderr, "no token: says where to put one")
p = motivo("sync", "--token-file", token_file, "--api-base", "http://192.0.2.1:9", db=fresh("plain"), check=False)
check(p.returncode == 1 and "not a loopback address" in p.stderr and no_token_in(p),
      f"http:// to another host is refused before connecting ({p.stderr.strip()[:160]})")
p = motivo("sync", "--token-file", token_file, "--api-base", fake.url.replace("http://", "https://"),
           db=fresh("tls"), check=False)
check(p.returncode == 1 and no_token_in(p), f"https:// to a plain server fails, token not shown ({p.stderr.strip()[:120]})")
with open(synced, "rb") as f:
    check(TOKEN.encode() not in f.read(), "the token is not stored in the database")

# 6. --watch: a snapshot not ready yet is retried at the next round.
fake.behaviour = {"not_ready": 1}
db = fresh("watch")
proc = motivo.start("sync", "--token-file", token_file, "--api-base", fake.url, "--watch", "1s", db=db,
                    stderr=-1, stdout=-1)
stored = wait_until(lambda: os.path.exists(db) and motivo.json("status", "--json", db=db)["imports"] == 1, 30)
proc.send_signal(signal.SIGTERM)
out, err = proc.communicate(timeout=30)
check(stored and "not prepared your data yet" in err.decode() and "trying again" in err.decode(),
      "--watch: not ready, said, then synced at the next round")
fake.close()
check.exit()
