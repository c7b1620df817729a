#include <motivo/core/ascii.hpp>
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/merge_fields.hpp>

#include <array>

namespace motivo::classify {

namespace {

std::string squeeze(std::string_view folded)
{
  std::string out;
  for (const char c : folded) {
    if (c != ' ') out += c;
  }
  return out;
}

} // namespace

void MergeFieldCatalog::add(std::string_view pattern)
{
  std::string inner;
  for (const char c : pattern) {
    if (c != '{' && c != '}' && c != '[' && c != ']' && c != '%' && c != '#' && c != '<' && c != '>') inner += c;
  }
  for (char& c : inner) {
    if (c == '_') c = ' ';
  }
  const std::string root = squeeze(fold(inner));
  if (!root.empty()) roots_.insert(root);
}

std::vector<std::string> MergeFieldCatalog::find(std::string_view text) const
{
  std::vector<std::string> found;
  // The bytes that can open a merge field; most notes have none of them.
  static constexpr auto opens = [] {
    std::array<bool, 256> table{};
    for (const unsigned char c : std::string_view("{[<%#")) table[c] = true;
    return table;
  }();
  for (std::size_t i = 0; i < text.size(); ++i) {
    while (i < text.size() && !opens[static_cast<unsigned char>(text[i])]) ++i;
    if (i >= text.size()) break;
    const char open = text[i];
    char close = 0;
    switch (open) {
    case '{': close = '}'; break;
    case '[': close = ']'; break;
    case '<': close = '>'; break;
    case '%': close = '%'; break;
    case '#': close = '#'; break;
    default: continue;
    }
    std::size_t start = i + 1;
    while (start < text.size() && text[start] == open) ++start; // "{{"
    const std::size_t end = text.find(close, start);
    if (end == std::string_view::npos || end == start || end - start > 40) continue;
    const std::string_view inner = text.substr(start, end - start);
    if (inner.find('\n') != std::string_view::npos) continue;
    // An identifier: letters, digits, underscores, dots and inner spaces; begins with a letter (after spaces).
    bool identifier = true;
    bool has_space = false;
    std::size_t first = 0;
    while (first < inner.size() && inner[first] == ' ') ++first;
    for (std::size_t k = first; k < inner.size(); ++k) {
      const auto c = static_cast<unsigned char>(inner[k]);
      if (c == ' ')
        has_space = true;
      else if (!(ascii::alnum(static_cast<char>(c)) || c == '_' || c == '.' || c >= 0x80))
        identifier = false;
    }
    if (first >= inner.size() || !(ascii::alpha(inner[first]) || static_cast<unsigned char>(inner[first]) >= 0x80))
      identifier = false;
    if (!identifier) continue;
    std::string spaced(inner);
    for (char& c : spaced) {
      if (c == '_' || c == '.') c = ' ';
    }
    const std::string root = squeeze(fold(spaced));
    bool known = roots_.contains(root);
    if (!known) {
      for (const std::string_view part : {"name", "nombre", "prenom", "vorname", "nome", "company", "empresa"}) {
        if (root.find(part) != std::string::npos) known = true;
      }
    }
    const bool any_identifier = (open == '{' || (open == '%' && !has_space));
    if (!known && !any_identifier) continue;
    std::size_t stop = end + 1;
    while (stop < text.size() && text[stop] == close && close != '%' && close != '#') ++stop;
    found.emplace_back(text.substr(i, stop - i));
    i = stop - 1;
  }
  return found;
}

} // namespace motivo::classify
