#!/usr/bin/env python3
"""Baseline for the import benchmark: a plain stdlib loader, written the obvious way.

  bench/python_loader.py EXPORT_DIR DB_PATH

Reads Invitations.csv, Connections.csv and messages.csv from an unpacked LinkedIn export,
normalises the dates to UTC ISO 8601 and inserts everything into SQLite in one transaction
with INSERT OR IGNORE, so loading the same export twice adds nothing. Prints the rows
inserted per table. This is what motivo's importer is measured against, not part of motivo.
"""
import csv
import os
import sqlite3
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

PACIFIC = ZoneInfo("America/Los_Angeles")

SCHEMA = """
CREATE TABLE IF NOT EXISTS invitations (
    id INTEGER PRIMARY KEY,
    from_name TEXT NOT NULL,
    to_name TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    message TEXT NOT NULL,
    direction TEXT NOT NULL,
    inviter_url TEXT,
    invitee_url TEXT,
    UNIQUE (from_name, to_name, sent_at, direction)
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    conversation_title TEXT,
    sender TEXT NOT NULL,
    sender_url TEXT,
    recipients TEXT,
    recipient_urls TEXT,
    date TEXT NOT NULL,
    subject TEXT,
    content TEXT NOT NULL,
    folder TEXT,
    is_draft INTEGER NOT NULL,
    UNIQUE (conversation_id, sender, date, content)
);
CREATE TABLE IF NOT EXISTS connections (
    id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    url TEXT NOT NULL,
    email TEXT,
    company TEXT,
    position TEXT,
    connected_on TEXT NOT NULL,
    UNIQUE (first_name, last_name, url, connected_on)
);
"""


def open_csv(path):
    return open(path, encoding="utf-8-sig", newline="")


def find(export_dir, name):
    """Exports name the messages file messages.csv or Messages.csv depending on the year."""
    for entry in os.listdir(export_dir):
        if entry.lower() == name.lower():
            return os.path.join(export_dir, entry)
    raise SystemExit(f"python_loader: error: {name} not found in {export_dir}")


def pacific_to_utc(sent_at):
    """'12/21/23, 11:29 AM' (US Pacific wall clock) -> '2023-12-21T19:29:00Z'."""
    local = datetime.strptime(sent_at, "%m/%d/%y, %I:%M %p").replace(tzinfo=PACIFIC)
    return local.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def invitations(path):
    with open_csv(path) as f:
        for row in csv.DictReader(f):
            yield (row["From"], row["To"], pacific_to_utc(row["Sent At"]), row["Message"],
                   row["Direction"], row.get("inviterProfileUrl"), row.get("inviteeProfileUrl"))


def messages(path):
    with open_csv(path) as f:
        for row in csv.DictReader(f):
            date = datetime.strptime(row["DATE"], "%Y-%m-%d %H:%M:%S UTC")
            yield (row["CONVERSATION ID"], row["CONVERSATION TITLE"], row["FROM"],
                   row["SENDER PROFILE URL"], row["TO"], row.get("RECIPIENT PROFILE URLS"),
                   date.strftime("%Y-%m-%dT%H:%M:%SZ"), row["SUBJECT"], row["CONTENT"],
                   row["FOLDER"], row.get("IS MESSAGE DRAFT") == "Yes")


def connections(path):
    with open_csv(path) as f:
        first = f.readline()
        if first.startswith("Notes:"):
            for line in f:  # the preamble ends at the first blank line
                if not line.strip():
                    break
            reader = csv.DictReader(f)
        else:
            reader = csv.DictReader(f, fieldnames=next(csv.reader([first])))
        for row in reader:
            connected = datetime.strptime(row["Connected On"], "%d %b %Y").date().isoformat()
            yield (row["First Name"], row["Last Name"], row.get("URL", ""),
                   row["Email Address"], row["Company"], row["Position"], connected)


def insert(db, table, columns, rows):
    before = db.total_changes
    marks = ", ".join("?" * len(columns))
    db.executemany(f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
    return db.total_changes - before


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: python_loader.py EXPORT_DIR DB_PATH")
    export_dir, db_path = sys.argv[1:]
    db = sqlite3.connect(db_path)
    db.executescript(SCHEMA)
    with db:  # one transaction
        counts = {
            "invitations": insert(db, "invitations", [
                "from_name", "to_name", "sent_at", "message", "direction", "inviter_url",
                "invitee_url"], invitations(find(export_dir, "Invitations.csv"))),
            "messages": insert(db, "messages", [
                "conversation_id", "conversation_title", "sender", "sender_url", "recipients",
                "recipient_urls", "date", "subject", "content", "folder", "is_draft"],
                messages(find(export_dir, "messages.csv"))),
            "connections": insert(db, "connections", [
                "first_name", "last_name", "url", "email", "company", "position",
                "connected_on"], connections(find(export_dir, "Connections.csv"))),
        }
    db.close()
    for table, n in counts.items():
        print(f"{table}: {n} rows inserted")


if __name__ == "__main__":
    main()
