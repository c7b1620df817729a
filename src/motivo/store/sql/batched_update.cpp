#include <motivo/store/sql/batched_update.hpp>

#include <fmt/format.h>

namespace motivo::store::sql {

BatchedUpdate::BatchedUpdate(Connection& c, std::string_view table, std::vector<Column> columns)
  : c_(c), table_(table), columns_(std::move(columns))
{
}

void BatchedUpdate::add(std::int64_t id, std::vector<Value> values)
{
  ids_.push_back(id);
  for (Value& v : values) values_.push_back(std::move(v));
  if (ids_.size() == chunk) flush();
}

void BatchedUpdate::flush()
{
  if (ids_.empty()) return;
  std::optional<Statement> partial;
  if (ids_.size() == chunk && !full_) full_.emplace(c_.prepare(update_sql(chunk)));
  Statement& update = ids_.size() == chunk ? *full_ : partial.emplace(c_.prepare(update_sql(ids_.size())));
  int n = 0;
  std::size_t k = 0;
  for (const std::int64_t id : ids_) {
    update.bind(++n, id);
    for (std::size_t col = 0; col < columns_.size(); ++col, ++k) {
      ++n;
      if (const auto* number = std::get_if<std::optional<std::int64_t>>(&values_[k]))
        update.bind(n, *number);
      else
        update.bind(n, std::string_view(std::get<std::string>(values_[k])));
    }
  }
  update.run();
  update.reset();
  ids_.clear();
  values_.clear();
}

std::string BatchedUpdate::update_sql(std::size_t rows) const
{
  // SQLite takes the placeholders unnumbered (each once, in order): its code generator looks each numbered one up
  // in a list, time quadratic in their number (2,000 a chunk); PostgreSQL's side wants them numbered.
  const bool numbered = c_.dialect() == Dialect::postgres;
  const auto placeholder = [&](std::size_t n) { return numbered ? fmt::format("?{}", n) : std::string("?"); };
  const std::size_t width = columns_.size() + 1;
  std::string values;
  for (std::size_t i = 0; i < rows; ++i) {
    values += fmt::format("{}(CAST({} AS BIGINT)", i ? ", " : "", placeholder(i * width + 1));
    for (std::size_t col = 0; col < columns_.size(); ++col)
      values += fmt::format(", CAST({} AS {})", placeholder(i * width + col + 2), columns_[col].type);
    values += ')';
  }
  std::string set;
  for (std::size_t col = 0; col < columns_.size(); ++col)
    set += fmt::format("{}{} = v.column{}", col ? ", " : "", columns_[col].name, col + 2);
  return fmt::format("UPDATE {0} SET {1} FROM (VALUES {2}) AS v WHERE {0}.id = v.column1", table_, set, values);
}

} // namespace motivo::store::sql
