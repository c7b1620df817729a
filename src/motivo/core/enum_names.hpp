#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace motivo {

// What an enum's values are called in the store, the JSON and the command line, written once: an array of names
// indexed by the values (0, 1, 2… in their declaration order), read both ways. A value outside the array (a
// corrupted byte) has no name: "".
template <typename E, std::size_t N>
constexpr std::string_view enum_name(E value, const std::string_view (&names)[N])
{
  const auto i = static_cast<std::size_t>(value);
  return i < N ? names[i] : std::string_view{};
}

template <typename E, std::size_t N>
constexpr std::optional<E> parse_enum(std::string_view name, const std::string_view (&names)[N])
{
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

} // namespace motivo
