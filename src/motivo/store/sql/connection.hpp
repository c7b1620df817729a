#pragma once

// The small connection interface the store's queries are written against once, for both engines (SQLite, the
// embedded default, and PostgreSQL, for teams). SQL uses `?1`, `?2`… placeholders, which both engines take (the
// PostgreSQL side rewrites them as `$1`, `$2`…). Only what truly differs between the engines stays in
// store/sqlite/ and store/postgres/: bulk writers, locks, compaction, the change counter, full-text search.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace motivo::store::sql {

enum class Dialect { sqlite, postgres };

// An engine's prepared statement. Columns are read as text, integer, real or boolean; a boolean expression is
// an integer in SQLite and a boolean in PostgreSQL, so read it with column_bool.
class Cursor {
public:
  virtual ~Cursor() = default;
  // Text is bound without a copy where the engine allows it: the caller keeps it alive until step().
  virtual void bind_text(int index, std::string_view text) = 0;
  virtual void bind_int(int index, std::int64_t value) = 0;
  virtual void bind_real(int index, double value) = 0;
  virtual void bind_null(int index) = 0;
  virtual void bind_blob(int index, const void* data, std::size_t size) = 0;
  // Runs (at the first call) and moves to the next row: false when there is none.
  virtual bool step() = 0;
  // Ready to run again, with nothing bound.
  virtual void reset() = 0;
  // Rows the last run inserted, updated or deleted.
  virtual std::int64_t changes() const = 0;
  virtual bool is_null(int column) const = 0;
  virtual std::int64_t column_int(int column) const = 0;
  virtual double column_real(int column) const = 0;
  virtual bool column_bool(int column) const = 0;
  // Valid until the next step() or reset().
  virtual std::string_view column_view(int column) const = 0;
};

// A statement with chained binds and typed columns, over an engine's Cursor.
class Statement {
public:
  explicit Statement(std::unique_ptr<Cursor> cursor) : cursor_(std::move(cursor)) {}

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, const std::optional<std::int64_t>& value);
  Statement& bind(int index, const std::optional<std::string>& text);
  Statement& bind_real(int index, double value);
  Statement& bind_null(int index);
  Statement& bind_blob(int index, const void* data, std::size_t size);
  // `text`, or NULL when it is empty.
  Statement& bind_or_null(int index, std::string_view text)
  {
    return text.empty() ? bind_null(index) : bind(index, text);
  }

  bool step() { return cursor_->step(); }
  void reset() { cursor_->reset(); }
  // Runs a statement that returns no rows; the rows it changed.
  std::int64_t run();

  bool is_null(int column) const { return cursor_->is_null(column); }
  std::int64_t column_int(int column) const { return cursor_->column_int(column); }
  double column_real(int column) const { return cursor_->column_real(column); }
  bool column_bool(int column) const { return cursor_->column_bool(column); }
  std::string column_text(int column) const { return std::string(cursor_->column_view(column)); }
  std::string_view column_view(int column) const { return cursor_->column_view(column); }
  std::optional<std::int64_t> column_opt_int(int column) const;

private:
  std::unique_ptr<Cursor> cursor_;
};

// One connection to a database.
class Connection {
public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // A statement of `sql` (placeholders `?N`). On PostgreSQL, inside transaction() only.
  virtual Statement prepare(std::string_view sql) = 0;
  // Runs `sql` (no parameters, no rows).
  virtual void exec(std::string_view sql) = 0;
  // Runs `work` in one transaction and commits it, or rolls back if it throws. A writing transaction takes the
  // write lock at once; once committed, the store's data version moves. PostgreSQL runs `work` again (three
  // tries) when the connection was lost or the server aborted the transaction for a deadlock.
  virtual void transaction(bool write, const std::function<void()>& work) = 0;
  // Where the data lives, for messages (a path, or a URL without its password).
  virtual std::string location() const = 0;
  // After a large read kept in memory (every note): frees the cache it came through (SQLite's pages).
  virtual void release_memory() {}
};

// transaction() returning `work`'s value.
template <typename Work>
auto in_transaction(Connection& connection, bool write, Work&& work)
{
  if constexpr (std::is_void_v<decltype(work())>) {
    connection.transaction(write, work);
  } else {
    std::optional<decltype(work())> out;
    connection.transaction(write, [&] { out.emplace(work()); });
    return std::move(*out);
  }
}

} // namespace motivo::store::sql
