#include <motivo/core/mail/notification.hpp>
#include <motivo/io/mail.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace motivo;

namespace {

const std::string fixtures = MOTIVO_TEST_DATA "/mail/";

mail::Verdict verdict_of(const std::string& file)
{
  static const mail::Recogniser recogniser;
  std::vector<mail::Message> messages;
  io::read_mail(fixtures + file, io::MailSource::message, [&](mail::Message&& m) { messages.push_back(std::move(m)); });
  EXPECT_EQ(messages.size(), 1u);
  return recogniser.recognise(messages.at(0));
}

struct Expected {
  const char* file;
  const char* sender;
  const char* date;
  const char* note;
  const char* id;
  const char* slug;
  const char* language;
};

// tests/data/mail/README.md: what each fixture must give.
const Expected invitations[] = {
    {"en-2016-plain-and-html.eml", "Marta Quillfeather", "2016-06-14T08:05:12Z",
     "Great meeting you at the café after the Lisbon meetup — let’s keep in touch about the ingest project you "
     "mentioned.",
     "6148394561539515059", "", "en"},
    {"en-default-text.eml", "Oskar Brandvold", "2016-04-09T17:42:03Z", "I'd like to join your LinkedIn network.",
     "6124622150814068929", "", "en"},
    {"en-modern-wants-to-connect.eml", "Jonah Ellery", "2025-03-03T14:27:09Z",
     "Hi Dana — I enjoyed your talk on columnar storage at the March meetup. Would love to connect and compare "
     "notes on Parquet tuning.",
     "7302333597795730919", "jonah-ellery-7c2e91b4", "en"},
    {"es-2016-member-b64-subject.eml", "Lucía Ibáñez Ortuño", "2016-10-05T16:20:55Z",
     "Me encantó coincidir contigo en el congreso de Valencia. ¿Seguimos en contacto para lo del piloto de análisis "
     "de señales?",
     "6189469112004058414", "", "es"},
    {"es-2016-guest-reminder-q-subject.eml", "Tomás Villarreal Peña", "2016-08-30T19:26:38Z",
     "Me gustaría añadirte a mi red profesional en LinkedIn.", "6176463848556593153", "", "es"},
    {"es-2012-iso-8859-1.eml", "Rodrigo Peñalver", "2012-03-13T10:15:44Z",
     "¡Cuánto tiempo! Vi tu ponencia sobre migración de datos en las jornadas de Sevilla y me pareció muy útil. Me "
     "gustaría añadirte a mi red profesional en LinkedIn.",
     "I2290417733_55", "", "es"},
    {"en-2011-via-linkedin.eml", "Abigail Okonkwo-Reyes", "2011-09-22T03:48:17Z",
     "I'd like to add you to my professional network on LinkedIn.", "I118843207_55", "", "en"},
};

} // namespace

TEST(Mail, InvitationsOfEveryLayoutAreRead)
{
  for (const Expected& e : invitations) {
    SCOPED_TRACE(e.file);
    const mail::Verdict v = verdict_of(e.file);
    ASSERT_TRUE(v.invitation) << v.skipped;
    EXPECT_EQ(v.invitation->sender, e.sender);
    EXPECT_EQ(datetime::format_iso(v.invitation->sent_at), e.date);
    EXPECT_EQ(v.invitation->note, e.note);
    EXPECT_EQ(v.invitation->invitation_id, e.id);
    EXPECT_EQ(v.invitation->profile_slug, e.slug);
    EXPECT_EQ(v.invitation->language, e.language);
  }
}

TEST(Mail, OlderMailsGiveTheMemberToken)
{
  EXPECT_EQ(verdict_of("en-2016-plain-and-html.eml").invitation->member_token,
            "AAsAAB9xQk0BcXq2mZrT4uYw7n1LhG8eJpVdKsA");
  EXPECT_TRUE(verdict_of("es-2016-guest-reminder-q-subject.eml").invitation->reminder);
  EXPECT_FALSE(verdict_of("en-2016-plain-and-html.eml").invitation->reminder);
}

TEST(Mail, EverythingElseIsSkippedWithItsReason)
{
  const std::pair<const char*, const char*> skipped[] = {
    {"en-2013-reminder.eml", "a reminder of an earlier invitation"},
    {"newsletter.eml", "not an invitation"},
    {"pymk.eml", "not an invitation"},
    {"unrelated.eml", "not from LinkedIn"},
  };
  for (const auto& [file, reason] : skipped) {
    SCOPED_TRACE(file);
    const mail::Verdict v = verdict_of(file);
    EXPECT_FALSE(v.invitation);
    EXPECT_NE(v.skipped.find(reason), std::string::npos) << v.skipped;
    EXPECT_FALSE(v.warning);
  }
}

TEST(Mail, MalformedMimeIsSkippedWithAWarning)
{
  const mail::Verdict v = verdict_of("malformed.eml");
  EXPECT_FALSE(v.invitation);
  EXPECT_TRUE(v.warning);
  EXPECT_NE(v.skipped.find("malformed"), std::string::npos) << v.skipped;
}

TEST(Mail, InvitationIdsTellTheirTime)
{
  // 6132985418842456064 was in a mail dated 2016-05-02 19:34:46 UTC (tests/data/mail/README.md).
  EXPECT_EQ(datetime::format_iso(*mail::time_of_invitation_id("6132985418842456064")), "2016-05-02T19:34:29Z");
  EXPECT_FALSE(mail::time_of_invitation_id("I118843207_55"));
  EXPECT_FALSE(mail::time_of_invitation_id("12"));
}

TEST(Mail, GarbageNeverThrows)
{
  static const mail::Recogniser recogniser;
  for (const std::string& bytes :
       {std::string(), std::string("\0\0\0", 3), std::string("From: x\n\n"),
        std::string("Content-Type: multipart/mixed\n\n--\n--\n"), std::string(100000, '<')}) {
    const mail::Message m = io::decode_mail(bytes, "test");
    EXPECT_NO_THROW(recogniser.recognise(m));
  }
}

namespace {

std::string modern_fixture()
{
  std::ifstream in(fixtures + "en-default-text.eml", std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::filesystem::path temp_file(const std::string& name, const std::string& bytes)
{
  const auto path = std::filesystem::temp_directory_path() / ("motivo-test-io-mail-" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

} // namespace

// Issue 20, item 14: a quoted-printable "=00" does not end the text: the NUL becomes U+FFFD and the rest stays.
TEST(Mail, QuotedPrintableNulKeepsTheRestOfTheNote)
{
  std::string bytes = modern_fixture();
  const std::string greeting = "I'd like to join your LinkedIn network.";
  const std::size_t at = bytes.find(greeting);
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, greeting.size(), "We met in Oslo=00 at the fair, remember?");
  const mail::Message m = io::decode_mail(bytes, "test");
  EXPECT_NE(m.text.find("We met in Oslo\xEF\xBF\xBD at the fair, remember?"), std::string::npos) << m.text;
  static const mail::Recogniser recogniser;
  const mail::Verdict v = recogniser.recognise(m);
  ASSERT_TRUE(v.invitation) << v.skipped;
  EXPECT_NE(v.invitation->note.find("at the fair, remember?"), std::string::npos) << v.invitation->note;
}

// Issue 20, item 9: the receiving servers' authentication results are read, topmost first.
TEST(Mail, AuthenticationResultsAreRead)
{
  const std::string bytes = "Authentication-Results: mx.example.org;\r\n\tdmarc=fail header.from=linkedin.com\r\n"
                            "ARC-Authentication-Results: i=1; relay.test; dkim=pass\r\n"
                            "Authentication-Results: evil.test; dmarc=pass\r\n" +
                            modern_fixture();
  const mail::Message m = io::decode_mail(bytes, "test");
  ASSERT_EQ(m.authentication_results.size(), 2u);
  EXPECT_NE(m.authentication_results[0].find("dmarc=fail"), std::string::npos) << m.authentication_results[0];
  EXPECT_NE(m.authentication_results[1].find("evil.test"), std::string::npos);
  ASSERT_EQ(m.arc_authentication_results.size(), 1u);
  EXPECT_EQ(mail::authentication_of(m).result, mail::Authentication::fail);
}

// Issue 20, item 4: a message over the size limit is not decoded (its headers are), in a file and in an mbox.
TEST(Mail, HugeMessagesAreNotDecoded)
{
  std::string huge = modern_fixture();
  const std::string greeting = "I'd like to join your LinkedIn network.";
  huge.replace(huge.find(greeting), greeting.size(), std::string(mail::max_message_bytes, 'a'));
  const auto eml = temp_file("huge.eml", huge);
  std::vector<mail::Message> read;
  io::read_mail(eml.string(), io::MailSource::message, [&](mail::Message&& m) { read.push_back(std::move(m)); });
  std::filesystem::remove(eml);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_TRUE(read[0].too_large);
  EXPECT_EQ(read[0].size, huge.size());
  EXPECT_EQ(read[0].from_address, "invitations@linkedin.com");
  EXPECT_TRUE(read[0].text.empty());

  const auto mbox = temp_file("huge.mbox", "From a@b Sat Apr  9 17:42:03 2016\n" + huge +
                                               "\nFrom a@b Sat Apr  9 17:42:03 2016\n" + modern_fixture());
  read.clear();
  io::read_mail(mbox.string(), io::MailSource::mbox, [&](mail::Message&& m) { read.push_back(std::move(m)); });
  std::filesystem::remove(mbox);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_TRUE(read[0].too_large);
  EXPECT_TRUE(read[0].text.empty());
  EXPECT_FALSE(read[1].too_large);
  EXPECT_NE(read[1].text.find(greeting), std::string::npos);
}

// Issue 20: a header line longer than the limit, first in its message, hides From (GMime sees a truncated header):
// the message is skipped as too large all the same, with the warning, not as malformed.
TEST(Mail, AHugeFirstHeaderIsTooLargeNotMalformed)
{
  const std::string huge = "X-Padding: " + std::string(mail::max_message_bytes + 10, 'a') + "\n" + modern_fixture();
  const auto mbox = temp_file("huge-header.mbox", "From a@b Sat Apr  9 17:42:03 2016\n" + huge +
                                                      "\nFrom a@b Sat Apr  9 17:42:03 2016\n" + modern_fixture());
  std::vector<mail::Message> read;
  io::read_mail(mbox.string(), io::MailSource::mbox, [&](mail::Message&& m) { read.push_back(std::move(m)); });
  std::filesystem::remove(mbox);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_TRUE(read[0].too_large);
  EXPECT_EQ(read[0].size, huge.size() + 1);
  EXPECT_EQ(read[0].where.substr(read[0].where.size() - 9), "message 1");
  static const mail::Recogniser recogniser;
  const mail::Verdict v = recogniser.recognise(read[0]);
  EXPECT_EQ(v.skipped, "too large for a LinkedIn notification");
  EXPECT_TRUE(v.warning);
  EXPECT_TRUE(recogniser.recognise(read[1]).invitation);
  // A huge message from someone else is theirs to send: skipped without a warning, as before.
  read[1].too_large = true;
  read[1].from_address = "someone@example.org";
  EXPECT_EQ(recogniser.recognise(read[1]).skipped, "not from LinkedIn");
}
