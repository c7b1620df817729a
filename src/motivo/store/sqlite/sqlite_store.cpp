#include <motivo/store/sqlite/sqlite_store.hpp>

#include <motivo/store/sqlite/import_session.hpp>
#include <motivo/store/sqlite/labels.hpp>
#include <motivo/store/sqlite/schema.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

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
  db_.exec("PRAGMA cache_size = -16384"); // 32 MiB
  // Sorting for index builds may use a helper thread, and spills to temporary files rather than memory.
  db_.exec("PRAGMA threads = 2");
  migrate(db_);
}

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
  sql += " ORDER BY sent_at DESC, id DESC";
  if (query.limit >= 0) sql += fmt::format(" LIMIT {}", query.limit);
  Statement s(db_, sql);
  const std::string direction = query.direction ? std::string(to_string(*query.direction)) : std::string();
  if (query.direction) s.bind(1, direction);
  if (query.label) s.bind(2, *query.label);
  if (query.id) s.bind(3, *query.id);
  std::vector<InvitationView> out;
  while (s.step()) {
    InvitationView v;
    v.id = s.column_int(0);
    v.direction = s.column_text(1) == "incoming" ? Direction::incoming : Direction::outgoing;
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
    if (!s.column_is_null(14) && !v.label_by_user) {
      const auto reasons = nlohmann::json::parse(s.column_text(14), nullptr, false);
      if (reasons.is_array()) {
        for (const auto& r : reasons) {
          if (r.is_string()) v.reasons.push_back(r.get<std::string>());
        }
      }
    }
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
  if (label) s.bind(2, *label);
  else s.bind_null(2);
  if (label) s.bind(3, static_cast<std::int64_t>(now));
  else s.bind_null(3);
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
  Transaction tx(db_);
  Statement exists(db_, "SELECT 1 FROM invitations WHERE id = ?1");
  exists.bind(1, id);
  if (!exists.step()) return false;
  Statement s(db_, "INSERT INTO asks (invitation, asked_at, message) VALUES (?1, ?2, ?3)");
  s.bind(1, id).bind(2, static_cast<std::int64_t>(now)).bind(3, message);
  s.step();
  tx.commit();
  return true;
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

std::vector<NoteRow> SqliteStore::notes()
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

} // namespace motivo::store
