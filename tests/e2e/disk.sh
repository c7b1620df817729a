#!/usr/bin/env bash
# Issue 9: a full disk and a read-only database give a clear error, exit 1, and no partial state.
# Runs motivo in a user and mount namespace (unshare -rm): a small tmpfs stands for a full disk, a read-only
# bind mount for a read-only database. Usage: disk.sh MOTIVO SOURCE_DIR   (exit 77 without user namespaces)
set -euo pipefail
motivo=$1
source=$2
unshare -rm true 2>/dev/null || { echo "skipped: no user namespaces (unshare -rm) on this machine"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=en MOTIVO_NOW=2026-11-20T18:00:00Z
python3 "$source/scripts/gen-export.py" --profile bench --invitations 3000 --messages 6000 --connections 500 \
  --out "$work/big.zip" >/dev/null
# The same account's small export (a database holds one account): what the full disk's database holds before.
python3 "$source/scripts/gen-export.py" --profile bench --invitations 40 --messages 60 --connections 10 \
  --out "$work/small.zip" >/dev/null
failures=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi; }

# A full disk: the small export fits, the big one does not.
mkdir -p "$work/disk" "$work/out"
"$motivo" --db "$work/out/before.db" import --quiet "$work/small.zip" >/dev/null
sqlite3 "$work/out/before.db" .dump >"$work/out/before.sql"
# Room for the database and 400 KiB more: its -shm and the start of the big import's WAL, not the import.
room=$(($(stat -c %s "$work/out/before.db") / 1024 + 400))
unshare -rm sh -c "
  mount -t tmpfs -o size=${room}k tmpfs '$work/disk' &&
  cp '$work/out/before.db' '$work/disk/m.db' &&
  '$motivo' --db '$work/disk/m.db' import --quiet '$work/big.zip' >'$work/out/full.out' 2>'$work/out/full.err';
  echo \$? >'$work/out/full.rc';
  sqlite3 '$work/disk/m.db' 'PRAGMA integrity_check' >'$work/out/full.integrity';
  sqlite3 '$work/disk/m.db' .dump >'$work/out/after.sql'"
check "full disk: exit 1" '[[ $(cat "$work/out/full.rc") == 1 ]]'
check "full disk: the message says so ($(cat "$work/out/full.err"))" 'grep -q "full" "$work/out/full.err"'
check "full disk: integrity_check ok" '[[ $(cat "$work/out/full.integrity") == ok ]]'
check "full disk: the database holds exactly what it held" 'cmp -s "$work/out/before.sql" "$work/out/after.sql"'

# forget on a full disk: no room even for the pages it overwrites. All or nothing: refused before anything is
# removed (issue 20, item 13). It rewrites no file (secure_delete overwrites in place, issue 23): a disk with a
# quarter of the database's size free is enough.
"$motivo" --db "$work/out/forget.db" import --quiet "$work/big.zip" >/dev/null
sqlite3 "$work/out/forget.db" .dump >"$work/out/forget-before.sql"
for free in 40 $(( $(stat -c %s "$work/out/forget.db") / 4 / 1024 + 64 )); do
  room=$(( $(stat -c %s "$work/out/forget.db") / 1024 + free ))
  mkdir -p "$work/fdisk"
  unshare -rm sh -c "
    mount -t tmpfs -o size=${room}k tmpfs '$work/fdisk' &&
    cp '$work/out/forget.db' '$work/fdisk/m.db' &&
    '$motivo' --db '$work/fdisk/m.db' forget --yes i5 >'$work/out/forget.out' 2>'$work/out/forget.err';
    echo \$? >'$work/out/forget.rc';
    sqlite3 '$work/fdisk/m.db' 'PRAGMA integrity_check' >'$work/out/forget.integrity';
    sqlite3 '$work/fdisk/m.db' .dump >'$work/out/forget-after.sql'"
  check "forget, ${free} KiB free: integrity_check ok" '[[ $(cat "$work/out/forget.integrity") == ok ]]'
  if [[ $free == 40 ]]; then
    check "forget, full disk: exit 1" '[[ $(cat "$work/out/forget.rc") == 1 ]]'
    check "forget, full disk: says so ($(cat "$work/out/forget.err"))" 'grep -q "full" "$work/out/forget.err"'
    check "forget, full disk: the database holds exactly what it held" \
      'cmp -s "$work/out/forget-before.sql" "$work/out/forget-after.sql"'
  else
    check "forget, ${free} KiB free: done ($(cat "$work/out/forget.err"))" '[[ $(cat "$work/out/forget.rc") == 0 ]]'
    check "forget, ${free} KiB free: the database changed" \
      '! cmp -s "$work/out/forget-before.sql" "$work/out/forget-after.sql"'
  fi
done
rc=0
"$motivo" --db "$work/out/forget.db" forget --yes i5 >/dev/null 2>"$work/out/forget-room.err" || rc=$?
check "forget with room: done ($(cat "$work/out/forget-room.err"))" '[[ $rc == 0 ]]'

# A read-only database: every command that writes, and even reading (WAL readers write the -shm index), says so.
mkdir -p "$work/ro"
cp "$work/out/before.db" "$work/ro/m.db"
unshare -rm sh -c "
  mount --bind '$work/ro' '$work/ro' && mount -o remount,ro,bind '$work/ro' &&
  '$motivo' --db '$work/ro/m.db' import --quiet '$work/small.zip' >/dev/null 2>'$work/out/ro.err';
  echo \$? >'$work/out/ro.rc'"
check "read-only: exit 1" '[[ $(cat "$work/out/ro.rc") == 1 ]]'
check "read-only: the message says so ($(cat "$work/out/ro.err"))" 'grep -q "read-only" "$work/out/ro.err"'
sqlite3 "$work/ro/m.db" .dump >"$work/out/ro.sql"
check "read-only: nothing changed" 'cmp -s "$work/out/before.sql" "$work/out/ro.sql"'
exit $((failures > 0))
