#include <motivo/core/error.hpp>
#include <motivo/store/sqlite/db.hpp>
#include <motivo/store/store.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace motivo::store::sqlite {

namespace {

// Creates the file with mode 0600 before SQLite opens it, so personal data is never readable by others,
// whatever the umask. SQLite gives its -wal and -shm files the same mode.
void create_private_file(const std::string& path)
{
  if (path == ":memory:" || path.empty()) return;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return;
  }
  if (errno == EEXIST) return;
  throw std::runtime_error(fmt::format("cannot create the database {}: {}", path, std::strerror(errno)));
}

// motivo writes the database and, next to it, SQLite's -wal and -shm files (also to read: WAL readers share the
// -shm index). Said plainly before SQLite's "unable to open database file" would.
void check_writable(const std::string& path)
{
  if (path == ":memory:" || path.empty()) return;
  std::string folder = path.substr(0, path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/'));
  if (folder.empty()) folder = path.find('/') == 0 ? "/" : ".";
  const auto refuse = [&](const std::string& what) {
    throw std::runtime_error(fmt::format("the database {} is read-only ({}: {}): motivo needs to write it and, next to "
                                         "it, SQLite's -wal and -shm files; copy it somewhere writable",
                                         path, what, std::strerror(errno)));
  };
  if (::access(path.c_str(), W_OK) != 0 && errno != ENOENT) refuse("the file");
  if (::access(folder.c_str(), W_OK) != 0) refuse("its folder " + folder);
}

} // namespace

void configure_library()
{
  // No memory statistics: with them every allocation of SQLite's takes a global mutex (4 % of an import).
  // sqlite3_config must come before SQLite initialises, i.e. before the first connection opens.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

Database::Database(const std::string& path, bool read_only) : path_(path)
{
  configure_library();
  if (read_only) {
    if (path != ":memory:" && ::access(path.c_str(), F_OK) != 0)
      throw Error(N_("there is no database at {} (check --db or MOTIVO_DB; motivo import creates one)"), path);
  } else {
    check_writable(path);
    create_private_file(path);
  }
  // Read-only is PRAGMA query_only on a connection opened without CREATE (read-only by itself when the file is
  // write-protected), not SQLITE_OPEN_READONLY: a read-only connection to a WAL database creates the -wal and -shm
  // files and cannot remove them when it closes, while this one, when it is the last, removes them as usual.
  const int flags = read_only ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(N_("cannot open the database {}: {}"), path, message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
  if (read_only) exec("PRAGMA query_only = ON");
}

Database::~Database()
{
  sqlite3_close_v2(db_);
}

void Database::fail(std::string_view what) const
{
  if ((sqlite3_errcode(db_) & 0xff) == SQLITE_BUSY) throw store::Busy(path_); // past the busy timeout
  throw std::runtime_error(fmt::format("database {}: {}: {}", path_, what, sqlite3_errmsg(db_)));
}

std::int64_t Database::total_changes() const
{
  return sqlite3_total_changes64(db_);
}

std::int64_t Database::changes() const
{
  return sqlite3_changes64(db_);
}

void Database::exec(std::string_view sql)
{
  char* error = nullptr;
  if (const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error); rc != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    if ((rc & 0xff) == SQLITE_BUSY) throw store::Busy(path_);
    throw std::runtime_error(fmt::format("database {}: {}", path_, message));
  }
}

namespace {

class Cursor : public sql::Cursor {
public:
  Cursor(Database& db, std::string_view sql) : db_(db)
  {
    if (sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                           nullptr) != SQLITE_OK) {
      db.fail(fmt::format("cannot prepare \"{}\"", sql.substr(0, 60)));
    }
  }
  ~Cursor() override { sqlite3_finalize(stmt_); }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  void bind_text(int index, std::string_view text) override
  {
    sqlite3_bind_text(stmt_, index, text.data() ? text.data() : "", static_cast<int>(text.size()), SQLITE_STATIC);
  }
  void bind_int(int index, std::int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
  void bind_real(int index, double value) override { sqlite3_bind_double(stmt_, index, value); }
  void bind_null(int index) override { sqlite3_bind_null(stmt_, index); }
  void bind_blob(int index, const void* data, std::size_t size) override
  {
    sqlite3_bind_blob(stmt_, index, data, static_cast<int>(size), SQLITE_STATIC);
  }
  bool step() override
  {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_.fail("query failed");
  }
  void reset() override
  {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::int64_t changes() const override { return db_.changes(); }
  bool is_null(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::int64_t column_int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double column_real(int column) const override { return sqlite3_column_double(stmt_, column); }
  bool column_bool(int column) const override { return sqlite3_column_int64(stmt_, column) != 0; }
  std::string_view column_view(int column) const override
  {
    const auto* text = sqlite3_column_text(stmt_, column);
    return text ? std::string_view(reinterpret_cast<const char*>(text),
                                   static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
                : std::string_view{};
  }

private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

} // namespace

sql::Statement Database::prepare(std::string_view sql)
{
  return sql::Statement(std::make_unique<Cursor>(*this, sql));
}

void Database::transaction(bool write, const std::function<void()>& work)
{
  if (!write) {
    work();
    return;
  }
  Transaction tx(*this);
  work();
  tx.commit();
}

void Database::release_memory()
{
  sqlite3_db_release_memory(db_);
}

std::string set_journal_mode(Database& db, std::string_view mode)
{
  sqlite3_stmt* stmt = nullptr;
  const std::string sql = fmt::format("PRAGMA journal_mode = {}", mode);
  if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) db.fail("journal mode");
  std::string result;
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(stmt, 0);
    result = text ? reinterpret_cast<const char*>(text) : "";
  }
  sqlite3_finalize(stmt); // SQLITE_BUSY here means another connection keeps the mode as it is
  return result;
}

Transaction::Transaction(Database& db) : db_(db)
{
  db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
  db_.exec("COMMIT");
  open_ = false;
}

} // namespace motivo::store::sqlite
