#include <motivo/core/data_files.hpp>

#include <stdexcept>

namespace motivo::data {

// Generated at build time from data/ (see cmake/embed.cmake).
std::string_view embedded_file(std::string_view name);

std::string_view file(std::string_view name)
{
  const std::string_view text = embedded_file(name);
  if (text.data() == nullptr) throw std::logic_error("no data file named " + std::string(name));
  return text;
}

namespace {

std::vector<std::vector<std::string>> table(std::string_view name)
{
  std::vector<std::vector<std::string>> out;
  std::string_view text = file(name);
  bool header_seen = false;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (!header_seen) {
      header_seen = true;
      continue;
    }
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', start);
      fields.emplace_back(line.substr(start, tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    out.push_back(std::move(fields));
  }
  return out;
}

} // namespace

std::vector<std::vector<std::string>> rows(std::string_view name)
{
  return table(name);
}

} // namespace motivo::data
