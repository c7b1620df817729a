// Message and acceptance notifications (core/mail/conversation.cpp), read from the fixtures of tests/data/mail
// (tests/data/mail/README.md says what each must give) and from messages built here.
#include <motivo/core/datetime.hpp>
#include <motivo/core/mail/notification.hpp>
#include <motivo/io/mail.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace motivo;

namespace {

const std::string fixtures = MOTIVO_TEST_DATA "/mail/";

const mail::Recogniser& recogniser()
{
  static const mail::Recogniser r;
  return r;
}

mail::Message fixture(const std::string& file)
{
  std::vector<mail::Message> messages;
  io::read_mail(fixtures + file, io::MailSource::message, [&](mail::Message&& m) { messages.push_back(std::move(m)); });
  EXPECT_EQ(messages.size(), 1u);
  return messages.at(0);
}

mail::Verdict verdict_of(const std::string& file)
{
  return recogniser().recognise(fixture(file));
}

// A message notification as LinkedIn's messaging address sends it, built here.
mail::Message notification(const std::string& subject, const std::string& body)
{
  mail::Message m;
  m.where = "test";
  m.message_id = "test-message";
  m.from_name = "Lena Koch via LinkedIn";
  m.from_address = "messages-noreply@linkedin.com";
  m.to_name = "Dana Whitcombe";
  m.subject = subject;
  m.date = 1741079567;
  m.text = body;
  m.links = {"https://www.linkedin.com/comm/in/lena-koch-1?midToken=AQ",
             "https://www.linkedin.com/comm/messaging/thread/2-TGVuYQ%3D%3D/?midToken=AQ"};
  return m;
}

struct ExpectedMessage {
  const char* file;
  const char* sender;
  const char* date;
  const char* thread;
  const char* text;
  const char* slug;
  const char* language;
};

const ExpectedMessage expected_messages[] = {
    {"en-message-plain-and-html.eml", "Sara Okafor", "2025-03-04T09:12:47Z", "2-ZmFrZTEyMy1zYXJhLW9rYWZvcl8wMTA=",
     "Hi Dana, thanks for asking! We met at the Lisbon data meetup last spring, and I would like to talk about the "
     "pipeline role we are hiring for.",
     "sara-okafor-4b2c1d", "en"},
    {"en-message-html-only.eml", "Noah Brandt", "2025-03-06T13:23:32Z", "2-Tm9haEJyYW5kdFRocmVhZF8wMTA=",
     "Sure — I invited you because we both maintain Parquet tooling.\nHappy to compare notes next week.",
     "noah-brandt-77a10e", "en"},
    {"en-message-text-only.eml", "Priya Raman", "2017-06-20T09:16:51Z", "6234567890123456789",
     "I connected because of your talk on columnar storage. We are evaluating Arrow and would value your view.",
     "priya-raman-2f9e", "en"},
    {"es-message-plain-and-html.eml", "Marta Solís", "2025-03-11T13:52:02Z", "2-TWFydGFTb2xpc1RocmVhZF8wMTA=",
     "¡Hola, Dana! Te escribí porque coincidimos en el congreso de Valencia y me encantaría hablar del piloto de "
     "análisis.",
     "marta-solís-9a8b7c", "es"},
    {"es-message-html-only.eml", "Javier Ortega", "2025-03-13T15:34:04Z", "2-SmF2aWVyT3J0ZWdhVGhyZWFkXzAxMA==",
     "Gracias por preguntar. Te invité porque llevo el proyecto de cuadros de mando de la cooperativa y buscamos a "
     "alguien con tu experiencia.",
     "javier-ortega-55c1", "es"},
};

} // namespace

TEST(MailConversation, MessagesOfEveryLayoutAreRead)
{
  for (const ExpectedMessage& e : expected_messages) {
    SCOPED_TRACE(e.file);
    const mail::Verdict v = verdict_of(e.file);
    ASSERT_TRUE(v.message) << v.skipped << " " << v.detail;
    EXPECT_FALSE(v.invitation);
    EXPECT_EQ(v.message->sender, e.sender);
    EXPECT_EQ(datetime::format_iso(v.message->sent_at), e.date);
    EXPECT_EQ(v.message->thread_id, e.thread);
    EXPECT_EQ(v.message->text, e.text);
    EXPECT_EQ(v.message->sender_slug, e.slug);
    EXPECT_EQ(v.message->language, e.language);
    EXPECT_EQ(v.message->recipient, "Dana Whitcombe");
    EXPECT_FALSE(v.message->message_id.empty());
  }
}

TEST(MailConversation, AcceptancesNameWhoAccepted)
{
  const std::tuple<const char*, const char*, const char*, const char*> expected[] = {
      {"en-accepted.eml", "Ilse Varga", "ilse-varga-3e4f5a", "2024-06-13T11:43:21Z"},
      {"en-2016-accepted.eml", "Bruno Castellanos", "", "2016-01-22T10:40:02Z"},
      {"es-accepted.eml", "Carmen Vidal Rey", "carmen-vidal-rey-1a2b3c", "2025-03-15T14:46:41Z"},
  };
  for (const auto& [file, person, slug, at] : expected) {
    SCOPED_TRACE(file);
    const mail::Verdict v = verdict_of(file);
    ASSERT_TRUE(v.acceptance) << v.skipped;
    EXPECT_FALSE(v.invitation);
    EXPECT_EQ(v.acceptance->person, person);
    EXPECT_EQ(v.acceptance->profile_slug, slug);
    EXPECT_EQ(datetime::format_iso(v.acceptance->at), at);
    EXPECT_FALSE(v.acceptance->authenticated); // the fixtures carry no Authentication-Results
  }
}

TEST(MailConversation, SponsoredMessagesAndDigestsChangeNothing)
{
  const std::pair<const char*, const char*> skipped[] = {
      {"en-message-sponsored.eml", "a sponsored message, not from a person"},
      {"en-message-digest.eml", "a digest of several messages"},
  };
  for (const auto& [file, reason] : skipped) {
    SCOPED_TRACE(file);
    const mail::Verdict v = verdict_of(file);
    EXPECT_FALSE(v.message || v.acceptance || v.invitation);
    EXPECT_EQ(v.skipped, reason);
    EXPECT_FALSE(v.warning);
  }
  mail::Message m = notification("Lena Koch sent you a message", "Lena Koch\nPatrocinado\n\nOferta\n");
  EXPECT_EQ(recogniser().recognise(m).skipped, "a sponsored message, not from a person");
}

TEST(MailConversation, AMalformedMessageIsSkippedWithAWarning)
{
  const mail::Verdict v = verdict_of("en-message-malformed.eml");
  EXPECT_FALSE(v.message || v.acceptance || v.invitation);
  EXPECT_TRUE(v.warning);
  EXPECT_EQ(v.skipped, "malformed MIME");
  EXPECT_FALSE(v.detail.empty());
}

TEST(MailConversation, AThreadLinkFromTheMessagingAddressOutweighsTheSubject)
{
  // No subject wording the patterns know, and a text that quotes an acceptance and an invitation.
  const mail::Verdict v = recogniser().recognise(
      notification("Re: lunch?", "Lena Koch\nCTO at Example\n\nYes: I accepted your invitation to connect on "
                                 "LinkedIn, and please add me to your LinkedIn network\n\nReply\n"));
  ASSERT_TRUE(v.message) << v.skipped;
  EXPECT_EQ(v.message->sender, "Lena Koch");
  EXPECT_EQ(v.message->thread_id, "2-TGVuYQ==");
  EXPECT_EQ(v.message->language, "und");
  EXPECT_EQ(v.message->text, "Yes: I accepted your invitation to connect on LinkedIn, and please add me to your "
                             "LinkedIn network");
}

TEST(MailConversation, TheSubjectNamesTheSenderWhenTheFromNameIsLinkedIns)
{
  mail::Message m = notification("Lena Koch te ha enviado un mensaje", "Lena Koch\nCTO\n\nHola\n");
  m.from_name = "LinkedIn";
  m.links = {"https://www.linkedin.com/comm/in/lena-koch-1"}; // no thread link: the subject tells
  const mail::Verdict v = recogniser().recognise(m);
  ASSERT_TRUE(v.message) << v.skipped;
  EXPECT_EQ(v.message->sender, "Lena Koch");
  EXPECT_EQ(v.message->thread_id, "");
  EXPECT_EQ(v.message->language, "es");
  EXPECT_EQ(v.message->text, "Hola");
}

TEST(MailConversation, MessageNotificationsAreCheckedLikeInvitations)
{
  mail::Message forged = notification("Lena Koch sent you a message", "Lena Koch\nCTO\n\nHi\n");
  forged.authentication_results = {
      "mx.example.org; dkim=fail header.d=linkedin.com; dmarc=fail header.from=linkedin.com"};
  mail::Verdict v = recogniser().recognise(forged);
  EXPECT_FALSE(v.message);
  EXPECT_TRUE(v.warning);
  EXPECT_EQ(v.skipped, "forged: LinkedIn's mail failed authentication");

  mail::Message undated = notification("Lena Koch sent you a message", "Lena Koch\nCTO\n\nHi\n");
  undated.date.reset();
  v = recogniser().recognise(undated);
  EXPECT_FALSE(v.message);
  EXPECT_TRUE(v.warning);

  mail::Message nameless = notification("You have a new message", "Hi\n");
  nameless.from_name = "LinkedIn";
  v = recogniser().recognise(nameless);
  EXPECT_FALSE(v.message);
  EXPECT_TRUE(v.warning);

  mail::Message elsewhere = notification("Lena Koch sent you a message", "Hi\n");
  elsewhere.from_address = "lena@example.com";
  EXPECT_EQ(recogniser().recognise(elsewhere).skipped, "not from LinkedIn");
}

TEST(MailConversation, AnAuthenticatedAcceptanceSaysSo)
{
  mail::Message m = fixture("en-2016-accepted.eml");
  m.authentication_results = {"mx.example.org; dkim=pass header.d=linkedin.com; dmarc=pass header.from=linkedin.com"};
  const mail::Verdict v = recogniser().recognise(m);
  ASSERT_TRUE(v.acceptance);
  EXPECT_TRUE(v.acceptance->authenticated);
}

TEST(MailConversation, ABatchNoticeNamesNobody)
{
  mail::Message m = notification("You have 3 new connections", "You have 3 new connections\n");
  m.from_name = "LinkedIn";
  m.from_address = "invitations@linkedin.com";
  m.links.clear();
  const mail::Verdict v = recogniser().recognise(m);
  EXPECT_FALSE(v.acceptance);
  EXPECT_EQ(v.skipped, "accepted invitations without their names (a batch notice)");
}

TEST(MailConversation, SameMessageTextComparesLettersAndDigits)
{
  EXPECT_TRUE(mail::same_message_text("", "anything"));
  EXPECT_TRUE(mail::same_message_text("Hi Dana, thanks!", "hi dana — thanks!"));
  EXPECT_TRUE(mail::same_message_text("Hi Dana, we met at the…", "Hi Dana, we met at the Lisbon meetup."));
  EXPECT_TRUE(mail::same_message_text("Línea uno\n\nLínea dos", "línea uno línea dos"));
  EXPECT_FALSE(mail::same_message_text("See you Thursday", "Thanks for connecting"));
}
