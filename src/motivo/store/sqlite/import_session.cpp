#include <motivo/store/sql/import_rows.hpp>
#include <motivo/store/sqlite/import_session.hpp>
#include <motivo/store/sqlite/labels.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <type_traits>
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

// The insert for a table: plain in bulk mode (keys checked in memory), otherwise resolving conflicts on the
// identity key: a row already stored is marked as seen by this import, and `RETURNING first_import` tells
// new from known.
std::string upsert(Table table, bool bulk)
{
  std::string sql = sql::insert_sql(table);
  if (bulk) return sql;
  if (sql::tracks_last_import(table)) {
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

// The stored rows whose keys an import reads into memory: 2^21 keys take 64 MiB with their ids (by key and sorted).
// A table holding more has its keys checked by SQLite's index instead. MOTIVO_KNOWN_KEY_LIMIT lowers it for tests.
std::size_t known_key_limit()
{
  if (const char* env = std::getenv("MOTIVO_KNOWN_KEY_LIMIT"); env && *env) {
    const long long limit = std::atoll(env);
    if (limit >= 0) return static_cast<std::size_t>(limit);
  }
  return std::size_t{1} << 21;
}

} // namespace

void SqliteImportSession::leave_bulk_when_full(BulkTable& table, std::optional<sql::Statement>& insert, Table rows)
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
  insert.emplace(db_.prepare(upsert(rows, false)));
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
  : SqlImportSession(info), db_(db), journal_(db), tx_(std::in_place, db),
    bulk_people_(start_bulk("people")), bulk_{start_bulk("invitations"), start_bulk("messages"),
                                              start_bulk("connections")},
    insert_person_(
        db.prepare("INSERT INTO people(id, name, name_key, slug, created_import) VALUES (?1, ?2, ?3, ?4, ?5)")),
    attach_slug_(db.prepare("UPDATE people SET slug = ?2 WHERE id = ?1")), bulk_key_limit_(bulk_key_limit())
{
  start(db_, info);
  for (const Table t : {Table::invitations, Table::messages, Table::connections}) {
    const int i = static_cast<int>(t);
    insert_[i].emplace(db.prepare(upsert(t, bulk_[i].active)));
    unread_known_[i] = !bulk_[i].active;
  }
  sql::Statement last_person = db_.prepare("SELECT coalesce(max(id), 0) FROM people");
  last_person.step();
  next_person_ = last_person.column_int(0) + 1;
  // Filling empty tables appends pages and looks nothing up: a small page cache does as well as the usual 16 MiB
  // (measured: 6.52 s against 6.59 s), and the import's peak memory falls from 98.6 to 86 MiB. Restored at the end.
  if (bulk_[0].active || bulk_[1].active) db_.exec("PRAGMA cache_size = -4096"); // invitations, messages
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
    void operator()(const InvitationRecord& r) { s.write_row(r); }
    void operator()(const MessageRecord& r) { s.write_row(r); }
    void operator()(const ConnectionRecord& r) { s.write_row(r); }
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

void SqliteImportSession::add_row(ExportRow row)
{
  std::visit(
      [this](const auto* r) {
        if (!known_row(sql::table_of(*r), r->key)) queue().push(*r);
      },
      row);
}

bool SqliteImportSession::known_row(Table table, const IdentityKey& key)
{
  if (unread_known_[static_cast<int>(table)]) {
    // Read on the table's first row (a file taken unread reads none): the writer waits meanwhile.
    unread_known_[static_cast<int>(table)] = false;
    drain();
    known_[static_cast<int>(table)] = KnownRows::read(db_, table, known_key_limit());
  }
  const KnownRows& known = known_[static_cast<int>(table)];
  if (!known.checked()) return false;
  const auto id = known.find(key);
  if (!id) return false; // new, or written earlier in this import: the writer's insert decides
  if (sql::tracks_last_import(table)) listed_[static_cast<int>(table)].push_back(*id);
  return true;
}

void SqliteImportSession::mark_listed()
{
  for (const Table table : {Table::invitations, Table::connections}) {
    std::vector<std::int64_t>& ids = listed_[static_cast<int>(table)];
    if (ids.empty()) continue;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::optional<sql::Statement>& mark = mark_[static_cast<int>(table)];
    if (!mark) {
      // What the upsert's ON CONFLICT does to a known row: a row this import has marked already is left alone. A
      // range holds no stored row but those listed, and no row written since (their ids are above every stored one).
      mark.emplace(db_.prepare(fmt::format(
          "UPDATE {} SET last_import = ?1 WHERE id BETWEEN ?2 AND ?3 AND last_import <> ?1", sql::table_name(table))));
    }
    for (const KnownRows::IdRange& range : known_[static_cast<int>(table)].ranges(ids)) {
      mark->bind(1, import_id_).bind(2, range.first).bind(3, range.last);
      mark->step();
      mark->reset();
    }
    ids = {};
  }
}

template <typename Record>
void SqliteImportSession::write_row(const Record& r)
{
  const Table table = sql::table_of(r);
  BulkTable& bulk = bulk_[static_cast<int>(table)];
  if (bulk.active && !bulk_new(bulk, r.key)) return;
  if constexpr (std::is_same_v<Record, InvitationRecord>) {
    if (mail_only_rows_ && adopt_mail_row(r)) return; // known, from its mail
  }
  sql::Statement& s = *insert_[static_cast<int>(table)];
  sql::bind_columns(s, r, import_id_);
  // In bulk mode a plain insert (no row back); otherwise new rows return this import as their first, and a message
  // is new when it was inserted at all.
  const bool returned = s.step();
  bool fresh = bulk.active || (returned && s.column_int(0) == import_id_);
  s.reset();
  if (!sql::tracks_last_import(table)) fresh = sqlite3_changes(db_.handle()) > 0;
  added_[static_cast<int>(table)] += fresh;
  if (bulk.active) leave_bulk_when_full(bulk, insert_[static_cast<int>(table)], table);
}

void SqliteImportSession::before_finish()
{
  // No more rows come: every table's keys are freed first, so that the index builds' sorters (SQLite's largest
  // use of memory in an import) never run beside them, nor the labelling after them.
  for (BulkTable* bulk : {&bulk_people_, &bulk_[0], &bulk_[1], &bulk_[2]}) bulk->keys = KeySet{};
  for (KnownRows& known : known_) known = KnownRows{};
  for (bool& unread : unread_known_) unread = false;
  for (BulkTable* bulk : {&bulk_people_, &bulk_[0], &bulk_[1], &bulk_[2]}) {
    for (const std::string& sql : bulk->index_sql) db_.exec(sql);
    bulk->index_sql.clear();
  }
}

void SqliteImportSession::commit()
{
  write_pending();
  tx_->commit();
}

std::unique_ptr<LabelSink> SqliteImportSession::label_sink()
{
  write_pending();
  return std::make_unique<SqliteLabelSink>(db_, false);
}

} // namespace motivo::store::sqlite
