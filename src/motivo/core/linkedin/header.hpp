#pragma once

#include <motivo/core/csv.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::linkedin {

// The columns of a CSV header, found by name (case and surrounding spaces do not matter), so that the
// readers work whatever the order of the columns and whichever optional ones an export has.
class Header {
public:
  Header() = default;
  Header(const csv::Record& record, std::string file);

  // The index of column `name`, if present.
  std::optional<std::size_t> find(std::string_view name) const;
  // The index of column `name`; throws InputError naming the file and the columns found when absent.
  std::size_t require(std::string_view name) const;
  // Throws InputError unless `record` has exactly as many fields as the header.
  void check_width(const csv::Record& record) const;
  bool has(std::string_view name) const { return find(name).has_value(); }
  std::uint64_t line() const { return line_; }

private:
  std::vector<std::string> names_; // lower-cased, trimmed
  std::vector<std::string> shown_; // as written
  std::string file_;
  std::uint64_t line_ = 0;
};

// The field at `index` of `record`, or "" when the index is absent.
inline std::string_view field(const csv::Record& record, std::optional<std::size_t> index)
{
  return index && *index < record.fields.size() ? record.fields[*index] : std::string_view{};
}

} // namespace motivo::linkedin
