#!/usr/bin/env python3
"""Issue 9 (crash safety): an import killed with SIGKILL at any moment leaves a sound database that holds all of
that import or none of it, and importing again then gives exactly the right counts.

A generated export (fictional people) is imported once to learn the right counts. Then, for several trials, a
database that already holds an earlier export is copied, the import is started and killed after a random delay
spread over the whole import (parsing, inserts, index builds, labelling, commit), and the database is checked:
PRAGMA integrity_check, counts equal to before or to after, and a re-import ending at the reference counts.
Usage: crash.py MOTIVO SOURCE_DIR [TRIALS]   (MOTIVO_TEST_CRASH_TRIALS overrides TRIALS)
"""
import os
import random
import shutil
import signal
import sys
import time

from checks import Checks, Motivo, gen_export, integrity, sqlite, workdir

source = sys.argv[2]
trials = int(sys.argv[3]) if len(sys.argv) > 3 else 16
# The sanitizer presets run fewer trials (each import is several times slower there).
trials = int(os.environ.get("MOTIVO_TEST_CRASH_TRIALS", trials))
check = Checks()
work = workdir("crash")
motivo = Motivo(sys.argv[1], work)


def counts(db):
    s = motivo.json("status", "--json", db=db, check=False)
    return {"incoming": s["invitations"]["incoming"], "outgoing": s["invitations"]["outgoing"],
            **{k: s[k] for k in ("messages", "connections", "people")}}


def labelled(db):
    return sqlite(db, "SELECT count(*) FROM invitations WHERE label IS NULL").strip() == "0"


earlier = gen_export(source, os.path.join(work, "earlier"), "bench", seed=1, invitations=2000, messages=8000,
                     connections=1000)
later = gen_export(source, os.path.join(work, "later"), "bench", seed=2, invitations=6000, messages=30000,
                   connections=3000)
base = os.path.join(work, "base.db")
motivo("import", "--quiet", earlier, db=base)
before = counts(base)
reference = os.path.join(work, "reference.db")
shutil.copy(base, reference)
started = time.monotonic()
motivo("import", "--quiet", later, db=reference)
duration = time.monotonic() - started
after = counts(reference)
check(after != before, f"the later export adds rows ({before} -> {after}); a whole import takes {duration:.2f} s")

random.seed(int(os.environ.get("MOTIVO_CRASH_SEED", "7")))
outcomes = {"nothing": 0, "everything": 0}
for trial in range(trials):
    db = os.path.join(work, f"trial{trial}.db")
    shutil.copy(base, db)
    delay = random.uniform(0.0, duration * 1.1)
    p = motivo.start("import", "--quiet", later, db=db)
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    p.wait()
    sound = integrity(db)
    now = counts(db)
    state = "nothing" if now == before else "everything" if now == after else "partial"
    if state in outcomes:
        outcomes[state] += 1
    ok = sound == "ok" and state != "partial" and labelled(db)
    motivo("import", "--quiet", later, db=db, check=False)
    again = counts(db)
    ok = ok and again == after
    check(ok, f"trial {trial}: killed after {delay:.2f} s: integrity {sound}, holds {state}, re-import gives "
              f"{'the reference counts' if again == after else again}")
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
print(f"killed before the commit {outcomes['nothing']} times, after it {outcomes['everything']} times")
check.exit()
