#pragma once

#include <motivo/store/store.hpp>

#include <pqxx/pqxx>

#include <string>
#include <vector>

namespace motivo::store::postgres {

// The schema's history, version for version the same as SQLite's. Table motivo_schema holds the version.
const std::vector<MigrationStep>& migrations();

// What migrating would run (read-only). `where` names the database in messages.
SchemaStatus status(pqxx::connection& connection, const std::string& where);

// Runs the pending migrations in one transaction, under an advisory lock; returns how many ran.
int migrate(pqxx::connection& connection, const std::string& where);

} // namespace motivo::store::postgres
