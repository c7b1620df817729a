#include <motivo/store/sql/connection.hpp>

namespace motivo::store::sql {

Statement& Statement::bind(int index, std::string_view text)
{
  cursor_->bind_text(index, text);
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value)
{
  cursor_->bind_int(index, value);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value)
{
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind(int index, const std::optional<std::string>& text)
{
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Statement& Statement::bind_real(int index, double value)
{
  cursor_->bind_real(index, value);
  return *this;
}

Statement& Statement::bind_null(int index)
{
  cursor_->bind_null(index);
  return *this;
}

Statement& Statement::bind_blob(int index, const void* data, std::size_t size)
{
  cursor_->bind_blob(index, data, size);
  return *this;
}

std::int64_t Statement::run()
{
  while (cursor_->step()) {
  }
  return cursor_->changes();
}

std::optional<std::int64_t> Statement::column_opt_int(int column) const
{
  if (cursor_->is_null(column)) return std::nullopt;
  return cursor_->column_int(column);
}

} // namespace motivo::store::sql
