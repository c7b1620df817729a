#pragma once

#include <motivo/store/sqlite/db.hpp>
#include <motivo/store/store.hpp>

#include <string_view>
#include <vector>

namespace motivo::store::sqlite {

// One step of the schema's history. Migrations run in order, each in its own transaction, and
// PRAGMA user_version records how many have run; a database newer than this program is refused.
struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

const std::vector<Migration>& migrations();

// What migrating the file at `path` would run; opens it read-only, and not at all when it does not exist.
SchemaStatus schema_status_of(const std::string& path);

// Applies the migrations the database lacks; returns how many ran.
int migrate(Database& db);

} // namespace motivo::store::sqlite
