#include <motivo/core/utf8.hpp>

#include <gtest/gtest.h>

using motivo::utf8::find_invalid;

TEST(Utf8, ValidText)
{
  EXPECT_TRUE(motivo::utf8::is_valid("plain ascii text that is longer than eight bytes"));
  EXPECT_TRUE(motivo::utf8::is_valid("Me gustaría añadirte 👋 ✓"));
  EXPECT_TRUE(motivo::utf8::is_valid("\xF4\x8F\xBF\xBF")); // U+10FFFF
}

TEST(Utf8, InvalidSequencesAreFound)
{
  EXPECT_EQ(find_invalid("abc\x80"), 3u);          // lone continuation byte
  EXPECT_EQ(find_invalid("\xC0\xAF"), 0u);         // overlong '/'
  EXPECT_EQ(find_invalid("ab\xED\xA0\x80"), 2u);   // surrogate
  EXPECT_EQ(find_invalid("\xF4\x90\x80\x80"), 0u); // above U+10FFFF
  EXPECT_EQ(find_invalid("12345678\xE2\x82"), 8u); // truncated at the end
}

TEST(Utf8, CountsCodePointsAndEncodes)
{
  EXPECT_EQ(motivo::utf8::count_code_points("añadir👋"), 7u);
  std::string s;
  motivo::utf8::append(s, U'ñ');
  motivo::utf8::append(s, U'👋');
  EXPECT_EQ(s, "ñ👋");
}

TEST(Utf8, InvalidBytesAreReplaced)
{
  std::string buffer;
  const std::string valid = "Hola, ¿qué tal?";
  EXPECT_EQ(motivo::utf8::replace_invalid(valid, buffer).data(), valid.data()); // no copy
  EXPECT_EQ(motivo::utf8::replace_invalid("ok \xe2\x80", buffer), "ok \xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(motivo::utf8::replace_invalid("\xffJ\xf5lien\xdf", buffer), "\xEF\xBF\xBDJ\xEF\xBF\xBDlien\xEF\xBF\xBD");
  EXPECT_TRUE(motivo::utf8::is_valid(motivo::utf8::replace_invalid("\xc0\xaf \xed\xa0\x80 x", buffer)));
}
