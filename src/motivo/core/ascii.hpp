#pragma once

#include <array>
#include <cstdint>

// ASCII byte tests and lower case, by table: every byte of a note passes through them several times
// (classify/signals.cpp, classify/merge_fields.cpp, anonymize_text.cpp), so a lookup rather than comparisons.
// Bytes beyond ASCII are neither letters nor digits and keep their value.
namespace motivo::ascii {

namespace detail {
enum : std::uint8_t { digit_class = 1, alpha_class = 2 };
inline constexpr std::array<std::uint8_t, 256> byte_class = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = digit_class;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = alpha_class;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = alpha_class;
  return t;
}();
inline constexpr std::array<char, 256> lower_of = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return t;
}();
} // namespace detail

constexpr bool alpha(char c)
{
  return detail::byte_class[static_cast<unsigned char>(c)] == detail::alpha_class;
}
constexpr bool digit(char c)
{
  return detail::byte_class[static_cast<unsigned char>(c)] == detail::digit_class;
}
constexpr bool alnum(char c)
{
  return detail::byte_class[static_cast<unsigned char>(c)] != 0;
}
constexpr char lower(char c)
{
  return detail::lower_of[static_cast<unsigned char>(c)];
}

} // namespace motivo::ascii
