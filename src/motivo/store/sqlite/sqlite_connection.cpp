#include <motivo/store/sqlite/sqlite_connection.hpp>

namespace motivo::store::sqlite {

namespace {

class SqliteCursor : public sql::Cursor {
public:
  SqliteCursor(Database& db, std::string_view sql) : db_(db), s_(db, sql) {}
  void bind_text(int index, std::string_view text) override { s_.bind(index, text); }
  void bind_int(int index, std::int64_t value) override { s_.bind(index, value); }
  void bind_real(int index, double value) override { s_.bind_real(index, value); }
  void bind_null(int index) override { s_.bind_null(index); }
  void bind_blob(int index, const void* data, std::size_t size) override { s_.bind(index, data, size); }
  bool step() override { return s_.step(); }
  void reset() override { s_.reset(); }
  std::int64_t changes() const override { return db_.changes(); }
  bool is_null(int column) const override { return s_.column_is_null(column); }
  std::int64_t column_int(int column) const override { return s_.column_int(column); }
  double column_real(int column) const override { return s_.column_real(column); }
  bool column_bool(int column) const override { return s_.column_int(column) != 0; }
  std::string_view column_view(int column) const override { return s_.column_view(column); }

private:
  Database& db_;
  Statement s_;
};

} // namespace

sql::Statement SqliteConnection::prepare(std::string_view sql)
{
  return sql::Statement(std::make_unique<SqliteCursor>(*db_, sql));
}

void SqliteConnection::transaction(bool write, const std::function<void()>& work)
{
  if (!write) {
    work();
    return;
  }
  Transaction tx(*db_);
  work();
  tx.commit();
}

} // namespace motivo::store::sqlite
