#!/usr/bin/env python3
"""Team mode on a real PostgreSQL server (issue 8), through the motivo binary as a team runs it.

Starts its own throwaway server (scripts/pg-throwaway.sh: initdb in a temporary folder, loopback port, no system
service) and checks:
  - the same exports give the same status, invitations and reports on PostgreSQL as on SQLite;
  - several `motivo import` processes at once lose nothing and duplicate nothing;
  - `db migrate --dry-run` shows the pending migrations and changes nothing, on both backends;
  - users, their tokens (hashed), `--as`, per-user lists and the team report;
  - `serve` with the admin's token file and users' tokens: who sees what, who is signed in;
  - the database server stopped under a running `serve`: 503 answers, no crash, and service again once it is back;
  - `forget` when VACUUM FULL cannot rewrite a table (made to fail by a lock it cannot get in time; a full disk
    fails the same way): the person forgotten all the same, a plain VACUUM, a warning naming the table, exit 3;
    and, as root, with a real full disk (a tablespace on a small tmpfs), then finished by VACUUM FULL once there
    is room.
Usage: postgres.py MOTIVO_BINARY PROJECT_ROOT   (exit 77, a CTest skip, without PostgreSQL's server programs)
"""
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import time

from checks import Checks, Motivo, gen_export, skip, workdir

root = sys.argv[2]
throwaway = os.path.join(root, "scripts", "pg-throwaway.sh")
shared = os.path.join(root, "..", "shared", "data", "linkedin-exports")
check = Checks()
work = workdir("pg", mode=0o755)  # the server runs as "postgres" when the tests run as root
pgdir = os.path.join(work, "pg")
start = subprocess.run([throwaway, "start", pgdir], capture_output=True, text=True)
if start.returncode == 77:
    skip(start.stderr.strip())
if start.returncode != 0:
    print(start.stderr)
    sys.exit(1)
base = start.stdout.strip()
print("PostgreSQL:", base)
# As root the cluster lives in a folder of its own that "postgres" can enter, named in pgdir/cluster.
cluster_file = os.path.join(pgdir, "cluster")
cluster = open(cluster_file).read().strip() if os.path.exists(cluster_file) else pgdir
motivo = Motivo(sys.argv[1], work, now="2026-11-27T12:00:00Z")
server = None



def every_migration(status):
    """Whether a dry run on a new database lists every migration: in order, up to the latest (the numbers may skip
    one that another branch takes)."""
    versions = [m["version"] for m in status["pending"]]
    return bool(versions) and versions == sorted(set(versions)) and versions[-1] == status["latest"]

def new_database(name):
    subprocess.run(["psql", "-q", base, "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    return base.rsplit("/", 1)[0] + "/" + name


def pg_ctl(action):
    bindir = [d for d in sorted(os.listdir("/usr/lib/postgresql")) if os.path.exists(f"/usr/lib/postgresql/{d}/bin/pg_ctl")][-1]
    cmd = [f"/usr/lib/postgresql/{bindir}/bin/pg_ctl", "-D", os.path.join(cluster, "data"), "-w", "-l", os.path.join(cluster, "server.log")]
    if action == "stop":
        cmd += ["-m", "fast", "stop"]
    else:
        port = base.rsplit(":", 1)[1].split("/")[0]
        cmd += ["-o", f"-k {cluster} -h 127.0.0.1 -p {port} -c fsync=off", "start"]
    if os.getuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--"] + cmd
    subprocess.run(cmd, check=True, capture_output=True)


def demo(seed, name):
    return gen_export(root, os.path.join(work, name), seed=seed)


def other_owner(seed, name):
    """A generated export of another LinkedIn account: the demo's owner renamed everywhere."""
    path = demo(seed, name)
    for f in os.listdir(path):
        p = os.path.join(path, f)
        with open(p, encoding="utf-8") as fh:
            text = fh.read()
        text = text.replace("Lucía Fernández Ortega", "Marta Ruiz Vega").replace("luciafernandezortega", "martaruizvega")
        text = text.replace("Lucía", "Marta")
        with open(p, "w", encoding="utf-8") as fh:
            fh.write(text)
    return path


def without_import_times(invitations):
    """Withdrawn invitations carry the time of the import that found them gone: the clock's, not the data's. The
    other person's id is each database's own (PostgreSQL numbers people in its import batches)."""
    for i in invitations:
        if i.get("outcome") == "withdrawn":
            i.pop("outcome_at", None)
        i.pop("person", None)
    return invitations


def outputs(db):
    """What a user sees: the numbers, the invitations, the reports (the database's location left out)."""
    out = {}
    for args in (["status", "--json"], ["invitations", "--json"], ["report", "--json"], ["report", "--by", "month", "--json"]):
        j = motivo.json(*args, db=db)
        if isinstance(j, dict):
            j.pop("database", None)
            j.pop("last_import", None)
        else:
            without_import_times(j)
        out[" ".join(args)] = j
    return out


try:
    # --- 1. The same answers on both backends --------------------------------------------------------------------
    exports = [demo(1, "demo1.zip"), demo(2, "demo2.zip")]
    if os.path.isdir(shared):
        exports += [os.path.join(shared, d) for d in sorted(os.listdir(shared)) if os.path.isdir(os.path.join(shared, d))]
    else:
        print("note: no ../shared exports; comparing the generated ones only")
    pg = new_database("same_answers")
    lite = os.path.join(work, "same.db")
    # Several LinkedIn accounts in one database: a team's, each account imported by its user (a database without
    # users holds one account). The two demo exports are one account's.
    def user_of(export):
        return "lucia" if export in exports[:2] else os.path.basename(export)
    for db in (pg, lite):
        for u in dict.fromkeys(user_of(e) for e in exports):
            motivo("users", "add", u, db=db)
    for e in exports:
        motivo("--as", user_of(e), "import", "--quiet", e, db=pg)
        motivo("--as", user_of(e), "import", "--quiet", e, db=lite)
    a, b = outputs(pg), outputs(lite)
    for k in a:
        if not check(a[k] == b[k], f"{k}: PostgreSQL and SQLite agree ({len(json.dumps(a[k]))} bytes of JSON)"):
            if isinstance(a[k], list):
                diffs = [(x, y) for x, y in zip(a[k], b[k]) if x != y]
                print(f"   {len(diffs)} differ, first:", json.dumps(diffs[:1], ensure_ascii=False)[:1500])
    again = motivo.json("--as", "lucia", "import", "--quiet", "--json", exports[0], db=pg)
    check(all(f["new"] == 0 and f["known"] == f["rows"] for f in again["files"] if f["kind"] != "skipped"),
          "re-importing into PostgreSQL adds nothing")

    # --- 2. Imports at once ------------------------------------------------------------------------------------------
    at_once = new_database("concurrent")
    sequential = new_database("sequential")
    # Three accounts, each export imported twice at once (snapshots of one account imported at the same moment
    # have no order, so each account's imports are copies of one export).
    marta = other_owner(4, "marta")
    batch = [exports[0], marta, exports[0], marta]
    if os.path.isdir(shared):
        batch += [exports[2], exports[3], exports[2]]
    batch_user = {e: f"u{i}" for i, e in enumerate(dict.fromkeys(batch))}  # one account each: a team's
    for db in (at_once, sequential):
        for u in batch_user.values():
            motivo("users", "add", u, db=db)
    procs = [motivo.start("--as", batch_user[e], "import", "--quiet", e, db=at_once, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) for e in batch]
    results = [(p.wait(), p.stderr.read()) for p in procs]
    check(all(rc == 0 for rc, _ in results), f"{len(batch)} imports at once all succeed " +
          "; ".join(err.strip() for rc, err in results if rc != 0))
    for e in batch:
        motivo("--as", batch_user[e], "import", "--quiet", e, db=sequential)
    c, s = outputs(at_once), outputs(sequential)
    for o in (c, s):
        o["status --json"].pop("owner", None)  # the owner of the latest import: whichever finished last
        o["status --json"]["owners"].sort(key=lambda a: a["name"])  # in the order their first imports began
    check(c["status --json"] == s["status --json"],
          f"imports at once store exactly what one after another does: {c['status --json']}")
    if not check(c["report --json"] == s["report --json"], "and the same report"):
        print("  ", {k: (c["report --json"][k], s["report --json"][k]) for k in c["report --json"] if c["report --json"][k] != s["report --json"].get(k)})
    check(len(c["invitations --json"]) == len(s["invitations --json"]), "and the same invitations")

    # --- 3. Migrations ---------------------------------------------------------------------------------------------
    fresh = new_database("fresh")
    dry = motivo.json("db", "migrate", "--dry-run", "--json", db=fresh)
    check(dry["current"] == 0 and every_migration(dry) and dry["latest"] >= 6, "dry run on a new PostgreSQL database lists every migration")
    dry_text = motivo("db", "migrate", "--dry-run", db=fresh).stdout
    check("would run" in dry_text and "CREATE TABLE people" in dry_text, "the dry run shows the SQL")
    tables = subprocess.run(["psql", "-tA", fresh, "-c", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"],
                            capture_output=True, text=True).stdout.strip()
    check(tables == "0", f"and creates nothing ({tables} tables)")
    applied = motivo.json("db", "migrate", "--json", db=fresh)
    check(len(applied["applied"]) == len(dry["pending"]), "db migrate applies them")
    check(motivo.json("db", "migrate", "--dry-run", "--json", db=fresh)["pending"] == [],
          "then nothing is pending")
    lite_new = os.path.join(work, "never.db")
    lite_dry = motivo.json("db", "migrate", "--dry-run", "--json", db=lite_new)
    check(every_migration(lite_dry) and not os.path.exists(lite_new),
          "a SQLite dry run lists every migration and creates no file")
    check(motivo.json("db", "migrate", "--dry-run", "--json", db=lite)["pending"] == [],
          "an existing SQLite database is up to date")

    # --- 4. Users ----------------------------------------------------------------------------------------------
    team = new_database("team")
    ana = motivo("users", "add", "ana", db=team).stdout.strip()
    boss = motivo("users", "add", "boss", "--admin", db=team).stdout.strip()
    check(len(ana) == 64 and len(boss) == 64 and ana != boss, "users add prints a new 64-digit token")
    dup = motivo("users", "add", "ana", db=team, check=False)
    check(dup.returncode == 1 and "already" in dup.stderr, "a taken name is refused")
    stored = subprocess.run(["psql", "-tA", team, "-c", "SELECT token_hash FROM users"], capture_output=True, text=True).stdout
    check(ana not in stored and len(stored.split()) == 2, "the store keeps hashes, never the tokens")
    users = motivo.json("users", "list", "--json", db=team)
    check([(u["name"], u["role"]) for u in users] == [("ana", "member"), ("boss", "admin")], "users list")
    motivo("--as", "ana", "import", "--quiet", exports[0], db=team)
    # Boss's own export: another LinkedIn account (the owner is whoever is on one side of every invitation).
    boss_export = os.path.join(work, "boss", "Invitations.csv")
    os.makedirs(os.path.dirname(boss_export))
    with open(boss_export, "w") as f:
        f.write("From,To,Sent At,Message,Direction\n"
                "Carla Mena,Beatriz Jefe,\"11/2/26, 9:00 AM\",,INCOMING\n"
                "Dario Paz,Beatriz Jefe,\"11/3/26, 9:00 AM\",Vi tu charla en el meetup de datos de Sevilla,INCOMING\n"
                "Beatriz Jefe,Eva Sanz,\"11/4/26, 9:00 AM\",,OUTGOING\n")
    motivo("--as", "boss", "import", "--quiet", boss_export, db=team)
    mine = motivo.json("--as", "ana", "invitations", "--json", db=team)
    everyone = motivo.json("invitations", "--json", db=team)
    check(0 < len(mine) < len(everyone), f"--as ana lists her invitations only ({len(mine)} of {len(everyone)})")
    unknown = motivo("--as", "nobody", "invitations", db=team, check=False)
    check(unknown.returncode == 1 and "no such user" in unknown.stderr, "--as an unknown user is an error")
    team_report = motivo.json("report", "--team", "--json", db=team)
    per_user = {u["user"]: u["report"]["incoming"]["received"] for u in team_report["users"]}
    check(per_user["ana"] + per_user["boss"] == team_report["team"]["incoming"]["received"],
          f"report --team: each user's numbers add up to the team's {per_user}")
    check("message" not in json.dumps(team_report), "the team report holds numbers, not notes")

    # --- 5. serve -----------------------------------------------------------------------------------------------------
    token_file = os.path.join(work, "admin.token")
    admin = "a" * 40
    with open(token_file, "w") as f:
        f.write(admin + "\n")
    os.chmod(token_file, 0o600)
    server = motivo.serve("--token-file", token_file, "--public-url", "https://motivo.example", db=team,
                          env={"MOTIVO_NOW": ""})
    check(server.url.startswith("http://127.0.0.1:"), f"serve listens: {server.line.strip()}")

    def bearer(token):
        return {"Authorization": "Bearer " + token} if token else {}

    def get(path, token=None):
        status, _, body = server.request(path, headers=bearer(token))
        return status, json.loads(body) if body else None

    check(get("/api/me")[0] == 401, "no token: 401")
    check(get("/api/me", "0" * 64)[0] == 401, "a wrong token: 401")
    status, me = get("/api/me", ana)
    check(status == 200 and {k: me[k] for k in ("name", "role", "team")} == {"name": "ana", "role": "member", "team": True}
          and me["can"]["decide"] and not me["can"]["people"], f"ana is signed in as a member: {me}")
    check(get("/api/me", admin)[1]["role"] == "admin", "the token file's token is the admin")
    boss_me = get("/api/me", boss)[1]
    check({k: boss_me[k] for k in ("name", "role", "team")} == {"name": "boss", "role": "admin", "team": True}
          and boss_me["can"]["people"], "boss is an admin")
    check(len(get("/api/invitations", ana)[1]) == len(mine), "ana's queue holds her invitations only")
    check(len(get("/api/invitations", boss)[1]) == len(everyone), "an admin's holds everyone's")
    others = [i["id"] for i in everyone if i["id"] not in {m["id"] for m in mine}]
    check(get(f"/api/invitations/{others[0]}/messages", ana)[0] == 404, "another user's invitation is not found for ana")
    check(get("/api/people?search=a", ana)[0] == 403, "people and notes are for admins")
    check(get("/api/people?search=a", boss)[0] == 200, "an admin searches people")
    status, tr = get("/api/report/team", ana)
    check(status == 200 and {u["user"] for u in tr["users"]} == {"ana", "boss"}, "ana sees the team's numbers")
    check(get("/api/report", ana)[1]["incoming"]["received"] == per_user["ana"], "and her own report")
    # Behind a proxy: changes from the public origin are accepted, from another site refused.
    csrf = server.token(bearer(ana))

    def decide(invitation, origin):
        return server.request(f"/api/invitations/{invitation}/decision", "POST", {"decision": "accept"},
                              server.write_headers(csrf, Origin=origin, **bearer(ana)))[0]

    incoming = [m["id"] for m in mine if m["direction"] == "incoming"]
    check(decide(incoming[0], "https://evil.example") == 403, "a change from another site: 403")
    check(decide(incoming[0], "https://motivo.example") == 200, "a change from the --public-url origin is accepted")
    check(decide(others[0], "https://motivo.example") == 404, "ana cannot decide on another user's invitation")
    # Several requests at once through the pool.
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda i: get("/api/invitations?limit=5", ana if i % 2 else boss)[0], range(40)))
    check(codes == [200] * 40, "40 requests at once from two users all answered")

    # --- 6. The database goes away and comes back -------------------------------------------------------------------
    pg_ctl("stop")
    status, body = get("/api/invitations", boss)
    check(status == 503 and "unreachable" in (body or {}).get("error", ""), f"database down: 503, said plainly ({status} {body})")
    check(server.process.poll() is None, "and the server is still running")
    pg_ctl("start")
    time.sleep(0.5)
    status, body = get("/api/invitations", boss)
    check(status == 200 and len(body) == len(everyone), "database back: served again, with reconnected connections")
    # --- 7. forget when VACUUM FULL fails ----------------------------------------------------------------------------
    url = new_database("forget_vacuum")
    folder = os.path.join(work, "forget-export")
    os.makedirs(folder)
    with open(os.path.join(folder, "Invitations.csv"), "w", encoding="utf-8") as fh:
        fh.write('From,To,Sent At,Message,Direction\nJosé Núñez,Me Myself,"1/2/24, 9:00 AM",Hola,INCOMING\n'
                 'Ana Sol,Me Myself,"1/3/24, 9:00 AM",,INCOMING\n')
    with open(os.path.join(folder, "messages.csv"), "w", encoding="utf-8") as fh:
        fh.write("CONVERSATION ID,FROM,TO,DATE,CONTENT\nc1,José Núñez,Me Myself,2024-01-05 10:00:00 UTC,secreto\n")
    motivo("import", "--quiet", folder, db=url)
    subprocess.run(["psql", "-q", url, "-c", "ALTER DATABASE forget_vacuum SET lock_timeout = '300ms'"], check=True,
                   capture_output=True)
    # A reader inside a transaction holds its lock on messages until it ends: VACUUM FULL cannot get its own.
    reader = subprocess.Popen(["psql", "-q", url], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    reader.stdin.write("BEGIN;\nLOCK TABLE messages IN ACCESS SHARE MODE;\n")
    reader.stdin.flush()
    for _ in range(100):
        held = subprocess.run(["psql", "-tA", url, "-c", "SELECT count(*) FROM pg_locks l JOIN pg_class c ON "
                               "c.oid = l.relation WHERE c.relname = 'messages' AND l.granted"],
                              capture_output=True, text=True).stdout.strip()
        if held not in ("", "0"):
            break
        time.sleep(0.1)
    p = motivo("forget", "--yes", "José Núñez", db=url, check=False)
    reader.stdin.write("COMMIT;\n")
    reader.stdin.close()
    reader.wait()
    check(p.returncode == 3, f"forget with VACUUM FULL failing: exit status 3 ({p.returncode}, {p.stderr.strip()})")
    check("Forgot José Núñez" in p.stdout and "compacted" not in p.stdout, f"the person is forgotten: {p.stdout.strip()}")
    check("compacted afterwards (canceling statement due to lock timeout): the removed text stays in the free space"
          in p.stderr and "VACUUM FULL messages (psql)" in p.stderr,
          f"the warning says why, what is left and how to finish: {p.stderr.strip()}")
    left = subprocess.run(["psql", "-tA", url, "-c", "SELECT (SELECT count(*) FROM messages WHERE content = 'secreto') + "
                           "(SELECT count(*) FROM people WHERE name = 'José Núñez')"], capture_output=True, text=True)
    check(left.stdout.strip() == "0", f"and none of their rows is left ({left.stdout.strip()} {left.stderr.strip()})")
    vacuumed = subprocess.run(["psql", "-tA", url, "-c", "SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables "
                               "WHERE relname = 'messages'"], capture_output=True, text=True).stdout.strip()
    check(vacuumed == "t", f"a plain VACUUM ran on messages ({vacuumed})")
    done = motivo.json("forget", "--yes", "--json", "Ana Sol", db=url)
    check(done["compacted"] is True, f"with the lock gone, the next forget compacts ({done})")
    # --- 8. The same with a real full disk: messages in a tablespace on a small tmpfs (mounting needs root) --------
    disk = os.path.join(work, "tablespace")
    os.makedirs(disk)
    if os.getuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", disk],
                                          capture_output=True).returncode != 0:
        print("full disk on PostgreSQL: skipped, mounting a small tmpfs for a tablespace needs root")
    else:
        try:
            shutil.chown(disk, "postgres")
            url = new_database("forget_full")
            subprocess.run(["psql", "-q", base, "-c", f"CREATE TABLESPACE motivo_full LOCATION '{disk}'"], check=True,
                           capture_output=True)
            folder = os.path.join(work, "forget-full-export")
            os.makedirs(folder)
            with open(os.path.join(folder, "Invitations.csv"), "w", encoding="utf-8") as fh:
                fh.write('From,To,Sent At,Message,Direction\nJosé Núñez,Me Myself,"1/2/24, 9:00 AM",Hola,INCOMING\n')
            with open(os.path.join(folder, "messages.csv"), "w", encoding="utf-8") as fh:
                fh.write("CONVERSATION ID,FROM,TO,DATE,CONTENT\n")
                for i in range(6000):
                    who = "José Núñez" if i % 20 == 0 else "Ana Sol"
                    fh.write(f"c{i},{who},Me Myself,2024-01-05 10:{i % 60:02d}:{i % 59:02d} UTC,secreto {i} {'x' * 300}\n")
            motivo("import", "--quiet", folder, db=url)
            subprocess.run(["psql", "-q", url, "-c", "ALTER TABLE messages SET TABLESPACE motivo_full"], check=True,
                           capture_output=True)
            size = int(subprocess.run(["psql", "-tA", url, "-c", "SELECT pg_relation_size('messages')"],
                                      capture_output=True, text=True).stdout)
            free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
            filler = os.path.join(disk, "filler")
            with open(filler, "wb") as fh:  # leaves half the table's size free: too little for its new copy
                fh.write(b"\0" * max(0, free - size // 2))
            p = motivo("forget", "--yes", "José Núñez", db=url, check=False)
            check(p.returncode == 3 and "could not extend file" in p.stderr and "VACUUM FULL messages" in p.stderr,
                  f"a full disk: exit 3, and the warning says so ({p.returncode}, {p.stderr.strip()})")
            left = subprocess.run(["psql", "-tA", url, "-c", "SELECT count(*) FROM messages WHERE from_name = "
                                   "'José Núñez'"], capture_output=True, text=True).stdout.strip()
            check(left == "0", f"a full disk: the person is forgotten all the same ({left})")
            os.remove(filler)
            done = subprocess.run(["psql", "-q", url, "-c", "VACUUM FULL messages"], capture_output=True, text=True)
            check(done.returncode == 0, f"once there is room, VACUUM FULL as the warning says finishes ({done.stderr})")
        finally:
            subprocess.run(["psql", "-q", base, "-c", "DROP DATABASE IF EXISTS forget_full WITH (FORCE)"],
                           capture_output=True)
            subprocess.run(["psql", "-q", base, "-c", "DROP TABLESPACE IF EXISTS motivo_full"], capture_output=True)
            subprocess.run(["umount", disk], capture_output=True)
except BaseException:
    if server:
        print("serve's stderr:\n" + server.log()[-6000:])
    raise
finally:
    if server:
        server.stop()
    subprocess.run([throwaway, "stop", pgdir], capture_output=True)
check.exit()
