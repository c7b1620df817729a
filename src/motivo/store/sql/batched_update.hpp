#pragma once

#include <motivo/store/sql/connection.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace motivo::store::sql {

// Rows of one table updated a chunk at a time, one UPDATE over a VALUES list each: a row at a time, PostgreSQL's
// round trips were most of a first import's refresh of the kept timelines. Each row: its id, then one value per
// column (an integer or none, or a text), in the order of `columns`. What is added is written by `flush` (and by
// `add` every `chunk` rows); the caller flushes at the end, inside its transaction. A full chunk's statement is
// prepared once and run again, and on SQLite its placeholders are not numbered: SQLite's code generator takes time
// quadratic in numbered placeholders (2,000 a chunk), and preparing such a statement for every chunk was half of a
// refresh of every kept timeline (perf: sqlite3VListNumToName).
class BatchedUpdate {
public:
  struct Column {
    std::string_view name;
    std::string_view type; // how the VALUES list casts the bound value: BIGINT, BOOLEAN or TEXT
  };
  using Value = std::variant<std::optional<std::int64_t>, std::string>;

  BatchedUpdate(Connection& c, std::string_view table, std::vector<Column> columns);
  void add(std::int64_t id, std::vector<Value> values);
  void flush();

private:
  static constexpr std::size_t chunk = 250;
  std::string update_sql(std::size_t rows) const;

  Connection& c_;
  std::string table_;
  std::vector<Column> columns_;
  std::vector<std::int64_t> ids_;
  std::vector<Value> values_;     // columns_.size() per row
  std::optional<Statement> full_; // the statement of a full chunk, prepared at the first
};

} // namespace motivo::store::sql
