#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace motivo::utf8 {

// Returns the offset of the first byte that is not part of well-formed UTF-8 (no overlong forms, no
// surrogates, nothing above U+10FFFF), or std::string_view::npos when all of `text` is valid.
std::size_t find_invalid(std::string_view text);

inline bool is_valid(std::string_view text)
{
  return find_invalid(text) == std::string_view::npos;
}

// `text` itself when it is valid; otherwise a copy in `buffer` with each invalid byte replaced by U+FFFD.
std::string_view replace_invalid(std::string_view text, std::string& buffer);

// Number of Unicode code points in valid UTF-8 `text`.
std::size_t count_code_points(std::string_view text);

// Appends the UTF-8 encoding of code point `cp` to `out`.
void append(std::string& out, char32_t cp);

} // namespace motivo::utf8
