#pragma once

// sql::Connection over libpqxx. Included by store/postgres/*.cpp only: pqxx is a heavy header.

#include <motivo/store/postgres/pg_util.hpp>
#include <motivo/store/sql/connection.hpp>

#include <memory>
#include <string>

namespace motivo::store::postgres {

// One connection to a PostgreSQL server, made again when it was lost, through the user's URL with motivo's
// defaults (pg_conninfo.hpp). Every writing transaction() is a transaction of its own; a read runs its statements
// without one (no BEGIN and COMMIT, two round trips of the three a one-statement read took): in read committed, the
// isolation motivo's transactions have, each statement of a transaction reads its own snapshot anyway, and a read
// writes nothing to commit or roll back. Either, when its connection was lost or the server aborted it for a
// deadlock, runs again (three tries, then a clear error), since nothing it did was committed. After a writing
// transaction commits, the change counter moves (data_changed).
class PgConnection : public sql::Connection {
public:
  explicit PgConnection(const std::string& url);
  ~PgConnection() override;
  sql::Dialect dialect() const override { return sql::Dialect::postgres; }
  sql::Statement prepare(std::string_view sql) override;
  void exec(std::string_view sql) override;
  void transaction(bool write, const std::function<void()>& work) override;
  std::string location() const override { return where_; }
  // The open connection, made again when it was lost, its session set up (no JIT).
  pqxx::connection& connection();
  // `sql` (statements without parameters) run outside a transaction; the last one's rows. On a new connection it
  // travels with the session's setup, in the same round trip (a command's first read: the schema's version).
  pqxx::result open_with(const std::string& sql);
  // The writing transaction under way: inside transaction(true, …) only.
  pqxx::work& work();

private:
  // Connects when there is no open connection: whether it did. The session is not set up yet.
  bool connect();
  void set_up_session();
  template <typename Transaction>
  void run(const std::function<void()>& work);

  std::string url_, where_; // what libpq is given; the user's URL without its password, for messages
  std::unique_ptr<pqxx::connection> connection_;
  pqxx::transaction_base* current_ = nullptr; // a read's or a write's, inside transaction()
  pqxx::work* work_ = nullptr;                // a write's
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
