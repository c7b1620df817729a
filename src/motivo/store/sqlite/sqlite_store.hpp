#pragma once

#include <motivo/store/sql/sql_store.hpp>
#include <motivo/store/sqlite/db.hpp>

namespace motivo::store::sqlite {

// The embedded store: one SQLite file in WAL mode, so that a running server and the command line can use it
// at once (writers wait up to 10 s for each other). The queries are SqlStore's; this is what SQLite does its
// own way.
class SqliteStore : public sql::SqlStore {
public:
  explicit SqliteStore(const std::string& path);

  std::unique_ptr<ImportSession> begin_import(const ImportInfo& info) override;
  void add_person_note(PersonId person, const std::string& note, datetime::UnixSeconds now) override;
  Notes notes() override;
  std::unique_ptr<LabelSink> label_sink() override;
  std::int64_t data_version() override;

  Database& database() { return db_; }

protected:
  std::optional<std::pair<std::string, std::string>> notes_matching(const std::string& query) override;
  std::unique_ptr<NoteLabels> labels_in_transaction() override;
  void before_erasing() override;
  void compact(const std::vector<std::string>& tables) override;

private:
  Database& db_; // SqlStore's connection
};

} // namespace motivo::store::sqlite
