// A stock text after a signature block, and the kinds held-out 13 missed (issue 22).
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/signature.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace motivo::classify;

namespace {

Result signature_result(std::string_view text, std::string_view sender = "", std::string_view recipient = "")
{
  static const Classifier c;
  return c.classify({text, sender, recipient});
}

std::string signature_reasons(const Result& r)
{
  std::string out;
  for (const auto& line : r.reasons) out += line + "\n";
  return out;
}

} // namespace

TEST(Signature, CountsTheWordsOfTheLastLinesThatOnlyNameSomeone)
{
  const std::vector<std::string> none;
  EXPECT_EQ(signature_words("I'd like to add you.\nNeville Sharpe\nSenior Estimator, Brightline Civil", none), 6u);
  EXPECT_EQ(signature_words("Me gustaría.\nCarlos Pérez | Director Comercial | +34 600 123 456", none), 8u);
  EXPECT_EQ(signature_words("Я хотел бы.\nВиктор Егоров\nКоммерческий директор, ООО «Северснаб»", none), 6u);
  // A slogan, a sentence, a shortener or a German sentence with its capitalised nouns is no signature.
  EXPECT_EQ(signature_words("I would like.\nHelping leaders unlock their potential", none), 0u);
  EXPECT_EQ(signature_words("I would like.\nTom Reed\nt.me/tomsignals", {"t.me"}), 0u);
  EXPECT_EQ(signature_words("Gerne würde ich Sie zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.", none), 0u);
  EXPECT_EQ(signature_words("I would like.\nSee you at PyCon!", none), 0u);
}

TEST(Signature, AStockTextOrARequestBeforeASignatureBlockIsDefault)
{
  for (const std::string_view text : {
           "Hi Ruth,\nI'd like to add you to my professional network.\nNeville Sharpe\nSenior Estimator, Brightline "
           "Civil",
           "Hola Marta,\nMe gustaría añadirte a mi red profesional en LinkedIn.\nCarlos Pérez\nDirector "
           "Comercial\nGrupo "
           "Andino S.A.\nTel. +34 600 123 456",
           "Goedemiddag,\nGraag voeg ik u toe aan mijn professionele netwerk op LinkedIn.\nMet vriendelijke "
           "groet,\nEls "
           "Janssen, Accountmanager Van Dijk Logistiek\n+31 6 1234 5678",
           "नमस्ते रोहित जी, मैं आपको लिंक्डइन पर अपने पेशेवर नेटवर्क में जोड़ना चाहती हूँ।\nपूजा मिश्रा\nएचआर मैनेजर, मिश्रा "
           "टेक्सटाइल्स",
       }) {
    const Result r = signature_result(text);
    EXPECT_EQ(r.label, Label::default_text) << text << "\n" << signature_reasons(r);
  }
}

TEST(Signature, AStockTextBeforeASloganOrALinkIsJudgedOnTheRest)
{
  EXPECT_NE(signature_result("I'd like to add you to my professional network on LinkedIn.\nTom Reed | Helping leaders "
                             "unlock their potential")
                .label,
            Label::default_text);
  EXPECT_EQ(
      signature_result("I'd like to add you to my professional network on LinkedIn.\nTom Reed\nt.me/fxsignals_tom")
          .label,
      Label::spam);
}

TEST(Signature, AReferralNamingAPersonIsNotSpamForItsCall)
{
  const Result r =
      signature_result("Femke, Jonas Berg mentioned you're the person to talk to about heat-pump subsidies "
                       "in Utrecht. I'm drafting a proposal for our housing co-op and would value 15 "
                       "minutes of your time.");
  EXPECT_EQ(r.label, Label::personalized) << signature_reasons(r);
}

TEST(Signature, AShortNoteInSlangNamingItsEventIsPersonal)
{
  const Result r = signature_result("saw ur talk at devconf brno, the part on flaky tests was gold. connect?");
  EXPECT_EQ(r.label, Label::personalized) << signature_reasons(r);
}

TEST(Signature, APitchDressedAsACongratulationOrResearchIsNeverPersonal)
{
  for (const std::string_view text : {
           "Marcos, parabéns pelo novo cargo na Ambev! Temos uma lista de 5.000 compradores com email verificado. Quer "
           "uma amostra?",
           "Olá Rita, a sua clínica em Braga não aparece quando procuram 'fisioterapia Braga'. Colocamos na primeira "
           "página em 90 dias.",
           "Hi Omar, saw your post on late-paying clients. We advance your invoices within 48h, no credit check. Can I "
           "send terms?",
           "Hola Luis, vi tu app de turnos para gimnasios en Rosario. Hacemos campañas de descarga: 5.000 "
           "instalaciones garantizadas.",
       }) {
    const Result r = signature_result(text);
    EXPECT_NE(r.label, Label::personalized) << text << "\n" << signature_reasons(r);
  }
}

// Held-out 15's kinds (issue 22): an ordinal in an address line, a title or company written without spaces.
TEST(Signature, AnOrdinalOrATitleWithoutSpacesBelongsToTheBlock)
{
  const std::vector<std::string> none;
  EXPECT_GT(signature_words("Me gustaría.\nLucía Ferrer\nC/ Mayor 12, 3º izquierda, 46001 Valencia", none), 0u);
  EXPECT_EQ(signature_words("我想。\n王磊\n销售部经理\n139-0000-1234", none), 5u);
  // A clause that long without such an ending is a sentence, not a signature.
  EXPECT_EQ(signature_words("我想。\n我们提供低价优化服务", none), 0u);
}

// The note model calls a note a stock text only when a word of it asks to join, connect or accept (step 11): a
// greeting and a courtesy wish alone are templates.
TEST(Signature, AGreetingAndACourtesyWishAloneAreNoStockText)
{
  for (const std::string_view text :
       {"Hola Marta, ¡que tengas un buen día!", "Ciao Luca, buona serata!", "Szia Péter, szép hetet!",
        "Bună seara Ioana, o săptămână frumoasă!", "สวัสดีครับคุณสมชาย"}) {
    const Result r = signature_result(text);
    EXPECT_NE(r.label, Label::default_text) << text << "\n" << signature_reasons(r);
  }
  const Result r = signature_result("أرغب في إضافتكم إلى شبكتي المهنية على LinkedIn.\nسارة الأحمد\n+966 50 000 1234");
  EXPECT_EQ(r.label, Label::default_text) << signature_reasons(r);
}

TEST(Signature, ATitleInLowerCaseBetweenTheNameAndThePhoneIsTheSignatures)
{
  const std::vector<std::string> none;
  // A job title written as a common noun ("ředitelka", "руководитель отдела") between a name and a phone number.
  EXPECT_EQ(signature_words("Rád bych.\nPetra Malá\nvedoucí nákupu\n+420 601 222 333", none), 8u);
  EXPECT_EQ(signature_words("Я хотела бы.\nОльга Орлова\nначальник отдела продаж\n+7 912 111-22-33", none), 10u);
  // Not without a name above it (the phone alone is the block), nor as the block's last line, nor a sentence.
  EXPECT_EQ(signature_words("Rád bych.\nvedoucí nákupu\n+420 601 222 333", none), 4u);
  EXPECT_EQ(signature_words("I would like.\nAnna Berg\nsee you soon", none), 0u);
  EXPECT_EQ(signature_words("I would like.\nAnna Berg\nthanks for the talk, really.\n+46 70 123 45 67", none), 5u);
  const Result r = signature_result("Ráda bych si vás přidala do své profesní sítě na LinkedIn.\nMarie "
                                    "Horáková\nprovozní ředitelka\n+420 777 123 456",
                                    "Marie Horáková");
  EXPECT_EQ(r.label, Label::default_text) << signature_reasons(r);
}
