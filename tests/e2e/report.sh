#!/usr/bin/env bash
# The seed's month replayed: 28 invitations in November 2013, 2 with a personal note and 26 with LinkedIn's
# stock text; the author asked the 26 and 5 answered; 7 became connections (Connections.csv gives only the day, as
# every export since 2022 and the seed's style); he welcomed the two personal ones after connecting and neither
# answered the welcome. `motivo report` must give exactly those numbers, the seed's sentence, an empty October
# without dividing by zero, and the comparison; `motivo welcome` must count the 2 welcomes, never the 5 asks.
# Usage: report.sh MOTIVO_BINARY
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
motivo=$1
export MOTIVO_DB=$work/m.db HOME=$work XDG_CONFIG_HOME=$work/xdg MOTIVO_NOW=2013-12-02T10:00:00Z
unset MOTIVO_CONFIG

mkdir -p "$work/export"
python3 - "$work/export" <<'PY'
import csv, sys, os
out = sys.argv[1]
owner, owner_slug = "Autor Del Blog", "autor-del-blog"
people = [f"Persona {i:02d} Apellido" for i in range(28)]
slug = lambda n: n.lower().replace(" ", "-")
with open(os.path.join(out, "Invitations.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["From", "To", "Sent At", "Message", "Direction"])
    for i, p in enumerate(people):
        day = 1 + i
        note = ("Hola, nos conocimos ayer en la charla de SEO de Valencia, ¿me pasas las transparencias?" if i < 2
                else "Me gustaría añadirte a mi red profesional en LinkedIn.")
        w.writerow([p, owner, f"11/{day}/13, 10:00 AM", note, "INCOMING"])
with open(os.path.join(out, "messages.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
                "DATE", "SUBJECT", "CONTENT", "FOLDER"])
    u = lambda s: f"https://www.linkedin.com/in/{s}"
    for i, p in enumerate(people[2:], start=2):
        day = 1 + i
        w.writerow([f"c{i}", "", owner, u(owner_slug), p, u(slug(p)), f"2013-11-{day:02d} 20:00:00 UTC", "",
                    "Hola, ¿por qué quieres conectar?", "INBOX"])
        if i < 7:  # five of the asked answer the next day
            w.writerow([f"c{i}", "", p, u(slug(p)), owner, u(owner_slug), f"2013-11-{day + 1:02d} 08:00:00 UTC", "",
                        "Leo tu blog y me gustaría comentarte un proyecto", "INBOX"])
    for i, p in enumerate(people[:2]):  # the two personal ones, welcomed two days after connecting; no answer
        w.writerow([f"w{i}", "", owner, u(owner_slug), p, u(slug(p)), f"2013-11-{22 + i:02d} 10:00:00 UTC", "",
                    "Gracias por conectar, ¡un placer!", "INBOX"])
with open(os.path.join(out, "Connections.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    for i, p in enumerate(people[:7]):  # the two personal ones and the five who replied
        first, rest = p.split(" ", 1)
        w.writerow([first, rest, f"https://www.linkedin.com/in/{slug(p)}", "", "", "", f"{20 + i:02d} Nov 2013"])
PY

"$motivo" import --quiet "$work/export" >/dev/null 2>"$work/err" && ok || fail "import: $(cat "$work/err")"
"$motivo" report --since 2013-11-01 --until 2013-11-30 --json >"$work/out" 2>"$work/err" && ok || fail "report: $(cat "$work/err")"
python3 - "$work/out" <<'PY' && ok || fail "the seed's numbers"
import json, sys
j = json.load(open(sys.argv[1]))
i = j["incoming"]
assert j["period"] == {"since": "2013-11-01", "until": "2013-11-30"}, j["period"]
got = {k: i[k] for k in ("received", "personalized", "not_personalized", "asked", "replied", "accepted", "declined", "pending")}
assert got == {"received": 28, "personalized": 2, "not_personalized": 26, "asked": 26, "replied": 5, "accepted": 7,
               "declined": 0, "pending": 21}, got
assert i["by_label"] == {"empty": 0, "default": 26, "template": 0, "spam": 0, "personalized": 2}, i["by_label"]
assert i["reply_rate"] == 0.192 and i["reply_rate_n"] == 26, i
lo, hi = i["reply_rate_interval"]
assert 0.08 < lo < 0.09 and 0.37 < hi < 0.39, (lo, hi)   # Wilson 95 % for 5/26
assert i["median_hours_to_reply"] == 12.0, i["median_hours_to_reply"]
assert j["time"]["asks"] == 26 and j["time"]["minutes"] == 52, j["time"]
# Welcomes: the 2 sent after connecting, neither answered; the 5 asks answered before connecting are no welcome.
assert j["welcome"]["sent"] == 2 and j["welcome"]["replied"] == 0, j["welcome"]
assert j["welcome"]["reply_rate"] == 0.0 and j["welcome"]["reply_rate_n"] == 2, j["welcome"]
PY

# welcome: the five who answered an ask before connecting were not welcomed; the two personal ones were.
"$motivo" welcome --all --json >"$work/out" 2>"$work/err" && ok || fail "welcome --all: $(cat "$work/err")"
python3 - "$work/out" <<'PY' && ok || fail "welcome --all: who was welcomed"
import json, sys
rows = {r["name"]: r for r in json.load(open(sys.argv[1]))}
assert len(rows) == 7, sorted(rows)
welcomed = sorted(n for n, r in rows.items() if r["welcomed"])
assert welcomed == ["Persona 00 Apellido", "Persona 01 Apellido"], welcomed
assert not any(r["replied"] for r in rows.values()), rows
PY
LANG=en_GB.UTF-8 "$motivo" welcome --all >"$work/out" 2>&1
grep -q "Persona 02 Apellido  (connected 2013-11-22)$" "$work/out" && ! grep -q "replied" "$work/out" &&
  [[ $(grep -c ", welcomed, no reply yet" "$work/out") == 2 ]] && ok || fail "welcome --all as text: $(head -12 "$work/out")"
# The three latest connections (persons 06, 05, 04) were not welcomed: each is offered a welcome.
"$motivo" welcome -n 3 --json >"$work/out" && python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert [r["name"] for r in rows] == ["Persona 06 Apellido", "Persona 05 Apellido", "Persona 04 Apellido"], rows
assert not any(r["welcomed"] for r in rows) and all(r["message"] for r in rows), rows' "$work/out" && ok ||
  fail "welcome -n 3: $(cat "$work/out")"
LANG=en_GB.UTF-8 "$motivo" welcome -n 3 >"$work/out" 2>&1
[[ $(grep -c "(connected 2013-11-2[456])$" "$work/out") == 3 ]] && ! grep -q "Every recent connection" "$work/out" &&
  ok || fail "welcome -n 3 as text: $(cat "$work/out")"
LANG=en_GB.UTF-8 "$motivo" report --since 2013-11-01 --until 2013-11-30 >"$work/out" 2>&1
grep -qE "welcomes replied +0 % \[0–66\] n=2$" "$work/out" && ok || fail "report: welcomes replied: $(grep welcomes "$work/out")"

LANG=es_ES.UTF-8 "$motivo" report --since 2013-11-01 --until 2013-11-30 >"$work/out" 2>&1
grep -qF "28 invitaciones: 2 personalizadas (7 %), 26 sin personalizar; preguntadas 26, respondieron 5 (19 %)." "$work/out" && ok || fail "the seed's sentence: $(tail -3 "$work/out")"
LANG=en_GB.UTF-8 "$motivo" report --since 2013-11-01 --until 2013-11-30 >"$work/out" 2>&1
grep -qF "28 invitations: 2 personalised (7 %), 26 not; asked 26, 5 replied (19 %)." "$work/out" && ok || fail "in English: $(tail -3 "$work/out")"
# The table's layout: the labels under their own heading (they add up to all the invitations, personalised ones
# included), the kinds of note under "accepted with a note".
python3 - "$work/out" <<'PY' && ok || fail "the report table's layout: $(head -30 "$work/out")"
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
at = lambda name: next(i for i, l in enumerate(lines) if l.strip().startswith(name))
labels = [int(lines[at(n)].split()[-1]) for n in ("empty", "default", "template", "spam", "personalized")]
assert at("by label") < at("empty") and sum(labels) == 28, labels
assert at("accepted with a note") < at("hand-written note") < at("template note") < at("accepted without a note")
PY

# An empty period, and one with invitations but no asks: no division by zero.
"$motivo" report --since 2013-10-01 --until 2013-10-31 --json >"$work/out" 2>"$work/err" && ok || fail "empty period: $(cat "$work/err")"
python3 -c 'import json,sys; i=json.load(open(sys.argv[1]))["incoming"]; assert i["received"]==0 and i["reply_rate"] is None and i["personalization_rate"] is None, i' "$work/out" && ok || fail "empty period figures"
"$motivo" report --since 2013-11-01 --until 2013-11-02 --json >"$work/out" && python3 -c 'import json,sys; i=json.load(open(sys.argv[1]))["incoming"]; assert i["received"]==2 and i["asked"]==0 and i["reply_rate"] is None, i' "$work/out" && ok || fail "no asks"

"$motivo" report --since 2013-11-10 --until 2013-11-28 --json >"$work/out" && python3 -c 'import json,sys; i=json.load(open(sys.argv[1]))["incoming"]; assert i["asked"]==19 and i["replied"]==0 and i["reply_rate"]==0.0 and i["reply_rate_interval"][0]==0.0 and i["median_hours_to_reply"] is None, i' "$work/out" && ok || fail "asked but no replies"

# Series, CSV and the comparison.
"$motivo" report --by month --json >"$work/out" && python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["series"]; assert [p["period"] for p in s]==["2013-11"] and s[0]["received"]==28, s' "$work/out" && ok || fail "monthly series"
"$motivo" report --by week --csv >"$work/out" && [[ $(head -1 "$work/out") == period,received,* ]] && grep -q "^2013-W45," "$work/out" && ok || fail "weekly CSV: $(head -3 "$work/out")"
LANG=es_ES.UTF-8 "$motivo" report --compare 2013-10 2013-11 >"$work/out" 2>&1 && grep -q "2013-11: 28 invitaciones" "$work/out" && ok || fail "compare: $(tail -4 "$work/out")"
"$motivo" report --since 2013-13-01 >"$work/out" 2>"$work/err"; [[ $? == 1 ]] && grep -q -- "--since must be a date" "$work/err" && ok || fail "a bad date is an error"

# The HTML report: one private file, charts inline, nothing loaded from the network.
LANG=es_ES.UTF-8 "$motivo" report --html "$work/r.html" >/dev/null 2>"$work/err" && ok || fail "report --html: $(cat "$work/err")"
[[ $(stat -c %a "$work/r.html") == 600 ]] && ok || fail "the HTML report is not 0600"
python3 - "$work/r.html" <<'PY' && ok || fail "HTML report content"
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
assert html.count("<svg") == 4, html.count("<svg")
assert "28 invitaciones: 2 personalizadas (7 %)" in html
assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)=', html), "loads something"
assert "2013-W45" in html and 'lang="es"' in html
PY

# The anonymised export: no real name left, same report after a round trip; and the JSON backup.
"$motivo" report --json >"$work/before.json"
"$motivo" export --anonymize "$work/anon.zip" >/dev/null 2>"$work/err" && ok || fail "export --anonymize: $(cat "$work/err")"
[[ $(stat -c %a "$work/anon.zip") == 600 ]] && ok || fail "the anonymised export is not 0600"
! unzip -p "$work/anon.zip" | grep -q -e "Persona" -e "Apellido" -e "Autor" -e "autor-del-blog" && ok || fail "a real name is left in the anonymised export"
MOTIVO_DB=$work/anon.db "$motivo" import --quiet "$work/anon.zip" >/dev/null 2>"$work/err" && ok || fail "import of the anonymised export: $(cat "$work/err")"
MOTIVO_DB=$work/anon.db "$motivo" report --json >"$work/after.json"
cmp -s "$work/before.json" "$work/after.json" && ok || fail "the anonymised export gives another report: $(diff "$work/before.json" "$work/after.json" | head -5)"
"$motivo" export --json "$work/backup.jsonl" >/dev/null && python3 -c '
import json, sys
kinds = [json.loads(l)["kind"] for l in open(sys.argv[1])]
assert kinds.count("invitation") == 28 and kinds.count("connection") == 7 and kinds.count("message") == 33, kinds' "$work/backup.jsonl" && ok || fail "export --json"
# What the user wrote is in the backup too: notes on people, asks and welcomes recorded.
someone=$("$motivo" invitations --incoming --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["from"])')
"$motivo" note "$someone" "Nos presentó Íñigo en la cena" >/dev/null 2>"$work/err" || fail "note: $(cat "$work/err")"
"$motivo" export --json "$work/backup.jsonl" >/dev/null && python3 - "$work/backup.jsonl" "$MOTIVO_DB" <<'PY' && ok || fail "export --json keeps notes, asks and welcomes"
import json, sqlite3, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
db = sqlite3.connect(sys.argv[2])
count = lambda table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
kinds = [r["kind"] for r in rows]
assert kinds.count("note") == count("person_notes") == 1, kinds
assert kinds.count("ask") == count("asks") and kinds.count("welcome") == count("welcomes"), (kinds.count("ask"), count("asks"))
note = next(r for r in rows if r["kind"] == "note")
assert note["text"] == "Nos presentó Íñigo en la cena" and note["about"] and note["at"].endswith("Z"), note
PY

summary e2e.report
