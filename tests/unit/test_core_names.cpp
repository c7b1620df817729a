#include <motivo/core/names.hpp>

#include <gtest/gtest.h>

#include <string>

using motivo::names::given_name;
using motivo::names::greeting_name;

namespace {

struct Case {
  const char* full_name;
  const char* given;
};

// The issue's four names first, then compound names of each tradition, titles, particles, "Surname, Given",
// credentials, initials, case, and what must not be mistaken for a given name.
constexpr Case full_names[] = {
    {"Miguel Ángel Riesgo", "Miguel Ángel"},
    {"María José García", "María José"},
    {"Dr. Ana Pérez", "Ana"},
    {"de la Fuente, Ana", "Ana"},
    // Spanish compound names (INE), with or without accents, in any case.
    {"José Luis Rodríguez Zapatero", "José Luis"},
    {"Jose Luis Martinez", "Jose Luis"},
    {"Juan Pablo Montoya", "Juan Pablo"},
    {"Francisco Javier Gómez", "Francisco Javier"},
    {"María del Carmen Pérez López", "María del Carmen"},
    {"María de los Ángeles Ruiz", "María de los Ángeles"},
    {"Juan de Dios Pérez", "Juan de Dios"},
    {"Ana María Matute", "Ana María"},
    {"Mª José García", "Mª José"},
    {"Mari Carmen López", "Mari Carmen"},
    {"MIGUEL ÁNGEL RIESGO", "Miguel Ángel"},
    {"josé antonio pérez", "José Antonio"},
    {"  María   José    García ", "María José"},
    // Portuguese, Catalan, French, Italian.
    {"João Pedro Silva", "João Pedro"},
    {"Maria João Santos", "Maria João"},
    {"Ana Rita Costa", "Ana Rita"},
    {"Josep Maria Pou", "Josep Maria"},
    {"Joan Carles Puig", "Joan Carles"},
    {"Jean-Pierre Dupont", "Jean-Pierre"},
    {"Jean Pierre Dupont", "Jean Pierre"},
    {"jean-pierre dupont", "Jean-Pierre"},
    {"Marie-Claire Martin", "Marie-Claire"},
    {"Anne Sophie Leroy", "Anne Sophie"},
    {"Gian Luca Rossi", "Gian Luca"},
    // A compound name needs a surname after it: alone, the second word is the surname.
    {"María José", "María"},
    {"Juan Carlos", "Juan"},
    // Not compound: the first word.
    {"Ana Pérez", "Ana"},
    {"Miguel Riesgo", "Miguel"},
    {"Gabriel José García", "Gabriel"},
    {"María García José", "María"},
    {"Madonna", "Madonna"},
    // Titles, with or without the dot, several in a row.
    {"Dra. María José García", "María José"},
    {"Dr Ana Pérez", "Ana"},
    {"DR. ANA PÉREZ", "Ana"},
    {"Ing. Luis Gómez", "Luis"},
    {"Lic. Juan Pablo Díaz", "Juan Pablo"},
    {"Prof. Dr. Klaus Schmidt", "Klaus"},
    {"Sr. D. José María Aznar", "José María"},
    {"Sra. Dña. Carmen López", "Carmen"},
    {"Dª Carmen López", "Carmen"},
    {"Mr. John Smith", "John"},
    {"Mme Claire Martin", "Claire"},
    {"Maj General Prabdeep Singh", "Prabdeep"},
    {"CDR Stefan Berg", "Stefan"},
    // A title and one word: that word is a surname.
    {"Dr. Pérez", ""},
    {"Mr. Smith", ""},
    // "D" without a dot is an initial, not "Don".
    {"D Juan Pérez", "Juan"},
    // Particles start a surname.
    {"de la Fuente, Ana María", "Ana María"},
    {"van der Berg, Jan", "Jan"},
    {"von Braun, Wernher", "Wernher"},
    {"dos Santos, Maria João", "Maria João"},
    {"García Márquez, Gabriel", "Gabriel"},
    {"Pérez, Dra. Ana", "Ana"},
    {"de la Fuente Ana", ""},
    {"van Gogh", ""},
    // A capitalised single particle may be a given name.
    {"Van Morrison", "Van"},
    // Particles inside the name are the surname's.
    {"Ana de la Fuente", "Ana"},
    {"Ludwig van Beethoven", "Ludwig"},
    {"Juan del Río", "Juan"},
    // Credentials after a comma are not "Surname, Given".
    {"Ana Pérez, PhD", "Ana"},
    {"Ana Pérez, MBA, PMP", "Ana"},
    {"John Smith, Jr.", "John"},
    {"Miguel Ángel Riesgo, PhD", "Miguel Ángel"},
    {"Sash Tusa, TD", "Sash"}, // an acronym after a name in mixed case
    {"Ana López, RN, CISSP", "Ana"},
    {"GARCÍA, ANA", "Ana"},                // all in capitals: "ANA" is a name, not credentials
    {"Vincent Sliedregt, van", "Vincent"}, // the surname's particle put last
    // Seen after a comma in a real export's Connections.csv: credentials and headlines, not given names.
    {"Yaqeen Sikander, MBPsS", "Yaqeen"},
    {"Romy Saleh, Certified Executive Coach", "Romy"},
    {"Pia Edde, MBA, SHRM-SCP", "Pia"},
    {"Christina Tueje, CIPP/E", "Christina"},
    {"Sofia Tzamarelou, Ph.D. Author", "Sofia"},
    {"Melina Krtinic, M.A.", "Melina"},
    {"Anna Corsaro, cATO", "Anna"},
    {"Michael Omoya, EMBA", "Michael"},
    {"Simeon Soetan, MSc,CEH, CCNP", "Simeon"},
    {"Elliot Hyde MA, MSyl", "Elliot"},
    {"Hazha Ahmed, MSc. Entrepreneurship", "Hazha"},
    {"Saif Al-Amayreh EFQM,GIMI", "Saif"},
    {"García Márquez, Gabriel José", "Gabriel"},
    {"Smith, McKenzie", "McKenzie"},
    {"O'Brien, Seán", "Seán"},
    // Given names that are also abbreviated titles.
    {"Inga Näslund", "Inga"},
    {"Dona Hariri", "Dona"},
    {"Inga. Laura Ruiz", "Laura"},
    {"Sliedregt, Vincent van", "Vincent"},
    // Initials.
    {"J. Robert Oppenheimer", "Robert"},
    {"A. Ruiz", ""},
    {"Pérez, J.", ""},
    // Nicknames, emoji, headlines.
    {"Wenliang (Kevin) Zhang", "Wenliang"},
    {"Angelina \"Strike\" Jolie", "Angelina"},
    {"💻 Frida Kahlo", "Frida"},
    {"Ana Pérez 🚀", "Ana"},
    {"Ana Pérez | Recruiter", "Ana"},
    {"Ana Pérez - Talent Acquisition", "Ana"},
    {"Ev\x1bil Person", "Evil"}, // control characters are no part of a name
    {"Evil\x1b[31mRed Person", "Evil"},
    {"Ro\xc2\x9bsa Díaz", "Rosa"},
    // Mixed case is kept as written.
    {"DeAndre Jordan", "DeAndre"},
    {"McKenzie Davis", "McKenzie"},
    // Other scripts.
    {"Ιωάννης Παπαδόπουλος", "Ιωάννης"},
    {"Алексей Смирнов", "Алексей"},
    // Nobody to greet.
    {"LinkedIn Member", ""},
    {"Miembro de LinkedIn", ""},
    {"", ""},
    {"   ", ""},
    {"🚀", ""},
};

TEST(Names, GivenNameOfFullNames)
{
  for (const Case& c : full_names) EXPECT_EQ(given_name(c.full_name), c.given) << "full name: '" << c.full_name << "'";
}

struct Listed {
  const char* first_name; // Connections.csv's First Name
  const char* full_name;
  const char* greeted;
};

// Connections.csv's First Name wins, cleaned; forms seen in real exports.
constexpr Listed listed[] = {
    {"Miguel Ángel", "Miguel Ángel Riesgo", "Miguel Ángel"},
    {"Miguel", "Miguel Ángel Riesgo", "Miguel"}, // their choice: only Miguel
    {"María Paula", "María Paula Bugarin", "María Paula"},
    {"Gabriel Alejandro", "Gabriel Alejandro Sosa", "Gabriel Alejandro"},
    {"JOSE ANTONIO", "JOSE ANTONIO LOPEZ", "Jose Antonio"},
    {"Natalia Victoria ", "Natalia Victoria Paz", "Natalia Victoria"},
    {"Carlos A.", "Carlos A. Gómez", "Carlos"},
    {"Cecilia R", "Cecilia R Díaz", "Cecilia"},
    {"Dr. Andy", "Dr. Andy Clark", "Andy"},
    {"💻 Frida", "💻 Frida Berg", "Frida"},
    {"CDR Stefan", "CDR Stefan Berg", "Stefan"},
    {"Maj General Prabdeep", "Maj General Prabdeep Singh", "Prabdeep"},
    {"Wenliang (Kevin)", "Wenliang (Kevin) Zhang", "Wenliang"},
    {"Angelina \"Strike\"", "Angelina \"Strike\" Jolie", "Angelina"},
    {"Ana", "de la Fuente, Ana", "Ana"},
    // Nothing usable listed: the full name is read.
    {"", "Miguel Ángel Riesgo", "Miguel Ángel"},
    {"   ", "Dr. Ana Pérez", "Ana"},
    {"Dr.", "Dr. Ana Pérez", "Ana"},
    {"J.", "J. Robert Oppenheimer", "Robert"},
    {"🚀", "María José García", "María José"},
};

TEST(Names, GreetingNamePrefersConnectionsFirstName)
{
  for (const Listed& c : listed) {
    EXPECT_EQ(greeting_name(c.full_name, c.first_name), c.greeted)
        << "first name: '" << c.first_name << "', full name: '" << c.full_name << "'";
  }
}

TEST(Names, InvalidUtf8IsNoLetter)
{
  EXPECT_EQ(given_name("Ana\xff P\xc3rez"), "Ana");
  EXPECT_EQ(given_name("\xff\xfe Ana Pérez"), "Ana");
  EXPECT_EQ(greeting_name("Ana Pérez", "\xc3"), "Ana");
}

TEST(Names, GreetingNameWithoutFirstNameIsTheGivenName)
{
  for (const Case& c : full_names) EXPECT_EQ(greeting_name(c.full_name), c.given) << c.full_name;
}

} // namespace
