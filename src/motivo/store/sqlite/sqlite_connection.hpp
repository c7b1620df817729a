#pragma once

#include <motivo/store/sql/connection.hpp>
#include <motivo/store/sqlite/db.hpp>

namespace motivo::store::sqlite {

// sql::Connection over an open SQLite database. Reading needs no transaction of its own (each statement reads
// a consistent snapshot); writing is BEGIN IMMEDIATE … COMMIT, so writers queue for the lock at the start.
class SqliteConnection : public sql::Connection {
public:
  explicit SqliteConnection(const std::string& path) : db_(path) {}
  sql::Dialect dialect() const override { return sql::Dialect::sqlite; }
  sql::Statement prepare(std::string_view sql) override;
  void exec(std::string_view sql) override { db_.exec(std::string(sql)); }
  void transaction(bool write, const std::function<void()>& work) override;
  std::string location() const override { return db_.path(); }
  Database& database() { return db_; }

private:
  Database db_;
};

} // namespace motivo::store::sqlite
