#include <motivo/core/error.hpp>
#include <motivo/store/sqlite/db.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
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

void Database::exec(const std::string& sql)
{
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error(fmt::format("database {}: {}", path_, message));
  }
}

Statement::Statement(Database& db, std::string_view sql) : db_(db)
{
  if (sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                         nullptr) != SQLITE_OK) {
    db.fail(fmt::format("cannot prepare \"{}\"", sql.substr(0, 60)));
  }
}

Statement::~Statement()
{
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::string_view text)
{
  sqlite3_bind_text(stmt_, index, text.data() ? text.data() : "", static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value)
{
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, const void* blob, std::size_t size)
{
  sqlite3_bind_blob(stmt_, index, blob, static_cast<int>(size), SQLITE_STATIC);
  return *this;
}

Statement& Statement::bind_real(int index, double value)
{
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

double Statement::column_real(int index) const
{
  return sqlite3_column_double(stmt_, index);
}

Statement& Statement::bind_null(int index)
{
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::bind(int index, std::optional<std::int64_t> value)
{
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_or_null(int index, std::string_view text)
{
  return text.empty() ? bind_null(index) : bind(index, text);
}

bool Statement::step()
{
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail("query failed");
}

void Statement::reset()
{
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::column_int(int index) const
{
  return sqlite3_column_int64(stmt_, index);
}

std::string Statement::column_text(int index) const
{
  const auto* text = sqlite3_column_text(stmt_, index);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)))
              : std::string{};
}

std::string_view Statement::column_view(int index) const
{
  const auto* text = sqlite3_column_text(stmt_, index);
  return text ? std::string_view(reinterpret_cast<const char*>(text),
                                 static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)))
              : std::string_view{};
}

bool Statement::column_is_null(int index) const
{
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
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
