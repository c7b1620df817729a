#!/usr/bin/env python3
"""Issue 9 (crash safety): an import killed with SIGKILL at any moment leaves a sound database that holds all of
that import or none of it, and importing again then gives exactly the right counts.

A generated export (fictional people) is imported once to learn the right counts. Then, for several trials, a
database that already holds an earlier export is copied, the import is started and killed after a random delay
spread over the whole import (parsing, inserts, index builds, labelling, commit), and the database is checked:
PRAGMA integrity_check, counts equal to before or to after, and a re-import ending at the reference counts.
Usage: crash.py MOTIVO SOURCE_DIR [TRIALS]   (MOTIVO_TEST_CRASH_TRIALS overrides TRIALS)
"""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

motivo, source = sys.argv[1], sys.argv[2]
trials = int(sys.argv[3]) if len(sys.argv) > 3 else 16
# The sanitizer presets run fewer trials (each import is several times slower there).
trials = int(os.environ.get("MOTIVO_TEST_CRASH_TRIALS", trials))
work = tempfile.mkdtemp(prefix="motivo-crash-")
env = {**os.environ, "LANG": "C.UTF-8", "LANGUAGE": "en"}
failures = checks = 0


def check(condition, what):
    global failures, checks
    checks += 1
    print(("ok   " if condition else "FAIL ") + what)
    failures += 0 if condition else 1


def gen(out, seed, invitations, messages, connections):
    subprocess.run([sys.executable, os.path.join(source, "scripts", "gen-export.py"), "--profile", "bench", "--seed",
                    str(seed), "--invitations", str(invitations), "--messages", str(messages), "--connections",
                    str(connections), "--out", out], check=True, capture_output=True)


def counts(db):
    p = subprocess.run([motivo, "--db", db, "status", "--json"], capture_output=True, text=True, env=env)
    s = json.loads(p.stdout)
    return {"incoming": s["invitations"]["incoming"], "outgoing": s["invitations"]["outgoing"],
            **{k: s[k] for k in ("messages", "connections", "people")}}


def labelled(db):
    p = subprocess.run(["sqlite3", db, "SELECT count(*) FROM invitations WHERE label IS NULL"], capture_output=True,
                       text=True)
    return p.stdout.strip() == "0"


earlier = os.path.join(work, "earlier")
later = os.path.join(work, "later")
gen(earlier, 1, 2000, 8000, 1000)
gen(later, 2, 6000, 30000, 3000)
base = os.path.join(work, "base.db")
subprocess.run([motivo, "--db", base, "import", "--quiet", earlier], check=True, capture_output=True, env=env)
before = counts(base)
reference = os.path.join(work, "reference.db")
shutil.copy(base, reference)
started = time.monotonic()
subprocess.run([motivo, "--db", reference, "import", "--quiet", later], check=True, capture_output=True, env=env)
duration = time.monotonic() - started
after = counts(reference)
check(after != before, f"the later export adds rows ({before} -> {after}); a whole import takes {duration:.2f} s")

random.seed(int(os.environ.get("MOTIVO_CRASH_SEED", "7")))
outcomes = {"nothing": 0, "everything": 0}
for trial in range(trials):
    db = os.path.join(work, f"trial{trial}.db")
    shutil.copy(base, db)
    delay = random.uniform(0.0, duration * 1.1)
    p = subprocess.Popen([motivo, "--db", db, "import", "--quiet", later], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=env)
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    p.wait()
    integrity = subprocess.run(["sqlite3", db, "PRAGMA integrity_check"], capture_output=True, text=True).stdout.strip()
    now = counts(db)
    state = "nothing" if now == before else "everything" if now == after else "partial"
    if state in outcomes:
        outcomes[state] += 1
    ok = integrity == "ok" and state != "partial" and labelled(db)
    subprocess.run([motivo, "--db", db, "import", "--quiet", later], capture_output=True, env=env)
    again = counts(db)
    ok = ok and again == after
    check(ok, f"trial {trial}: killed after {delay:.2f} s: integrity {integrity}, holds {state}, re-import gives "
              f"{'the reference counts' if again == after else again}")
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
print(f"killed before the commit {outcomes['nothing']} times, after it {outcomes['everything']} times")
shutil.rmtree(work)
print(f"{checks - failures}/{checks} checks passed")
sys.exit(1 if failures else 0)
