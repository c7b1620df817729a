#!/usr/bin/env bash
# The mail benchmark (issue 7): an mbox of BENCH_MAILS messages (default 20,000; the fixtures of tests/data/mail
# repeated with fresh Message-IDs, invitation ids and senders) imported by motivo, against Python's standard
# library only parsing it (bench/mail_baseline.py), in the same run, with hyperfine; and motivo's peak memory.
# Usage: bench/mail.sh [BUILD_DIR]   (results in BUILD_DIR/bench/mail.md)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
motivo=$PWD/$build/motivo
out=$PWD/$build/bench
mails=${BENCH_MAILS:-20000}
runs=${BENCH_RUNS:-3}
mkdir -p "$out"
mbox=$out/linkedin-$mails.mbox
if [[ ! -f $mbox ]]; then
  python3 - "$mbox" "$mails" <<'PY'
import mailbox, os, random, re, sys
path, count = sys.argv[1], int(sys.argv[2])
fixtures = "tests/data/mail"
raw = [open(os.path.join(fixtures, f), "rb").read() for f in sorted(os.listdir(fixtures)) if f.endswith(".eml")]
random.seed(7)
box = mailbox.mbox(path)
for n in range(count):
    m = raw[n % len(raw)]
    m = re.sub(rb"Message-ID: <[^>]*>", b"Message-ID: <bench-%d@example.org>" % n, m, count=1, flags=re.I)
    m = re.sub(rb"invitationId([=/])(\d+)", lambda g: b"invitationId" + g.group(1) + b"%d" % (int(g.group(2)) + n), m)
    m = m.replace(b"Marta Quillfeather", b"Marta Quill%d" % n).replace(b"Oskar Brandvold", b"Oskar Brand%d" % n)
    box.add(m)
box.close()
PY
fi
du -h "$mbox"
rm -f "$out/mail.db"*
hyperfine --runs "$runs" --export-markdown "$out/mail.md" \
  --prepare "rm -f $out/mail.db $out/mail.db-wal $out/mail.db-shm" \
  -n "motivo import (mbox, $mails messages)" "$motivo --db $out/mail.db import --quiet $mbox" \
  -n "python stdlib (parse only)" "python3 bench/mail_baseline.py $mbox"
/usr/bin/time -f "motivo peak RSS: %M KiB" "$motivo" --db "$out/mail-rss.db" import --quiet "$mbox" >/dev/null
rm -f "$out/mail-rss.db"*
cat "$out/mail.md"
