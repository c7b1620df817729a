#include <motivo/store/sqlite/import_session.hpp>
#include <motivo/store/sqlite/labels.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace motivo::store::sqlite {

SqliteImportSession::BulkJournal::BulkJournal(Database& database) : db(database)
{
  // The journal stays WAL, however tempting a rollback journal is (new pages written once, not twice): a rollback
  // writer whose cache spills holds the file's exclusive lock until it commits, so a server or `motivo status`
  // opened meanwhile could neither start nor read. In WAL they read the last commit while the import writes.
  // Four lookups into people per message row cost a third of the messages' time (2.96 s against 3.9 s).
  db.exec("PRAGMA foreign_keys = OFF");
}

SqliteImportSession::BulkJournal::~BulkJournal()
{
  try {
    db.exec("PRAGMA foreign_keys = ON"); // as SqliteStore opens the database
  } catch (...) {
  }
}

SqliteImportSession::~SqliteImportSession()
{
  queue_.reset(); // the writer stops before the transaction ends
  tx_.reset();    // roll back (unless committed) before foreign keys are checked again
  try {
    db_.exec("PRAGMA cache_size = -16384"); // as SqliteStore opens the database
  } catch (...) {
  }
}

namespace {

constexpr std::string_view invitation_insert = R"sql(
INSERT INTO invitations(key, owner, direction, from_person, to_person, from_name, to_name, from_url, to_url,
                        sent_at, message, first_import, last_import)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12))sql";
constexpr std::string_view message_insert = R"sql(
INSERT INTO messages(key, owner, direction, conversation_id, conversation_title, from_person, to_person, from_name,
                     from_url, to_names, to_urls, sent_at, subject, content, folder, draft, first_import, counterpart)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
        CASE ?3 WHEN 'outgoing' THEN ?7 ELSE ?6 END))sql";
constexpr std::string_view connection_insert = R"sql(
INSERT INTO connections(key, owner, person, first_name, last_name, url, email, company, position, connected_on,
                        connected_at, first_import, last_import)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12))sql";

// The insert for a table: plain in bulk mode (keys checked in memory), otherwise resolving conflicts on the
// identity key: a row already stored is marked as seen by this import, and `RETURNING first_import` tells
// new from known.
std::string upsert(std::string_view insert, bool bulk, bool track_last_import)
{
  std::string sql(insert);
  if (bulk) return sql;
  if (track_last_import) {
    // A row this import has already written (a file listing it twice) is left alone and returns nothing.
    return sql + "\nON CONFLICT(key) DO UPDATE SET last_import = excluded.last_import"
                 "\nWHERE last_import <> excluded.last_import\nRETURNING first_import";
  }
  return sql + "\nON CONFLICT(key) DO NOTHING";
}

// 2^19 keys take at most 17 MiB (a table of 2^20 slots of 17 bytes): the 500,000 messages of the benchmark stay in
// bulk mode (3.7 s; 5.2 s when they leave it after 100,000), and a 2 GiB messages.csv imports in under 100 MB.
// MOTIVO_BULK_KEY_LIMIT lowers it for tests.
std::size_t bulk_key_limit()
{
  if (const char* env = std::getenv("MOTIVO_BULK_KEY_LIMIT"); env && *env) {
    const long long limit = std::atoll(env);
    if (limit > 0) return static_cast<std::size_t>(limit);
  }
  return std::size_t{1} << 19;
}

} // namespace

void SqliteImportSession::leave_bulk_when_full(BulkTable& table, std::optional<sql::Statement>& insert,
                                               std::string_view insert_sql, bool track_last_import)
{
  if (table.keys.size() < bulk_key_limit_) return;
  // The rows so far are unique: their unique index is built now (the other indexes still at the end), and the
  // conflict-resolving insert takes over.
  const auto unique = std::find_if(table.index_sql.begin(), table.index_sql.end(), [](const std::string& sql) {
    return sql.find("CREATE UNIQUE INDEX") != std::string::npos && sql.ends_with("(key)");
  });
  if (unique == table.index_sql.end()) return; // nothing else to check keys by: they stay in memory
  table.keys = KeySet{};                       // before the index's sorter takes its memory
  table.active = false;
  db_.exec(*unique);
  table.index_sql.erase(unique);
  insert.reset();
  insert.emplace(db_.prepare(upsert(insert_sql, false, track_last_import)));
}

SqliteImportSession::BulkTable SqliteImportSession::start_bulk(const char* table)
{
  BulkTable bulk;
  {
    sql::Statement empty = db_.prepare(fmt::format("SELECT NOT EXISTS (SELECT 1 FROM {})", table));
    empty.step();
    if (empty.column_int(0) == 0) return bulk;
  }
  bulk.active = true;
  std::vector<std::string> names;
  {
    sql::Statement indexes =
        db_.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL");
    indexes.bind(1, std::string_view(table));
    while (indexes.step()) {
      names.push_back(indexes.column_text(0));
      bulk.index_sql.push_back(indexes.column_text(1));
    }
  }
  for (const std::string& name : names) db_.exec(fmt::format("DROP INDEX \"{}\"", name));
  return bulk;
}

SqliteImportSession::SqliteImportSession(Database& db, const ImportInfo& info)
  : SqlImportSession(info), db_(db), journal_(db), tx_(std::in_place, db), bulk_people_(start_bulk("people")),
    bulk_invitations_(start_bulk("invitations")), bulk_messages_(start_bulk("messages")),
    bulk_connections_(start_bulk("connections")),
    insert_person_(
        db.prepare("INSERT INTO people(id, name, name_key, slug, created_import) VALUES (?1, ?2, ?3, ?4, ?5)")),
    attach_slug_(db.prepare("UPDATE people SET slug = ?2 WHERE id = ?1")), bulk_key_limit_(bulk_key_limit())
{
  start(db_, info);
  insert_invitation_.emplace(db.prepare(upsert(invitation_insert, bulk_invitations_.active, true)));
  insert_message_.emplace(db.prepare(upsert(message_insert, bulk_messages_.active, false)));
  insert_connection_.emplace(db.prepare(upsert(connection_insert, bulk_connections_.active, true)));
  sql::Statement last_person = db_.prepare("SELECT coalesce(max(id), 0) FROM people");
  last_person.step();
  next_person_ = last_person.column_int(0) + 1;
  // Filling empty tables appends pages and looks nothing up: a small page cache does as well as the usual 16 MiB
  // (measured: 6.52 s against 6.59 s), and the import's peak memory falls from 98.6 to 86 MiB. Restored at the end.
  if (bulk_invitations_.active || bulk_messages_.active) db_.exec("PRAGMA cache_size = -4096");
}

RowQueue& SqliteImportSession::queue()
{
  if (!queue_) queue_ = std::make_unique<RowQueue>([this](const QueuedRow& row) { write(row); });
  return *queue_;
}

void SqliteImportSession::write(const QueuedRow& row)
{
  struct Visitor {
    SqliteImportSession& s;
    void operator()(const PersonRow& r) { s.write_person(r); }
    void operator()(const SlugRow& r)
    {
      s.attach_slug_.bind(1, r.id).bind(2, r.slug);
      s.attach_slug_.step();
      s.attach_slug_.reset();
    }
    void operator()(const InvitationRecord& r) { s.write_invitation(r); }
    void operator()(const MessageRecord& r) { s.write_message(r); }
    void operator()(const ConnectionRecord& r) { s.write_connection(r); }
  };
  std::visit(Visitor{*this}, row);
}

PersonId SqliteImportSession::create_person(std::string_view name, std::string_view name_key, std::string_view slug)
{
  const PersonId id = next_person_++;
  queue().push(PersonRow{id, name, name_key, slug});
  return id;
}

void SqliteImportSession::write_person(const PersonRow& r)
{
  insert_person_.bind(1, r.id).bind(2, r.name).bind(3, r.name_key).bind_or_null(4, r.slug).bind(5, import_id_);
  insert_person_.step();
  insert_person_.reset();
}

void SqliteImportSession::attach_slug(PersonId id, std::string_view slug)
{
  queue().push(SlugRow{id, slug});
}

bool SqliteImportSession::adopt_mail_row(const InvitationRecord& r)
{
  if (!key_exists_) key_exists_.emplace(db_.prepare("SELECT 1 FROM invitations WHERE key = ?1"));
  key_exists_->bind_blob(1, r.key.data(), r.key.size());
  const bool known = key_exists_->step();
  key_exists_->reset();
  return !known && SqlImportSession::adopt_mail_row(r);
}

std::uint64_t SqliteImportSession::take_added(Table table)
{
  drain();
  return std::exchange(added_[static_cast<int>(table)], 0);
}

void SqliteImportSession::add_invitation(const InvitationRecord& r)
{
  queue().push(r);
}

void SqliteImportSession::add_message(const MessageRecord& r)
{
  queue().push(r);
}

void SqliteImportSession::add_connection(const ConnectionRecord& r)
{
  queue().push(r);
}

void SqliteImportSession::write_invitation(const InvitationRecord& r)
{
  const bool bulk = bulk_invitations_.active;
  if (bulk && !bulk_new(bulk_invitations_, r.key)) return;
  if (mail_only_rows_ && adopt_mail_row(r)) return; // known, from its mail
  auto& s = *insert_invitation_;
  s.bind_blob(1, r.key.data(), r.key.size()).bind(2, r.owner).bind(3, to_string(r.direction));
  s.bind(4, r.from_person).bind(5, r.to_person).bind(6, r.from_name).bind(7, r.to_name);
  s.bind_or_null(8, r.from_url).bind_or_null(9, r.to_url).bind(10, r.sent_at).bind(11, r.message);
  s.bind(12, import_id_);
  // In bulk mode a plain insert (no row back); otherwise new rows return this import as their first.
  const bool returned = s.step();
  const bool fresh = bulk || (returned && s.column_int(0) == import_id_);
  s.reset();
  added_[static_cast<int>(Table::invitations)] += fresh;
  if (bulk) leave_bulk_when_full(bulk_invitations_, insert_invitation_, invitation_insert, true);
}

void SqliteImportSession::write_message(const MessageRecord& r)
{
  const bool bulk = bulk_messages_.active;
  if (bulk && !bulk_new(bulk_messages_, r.key)) return;
  auto& s = *insert_message_;
  s.bind_blob(1, r.key.data(), r.key.size()).bind(2, r.owner).bind(3, to_string(r.direction));
  s.bind_or_null(4, r.conversation_id).bind_or_null(5, r.conversation_title);
  s.bind(6, r.from_person).bind(7, r.to_person).bind(8, r.from_name).bind_or_null(9, r.from_url);
  s.bind(10, r.to_names).bind_or_null(11, r.to_urls).bind(12, r.sent_at).bind_or_null(13, r.subject);
  s.bind(14, r.content).bind_or_null(15, r.folder).bind(16, std::int64_t{r.draft ? 1 : 0}).bind(17, import_id_);
  s.step();
  s.reset();
  added_[static_cast<int>(Table::messages)] += sqlite3_changes(db_.handle()) > 0;
  if (bulk) leave_bulk_when_full(bulk_messages_, insert_message_, message_insert, false);
}

void SqliteImportSession::write_connection(const ConnectionRecord& r)
{
  const bool bulk = bulk_connections_.active;
  if (bulk && !bulk_new(bulk_connections_, r.key)) return;
  auto& s = *insert_connection_;
  s.bind_blob(1, r.key.data(), r.key.size()).bind(2, r.owner).bind(3, r.person);
  s.bind(4, r.first_name).bind(5, r.last_name).bind_or_null(6, r.url).bind_or_null(7, r.email);
  s.bind_or_null(8, r.company).bind_or_null(9, r.position).bind(10, std::string_view(r.connected_on));
  s.bind(11, r.connected_at).bind(12, import_id_);
  const bool returned = s.step(); // as for invitations
  const bool fresh = bulk || (returned && s.column_int(0) == import_id_);
  s.reset();
  added_[static_cast<int>(Table::connections)] += fresh;
  if (bulk) leave_bulk_when_full(bulk_connections_, insert_connection_, connection_insert, true);
}

void SqliteImportSession::before_finish()
{
  // No more rows come: every table's keys are freed first, so that the index builds' sorters (SQLite's largest
  // use of memory in an import) never run beside them, nor the labelling after them.
  for (BulkTable* bulk : {&bulk_people_, &bulk_invitations_, &bulk_messages_, &bulk_connections_})
    bulk->keys = KeySet{};
  for (BulkTable* bulk : {&bulk_people_, &bulk_invitations_, &bulk_messages_, &bulk_connections_}) {
    for (const std::string& sql : bulk->index_sql) db_.exec(sql);
    bulk->index_sql.clear();
  }
}

void SqliteImportSession::commit()
{
  drain();
  tx_->commit();
}

Notes SqliteImportSession::notes()
{
  drain();
  return read_notes(db_);
}

std::unique_ptr<LabelSink> SqliteImportSession::label_sink()
{
  drain();
  return std::make_unique<SqliteLabelSink>(db_, false);
}

} // namespace motivo::store::sqlite
