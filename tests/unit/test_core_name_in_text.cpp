#include <motivo/core/name_in_text.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

using motivo::names::same_name;
using motivo::names::without_name;

TEST(NameInText, SpellingsOfOneName)
{
  EXPECT_TRUE(same_name("Ana García", "ana  garcía"));
  EXPECT_TRUE(same_name("Ana García", "ANA GARCIA"));
  EXPECT_TRUE(same_name("Ana García", "Ana\u00a0Garcia"));
  EXPECT_TRUE(same_name("Ana García", "Ana Garci\u0301a")); // a combining accent
  EXPECT_FALSE(same_name("Ana García", "Ana Garcíaz"));
  EXPECT_FALSE(same_name("...", "!!!")); // no name at all
}

TEST(NameInText, EveryOccurrenceAnySpellingWholeWordsOnly)
{
  EXPECT_EQ(without_name("Lunch with ANA  garcía!", "Ana García"), "Lunch with …!");
  EXPECT_EQ(without_name("ana garcia, Bob and Ana García", "Ana García", "X"), "X, Bob and X");
  EXPECT_EQ(without_name("Anabel García", "Ana García"), "Anabel García");
  EXPECT_EQ(without_name("Ana\u00a0García joined", "Ana García"), "… joined");
  EXPECT_EQ(without_name("nothing here", "Ana García"), "nothing here");
  EXPECT_EQ(without_name("text", "   "), "text");
}

// Issue 23: forget finds the messages that may hold a name by an index of their words (store/sql/message_words):
// every name without_name finds in a text has all its words among the text's words_in_text, and a text same_name
// finds equal to a name has the name's words.
TEST(NameInText, EveryNameFoundHasItsWordsAmongTheTextsWords)
{
  using motivo::names::words_in_text;
  using motivo::names::words_of_name;
  EXPECT_EQ(words_of_name("  José ÁLVAREZ-Díaz "), (std::vector<std::string>{"jose", "alvarez", "diaz"}));
  EXPECT_TRUE(words_of_name("...").empty());
  EXPECT_EQ(words_in_text("Lunch with ANA  garcía, Ana!"),
            (std::vector<std::string>{"ana", "garcia", "lunch", "with"}));
  const std::pair<const char*, const char*> inside[] = {
      {"Lunch with ANA  garcía!", "Ana García"}, {"García‑López, Ana", "Garcia-Lopez"},
      {"O'Brien's team", "O'Brien's"},           {"Ana García joined (Ana García)", "ANA"},
      {"Dinner: ÍÑIGO  solo", "Íñigo Solo"},     {"Ana\u00a0García joined", "Ana García"},
  };
  for (const auto& [text, name] : inside) {
    ASSERT_NE(without_name(text, name), text) << text << " / " << name;
    const std::vector<std::string> have = words_in_text(text);
    for (const std::string& w : words_of_name(name))
      EXPECT_TRUE(std::binary_search(have.begin(), have.end(), w)) << text << " lacks " << w << " of " << name;
  }
  const std::pair<const char*, const char*> equal[] = {
      {"Ana\u00a0Garci\u0301a", "ana garcía"}, {"José  ÁLVAREZ", "jose alvarez"}, {"O'Brien", "OBrien"}};
  for (const auto& [text, name] : equal) {
    ASSERT_TRUE(same_name(text, name)) << text << " / " << name;
    EXPECT_EQ(words_of_name(text), words_of_name(name)) << text;
  }
}
