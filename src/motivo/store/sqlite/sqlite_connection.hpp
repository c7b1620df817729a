#pragma once

#include <motivo/store/sql/connection.hpp>
#include <motivo/store/sqlite/db.hpp>

#include <memory>

namespace motivo::store::sqlite {

// sql::Connection over an open SQLite database. Reading needs no transaction of its own (each statement reads
// a consistent snapshot); writing is BEGIN IMMEDIATE … COMMIT, so writers queue for the lock at the start.
class SqliteConnection : public sql::Connection {
public:
  // Opens the database at `path` (for reading only with `read_only`).
  explicit SqliteConnection(const std::string& path, bool read_only = false)
    : owned_(std::make_unique<Database>(path, read_only)), db_(owned_.get())
  {
  }
  // Over `db`, which the caller keeps open (an import session's, inside its transaction).
  explicit SqliteConnection(Database& db) : db_(&db) {}
  sql::Dialect dialect() const override { return sql::Dialect::sqlite; }
  sql::Statement prepare(std::string_view sql) override;
  void exec(std::string_view sql) override { db_->exec(std::string(sql)); }
  void transaction(bool write, const std::function<void()>& work) override;
  std::string location() const override { return db_->path(); }
  Database& database() { return *db_; }

private:
  std::unique_ptr<Database> owned_;
  Database* db_;
};

} // namespace motivo::store::sqlite
