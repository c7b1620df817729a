#include <motivo/store/postgres/pg_schema.hpp>
#include <motivo/store/sql/schema.hpp>

#include <fmt/format.h>

namespace motivo::store::postgres {

SchemaStatus status(pqxx::connection& connection, const std::string& where)
{
  int current = 0;
  pqxx::read_transaction tx(connection);
  if (tx.exec1("SELECT to_regclass('motivo_schema') IS NOT NULL")[0].as<bool>()) {
    const pqxx::result r = tx.exec("SELECT version FROM motivo_schema");
    if (!r.empty()) current = r[0][0].as<int>();
  }
  return sql::status_at(sql::Dialect::postgres, current, where);
}

namespace {

// Whether the stored version is the latest, by one read outside a transaction, sent with the session's setup when
// the connection is new (a database without the table is not).
bool is_current(PgConnection& pg)
{
  try {
    const pqxx::result r = pg.open_with("SELECT version FROM motivo_schema");
    return r.size() == 1 && r[0][0].as<int>() == sql::status_at(sql::Dialect::postgres, 0, "").latest;
  } catch (const pqxx::undefined_table&) {
    return false;
  }
}

} // namespace

int migrate(PgConnection& pg)
{
  // Most openings find the schema current: one read then, without the lock and the transaction below (three
  // round trips and 0.8 ms of a new backend's time, of a listing's 5-7 ms on the server at 1,000,000 invitations),
  // in the round trip that sets the session up.
  if (is_current(pg)) return 0;
  const std::string where = pg.location();
  pqxx::work tx(pg.connection());
  // Every opener takes this lock before reading the version, so two processes opening a new database at once
  // do not both create the tables.
  tx.exec("SELECT pg_advisory_xact_lock(7461726976)");
  tx.exec0("CREATE TABLE IF NOT EXISTS motivo_schema (version integer NOT NULL)");
  const pqxx::result r = tx.exec("SELECT version FROM motivo_schema");
  if (r.empty()) tx.exec0("INSERT INTO motivo_schema(version) VALUES (0)");
  const SchemaStatus status = sql::status_at(sql::Dialect::postgres, r.empty() ? 0 : r[0][0].as<int>(), where);
  for (const MigrationStep& m : status.pending) {
    tx.exec0(m.sql);
    tx.exec0(fmt::format("UPDATE motivo_schema SET version = {}", m.version));
  }
  tx.commit(); // all of them or none: PostgreSQL's DDL is transactional
  return static_cast<int>(status.pending.size());
}

} // namespace motivo::store::postgres
