#!/usr/bin/env python3
"""Outgoing acceptance with and without notes, computed here independently from each real export's
Invitations.csv and Connections.csv (the invitee is a connection: by profile slug where the URL has one, else by
the normalised full name), must equal `motivo report --json` after importing that export.
The same export written anonymised (motivo export --anonymize) and imported again gives the same report.
Usage: report_real.py MOTIVO_BINARY EXPORTS_ROOT   (exit 77, a CTest skip, when the exports are absent)"""
import csv, json, subprocess, sys, unicodedata, os, tempfile, re
motivo=sys.argv[1]; root=sys.argv[2]
if not os.path.isdir(root):
    print('skipped: no real exports at', root); sys.exit(77)
failures=0
# One moment for every command: states that depend on the time (deadlines) must not move between two reports.
os.environ['MOTIVO_NOW'] = '2026-11-27T12:00:00Z'
def key(n): return ' '.join(unicodedata.normalize('NFKC', n).casefold().split())
def slug(u):
    m=re.search(r'linkedin\.com/in/([^/?#]+)', u or '')
    if not m: return ''
    from urllib.parse import unquote
    return unquote(m.group(1)).lower()
for folder in sorted(os.listdir(root)):
    d=os.path.join(root,folder)
    if not os.path.isdir(d): continue
    inv=os.path.join(d,'Invitations.csv'); con=os.path.join(d,'Connections.csv')
    if not os.path.exists(inv): continue
    slugs=set(); names=set()
    if os.path.exists(con):
        lines=open(con,encoding='utf-8-sig').read().split('\n')
        start=next(i for i,l in enumerate(lines) if l.startswith('First Name'))
        for r in csv.DictReader(lines[start:]):
            s=slug(r.get('URL',''));
            if s: slugs.add(s)
            n=key((r.get('First Name','')+' '+r.get('Last Name','')).strip())
            if n: names.add(n)
    w=wo=aw=awo=0
    for r in csv.DictReader(open(inv,encoding='utf-8-sig',newline='')):
        if r['Direction']!='OUTGOING': continue
        s=slug(r.get('inviteeProfileUrl',''))
        acc = (s in slugs) if s else (key(r['To']) in names)
        if r['Message'].strip(): w+=1; aw+=acc
        else: wo+=1; awo+=acc
    db=tempfile.mktemp()
    subprocess.run([motivo,'--db',db,'import','--quiet',d],check=True,capture_output=True)
    j=json.loads(subprocess.run([motivo,'--db',db,'report','--json'],check=True,capture_output=True,text=True).stdout)
    o=j['outgoing']
    mine=(o['with_note'],o['accepted_with_note'],o['without_note'],o['accepted_without_note'])
    ok = mine == (w,aw,wo,awo)
    failures += not ok
    print(folder, 'independent', (w,aw,wo,awo), 'motivo', mine, 'ok' if ok else 'DIFFERENT')
    # The anonymised export round trip: the same report from the pseudonymised archive.
    z=db+'.zip'; db2=db+'.2'
    subprocess.run([motivo,'--db',db,'export','--anonymize',z],check=True,capture_output=True)
    subprocess.run([motivo,'--db',db2,'import','--quiet',z],check=True,capture_output=True)
    again=json.loads(subprocess.run([motivo,'--db',db2,'report','--json'],check=True,capture_output=True,text=True).stdout)
    same = again == j
    failures += not same
    print(folder, 'anonymised round trip', 'same report' if same else 'DIFFERENT REPORT')
    if not same:
        for k in sorted(set(j) | set(again)):
            if j.get(k) != again.get(k): print('  ', k, j.get(k), '->', again.get(k))
    for p in (db, z, db2):
        if os.path.exists(p): os.remove(p)
sys.exit(1 if failures else 0)
