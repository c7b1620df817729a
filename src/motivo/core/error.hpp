#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace motivo {

// A problem with the user's input (a file, a line, a value): the operation stops, nothing is stored,
// and the command exits with status 1. `what()` is the full message, e.g.
// `Invitations.csv:12: impossible date ("2/30/24, 9:00 AM")`.
class InputError : public std::runtime_error {
public:
  InputError(std::string file, std::uint64_t line, const std::string& message);
  explicit InputError(const std::string& message);

  const std::string& file() const { return file_; }
  std::uint64_t line() const { return line_; }

private:
  std::string file_;
  std::uint64_t line_ = 0;
};

// Quotes a value for an error message: at most 80 characters, control characters escaped.
std::string quote_value(std::string_view value);

} // namespace motivo
