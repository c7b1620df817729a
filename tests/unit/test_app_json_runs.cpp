#include <motivo/app/json_runs.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace app = motivo::app;

namespace {

// The run and the flag read a byte at a time.
std::size_t slow_run(std::string_view s, std::size_t i, bool& high)
{
  for (; i < s.size() && app::json_plain(s[i]); ++i) high = high || static_cast<unsigned char>(s[i]) >= 0x80;
  return i;
}

} // namespace

TEST(JsonRuns, EightBytesAStepFindWhatOneByteAtATimeFinds)
{
  // Every byte value at every position of texts of 0 to 24 bytes (plain ASCII, or beyond ASCII around it),
  // from every start.
  for (const char filler : {'a', '\xC3'}) {
    for (std::size_t length = 0; length <= 24; ++length) {
      for (std::size_t at = 0; at < length; ++at) {
        for (int b = 0; b < 256; ++b) {
          std::string text(length, filler);
          text[at] = static_cast<char>(b);
          for (std::size_t from = 0; from <= length; ++from) {
            bool high = false, slow_high = false;
            ASSERT_EQ(app::json_plain_run(text, from, high), slow_run(text, from, slow_high)) << length << at << b;
            ASSERT_EQ(high, slow_high);
          }
        }
      }
    }
  }
}

TEST(JsonRuns, WritesStringsAsNlohmannDoesWhenAsked)
{
  for (int b = 1; b < 0x80; ++b) {
    const std::string text = std::string("an id ") + static_cast<char>(b) + " and some more text, ñ and 日本";
    std::string out;
    app::append_json_string(out, text, true);
    EXPECT_EQ(out, nlohmann::json(text).dump()) << b;
    EXPECT_EQ(nlohmann::json::parse(out), text);
  }
  std::string nul;
  app::append_json_string(nul, std::string_view("a\0b", 3), true);
  EXPECT_EQ(nul, "\"a\\u0000b\"");
  // The classifier's lines write \b and \f as \u escapes.
  std::string line;
  app::append_json_string(line, "\b\f\x1f\"\\\n\r\t");
  EXPECT_EQ(line, R"("\u0008\u000c\u001f\"\\\n\r\t")");
}
