#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>
#include <motivo/store/shared.hpp>
#include <motivo/store/sqlite/import_session.hpp>
#include <motivo/store/sqlite/labels.hpp>
#include <motivo/store/sqlite/schema.hpp>
#include <motivo/store/sqlite/sqlite_store.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>

namespace motivo::store::sqlite {

SqliteStore::SqliteStore(const std::string& path) : db_(path)
{
  // A new database gets 16 KiB pages: messages are text, and bulk imports write a third fewer pages than with
  // the default 4 KiB (docs/PERFORMANCE.md). The page size must be set before anything else is written.
  // The statements must be finished first: a page size set while a read is open is silently ignored.
  bool is_new = false;
  {
    Statement version(db_, "PRAGMA user_version");
    version.step();
    Statement tables(db_, "SELECT count(*) FROM sqlite_master");
    tables.step();
    is_new = version.column_int(0) == 0 && tables.column_int(0) == 0;
  }
  if (is_new) db_.exec("PRAGMA page_size = 16384");
  // WAL lets readers (a running server) work while an import writes; NORMAL sync in WAL mode never corrupts
  // the database, a power cut can only lose the last commits. Another process importing in rollback mode
  // (see SqliteImportSession) may hold the database: then it stays as it is until that import ends.
  set_journal_mode(db_, "wal");
  db_.exec("PRAGMA synchronous = NORMAL");
  db_.exec("PRAGMA foreign_keys = ON");
  db_.exec("PRAGMA cache_size = -16384"); // 16 MiB
  // Sorting for index builds may use a helper thread, and spills to temporary files rather than memory.
  db_.exec("PRAGMA threads = 2");
  migrate(db_);
}

namespace {
// Runs `insert` (bound to id, time, message) in one transaction if row `id` of `table` exists; says whether it did.
bool insert_if_exists(Database& db, std::string_view table, const char* insert, std::int64_t id,
                      datetime::UnixSeconds now, const std::string& message)
{
  Transaction tx(db);
  Statement exists(db, fmt::format("SELECT 1 FROM {} WHERE id = ?1", table));
  exists.bind(1, id);
  if (!exists.step()) return false;
  Statement s(db, insert);
  s.bind(1, id).bind(2, static_cast<std::int64_t>(now)).bind(3, message);
  s.step();
  tx.commit();
  return true;
}
} // namespace

std::unique_ptr<ImportSession> SqliteStore::begin_import(const ImportInfo& info)
{
  return std::make_unique<SqliteImportSession>(db_, info);
}

Counts SqliteStore::counts()
{
  Counts c;
  Statement s(db_, R"sql(
SELECT (SELECT count(*) FROM invitations WHERE direction = 'incoming'),
       (SELECT count(*) FROM invitations WHERE direction = 'outgoing'),
       (SELECT count(*) FROM messages),
       (SELECT count(*) FROM messages WHERE draft),
       (SELECT count(*) FROM connections),
       (SELECT count(*) FROM people),
       (SELECT count(*) FROM imports WHERE finished_at IS NOT NULL),
       (SELECT p.name FROM imports i JOIN people p ON p.id = i.owner ORDER BY i.id DESC LIMIT 1),
       (SELECT max(started_at) FROM imports WHERE finished_at IS NOT NULL))sql");
  s.step();
  c.incoming = s.column_int(0);
  c.outgoing = s.column_int(1);
  c.messages = s.column_int(2);
  c.drafts = s.column_int(3);
  c.connections = s.column_int(4);
  c.people = s.column_int(5);
  c.imports = s.column_int(6);
  if (!s.column_is_null(7)) c.owner = s.column_text(7);
  if (!s.column_is_null(8)) c.last_import_at = s.column_int(8);
  return c;
}

std::vector<InvitationView> SqliteStore::invitations(const InvitationQuery& query)
{
  std::string sql = R"sql(
SELECT id, direction, from_name, to_name, coalesce(from_url, ''), coalesce(to_url, ''), message, sent_at,
       coalesce(outcome, ''), outcome_at, coalesce(user_label, label, ''), coalesce(language, ''),
       user_label IS NOT NULL, confidence, reasons, campaign,
       owner, CASE direction WHEN 'incoming' THEN from_person ELSE to_person END, coalesce(decision, ''), decision_at,
       (SELECT min(asked_at) FROM asks WHERE asks.invitation = invitations.id)
FROM invitations WHERE 1)sql";
  if (query.direction) sql += " AND direction = ?1";
  if (query.label) sql += " AND coalesce(user_label, label) = ?2";
  if (query.id) sql += " AND id = ?3";
  if (query.user) sql += " AND owner IN (SELECT owner FROM imports WHERE user_id = ?4)";
  sql += " ORDER BY sent_at DESC, id DESC";
  if (query.limit >= 0) sql += fmt::format(" LIMIT {}", query.limit);
  Statement s(db_, sql);
  const std::string direction = query.direction ? std::string(to_string(*query.direction)) : std::string();
  if (query.direction) s.bind(1, direction);
  if (query.label) s.bind(2, *query.label);
  if (query.id) s.bind(3, *query.id);
  if (query.user) s.bind(4, *query.user);
  std::vector<InvitationView> out;
  while (s.step()) {
    InvitationView v;
    v.id = s.column_int(0);
    v.direction = parse_direction(s.column_text(1)).value_or(Direction::outgoing);
    v.from = s.column_text(2);
    v.to = s.column_text(3);
    v.from_url = s.column_text(4);
    v.to_url = s.column_text(5);
    v.message = s.column_text(6);
    v.sent_at = s.column_int(7);
    v.outcome = s.column_text(8);
    if (!s.column_is_null(9)) v.outcome_at = s.column_int(9);
    v.label = s.column_text(10);
    v.language = s.column_text(11);
    v.label_by_user = s.column_int(12) != 0;
    if (!s.column_is_null(13) && !v.label_by_user) v.confidence = s.column_real(13);
    if (!s.column_is_null(14) && !v.label_by_user) v.reasons = parse_reasons(s.column_text(14));
    if (v.label_by_user) v.reasons.push_back("labelled by you");
    if (!s.column_is_null(15)) v.campaign = s.column_int(15);
    v.owner = s.column_int(16);
    if (!s.column_is_null(17)) v.other_person = s.column_int(17);
    v.decision = s.column_text(18);
    if (!s.column_is_null(19)) v.decision_at = s.column_int(19);
    if (!s.column_is_null(20)) v.recorded_ask = s.column_int(20);
    out.push_back(std::move(v));
  }
  return out;
}

bool SqliteStore::set_user_label(std::int64_t id, const std::optional<std::string>& label, datetime::UnixSeconds now)
{
  Transaction tx(db_);
  Statement s(db_, "UPDATE invitations SET user_label = ?2, user_label_at = ?3 WHERE id = ?1");
  s.bind(1, id);
  if (label)
    s.bind(2, *label);
  else
    s.bind_null(2);
  if (label)
    s.bind(3, static_cast<std::int64_t>(now));
  else
    s.bind_null(3);
  s.step();
  const bool changed = db_.changes() > 0;
  tx.commit();
  return changed;
}

bool SqliteStore::record_decision(std::int64_t id, protocol::Decision decision, datetime::UnixSeconds now)
{
  Transaction tx(db_);
  Statement s(db_, "UPDATE invitations SET decision = ?2, decision_at = ?3 WHERE id = ?1");
  const std::string name(protocol::decision_name(decision));
  s.bind(1, id).bind(2, name).bind(3, static_cast<std::int64_t>(now));
  s.step();
  const bool found = db_.changes() > 0;
  if (found && decision == protocol::Decision::spam) {
    Statement label(db_, "UPDATE invitations SET user_label = 'spam', user_label_at = ?2 WHERE id = ?1");
    label.bind(1, id).bind(2, static_cast<std::int64_t>(now));
    label.step();
  }
  tx.commit();
  return found;
}

bool SqliteStore::record_ask(std::int64_t id, datetime::UnixSeconds now, const std::string& message)
{
  return insert_if_exists(db_, "invitations", "INSERT INTO asks (invitation, asked_at, message) VALUES (?1, ?2, ?3)",
                          id, now, message);
}

std::vector<protocol::MessageStamp> SqliteStore::messages_with(PersonId owner, PersonId person)
{
  Statement s(db_, R"sql(
SELECT sent_at, direction = 'outgoing' FROM messages
WHERE owner = ?1 AND counterpart = ?2 AND NOT draft ORDER BY sent_at)sql");
  s.bind(1, static_cast<std::int64_t>(owner)).bind(2, static_cast<std::int64_t>(person));
  std::vector<protocol::MessageStamp> out;
  while (s.step()) out.push_back({s.column_int(0), s.column_int(1) != 0});
  return out;
}

void SqliteStore::for_each_stamp(const std::function<void(PersonId, PersonId, const protocol::MessageStamp&)>& visit)
{
  Statement s(db_, R"sql(
SELECT owner, counterpart, sent_at, direction = 'outgoing' FROM messages
WHERE counterpart IS NOT NULL AND NOT draft ORDER BY owner, counterpart, sent_at)sql");
  while (s.step()) visit(s.column_int(0), s.column_int(1), {s.column_int(2), s.column_int(3) != 0});
}

std::vector<MessageView> SqliteStore::recent_messages(PersonId owner, PersonId person, std::int64_t limit)
{
  Statement s(db_, R"sql(
SELECT sent_at, direction = 'outgoing', content FROM messages
WHERE owner = ?1 AND counterpart = ?2 AND NOT draft ORDER BY sent_at DESC LIMIT ?3)sql");
  s.bind(1, static_cast<std::int64_t>(owner)).bind(2, static_cast<std::int64_t>(person)).bind(3, limit);
  std::vector<MessageView> out;
  while (s.step()) out.push_back({s.column_int(0), s.column_int(1) != 0, s.column_text(2)});
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<ConnectionView> SqliteStore::connections(std::int64_t limit)
{
  std::string sql = R"sql(
SELECT c.id, coalesce(c.person, 0), trim(c.first_name || ' ' || c.last_name), coalesce(c.url, ''), c.connected_on,
       c.connected_at, c.owner,
       (SELECT min(w.sent_at) FROM welcomes w WHERE w.connection = c.id),
       (SELECT min(m.sent_at) FROM messages m WHERE m.owner = c.owner AND m.counterpart = c.person
          AND m.direction = 'outgoing' AND NOT m.draft AND m.sent_at >= coalesce(c.connected_at, 0))
FROM connections c
WHERE c.first_name <> '' OR c.last_name <> ''
ORDER BY c.connected_on DESC, c.connected_at DESC, c.id DESC)sql";
  if (limit >= 0) sql += fmt::format(" LIMIT {}", limit);
  Statement s(db_, sql);
  std::vector<ConnectionView> out;
  while (s.step()) {
    ConnectionView c;
    c.id = s.column_int(0);
    c.person = s.column_int(1);
    c.name = s.column_text(2);
    c.url = s.column_text(3);
    c.connected_on = s.column_text(4);
    if (!s.column_is_null(5)) c.connected_at = s.column_int(5);
    c.owner = s.column_int(6);
    if (!s.column_is_null(7)) c.welcomed_at = s.column_int(7);
    if (!s.column_is_null(8) && (!c.welcomed_at || s.column_int(8) < *c.welcomed_at)) c.welcomed_at = s.column_int(8);
    out.push_back(std::move(c));
  }
  // Replies to welcomes: their first message after it (the reports give the rate).
  Statement reply(db_, R"sql(
SELECT min(m.sent_at) FROM messages m JOIN connections c ON m.owner = c.owner AND m.counterpart = c.person
WHERE c.id = ?1 AND m.direction = 'incoming' AND NOT m.draft AND m.sent_at > ?2)sql");
  for (auto& c : out) {
    if (!c.welcomed_at) continue;
    reply.reset();
    reply.bind(1, c.id).bind(2, static_cast<std::int64_t>(*c.welcomed_at));
    if (reply.step() && !reply.column_is_null(0)) c.replied_at = reply.column_int(0);
  }
  return out;
}

bool SqliteStore::record_welcome(std::int64_t connection, datetime::UnixSeconds now, const std::string& message)
{
  return insert_if_exists(db_, "connections", "INSERT INTO welcomes (connection, sent_at, message) VALUES (?1, ?2, ?3)",
                          connection, now, message);
}

void SqliteStore::for_each_message(const std::function<void(const StoredMessage&)>& visit)
{
  Statement s(db_, R"sql(
SELECT coalesce(conversation_id, ''), coalesce(conversation_title, ''), from_name, coalesce(from_url, ''), to_names,
       coalesce(to_urls, ''), sent_at, coalesce(subject, ''), content, coalesce(folder, ''), draft
FROM messages ORDER BY id)sql");
  StoredMessage m;
  while (s.step()) {
    m.conversation_id = s.column_text(0);
    m.conversation_title = s.column_text(1);
    m.from_name = s.column_text(2);
    m.from_url = s.column_text(3);
    m.to_names = s.column_text(4);
    m.to_urls = s.column_text(5);
    m.sent_at = s.column_int(6);
    m.subject = s.column_text(7);
    m.content = s.column_text(8);
    m.folder = s.column_text(9);
    m.draft = s.column_int(10) != 0;
    visit(m);
  }
}

void SqliteStore::for_each_writing(const std::function<void(const StoredWriting&)>& visit)
{
  Statement s(db_, writings_sql);
  StoredWriting w;
  while (s.step()) {
    w.kind = s.column_text(0);
    w.about = s.column_text(1);
    w.about_url = s.column_text(2);
    w.ref = s.column_int(3);
    w.at = s.column_int(4);
    w.text = s.column_text(5);
    visit(w);
  }
}

void SqliteStore::for_each_connection(const std::function<void(const StoredConnection&)>& visit)
{
  Statement s(db_, R"sql(
SELECT first_name, last_name, coalesce(url, ''), coalesce(email, ''), coalesce(company, ''), coalesce(position, ''),
       connected_on
FROM connections ORDER BY id)sql");
  StoredConnection c;
  while (s.step()) {
    c.first_name = s.column_text(0);
    c.last_name = s.column_text(1);
    c.url = s.column_text(2);
    c.email = s.column_text(3);
    c.company = s.column_text(4);
    c.position = s.column_text(5);
    c.connected_on = s.column_text(6);
    visit(c);
  }
}

std::optional<MailCursor> SqliteStore::mail_cursor(const std::string& account)
{
  Statement s(db_, "SELECT uidvalidity, last_uid, fetched_at FROM mail_cursors WHERE account = ?1");
  s.bind(1, std::string_view(account));
  if (!s.step()) return std::nullopt;
  return MailCursor{s.column_int(0), s.column_int(1), s.column_int(2)};
}

std::int64_t SqliteStore::data_version()
{
  // PRAGMA data_version moves when another connection commits; the total changes, when this one writes.
  Statement s(db_, "PRAGMA data_version");
  s.step();
  return (s.column_int(0) << 32) ^ db_.total_changes();
}

namespace {
User user_of(const Statement& s)
{
  return {s.column_int(0), s.column_text(1), parse_role(s.column_text(2)).value_or(Role::member), s.column_int(3)};
}
constexpr const char* user_columns = "SELECT id, name, role, created_at FROM users";
} // namespace

std::optional<User> SqliteStore::add_user(const std::string& name, Role role, const std::string& token_hash,
                                          datetime::UnixSeconds now)
{
  Transaction tx(db_);
  Statement s(
      db_,
      "INSERT INTO users(name, role, token_hash, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(name) DO NOTHING");
  s.bind(1, std::string_view(name)).bind(2, to_string(role)).bind(3, std::string_view(token_hash)).bind(4, now);
  s.step();
  if (db_.changes() == 0) return std::nullopt;
  tx.commit();
  return User{sqlite3_last_insert_rowid(db_.handle()), name, role, now};
}

std::vector<User> SqliteStore::users()
{
  Statement s(db_, std::string(user_columns) + " ORDER BY name");
  std::vector<User> out;
  while (s.step()) out.push_back(user_of(s));
  return out;
}

std::optional<User> SqliteStore::user_by_token_hash(const std::string& token_hash)
{
  Statement s(db_, std::string(user_columns) + " WHERE token_hash = ?1");
  s.bind(1, std::string_view(token_hash));
  if (!s.step()) return std::nullopt;
  return user_of(s);
}

bool SqliteStore::set_user_token(const std::string& name, const std::string& token_hash)
{
  Transaction tx(db_);
  Statement s(db_, "UPDATE users SET token_hash = ?2 WHERE name = ?1");
  s.bind(1, std::string_view(name)).bind(2, std::string_view(token_hash));
  s.step();
  const bool found = db_.changes() > 0;
  tx.commit();
  return found;
}

bool SqliteStore::remove_user(const std::string& name)
{
  Transaction tx(db_);
  Statement s(db_, "DELETE FROM users WHERE name = ?1");
  s.bind(1, std::string_view(name));
  s.step();
  const bool found = db_.changes() > 0;
  tx.commit();
  return found;
}

Notes SqliteStore::notes()
{
  return read_notes(db_);
}

std::unique_ptr<LabelSink> SqliteStore::label_sink()
{
  return std::make_unique<SqliteLabelSink>(db_, true);
}

} // namespace motivo::store::sqlite

namespace motivo::store {

std::unique_ptr<Store> open_sqlite(const std::string& path)
{
  return std::make_unique<sqlite::SqliteStore>(path);
}

SchemaStatus sqlite_schema_status(const std::string& path)
{
  return sqlite::schema_status_of(path);
}

} // namespace motivo::store
