#include <motivo/store/sqlite/schema.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <stdexcept>
#include <unistd.h>

namespace motivo::store::sqlite {

// Every index is a separate CREATE INDEX statement (no inline UNIQUE) so that a bulk import into an empty
// table can drop and rebuild them (see SqliteImportSession). Times are Unix seconds (UTC); dates are 'YYYY-MM-DD' text.
// Identity keys are 16-byte XXH3-128 hashes of the fields that make a record the same one again (see core/identity.hpp
// and app/import.cpp).
const std::vector<Migration>& migrations()
{
  static const std::vector<Migration> list{
      {1, "people, imports, invitations, messages, connections", R"sql(
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  slug TEXT,
  created_import INTEGER
);
CREATE UNIQUE INDEX people_by_slug ON people(slug);
CREATE INDEX people_by_name_key ON people(name_key);

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  source TEXT NOT NULL,
  owner INTEGER REFERENCES people(id),
  invitations_from INTEGER,
  summary TEXT
);

CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  key BLOB NOT NULL,
  owner INTEGER NOT NULL REFERENCES people(id),
  direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
  from_person INTEGER REFERENCES people(id),
  to_person INTEGER REFERENCES people(id),
  from_name TEXT NOT NULL,
  to_name TEXT NOT NULL,
  from_url TEXT,
  to_url TEXT,
  sent_at INTEGER NOT NULL,
  message TEXT NOT NULL,
  first_import INTEGER NOT NULL,
  last_import INTEGER NOT NULL,
  outcome TEXT CHECK (outcome IN ('accepted', 'withdrawn')),
  outcome_at INTEGER
);
CREATE UNIQUE INDEX invitations_by_key ON invitations(key);
CREATE INDEX invitations_by_owner_time ON invitations(owner, sent_at);

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  key BLOB NOT NULL,
  owner INTEGER NOT NULL REFERENCES people(id),
  direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
  conversation_id TEXT,
  conversation_title TEXT,
  from_person INTEGER REFERENCES people(id),
  to_person INTEGER REFERENCES people(id),
  counterpart INTEGER REFERENCES people(id), -- the other person of a one-to-one message
  from_name TEXT NOT NULL,
  from_url TEXT,
  to_names TEXT NOT NULL,
  to_urls TEXT,
  sent_at INTEGER NOT NULL,
  subject TEXT,
  content TEXT NOT NULL,
  folder TEXT,
  draft INTEGER NOT NULL DEFAULT 0,
  first_import INTEGER NOT NULL
);

CREATE TABLE connections (
  id INTEGER PRIMARY KEY,
  key BLOB NOT NULL,
  owner INTEGER NOT NULL REFERENCES people(id),
  person INTEGER REFERENCES people(id),
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  url TEXT,
  email TEXT,
  company TEXT,
  position TEXT,
  connected_on TEXT NOT NULL,
  connected_at INTEGER,
  first_import INTEGER NOT NULL,
  last_import INTEGER NOT NULL
);
CREATE UNIQUE INDEX connections_by_key ON connections(key);
CREATE INDEX connections_by_person ON connections(owner, person);
CREATE UNIQUE INDEX messages_by_key ON messages(key);
CREATE INDEX messages_by_counterpart ON messages(owner, counterpart, sent_at);
)sql"},
      // The classifier's label of each invitation's note (recomputed by import and reclassify) and the user's
      // correction (kept across reclassifications; it wins). reasons: a JSON array of strings. campaign: the
      // id of the first invitation of the note's mass campaign.
      {2, "invitation labels and corrections", R"sql(
ALTER TABLE invitations ADD COLUMN label TEXT
  CHECK (label IN ('empty', 'default', 'template', 'spam', 'personalized'));
ALTER TABLE invitations ADD COLUMN language TEXT;
ALTER TABLE invitations ADD COLUMN confidence REAL;
ALTER TABLE invitations ADD COLUMN reasons TEXT;
ALTER TABLE invitations ADD COLUMN campaign INTEGER;
ALTER TABLE invitations ADD COLUMN user_label TEXT
  CHECK (user_label IN ('empty', 'default', 'template', 'spam', 'personalized'));
ALTER TABLE invitations ADD COLUMN user_label_at INTEGER;
)sql"},
      // The protocol (issue 4): the user's decision on an invitation, and the asks motivo printed for them.
      {3, "decisions and asks", R"sql(
ALTER TABLE invitations ADD COLUMN decision TEXT CHECK (decision IN ('accept', 'decline', 'spam'));
ALTER TABLE invitations ADD COLUMN decision_at INTEGER;
CREATE TABLE asks (
  id INTEGER PRIMARY KEY,
  invitation INTEGER NOT NULL REFERENCES invitations(id),
  asked_at INTEGER NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX asks_by_invitation ON asks(invitation, asked_at);
)sql"},
      // "Why we connected": the user's notes on people, searchable with FTS5 (accents and case ignored), and the
      // welcome messages motivo rendered for new connections.
      {4, "notes on people, welcomes", R"sql(
CREATE TABLE person_notes (
  id INTEGER PRIMARY KEY,
  person INTEGER NOT NULL REFERENCES people(id),
  note TEXT NOT NULL,
  written_at INTEGER NOT NULL
);
CREATE INDEX person_notes_by_person ON person_notes(person);
CREATE VIRTUAL TABLE person_notes_fts USING fts5(
  note, content='person_notes', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER person_notes_ai AFTER INSERT ON person_notes BEGIN
  INSERT INTO person_notes_fts(rowid, note) VALUES (new.id, new.note);
END;
CREATE TRIGGER person_notes_ad AFTER DELETE ON person_notes BEGIN
  INSERT INTO person_notes_fts(person_notes_fts, rowid, note) VALUES ('delete', old.id, old.note);
END;
CREATE TABLE welcomes (
  id INTEGER PRIMARY KEY,
  connection INTEGER NOT NULL REFERENCES connections(id),
  sent_at INTEGER NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX welcomes_by_connection ON welcomes(connection);
)sql"},
      // Invitations read from notification e-mails (issue 7): where a row came from, LinkedIn's id of the
      // invitation and the mail's Message-ID; the IMAP mailboxes fetched and how far.
      {5, "invitations from mail, IMAP cursors", R"sql(
ALTER TABLE invitations ADD COLUMN origin TEXT NOT NULL DEFAULT 'export' CHECK (origin IN ('export', 'mail'));
ALTER TABLE invitations ADD COLUMN linkedin_id TEXT;
ALTER TABLE invitations ADD COLUMN mail_id TEXT;
CREATE INDEX invitations_by_linkedin_id ON invitations(owner, linkedin_id) WHERE linkedin_id IS NOT NULL;
CREATE TABLE mail_cursors (
  account TEXT PRIMARY KEY, -- imaps://host/mailbox with the user, never a password
  uidvalidity INTEGER NOT NULL,
  last_uid INTEGER NOT NULL,
  fetched_at INTEGER NOT NULL
);
)sql"},
      // Team mode (issue 8): the people who sign in, with their token's SHA-256 only, and who ran each import.
      {6, "users, imports by user", R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('member', 'admin')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
ALTER TABLE imports ADD COLUMN user_id INTEGER REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX imports_by_user ON imports(user_id, owner);
)sql"},
      // The latest time each snapshot shows, so that two downloads imported out of order keep the newer's states.
      {7, "imports: the time of each snapshot", R"sql(
ALTER TABLE imports ADD COLUMN as_of INTEGER;
)sql"},
  };
  return list;
}

int schema_version(Database& db)
{
  Statement version_query(db, "PRAGMA user_version");
  version_query.step();
  return static_cast<int>(version_query.column_int(0));
}

SchemaStatus schema_status_of(const std::string& path)
{
  SchemaStatus status;
  status.latest = migrations().back().version;
  sqlite3* handle = nullptr;
  // Read-only, and only when the file exists: a dry run creates nothing.
  if (::access(path.c_str(), F_OK) == 0) {
    configure_library();
    if (sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      const std::string message = handle ? sqlite3_errmsg(handle) : "out of memory";
      sqlite3_close(handle);
      throw std::runtime_error(fmt::format("cannot open the database {}: {}", path, message));
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
      status.current = sqlite3_column_int(stmt, 0);
    const bool failed = stmt == nullptr;
    const std::string message = sqlite3_errmsg(handle);
    sqlite3_finalize(stmt);
    sqlite3_close(handle);
    if (failed) throw std::runtime_error(fmt::format("cannot read the database {}: {}", path, message));
  }
  if (status.current > status.latest) {
    throw std::runtime_error(fmt::format("the database {} has schema version {}, newer than this motivo understands "
                                         "({}): upgrade motivo",
                                         path, status.current, status.latest));
  }
  for (const Migration& m : migrations()) {
    if (m.version > status.current)
      status.pending.push_back({m.version, std::string(m.description), std::string(m.sql)});
  }
  return status;
}

int migrate(Database& db)
{
  const int current = schema_version(db);
  const int latest = migrations().back().version;
  if (current > latest) {
    throw std::runtime_error(fmt::format("the database {} has schema version {}, newer than this motivo "
                                         "understands ({}): upgrade motivo",
                                         db.path(), current, latest));
  }
  int ran = 0;
  for (const Migration& m : migrations()) {
    if (m.version <= current) continue;
    Transaction tx(db);
    db.exec(std::string(m.sql));
    db.exec(fmt::format("PRAGMA user_version = {}", m.version));
    tx.commit();
    ++ran;
  }
  return ran;
}

} // namespace motivo::store::sqlite
