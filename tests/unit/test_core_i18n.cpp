// The message catalog (po/es.po built into the program) and errors that carry a message id.
#include <motivo/core/csv.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/i18n.hpp>
#include <motivo/core/linkedin/rows.hpp>
#include <motivo/core/report/report.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

using motivo::InputError;
using motivo::Message;
using motivo::i18n::Catalog;

namespace {

// The message of the InputError that reading `text` as Invitations.csv throws, in `language`.
std::string invitations_error(const std::string& text, std::string_view language)
{
  try {
    motivo::MemorySource source(text);
    motivo::csv::Reader csv(source, "Invitations.csv");
    motivo::linkedin::InvitationsReader reader(csv);
    motivo::linkedin::InvitationRow row;
    while (reader.next(row)) {
    }
  } catch (const InputError& e) {
    return e.in(language);
  }
  return "no error";
}

} // namespace

TEST(Catalog, ReadsAPoFile)
{
  const Catalog c(R"(# a comment
msgid ""
msgstr ""
"Language: xx\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

msgid "hello"
msgstr "hola"

msgctxt "state"
msgid "asked"
msgstr "preguntada"

msgid "long"
msgstr ""
"one "
"two\n"

#, fuzzy
msgid "unsure"
msgstr "inseguro"

msgid "untranslated"
msgstr ""

msgid "{} file"
msgid_plural "{} files"
msgstr[0] "{} plik"
msgstr[1] "{} pliki"
msgstr[2] "{} plików"

#~ msgid "gone"
#~ msgstr "ido"
)");
  EXPECT_EQ(c.gettext("hello"), "hola");
  EXPECT_EQ(c.gettext("asked"), "asked"); // only in a context
  EXPECT_EQ(c.pgettext("state", "asked"), "preguntada");
  EXPECT_EQ(c.pgettext("label", "hello"), "hello");
  EXPECT_EQ(c.gettext("long"), "one two\n");
  EXPECT_EQ(c.gettext("unsure"), "unsure"); // fuzzy entries are not used, as msgfmt does not use them
  EXPECT_EQ(c.gettext("untranslated"), "untranslated");
  EXPECT_EQ(c.gettext("gone"), "gone");
  EXPECT_EQ(c.gettext("never seen"), "never seen");
  EXPECT_EQ(c.ngettext("{} file", "{} files", 1), "{} plik");
  EXPECT_EQ(c.ngettext("{} file", "{} files", 3), "{} pliki");
  EXPECT_EQ(c.ngettext("{} file", "{} files", 5), "{} plików");
  EXPECT_EQ(c.ngettext("{} file", "{} files", 22), "{} pliki");
  EXPECT_EQ(c.ngettext("{} file", "{} files", 112), "{} plików");
  EXPECT_EQ(c.ngettext("{} dog", "{} dogs", 1), "{} dog");
  EXPECT_EQ(c.ngettext("{} dog", "{} dogs", 2), "{} dogs");
  EXPECT_EQ(c.messages().size(), 3u + 1u);
}

TEST(Catalog, PluralFormsOfOtherLanguages)
{
  const auto rule = [](const std::string& forms) {
    return Catalog("msgid \"\"\nmsgstr \"Plural-Forms: " + forms + "\\n\"\n");
  };
  const Catalog french = rule("nplurals=2; plural=(n > 1);");
  EXPECT_EQ(french.plural_index(0), 0u);
  EXPECT_EQ(french.plural_index(1), 0u);
  EXPECT_EQ(french.plural_index(2), 1u);
  const Catalog japanese = rule("nplurals=1; plural=0;");
  EXPECT_EQ(japanese.plural_index(7), 0u);
  const Catalog arabic = rule("nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
                              "n%100>=11 ? 4 : 5;");
  EXPECT_EQ(arabic.plural_index(0), 0u);
  EXPECT_EQ(arabic.plural_index(2), 2u);
  EXPECT_EQ(arabic.plural_index(105), 3u);
  EXPECT_EQ(arabic.plural_index(111), 4u);
  EXPECT_EQ(arabic.plural_index(100), 5u);
  EXPECT_EQ(rule("nplurals=2; plural=!(n != 1);").plural_index(1), 1u);
}

// The Spanish of po/es.po, as the program carries it.
TEST(Catalog, SpanishIsBuiltIn)
{
  const Catalog& es = Catalog::of("es");
  EXPECT_EQ(es.plural_forms(), "nplurals=2; plural=(n != 1);");
  EXPECT_EQ(es.gettext("Received"), "Recibidas");
  EXPECT_EQ(es.pgettext("state", "replied"), "respondió");
  EXPECT_EQ(es.pgettext("report column", "replied"), "respond.");
  EXPECT_EQ(es.ngettext("{} invitation", "{} invitations", 1), "{} invitación");
  EXPECT_EQ(es.ngettext("{} invitation", "{} invitations", 0), "{} invitaciones");
  EXPECT_EQ(es.ngettext("{} invitation", "{} invitations", 2), "{} invitaciones");
  // English, and a language without a catalog: the id.
  EXPECT_EQ(Catalog::of("en").gettext("Received"), "Received");
  EXPECT_EQ(Catalog::of("").gettext("Received"), "Received");
  EXPECT_EQ(Catalog::of("fr").ngettext("{} invitation", "{} invitations", 2), "{} invitations");
  EXPECT_EQ(&Catalog::of("es"), &es);
}

TEST(Catalog, ThePluralOfTheReportSentence)
{
  motivo::report::Figures f;
  f.incoming.received = 1;
  f.incoming.personalized = 1;
  f.incoming.personalization = motivo::report::rate(1, 1);
  EXPECT_EQ(motivo::report::sentence(f, "es"),
            "1 invitación: 1 personalizada (100 %), 0 sin personalizar; no preguntaste a nadie");
  EXPECT_EQ(motivo::report::sentence(f, "en"), "1 invitation: 1 personalised (100 %), 0 not; you asked nobody");
  f.incoming.received = 3;
  f.incoming.personalized = 0;
  f.incoming.not_personalized = 3;
  f.incoming.personalization = motivo::report::rate(0, 3);
  EXPECT_EQ(motivo::report::sentence(f, "es"),
            "3 invitaciones: 0 personalizadas (0 %), 3 sin personalizar; no preguntaste a nadie");
  EXPECT_EQ(motivo::report::sentence(f, "en"), "3 invitations: 0 personalised (0 %), 3 not; you asked nobody");
}

TEST(Errors, CarryTheirIdAndArgumentsWhatIsEnglish)
{
  const InputError e("x.csv", 3,
                     Message(N_("impossible or unrecognised date in \"{}\" ({})"), "Sent At", "\"2/30/24\""));
  EXPECT_STREQ(e.what(), "x.csv:3: impossible or unrecognised date in \"Sent At\" (\"2/30/24\")");
  EXPECT_EQ(e.in("en"), e.what());
  EXPECT_EQ(e.in("es"), "x.csv:3: fecha imposible o no reconocida en \"Sent At\" (\"2/30/24\")");
  EXPECT_EQ(e.in("fr"), e.what());
  EXPECT_EQ(e.message().id(), "impossible or unrecognised date in \"{}\" ({})");
  // Format specifications and numbers are arguments like any other.
  const InputError utf8("t.csv", 0, Message(N_("invalid UTF-8 (byte 0x{:02x}); save the file as UTF-8"), 0xc3u));
  EXPECT_EQ(utf8.in("es"), "t.csv: UTF-8 no válido (byte 0xc3); guarda el archivo en UTF-8");
  // Shown as written in every language.
  const InputError verbatim("t.csv", 2, "something {} new");
  EXPECT_EQ(verbatim.in("es"), "t.csv:2: something {} new");
  const motivo::Error plain(N_("cannot write {}: {}"), "/x/out.zip", "No such file or directory");
  EXPECT_EQ(plain.in("es"), "no se puede escribir /x/out.zip: No such file or directory");
  EXPECT_EQ(motivo::message_in(plain, "es"), plain.in("es"));
  EXPECT_EQ(motivo::message_in(std::runtime_error("boom"), "es"), "boom");
}

// A message whose placeholders do not fit its arguments comes out as written, rather than throw while an error is
// being made.
TEST(Errors, PlaceholdersThatDoNotFitDoNotThrow)
{
  const Message m(N_("record longer than {} bytes"), 10);
  EXPECT_EQ(m.in("es"), "registro de más de 10 bytes");
  const Message short_of_one("not in any catalog {} {}", 1);
  EXPECT_EQ(short_of_one.english(), "not in any catalog {} {}");
}

// The Spanish of the errors a user meets most, thrown where they are found: a CSV error at FILE:LINE, a date.
TEST(Errors, CsvAndDateErrorsInSpanish)
{
  EXPECT_EQ(invitations_error("From,To,Sent At,Message,Direction\nA,B,\"1/2/24, 9:00 AM\",\"open\n", "es"),
            "Invitations.csv:2: campo entre comillas sin cerrar");
  EXPECT_EQ(invitations_error("From,To,Sent At,Message,Direction\nA,B,\"1/2/24, 9:00 AM\",\"open\n", "en"),
            "Invitations.csv:2: unterminated quoted field");
  EXPECT_EQ(invitations_error("From,To,Sent At,Message,Direction\nA,B,\"2/30/24, 9:00 AM\",,INCOMING\n", "es"),
            "Invitations.csv:2: fecha imposible o no reconocida en \"Sent At\" (\"2/30/24, 9:00 AM\")");
  EXPECT_EQ(invitations_error("From,To,Sent At,Message,Direction\nA,B\n", "es"),
            "Invitations.csv:2: 2 campos donde la cabecera tiene 5 (empieza por \"A\")");
  EXPECT_EQ(invitations_error("From,To,Message,Direction\n", "es"),
            "Invitations.csv:1: falta la columna \"Sent At\" (la cabecera tiene: From, To, Message, Direction)");
  EXPECT_EQ(invitations_error("", "es"), "Invitations.csv:1: archivo vacío: sin línea de cabecera");
}
