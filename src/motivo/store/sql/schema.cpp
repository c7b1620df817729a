#include <motivo/store/sql/schema.hpp>
#include <motivo/store/sql/summary.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace motivo::store::sql {

namespace {

struct Step {
  int version;
  const char* description;
  const char* sql; // with {id}, {int}, {blob}, {real}, {bool}, {false} for the engine's types, and {search},
                   // {note_key}, {changes} for what only one engine has
};

// Every index is a separate CREATE INDEX statement (no inline UNIQUE) so that a bulk import into an empty SQLite
// table can drop and rebuild them (see SqliteImportSession). Times are Unix seconds (UTC); dates are 'YYYY-MM-DD'
// text. Identity keys are 16-byte XXH3-128 hashes of the fields that make a record the same one again (see
// core/identity.hpp and app/import.cpp).
constexpr Step steps[] = {
    {1, "people, imports, invitations, messages, connections", R"sql(
CREATE TABLE people (
  id {id},
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  slug TEXT,
  created_import {int}
);
CREATE UNIQUE INDEX people_by_slug ON people(slug);
CREATE INDEX people_by_name_key ON people(name_key);

CREATE TABLE imports (
  id {id},
  started_at {int} NOT NULL,
  finished_at {int},
  source TEXT NOT NULL,
  owner {int} REFERENCES people(id),
  invitations_from {int},
  summary TEXT
);

CREATE TABLE invitations (
  id {id},
  key {blob} NOT NULL,
  owner {int} NOT NULL REFERENCES people(id),
  direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
  from_person {int} REFERENCES people(id),
  to_person {int} REFERENCES people(id),
  from_name TEXT NOT NULL,
  to_name TEXT NOT NULL,
  from_url TEXT,
  to_url TEXT,
  sent_at {int} NOT NULL,
  message TEXT NOT NULL,
  first_import {int} NOT NULL,
  last_import {int} NOT NULL,
  outcome TEXT CHECK (outcome IN ('accepted', 'withdrawn')),
  outcome_at {int}
);
CREATE UNIQUE INDEX invitations_by_key ON invitations(key);
CREATE INDEX invitations_by_owner_time ON invitations(owner, sent_at);

CREATE TABLE messages (
  id {id},
  key {blob} NOT NULL,
  owner {int} NOT NULL REFERENCES people(id),
  direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
  conversation_id TEXT,
  conversation_title TEXT,
  from_person {int} REFERENCES people(id),
  to_person {int} REFERENCES people(id),
  counterpart {int} REFERENCES people(id), -- the other person of a one-to-one message
  from_name TEXT NOT NULL,
  from_url TEXT,
  to_names TEXT NOT NULL,
  to_urls TEXT,
  sent_at {int} NOT NULL,
  subject TEXT,
  content TEXT NOT NULL,
  folder TEXT,
  draft {bool} NOT NULL DEFAULT {false},
  first_import {int} NOT NULL
);
CREATE UNIQUE INDEX messages_by_key ON messages(key);
CREATE INDEX messages_by_counterpart ON messages(owner, counterpart, sent_at);

CREATE TABLE connections (
  id {id},
  key {blob} NOT NULL,
  owner {int} NOT NULL REFERENCES people(id),
  person {int} REFERENCES people(id),
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  url TEXT,
  email TEXT,
  company TEXT,
  position TEXT,
  connected_on TEXT NOT NULL,
  connected_at {int},
  first_import {int} NOT NULL,
  last_import {int} NOT NULL
);
CREATE UNIQUE INDEX connections_by_key ON connections(key);
CREATE INDEX connections_by_person ON connections(owner, person);
)sql"},
    // The classifier's label of each invitation's note (recomputed by import and reclassify) and the user's
    // correction (kept across reclassifications; it wins). reasons: a JSON array of strings. campaign: the id of
    // the first invitation of the note's mass campaign.
    {2, "invitation labels and corrections", R"sql(
ALTER TABLE invitations ADD COLUMN label TEXT
  CHECK (label IN ('empty', 'default', 'template', 'spam', 'personalized'));
ALTER TABLE invitations ADD COLUMN language TEXT;
ALTER TABLE invitations ADD COLUMN confidence {real};
ALTER TABLE invitations ADD COLUMN reasons TEXT;
ALTER TABLE invitations ADD COLUMN campaign {int};
ALTER TABLE invitations ADD COLUMN user_label TEXT
  CHECK (user_label IN ('empty', 'default', 'template', 'spam', 'personalized'));
ALTER TABLE invitations ADD COLUMN user_label_at {int};
)sql"},
    // The protocol: the user's decision on an invitation, and the asks motivo printed for them.
    {3, "decisions and asks", R"sql(
ALTER TABLE invitations ADD COLUMN decision TEXT CHECK (decision IN ('accept', 'decline', 'spam'));
ALTER TABLE invitations ADD COLUMN decision_at {int};
CREATE TABLE asks (
  id {id},
  invitation {int} NOT NULL REFERENCES invitations(id),
  asked_at {int} NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX asks_by_invitation ON asks(invitation, asked_at);
)sql"},
    // "Why we connected": the user's notes on people, searchable by word (accents and case ignored), and the
    // welcome messages motivo rendered for new connections.
    {4, "notes on people, welcomes", R"sql(
CREATE TABLE person_notes (
  id {id},
  person {int} NOT NULL REFERENCES people(id),
  note TEXT NOT NULL,{note_key}
  written_at {int} NOT NULL
);
CREATE INDEX person_notes_by_person ON person_notes(person);{search}
CREATE TABLE welcomes (
  id {id},
  connection {int} NOT NULL REFERENCES connections(id),
  sent_at {int} NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX welcomes_by_connection ON welcomes(connection);
)sql"},
    // Invitations read from notification e-mails: where a row came from, LinkedIn's id of the invitation and the
    // mail's Message-ID; the IMAP mailboxes fetched and how far.
    {5, "invitations from mail, IMAP cursors", R"sql(
ALTER TABLE invitations ADD COLUMN origin TEXT NOT NULL DEFAULT 'export' CHECK (origin IN ('export', 'mail'));
ALTER TABLE invitations ADD COLUMN linkedin_id TEXT;
ALTER TABLE invitations ADD COLUMN mail_id TEXT;
CREATE INDEX invitations_by_linkedin_id ON invitations(owner, linkedin_id) WHERE linkedin_id IS NOT NULL;
CREATE TABLE mail_cursors (
  account TEXT PRIMARY KEY, -- imaps://host/mailbox with the user, never a password
  uidvalidity {int} NOT NULL,
  last_uid {int} NOT NULL,
  fetched_at {int} NOT NULL
);
)sql"},
    // Team mode: the people who sign in, with their token's SHA-256 only, and who ran each import.
    {6, "users, imports by user", R"sql(
CREATE TABLE users (
  id {id},
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('member', 'admin')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at {int} NOT NULL
);
ALTER TABLE imports ADD COLUMN user_id {int} REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX imports_by_user ON imports(user_id, owner);{changes}
)sql"},
    // The latest time each snapshot shows, so that two downloads imported out of order keep the newer's states.
    {7, "imports: the time of each snapshot", R"sql(
ALTER TABLE imports ADD COLUMN as_of {int};
)sql"},
    // Messages and connections read from notification e-mails (a member's message, an accepted invitation): where
    // a row came from, and the mail's Message-ID. An export's rows take their place when it holds them.
    {8, "messages and connections from mail", R"sql(
ALTER TABLE messages ADD COLUMN origin TEXT NOT NULL DEFAULT 'export' CHECK (origin IN ('export', 'mail'));
ALTER TABLE messages ADD COLUMN mail_id TEXT;
CREATE INDEX messages_from_mail ON messages(owner, sent_at) WHERE origin = 'mail';
ALTER TABLE connections ADD COLUMN origin TEXT NOT NULL DEFAULT 'export' CHECK (origin IN ('export', 'mail'));
)sql"},
    // What the user saw themselves: replies read on LinkedIn and recorded (`motivo replied`), and the log of the
    // decisions, asks and recorded replies the user made, newest last, which `motivo decide --undo` takes back one at
    // a time. A log row keeps what its action replaced (the decision and label before it) or the row it added (the
    // ask or the reply). Data read from an export or from mail is never logged, so never undone. The decisions and
    // asks recorded before this migration are logged in their order, each replacing nothing.
    {9, "recorded replies, the undo log", R"sql(
CREATE TABLE recorded_replies (
  id {id},
  invitation {int} NOT NULL REFERENCES invitations(id),
  replied_at {int} NOT NULL,
  text TEXT NOT NULL,
  recorded_at {int} NOT NULL
);
CREATE INDEX recorded_replies_by_invitation ON recorded_replies(invitation, replied_at);
CREATE TABLE user_actions (
  id {id},
  invitation {int} NOT NULL REFERENCES invitations(id),
  kind TEXT NOT NULL CHECK (kind IN ('decision', 'ask', 'reply')),
  done_at {int} NOT NULL,
  decision TEXT CHECK (decision IN ('accept', 'decline', 'spam')),
  previous_decision TEXT CHECK (previous_decision IN ('accept', 'decline', 'spam')),
  previous_decision_at {int},
  label TEXT, -- the user's label the action set with the decision (spam), else NULL
  previous_label TEXT,
  previous_label_at {int},
  row_id {int}
);
CREATE INDEX user_actions_by_invitation ON user_actions(invitation, id);
INSERT INTO user_actions (invitation, kind, done_at, decision, row_id)
SELECT invitation, kind, at, decision, row_id FROM (
  SELECT id AS invitation, 'decision' AS kind, decision_at AS at, decision, NULL AS row_id FROM invitations
    WHERE decision IS NOT NULL AND decision_at IS NOT NULL
  UNION ALL
  SELECT invitation, 'ask', asked_at, NULL, id FROM asks) AS done
ORDER BY at, kind;
)sql"},
    // motivo sync: how far LinkedIn's Member Data Portability API was read, per API address and user.
    {10, "sync_cursors: how far the LinkedIn API was read", R"sql(
CREATE TABLE sync_cursors (
  account TEXT PRIMARY KEY, -- the API's address and the motivo user, never the token
  owner {int} NOT NULL,
  snapshot_at {int} NOT NULL,
  changes_since {int} NOT NULL,
  synced_at {int} NOT NULL
);
)sql"},
    // Issue 22: each account's model of its user's labels (classify::UserModel as text: hashed word features and
    // weights, no words), trained on the user's corrections and decisions; `fingerprint` identifies the examples it
    // was trained on, so it is trained again only when they change. No foreign key: forgetting the owner's
    // invitations trains it again (and removes it when no example is left).
    {11, "each account's model of its user's labels", R"sql(
CREATE TABLE user_models (
  owner {int} PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  examples {int} NOT NULL,
  model TEXT NOT NULL
);
)sql"},
    // The content hash of each file a snapshot read whole, with what it gave: a later snapshot holding the same
    // bytes takes that file's rows as its own instead of reading them again (SqlImportSession::prior_file).
    {12, "imports: the content hash of each file", R"sql(
CREATE TABLE import_files (
  import_id {int} NOT NULL REFERENCES imports(id),
  owner {int} NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('invitations', 'messages', 'connections')),
  content_hash TEXT NOT NULL,
  row_count {int} NOT NULL,
  stored {int} NOT NULL,
  listed_from {int},
  listed_until {int},
  latest {int}
);
CREATE INDEX import_files_by_owner ON import_files(owner, kind, import_id);
)sql"},
    // Issue 23: each invitation's timeline as the protocol computes it from its messages (asked, replied, read as
    // connected, both sides wrote), kept so that listings and reports do not read every conversation again; the
    // invitations a write changed an input of since (sql/timelines.hpp), every one stale at first; and the index
    // that covers a report's aggregate query (SqlStore::tally_invitations), read instead of the table. The sent time,
    // other person and acceptance time a timeline was computed with tell an import which ones it changed.
    {13, "invitations: the protocol's timeline kept, and which are stale", R"sql(
ALTER TABLE invitations ADD COLUMN timeline_asked_at {int};
ALTER TABLE invitations ADD COLUMN timeline_replied_at {int};
ALTER TABLE invitations ADD COLUMN timeline_connected_at {int};
ALTER TABLE invitations ADD COLUMN timeline_mutual {bool};
ALTER TABLE invitations ADD COLUMN timeline_sent_at {int};
ALTER TABLE invitations ADD COLUMN timeline_person {int};
ALTER TABLE invitations ADD COLUMN timeline_accepted_at {int};
CREATE TABLE stale_timelines (
  invitation {int} PRIMARY KEY
);
INSERT INTO stale_timelines (invitation) SELECT id FROM invitations;
CREATE INDEX invitations_tally ON invitations(direction, sent_at, user_label, label, decision, outcome, campaign,
  owner, timeline_asked_at, timeline_replied_at);
)sql"},
    // Issue 26: lists read by pages, newest first, by key (sent time and id: InvitationQuery::after) through this
    // index, whatever the page's depth: a page of 50 of 100,000 invitations read them all and sorted them without it.
    {14, "invitations: an index by time for pages", R"sql(
CREATE INDEX invitations_by_time ON invitations(sent_at, id);
)sql"},
    // Issue 23: each connection's welcome as app::welcome_rule computes it (welcomed, replied) and the start of its
    // connection time it counts from, kept like the invitations' timelines (sql/welcome_timelines.hpp): the
    // person, time and day it was computed with tell an import which ones it changed; `stale_welcomes` holds the
    // connections whose inputs changed since, every one at first. A partial index covers a report's count of the
    // welcomes (SqlStore::tally_welcomes). Forgetting a person looks them up by these indexes instead of reading
    // every invitation and message.
    {15, "connections: the welcome kept, and which are stale; indexes by person", R"sql(
ALTER TABLE connections ADD COLUMN welcome_from {int};
ALTER TABLE connections ADD COLUMN welcomed_at {int};
ALTER TABLE connections ADD COLUMN welcome_replied_at {int};
ALTER TABLE connections ADD COLUMN welcome_person {int};
ALTER TABLE connections ADD COLUMN welcome_connected_at {int};
ALTER TABLE connections ADD COLUMN welcome_connected_on TEXT;
CREATE TABLE stale_welcomes (
  connection {int} PRIMARY KEY
);
INSERT INTO stale_welcomes (connection) SELECT id FROM connections;
CREATE INDEX connections_welcomed ON connections(owner, welcome_from, welcome_replied_at)
  WHERE welcomed_at IS NOT NULL AND (first_name <> '' OR last_name <> '');
CREATE INDEX invitations_by_from_person ON invitations(from_person, owner);
CREATE INDEX invitations_by_to_person ON invitations(to_person);
CREATE INDEX messages_by_person ON messages(counterpart) WHERE counterpart IS NOT NULL;
CREATE INDEX messages_from_person ON messages(from_person) WHERE from_person IS NOT NULL;
CREATE INDEX messages_to_person ON messages(to_person) WHERE to_person IS NOT NULL;
CREATE INDEX connections_by_person_alone ON connections(person);
)sql"},
    // Issue 26: a note kept from an invitation (the page's "why we connected") is logged on it, so that Undo takes
    // it back as it does a decision, an ask or a reply: the log's kinds gain "note".
    {16, "the undo log takes notes", "{note_kind}"},
    // Issue 23: the invitations a report counts, kept by owner and day of sending (sql/summary.hpp): the counts of
    // the invitations alike (every day counted here, as a refresh counts the marked ones), the days whose
    // invitations changed since, triggers that mark them on any write of a counted column, and the unreplied asks by
    // time (the deadline's edge is read from them).
    // For `status` and the lists: the drafts, and the owners with connections from an export, by index.
    {17, "invitations: the report's counts kept by owner and day; drafts and export connections indexed", R"sql(
CREATE TABLE invitation_summary (
  owner {int} NOT NULL,
  day {int} NOT NULL,
  direction TEXT NOT NULL,
  label TEXT NOT NULL,
  decision TEXT NOT NULL,
  outcome TEXT NOT NULL,
  in_campaign {bool} NOT NULL,
  asked {bool} NOT NULL,
  replied {bool} NOT NULL,
  asked_day {int},
  reply_seconds {int},
  count {int} NOT NULL
);
CREATE INDEX invitation_summary_by_day ON invitation_summary(owner, day);
CREATE TABLE stale_summary (
  owner {int} NOT NULL,
  day {int} NOT NULL,
  PRIMARY KEY (owner, day)
);
INSERT INTO stale_summary (owner, day) SELECT DISTINCT owner, sent_at / 86400 FROM invitations;
{summary_refresh}
CREATE INDEX invitations_unreplied_asks ON invitations(timeline_asked_at)
  WHERE timeline_asked_at IS NOT NULL AND timeline_replied_at IS NULL;
CREATE INDEX messages_drafts ON messages(id) WHERE draft;
CREATE INDEX connections_from_exports ON connections(owner) WHERE origin = 'export';
{summary_marks})sql"},
    // Issue 23: the folded words of the names in each message whose recipients are not one person known by their
    // profile (sql/message_words.hpp), so that forget finds the messages naming someone by an index, not by reading
    // every message; `stale_message_words` holds the messages written since their words were (triggers). And the
    // campaign members by campaign: forget asks whether the person's note began one (a scan of every invitation's
    // tally entry without it).
    {18, "messages: the words of the names they hold, kept for forget; invitations by campaign",
     "{message_words}CREATE INDEX invitations_by_campaign ON invitations(campaign) WHERE campaign IS NOT NULL;\n"},
    // Issue 23: which classifier made the stored labels (classify::identity(): motivo's version and a hash of the
    // classifier's data and code, made at build time) and whether what it learns from (the user's corrections and
    // decisions) changed since: `changes` counts those writes, `labelled` is the count the last labelling run read
    // before the notes. An import that stored, adopted or filled no invitation keeps the labels as they are while
    // the classifier is the same and the two counts agree (sql/label_state.hpp). '': never labelled with a record.
    {19, "labels: which classifier made them, and whether its examples changed since", R"sql(
CREATE TABLE label_state (
  one {int} PRIMARY KEY CHECK (one = 1),
  classifier TEXT NOT NULL,
  labelled {int} NOT NULL,
  changes {int} NOT NULL
);
INSERT INTO label_state (one, classifier, labelled, changes) VALUES (1, '', 0, 0);
)sql"},
    // Issue 23: a list filtered by label (`invitations --label`, the API's `label=`) read by pages through an index
    // of the label it filters on and the page's key, as the unfiltered list reads `invitations_by_time`. Without
    // it, a page of a rare label read the time index from the newest row and filtered (PostgreSQL, 1,000,000
    // invitations: 13,000 rows for a page of spam, 11 ms of the server's time; none matching, every row).
    {20, "invitations: an index by label and time for pages", R"sql(
CREATE INDEX invitations_by_label_time ON invitations(coalesce(user_label, label), sent_at, id);
)sql"},
};

// SQLite searches notes with FTS5 (unicode61, diacritics removed), kept up to date by triggers.
constexpr const char* sqlite_search = R"sql(
CREATE VIRTUAL TABLE person_notes_fts USING fts5(
  note, content='person_notes', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER person_notes_ai AFTER INSERT ON person_notes BEGIN
  INSERT INTO person_notes_fts(rowid, note) VALUES (new.id, new.note);
END;
CREATE TRIGGER person_notes_ad AFTER DELETE ON person_notes BEGIN
  INSERT INTO person_notes_fts(person_notes_fts, rowid, note) VALUES ('delete', old.id, old.note);
END;)sql";
// The log's kinds with "note": SQLite changes a CHECK constraint by building the table again (ids kept); PostgreSQL
// replaces the constraint.
constexpr const char* sqlite_note_kind = R"sql(
CREATE TABLE user_actions_16 (
  id INTEGER PRIMARY KEY,
  invitation INTEGER NOT NULL REFERENCES invitations(id),
  kind TEXT NOT NULL CHECK (kind IN ('decision', 'ask', 'reply', 'note')),
  done_at INTEGER NOT NULL,
  decision TEXT CHECK (decision IN ('accept', 'decline', 'spam')),
  previous_decision TEXT CHECK (previous_decision IN ('accept', 'decline', 'spam')),
  previous_decision_at INTEGER,
  label TEXT,
  previous_label TEXT,
  previous_label_at INTEGER,
  row_id INTEGER
);
INSERT INTO user_actions_16 SELECT id, invitation, kind, done_at, decision, previous_decision, previous_decision_at,
  label, previous_label, previous_label_at, row_id FROM user_actions;
DROP TABLE user_actions;
ALTER TABLE user_actions_16 RENAME TO user_actions;
CREATE INDEX user_actions_by_invitation ON user_actions(invitation, id);
)sql";
constexpr const char* postgres_note_kind = R"sql(
ALTER TABLE user_actions DROP CONSTRAINT user_actions_kind_check;
ALTER TABLE user_actions ADD CONSTRAINT user_actions_kind_check CHECK (kind IN ('decision', 'ask', 'reply', 'note'));
)sql";
// Which messages keep their names' words: several recipients, one without a profile URL (a name that may be anyone's
// spelling), a conversation title or a subject ({0} is the row: "new.", "NEW." or "").
constexpr const char* naming_messages = "({0}to_names LIKE '%,%' OR coalesce({0}to_urls, '') = '' OR "
                                        "coalesce({0}conversation_title, '') <> '' OR coalesce({0}subject, '') <> '')";
// Written since their words were: a new naming message, any change of recipients, title or subject; a message's
// words go with it.
constexpr const char* sqlite_word_triggers = R"sql(
CREATE TRIGGER message_words_ai AFTER INSERT ON messages WHEN {0} BEGIN
  INSERT INTO stale_message_words (message) VALUES (new.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER message_words_au AFTER UPDATE OF to_names, to_urls, conversation_title, subject ON messages BEGIN
  INSERT INTO stale_message_words (message) VALUES (new.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER message_words_ad AFTER DELETE ON messages BEGIN
  DELETE FROM message_words WHERE message = old.id;
  DELETE FROM stale_message_words WHERE message = old.id;
END;)sql";
constexpr const char* postgres_word_triggers = R"sql(
CREATE FUNCTION motivo_message_words_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM message_words WHERE message = OLD.id;
    DELETE FROM stale_message_words WHERE message = OLD.id;
  ELSE
    INSERT INTO stale_message_words (message) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER message_words_ai AFTER INSERT ON messages FOR EACH ROW WHEN {0}
  EXECUTE FUNCTION motivo_message_words_written();
CREATE TRIGGER message_words_au AFTER UPDATE OF to_names, to_urls, conversation_title, subject ON messages
  FOR EACH ROW EXECUTE FUNCTION motivo_message_words_written();
CREATE TRIGGER message_words_ad AFTER DELETE ON messages FOR EACH ROW EXECUTE FUNCTION motivo_message_words_written();)sql";

// Migration 18 in the engine's types: the words (a message's recipients' slugs among them, as "/slug"), the stale
// marks (every naming message at first) and the triggers.
std::string message_words_sql(bool sqlite)
{
  return fmt::format(R"sql(
CREATE TABLE message_words (
  message {0} NOT NULL,
  word TEXT NOT NULL,
  PRIMARY KEY (message, word)
){1};
CREATE INDEX message_words_by_word ON message_words(word);
CREATE TABLE stale_message_words (
  message {0} PRIMARY KEY
);
INSERT INTO stale_message_words (message) SELECT id FROM messages WHERE {2};
{3})sql",
                     sqlite ? "INTEGER" : "bigint", sqlite ? " WITHOUT ROWID" : "",
                     fmt::format(fmt::runtime(naming_messages), ""),
                     fmt::format(fmt::runtime(sqlite ? sqlite_word_triggers : postgres_word_triggers),
                                 fmt::format(fmt::runtime(naming_messages), sqlite ? "new." : "NEW.")));
}

// The triggers that mark an invitation's owner and day in `stale_summary` when it is stored, removed, or changed in a
// column the summary counts (the old day and the new one).
constexpr const char* sqlite_summary_marks = R"sql(
CREATE TRIGGER invitations_summary_added AFTER INSERT ON invitations BEGIN
  INSERT INTO stale_summary (owner, day) VALUES (new.owner, new.sent_at / 86400) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER invitations_summary_removed AFTER DELETE ON invitations BEGIN
  INSERT INTO stale_summary (owner, day) VALUES (old.owner, old.sent_at / 86400) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER invitations_summary_changed AFTER UPDATE OF owner, sent_at, direction, label, user_label, decision,
  outcome, campaign, timeline_asked_at, timeline_replied_at ON invitations
WHEN old.owner IS NOT new.owner OR old.sent_at IS NOT new.sent_at OR old.direction IS NOT new.direction
  OR old.label IS NOT new.label OR old.user_label IS NOT new.user_label OR old.decision IS NOT new.decision
  OR old.outcome IS NOT new.outcome OR (old.campaign IS NULL) <> (new.campaign IS NULL)
  OR old.timeline_asked_at IS NOT new.timeline_asked_at OR old.timeline_replied_at IS NOT new.timeline_replied_at
BEGIN
  INSERT INTO stale_summary (owner, day) VALUES (old.owner, old.sent_at / 86400) ON CONFLICT DO NOTHING;
  INSERT INTO stale_summary (owner, day) VALUES (new.owner, new.sent_at / 86400) ON CONFLICT DO NOTHING;
END;
)sql";
constexpr const char* postgres_summary_marks = R"sql(
CREATE FUNCTION invitations_summary_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO stale_summary (owner, day) VALUES (OLD.owner, OLD.sent_at / 86400) ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO stale_summary (owner, day) VALUES (NEW.owner, NEW.sent_at / 86400) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER invitations_summary_added_removed AFTER INSERT OR DELETE ON invitations
  FOR EACH ROW EXECUTE FUNCTION invitations_summary_mark();
CREATE TRIGGER invitations_summary_changed AFTER UPDATE OF owner, sent_at, direction, label, user_label, decision,
  outcome, campaign, timeline_asked_at, timeline_replied_at ON invitations FOR EACH ROW
  WHEN (OLD.owner IS DISTINCT FROM NEW.owner OR OLD.sent_at IS DISTINCT FROM NEW.sent_at
    OR OLD.direction IS DISTINCT FROM NEW.direction OR OLD.label IS DISTINCT FROM NEW.label
    OR OLD.user_label IS DISTINCT FROM NEW.user_label OR OLD.decision IS DISTINCT FROM NEW.decision
    OR OLD.outcome IS DISTINCT FROM NEW.outcome OR (OLD.campaign IS NULL) <> (NEW.campaign IS NULL)
    OR OLD.timeline_asked_at IS DISTINCT FROM NEW.timeline_asked_at
    OR OLD.timeline_replied_at IS DISTINCT FROM NEW.timeline_replied_at)
  EXECUTE FUNCTION invitations_summary_mark();
)sql";
// PostgreSQL: note_key holds the note folded by motivo (case and accents removed, classify::fold) and a GIN index
// serves word queries on it.
constexpr const char* postgres_search = R"sql(
CREATE INDEX person_notes_words ON person_notes USING gin (to_tsvector('simple', note_key));)sql";
// Store::data_version: moved by motivo after each write it commits (SQLite has PRAGMA data_version instead).
constexpr const char* postgres_changes = R"sql(
CREATE SEQUENCE motivo_changes;)sql";

std::vector<MigrationStep> in_dialect(Dialect dialect)
{
  const bool sqlite = dialect == Dialect::sqlite;
  std::vector<MigrationStep> out;
  for (const Step& step : steps) {
    out.push_back(
        {step.version, step.description,
         fmt::format(
             fmt::runtime(step.sql),
             fmt::arg("id", sqlite ? "INTEGER PRIMARY KEY" : "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
             fmt::arg("int", sqlite ? "INTEGER" : "bigint"), fmt::arg("blob", sqlite ? "BLOB" : "bytea"),
             fmt::arg("real", sqlite ? "REAL" : "double precision"), fmt::arg("bool", sqlite ? "INTEGER" : "boolean"),
             fmt::arg("false", sqlite ? "0" : "false"),
             fmt::arg("note_key", sqlite ? "" : "\n  note_key TEXT NOT NULL,"),
             fmt::arg("search", sqlite ? sqlite_search : postgres_search),
             fmt::arg("changes", sqlite ? "" : postgres_changes),
             fmt::arg("note_kind", sqlite ? sqlite_note_kind : postgres_note_kind),
             fmt::arg("message_words", message_words_sql(sqlite)),
             fmt::arg("summary_marks", sqlite ? sqlite_summary_marks : postgres_summary_marks),
             fmt::arg("summary_refresh", summary_refresh_sql()))});
  }
  return out;
}

} // namespace

const std::vector<MigrationStep>& migrations(Dialect dialect)
{
  static const std::vector<MigrationStep> sqlite = in_dialect(Dialect::sqlite);
  static const std::vector<MigrationStep> postgres = in_dialect(Dialect::postgres);
  return dialect == Dialect::sqlite ? sqlite : postgres;
}

SchemaStatus status_at(Dialect dialect, int current, const std::string& where)
{
  SchemaStatus status;
  status.current = current;
  status.latest = migrations(dialect).back().version;
  if (status.current > status.latest) {
    throw std::runtime_error(fmt::format("the database {} has schema version {}, newer than this motivo understands "
                                         "({}): upgrade motivo",
                                         where, status.current, status.latest));
  }
  for (const MigrationStep& m : migrations(dialect)) {
    if (m.version > status.current) status.pending.push_back(m);
  }
  return status;
}

} // namespace motivo::store::sql
