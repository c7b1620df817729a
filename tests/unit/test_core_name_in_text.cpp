#include <motivo/core/name_in_text.hpp>

#include <gtest/gtest.h>

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
