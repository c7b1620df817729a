#!/usr/bin/env python3
"""Write a synthetic LinkedIn "Get a copy of your data" export (fictional people only).

  scripts/gen-export.py --profile demo --out DIR_OR_FILE.zip [--seed 1] [--crlf]
  scripts/gen-export.py --profile bench --invitations 100000 --messages 500000 \
      --connections 20000 --out DIR_OR_FILE.zip [--seed 1] [--crlf] [--newer PCT]
  scripts/gen-export.py --profile team --out DIR [--seed 1] [--newer PCT]

An --out ending in .zip gets a zip archive laid out like LinkedIn's (files at the root);
anything else is a folder. Files: Invitations.csv (2023+ 7-column layout, "Sent At" in US
Pacific local time), Connections.csv (with the "Notes:" preamble, no final newline, like the
real files), messages.csv (2024 layout with draft flags, DATE in UTC), plus Profile.csv,
Skills.csv, Learning.csv and coach_messages.csv, which an importer must skip.

"demo" is a small Spanish story: Lucía Fernández Ortega, a marketing and data consultant in
Madrid, receives ~40 invitations in the six weeks before the export date (2026-11-20), asks
the impersonal ones why they want to connect, and about one in five answers.
"bench" streams random English/Spanish rows of the requested sizes.
"team" is "bench" at a team's size (issue 23): 1,000,000 invitations, 5,000,000 messages and
200,000 connections unless given, the proportions of bench/run.sh's export (1 : 5 : 0.2).

Output depends only on the flags and --seed; rows are CSV with minimal quoting and LF line
ends (--crlf: CRLF, which also lets a few bench bodies carry a CRLF inside the field).
--newer PCT: the newer export of the same seed, as a user downloads it later: every row of the
export without it, and PCT % more invitations, messages and connections, each a new one (another
person's name, another note or message text) beside a row it is made from.
"""
import argparse
import base64
import csv
import io
import os
import random
import sys
import unicodedata
import uuid
import zipfile
from datetime import datetime, timedelta, timezone

from zoneinfo import ZoneInfo

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
import gen_export_text as T  # noqa: E402

UTC = timezone.utc
PACIFIC = ZoneInfo("America/Los_Angeles")
MADRID = ZoneInfo("Europe/Madrid")
EXPORT_AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
IN = "https://www.linkedin.com/in"
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()

INVITATIONS_HEADER = ["From", "To", "Sent At", "Message", "Direction",
                      "inviterProfileUrl", "inviteeProfileUrl"]
CONNECTIONS_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company",
                      "Position", "Connected On"]
MESSAGES_HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                   "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
                   "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"]


# ---------------------------------------------------------------- formats

def sent_at(t):
    """Invitations.csv "Sent At": US Pacific wall clock, e.g. 12/21/23, 11:29 AM."""
    p = t.astimezone(PACIFIC)
    return (f"{p.month}/{p.day}/{p.year % 100:02d}, {p.hour % 12 or 12}:{p.minute:02d} "
            f"{'AM' if p.hour < 12 else 'PM'}")


def message_date(t):
    return t.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def connected_on(t):
    u = t.astimezone(UTC)
    return f"{u.day:02d} {MONTHS[u.month - 1]} {u.year}"


def conversation_id(rng):
    """'2-' + base64('<uuid4>_01N'), as in real exports."""
    u = uuid.UUID(int=rng.getrandbits(128), version=4)
    return "2-" + base64.b64encode(f"{u}_01{rng.choice('0233')}".encode()).decode()


def ascii_fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


class Person:
    def __init__(self, first, last, slug, company="", position="", email=""):
        self.first, self.last, self.slug = first, last, slug
        self.company, self.position, self.email = company, position, email

    @property
    def name(self):
        return f"{self.first} {self.last}"

    @property
    def url(self):
        return f"{IN}/{self.slug}"


def make_slug(rng, first, last):
    base = "-".join(ascii_fold(f"{first} {last}").replace("-", " ").split())
    style = rng.random()
    if style < 0.25:
        return base.replace("-", "")
    if style < 0.45:
        return base
    return f"{base}-{rng.getrandbits(36):09x}"


# ---------------------------------------------------------------- output

class Sink:
    """A folder or a zip archive, written one file at a time."""

    def __init__(self, out, zip64=False):
        self.out, self.zip64, self.counts = out, zip64, []
        self.zip = None
        if out.endswith(".zip"):
            os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
            self.zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
        else:
            os.makedirs(out, exist_ok=True)

    def open(self, name):
        if self.zip is None:
            return open(os.path.join(self.out, name), "w", encoding="utf-8", newline="")
        info = zipfile.ZipInfo(name, date_time=EXPORT_AT.timetuple()[:6])  # no wall clock
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        raw = self.zip.open(info, "w", force_zip64=self.zip64)
        return io.TextIOWrapper(raw, encoding="utf-8", newline="")

    def write_csv(self, name, header, rows, eol, preamble="", final_newline=True):
        with self.open(name) as f:
            f.write(preamble.replace("\n", eol))
            out = f if final_newline else NoFinalNewline(f, eol)
            w = csv.writer(out, lineterminator=eol)
            w.writerow(header)
            n = 0
            for n, row in enumerate(rows, 1):
                w.writerow(row)
        self.counts.append(f"{name} {n}")

    def close(self):
        if self.zip is not None:
            self.zip.close()


class NoFinalNewline:
    """Holds back each row's line end until the next row: real Connections.csv ends without one."""

    def __init__(self, f, eol):
        self.f, self.eol, self.pending = f, eol, ""

    def write(self, s):
        assert s.endswith(self.eol)
        self.f.write(self.pending + s[:-len(self.eol)])
        self.pending = self.eol


def write_skipped_files(sink, owner, rng, eol, lang):
    """Files of a real archive that motivo must ignore."""
    profile = T.PROFILE_ES if lang == "es" else T.PROFILE_EN
    sink.write_csv("Profile.csv", T.PROFILE_HEADER, [[owner.first, owner.last, *profile]], eol)
    sink.write_csv("Skills.csv", ["Name"], ([s] for s in T.SKILLS), eol)
    sink.write_csv("Learning.csv", T.LEARNING_HEADER, T.LEARNING_ROWS, eol)
    cid = conversation_id(rng)
    when = message_date(EXPORT_AT - timedelta(days=9))
    sink.write_csv("coach_messages.csv", MESSAGES_HEADER[:10], [
        [cid, "", "", "", owner.name, owner.url, when, "", "", "INBOX"],
        [cid, "", owner.name, owner.url, "", "", when, "", T.COACH_QUESTION, "INBOX"]], eol)


# ---------------------------------------------------------------- demo story

class People:
    """Fictional people with names unique within one export."""

    def __init__(self, rng):
        self.rng, self.used = rng, set()

    def new(self, firsts=T.ES_FIRST, lasts=T.ES_LAST, double_surname=0.15, trailing=""):
        while True:
            first, last = self.rng.choice(firsts), self.rng.choice(lasts)
            if self.rng.random() < double_surname:
                second = self.rng.choice(lasts)
                last = f"{last} {second}" if second != last else last
            if (first, last) not in self.used:
                return self.named(first, last, trailing)

    def named(self, first, last, trailing=""):
        self.used.add((first, last))
        company, position = self.rng.choice(T.ES_JOBS)
        return Person(first, last + trailing, make_slug(self.rng, first, last), company, position)


def daytime(rng, day, tz=MADRID, start=8, end=21):
    """A UTC instant on the calendar day of `day`, during waking hours in tz."""
    local = datetime(day.year, day.month, day.day, tzinfo=tz)
    return (local + timedelta(seconds=rng.randrange(start * 3600, end * 3600))).astimezone(UTC)


def later(rng, t, lo_hours, hi_hours, owner=False):
    """A random instant lo..hi hours after t, before the export; the owner acts 8-23h in Madrid."""
    t += timedelta(seconds=rng.randrange(int(lo_hours * 3600), int(hi_hours * 3600)))
    madrid = t.astimezone(MADRID)
    if owner and not 8 <= madrid.hour < 23:
        t = daytime(rng, madrid + timedelta(days=madrid.hour >= 23), MADRID, 8, 10)
    return min(t, EXPORT_AT - timedelta(hours=2))


class Story:
    """What happened in the owner's account; turned into rows by demo_rows()."""

    def __init__(self, rng):
        self.rng = rng
        self.owner = Person("Lucía", "Fernández Ortega", "luciafernandezortega")
        self.invitations = []    # (t, from, to, note, direction, truncated_urls)
        self.conversations = []  # (id, title, folder, [(t, sender, recipient, subject, text, draft)])
        self.connections = []    # (t, Person or None for a hidden profile)

    def talk(self, other, lines, folder="INBOX", title=""):
        """lines: (t, from_owner, text[, subject[, draft]])."""
        msgs = []
        for t, mine, text, *rest in lines:
            sender, recipient = (self.owner, other) if mine else (other, self.owner)
            subject, draft = (rest + ["", False])[:2]
            msgs.append((t, sender, recipient, subject, text, draft))
        self.conversations.append((conversation_id(self.rng), title, folder, msgs))

    def connect(self, t, person):
        self.connections.append((t, person))


INCOMING_KINDS = (["empty"] * 22 + ["stock"] * 7 + ["personal"] * 4 + ["mass"] * 3 + ["spam"] * 2
                  + ["english_personal", "english_stock"])


def build_demo(rng):
    s, people = Story(rng), People(rng)
    old = [people.named("Íñigo", "Echeverría")] + [people.new() for _ in range(59)]
    first_day = datetime(2012, 3, 1, tzinfo=UTC)
    span = int((EXPORT_AT - timedelta(days=60) - first_day).total_seconds())
    for p in old:
        s.connect(first_day + timedelta(seconds=rng.randrange(span)), p)
    for p in rng.sample(old, 3):
        p.email = f"{ascii_fold(p.first).split()[0]}.{ascii_fold(p.last).split()[0]}@example.com"
    for day in ("2019-05-14", "2023-02-02"):  # hidden profiles: only the date is exported
        s.connect(datetime.fromisoformat(day + "T12:00:00+00:00"), None)
    for p, lines in zip(rng.sample(old, len(T.OLD_CHATS)), T.OLD_CHATS):
        t0 = daytime(rng, EXPORT_AT - timedelta(days=rng.randrange(70, 500)))
        s.talk(p, [(t0 + timedelta(hours=3 * i, minutes=rng.randrange(60)), i % 2 == 0,
                    line.format(p=p.first)) for i, line in enumerate(lines)],
               folder=rng.choice(["ARCHIVE", "INBOX"]))
    incoming(s, rng, people)
    outgoing(s, rng, people)
    return s


def incoming(s, rng, people):
    """~40 invitations in the six weeks before the export, of the kinds in INCOMING_KINDS."""
    owner, end = s.owner, EXPORT_AT - timedelta(days=4)
    kinds = INCOMING_KINDS[:]
    rng.shuffle(kinds)
    notes = {"empty": [""] * 22, "stock": rng.sample(T.ES_STOCK, 7), "personal": T.ES_PERSONAL[:],
             "mass": T.ES_MASS[:], "spam": T.SPAM[:], "english_personal": [T.EN_PERSONAL],
             "english_stock": [T.EN_STOCK]}
    impersonal, trailing = [], " "  # one person typed a trailing space after their name
    for i, kind in enumerate(kinds):
        english = kind.startswith("english")
        if english or kind == "spam":
            p = people.new(T.EN_FIRST, T.EN_LAST, 0)
        else:
            p = people.new(trailing=trailing if kind == "personal" else "")
            trailing = "" if kind == "personal" else trailing
        t = daytime(rng, end - timedelta(days=rng.uniform(0, 42)), PACIFIC if english else MADRID)
        note = notes[kind].pop().format(me=owner.first, p=p)
        s.invitations.append((t, p, owner, note, "INCOMING", i in (3, 17)))
        if kind in ("personal", "english_personal"):
            accept_with_note(s, rng, p, t, note, english)
        elif kind == "spam" and "WhatsApp" in note:
            s.talk(p, [(later(rng, t, 20, 60), False, T.SPAM_FOLLOWUP.format(me=owner.first),
                        "Oportunidad única")], folder="SPAM", title="Oportunidad única")
        elif kind != "spam":
            impersonal.append((t, p, english))
    ask_and_wait(s, rng, impersonal)


def accept_with_note(s, rng, p, t, note, english):
    """A personalised note is accepted at once, and then shows up in messages.csv."""
    accepted = later(rng, t, 1, 40, owner=True)
    s.connect(accepted, p)
    welcome = T.EN_WELCOME if english else rng.choice(T.ES_WELCOME_BACK)
    lines = [(accepted, False, note),
             (later(rng, accepted, 0.1, 5, owner=True), True, welcome.format(p=p.first.strip()))]
    if rng.random() < 0.5:
        thanks = "Likewise, {me}!" if english else rng.choice(T.ES_THANKS_BACK)
        lines.append((later(rng, lines[-1][0], 1, 30), False, thanks.format(me=s.owner.first)))
    s.talk(p, lines)


def ask_and_wait(s, rng, impersonal):
    """Most impersonal inviters get a question; about one in five answers and is accepted."""
    asked = [x for x in impersonal if rng.random() < 0.9]
    can_answer = [x for x in asked if x[0] < EXPORT_AT - timedelta(days=7) and not x[2]]
    answering = rng.sample(can_answer, round(len(asked) / 5))
    reasons = rng.sample(T.ES_REASONS, len(answering) - 1) + [T.ES_REASON_MULTILINE]
    draft_for = rng.choice([x for x in can_answer if x not in answering])
    for x in asked:
        t, p, english = x
        name = p.first.strip()
        ask_at = later(rng, t, 1, 48, owner=True)
        lines = [(ask_at, True, (T.EN_ASK if english else rng.choice(T.ES_ASKS)).format(p=name))]
        if x in answering:
            reply_at = later(rng, ask_at, 2, 96)
            lines.append((reply_at, False, reasons.pop().format(me=s.owner.first)))
            accepted = later(rng, reply_at, 0.2, 20, owner=True)
            lines.append((accepted, True, rng.choice(T.ES_ACCEPT_THANKS).format(p=name)))
            s.connect(accepted, p)
        elif x is draft_for:  # a reminder the owner started and never sent
            lines.append((later(rng, ask_at, 72, 120, owner=True), True,
                          T.ES_DRAFT_FOLLOWUP.format(p=name), "", True))
        s.talk(p, lines)


def outgoing(s, rng, people):
    """15 invitations by the owner, 6 with a note; two in three accepted."""
    owner, notes = s.owner, rng.sample(T.ES_OUTGOING_NOTES, 6)
    for i in range(15):
        p, topic = people.new(), rng.choice(T.TOPICS)
        t = daytime(rng, EXPORT_AT - timedelta(days=rng.uniform(4, 75)))
        note = notes.pop().format(p=p.first, topic=topic) if i % 5 in (0, 2) else ""
        s.invitations.append((t, owner, p, note, "OUTGOING", i == 9))
        if i % 3 == 2:
            continue  # still pending
        accepted = later(rng, t, 1, 72)
        s.connect(accepted, p)
        lines = [(accepted, True, note)] if note else []  # accepted notes appear in messages.csv
        if rng.random() < 0.5:
            lines.append((later(rng, accepted, 1, 30, owner=True), True,
                          rng.choice(T.ES_WELCOMES).format(p=p.first, topic=topic)))
            if rng.random() < 0.6:
                lines.append((later(rng, lines[-1][0], 2, 50), False,
                              rng.choice(T.ES_WELCOME_REPLIES).format(me=owner.first)))
        if lines:
            s.talk(p, lines)


def newest_first(items, key=lambda x: x[0]):
    return sorted(items, key=key, reverse=True)


def demo_rows(s):
    invitations = [[a.name, b.name, sent_at(t), note, direction, IN if cut else a.url,
                    IN if cut else b.url]
                   for t, a, b, note, direction, cut in newest_first(s.invitations)]
    messages = []  # conversations by their latest message, each newest first, as LinkedIn does
    for cid, title, folder, msgs in newest_first(s.conversations, lambda c: max(m[0] for m in c[3])):
        for t, a, b, subject, text, draft in newest_first(msgs):
            messages.append([cid, title, a.name, a.url, b.name, b.url, message_date(t), subject,
                             text, folder, "Yes" if draft else "No", "No"])
    connections = [[p.first, p.last, p.url, p.email, p.company, p.position, connected_on(t)]
                   if p else [""] * 6 + [connected_on(t)]
                   for t, p in newest_first(s.connections)]
    return invitations, messages, connections


# ---------------------------------------------------------------- bench

class UniqueNames:
    """Index -> person with a unique name: a bijection onto first x last x second surname."""

    def __init__(self, rng):
        self.firsts, self.lasts = T.ES_FIRST + T.EN_FIRST, T.ES_LAST + T.EN_LAST
        self.seconds = [""] + T.ES_LAST
        self.n = len(self.firsts) * len(self.lasts) * len(self.seconds)
        self.stride = next(p for p in range(int(self.n * 0.618034), self.n)  # golden ratio mixes
                           if self.n % p and all(p % d for d in range(2, int(p ** 0.5) + 1)))
        self.offset = rng.randrange(self.n)
        self.fold = {w: ascii_fold(w).replace(" ", "-") for w in self.firsts + self.lasts}
        self.jobs = T.ES_JOBS + T.EN_JOBS

    def person(self, i, rng):
        j = (i * self.stride + self.offset) % self.n
        nf, nl = len(self.firsts), len(self.lasts)
        first, last = self.firsts[j % nf], self.lasts[j // nf % nl]
        second = self.seconds[j // nf // nl]
        slug = f"{self.fold[first]}-{self.fold[last]}-{(i * 2654435761) & 0xFFFFFFFF:08x}"
        if i >= self.n:  # past the bijection: a middle initial keeps names unique
            first += f" {chr(65 + i // self.n % 26)}."
        if second:
            last = f"{last} {second}"
        company, position = rng.choice(self.jobs)
        return Person(first, last + (" " if rng.random() < 0.004 else ""), slug, company, position)


class Corpus:
    """Long texts to slice message bodies from: two random ints per message."""

    def __init__(self, rng, sentences, crlf, size=4000):
        parts, self.starts, pos = [], [], 0
        for _ in range(size):
            sentence = rng.choice(sentences)
            self.starts.append(pos)
            r = rng.random()
            sep = "\r\n" if crlf and r < 0.01 else "\n\n" if r < 0.04 else "\n" if r < 0.1 else " "
            parts.append(sentence + sep)
            pos += len(sentence) + len(sep)
        self.text = "".join(parts)
        self.starts = [p for p in self.starts if p < pos - 700]

    def body(self, rng, lo=20, hi=600):
        start = rng.choice(self.starts)
        n = lo + 4 + int((hi - lo - 4) * rng.random() ** 2)
        return self.text[start:start + n].rstrip()

    def note(self, rng):
        return " ".join(self.body(rng, 20, 300).replace("\r\n", "\n").split("\n")).rstrip()


def bench_invitations(rng, owner, names, corpora, n):
    t = EXPORT_AT - timedelta(days=2)
    gap = 500 * 86400 / max(n, 1)
    for i in range(n):
        t -= timedelta(seconds=rng.expovariate(1 / gap))
        other = names.person(i, rng)
        incoming = rng.random() < 0.55
        a, b = (other, owner) if incoming else (owner, other)
        r = rng.random()
        note = "" if r < 0.65 else rng.choice(T.STOCKS) if r < 0.75 else \
            rng.choice(corpora).note(rng)
        urls = [IN, IN] if rng.random() < 0.01 else [a.url, b.url]
        yield [a.name, b.name, sent_at(t), note, "INCOMING" if incoming else "OUTGOING", *urls]


def bench_messages(rng, owner, names, corpora, n):
    cursor = EXPORT_AT - timedelta(hours=1)
    gap = 3 * 365 * 86400 / max(n / 5, 1)
    i = 0
    while i < n:
        cursor -= timedelta(seconds=rng.expovariate(1 / gap))
        others = [names.person(rng.randrange(names.n), rng)
                  for _ in range(1 if rng.random() > 0.02 else rng.randint(2, 4))]
        corpus, cid = rng.choice(corpora), conversation_id(rng)
        title = rng.choice(T.TITLES) if rng.random() < 0.03 else ""
        r = rng.random()
        folder = "INBOX" if r < 0.88 else "ARCHIVE" if r < 0.98 else "SPAM" if r < 0.99 else ""
        t = cursor
        for k in range(min(n - i, 1 + int(rng.expovariate(1 / 4)))):
            if k:
                t -= timedelta(seconds=rng.randrange(30, 3 * 86400))
            sender = owner if rng.random() < 0.5 else rng.choice(others)
            to = [p for p in [owner] + others if p is not sender]
            draft = "Yes" if sender is owner and rng.random() < 0.005 else "No"
            yield [cid, title, sender.name, sender.url, ",".join(p.name for p in to),
                   ",".join(p.url for p in to), message_date(t), title if k == 0 else "",
                   corpus.body(rng), folder, draft, "No"]
            i += 1


def bench_connections(rng, names, n, first_index):
    t, hidden_days = EXPORT_AT - timedelta(days=1), set()
    gap = 12 * 365 * 86400 / max(n, 1)
    for i in range(n):
        t -= timedelta(seconds=rng.expovariate(1 / gap))
        day = connected_on(t)
        if rng.random() < 0.003 and day not in hidden_days:
            hidden_days.add(day)  # two hidden rows on one day would be identical
            yield ["", "", "", "", "", "", day]
            continue
        p = names.person(first_index + i, rng)
        email = f"{p.slug.rsplit('-', 1)[0]}@example.org" if rng.random() < 0.02 else ""
        yield [p.first, p.last, p.url, email, p.company, p.position, day]


# ---------------------------------------------------------------- newer export

def with_newer(rows, pct, rng, make):
    """`rows`, and after each row, with probability pct %, a new row `make` makes of it (None: none)."""
    for row in rows:
        yield row
        if pct and rng.random() * 100 < pct:
            extra = make(row)
            if extra is not None:
                yield extra


def newer_invitation(row):
    row = list(row)
    side = 0 if row[4] == "INCOMING" else 1
    row[side] += " Nuevo"
    return row


def newer_message(row):
    row = list(row)
    row[8] = (row[8] + " (y otra cosa)").strip()
    return row


def newer_connection(row):
    if not row[0]:
        return None  # a hidden profile: told apart by its order within a day only
    row = list(row)
    row[1] += " Nuevo"
    row[2] += "-nuevo"
    return row


# ---------------------------------------------------------------- main

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--profile", choices=["demo", "bench", "team"], required=True)
    ap.add_argument("--out", required=True, help="folder, or file ending in .zip")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--invitations", type=int, help="default 100,000 (team: 1,000,000)")
    ap.add_argument("--messages", type=int, help="default 500,000 (team: 5,000,000)")
    ap.add_argument("--connections", type=int, help="default 20,000 (team: 200,000)")
    ap.add_argument("--crlf", action="store_true", help="CRLF line ends (default LF)")
    ap.add_argument("--newer", type=float, default=0,
                    help="the newer export of the same seed: PCT %% more rows, every old one kept")
    args = ap.parse_args(argv)
    scale = 10 if args.profile == "team" else 1
    for name, default in (("invitations", 100000), ("messages", 500000), ("connections", 20000)):
        if getattr(args, name) is None:
            setattr(args, name, default * scale)
    rng, eol = random.Random(args.seed), "\r\n" if args.crlf else "\n"
    sink = Sink(args.out, zip64=args.profile != "demo")
    try:
        if args.profile == "demo":
            story = build_demo(rng)
            invitations, messages, connections = demo_rows(story)
            owner, lang = story.owner, "es"
        else:
            owner, lang = Person("Sam", "Rivera", "sam-rivera-0b7a21c4"), "en"
            names = UniqueNames(rng)
            corpora = [Corpus(rng, T.EN_SENTENCES, args.crlf), Corpus(rng, T.ES_SENTENCES, args.crlf)]
            invitations = bench_invitations(rng, owner, names, corpora, args.invitations)
            messages = bench_messages(rng, owner, names, corpora, args.messages)
            connections = bench_connections(rng, names, args.connections, args.invitations)
        newer = random.Random(f"newer {args.seed}")
        invitations = with_newer(invitations, args.newer, newer, newer_invitation)
        messages = with_newer(messages, args.newer, newer, newer_message)
        connections = with_newer(connections, args.newer, newer, newer_connection)
        sink.write_csv("Invitations.csv", INVITATIONS_HEADER, invitations, eol)
        sink.write_csv("messages.csv", MESSAGES_HEADER, messages, eol)
        sink.write_csv("Connections.csv", CONNECTIONS_HEADER, connections, eol,
                       preamble=T.CONNECTIONS_PREAMBLE, final_newline=False)
        write_skipped_files(sink, owner, rng, eol, lang)
    finally:
        sink.close()
    print(f"gen-export: {args.out}: " + ", ".join(sink.counts[:3]) + " rows", file=sys.stderr)


if __name__ == "__main__":
    main()
