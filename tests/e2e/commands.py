#!/usr/bin/env python3
"""Commands do what they say (issue 19, items 8, 9, 12 and 13), on the demo export:

- ids: the terminal shows i21 (invitation), p21 (person), c21 (connection); every command takes them, and note,
  forget, welcome --record and decide resolve another kind to theirs; forget shows who and asks on a terminal,
  and without one needs --yes;
- read-only commands create and change nothing (a mistyped --db is an error naming it), another program's SQLite
  file is refused by every command, and a filter that matches nothing does not say that nothing is stored;
- errors: said once, without '<argument>:', and under --json as {"error": ...} on stderr with the same exit status;
- triage --json is JSON; report --compare honours --by, --csv and --html, and its JSON carries the verdict.
Usage: commands.py MOTIVO SOURCE_DIR
"""
import json
import os
import pty
import re
import sqlite3
import subprocess
import sys

from checks import Checks, Motivo, dump, gen_export, workdir

source = sys.argv[2]
check = Checks()
work = workdir("commands")
db = os.path.join(work, "motivo.db")
motivo = Motivo(sys.argv[1], work, db=db, now="2026-11-27T10:00:00Z")
export = gen_export(source, os.path.join(work, "export.zip"))
motivo("import", "--quiet", export)
invitations = motivo.json("invitations", "--json")
by_id = {i["id"]: i for i in invitations}


def files_in(folder):
    return sorted(os.listdir(folder))


def fails(p, status, words, what):
    """`p` exited `status`, its stderr says `words` and never '<argument>'."""
    check(p.returncode == status and words in p.stderr and "<argument>" not in p.stderr,
          f"{what} (exit {p.returncode}: {p.stderr.strip()[:160]})")


# --- Item 9: ids -------------------------------------------------------------------------------------------------
table = motivo("invitations").stdout.splitlines()
check(all(re.match(r"^\s*i\d+\s", line) for line in table) and len(table) == len(invitations),
      "invitations: every line starts with an invitation id like i21")
triage = motivo("triage", input="").stdout.splitlines()
check(triage and all(re.match(r"^\s*i\d+\s", line) for line in triage), "triage without a terminal: i ids")
welcome = motivo("welcome", "--all", "-n", "3").stdout
check(re.search(r"^\s*c\d+\s", welcome, re.M) is not None, "welcome shows connection ids like c21")

# An incoming invitation whose sender is a person and a connection, with an id that is also a different person's.
incoming = [i for i in invitations if i["direction"] == "incoming" and i["from"]]
sender = incoming[-1]
people = motivo.json("people", "--search", sender["from"], "--json")
exact = [p for p in people if p["name"] == sender["from"]]
check(len(exact) == 1, f"the sender of i{sender['id']} is one person: {sender['from']}")
person = exact[0]["id"]
out = motivo("people", "--search", sender["from"]).stdout
check(f"p{person}" in out, "people shows person ids like p21")

out = motivo("note", f"i{sender['id']}", "presented by Ana at the fair").stdout
check(f"({'p'}{person})" in out and sender["from"] in out, f"note i{sender['id']} goes to its sender: {out.strip()}")
noted = motivo.json("people", "--search", "fair", "--json")
check([p["id"] for p in noted] == [person], "and the note is kept on them, nobody else")
out = motivo("note", f"p{person}", "second note").stdout
check(f"p{person}" in out, "note p21 takes the person")

# decide, ask, label take i21; p21 resolves to the one invitation that person sent.
out = motivo("ask", "--dry-run", f"i{sender['id']}").stdout
check(out.strip() != "", "ask takes i21")
p = motivo("label", f"i{sender['id']}", "personalized")
check(p.returncode == 0 and f"invitation i{sender['id']}" in p.stdout, f"label i21: {p.stdout.strip()}")
motivo("label", f"i{sender['id']}", "--clear")
p = motivo("decide", "zz", "accept", check=False)
fails(p, 1, "not an invitation id like i21", "decide refuses what is not an id")
owner_like = [i for i in invitations if i["direction"] == "outgoing"][0]
p = motivo("decide", f"i{owner_like['id']}", "accept", check=False)
fails(p, 1, "one you sent", "decide on an invitation you sent is refused")

# welcome --record: c21, or a person's connection.
connections = motivo.json("welcome", "--all", "-n", "1000", "--json")
target = connections[-1]
out = motivo("welcome", "--record", f"c{target['connection']}").stdout
check(f"c{target['connection']}" in out and "recorded as welcomed" in out, "welcome --record c21")
p = motivo("welcome", "--record", "c999999", check=False)
fails(p, 1, "no connection c999999", "welcome --record of an unknown connection")

# forget: a bare number is a person; it shows who and, without a terminal, needs --yes.
before = dump(db)
p = motivo("forget", str(person), check=False, input="")
fails(p, 2, "give --yes", "forget without a terminal and without --yes refuses")
check(sender["from"] in p.stdout and f"p{person}" in p.stdout and "invitation" in p.stdout,
      "but first says who and what would go: " + " | ".join(p.stdout.strip().splitlines()))
check(dump(db) == before, "and nothing changed")


def forget_on_terminal(answer, *args):
    """forget on a terminal (stdin and stderr a pty), answering `answer` to its question."""
    main, side = pty.openpty()
    proc = subprocess.Popen(motivo.command(["forget", *args]), stdin=side, stderr=side, stdout=subprocess.PIPE,
                            env=motivo.env)
    os.close(side)
    seen = b""
    while b"[y/N]" not in seen:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.write(main, answer.encode() + b"\n")
    stdout = proc.communicate(timeout=60)[0].decode()
    try:
        while os.read(main, 4096):
            pass
    except OSError:
        pass
    os.close(main)
    return proc.returncode, seen.decode("utf-8", "replace"), stdout


status, question, _ = forget_on_terminal("n", f"i{sender['id']}")
check("[y/N]" in question and sender["from"] in question, "on a terminal forget asks: " + question.strip().splitlines()[-1])
check(status == 1 and dump(db) == before, "answering no changes nothing")
status, _, out = forget_on_terminal("y", f"i{sender['id']}")
after = motivo.json("invitations", "--json")
check(status == 0 and f"Forgot {sender['from']} (p{person})" in out, f"answering yes forgets them ({out.strip()[:80]})")
check(all(sender["from"] not in (i["from"], i["to"]) for i in after) and len(after) < len(invitations),
      "forget i21 removed the sender of invitation 21, not person 21")
other = [i for i in after if i["direction"] == "incoming"][0]
out = motivo.json("forget", "--yes", "--json", f"i{other['id']}")
check(out["person"]["name"] == other["from"], "forget --yes --json for scripts")

# --- Item 12: empty filters, read-only commands, foreign databases ------------------------------------------------
out = motivo("invitations", "--state", "declined").stdout
check("No invitations stored" not in out and "No invitation matches" in out,
      f"a filter that matches nothing says so: {out.strip()}")
out = motivo("invitations", "-n", "0").stdout
check("No invitations stored" not in out, "-n 0 does not say nothing is stored")
empty = os.path.join(work, "empty.db")
motivo("db", "migrate", db=empty)
check("No invitations stored" in motivo("invitations", db=empty).stdout, "an empty database still says so")

motivo("status")  # the server and the command line share the file: no -wal or -shm left behind by readers
sound = dump(db)
listing = files_in(work)
read_only = [["status"], ["status", "--json"], ["invitations"], ["invitations", "--json"], ["report"],
             ["report", "--json"], ["people", "--search", "fair"], ["welcome"], ["welcome", "--json"],
             ["triage", "--json"], ["users", "list"], ["ask", "--dry-run", f"i{incoming[0]['id']}"],
             ["db", "migrate", "--dry-run"], ["forget", "--dry-run", f"p{person + 1}"]]
for args in read_only:
    motivo(*args, check=False)
check(dump(db) == sound and files_in(work) == listing, "read-only commands change no byte and leave no file")
os.chmod(db, 0o400)
p = motivo("status", check=False)
os.chmod(db, 0o600)
check(p.returncode == 0, f"status reads a write-protected database ({p.stderr.strip()[:100]})")

missing_dir = os.path.join(work, "typo", "motivo.db")
missing = os.path.join(work, "motvio.db")
for args in read_only[:-2] + [["export", "--json", os.path.join(work, "out.jsonl")]]:
    for path in (missing, missing_dir):
        p = motivo(*args, db=path, check=False)
        fails(p, 1, path, f"{' '.join(args)} on a missing --db {os.path.basename(os.path.dirname(path))}/...")
check(not os.path.exists(missing) and not os.path.exists(os.path.dirname(missing_dir))
      and not os.path.exists(os.path.join(work, "out.jsonl")), "and no file or folder was created")

foreign = os.path.join(work, "other.db")
with sqlite3.connect(foreign) as c:
    c.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    c.execute("INSERT INTO notes (body) VALUES ('mine')")
c.close()
foreign_dump = dump(foreign)
for args in (["status"], ["invitations"], ["import", "--quiet", export], ["db", "migrate"],
             ["db", "migrate", "--dry-run"], ["note", "p1", "x"], ["users", "add", "ana"], ["report"]):
    p = motivo(*args, db=foreign, check=False)
    fails(p, 1, f"{foreign} is not a motivo database", f"{args[0]} refuses another program's database")
check(dump(foreign) == foreign_dump, "which is left as it was")

application_id = lambda path: sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0]
check(application_id(db) == 0x6D6F7476, "motivo's databases carry application_id 'motv'")
older = os.path.join(work, "older.db")
motivo("import", "--quiet", export, db=older)
with sqlite3.connect(older) as c:
    c.execute("PRAGMA application_id = 0")  # as made before motivo set it
c.close()
p = motivo("status", db=older, check=False)
check(p.returncode == 0 and application_id(older) == 0, "an older motivo database is read as it is")
motivo("note", "p1", "x", db=older)
check(application_id(older) == 0x6D6F7476, "and is marked as motivo's when next written")

# --- Item 13: errors ---------------------------------------------------------------------------------------------
p = motivo("decide", "9999", "accept", check=False)
fails(p, 1, "motivo: error: no invitation i9999", "an unknown id: motivo: error: no invitation i9999")
p = motivo("ask", "i9999", "--json", check=False)
err = json.loads(p.stderr) if p.stderr.startswith("{") else {}
check(p.returncode == 1 and err == {"error": "no invitation i9999"} and p.stdout == "",
      f"under --json an error is {{\"error\"}} on stderr, exit 1: {p.stderr.strip()}")
p = motivo("status", "--json", db=missing, check=False)
check(p.returncode == 1 and missing in json.loads(p.stderr)["error"], "a missing database under --json")
p = motivo("invitations", "--json", "--state", "bogus", check=False)
check(p.returncode == 2 and "error" in json.loads(p.stderr), f"a usage error under --json exits 2: {p.stderr.strip()}")
p = motivo("invitations", "--state", "bogus", check=False)
check(p.returncode == 2 and not p.stderr.startswith("{"), "and without --json it is text")
p = motivo("bogus", check=False)
fails(p, 2, 'unknown command "bogus"', "an unknown command")

# --- Item 8: triage --json, report --compare ---------------------------------------------------------------------
queue = motivo.json("triage", "--json")
lines = motivo("triage", input="").stdout.splitlines()
check(isinstance(queue, list) and [f"i{q['id']}" for q in queue] == [line.split()[0] for line in lines],
      "triage --json is the queue triage shows, as JSON")
check(all(q["direction"] == "incoming" and q["decision"] is None for q in queue), "undecided received ones only")

compare = ["report", "--compare", "2026-10", "2026-11"]
text = motivo(*compare).stdout.strip().splitlines()
data = motivo.json(*compare, "--json")
check([x["period"] for x in data["periods"]] == ["2026-10", "2026-11"] and "report" in data["periods"][0],
      "report --compare --json: both periods")
check(data["verdict"] == text[-1] and isinstance(data["personalization_differs"], bool),
      f"and the verdict the terminal prints: {data['verdict']}")
received = [x["report"]["incoming"]["received"] for x in data["periods"]]
rows = motivo(*compare, "--csv").stdout.strip().splitlines()
check(rows[0].startswith("compared,period,received") and [r.split(",")[:3] for r in rows[1:]] ==
      [["2026-10", "2026-10", str(received[0])], ["2026-11", "2026-11", str(received[1])]],
      f"--csv: a line per period ({rows[1:]})")
weeks = motivo(*compare, "--by", "week", "--csv").stdout.strip().splitlines()[1:]
check(len(weeks) > 2 and {w.split(",")[0] for w in weeks} == {"2026-10", "2026-11"}
      and sum(int(w.split(",")[2]) for w in weeks) == sum(received), "--by week --csv: the weeks of each period")
by_month = motivo(*compare, "--by", "month").stdout
check(by_month.count("month") == 2, "--by month on the terminal: each period's series")
html = os.path.join(work, "compare.html")
out = motivo(*compare, "--html", html).stdout
page = open(html, encoding="utf-8").read() if os.path.exists(html) else ""
check(out.strip() == html and "2026-10" in page and "2026-11" in page and data["verdict"] in page,
      "--html writes the comparison with its verdict")
check(os.stat(html).st_mode & 0o777 == 0o600 if page else False, "privately (0600)")
p = motivo(*compare, "--since", "2026-01-01", check=False)
check(p.returncode == 2, "--compare with --since is refused (the periods are its own)")
check.exit()
