#include <motivo/core/error.hpp>
#include <motivo/store/sql/note_facts.hpp>
#include <motivo/store/sql/schema.hpp>
#include <motivo/store/sqlite/import_session.hpp>
#include <motivo/store/sqlite/labels.hpp>
#include <motivo/store/sqlite/schema.hpp>
#include <motivo/store/sqlite/sqlite_store.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace motivo::store::sqlite {

SqliteStore::SqliteStore(const std::string& path, bool read_only)
  : SqlStore(std::make_unique<Database>(path, read_only)), db_(static_cast<Database&>(connection_))
{
  Database& db = database();
  const bool is_new = identify(db) == Identity::empty;
  bool stamped = false; // application_id already motivo's
  {
    sql::Statement id = db.prepare("PRAGMA application_id");
    stamped = id.step() && id.column_int(0) == application_id;
  }
  if (read_only) {
    open_to_read(db, is_new);
    return;
  }
  // A new database gets 16 KiB pages: messages are text, and bulk imports write a third fewer pages than with
  // the default 4 KiB (docs/PERFORMANCE.md). The page size must be set before anything else is written.
  // The statements must be finished first: a page size set while a read is open is silently ignored.
  if (is_new) db.exec("PRAGMA page_size = 16384");
  // Also on databases made before it was set; only then, since writing it needs the write lock (an import may hold it).
  if (!stamped) db.exec(fmt::format("PRAGMA application_id = {}", application_id));
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

void SqliteStore::open_to_read(Database& db, bool is_new)
{
  if (is_new)
    throw Error(N_("{} holds no motivo database yet (motivo import creates one; check --db or MOTIVO_DB)"), db.path());
  sql::Statement version = db.prepare("PRAGMA user_version");
  version.step();
  const SchemaStatus status = sql::status_at(sql::Dialect::sqlite, static_cast<int>(version.column_int(0)), db.path());
  version.reset();
  if (!status.pending.empty())
    throw Error(N_("the database {} is at schema version {} and this motivo reads version {}: run motivo db "
                   "migrate first"),
                db.path(), status.current, status.latest);
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA cache_size = -16384"); // 16 MiB
}

std::unique_ptr<ImportSession> SqliteStore::begin_import(const ImportInfo& info)
{
  return std::make_unique<SqliteImportSession>(database(), info);
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

std::unique_ptr<LabelSink> SqliteStore::label_sink_in_transaction()
{
  return std::make_unique<SqliteLabelSink>(database(), false);
}

void SqliteStore::before_erasing()
{
  database().exec("PRAGMA secure_delete = ON"); // deleted content is overwritten, not left in free pages
}

void SqliteStore::compact(const std::vector<std::string>& tables, ForgetCounts& counts)
{
  // secure_delete (before_erasing) overwrote in their pages the rows deleted, the old copies of the rows changed and
  // the pages freed: no copy of the file is needed (a VACUUM of a 1,000,000-invitation database took most of a
  // minute and its size free twice over). Left: the full-text index, whose segments keep a deleted note's words
  // until rebuilt, and the WAL's older copies of the pages, gone with a checkpoint that truncates it.
  Database& db = database();
  if (counts.notes > 0 && std::find(tables.begin(), tables.end(), "person_notes") != tables.end())
    db.exec("INSERT INTO person_notes_fts(person_notes_fts) VALUES ('rebuild')");
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
  return sql::read_notes(database());
}

std::unique_ptr<LabelSink> SqliteStore::label_sink()
{
  return std::make_unique<SqliteLabelSink>(database(), true);
}

} // namespace motivo::store::sqlite

namespace motivo::store {

std::unique_ptr<Store> open_sqlite(const std::string& path, Access access)
{
  return std::make_unique<sqlite::SqliteStore>(path, access == Access::read_only);
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
