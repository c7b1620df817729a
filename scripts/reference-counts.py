#!/usr/bin/env python3
"""Independent reference counts for motivo's LinkedIn importer (Python 3 stdlib only).
Usage: scripts/reference-counts.py [EXPORTS_ROOT]   (default ../shared/data/linkedin-exports, beside the repository)
Per folder: the counts the importer must produce under the written
import rules (taken literally);
then all folders into one person space (alphabetical order) and a re-import that must add nothing.
Output contains counts only, never names from the data."""
import csv, io, re, sys, unicodedata
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

PT = ZoneInfo('America/Los_Angeles')
US_FMT = '%m/%d/%y, %I:%M %p'                     # 1/8/18, 6:14 PM (US Pacific local)
SLUG_RE = re.compile(r'^https?://(?:www\.)?linkedin\.com/in/([^?#]*)')
# LA transitions 2010-2030, found by scanning UTC hours (they fall on the hour).
_t0 = datetime(2010, 1, 1, tzinfo=timezone.utc)
DST_CHANGES = [_t0 + timedelta(hours=h) for h in range(1, 21 * 366 * 24)
               if (_t0 + timedelta(hours=h)).astimezone(PT).utcoffset()
               != (_t0 + timedelta(hours=h - 1)).astimezone(PT).utcoffset()]


def name_key(s):
    return ' '.join(unicodedata.normalize('NFKC', s).casefold().split())


PLACEHOLDERS = {'linkedin member', 'miembro de linkedin', 'membre de linkedin', 'linkedin-mitglied',
                'membro do linkedin', 'membro di linkedin'}


def slug_of(url):
    m = SLUG_RE.match(url.strip())
    slug = m.group(1).removesuffix('/') if m else ''
    # Connections.csv percent-encodes the slugs that Invitations.csv writes raw: decode, then lower-case.
    return unquote(slug).lower() or None


def pacific(text, stats, what):
    """Parse US-Pacific local 'M/D/YY, h:mm AM' to a UTC datetime; note DST oddities."""
    naive = datetime.strptime(text.strip(), US_FMT)
    local = naive.replace(tzinfo=PT, fold=0)
    if local.utcoffset() != naive.replace(tzinfo=PT, fold=1).utcoffset():
        back = local.astimezone(timezone.utc).astimezone(PT).replace(tzinfo=None)
        stats[f'{what}: {"nonexistent" if back != naive else "ambiguous"} local time'] += 1
    utc = local.astimezone(timezone.utc)
    gap = min(abs(utc - c) for c in DST_CHANGES)
    stats[f'{what}: within 1h of a DST change'] += gap <= timedelta(hours=1)
    stats[f'{what}: closest to a DST change'] = min(gap, stats.get(f'{what}: closest to a DST change', gap))
    return utc


def conn_date(text):
    for fmt in (US_FMT, '%d %b %Y', '%d-%b-%y'):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            pass
    raise ValueError(f'unknown Connected On format {text!r}')


def read_csv(path, stats, fails):
    """Yield (line_no, {header: value}) for each record; skips the Connections preamble."""
    text = path.read_bytes().decode('utf-8').removeprefix('\ufeff')
    rdr = csv.reader(io.StringIO(text, newline=''), strict=True)
    header, start, in_preamble = None, 1, False
    for rec in rdr:
        line, start = start, rdr.line_num + 1
        if header is None:
            if rec == ['Notes:'] and line == 1 or in_preamble and rec == []:
                in_preamble = not in_preamble
            elif not in_preamble and rec:
                header = [h.strip() for h in rec]
            continue
        if rec == []:
            stats[f'{path.name}: blank lines skipped'] += 1
            continue
        if len(rec) != len(header):
            fails.append(f'{path.name}:{line}: {len(rec)} fields, header has {len(header)}')
            continue
        stats[f'{path.name} rows'] += 1
        yield line, dict(zip(header, rec))


class Store:
    """One database: person space plus the identity sets of the three tables."""

    def __init__(self):
        self.people = []                         # [name, slug]
        self.by_slug, self.by_key = {}, defaultdict(list)
        self.inv, self.msg, self.conn = set(), set(), set()

    def resolve(self, name, url=''):
        key, slug = name_key(name), slug_of(url)
        if key in PLACEHOLDERS:  # "LinkedIn Member" stands for a hidden member: never an identity
            key = ''
        if slug:
            if slug in self.by_slug:
                return self.by_slug[slug]
            for pid in self.by_key.get(key, []):
                if self.people[pid][1] is None:
                    self.people[pid][1] = slug
                    self.by_slug[slug] = pid
                    return pid
        elif not key:
            return None
        elif self.by_key.get(key):
            return self.by_key[key][0]
        pid = len(self.people)
        self.people.append([name, slug])
        self.by_key[key].append(pid)
        if slug:
            self.by_slug[slug] = pid
        return pid

    def counts(self):
        return (sum(1 for i in self.inv if i[3] == 'INCOMING'),
                sum(1 for i in self.inv if i[3] == 'OUTGOING'),
                len(self.msg), len(self.conn), len(self.people))


def import_folder(folder, db, stats, fails):
    names = {p.name: p for p in folder.iterdir()}
    owner_names, msg_names = set(), Counter()
    if 'Invitations.csv' in names:
        for line, r in read_csv(names['Invitations.csv'], stats, fails):
            try:
                sent = pacific(r['Sent At'], stats, 'Sent At')
            except ValueError as e:
                fails.append(f'Invitations.csv:{line}: {e}')
                continue
            stats['sent_at'].append(sent)
            db.resolve(r['From'], r.get('inviterProfileUrl', ''))
            db.resolve(r['To'], r.get('inviteeProfileUrl', ''))
            direction = r['Direction'].strip().upper()
            owner_names.add(r['To'] if direction == 'INCOMING' else r['From'])
            ident = (r['From'], r['To'], sent.isoformat(), direction)
            stats['inv dup'] += ident in db.inv
            db.inv.add(ident)
    if 'Connections.csv' in names:
        hidden_seen = Counter()
        for line, r in read_csv(names['Connections.csv'], stats, fails):
            try:
                day = conn_date(r['Connected On'])
            except ValueError as e:
                fails.append(f'Connections.csv:{line}: {e}')
                continue
            url = r.get('URL', '')
            if not any(r.get(c, '').strip() for c in ('First Name', 'Last Name', 'URL', 'Email Address')):
                hidden_seen[day] += 1
                ident = ('hidden', day.isoformat(), hidden_seen[day])
                stats['hidden rows'] += 1
            else:
                pid = db.resolve(f"{r['First Name']} {r['Last Name']}".strip(), url)
                if pid is None:
                    stats['connection rows without a person (no name, no slug)'] += 1
                ident = (pid, day.isoformat())
            stats['conn dup'] += ident in db.conn
            db.conn.add(ident)
    for mname in ('messages.csv', 'Messages.csv'):
        if mname not in names:
            continue
        for line, r in read_csv(names[mname], stats, fails):
            new = 'CONVERSATION ID' in r
            frm, to = (r['FROM'], r['TO']) if new else (r['From'], r['To'])
            try:
                date = (datetime.strptime(r['DATE'].strip(), '%Y-%m-%d %H:%M:%S UTC').replace(tzinfo=timezone.utc)
                        if new else pacific(r['Date'], stats, 'Messages Date'))
            except ValueError as e:
                fails.append(f'{mname}:{line}: {e}')
                continue
            msg_names.update([frm, to])
            db.resolve(frm, r.get('SENDER PROFILE URL', ''))
            rurls = [u for u in r.get('RECIPIENT PROFILE URLS', '').split(',') if u.strip()]
            if len(rurls) <= 1:
                db.resolve(to, rurls[0] if rurls else '')
            else:
                stats['group message rows (recipients not resolved)'] += 1
            conv = (('id', r['CONVERSATION ID']) if new and r['CONVERSATION ID'].strip()
                    else ('pair',) + tuple(sorted((name_key(frm), name_key(to)))))
            content = r['CONTENT'] if new else r['Content']
            ident = (conv, name_key(frm), date.isoformat(), content)
            stats['msg dup'] += ident in db.msg
            stats['draft rows'] += r.get('IS MESSAGE DRAFT', '').strip() == 'Yes'
            stats['unique drafts'] += r.get('IS MESSAGE DRAFT', '').strip() == 'Yes' and ident not in db.msg
            stats['messages with CR inside a field'] += '\r' in content
            db.msg.add(ident)
    stats['owner'] = ('found, consistent' if len(owner_names) == 1 else f'INCONSISTENT ({len(owner_names)} names)'
                      if owner_names else 'from messages (most frequent FROM/TO)' if msg_names else 'not found')


def name_findings(db, stats):
    """Count (never print) oddities among the people of one folder."""
    raw_by_key, by_fold = defaultdict(set), defaultdict(set)
    for name, slug in db.people:
        k = name_key(name)
        raw_by_key[k].add(name)
        by_fold[''.join(c for c in unicodedata.normalize('NFKD', k) if not unicodedata.combining(c))].add(k)
        nfkc_cf = unicodedata.normalize('NFKC', name).casefold()
        if unicodedata.normalize('NFKC', nfkc_cf) != nfkc_cf:
            stats['names: NFKC(casefold(NFKC(s))) != casefold(NFKC(s))'] += 1
        if any(unicodedata.category(c) == 'Cf' or 0xFE00 <= ord(c) <= 0xFE0F for c in name):
            stats['names: contain format/variation chars (ICU NFKC_Casefold drops these)'] += 1
        if unicodedata.normalize('NFKC', name) != name:
            stats['names: change under NFKC (styled letters etc.)'] += 1
        if any(c.isspace() and c != ' ' for c in name) or '  ' in name or name != name.strip():
            stats['names: odd whitespace (collapsed by name_key)'] += 1
        if slug and '%' in slug:
            stats['slugs: percent-encoded'] += 1
            if unquote(slug).lower() in db.by_slug:
                stats['slugs: percent-encoded AND decoded form also present (two people)'] += 1
        if slug and not slug.isascii():
            stats['slugs: raw non-ASCII'] += 1
    stats['name keys written in >1 way (case/space/compat)'] = sum(len(v) > 1 for v in raw_by_key.values())
    stats['name keys differing only by accents'] = sum(len(v) > 1 for v in by_fold.values())
    stats['name keys shared by >1 person (homonyms, distinct slugs)'] = sum(len(v) > 1 for v in db.by_key.values())


def main():
    default_root = Path(__file__).resolve().parent.parent.parent / 'shared' / 'data' / 'linkedin-exports'
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else default_root
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    print('folder | inv in | inv out | messages (drafts) | connections (hidden) | people | dups dropped (inv/msg/conn)')
    details = {}
    for folder in folders:
        db, stats, fails = Store(), Counter(sent_at=[]), []
        import_folder(folder, db, stats, fails)
        before = db.counts()
        import_folder(folder, db, Counter(sent_at=[]), [])
        assert db.counts() == before, f'{folder.name}: re-import changed counts'
        i_in, i_out, n_msg, n_conn, n_people = before
        dups = (stats['inv dup'], stats['msg dup'], stats['conn dup'])
        print(f"{folder.name} | {i_in} | {i_out} | {n_msg} ({stats['unique drafts']}) | "
              f"{n_conn} ({stats['hidden rows']}) | {n_people} | {sum(dups)} ({'/'.join(map(str, dups))})")
        name_findings(db, stats)
        details[folder.name] = (stats, fails)
    combined = Store()
    for _round in ('import', 're-import'):             # totals = counts before the re-import
        totals = combined.counts()
        for folder in folders:
            import_folder(folder, combined, Counter(sent_at=[]), [])
    print(f'COMBINED (one person space, alphabetical) | {totals[0]} | {totals[1]} | {totals[2]} | '
          f'{totals[3]} | {totals[4]} | re-import of all folders adds '
          f'{tuple(b - a for a, b in zip(totals, combined.counts()))}')
    for name, (stats, fails) in details.items():
        print(f'\n== {name}')
        sent = stats.pop('sent_at')
        if sent:
            print(f'  Sent At UTC range: {min(sent):%Y-%m-%d %H:%M} .. {max(sent):%Y-%m-%d %H:%M}')
        for k in sorted(stats):
            if k not in ('inv dup', 'msg dup', 'conn dup', 'unique drafts', 'hidden rows') and (stats[k] or 'DST' in k):
                print(f'  {k}: {stats[k]}')
        print(f'  rows failing to parse: {len(fails)}', *fails, sep='\n    ')


if __name__ == '__main__':
    main()
