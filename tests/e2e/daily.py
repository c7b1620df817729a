#!/usr/bin/env python3
"""What the user saw themselves (issue 21): `motivo replied`, `decide --undo` of each kind (never undoing what an export
says), `show` and `show --json`, one decision on several invitations (ids; --suggestion with a confirmation on a
terminal, --yes, refused without either), triage opening on what needs an action (and its r and u keys); then the
same through the web API (reply, undo, decisions, one invitation whole).
Usage: daily.py MOTIVO_BINARY SOURCE_DIR"""
import json
import os
import sqlite3
import pty
import sys
import time

from checks import Checks, Motivo, gen_export, sqlite, workdir

src = sys.argv[2]
check = Checks()
work = workdir("daily")
db = os.path.join(work, "m.db")
NOW = "2026-11-20T18:00:00Z"
motivo = Motivo(sys.argv[1], work, db=db, now=NOW)
motivo("import", "--quiet", gen_export(src, os.path.join(work, "export")))


def invitations():
    return {x["id"]: x for x in motivo.json("invitations", "--incoming", "--json")}


def fails(p, status, words, what):
    return check(p.returncode == status and words in p.stderr, f"{what}: exit {p.returncode}, {p.stderr.strip()[:160]}")


start = invitations()
to_ask = [x for x in start.values() if x["suggestion"] == "ask"]
a, b, c = to_ask[0], to_ask[1], to_ask[2]
ia = f"i{a['id']}"

# --- replied -----------------------------------------------------------------------------------------------------
motivo("ask", ia)
p = motivo("replied", ia, "--at", "2026-11-20T18:00", "--text", "Te vi en la charla de GA4")
now = invitations()[a["id"]]
check(p.returncode == 0 and "reply recorded" in p.stdout, f"replied: {p.stdout.strip()}")
check(now["state"] == "replied" and now["replied"] and now["replied_at"] == "2026-11-20T18:00:00Z"
      and now["suggestion"] == "accept", f"a recorded reply is a reply: {now['state']} {now['replied_at']} {now['suggestion']}")
p = motivo("replied", f"i{b['id']}", "--at", "2020-01-01", check=False)
fails(p, 1, '"2020-01-01T00:00:00Z"', "a reply before the invitation is refused, quoting the time")
p = motivo("replied", f"i{b['id']}", "--at", "2026-11-21T09:00", check=False)
fails(p, 1, "in the future", "a reply in the future is refused")
p = motivo("replied", f"i{b['id']}", "--at", "yesterday", check=False)
fails(p, 1, '"yesterday"', "a time that is no time is refused, quoted")
check(invitations()[b["id"]] == start[b["id"]], "a refused reply stores nothing")
p = motivo("replied", f"i{b['id']}")
check(invitations()[b["id"]]["replied_at"] == NOW, "--at defaults to now (MOTIVO_NOW)")

# --- show --------------------------------------------------------------------------------------------------------
out = motivo("show", ia).stdout
check(a["from"] in out and "Te vi en la charla de GA4" in out and "replied" in out and "suggestion" in out,
      f"show prints the invitation whole: {out[:200]!r}")
shown = motivo.json("show", ia, "--json")
element = {k: v for k, v in shown.items() if k not in ("messages", "recorded", "notes")}
check(element == invitations()[a["id"]], "show --json is an element of invitations --json …")
check([r["kind"] for r in shown["recorded"]] == ["ask", "reply"] and isinstance(shown["messages"], list)
      and shown["notes"] == [], f"… with messages, what you recorded and your notes: {shown['recorded']}")
motivo("note", ia, "nos presentó Íñigo")
check(motivo.json("show", f"p{a['person']}", "--json")["notes"] == ["nos presentó Íñigo"], "show p21: the notes on them")
p = motivo("show", "i99999", check=False)
fails(p, 1, "no invitation i99999", "show of an unknown id")

# --- undo --------------------------------------------------------------------------------------------------------
motivo("decide", ia, "decline")
motivo("decide", ia, "accept")
p = motivo("decide", ia, "--undo")
check("taken back" in p.stdout and "decline again" in p.stdout and invitations()[a["id"]]["decision"] == "decline",
      f"undo a decision: the one it replaced is back: {p.stdout.strip()}")
motivo("decide", ia, "--undo")
check(invitations()[a["id"]]["state"] == "replied", "undo the first decision: undecided again")
p = motivo("decide", ia, "--undo", "--json")
undone = json.loads(p.stdout)
check(undone["undone"]["kind"] == "reply" and undone["invitation"]["state"] == "asked", "undo the recorded reply")
p = motivo("decide", ia, "--undo")
check("ask" in p.stdout and invitations()[a["id"]]["state"] == "pending", f"undo the ask: {p.stdout.strip()}")
p = motivo("decide", ia, "--undo", check=False)
fails(p, 1, "nothing to undo", "nothing left to undo: exit 1, said")
# An ask and a reply read from the export are never undone.
from_export = [x for x in start.values() if x["asked"] and x["decision"] is None]
if check(from_export, "the demo export has an ask in its messages"):
    e = from_export[0]
    p = motivo("decide", f"i{e['id']}", "--undo", check=False)
    fails(p, 1, "nothing to undo", "undo never takes back an export's ask or reply")
    check(invitations()[e["id"]] == e, "and the invitation stays as the export says")
p = motivo("decide", ia, "decline", "--undo", check=False)
check(p.returncode == 2, "--undo with a decision is a usage error")

# --- one decision on several -------------------------------------------------------------------------------------
accepted = [x for x in start.values() if x["state"] == "accepted" and x["decision"] is None]
ids = [f"i{c['id']}", f"i{to_ask[3]['id']}"] + ([f"i{accepted[0]['id']}"] if accepted else [])
p = motivo("decide", "decline", *ids, check=False)
after = invitations()
check(after[c["id"]]["decision"] == "decline" and after[to_ask[3]["id"]]["decision"] == "decline",
      f"decide decline ID…: each declined: {p.stdout.strip()}")
if accepted:
    check(p.returncode == 1 and accepted[0]["from"] in p.stderr and "accepted already" in p.stderr
          and after[accepted[0]["id"]]["decision"] is None, f"the accepted one is refused and listed: {p.stderr.strip()}")
p = motivo("decide", "decline", f"i{c['id']}", "i99999", check=False)
fails(p, 1, "no invitation i99999", "an unknown id among several: nothing recorded")

suggested = [x for x in invitations().values() if x["suggestion"] == "ask"]
before = invitations()
p = motivo("decide", "decline", "--suggestion", "ask", check=False)
check(p.returncode == 2 and "--yes" in p.stderr and str(len(suggested)) in p.stderr
      and suggested[0]["from"] in p.stderr, f"no terminal, no --yes: refused, exit 2, saying how many and who")
check(invitations() == before, "and nothing recorded")


def on_terminal(args, answer):
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(motivo.binary, [motivo.binary, "--db", db, *args], motivo.env)
    out = b""
    end = time.time() + 20
    while b"[y/N]" not in out and time.time() < end:
        try:
            out += os.read(fd, 4096)
        except OSError:
            break
    os.write(fd, answer)
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    return os.WEXITSTATUS(status), out.decode("utf-8", "replace")


status, out = on_terminal(["decide", "decline", "--suggestion", "ask"], b"n\n")
check(status == 1 and "nothing decided" in out and invitations() == before, f"a terminal, answered n: nothing ({status})")
status, out = on_terminal(["decide", "decline", "--suggestion", "ask"], b"y\n")
after = invitations()
check(status == 0 and all(after[x["id"]]["decision"] == "decline" for x in suggested),
      f"a terminal, answered y: all {len(suggested)} declined ({status})")
for x in suggested:
    motivo("decide", f"i{x['id']}", "--undo")
check(invitations() == before, "each bulk decision is undone like any other")
p = motivo("decide", "decline", "--suggestion", "ask", "--yes", "--json")
bulk = json.loads(p.stdout)
check(len(bulk["applied"]) == len(suggested) and bulk["refused"] == [], f"--yes for scripts: {len(bulk['applied'])} declined")
p = motivo("decide", "decline", "--suggestion", "ask", "--yes")
check(p.returncode == 0 and "No invitation" in p.stdout, "none suggested any more: said")

# --- triage opens on what needs an action ------------------------------------------------------------------------
queue = motivo.json("triage", "--json")
kinds = [x["suggestion"] for x in queue]
first_wait = kinds.index("wait") if "wait" in kinds else len(kinds)
check("wait" in kinds and all(k in ("accept", "ask", "decline") for k in kinds[:first_wait])
      and all(k == "wait" for k in kinds[first_wait:]), f"triage: what needs an action first, then wait: {kinds}")
p = motivo("triage")
check("need an action" in p.stderr and "waiting for a reply" in p.stderr
      and [line.split()[0] for line in p.stdout.splitlines()] == [f"i{x['id']}" for x in queue],
      f"triage says how many wait for what (stderr), then the queue in that order: {p.stderr.strip()}")
pid, fd = pty.fork()
if pid == 0:
    os.execve(motivo.binary, [motivo.binary, "--db", db, "triage"], motivo.env)
out = b""


def read_until(marker, timeout=10):
    global out
    end = time.time() + timeout
    while marker not in out and time.time() < end:
        try:
            out += os.read(fd, 4096)
        except OSError:
            break


read_until(b"> ")
first = queue[0]
os.write(fd, b"r")
read_until(b"they replied")
os.write(fd, b"u")
read_until(b"taken back")
read_until(b"> ")
os.write(fd, b"q")
_, status = os.waitpid(pid, 0)
check(os.WEXITSTATUS(status) == 0 and b"taken back: reply" in out, "triage: r records a reply, u takes it back")
check(invitations()[first["id"]]["state"] == first["state"], "and the invitation is as before")

# --- a database from before the undo log ----------------------------------------------------------------------
# Its decisions and asks are logged by migration 9, so they can be undone like new ones.
old_db = os.path.join(work, "old.db")
motivo("import", "--quiet", os.path.join(work, "export"), db=old_db)
fresh = {x["id"]: x for x in motivo.json("invitations", "--incoming", "--json", db=old_db)}
asked, decided = [x["id"] for x in fresh.values() if x["suggestion"] == "ask"][:2]
motivo("ask", f"i{asked}", db=old_db)
motivo("decide", f"i{decided}", "decline", db=old_db)
# Back to schema 8, before the undo log: every table migration 9 and later ones create goes.
later_tables = [r[0] for r in sqlite3.connect(old_db).execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN "
    "('user_actions', 'recorded_replies', 'sync_cursors', 'user_models', 'import_files', 'stale_timelines', "
    "'stale_welcomes', 'invitation_summary', 'stale_summary', 'message_words', 'stale_message_words', "
    "'label_state')")]
# Migration 13's columns of invitations and its index go too, and migration 14's index.
later_columns = "".join(f"ALTER TABLE invitations DROP COLUMN timeline_{c}; "
                        for c in ("asked_at", "replied_at", "connected_at", "mutual", "sent_at", "person", "accepted_at"))
# Migration 17's triggers (they name the columns dropped below) and indexes; migration 15's indexes, then its
# columns of connections.
later_indexes = "".join(f"DROP TRIGGER IF EXISTS {t}; " for t in (
    "invitations_summary_added", "invitations_summary_removed", "invitations_summary_changed"))
later_indexes += "".join(f"DROP INDEX IF EXISTS {i}; " for i in (
    "invitations_unreplied_asks", "messages_drafts", "connections_from_exports",
    "connections_welcomed", "invitations_by_from_person", "invitations_by_to_person", "messages_by_person",
    "messages_from_person", "messages_to_person", "connections_by_person_alone"))
later_columns += "".join(f"ALTER TABLE connections DROP COLUMN {c}; " for c in (
    "welcome_from", "welcomed_at", "welcome_replied_at", "welcome_person", "welcome_connected_at",
    "welcome_connected_on"))
# Migration 18's triggers and index.
later_indexes += "".join(f"DROP TRIGGER IF EXISTS message_words_{t}; " for t in ("ai", "au", "ad"))
later_indexes += "DROP INDEX IF EXISTS invitations_by_campaign; "
# Migration 20's index.
later_indexes += "DROP INDEX IF EXISTS invitations_by_label_time; "
sqlite(old_db, "".join(f"DROP TABLE {t}; " for t in later_tables) + "DROP INDEX invitations_tally; " + later_indexes +
       later_columns + "DROP INDEX IF EXISTS invitations_by_time; PRAGMA user_version = 8;")
p = motivo("decide", f"i{decided}", "--undo", db=old_db, check=False)
check(p.returncode == 0 and "undecided again" in p.stdout, f"after migrating, a decision made before it is undone: {p.stdout.strip()}")
p = motivo("decide", f"i{asked}", "--undo", db=old_db, check=False)
check(p.returncode == 0 and "ask" in p.stdout, f"and so is an ask: {p.stdout.strip()}")
check({x["id"]: x for x in motivo.json("invitations", "--incoming", "--json", db=old_db)} == fresh, "as they were before")

# --- the web API -------------------------------------------------------------------------------------------------
with motivo.serve() as server:
    headers = server.write_headers(server.token())
    target = next(x for x in invitations().values() if x["suggestion"] == "ask" or x["state"] == "pending"
                  and x["decision"] is None)
    status, _, body = server.request(f"/api/invitations/{target['id']}/reply", "POST", {"text": "Hola"}, headers)
    check(status == 200 and json.loads(body)["state"] == "replied", f"POST …/reply: {status} {body[:120]}")
    status, _, body = server.request(f"/api/invitations/{target['id']}", "GET")
    detail = json.loads(body)
    check(status == 200 and detail["recorded"][-1]["text"] == "Hola", "GET /api/invitations/{id}: the invitation whole")
    status, _, body = server.request(f"/api/invitations/{target['id']}/reply", "POST", {"at": "2099-01-01"}, headers)
    check(status == 400 and "future" in json.loads(body)["error"], f"a reply in the future: 400 ({status})")
    status, _, body = server.request(f"/api/invitations/{target['id']}/undo", "POST", {}, headers)
    check(status == 200 and json.loads(body)["undone"]["kind"] == "reply", "POST …/undo: the reply taken back")
    status, _, body = server.request(f"/api/invitations/{target['id']}/undo", "POST", {}, headers)
    check(status == 409 and "nothing to undo" in json.loads(body)["error"], f"nothing to undo: 409 ({status})")
    status, _, _ = server.request(f"/api/invitations/{target['id']}/undo", "POST", {})
    check(status == 403, "undo needs the page's token")
    pending = [x["id"] for x in invitations().values() if x["suggestion"] in ("ask", "accept")][:2]
    outgoing = motivo.json("invitations", "--outgoing", "--json")[0]["id"]
    status, _, body = server.request("/api/invitations/decisions", "POST",
                                     {"decision": "decline", "ids": pending + [outgoing]}, headers)
    result = json.loads(body)
    check(status == 200 and [x["id"] for x in result["applied"]] == pending
          and [x["id"] for x in result["refused"]] == [outgoing], f"POST /api/invitations/decisions: {body[:200]}")
    status, _, body = server.request("/api/invitations/decisions", "POST",
                                     {"decision": "decline", "ids": [99999]}, headers)
    check(status == 404, f"an unknown id among them: 404, nothing recorded ({status})")
    by = next(x["suggestion"] for x in invitations().values() if x["suggestion"] != "none")
    expected = sorted(x["id"] for x in invitations().values() if x["suggestion"] == by)
    status, _, body = server.request("/api/invitations/decisions", "POST",
                                     {"decision": "decline", "suggestion": by}, headers)
    check(status == 200 and sorted(x["id"] for x in json.loads(body)["applied"]) == expected,
          f"decisions by suggestion ({by}): {len(expected)}")
    status, _, body = server.request("/api/invitations/decisions", "POST", {"decision": "decline"}, headers)
    check(status == 400, "neither ids nor a suggestion: 400")

check.exit()
