#include <motivo/store/sqlite/import_session.hpp>
#include <motivo/store/sqlite/labels.hpp>
#include <motivo/store/sqlite/schema.hpp>
#include <motivo/store/sqlite/sqlite_store.hpp>

#include <algorithm>
#include <sys/stat.h>
#include <unistd.h>

namespace motivo::store::sqlite {

SqliteStore::SqliteStore(const std::string& path)
  : SqlStore(std::make_unique<Database>(path)), db_(static_cast<Database&>(connection_))
{
  Database& db = database();
  // A new database gets 16 KiB pages: messages are text, and bulk imports write a third fewer pages than with
  // the default 4 KiB (docs/PERFORMANCE.md). The page size must be set before anything else is written.
  // The statements must be finished first: a page size set while a read is open is silently ignored.
  bool is_new = false;
  {
    sql::Statement version = db.prepare("PRAGMA user_version");
    version.step();
    sql::Statement tables = db.prepare("SELECT count(*) FROM sqlite_master");
    tables.step();
    is_new = version.column_int(0) == 0 && tables.column_int(0) == 0;
  }
  if (is_new) db.exec("PRAGMA page_size = 16384");
  // WAL lets readers (a running server) work while an import writes; NORMAL sync in WAL mode never corrupts
  // the database, a power cut can only lose the last commits. Opening needs no write lock: a database already in
  // WAL mode (imports keep it so) opens while another process imports.
  set_journal_mode(db, "wal");
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA cache_size = -16384"); // 16 MiB
  // Sorting for index builds may use a helper thread, and spills to temporary files rather than memory.
  db.exec("PRAGMA threads = 2");
  migrate(db);
}

std::unique_ptr<ImportSession> SqliteStore::begin_import(const ImportInfo& info)
{
  return std::make_unique<SqliteImportSession>(database(), info);
}

void SqliteStore::add_person_note(PersonId person, const std::string& note, datetime::UnixSeconds now)
{
  // The full-text index follows by trigger.
  sql::in_transaction(db_, true, [&] {
    db_.prepare("INSERT INTO person_notes (person, note, written_at) VALUES (?1, ?2, ?3)")
        .bind(1, std::int64_t{person})
        .bind(2, note)
        .bind(3, std::int64_t{now})
        .run();
  });
}

std::optional<std::pair<std::string, std::string>> SqliteStore::notes_matching(const std::string& query)
{
  // Each word as a quoted FTS5 string (so user text is never FTS syntax), all of them required.
  std::string fts, word;
  const auto flush = [&] {
    if (word.empty()) return;
    std::string quoted = "\"";
    for (const char c : word) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    fts += (fts.empty() ? "" : " ") + quoted + "\"";
    word.clear();
  };
  for (const char c : query) {
    if (c == ' ' || c == '\t' || c == '\n')
      flush();
    else
      word += c;
  }
  flush();
  if (fts.empty()) return std::nullopt;
  return std::pair<std::string, std::string>{"id IN (SELECT person FROM person_notes WHERE id IN (SELECT rowid FROM "
                                             "person_notes_fts WHERE person_notes_fts MATCH ?1))",
                                             fts};
}

namespace {
// NoteLabels over the caller's transaction.
class InTransactionLabels : public NoteLabels {
public:
  explicit InTransactionLabels(Database& db) : db_(db) {}
  Notes notes() override { return read_notes(db_); }
  std::unique_ptr<LabelSink> label_sink() override { return std::make_unique<SqliteLabelSink>(db_, false); }

private:
  Database& db_;
};
} // namespace

std::unique_ptr<NoteLabels> SqliteStore::labels_in_transaction()
{
  return std::make_unique<InTransactionLabels>(database());
}

void SqliteStore::before_erasing()
{
  database().exec("PRAGMA secure_delete = ON"); // deleted content is overwritten, not left in free pages
}

void SqliteStore::compact(const std::vector<std::string>& tables)
{
  // The text must leave the file: rebuild the full-text index, fold the WAL in and rewrite the file.
  Database& db = database();
  if (std::find(tables.begin(), tables.end(), "person_notes") != tables.end())
    db.exec("INSERT INTO person_notes_fts(person_notes_fts) VALUES ('rebuild')");
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  db.exec("VACUUM");
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

std::int64_t SqliteStore::data_version()
{
  // PRAGMA data_version moves when another connection commits; the total changes, when this one writes.
  sql::Statement s = database().prepare("PRAGMA data_version");
  s.step();
  return (s.column_int(0) << 32) ^ database().total_changes();
}

Notes SqliteStore::notes()
{
  return read_notes(database());
}

std::unique_ptr<LabelSink> SqliteStore::label_sink()
{
  return std::make_unique<SqliteLabelSink>(database(), true);
}

} // namespace motivo::store::sqlite

namespace motivo::store {

std::unique_ptr<Store> open_sqlite(const std::string& path)
{
  return std::make_unique<sqlite::SqliteStore>(path);
}

bool make_sqlite_private(const std::string& path)
{
  bool changed = false;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    const std::string file = path + suffix;
    struct stat st {};
    if (::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) continue;
    if ((st.st_mode & 077) == 0) continue;
    if (::chmod(file.c_str(), st.st_mode & 0700) == 0) changed = true;
  }
  return changed;
}

SchemaStatus sqlite_schema_status(const std::string& path)
{
  return sqlite::schema_status_of(path);
}

} // namespace motivo::store
