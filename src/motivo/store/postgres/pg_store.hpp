#pragma once

#include <motivo/store/postgres/pg_connection.hpp>
#include <motivo/store/sql/sql_store.hpp>

#include <memory>
#include <string>

namespace motivo::store::postgres {

// The team store: SqlStore's queries on a PostgreSQL server, through one connection (a server keeps a pool of
// these), each call in a transaction of its own (PgConnection). An import is one transaction on the connection
// until it commits (PgImportSession).
class PgStore : public sql::SqlStore {
public:
  explicit PgStore(const std::string& url);

  std::unique_ptr<ImportSession> begin_import(const ImportInfo& info) override;
  Notes notes() override;
  std::unique_ptr<LabelSink> label_sink() override;
  std::int64_t data_version() override;

protected:
  std::optional<std::pair<std::string, std::string>> notes_matching(const std::string& query) override;
  std::unique_ptr<LabelSink> label_sink_in_transaction() override;
  void compact(const std::vector<std::string>& tables, ForgetCounts& counts) override;

private:
  PgConnection& pg_; // SqlStore's connection
};

// Writing labels in batches (COPY into a temporary table, one UPDATE per batch), inside the caller's transaction.
std::unique_ptr<LabelSink> label_sink_in(pqxx::work& tx);
// The same in a transaction of its own on `connection`, which done() commits.
std::unique_ptr<LabelSink> label_sink_of(pqxx::connection& connection);

} // namespace motivo::store::postgres
