#include <motivo/core/error.hpp>
#include <motivo/core/linkedin/header.hpp>
#include <motivo/core/text.hpp>

#include <fmt/format.h>

#include <unordered_set>

namespace motivo::linkedin {

namespace {

// LinkedIn's headers are a few hundred bytes; a longer one is not an export and would only cost memory.
constexpr std::size_t max_header_bytes = 64u << 10;
// The columns a message quotes, at most.
constexpr std::size_t max_columns_shown = 16;

std::size_t record_bytes(const csv::Record& record)
{
  std::size_t n = 0;
  for (const std::string_view f : record.fields) n += f.size() + 1;
  return n;
}

} // namespace

Header::Header(const csv::Record& record, std::string file) : file_(std::move(file)), line_(record.line)
{
  if (record_bytes(record) > max_header_bytes) {
    throw InputError(file_, line_,
                     Message(N_("header line longer than {} bytes ({} columns, starting {})"), max_header_bytes,
                             record.fields.size(), quote_value(record.fields.empty() ? "" : record.fields[0])));
  }
  std::unordered_set<std::string> seen;
  for (const std::string_view f : record.fields) {
    names_.push_back(text::ascii_lower(text::trim(f)));
    shown_.emplace_back(text::trim(f));
    // Two columns of one name: which one a reader takes would be a guess (empty names, a trailing comma, are not
    // names).
    if (!names_.back().empty() && !seen.insert(names_.back()).second) {
      throw InputError(file_, line_, Message(N_("column {} appears twice in the header"), quote_value(shown_.back())));
    }
  }
}

std::optional<std::size_t> Header::find(std::string_view name) const
{
  const std::string wanted = text::ascii_lower(name);
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == wanted) return i;
  }
  return std::nullopt;
}

std::size_t Header::require(std::string_view name) const
{
  if (auto i = find(name)) return *i;
  std::string columns;
  for (std::size_t i = 0; i < shown_.size() && i < max_columns_shown; ++i) {
    columns += (i ? ", " : "") + quote_value(shown_[i]).substr(1); // at most 80 characters each, unquoted
    columns.pop_back();
  }
  if (shown_.size() > max_columns_shown) columns += fmt::format(", … ({} columns)", shown_.size());
  throw InputError(file_, line_, Message(N_("missing column {} (the header has: {})"), quote_value(name), columns));
}

void Header::check_width(const csv::Record& record) const
{
  if (record.fields.size() == names_.size()) return;
  // Some exports end the header with a comma but not the rows (or the reverse): tolerate one empty extra.
  if (record.fields.size() + 1 == names_.size() && names_.back().empty()) return;
  if (record.fields.size() == names_.size() + 1 && record.fields.back().empty()) return;
  throw InputError(file_, record.line,
                   Message(N_("{} fields where the header has {} (starting {})"), record.fields.size(), names_.size(),
                           quote_value(record.fields.empty() ? "" : record.fields[0])));
}

} // namespace motivo::linkedin
