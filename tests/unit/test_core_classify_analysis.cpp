// Spam as families of signals, and personal cues that cannot be faked (issue 22).
#include <motivo/core/classify/classifier.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace motivo::classify;

namespace {

const Classifier& analysis_classifier()
{
  static const Classifier c;
  return c;
}

Result analysis_result(std::string_view text, std::string_view sender = "", std::string_view recipient = "")
{
  return analysis_classifier().classify({text, sender, recipient});
}

std::string analysis_reasons(const Result& r)
{
  std::string out;
  for (const auto& line : r.reasons) out += line + "\n";
  return out;
}

} // namespace

TEST(SpamFamilies, PitchesInOtherLanguagesAndTheirFamilies)
{
  const struct {
    std::string_view text, family;
  } cases[] = {
      {"Verdienen Sie 3.000 € im Monat von zu Hause aus! Schreiben Sie mir auf WhatsApp: +49 151 2345678",
       "moves the contact to a phone or messaging app"},
      {"Chcesz zarabiać 10 000 zł miesięcznie z domu? Napisz do mnie, wyślę szczegóły.", "income claims"},
      {"Grattis! Du är nominerad till Årets Ledare 2027. Deltagaravgift 4 900 kr.",
       "an award or nomination with a fee"},
      {"Vil du være din egen chef? Send mig dit nummer, så fortæller jeg mere.", "income claims"},
      {"Продвижение сайта в топ Яндекса за 2 месяца. Стоимость от 15 000 "
       "₽.",
       "pitches work on a website or its search ranking"},
      {"スマホだけで月収50万円！詳しくはLINEで連絡ください。", "income claims"},
      {"专业代做网站优化，保证百度首页，价格优惠，加微信 seo_pro88", "pitches work on a website or its search ranking"},
      {"Vos clients vous paient à 60 jours ? Nous avançons vos factures en 48 h. Devis gratuit sur notre site.",
       "invoice financing, loans or grants"},
      {"Vendiamo liste di contatti di 5.000 CEO italiani, con email e cellulare, a 290 €.",
       "sells contacts, leads or meetings"},
      {"Dear friend, I am a lawyer handling the estate of a late client who shares your surname. The inheritance of "
       "$7.5M awaits a claim.",
       "inheritance or romance scam"},
  };
  for (const auto& c : cases) {
    const Result r = analysis_result(c.text);
    EXPECT_EQ(r.label, Label::spam) << c.text << "\n" << analysis_reasons(r);
    EXPECT_NE(analysis_reasons(r).find(c.family), std::string::npos) << c.text << "\n" << analysis_reasons(r);
  }
}

TEST(SpamFamilies, AReferralAskingForAShortCallIsNotSpam)
{
  const Result r =
      analysis_result("Hi Ana, Marta Lopez suggested I contact you about your bakery supply chain in Vigo. Would "
                      "you have 15 minutes for a call next week?");
  EXPECT_NE(r.label, Label::spam) << analysis_reasons(r);
}

TEST(PersonalCues, PossessivesAndComplimentsAloneAreNotPersonal)
{
  for (const std::string_view text : {
           "Your profile is impressive and your experience speaks for itself. Let's connect!",
           "Me encanta tu perfil y tu trayectoria, sería un gusto conectar.",
           "Hello Mia! Ever wished for more time with your children? Your family deserves the best.",
       }) {
    EXPECT_NE(analysis_result(text).label, Label::personalized) << text;
  }
}

TEST(PersonalCues, ASpecificThingInAnyLanguageIsPersonal)
{
  for (const std::string_view text : {
           "Dank voor je lezing op de Dutch PHP Conference over caching, ik gebruik je tips al!",
           "Dzięki za wykład na 4Developers w Poznaniu, świetne przykłady z Kafką.",
           "Vi pluggade ihop på KTH, kul att se att du hamnat på Spotify!",
           "Мы учились вместе в МГУ на мехмате, рад тебя здесь найти!",
           "先週の大阪の勉強会でお会いした鈴木です。発表とても参考になりました。",
           "Thanks for merging PR #4821 in the tokio repo, your review comments were spot on.",
           "ey q tal, somos del mismo grupo de escalada de los martes, nos vemos el finde",
       }) {
    const Result r = analysis_result(text);
    EXPECT_EQ(r.label, Label::personalized) << text << "\n" << analysis_reasons(r);
  }
}

TEST(Pitches, AResearchedPitchIsNeverPersonalInAnyLanguage)
{
  // What a pitch researches (the recipient's site, town, search phrase) is no tie: the offer outweighs it.
  for (const std::string_view text : {
           "Hi Dana, I looked at greenleafflorist.com and it doesn't show up on Google for 'wedding flowers Bristol'. "
           "Want me to send you the report?",
           "Hola Inés, revisé tu web de la clínica dental de Alcalá y no aparece en Google por 'dentista Alcalá'. ¿Te "
           "envío el informe?",
           "Bonjour Luc, j'ai analysé votre site de la boulangerie à Nantes : il n'apparaît pas sur Google. Je peux "
           "vous envoyer l'analyse ?",
           "Hej Maja, jag kollade er hemsida för bageriet i Malmö och den syns inte på 'bageri Malmö'. Ska jag skicka "
           "rapporten?",
           "Dzień dobry, sprawdziłem stronę pensjonatu w Zakopanem: nie wyświetla się na frazę 'noclegi Zakopane'. "
           "Mogę wysłać raport?",
       }) {
    const Result r = analysis_result(text);
    EXPECT_NE(r.label, Label::personalized) << text << "\n" << analysis_reasons(r);
  }
}

TEST(Pitches, APitchsShapeIsGivenAsAReason)
{
  const Result r = analysis_result("Hi Tom, I ran a quick audit of your bakery's site in Leeds, a few things hold it "
                                   "back. Happy to send it over if useful?");
  EXPECT_NE(r.label, Label::personalized) << analysis_reasons(r);
  EXPECT_NE(analysis_reasons(r).find("quick audit"), std::string::npos) << analysis_reasons(r);
}

TEST(Pitches, ASharedTieWithAProposalStaysPersonal)
{
  // A referral, or a place where they met, is no pitch's research: such a note may offer something and stay
  // personal.
  for (const std::string_view text : {
           "Hi Ana, we met at the PyData Lisbon meetup last week. As promised, I can send you the report on the "
           "survey we discussed.",
           "Hola Pedro, Lucía Ferrer me dijo que llevas la web de la cooperativa de Cuenca. Te envío el informe de "
           "accesibilidad que hicimos para la suya, por si os sirve.",
       }) {
    const Result r = analysis_result(text);
    EXPECT_EQ(r.label, Label::personalized) << text << "\n" << analysis_reasons(r);
  }
}

TEST(Pitches, FlatteryOfACareerIsNotPersonal)
{
  for (const std::string_view text : {
           "Hi Sam, I've been following your journey and I admire how you lead. Leaders like you inspire me.",
           "Hola Marta, he seguido tu trayectoria y me inspira mucho tu forma de liderar. ¡Encantada de conectar!",
           "Ciao Luca, ho seguito il tuo percorso: professionisti come te sono rari. Sarebbe un piacere collegarci.",
           "Cześć Ania, mam kilka ciekawych ofert dla specjalistów z Twoim doświadczeniem. Daj znać!",
       }) {
    const Result r = analysis_result(text);
    EXPECT_NE(r.label, Label::personalized) << text << "\n" << analysis_reasons(r);
  }
}
