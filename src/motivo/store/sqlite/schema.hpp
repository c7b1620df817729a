#pragma once

#include <motivo/store/sqlite/db.hpp>
#include <motivo/store/store.hpp>

namespace motivo::store::sqlite {

// The migrations of store/sql/schema.cpp run in order, each in its own transaction, and PRAGMA user_version records
// how many have run; a database newer than this program is refused.

// motivo's databases carry this PRAGMA application_id ("motv"), set when motivo creates them.
inline constexpr int application_id = 0x6d6f7476;

// What the file open in `db` is to motivo.
enum class Identity {
  empty,  // no tables at all: a new file motivo may make its own
  motivo, // motivo's (its application_id, or an older motivo database without it: see identify)
};
// Identity of the database: its PRAGMA application_id is motivo's; or (databases made before motivo set it) it has
// none, a schema version (PRAGMA user_version) and motivo's tables. Anything else is another program's database:
// an Error naming the file, and nothing is written to it.
Identity identify(Database& db);

// What migrating the file at `path` would run; opens it read-only, and not at all when it does not exist. Another
// program's database is refused (identify).
SchemaStatus schema_status_of(const std::string& path);

// Applies the migrations the database lacks; returns how many ran.
int migrate(Database& db);

} // namespace motivo::store::sqlite
