#include <motivo/core/error.hpp>

#include <fmt/format.h>

namespace motivo {

namespace {
std::string locate(const std::string& file, std::uint64_t line, const std::string& message)
{
  if (file.empty()) return message;
  if (line == 0) return fmt::format("{}: {}", file, message);
  return fmt::format("{}:{}: {}", file, line, message);
}
} // namespace

InputError::InputError(std::string file, std::uint64_t line, const std::string& message)
  : std::runtime_error(locate(file, line, message)), file_(std::move(file)), line_(line)
{
}

InputError::InputError(const std::string& message) : std::runtime_error(message)
{
}

std::string quote_value(std::string_view value)
{
  constexpr std::size_t max_shown = 80;
  std::string out = "\"";
  std::size_t shown = 0;
  std::size_t i = 0;
  for (; i < value.size() && shown < max_shown; ++i, ++shown) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      // Do not cut a UTF-8 sequence in the middle.
      out += static_cast<char>(c);
      while (i + 1 < value.size() && (static_cast<unsigned char>(value[i + 1]) & 0xC0) == 0x80) {
        out += value[++i];
      }
    }
  }
  if (i < value.size()) out += "…";
  out += '"';
  return out;
}

} // namespace motivo
