#include <motivo/core/anonymize.hpp>
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/text.hpp>

#include <gtest/gtest.h>

#include <set>
#include <vector>

using motivo::Pseudonyms;
using motivo::classify::fold;
using motivo::text::name_key;

// motivo compares people by name key (accents kept) and note greetings by fold (accents dropped): after
// anonymising, both must match exactly what they matched before, whatever the salt.
TEST(Pseudonyms, KeepAccentSpellingsApartForPeopleAndTogetherForNotes)
{
  for (std::uint64_t salt : {1ULL, 2ULL, 0xdeadbeefULL}) {
    Pseudonyms p(salt);
    const std::string accented = p.name("Agustín Drlje");
    const std::string plain = p.name("Agustin Gelman");
    const std::string first_accented = accented.substr(0, accented.find(' '));
    const std::string first_plain = plain.substr(0, plain.find(' '));
    EXPECT_NE(name_key(first_accented), name_key(first_plain)) << salt;
    EXPECT_EQ(fold(first_accented), fold(first_plain)) << salt;
    EXPECT_EQ(p.name("Agustín Drlje"), accented) << "the same spelling, the same pseudonym";
    EXPECT_EQ(p.text("Hola Agustin, ¿qué tal?"), "Hola " + first_plain + ", ¿qué tal?");
  }
}

TEST(Pseudonyms, ReplaceAnUnseenAccentSpellingOfAKnownNameInText)
{
  Pseudonyms p(7);
  const std::string name = p.name("Agustín Drlje");
  const std::string text = p.text("Hola Agustin.");
  EXPECT_EQ(text.find("Agustin"), std::string::npos) << text; // the real first name must not stay
  EXPECT_EQ(fold(text), fold("Hola " + name.substr(0, name.find(' '))));
}

TEST(Pseudonyms, ManySpellingsStayDistinct)
{
  Pseudonyms p(3);
  const std::vector<std::string> spellings = {"Jose", "José", "Josè", "Jôse", "Jösé", "Jóse", "Jòsé"};
  std::set<std::string> keys;
  for (const auto& s : spellings) keys.insert(name_key(p.name(s)));
  EXPECT_EQ(keys.size(), spellings.size());
  EXPECT_EQ(fold(p.name("Jösé")), fold(p.name("Jose")));
}
