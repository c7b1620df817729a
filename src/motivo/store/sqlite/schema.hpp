#pragma once

#include <motivo/store/sqlite/db.hpp>
#include <motivo/store/store.hpp>

namespace motivo::store::sqlite {

// The migrations of store/sql/schema.cpp run in order, each in its own transaction, and PRAGMA user_version records
// how many have run; a database newer than this program is refused.

// What migrating the file at `path` would run; opens it read-only, and not at all when it does not exist.
SchemaStatus schema_status_of(const std::string& path);

// Applies the migrations the database lacks; returns how many ran.
int migrate(Database& db);

} // namespace motivo::store::sqlite
