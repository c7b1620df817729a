#include <motivo/core/error.hpp>
#include <motivo/store/sql/schema.hpp>
#include <motivo/store/sqlite/schema.hpp>

#include <fmt/format.h>

#include <stdexcept>
#include <unistd.h>

namespace motivo::store::sqlite {

namespace {

std::int64_t pragma(Database& db, const char* name)
{
  const std::string sql = fmt::format("PRAGMA {}", name);
  sql::Statement s = db.prepare(sql);
  s.step();
  return s.column_int(0);
}

} // namespace

Identity identify(Database& db)
{
  const std::int64_t id = pragma(db, "application_id");
  if (id == application_id) return Identity::motivo;
  sql::Statement tables =
      db.prepare("SELECT count(*), count(*) FILTER (WHERE name IN ('people', 'imports', 'invitations', "
                 "'messages', 'connections')) FROM sqlite_master WHERE type = 'table'");
  tables.step();
  const std::int64_t all = tables.column_int(0);
  const std::int64_t ours = tables.column_int(1);
  if (id == 0 && all == 0 && pragma(db, "user_version") == 0) return Identity::empty;
  if (id == 0 && ours == 5 && pragma(db, "user_version") > 0) return Identity::motivo;
  throw Error(N_("{} is not a motivo database (another program's SQLite file): give motivo a file of its own with "
                 "--db"),
              db.path());
}

SchemaStatus schema_status_of(const std::string& path)
{
  int current = 0;
  // Read-only, and only when the file exists: a dry run creates nothing.
  if (::access(path.c_str(), F_OK) == 0) {
    Database db(path, true);
    identify(db);
    current = static_cast<int>(pragma(db, "user_version"));
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
