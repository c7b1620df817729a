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

// Issue 20, item 7: nothing that identifies someone passes through text(), in any case or spelling.
TEST(Pseudonyms, MaskNameFormsInAnyCase)
{
  Pseudonyms p(11);
  const std::string name = p.name("Lucía Fernández Ortega");
  for (const std::string text : {"hola lucía fernández", "LUCÍA FERNÁNDEZ ORTEGA", "Saludos, LUCIA", "lucia ortega",
                                 "Hi Lucy!", "Fernandez's idea", "ortega"}) {
    const std::string out = p.text(text);
    for (const char* real :
         {"lucía", "lucia", "LUCÍA", "LUCIA", "Lucy", "fernández", "Fernandez", "FERNÁNDEZ", "ortega", "ORTEGA"})
      EXPECT_EQ(out.find(real), std::string::npos) << text << " -> " << out;
  }
  // The case of the word is kept, so the classifier sees the same shapes (a capitalised word is a named thing).
  const std::string lower = p.text("lucia");
  const std::string upper = p.text("LUCIA");
  EXPECT_TRUE(lower[0] >= 'a' && lower[0] <= 'z') << lower;
  for (const char c : upper) EXPECT_FALSE(c >= 'a' && c <= 'z') << upper;
  EXPECT_EQ(fold(lower), fold(upper));
  EXPECT_EQ(fold(lower), fold(name.substr(0, name.find(' '))));
}

TEST(Pseudonyms, KeepFunctionWordsAndUnknownWords)
{
  Pseudonyms p(5);
  p.name("María de la Cruz");
  p.name("William Rosa");
  // "de", "la" and "will" are names' words here, but in running lower-case text they are the text itself.
  EXPECT_EQ(p.text("una idea de la empresa: we will see"), "una idea de la empresa: we will see");
  EXPECT_NE(p.text("Saludos, maría de la cruz").find("de la "), std::string::npos);
  EXPECT_EQ(p.text("Saludos, maría de la cruz").find("cruz"), std::string::npos);
  EXPECT_EQ(p.text("Hi Bill, thanks").find("Bill"), std::string::npos) << "a nickname of a known first name";
  EXPECT_EQ(p.text("Hi Bob, thanks"), "Hi Bob, thanks") << "nobody here is a Robert";
}

TEST(Pseudonyms, KeepALoneLetter)
{
  Pseudonyms p(9);
  p.name("Khushi M Savani");
  // "M" is a name's initial here, but the "m" of "I'm" and the "s" of "it's" are words of the note.
  EXPECT_EQ(p.text("I'm a developer, it's true"), "I'm a developer, it's true");
  EXPECT_EQ(p.text("Hi Khushi").find("Khushi"), std::string::npos);
  p.name("Eva I. Ortega");
  p.name("Ana O Lima");
  // Capital ones too: English's "I", a sentence's "A" or "O" are the note's words, whoever has that initial.
  EXPECT_EQ(p.text("I'd love to connect. I think so. O que acha?"), "I'd love to connect. I think so. O que acha?");
  EXPECT_EQ(p.text("Best, Eva I.").find("Eva"), std::string::npos);
}

TEST(Pseudonyms, MaskEmailsLinksAndNumbers)
{
  Pseudonyms p(9);
  const std::string text = p.text("Write to Juan.Perez+jobs@acme-corp.com (or @jperez_dev), see "
                                  "https://www.acme-corp.com/team/juan, www.juanperez.es and ACME-CORP.COM/about, "
                                  "my profile linkedin.com/in/juan-perez-12ab, call +34 600 12 34 56 or "
                                  "(555) 123-4567, DNI 12345678Z, IBAN ES91 2100 0418 4502 0005 1332.");
  for (const char* real : {"Juan.Perez", "acme", "ACME", "jperez", "juanperez", "juan-perez", "team/juan", "600 12",
                           "123-4567", "12345678", "2100 0418", "1332", "@acme-corp"})
    EXPECT_EQ(text.find(real), std::string::npos) << real << " in " << text;
  // Their kinds stay, so a note is labelled as before: an e-mail address, links out, a phone number.
  EXPECT_NE(text.find("@example.invalid"), std::string::npos) << text;
  EXPECT_NE(text.find("https://www.site-"), std::string::npos) << text;
  EXPECT_NE(text.find("+"), std::string::npos) << text;
  // Consistent within an export; public hosts, dates, years and short numbers kept.
  EXPECT_EQ(p.text("juan.perez+jobs@ACME-corp.com"), p.text("Juan.Perez+jobs@acme-corp.com"));
  const std::string phone = p.text("+34 600 12 34 56");
  EXPECT_EQ(phone, p.text("+34 600 12 34 56"));
  EXPECT_NE(phone, "+34 600 12 34 56");
  ASSERT_EQ(phone.size(), 16U) << phone;
  EXPECT_TRUE(phone[0] == '+' && phone[3] == ' ' && phone[7] == ' ') << "separators kept: " << phone;
  EXPECT_EQ(p.text("bit.ly/3xYz").substr(0, 7), "bit.ly/");
  EXPECT_EQ(p.text("On 2024-01-15, 15.01.2024 or in 2023 we had 1500 users, e.g. 3.5 times more."),
            "On 2024-01-15, 15.01.2024 or in 2023 we had 1500 users, e.g. 3.5 times more.");
}
