#pragma once

// What the PostgreSQL store's files share: COPY text lines, and the errors a caller may retry. Included by
// store/postgres/*.cpp only: pqxx is a heavy header (../shared/DEPENDENCIES.md).

#include <motivo/core/identity.hpp>

#include <pqxx/pqxx>
#include <pqxx/tablewriter>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::store::postgres {

// A row of COPY ... FROM STDIN in text format.
class CopyLine {
public:
  void clear() { line_.clear(); }
  CopyLine& text(std::string_view value);
  CopyLine& text_or_null(std::string_view value) { return value.empty() ? null() : text(value); }
  CopyLine& number(std::int64_t value);
  CopyLine& number(std::optional<std::int64_t> value) { return value ? number(*value) : null(); }
  CopyLine& real(double value);
  CopyLine& boolean(bool value) { return raw(value ? "t" : "f"); }
  CopyLine& key(const IdentityKey& key);
  CopyLine& null() { return raw("\\N"); }
  const std::string& str() const { return line_; }

private:
  CopyLine& raw(std::string_view value);
  std::string line_;
};

// Sends `lines` (CopyLine rows, each ended by '\n') to COPY `table` FROM STDIN: into `columns`, else into every
// column in the table's order.
void copy_in(pqxx::work& tx, const std::string& table, const std::string& lines,
             const std::vector<std::string>& columns = {});

// A failure that running the same work again may cure: a lost connection, a deadlock with another import, a
// serialization failure. The message says what happened; the caller retries or reports it.
class TransientError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Moves Store::data_version(): called after a write is committed, so that a reader who sees the new version also
// sees the write (one who read the old version and the new data only rebuilds once more).
void data_changed(pqxx::connection_base& connection);

// Whether `e` (from libpqxx) is worth a retry.
bool is_transient(const std::exception& e);

} // namespace motivo::store::postgres
