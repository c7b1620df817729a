#!/usr/bin/env python3
"""Team scope on the command line (issue 19, item 10): a member acting with `--as` (or MOTIVO_USER) reaches their own
invitations only. Every command that takes an invitation id — decide, ask (and ask --dry-run), label (and --clear)
— refuses another member's as one that does not exist (exit 1, "no invitation iN") and changes nothing;
the same commands on the member's own invitations work. Run on SQLite, then on a throwaway PostgreSQL server
(scripts/pg-throwaway.sh; that half is skipped, with the reason printed, without PostgreSQL's server programs).
Usage: team_scope.py MOTIVO_BINARY SOURCE_DIR"""
import os
import re
import subprocess
import sys

from checks import Checks, Motivo, gen_export, workdir

src = sys.argv[2]
check = Checks()
work = workdir("team-scope", mode=0o755)  # PostgreSQL runs as "postgres" when the tests run as root
motivo = Motivo(sys.argv[1], work, now="2026-11-27T12:00:00Z")
throwaway = os.path.join(src, "scripts", "pg-throwaway.sh")

ana_export = gen_export(src, os.path.join(work, "ana"))
bob_export = os.path.join(work, "bob", "Invitations.csv")
os.makedirs(os.path.dirname(bob_export))
with open(bob_export, "w") as f:  # another LinkedIn account: Beatriz's
    f.write("From,To,Sent At,Message,Direction\n"
            "Carla Mena,Beatriz Jefe,\"11/2/26, 9:00 AM\",,INCOMING\n"
            "Dario Paz,Beatriz Jefe,\"11/3/26, 9:00 AM\",Vi tu charla en el meetup de datos de Sevilla,INCOMING\n")


def attempts(theirs):
    """Each command line that acts on invitation `theirs`."""
    i = str(theirs)
    return [["decide", i, "accept"], ["decide", i, "spam"], ["ask", i], ["ask", "--dry-run", i],
            ["label", i, "spam"], ["label", i, "--clear"], ["replied", i], ["decide", i, "--undo"], ["show", i],
            ["decide", "decline", i, "--json"]]


def scope(db, backend):
    motivo("users", "add", "ana", db=db)
    motivo("users", "add", "bob", db=db)
    motivo("--as", "ana", "import", "--quiet", ana_export, db=db)
    motivo("--as", "bob", "import", "--quiet", bob_export, db=db)
    everyone = lambda: motivo.json("invitations", "--json", db=db)
    anas = [x for x in motivo.json("--as", "ana", "invitations", "--incoming", "--json", db=db)]
    bobs = [x for x in motivo.json("--as", "bob", "invitations", "--incoming", "--json", db=db)]
    check(anas and len(bobs) == 2 and not {x["id"] for x in anas} & {x["id"] for x in bobs},
          f"{backend}: each member lists their own invitations ({len(anas)} and {len(bobs)})")
    target = next(x for x in anas if x["suggestion"] == "ask")["id"]
    before = everyone()
    for args in attempts(target):
        for how, who in (("--as bob", ["--as", "bob"]), ("MOTIVO_USER=bob", [])):
            p = motivo(*who, *args, db=db, check=False, env={} if who else {"MOTIVO_USER": "bob"})
            check(p.returncode == 1 and f"no invitation i{target}" in p.stderr and not p.stdout,
                  f"{backend}: {how} {' '.join(args)} on Ana's invitation is refused: {p.returncode} {p.stderr.strip()}")
    check(everyone() == before, f"{backend}: and nothing of Ana's changed")
    queue = motivo("--as", "bob", "triage", db=db).stdout  # not a terminal: the queue, one line each
    number = lambda id: int(re.sub(r"\D", "", str(id)))  # 57, or a prefixed id as i57
    listed = {number(m.group(1)) for m in re.finditer(r"^\s*([a-z]?\d+)\s", queue, re.M)}
    check(listed and listed <= {number(x["id"]) for x in bobs}, f"{backend}: --as bob triage queues his invitations only {listed}")
    # The same commands on one's own invitations work (the scope is not a blanket refusal).
    mine = str(bobs[0]["id"])
    for args in (["label", mine, "personalized"], ["ask", "--dry-run", mine], ["decide", mine, "accept"]):
        p = motivo("--as", "bob", *args, db=db, check=False)
        check(p.returncode == 0, f"{backend}: --as bob {' '.join(args)} on his own: {p.returncode} {p.stderr.strip()}")
    after = {x["id"]: x for x in everyone()}
    check(after[bobs[0]["id"]]["decision"] == "accept" and after[bobs[0]["id"]]["label"] == "personalized",
          f"{backend}: Bob's own decision and label are stored")
    # Without --as, the one user of the command line reaches every invitation (the database's owner).
    p = motivo("ask", "--dry-run", str(target), db=db, check=False)
    check(p.returncode == 0, f"{backend}: without --as every invitation is reached: {p.returncode} {p.stderr.strip()}")


scope(os.path.join(work, "team.db"), "SQLite")

pgdir = os.path.join(work, "pg")
start = subprocess.run([throwaway, "start", pgdir], capture_output=True, text=True)
if start.returncode == 77:
    print(f"note: PostgreSQL half skipped: {start.stderr.strip()}")
elif start.returncode != 0:
    check(False, f"the throwaway PostgreSQL server starts: {start.stderr.strip()}")
else:
    try:
        scope(start.stdout.strip(), "PostgreSQL")
    finally:
        subprocess.run([throwaway, "stop", pgdir], capture_output=True)
check.exit()
