#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace motivo::store::sqlite {

// Settings of the SQLite library itself, applied once before it initialises (every opening calls it).
void configure_library();

// An open SQLite connection. Errors throw std::runtime_error with SQLite's message and the file.
class Database {
public:
  // Opens (creating with mode 0600 when absent) the database at `path`; with `read_only`, opens an existing file
  // for reading only (Error when there is none: nothing is created).
  explicit Database(const std::string& path, bool read_only = false);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t changes() const;
  // Rows changed by this connection since it opened.
  std::int64_t total_changes() const;
  void exec(const std::string& sql);
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  [[noreturn]] void fail(std::string_view what) const;

private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

// Asks for journal mode `mode` ("wal" or "delete"); returns the mode in force afterwards, which is the old
// one when another connection prevents the change.
std::string set_journal_mode(Database& db, std::string_view mode);

// A prepared statement. Text is bound without copying: the caller keeps it alive until step().
class Statement {
public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, const void* blob, std::size_t size);
  Statement& bind_null(int index);
  Statement& bind_real(int index, double value);
  Statement& bind(int index, std::optional<std::int64_t> value);
  // Binds `text`, or NULL when it is empty.
  Statement& bind_or_null(int index, std::string_view text);

  // Runs one step: true when a row is ready, false when done.
  bool step();
  // Resets for the next run (keeps nothing bound).
  void reset();

  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;
  // The column's text without a copy: valid until the next step() or reset().
  std::string_view column_view(int index) const;
  double column_real(int index) const;
  bool column_is_null(int index) const;

private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// A transaction: BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit() ran.
class Transaction {
public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

private:
  Database& db_;
  bool open_ = true;
};

} // namespace motivo::store::sqlite
