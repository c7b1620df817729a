#pragma once

#include <motivo/store/sql/connection.hpp>
#include <motivo/store/store.hpp>

#include <string>
#include <vector>

namespace motivo::store::sql {

// The schema's history, written once: the same versions, tables, columns and meaning on both engines, each in
// its own types (SQLite's INTEGER and BLOB, PostgreSQL's bigint, identity columns, bytea and boolean). Only the
// full-text search of notes differs: SQLite keeps an FTS5 table, PostgreSQL a GIN index over the folded note.
const std::vector<MigrationStep>& migrations(Dialect dialect);

// What migrating a database at schema version `current` would run. A database newer than this program is an
// error naming `where`.
SchemaStatus status_at(Dialect dialect, int current, const std::string& where);

} // namespace motivo::store::sql
