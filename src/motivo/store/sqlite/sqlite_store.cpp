#include <motivo/core/error.hpp>
#include <motivo/store/sql/schema.hpp>
#include <motivo/store/sqlite/import_session.hpp>
#include <motivo/store/sqlite/labels.hpp>
#include <motivo/store/sqlite/schema.hpp>
#include <motivo/store/sqlite/sqlite_store.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
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

std::int64_t SqliteStore::insert_person_note(PersonId person, const std::string& note, datetime::UnixSeconds now)
{
  // The full-text index follows by trigger.
  sql::Statement s =
      db_.prepare("INSERT INTO person_notes (person, note, written_at) VALUES (?1, ?2, ?3) RETURNING id");
  s.bind(1, std::int64_t{person}).bind(2, note).bind(3, std::int64_t{now});
  if (!s.step()) throw std::runtime_error("the note was not stored");
  const std::int64_t id = s.column_int(0);
  while (s.step()) {
  }
  return id;
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

namespace {

// Bytes free for this process on the file system holding `path` (and that file system's device).
std::pair<std::uint64_t, dev_t> free_bytes(const std::string& path)
{
  struct statvfs fs {};
  struct stat st {};
  if (::statvfs(path.c_str(), &fs) != 0 || ::stat(path.c_str(), &st) != 0) return {UINT64_MAX, 0};
  return {static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize, st.st_dev};
}

// The folder SQLite writes VACUUM's temporary copy to (os_unix.c: unixTempFileDir).
std::string temporary_folder()
{
  for (const char* name : {"SQLITE_TMPDIR", "TMPDIR"}) {
    if (const char* dir = std::getenv(name); dir && *dir) return dir;
  }
  for (const char* dir : {"/var/tmp", "/usr/tmp", "/tmp"}) {
    if (::access(dir, W_OK | X_OK) == 0) return dir;
  }
  return ".";
}

std::string mebibytes(std::uint64_t bytes)
{
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20));
}

} // namespace

void SqliteStore::check_room_to_compact()
{
  // VACUUM copies the database into a temporary file, then writes every page of it into the WAL next to the
  // database (with a 24-byte header per page); the FTS rebuild and the checkpoints need a little more.
  Database& db = database();
  sql::Statement pages = db.prepare("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
  pages.step();
  const auto size = static_cast<std::uint64_t>(pages.column_int(0));
  const std::uint64_t wal = size + size / 64 + (1u << 20);
  const std::string folder = std::filesystem::path(db.path()).parent_path().string();
  const auto [here, here_device] = free_bytes(folder.empty() ? "." : folder);
  const auto [temp, temp_device] = free_bytes(temporary_folder());
  const std::uint64_t needed = here_device == temp_device ? wal + size : wal;
  struct rlimit limit {};
  const bool too_big =
      ::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && wal > limit.rlim_cur;
  if (here < needed || (here_device != temp_device && temp < size) || too_big) {
    throw Error(N_("not enough free space to compact the database after forgetting ({} needed next to {}, {} free): "
                   "nothing was removed; free some space and try again"),
                mebibytes(needed), db.path(), mebibytes(here < needed ? here : temp));
  }
}

void SqliteStore::compact(const std::vector<std::string>& tables, ForgetCounts& counts)
{
  (void)counts; // all or nothing: a failure throws (SqlStore::compact_after_forgetting says what is left)
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
