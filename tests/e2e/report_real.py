#!/usr/bin/env python3
"""Outgoing acceptance with and without notes, computed here independently from each real export's
Invitations.csv and Connections.csv (the invitee is a connection: by profile slug where the URL has one, else by
the normalised full name), must equal `motivo report --json` after importing that export.
The same export written anonymised (motivo export --anonymize) and imported again gives the same report.
Usage: report_real.py MOTIVO_BINARY EXPORTS_ROOT   (exit 77, a CTest skip, when the exports are absent)"""
import csv
import os
import re
import sys
import unicodedata
from urllib.parse import unquote

from checks import Checks, Motivo, skip, workdir

root = sys.argv[2]
if not os.path.isdir(root):
    skip(f"no real exports at {root}")
check = Checks()
work = workdir("report-real")
# One moment for every command: states that depend on the time (deadlines) must not move between two reports.
motivo = Motivo(sys.argv[1], work, now="2026-11-27T12:00:00Z")


def key(name):
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def slug(url):
    m = re.search(r"linkedin\.com/in/([^/?#]+)", url or "")
    return unquote(m.group(1)).lower() if m else ""


def connections(path):
    """The connections' profile slugs and normalised names (Connections.csv starts with a few lines of notes)."""
    slugs, names = set(), set()
    if os.path.exists(path):
        lines = open(path, encoding="utf-8-sig").read().split("\n")
        start = next(i for i, line in enumerate(lines) if line.startswith("First Name"))
        for r in csv.DictReader(lines[start:]):
            s = slug(r.get("URL", ""))
            if s:
                slugs.add(s)
            n = key((r.get("First Name", "") + " " + r.get("Last Name", "")).strip())
            if n:
                names.add(n)
    return slugs, names


for folder in sorted(os.listdir(root)):
    d = os.path.join(root, folder)
    if not os.path.isdir(d) or not os.path.exists(os.path.join(d, "Invitations.csv")):
        continue
    slugs, names = connections(os.path.join(d, "Connections.csv"))
    w = wo = aw = awo = 0
    for r in csv.DictReader(open(os.path.join(d, "Invitations.csv"), encoding="utf-8-sig", newline="")):
        if r["Direction"] != "OUTGOING":
            continue
        s = slug(r.get("inviteeProfileUrl", ""))
        accepted = (s in slugs) if s else (key(r["To"]) in names)
        if r["Message"].strip():
            w += 1
            aw += accepted
        else:
            wo += 1
            awo += accepted
    db = os.path.join(work, folder + ".db")
    motivo("import", "--quiet", d, db=db)
    report = motivo.json("report", "--json", db=db)
    o = report["outgoing"]
    mine = (o["with_note"], o["accepted_with_note"], o["without_note"], o["accepted_without_note"])
    if not os.path.exists(os.path.join(d, "Connections.csv")):
        aw = awo = None  # no Connections.csv: who accepted is unknown, null (never 0)
    check(mine == (w, aw, wo, awo), f"{folder}: independent {(w, aw, wo, awo)}, motivo {mine}")
    # The anonymised export round trip: the same report from the pseudonymised archive.
    anonymised = os.path.join(work, folder + ".zip")
    motivo("export", "--anonymize", anonymised, db=db)
    motivo("import", "--quiet", anonymised, db=db + ".2")
    again = motivo.json("report", "--json", db=db + ".2")
    if report["outgoing"]["accepted"] is None:
        # Acceptance unknown: whether a message is an ask depends on its words ("Great to connect" is conversation),
        # and pseudonyms replace every word that is part of someone's name ("Great Learning" sends messages).
        for r in (report, again):
            r.pop("time")
            for k in ("asked", "replied", "reply_rate", "reply_rate_n", "reply_rate_interval", "median_hours_to_reply"):
                r["incoming"].pop(k)
    # Pseudonyms replace every word of someone's name inside the notes too ("linkedin" when a sender calls himself
    # so), and the note model reads those words: a note may change its label with the invented word (one of 143
    # received in the 2024 export one time in two, one of 10 sent notes in the 2026-04 one; docs/CLASSIFIER.md,
    # "Limits"). The labels' counts may move by one note in a hundred (at least one); every other figure is the same.
    moved = sum(abs(report["incoming"]["by_label"][k] - again["incoming"]["by_label"][k])
                for k in report["incoming"]["by_label"]) // 2
    moved += abs(report["outgoing"]["templated"] - again["outgoing"]["templated"])
    if 0 < moved <= max(1, (report["incoming"]["received"] + report["outgoing"]["sent"]) // 100):
        print(f"note {folder}: {moved} note(s) read differently once pseudonymised")
        for r in (report, again):
            for k in ("by_label", "personalized", "not_personalized", "spam", "personalization_rate",
                      "personalization_rate_interval"):
                r["incoming"].pop(k)
            for k in [k for k in r["outgoing"] if "templated" in k or "handwritten" in k]:
                r["outgoing"].pop(k)
    if not check(again == report, f"{folder}: the anonymised round trip gives the same report"):
        for k in sorted(set(report) | set(again)):
            if report.get(k) != again.get(k):
                print("  ", k, report.get(k), "->", again.get(k))
check.exit()
