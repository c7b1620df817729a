#pragma once

#include <motivo/store/sql/sql_store.hpp>
#include <motivo/store/sqlite/db.hpp>

namespace motivo::store::sqlite {

// The embedded store: one SQLite file in WAL mode, so that a running server and the command line can use it
// at once (writers wait up to 10 s for each other). The queries are SqlStore's; this is what SQLite does its
// own way.
class SqliteStore : public sql::SqlStore {
public:
  // Opens the database at `path`: creating it and bringing its schema up to date, or with `read_only` an existing
  // file as it is (Error when it needs migrating). Another program's database is refused (schema.hpp: identify).
  explicit SqliteStore(const std::string& path, bool read_only = false);

  std::unique_ptr<ImportSession> begin_import(const ImportInfo& info) override;
  Notes notes() override;
  std::unique_ptr<LabelSink> label_sink() override;
  std::int64_t data_version() override;

  Database& database() { return db_; }

protected:
  std::optional<std::pair<std::string, std::string>> notes_matching(const std::string& query) override;
  std::unique_ptr<LabelSink> label_sink_in_transaction() override;
  void before_erasing() override;
  void compact(const std::vector<std::string>& tables, ForgetCounts& counts) override;

private:
  // A read-only opening's checks: a file with a motivo schema, up to date (nothing is migrated).
  static void open_to_read(Database& db, bool is_new);

  Database& db_; // SqlStore's connection
};

} // namespace motivo::store::sqlite
