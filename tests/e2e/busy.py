#!/usr/bin/env python3
"""Issue 20, items 6 and 14 (part): the database while an import holds it, and the server's files.

- a long import, paused while it writes: `status` and `serve` start meanwhile and read (WAL readers);
- the write lock held by another process (as an import holds it): reads answer at once, a decision answers 503 with
  Retry-After, and a second CLI import says another import is running, waits, and succeeds once it ends;
- a database of mode 0644 is made 0600 when motivo opens it to write, said once on stderr;
- uploads wait in $TMPDIR; those of a killed `serve` are removed when the next one starts; a write of an upload that
  the file system cuts short (a file size limit) is an error, not a truncated import;
- `--config` naming a folder is an error naming it.
Usage: busy.py MOTIVO SOURCE_DIR"""
import json
import os
import signal
import stat
import subprocess
import sys
import time

from checks import Checks, Motivo, gen_export, multipart, wait_until, workdir

check = Checks()
work = workdir("busy")
src = sys.argv[2]
motivo = Motivo(sys.argv[1], work, now="2026-11-20T18:00:00Z")
demo = gen_export(src, os.path.join(work, "demo"))


def db_bytes(db):
    return sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))


# --- A long import, paused while it writes (SIGSTOP keeps its locks): status and serve start and read.
big = gen_export(src, os.path.join(work, "big"), profile="bench", invitations=20, messages=150_000, connections=20)
long_db = os.path.join(work, "long.db")
importer = motivo.start("import", "--quiet", big, db=long_db, stderr=subprocess.PIPE, text=True)
wait_until(lambda: importer.poll() is not None or db_bytes(long_db) > 4_000_000, 120, interval=0.01)
os.kill(importer.pid, signal.SIGSTOP)
paused = importer.poll() is None
try:
    check(paused and db_bytes(long_db) > 4_000_000, "the import is paused while it writes")
    p = motivo("status", db=long_db, check=False, timeout=120)
    check(p.returncode == 0, f"status runs during an import (exit {p.returncode}) {p.stderr.strip()[:200]}")
    try:
        with motivo.serve(db=long_db) as server:
            status, _, body = server.request("/api/invitations")
            check(status == 200 and json.loads(body) == [], f"serve starts during an import and reads ({status})")
    except RuntimeError as e:
        check(False, f"serve starts during an import: {e}")
finally:
    os.kill(importer.pid, signal.SIGCONT)
_, err = importer.communicate(timeout=300)
check(importer.returncode == 0, f"the import ends well after that (exit {importer.returncode}) {err.strip()[:200]}")
stored = motivo.json("status", "--json", db=long_db).get("messages", 0)
check(stored >= 140_000, f"its messages are stored ({stored})")

# --- The write lock held by another process (BEGIN IMMEDIATE, as an import holds it).
db = os.path.join(work, "m.db")
motivo("import", "--quiet", demo, db=db)
holder_code = ("import sqlite3, sys\n"
               "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
               "c.execute('BEGIN IMMEDIATE')\n"
               "print('locked', flush=True)\n"
               "sys.stdin.readline()\n"
               "c.execute('COMMIT')\n")
with motivo.serve(db=db) as server:
    queue = json.loads(server.request("/api/invitations?direction=incoming&undecided=1")[2])
    target = queue[0]["id"]
    headers = server.write_headers(server.token())
    holder = subprocess.Popen([sys.executable, "-c", holder_code, db], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    try:
        check(holder.stdout.readline().strip() == "locked", "another process holds the write lock")
        status, _, body = server.request("/api/invitations?direction=incoming")
        check(status == 200 and len(json.loads(body)) >= len(queue), f"reads answer meanwhile ({status})")
        status, answer_headers, body = server.request(f"/api/invitations/{target}/decision", "POST",
                                                      {"decision": "accept"}, headers)
        error = json.loads(body) if body.startswith(b"{") else {}
        check(status == 503 and error.get("status") == 503 and "busy" in error.get("error", ""),
              f"a decision answers 503 ({status} {body[:120]!r})")
        check(answer_headers.get("Retry-After", "").isdigit(), f"with Retry-After ({answer_headers.get('Retry-After')})")

        second = motivo.start("import", "--quiet", demo, db=db, stderr=subprocess.PIPE, text=True)
        said = second.stderr.readline()
        check("another import is writing to" in said and second.poll() is None,
              f"a second import says another is running and waits ({said.strip()[:160]})")
    finally:
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(30)
    _, rest = second.communicate(timeout=120)
    check(second.returncode == 0, f"then it imports ({second.returncode}) {rest.strip()[:200]}")
    status, _, body = server.request(f"/api/invitations/{target}/decision", "POST", {"decision": "accept"}, headers)
    check(status == 200, f"the decision goes through once the lock is free ({status})")

# --- An existing database of mode 0644 becomes 0600 when a command opens it to write (one that only reads leaves the
# file as it is), said once.
os.chmod(db, 0o644)
p = motivo("reclassify", db=db)
check(stat.S_IMODE(os.stat(db).st_mode) == 0o600, f"a 0644 database is now {oct(stat.S_IMODE(os.stat(db).st_mode))}")
check("other users could read the database" in p.stderr and db in p.stderr, f"and it is said ({p.stderr.strip()[:160]})")
check("other users could read" not in motivo("reclassify", db=db).stderr, "once")

# --- Uploads in $TMPDIR; those of a killed server removed by the next one.
tmp = os.path.join(work, "tmp")
os.makedirs(tmp)
gone = subprocess.Popen(["true"])
gone.wait()
stale = os.path.join(tmp, f"motivo-upload-{gone.pid}-AbC123")
alive = os.path.join(tmp, f"motivo-upload-{os.getpid()}-XyZ789")
for path in (stale, alive):
    with open(path, "w") as f:
        f.write("x")
with motivo.serve(db=db, env={"TMPDIR": tmp}) as server:
    check(not os.path.exists(stale) and os.path.exists(alive),
          "at start, the uploads of processes that are gone are removed, others kept")
    headers = server.write_headers(server.token())
    body, content_type = multipart("demo.zip", os.urandom(1 << 20))
    connection = server.connection()
    connection.putrequest("POST", "/api/import")
    for name, value in dict(headers, **{"Content-Type": content_type, "Content-Length": str(len(body))}).items():
        connection.putheader(name, value)
    connection.endheaders()
    connection.send(body[: len(body) // 2])
    files = wait_until(lambda: [f for f in os.listdir(tmp) if f.startswith(f"motivo-upload-{server.process.pid}-")], 20)
    check(bool(files), f"an upload being received waits in $TMPDIR ({os.listdir(tmp)})")
    server.process.kill()
    server.process.wait()
    connection.close()
check(bool(files) and os.path.exists(os.path.join(tmp, files[0])), "a killed server leaves it behind")
with motivo.serve(db=db, env={"TMPDIR": tmp}):
    check(bool(files) and not os.path.exists(os.path.join(tmp, files[0])), "the next server removes it")

# --- A write of an upload cut short (a file size limit of 2 MiB, an upload of 4 MiB) is an error, not a truncated import.
limited = os.path.join(work, "limited-motivo")
with open(limited, "w") as f:
    f.write(f"#!{sys.executable}\nimport os, resource, signal, sys\n"
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (2 << 20, 2 << 20))\n"
            f"os.execv({os.path.abspath(sys.argv[1])!r}, [{os.path.abspath(sys.argv[1])!r}] + sys.argv[1:])\n")
os.chmod(limited, 0o755)
small_db = os.path.join(work, "small.db")
with Motivo(limited, work, now="2026-11-20T18:00:00Z").serve(db=small_db, env={"TMPDIR": tmp}) as server:
    headers = server.write_headers(server.token())
    body, content_type = multipart("demo.zip", os.urandom(4 << 20))
    status, _, answer = server.request("/api/import", "POST", body, dict(headers, **{"Content-Type": content_type}))
    error = json.loads(answer).get("error", "") if answer.startswith(b"{") else ""
    check(status == 507 and "cannot save the export:" in error and "too large" in error and tmp not in error,
          f"a short write of an upload is an error ({status} {error[:160]})")
check(not [f for f in os.listdir(tmp) if f != os.path.basename(alive)], "and its file is removed")

# --- --config naming a folder.
folder = os.path.join(work, "settings")
os.makedirs(folder)
p = motivo("--config", folder, "policy", "show", db=db, check=False)
check(p.returncode != 0 and folder in p.stderr and "folder" in p.stderr,
      f"--config naming a folder is an error naming it ({p.returncode} {p.stderr.strip()[:160]})")

check.exit()
