#pragma once

#include <motivo/store/sql/connection.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;

namespace motivo::store::sqlite {

// Settings of the SQLite library itself, applied once before it initialises (every opening calls it).
void configure_library();

// An open SQLite connection, the embedded store's sql::Connection. Reading needs no transaction of its own (each
// statement reads a consistent snapshot); writing is BEGIN IMMEDIATE … COMMIT, so writers queue for the lock at
// the start. Errors throw std::runtime_error with SQLite's message and the file.
class Database : public sql::Connection {
public:
  // Opens (creating with mode 0600 when absent) the database at `path`; with `read_only`, opens an existing file
  // for reading only (Error when there is none: nothing is created).
  explicit Database(const std::string& path, bool read_only = false);
  ~Database() override;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t changes() const;
  // Rows changed by this connection since it opened.
  std::int64_t total_changes() const;
  sql::Dialect dialect() const override { return sql::Dialect::sqlite; }
  // Text is bound without copying: the caller keeps it alive until step().
  sql::Statement prepare(std::string_view sql) override;
  void exec(std::string_view sql) override;
  void transaction(bool write, const std::function<void()>& work) override;
  std::string location() const override { return path_; }
  void release_memory() override;
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
