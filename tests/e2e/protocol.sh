#!/usr/bin/env bash
# End-to-end test of the protocol (issue 4): a small export is imported, one inviter is asked with `motivo ask`,
# a later export brings the replies and an acceptance, and states and suggestions are checked at fixed times
# (MOTIVO_NOW), under each policy; then decide, policy check, compose, note/people, welcome and triage.
# Usage: protocol.sh MOTIVO_BINARY
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
motivo=$1
export MOTIVO_DB=$work/m.db XDG_CONFIG_HOME=$work/xdg HOME=$work TZ=Europe/Madrid
unset MOTIVO_CONFIG
config=$work/xdg/motivo/config.toml
mkdir -p "$work/xdg/motivo"
run() { "$motivo" "$@" >"$work/out" 2>"$work/err" || { fail "motivo $*: exit $?: $(head -c 300 "$work/err")"; return 1; }; }
# check STATE_JSON_FILE 'python expression over a dict by sender name' DESCRIPTION
check() {
  python3 - "$work/out" "$1" 2>"$work/check-err" <<'PY' && ok || fail "$2: $(tail -n 1 "$work/check-err")"
import json, sys
by = {x["from"]: x for x in json.load(open(sys.argv[1]))}
assert eval(sys.argv[2], {"by": by}), {k: (v["state"], v["suggestion"], v["label"]) for k, v in by.items()}
PY
}

owner='Lucía Owner,https://www.linkedin.com/in/lucia-owner'
url() { echo "https://www.linkedin.com/in/$1"; }
invitations() {
  echo 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl'
  echo "Ana Uno,Lucía Owner,\"11/1/26, 10:00 AM\",,INCOMING,$(url ana-uno),$(url lucia-owner)"
  echo "Bea Dos,Lucía Owner,\"11/1/26, 11:00 AM\",Me gustaría añadirte a mi red profesional en LinkedIn.,INCOMING,$(url bea-dos),$(url lucia-owner)"
  echo "Carl Tres,Lucía Owner,\"11/1/26, 12:00 PM\",\"Hola Lucía, nos conocimos ayer en la charla de datos de Valencia, ¿me pasas las slides?\",INCOMING,$(url carl-tres),$(url lucia-owner)"
  echo "Dan Cuatro,Lucía Owner,\"11/1/26, 1:00 PM\",\"Rentabilidad garantizada del 20% mensual en criptomonedas, escríbeme por WhatsApp +34 600 123 456\",INCOMING,$(url dan-cuatro),$(url lucia-owner)"
  echo "Eva Cinco,Lucía Owner,\"11/1/26, 2:00 PM\",Trabajamos en lo mismo. ¡Conectemos!,INCOMING,$(url eva-cinco),$(url lucia-owner)"
}
message() { # CONVERSATION FROM FROM_SLUG TO TO_SLUG DATE CONTENT
  echo "$1,,$2,$(url "$3"),$4,$(url "$5"),$6,,\"$7\",INBOX,No,No"
}
header_messages='CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT'
header_connections='First Name,Last Name,URL,Email Address,Company,Position,Connected On'

mkdir -p "$work/a" "$work/b"
invitations >"$work/a/Invitations.csv"
{
  echo "$header_messages"
  message c-bea "Lucía Owner" lucia-owner "Bea Dos" bea-dos "2026-11-02 09:00:00 UTC" "Hola Bea, ¿por qué quieres conectar?"
  message c-eva "Lucía Owner" lucia-owner "Eva Cinco" eva-cinco "2026-11-03 09:00:00 UTC" "Bienvenida, Eva"
} >"$work/a/messages.csv"
{ echo "$header_connections"; echo "Eva,Cinco,$(url eva-cinco),,,,02 Nov 2026"; } >"$work/a/Connections.csv"

run import --quiet "$work/a"
export MOTIVO_NOW=2026-11-05T12:00:00Z
run invitations --incoming --json
check 'by["Ana Uno"]["state"] == "pending" and by["Ana Uno"]["suggestion"] == "ask"' "empty note: ask"
check 'by["Bea Dos"]["state"] == "asked" and by["Bea Dos"]["suggestion"] == "wait" and by["Bea Dos"]["asked_at"] == "2026-11-02T09:00:00Z" and by["Bea Dos"]["deadline"] == "2026-11-09T09:00:00Z"' "asked from the messages: wait"
check 'by["Carl Tres"]["label"] == "personalized" and by["Carl Tres"]["suggestion"] == "accept"' "personal note: accept"
check 'by["Dan Cuatro"]["label"] == "spam" and by["Dan Cuatro"]["suggestion"] == "decline"' "spam: decline"
check 'by["Eva Cinco"]["state"] == "accepted" and not by["Eva Cinco"]["asked"] and by["Eva Cinco"]["suggestion"] == "none"' "a message after accepting is no ask"

ana=$(python3 -c 'import json,sys; print([x["id"] for x in json.load(open(sys.argv[1])) if x["from"]=="Ana Uno"][0])' "$work/out")
dan=$(python3 -c 'import json,sys; print([x["id"] for x in json.load(open(sys.argv[1])) if x["from"]=="Dan Cuatro"][0])' "$work/out")
run ask "$ana"
grep -q "^Buenas tardes, Ana\." "$work/out" && ok || fail "the ask is rendered in Spanish, by time of day: $(cat "$work/out")"
run invitations --incoming --json
check 'by["Ana Uno"]["state"] == "asked" and by["Ana Uno"]["asked_at"] == "2026-11-05T12:00:00Z"' "the recorded ask counts"

# The later export: Bea replied, Carl's invitation was accepted, Ana said nothing.
invitations >"$work/b/Invitations.csv"
{
  cat "$work/a/messages.csv"
  message c-bea "Bea Dos" bea-dos "Lucía Owner" lucia-owner "2026-11-06 18:00:00 UTC" "Trabajo en datos y me gustaría aprender de ti"
} >"$work/b/messages.csv"
{ cat "$work/a/Connections.csv"; echo "Carl,Tres,$(url carl-tres),,,,06 Nov 2026"; } >"$work/b/Connections.csv"
export MOTIVO_NOW=2026-11-20T12:00:00Z # the later export is downloaded after its newest message
run import --quiet "$work/b"
run invitations --incoming --json
check 'by["Ana Uno"]["state"] == "no_reply" and by["Ana Uno"]["suggestion"] == "decline"' "no reply by the deadline: decline"
check 'by["Bea Dos"]["state"] == "replied" and by["Bea Dos"]["replied_at"] == "2026-11-06T18:00:00Z" and by["Bea Dos"]["suggestion"] == "accept"' "replied: accept"
check 'by["Carl Tres"]["state"] == "accepted" and by["Carl Tres"]["suggestion"] == "none"' "accepted in the later export"
run invitations --incoming --json --policy strict
check 'by["Ana Uno"]["suggestion"] == "decline" and by["Bea Dos"]["suggestion"] == "decline" and by["Dan Cuatro"]["suggestion"] == "decline"' "strict: no personal note, decline"
run invitations --incoming --json --policy open
check 'by["Ana Uno"]["suggestion"] == "accept" and by["Dan Cuatro"]["suggestion"] == "decline"' "open: all but spam"

# Decisions.
run decide "$dan" spam
run invitations --incoming --json
check 'by["Dan Cuatro"]["state"] == "declined" and by["Dan Cuatro"]["label_source"] == "user" and by["Dan Cuatro"]["suggestion"] == "none"' "decide spam"
# An ask is a question before deciding: not recorded on a decided invitation (a dry run still prints it).
"$motivo" ask "$dan" >"$work/out" 2>"$work/err"; status=$?
[[ $status == 1 ]] && grep -q 'decided already' "$work/err" && ok || fail "no ask on a decided invitation: $status $(cat "$work/err")"
"$motivo" ask "$dan" --dry-run >"$work/out" 2>"$work/err" && ok || fail "a dry run on a decided invitation: $(cat "$work/err")"

# Custom rules, and a bad config that never falls back silently.
cat >"$config" <<'TOML'
policy = "ask"
deadline_days = 30

[[rules]]
label = "empty"
suggest = "decline"
TOML
run policy check
run invitations --incoming --json
check 'by["Ana Uno"]["suggestion"] == "decline" and by["Ana Uno"]["suggestion_reason"].endswith("config.toml:4")' "a custom rule wins"
printf 'policy = "ask"\n\n[[rules]]\nlabel = "nice"\nsuggest = "accept"\n' >"$config"
"$motivo" policy check >"$work/out" 2>"$work/err"; status=$?
[[ $status == 1 ]] && grep -q 'config.toml:4: unknown label "nice"' "$work/err" && ok || fail "policy check names the line: $status $(cat "$work/err")"
"$motivo" invitations >"$work/out" 2>"$work/err"; status=$?
[[ $status == 1 ]] && ok || fail "a bad config stops every command (exit $status)"
# Templates are checked with the file: one that does not parse, or names an unknown placeholder, is an error at
# its line (a typo would otherwise vanish from the message sent); so is a deadline beyond ten years.
printf 'policy = "ask"\n[templates]\nask_es = "{{#first_name}}hola"\n' >"$config"
"$motivo" policy check >"$work/out" 2>"$work/err"; status=$?
[[ $status == 1 ]] && grep -q 'config.toml:3: the template does not parse' "$work/err" && ok || fail "a template that does not parse: $status $(cat "$work/err")"
printf 'policy = "ask"\n[templates]\nask_en = "Hi {{first_nme}}"\n' >"$config"
"$motivo" policy check >"$work/out" 2>"$work/err"; status=$?
[[ $status == 1 ]] && grep -q 'config.toml:3: unknown placeholder {{first_nme}}' "$work/err" && ok || fail "an unknown placeholder: $status $(cat "$work/err")"
printf 'deadline_days = 99999999999\n' >"$config"
"$motivo" policy check >"$work/out" 2>"$work/err"; status=$?
[[ $status == 1 ]] && grep -q 'config.toml:1: "deadline_days" must be at most 3650' "$work/err" && ok || fail "a deadline beyond reason: $status $(cat "$work/err")"
rm "$config"
"$motivo" compose --to "Ana Uno" --text "Hola {{firstname}}" >"$work/out" 2>"$work/err"; status=$?
[[ $status == 1 ]] && grep -q 'unknown placeholder {{firstname}}' "$work/err" && ok || fail "compose with a typo: $status $(cat "$work/err")"
# The ask of a note with no language follows LANG when the settings do not say.
ana=$("$motivo" invitations --incoming --json | python3 -c 'import json,sys; print(next(x["id"] for x in json.load(sys.stdin) if x["from"] == "Ana Uno"))')
LANG=en_US.UTF-8 "$motivo" ask "$ana" --dry-run >"$work/out" 2>"$work/err" && grep -q '^Good ' "$work/out" && ok || fail "ask in English under LANG=en: $(cat "$work/out" "$work/err")"
LANG=es_ES.UTF-8 "$motivo" ask "$ana" --dry-run >"$work/out" 2>"$work/err" && grep -q '^Buen' "$work/out" && ok || fail "ask in Spanish under LANG=es: $(cat "$work/out" "$work/err")"

# compose: the free account's 200 characters, counted as LinkedIn does (UTF-16 units).
run compose --to "Ana Uno" --text "{{greeting}} {{first_name}}, te vi en la charla de ayer."
long=$(printf 'x%.0s' $(seq 199))
"$motivo" compose --to "Ana Uno" --text "${long}🚀" >"$work/out" 2>"$work/err"; status=$?
[[ $status == 1 ]] && grep -q "201 characters, 1 over the limit of 200" "$work/err" && ok || fail "compose over the limit: $status $(cat "$work/err")"

# Notes on people and their search.
run note "Carl Tres" "Nos presentó Íñigo en la cena de antiguos alumnos"
run people --search "inigo ALUMNOS" --json
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert [p["name"] for p in a]==["Carl Tres"], a' "$work/out" && ok || fail "people --search"

# Names without their accents, as people type them; an empty note is refused.
run people --search "lucia" --json
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert "Lucía Owner" in [p["name"] for p in a], a' "$work/out" && ok || fail "people --search without accents"
run note "lucia OWNER" "la dueña del export"
"$motivo" note "Carl Tres" "   " >"$work/out" 2>"$work/err"; status=$?
[[ $status == 1 ]] && grep -q 'the note is empty' "$work/err" && ok || fail "an empty note: $status $(cat "$work/err")"

run people --search "aprender de ti" --json
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert [p["name"] for p in a]==["Bea Dos"], a' "$work/out" && ok || fail "people --search finds words of messages"

# Welcome: Eva was written to after connecting, Carl was not.
run welcome --json
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert [p["name"] for p in a]==["Carl Tres"] and a[0]["message"].startswith("Buenas tardes, Carl"), a' "$work/out" && ok || fail "welcome lists who is not welcomed"

# Triage without a terminal prints the queue; with one, single keys decide.
run triage
grep -q "Ana Uno" "$work/out" && ok || fail "triage without a terminal lists the queue"
python3 - "$motivo" <<'PY' && ok || fail "triage on a terminal"
import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "triage"])
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
os.write(fd, b"a")
read_until(b"recorded: accept")
os.write(fd, b"q")
_, status = os.waitpid(pid, 0)
assert os.WEXITSTATUS(status) == 0 and b"recorded: accept" in out, out[-500:]
PY
run invitations --incoming --json --state accepted
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert len(a) >= 3, a' "$work/out" && ok || fail "triage recorded the accept"

summary e2e.protocol
