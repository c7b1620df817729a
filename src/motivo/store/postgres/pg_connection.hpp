#pragma once

// sql::Connection over libpqxx. Included by store/postgres/*.cpp only: pqxx is a heavy header.

#include <motivo/store/postgres/pg_util.hpp>
#include <motivo/store/sql/connection.hpp>

#include <memory>
#include <string>

namespace motivo::store::postgres {

// One connection to a PostgreSQL server, made again when it was lost. Every transaction() is a transaction of
// its own; one whose connection was lost, or that the server aborted for a deadlock, runs again (three tries,
// then a clear error), since nothing it did was committed. After a writing transaction commits, the change
// counter moves (data_changed).
class PgConnection : public sql::Connection {
public:
  explicit PgConnection(const std::string& url);
  ~PgConnection() override;
  sql::Dialect dialect() const override { return sql::Dialect::postgres; }
  sql::Statement prepare(std::string_view sql) override;
  void exec(std::string_view sql) override;
  void transaction(bool write, const std::function<void()>& work) override;
  std::string location() const override { return where_; }
  // The open connection, made again when it was lost.
  pqxx::connection& connection();
  // The transaction under way: inside transaction() only.
  pqxx::work& work();

private:
  std::string url_, where_;
  std::unique_ptr<pqxx::connection> connection_;
  pqxx::work* work_ = nullptr;
};

// sql::Connection inside a transaction the caller holds (an import session's): no transaction of its own.
class PgWork : public sql::Connection {
public:
  explicit PgWork(pqxx::work& tx) : tx_(tx) {}
  sql::Dialect dialect() const override { return sql::Dialect::postgres; }
  sql::Statement prepare(std::string_view sql) override;
  void exec(std::string_view sql) override { tx_.exec0(std::string(sql)); }
  void transaction(bool, const std::function<void()>& work) override { work(); }
  std::string location() const override { return "the import's transaction"; }

private:
  pqxx::work& tx_;
};

// `sql` with its `?N` placeholders written as PostgreSQL's `$N` (quoted text left alone).
std::string dollar_placeholders(std::string_view sql);

} // namespace motivo::store::postgres
