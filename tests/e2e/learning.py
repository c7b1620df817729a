#!/usr/bin/env python3
"""Learning from the user (issue 22): `motivo label` on one note relabels its near-duplicates, saying so ("like the
note you labelled on DATE (iN)"); `label --clear` undoes it; the queue's JSON says which labels are guesses to check.
Usage: learning.py MOTIVO_BINARY"""
import os
import sys

from checks import Checks, Motivo, workdir

check = Checks()
work = workdir("learning")
motivo = Motivo(sys.argv[1], work, db=os.path.join(work, "m.db"), now="2026-11-20T12:00:00Z")

CLUB = "Hola {}, llevo el club de ajedrez del barrio y me encantaría que te unieras a las partidas de los jueves{}"
export = os.path.join(work, "export")
os.makedirs(export)
with open(os.path.join(export, "Invitations.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("From,To,Sent At,Message,Direction\r\n")
    f.write(f'Ana Ruiz,Olga Owner,"11/10/26, 9:00 AM","{CLUB.format("Olga", ".")}",INCOMING\r\n')
    f.write(f'Bruno Paz,Olga Owner,"11/11/26, 9:00 AM","{CLUB.format("Olga", "!")}",INCOMING\r\n')
    f.write('Carla Gil,Olga Owner,"11/12/26, 9:00 AM",Quiero ampliar mi red con profesionales como tú,INCOMING\r\n')
motivo("import", "--quiet", export)


def by_sender():
    return {i["from"]: i for i in motivo.json("invitations", "--json")}


before = by_sender()
ana, bruno, carla = before["Ana Ruiz"], before["Bruno Paz"], before["Carla Gil"]
check(all(isinstance(i["check_label"], bool) for i in before.values()), "every invitation says whether to check its label")
taught = "template" if bruno["label"] == "personalized" else "personalized"

out = motivo("label", f"i{ana['id']}", taught).stdout
check("1 note like a note you labelled follows your label" in out, f"label says what it taught: {out!r}")
after = by_sender()
b = after["Bruno Paz"]
check(b["label"] == taught and b["label_source"] == "motivo", f"the near-duplicate follows the correction: {b['label']}")
check(b["reasons"][:1] == [f"like the note you labelled on 2026-11-20 (i{ana['id']})"], f"reason: {b['reasons'][:1]}")
check(any(r.startswith("the rules alone: ") for r in b["reasons"]), "the rules' own label is kept in the reasons")
check(b["check_label"] is False, "a label taught by a correction is no guess")
check(after["Carla Gil"]["label"] == carla["label"], "an unrelated note keeps its label")
check(after["Ana Ruiz"]["label_source"] == "user", "the corrected note carries the user's label")

summary = motivo.json("reclassify", "--json")
check(summary["taught"]["like_corrected"] == 1, f"reclassify keeps teaching: {summary['taught']}")

es = motivo("invitations", env={"LANGUAGE": "es"}).stdout
check(f"i{bruno['id']}" in es, "the list shows the relabelled note")

motivo("label", f"i{ana['id']}", "--clear")
cleared = by_sender()
check(cleared["Bruno Paz"]["label"] == bruno["label"], "clearing the correction gives the rules' label back")
check(not any(r.startswith("like the note") for r in cleared["Bruno Paz"]["reasons"]), "and its reasons")
check.exit()
