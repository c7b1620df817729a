// Language-independent evidence in a note's raw text (issue 22): currencies of every country, quoted titles,
// issue and pull-request numbers, and the names of a greeting, which are not named things.
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/signals.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace motivo::classify;

namespace {

Signals raw_signals(std::string_view text, const std::vector<std::string_view>& names = {})
{
  static const MergeFieldCatalog none;
  static const std::vector<std::string> domains;
  return find_signals(text, none, domains, names, [](std::string_view w) {
    return w == "hi" || w == "hello" || w == "dear" || w == "dr" || w == "hola" || w == "bonjour";
  });
}

} // namespace

TEST(Signals, MoneyInEveryCurrency)
{
  for (const std::string_view text :
       {"10 000 записей за 9 900 ₽", "havi 500 000 Ft-ot", "Deltakeravgift kr 7 900", "Biaya Rp 25.000.000",
        "3000 de contacte la 150 €", "12.500 TL + KDV", "月30万円稼ぐ", "월 300만원 수익", "日赚500-1000元",
        "رسوم المشاركة 2500 دولار", "40 000 Kč měsíčně", "2.000 lei", "za 10 000 zł", "RM 3000 sebulan"}) {
    EXPECT_TRUE(raw_signals(text).money) << text;
  }
  for (const std::string_view text : {"a 6 ft table", "we were 12 in the team", "PHP 8 and Kotlin 2", "room 101"}) {
    EXPECT_FALSE(raw_signals(text).money) << text;
  }
}

TEST(Signals, QuotedTitlesAndIssueNumbers)
{
  EXPECT_TRUE(raw_signals("I loved \"Designing Data Pipelines\" and your chapter on retries").quoted);
  EXPECT_TRUE(raw_signals("Ваша книга «Чистая архитектура на практике» мне очень помогла").quoted);
  EXPECT_FALSE(raw_signals("You are \"amazing\"").quoted);
  EXPECT_TRUE(raw_signals("Thanks for reviewing PR #4821 last night").reference);
  EXPECT_TRUE(raw_signals("Danke für issue 312 im Repo").reference);
  EXPECT_TRUE(raw_signals("fixed in #77, thanks!").reference);
  EXPECT_FALSE(raw_signals("we are #1 in sales").reference);
  EXPECT_FALSE(raw_signals("call me at 555").reference);
}

TEST(Signals, TheGreetingsNamesAreNotNamedThings)
{
  // Without the recipient's name, a greeting's names are still the recipient's.
  EXPECT_EQ(raw_signals("Hi Ana Maria, I'm expanding my network.").named_things, 0);
  EXPECT_EQ(raw_signals("Dear Dr Jane Smith, happy to connect.").named_things, 0);
  EXPECT_EQ(raw_signals("Hi Ana, we met at the Lisbon Data Summit.").named_things, 1);
}

TEST(Signals, NamedThingsWrittenApartWeighMore)
{
  // A CamelCase name, or Latin letters in a note of another script, name something in any language.
  EXPECT_TRUE(raw_signals("Ciao, ci siamo viste al WeMakeFuture di Bologna.").distinct_named);
  EXPECT_TRUE(raw_signals("Привіт! Ми бачилися на Lviv IT Arena, на панелі.").distinct_named);
  // An acronym in another script, a capitalised word in a Latin sentence, "I'll": no.
  EXPECT_FALSE(raw_signals("Добрый день! Я IT-рекрутер, рад знакомству.").distinct_named);
  EXPECT_FALSE(raw_signals("Hi, we met at the Lisbon Data Summit.").distinct_named);
  EXPECT_EQ(raw_signals("Let's connect and I'll keep you posted!").named_things, 0);
}

TEST(Signals, LinkedInsNameMistypedNamesNothing)
{
  for (const std::string_view text :
       {"Add me to your network on LinkdIn please", "See you on Linkedn then", "I'd like to connect on LinkeIn today"})
    EXPECT_EQ(raw_signals(text).named_things, 0) << text;
  // A word further from it is a name like any other.
  EXPECT_EQ(raw_signals("We met at the Linkwell meetup").named_things, 1);
}

TEST(Signals, CapitalsAndCasedWordsAreCounted)
{
  const Signals lower = raw_signals("ань привет, это дима с физтеха");
  EXPECT_EQ(lower.capital_words, 0);
  EXPECT_EQ(lower.cased_words, 6);
  EXPECT_EQ(lower.words, 6);
  const Signals arabic = raw_signals("مرحباً عزيزتي، راسليني على تيليجرام @dr_william_un");
  EXPECT_EQ(arabic.capital_words, 0);
  EXPECT_LT(2 * arabic.cased_words, arabic.words);
  EXPECT_EQ(raw_signals("Hi Ana, we met at PyCon").capital_words, 3);
}

TEST(Signals, ASearchPhraseInSingleQuotesBesideASearchEngine)
{
  // A query (its first word in lower case) in single quotes, and a search engine or marketplace named.
  for (const std::string_view text : {
           "Your bakery does not show up on Google for 'sourdough bread Leeds'.",
           "Toko Anda di Tokopedia belum muncul untuk 'sepatu kulit Bandung'.",
           "Το κατάλυμά σας στο Booking δεν βγαίνει στο 'villa Paros sea view'.",
           "आपकी दुकान गूगल पर 'sweet shop Lucknow' में नहीं दिखती।",
           "Ваш сайт не виден в Гугл по запросу 'ремонт окон Казань'.",
           // In double quotes or guillemets too, and beside a word saying someone searched instead of an engine.
           "Your garden centre does not appear when people search \"plant nursery Bergen\".",
           "Quand on cherche « plombier Lyon 3 », votre entreprise n'apparaît pas.",
           "ร้านของคุณไม่ขึ้นบน Google เมื่อค้นหา \"ร้านดอกไม้ เชียงใหม่\"",
       }) {
    EXPECT_TRUE(raw_signals(text).searched) << text;
  }
  for (const std::string_view text : {
           "Loved your talk 'Scaling Search at Google' last week.",     // a title: capitalised
           "Your bakery does not show up for 'sourdough bread Leeds'.", // no search engine named
           "Google'da çalışan Ayşe'nin ekibiyle Ankara'da tanıştık.",   // an apostrophe, not a quote
           "Betsy said 'see you soon' after the combing workshop.",     // brands inside other words
           "Loved your talk \"Scaling Search at Google\" last week.",   // a title in double quotes
           "Your shop is lovely, \"best cakes in town\" as they say.",  // no engine, no search
           "We researched \"remote work habits\" for a year.",          // "research" is no search word
       }) {
    EXPECT_FALSE(raw_signals(text).searched) << text;
  }
}

TEST(Signals, APitchAboutTheRecipientsShopIsSpamWhateverItNames)
{
  // The blend's last guard (Classifier::Impl::searched_pitch): what it names of theirs, a pitch researched.
  static const Classifier c;
  for (const std::string_view text : {
           "Hi Tom, I looked at your bakery in Leeds: it is not on Google for 'sourdough bread Leeds'. We fixed that "
           "for 30 bakeries. Shall I call tomorrow?",
           "Halo Pak Andi, toko sepatu Anda di Tokopedia belum muncul untuk 'sepatu kulit Bandung'. Kami bisa bantu.",
           "Hei Ola, hagesenteret ditt dukker ikke opp når folk søker \"planteskole Bergen\". Vi kan ordne det. Kort "
           "prat?",
       }) {
    EXPECT_EQ(c.classify({text, "", ""}).label, Label::spam) << text;
  }
  // A shared tie beside it stays personal.
  EXPECT_NE(c.classify({"Hi Tom, great to meet you at the Leeds bakers' meetup last week! You told me your shop "
                        "is not on Google for 'sourdough bread Leeds' yet, here is the guide I mentioned.",
                        "", ""})
                .label,
            Label::spam);
}

TEST(Signals, ARomanceScamsOpeningIsSpamWhateverItNames)
{
  // The blend's guard Classifier::Impl::romance_move: looks praised and the contact moved to a messenger.
  static const Classifier c;
  for (const std::string_view text : {
           "Hello dear, your smile in your profile picture is so beautiful. I am an engineer on a ship, can we talk "
           "on Telegram?",
           "Chào anh, chị thấy anh rất đẹp trai và xinh xắn quá, mình nói chuyện qua Zalo được không?",
           "안녕하세요, 미소가 정말 아름다우세요. 카톡으로 이야기 나눌 수 있을까요?",
       }) {
    EXPECT_EQ(c.classify({text, "", ""}).label, Label::spam) << text;
  }
  // Either alone is no such opening, nor both beside a tie shared.
  for (const std::string_view text : {
           "Hi Marta, loved your talk on street photography at the Porto Photo Walk! Our club has a WhatsApp group, "
           "want to join?",
           "You look beautiful in the photos from your sister's wedding, Ana! So happy for you both.",
           "Hi Leo, great to meet you at the Kraków JUG last week! You looked so handsome in the speaker photo, haha. "
           "Ping me on Telegram for the slides.",
       }) {
    EXPECT_EQ(c.classify({text, "", ""}).label, Label::personalized) << text;
  }
}
