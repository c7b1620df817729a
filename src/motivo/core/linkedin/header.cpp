#include <motivo/core/error.hpp>
#include <motivo/core/linkedin/header.hpp>
#include <motivo/core/text.hpp>

#include <fmt/format.h>

namespace motivo::linkedin {

Header::Header(const csv::Record& record, std::string file) : file_(std::move(file)), line_(record.line)
{
  for (const std::string_view f : record.fields) {
    names_.push_back(text::ascii_lower(text::trim(f)));
    shown_.emplace_back(text::trim(f));
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
  throw InputError(file_, line_,
                   Message(N_("missing column {} (the header has: {})"), quote_value(name),
                           fmt::format("{}", fmt::join(shown_, ", "))));
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
