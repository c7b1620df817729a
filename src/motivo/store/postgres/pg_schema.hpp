#pragma once

#include <motivo/store/postgres/pg_connection.hpp>
#include <motivo/store/store.hpp>

#include <pqxx/pqxx>

#include <string>

namespace motivo::store::postgres {

// The migrations of store/sql/schema.cpp; table motivo_schema holds the version.

// What migrating would run (read-only). `where` names the database in messages.
SchemaStatus status(pqxx::connection& connection, const std::string& where);

// Runs the pending migrations in one transaction, under an advisory lock; returns how many ran. The first thing a
// store does on its connection.
int migrate(PgConnection& pg);

} // namespace motivo::store::postgres
