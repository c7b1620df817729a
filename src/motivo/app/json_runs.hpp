#pragma once

// JSON strings read and written without a DOM (classify --jsonl's hot path: app/jsonl.cpp reads, and
// app/json_views_classify.cpp writes, a few hundred bytes of text per note).

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace motivo::app {

// Whether the byte stands for itself inside a JSON string: not a quote, a backslash or a control byte.
inline bool json_plain(char c)
{
  return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20;
}

// The end of the run of plain bytes (json_plain) of `s` that starts at `i`; `high` is set when one of them is
// beyond ASCII. Eight bytes a step: a byte equal to a quote or a backslash, or below 0x20, sets the top bit of
// its lane in one of three masks (a borrow may set it in a lane above as well, which does not matter: the step
// only asks whether any lane has it, and the bytes are then read one by one).
inline std::size_t json_plain_run(std::string_view s, std::size_t i, bool& high)
{
  constexpr std::uint64_t ones = 0x0101010101010101ull, tops = 0x8080808080808080ull;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t v = 0;
    std::memcpy(&v, s.data() + i, sizeof v);
    const std::uint64_t quote = v ^ (ones * '"'), backslash = v ^ (ones * '\\');
    const std::uint64_t stop = ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | ((v - ones * 0x20) & ~v);
    if ((stop & tops) != 0) break;
    high = high || (v & tops) != 0;
  }
  for (; i < s.size() && json_plain(s[i]); ++i) high = high || static_cast<unsigned char>(s[i]) >= 0x80;
  return i;
}

// Appends `text` (valid UTF-8) as a JSON string: quotes, backslashes and control bytes escaped, with \b and \f
// when `short_b_f` (as nlohmann's dump writes them), as \u0008 and \u000c otherwise; every other control byte
// as \u00XX in lower case.
inline void append_json_string(std::string& out, std::string_view text, bool short_b_f = false)
{
  constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    bool high = false;
    const std::size_t j = json_plain_run(text, i, high);
    out.append(text.substr(i, j - i));
    if (j == text.size()) break;
    i = j + 1;
    const char c = text[j];
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (short_b_f && (c == '\b' || c == '\f')) {
        out += c == '\b' ? "\\b" : "\\f";
        break;
      }
      out += "\\u00"; // the other control bytes
      out += hex[static_cast<unsigned char>(c) >> 4];
      out += hex[static_cast<unsigned char>(c) & 15];
    }
  }
  out += '"';
}

} // namespace motivo::app
