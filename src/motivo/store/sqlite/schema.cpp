#include <motivo/core/error.hpp>
#include <motivo/store/sql/schema.hpp>
#include <motivo/store/sqlite/schema.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <stdexcept>
#include <unistd.h>

namespace motivo::store::sqlite {

SchemaStatus schema_status_of(const std::string& path)
{
  int current = 0;
  sqlite3* handle = nullptr;
  // Read-only, and only when the file exists: a dry run creates nothing.
  if (::access(path.c_str(), F_OK) == 0) {
    configure_library();
    if (sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      const std::string message = handle ? sqlite3_errmsg(handle) : "out of memory";
      sqlite3_close(handle);
      throw Error(N_("cannot open the database {}: {}"), path, message);
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
      current = sqlite3_column_int(stmt, 0);
    const bool failed = stmt == nullptr;
    const std::string message = sqlite3_errmsg(handle);
    sqlite3_finalize(stmt);
    sqlite3_close(handle);
    if (failed) throw std::runtime_error(fmt::format("cannot read the database {}: {}", path, message));
  }
  return sql::status_at(sql::Dialect::sqlite, current, path);
}

int migrate(Database& db)
{
  sql::Statement version = db.prepare("PRAGMA user_version");
  version.step();
  const SchemaStatus status = sql::status_at(sql::Dialect::sqlite, static_cast<int>(version.column_int(0)), db.path());
  version.reset();
  for (const MigrationStep& m : status.pending) {
    Transaction tx(db);
    db.exec(m.sql);
    db.exec(fmt::format("PRAGMA user_version = {}", m.version));
    tx.commit();
  }
  return static_cast<int>(status.pending.size());
}

} // namespace motivo::store::sqlite
