// The stock text in every interface language of LinkedIn, and in other words (issue 22): catalog rows, the
// request-to-connect lexicon (data/connect_requests.tsv), and stock texts kept out of campaigns.
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/requests.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace motivo::classify;

namespace {

const Classifier& requests_classifier()
{
  static const Classifier c;
  return c;
}

Result request_result(std::string_view text, std::string_view sender = "", std::string_view recipient = "")
{
  return requests_classifier().classify({text, sender, recipient});
}

} // namespace

TEST(ConnectRequests, StockTextsOfEveryInterfaceLanguage)
{
  for (const std::string_view text : {
           "Ik wil je graag toevoegen aan mijn professionele netwerk op LinkedIn.",
           "Chciałbym dodać Cię do mojej sieci kontaktów zawodowych na LinkedIn.",
           "Jag skulle vilja lägga till dig i mitt professionella nätverk på LinkedIn.",
           "Jeg vil gerne tilføje dig til mit professionelle netværk på LinkedIn.",
           "Jeg vil gjerne legge deg til i mitt profesjonelle nettverk på LinkedIn.",
           "Haluaisin lisätä sinut ammatilliseen verkostooni LinkedInissä.",
           "Aș dori să te adaug la rețeaua mea profesională de pe LinkedIn.",
           "Rád bych si vás přidal do své profesní sítě na LinkedIn.",
           "Sizi LinkedIn'deki profesyonel ağıma eklemek istiyorum.",
           "Я хотел бы добавить вас в свою профессиональную сеть на LinkedIn.",
           "Я хотів би додати вас до своєї професійної мережі в LinkedIn.",
           "LinkedInのネットワークにあなたを追加したいと思います。",
           "我想邀请您加入我在领英上的职业人脉。",
           "LinkedIn에서 회원님과 1촌을 맺고 싶습니다.",
           "أرغب في إضافتك إلى شبكتي المهنية على LinkedIn.",
           "Θα ήθελα να σας προσθέσω στο επαγγελματικό μου δίκτυο στο LinkedIn.",
           "Szeretnélek felvenni a szakmai kapcsolataim közé a LinkedInen.",
           "Vorrei aggiungerti alla mia rete professionale su LinkedIn.",
           "M'agradaria afegir-te a la meva xarxa professional a LinkedIn.",
           "Saya ingin menambah anda ke rangkaian profesional saya di LinkedIn.",
       }) {
    EXPECT_EQ(request_result(text).label, Label::default_text) << text;
  }
  EXPECT_EQ(request_result("Ik wil je graag toevoegen aan mijn professionele netwerk op LinkedIn.").language, "nl");
}

TEST(ConnectRequests, AReworderdStockTextIsDefaultInAnyLanguage)
{
  for (const std::string_view text : {
           "Hello Maria, please add me to your network on LinkedIn. Thank you, Joe",
           "Hola Pedro, ¿te puedo agregar a mi red de LinkedIn? Saludos",
           "Hallo Max, ich würde mich gerne mit dir auf LinkedIn vernetzen. Viele Grüße, Tim",
           "Ciao Luca, posso aggiungerti alla mia rete su LinkedIn?",
           "Dzień dobry, czy mogę dodać Pana do mojej sieci na LinkedIn?",
           "Hej Karin! Får jag lägga till dig i mitt nätverk på LinkedIn?",
           "Здравствуйте, Иван! Можно добавить вас в мою сеть на LinkedIn?",
           "Bonjour Julie, puis-je vous ajouter à mon réseau LinkedIn ? Merci, Paul",
           "Hoi Sanne, mag ik je toevoegen aan mijn netwerk op LinkedIn? Groetjes",
       }) {
    const Result r = request_result(text);
    EXPECT_EQ(r.label, Label::default_text) << text;
    ASSERT_FALSE(r.reasons.empty());
    EXPECT_NE(r.reasons[0].find("only asks to connect on LinkedIn"), std::string::npos) << r.reasons[0];
  }
}

TEST(ConnectRequests, ARequestWithAReasonOrAPitchIsNot)
{
  EXPECT_NE(request_result("I'd like to add you to my network, we met at the Lisbon data meetup last week.").label,
            Label::default_text);
  EXPECT_NE(request_result("Please add me to your network on LinkedIn, I sell SEO services at 99 $ a month.").label,
            Label::default_text);
  EXPECT_EQ(request_result("Let's connect!").label, Label::template_text);
  EXPECT_NE(
      request_result("Ich möchte Sie zu meinem Netzwerk hinzufügen, weil Sie auch im Vertrieb bei Bosch in Stuttgart "
                     "arbeiten und ich Fragen habe.")
          .label,
      Label::default_text);
}

TEST(ConnectRequests, AStockTextIsNeverACampaign)
{
  // The same stock text (and the same reworded request) from many senders: every LinkedIn user shares it.
  std::vector<Note> notes;
  const std::vector<std::string> senders = {"Ana Ruiz", "Bo Chen", "Cleo Dubois", "Dev Patel"};
  for (const auto& s : senders) {
    notes.push_back({"Ik wil je graag toevoegen aan mijn professionele netwerk op LinkedIn. Groeten", s, "Eva Smits"});
    notes.push_back(
        {"Hi Eva, could you please add me to your professional network here on LinkedIn? Thanks", s, "Eva Smits"});
  }
  for (const Result& r : requests_classifier().classify_batch(notes)) {
    EXPECT_EQ(r.label, Label::default_text);
    EXPECT_LT(r.campaign, 0);
  }
}

TEST(ConnectRequests, TheLexiconReadsAgglutinativeAndUnspacedScripts)
{
  const ConnectRequests requests;
  const auto no_courtesy = [](std::string_view) { return false; };
  std::string language;
  EXPECT_TRUE(requests.matches({"sizi", "linkedindeki", "agıma", "eklemek", "istiyorum"}, {}, no_courtesy, language));
  EXPECT_EQ(language, "tr");
  EXPECT_TRUE(requests.matches({"linkedinのネットワークにあなたを追加したいと思います"}, {}, no_courtesy, language));
  // A Japanese clause saying more than the request.
  EXPECT_FALSE(requests.matches({"先週の東京の勉強会で講演を拝聴しネットワークに追加したいと思います"}, {}, no_courtesy,
                                language));
  EXPECT_FALSE(requests.matches({"please", "add", "me", "to", "your", "network", "of", "fintech", "founders"}, {},
                                no_courtesy, language));
}

TEST(ConnectRequests, ChineseWithGreetingSignatureAndTheBrandInLatinLetters)
{
  // "，" and "。" are sentence marks: the clause after the greeting is no name, and "LinkedIn" inside the clause
  // names the platform.
  for (const std::string_view text :
       {"您好，我想将您加入我的LinkedIn职业网络。——张伟", "你好，我想邀请你加入我在领英的职业人脉。"}) {
    EXPECT_EQ(request_result(text).label, Label::default_text) << text;
  }
}

TEST(ConnectRequests, TheOlderStockTextsReasonAndASignatureAroundItAreStillDefault)
{
  // The pre-2011 text's reason ("since you are a person I trust") in other words, registers and genders, and a
  // Chinese honorific greeting and signature: the blend's first guard (rows of kind `reworded`).
  for (const std::string_view text : {
           "Como eres una persona de mi confianza, quisiera invitarte a unirte a mi red profesional en LinkedIn.",
           "Ya que es usted una persona de confianza, quisiera invitarle a unirse a mi red en LinkedIn.",
           "Güvendiğim biri olduğunuz için sizi LinkedIn'deki profesyonel ağıma eklemek istiyorum.",
           "Поскольку вы человек, которому я доверяю, я хотел бы добавить вас в мою профессиональную сеть в LinkedIn.",
           "Omdat je iemand bent die ik vertrouw, wil ik je uitnodigen om lid te worden van mijn netwerk op LinkedIn.",
           "刘总您好,我想将您加入我的领英职业人脉网络。陈静敬上",
           "王经理您好！我想邀请您加入我的领英职业人脉。李明",
       }) {
    EXPECT_EQ(request_result(text).label, Label::default_text) << text;
  }
  // Its words alone are no request: a reason of the sender's own still counts.
  EXPECT_NE(
      request_result("Since we both worked at Klarna, I'd like to add you to my professional network on LinkedIn.")
          .label,
      Label::default_text);
}

TEST(ConnectRequests, ATitledSignatureAnHonorificOrTheFormalRegisterAroundTheRequestIsStillDefault)
{
  // The blend's first guard: the reason "since you are a person I trust" in more languages, an honorific around the
  // recipient's name, the formal "Dem", and a signature with a title or a degree after a closing formula.
  for (const std::string_view text : {
           "당신은 제가 믿는 사람이기 때문에 LinkedIn 인맥에 추가하고 싶습니다.",
           "מאחר שאת אדם שאני סומכת עלייך, אני רוצה להוסיף אותך לרשת המקצועית שלי ב-LinkedIn",
           "بما أنك شخص أثق به، أرغب في إضافتك إلى شبكتي المهنية على LinkedIn.",
           "السيدة منى المحترمة، أرغب في إضافتك إلى شبكتي المهنية على LinkedIn.",
           "Jeg vil gjerne legge Dem til i mitt profesjonelle nettverk på LinkedIn.",
       }) {
    EXPECT_EQ(request_result(text).label, Label::default_text) << text;
  }
  EXPECT_EQ(request_result("Je souhaiterais vous inviter à rejoindre mon réseau professionnel en ligne sur LinkedIn. "
                           "Bien cordialement, Dr Paul Mercier, notaire",
                           "Paul Mercier")
                .label,
            Label::default_text);
  EXPECT_EQ(request_result("I'd like to add you to my professional network on LinkedIn. Kind regards, Sofia Lind, MBA",
                           "Sofia Lind")
                .label,
            Label::default_text);
  // Words after the name without a closing formula before it are no signature: "from the Oslo meetup" is a reason.
  EXPECT_NE(request_result("I'd like to add you to my professional network on LinkedIn. Sofia Lind from the Oslo "
                           "meetup",
                           "Sofia Lind")
                .label,
            Label::default_text);
}
