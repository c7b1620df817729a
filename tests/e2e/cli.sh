#!/usr/bin/env bash
# End-to-end tests of the motivo command line: the real binary, real files, a real database.
# Usage: cli.sh MOTIVO_BINARY SOURCE_DIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
motivo=$1
src=$2
export MOTIVO_DB=$work/default.db

# expect STATUS DESCRIPTION -- COMMAND...: runs the command, checks its exit status, keeps its output.
expect() {
  local want=$1 what=$2
  shift 3
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [[ $got == "$want" ]]; then ok; else fail "$what: exit $got, wanted $want; stderr: $(head -c 400 "$work/err")"; fi
}
contains() { # FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then ok; else fail "$3: no '$2' in: $(head -c 400 "$1")"; fi
}
digest() { sqlite3 "$1" .dump | sha256sum; }

# Usage and help.
expect 0 "--help" -- "$motivo" --help
contains "$work/out" "import" "--help lists the commands"
expect 2 "no command" -- "$motivo"
expect 2 "unknown option" -- "$motivo" status --frobnicate
expect 2 "import without a path" -- "$motivo" import
expect 0 "import --help" -- "$motivo" import --help
expect 0 "--version" -- "$motivo" --version

# A generated Spanish export, as a zip and as a folder.
python3 "$src/scripts/gen-export.py" --profile demo --out "$work/demo.zip" 2>/dev/null || fail "generator"
python3 "$src/scripts/gen-export.py" --profile demo --out "$work/demo" 2>/dev/null || fail "generator"
db=$work/m.db
expect 0 "import the zip" -- "$motivo" --db "$db" import "$work/demo.zip"
contains "$work/out" "Invitations.csv" "the summary lists the files"
contains "$work/out" "skipped" "unused files are listed as skipped"
[[ $(stat -c %a "$db") == 600 ]] && ok || fail "database mode is $(stat -c %a "$db"), not 600"
# New databases get 16 KiB pages (docs/PERFORMANCE.md); once lost silently, costing 20 % of import time.
[[ $(sqlite3 "$db" 'PRAGMA page_size') == 16384 ]] && ok || fail "page size $(sqlite3 "$db" 'PRAGMA page_size')"
expect 0 "status --json" -- "$motivo" --db "$db" status --json
python3 - "$work/out" <<'PY' && ok || fail "status --json shape"
import json, sys
j = json.load(open(sys.argv[1]))
assert set(j["invitations"]) >= {"incoming", "outgoing"}, j
for k in ("messages", "connections", "people", "imports"):
    assert isinstance(j[k], int), k
assert j["imports"] == 1 and j["invitations"]["incoming"] > 0 and j["messages"] > 0, j
PY
cp "$work/out" "$work/status1"
expect 0 "invitations --json" -- "$motivo" --db "$db" invitations --incoming --json
python3 - "$work/out" <<'PY' && ok || fail "invitations --json shape"
import json, sys
a = json.load(open(sys.argv[1]))
assert a and all(x["direction"] == "incoming" for x in a)
for x in a:
    assert {"id", "direction", "from", "to", "sent_at", "message"} <= set(x), x
    assert x["sent_at"].endswith("Z") and "T" in x["sent_at"], x
assert [x["sent_at"] for x in a] == sorted((x["sent_at"] for x in a), reverse=True), "newest first"
PY
expect 0 "invitations as text" -- "$motivo" --db "$db" invitations -n 5
expect 0 "re-import the folder" -- "$motivo" --db "$db" import --quiet "$work/demo"
expect 0 "status after re-import" -- "$motivo" --db "$db" status --json
python3 - "$work/status1" "$work/out" <<'PY' && ok || fail "re-import changed the counts"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for k in ("invitations", "messages", "connections", "people"):
    assert a[k] == b[k], (k, a[k], b[k])
assert b["imports"] == 2
PY

# Bad input: a clear error naming file, line and value, exit 1, and the database exactly as it was.
before=$(digest "$db")
bad() { # DESCRIPTION EXPECTED_TEXT PATH...
  local what=$1 text=$2
  shift 2
  expect 1 "$what" -- "$motivo" --db "$db" import --quiet "$@"
  contains "$work/err" "motivo: error: " "$what: error prefix"
  contains "$work/err" "$text" "$what: message"
  [[ $(digest "$db") == "$before" ]] && ok || fail "$what: the database changed"
}
head -c 5000 "$work/demo.zip" >"$work/truncated.zip"
bad "truncated zip" "truncated.zip: not a readable zip archive" "$work/truncated.zip"
mkdir -p "$work/junk" && head -c 3000 /dev/urandom >"$work/junk/Invitations.csv"
printf 'From,To,Sent At,Message,Direction\n' | cat - "$work/junk/Invitations.csv" >"$work/junk/x" && mv "$work/junk/x" "$work/junk/Invitations.csv"
bad "binary junk" "junk/Invitations.csv:" "$work/junk"
mkdir -p "$work/quote" && cp "$work/demo/Connections.csv" "$work/quote/" &&
  printf 'From,To,Sent At,Message,Direction\nAna,Lucía,"1/2/24, 9:00 AM",,INCOMING\nBea,Lucía,"1/2/24, 9:00 AM","Hola, sin cerrar,INCOMING\n' \
    >"$work/quote/Invitations.csv"
bad "unterminated quote" "quote/Invitations.csv:3: unterminated quoted field" "$work/quote"
mkdir -p "$work/column" && printf 'From,To,Message,Direction\nAna,Lucía,,INCOMING\n' >"$work/column/Invitations.csv"
bad "missing column" 'column/Invitations.csv:1: missing column "Sent At"' "$work/column"
mkdir -p "$work/date" && { head -n 5 "$work/demo/Invitations.csv"; printf 'Ana,Lucía,"2/30/24, 9:00 AM",,INCOMING,,\n'; } >"$work/date/Invitations.csv"
bad "impossible date" 'date/Invitations.csv:6: impossible or unrecognised date in "Sent At" ("2/30/24, 9:00 AM")' "$work/date"
bad "missing file" "no such file or folder" "$work/nothing-here.zip"
# A damaged entry inside a well-formed archive: flip bytes in the middle of the compressed data.
python3 - "$work/demo.zip" "$work/crc.zip" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
for i in range(200, 260):
    data[i] ^= 0x55
open(sys.argv[2], "wb").write(data)
PY
expect 1 "corrupt zip entry" -- "$motivo" --db "$db" import --quiet "$work/crc.zip"
contains "$work/err" "motivo: error: " "corrupt zip entry: error prefix"
[[ $(digest "$db") == "$before" ]] && ok || fail "corrupt zip entry: the database changed"

# The messages follow LANG (gettext), even where the system has no Spanish locale.
LANG=es_ES.UTF-8 "$motivo" --db "$db" status >"$work/out" 2>&1
contains "$work/out" "invitaciones" "status in Spanish with LANG=es_ES.UTF-8"
LANG=es_ES.UTF-8 "$motivo" report --help >"$work/out" 2>&1
contains "$work/out" "primer día (AAAA-MM-DD), incluido" "option help in Spanish"
LANG=es_ES.UTF-8 "$motivo" --db "$db" label 999999 spam >"$work/out" 2>&1
contains "$work/out" "no hay ninguna invitación i999999" "errors in Spanish"
LANG=en_GB.UTF-8 "$motivo" --db "$db" status >"$work/out" 2>&1
contains "$work/out" "invitations" "status in English with LANG=en_GB.UTF-8"

# Classification: one note, JSON Lines in order, labels stored with invitations, corrections kept.
expect 0 "classify a note" -- "$motivo" classify "Hola Ana, me gustaría añadirte a mi red profesional en LinkedIn"
contains "$work/out" "label       default" "classify prints the label"
contains "$work/out" "stock text (es" "classify prints the reasons"
expect 0 "classify --json" -- "$motivo" classify --json "Let's connect!"
python3 - "$work/out" <<'PY' && ok || fail "classify --json shape"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["label"] == "template" and j["language"] == "en" and j["reasons"] and 0.5 <= j["confidence"] <= 1, j
PY
printf '%s\n' '{"id": "a", "text": "", "sender": "X"}' '{"id": 7, "text": "Hi {first_name}, let us connect"}' \
  '{"text": "Rentabilidad garantizada del 20% mensual en criptomonedas: bit.ly/x"}' >"$work/notes.jsonl"
expect 0 "classify --jsonl" -- "$motivo" classify --jsonl <"$work/notes.jsonl"
python3 - "$work/out" <<'PY' && ok || fail "classify --jsonl output"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert [l["id"] for l in lines] == ["a", 7, 3], lines
assert [l["label"] for l in lines] == ["empty", "template", "spam"], lines
assert all({"id", "label", "language", "confidence", "reasons"} <= set(l) for l in lines)
PY
printf '%s\n' '{"id": 1, "text": "ok"}' '{"id": 2, "text": ' >"$work/bad.jsonl"
expect 1 "classify --jsonl, broken line" -- "$motivo" classify --jsonl <"$work/bad.jsonl"
contains "$work/err" "<stdin>:2: not valid JSON" "broken JSON Lines: file and line named"
expect 0 "invitations --json has labels" -- "$motivo" --db "$db" invitations --incoming --json
python3 - "$work/out" <<'PY' && ok || fail "invitations --json labels"
import json, sys
a = json.load(open(sys.argv[1]))
assert all(x["label"] in ("empty", "default", "template", "spam", "personalized") for x in a), a[:2]
assert all("language" in x and isinstance(x["reasons"], list) and x["reasons"] for x in a)
assert any(x["label"] == "empty" for x in a) and any(x["label"] == "personalized" for x in a)
PY
first_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$work/out")
expect 0 "label an invitation" -- "$motivo" --db "$db" label "$first_id" spam
expect 0 "reclassify" -- "$motivo" --db "$db" reclassify
contains "$work/out" "labelled" "reclassify prints a summary"
expect 0 "invitations --label spam" -- "$motivo" --db "$db" invitations --label spam --json
python3 - "$work/out" "$first_id" <<'PY' && ok || fail "the user's label survives reclassify"
import json, sys
a = json.load(open(sys.argv[1]))
mine = [x for x in a if x["id"] == int(sys.argv[2])]
assert mine and mine[0]["label_source"] == "user", a
PY
expect 0 "clear a label" -- "$motivo" --db "$db" label "$first_id" --clear
expect 1 "label an unknown invitation" -- "$motivo" --db "$db" label 999999 spam
expect 2 "label with a wrong label" -- "$motivo" --db "$db" label "$first_id" nonsense
printf '%s\n' '{"text": "hi", "label": "maybe"}' >"$work/badlabel.jsonl"
expect 1 "eval with a wrong label" -- "$motivo" eval "$work/badlabel.jsonl"
contains "$work/err" "badlabel.jsonl:1:" "eval names file and line"

# Command-line contracts found in a review: bad counts and periods are errors, --record checks its ids and reaches
# connections older than --limit, --as names a user that exists.
expect 2 "a negative --limit" -- "$motivo" --db "$db" invitations -n -3
contains "$work/err" "must be 0 or more" "a negative --limit says why"
expect 1 "--until before --since" -- "$motivo" --db "$db" report --since 2026-11-30 --until 2026-11-01
expect 1 "--html with --json" -- "$motivo" --db "$db" report --html "$work/r.html" --json
expect 1 "welcome --record of no connection" -- "$motivo" --db "$db" welcome --record 99999
contains "$work/err" "no connection c99999" "welcome --record names the id"
oldest=$("$motivo" --db "$db" welcome --all --limit 100000 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["connection"])')
expect 0 "welcome --record an old connection" -- "$motivo" --db "$db" welcome --limit 1 --record "$oldest" --json
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert [x["welcomed"] for x in a if x["connection"]==int(sys.argv[2])]==[True], a' "$work/out" "$oldest" && ok || fail "welcome --record beyond --limit"
expect 1 "--as an unknown user" -- "$motivo" --db "$db" --as nobody-here status
expect 2 "an unknown command" -- "$motivo" bogus
contains "$work/err" 'unknown command "bogus"' "an unknown command is named"
expect 2 "compose to nobody" -- "$motivo" compose --to " " --text hola
# Another person's export in a personal database is refused (one database per account); in a team's, an admin's
# import without --as is allowed, and said.
mkdir -p "$work/other"
printf 'From,To,Sent At,Message,Direction\nAna Otra,Otro Dueño,"11/1/26, 9:00 AM",,INCOMING\nOtro Dueño,Bea Otra,"11/2/26, 9:00 AM",,OUTGOING\n' >"$work/other/Invitations.csv"
cp "$db" "$work/mixed.db"
expect 1 "another owner's export in a personal database" -- "$motivo" --db "$work/mixed.db" import "$work/other"
contains "$work/err" "this export is Otro Dueño's and this database holds" "another owner's export is refused, naming both"
expect 0 "a user added" -- "$motivo" --db "$work/mixed.db" users add otro
expect 0 "another owner's export by an admin in a team's database" -- "$motivo" --db "$work/mixed.db" import "$work/other"
contains "$work/err" "the database also holds" "another owner's export is said"

# Team mode: a member reaches their own invitations only, on the command line as on the server: Bob cannot decide,
# ask or label Ana's (decide, ask and label ignored --as before), and nothing changes; Ana can.
team=$work/team.db
expect 0 "users add ana" -- "$motivo" --db "$team" users add ana
expect 0 "users add bob" -- "$motivo" --db "$team" users add bob
expect 0 "ana imports her export" -- "$motivo" --db "$team" --as ana import --quiet "$work/demo.zip"
expect 0 "bob imports his" -- "$motivo" --db "$team" --as bob import --quiet "$work/other"
anas=$("$motivo" --db "$team" --as ana invitations --incoming --state pending --json |
  python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
before=$(digest "$team")
for command in "decide $anas accept" "ask $anas" "label $anas spam"; do
  # shellcheck disable=SC2086 # the command's words
  expect 1 "bob: $command on ana's invitation" -- "$motivo" --db "$team" --as bob $command
  contains "$work/err" "no invitation i$anas" "bob: $command on ana's invitation is not found"
done
[[ $(digest "$team") == "$before" ]] && ok || fail "bob's attempts changed nothing"
expect 0 "ana labels her own" -- "$motivo" --db "$team" --as ana label "$anas" spam
expect 0 "ana asks her own" -- "$motivo" --db "$team" --as ana ask "$anas"
expect 0 "ana decides her own" -- "$motivo" --db "$team" --as ana decide "$anas" decline

# Issue 23: an upgrade whose migration marks every timeline and welcome stale (here: the last two migrations undone,
# the marks made by hand) is finished by the writer that migrates: afterwards nothing is stale, and a report
# read-only is the one from before.
up=$work/upgrade.db
cp "$db" "$up"
"$motivo" --db "$up" report --json >"$work/fresh.json" 2>/dev/null
sqlite3 "$up" "DROP INDEX invitations_by_label_time; DROP TABLE label_state; PRAGMA user_version = 18;
  INSERT INTO stale_timelines (invitation) SELECT id FROM invitations ON CONFLICT DO NOTHING;
  INSERT INTO stale_welcomes (connection) SELECT id FROM connections ON CONFLICT DO NOTHING;"
expect 0 "db migrate after an upgrade that marks everything stale" -- "$motivo" --db "$up" db migrate
[[ $(sqlite3 "$up" "SELECT (SELECT count(*) FROM stale_timelines) + (SELECT count(*) FROM stale_welcomes)") == 0 ]] &&
  ok || fail "db migrate left timelines or welcomes stale"
"$motivo" --db "$up" report --json >"$work/upgraded.json" 2>/dev/null
cmp -s "$work/fresh.json" "$work/upgraded.json" && ok || fail "the report after the upgrade differs"

# The default database location follows XDG_DATA_HOME when neither --db nor MOTIVO_DB is given (a command that
# writes creates it; status only reads).
(unset MOTIVO_DB; XDG_DATA_HOME=$work/xdg "$motivo" db migrate --json >/dev/null) && [[ -f $work/xdg/motivo/motivo.db ]] &&
  [[ $(stat -c %a "$work/xdg/motivo") == 700 ]] && ok || fail "XDG default location"

summary e2e.cli
