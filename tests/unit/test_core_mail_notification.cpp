#include <motivo/core/mail/notification.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/core/protocol/messages.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace motivo;

namespace {

std::size_t protocol_units(const std::string& s)
{
  return protocol::platform_length(s);
}

// A 2025 "wants to connect" card whose links give the inviter's slug as `link` writes it.
mail::Message card(const std::string& sender, const std::string& link)
{
  mail::Message m;
  m.where = "test";
  m.message_id = "card-" + link;
  m.from_name = sender;
  m.from_address = "invitations@linkedin.com";
  m.to_name = "Dana Whitcombe";
  m.to_address = "dana@example.org";
  m.subject = "I want to connect";
  m.date = 1741012029;
  m.html_text = sender + " wants to connect\n\nHi Dana, we met at the meetup.\n";
  m.links = {"https://www.linkedin.com/comm/feed/?midToken=AQ", link,
             "https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/7302333597795730919/sharedKey/Vb/"};
  return m;
}

std::string slug_in(const mail::Message& m)
{
  static const mail::Recogniser recogniser;
  const mail::Verdict v = recogniser.recognise(m);
  EXPECT_TRUE(v.invitation) << v.skipped << " " << v.detail;
  return v.invitation ? v.invitation->profile_slug : std::string("(not an invitation)");
}

TEST(MailNotification, AccentedProfileSlugsAreReadWhole)
{
  const std::string jose = "josé-pérez-1a2b", joselito = "josélito-gómez-3c4d";
  // Percent-encoded, as LinkedIn's HTML writes it.
  EXPECT_EQ(slug_in(card("José Pérez", "https://www.linkedin.com/comm/in/jos%C3%A9-p%C3%A9rez-1a2b?midToken=AQ")),
            jose);
  EXPECT_EQ(slug_in(card("Josélito Gómez",
                         "https://www.linkedin.com/comm/in/jos%C3%A9lito-g%C3%B3mez-3c4d?midToken=AQ&trk=x")),
            joselito);
  // Raw UTF-8, as a text body or a decoded href gives it.
  EXPECT_EQ(slug_in(card("José Pérez", "https://www.linkedin.com/comm/in/josé-pérez-1a2b/")), jose);
  EXPECT_EQ(slug_in(card("Josélito Gómez", "https://www.linkedin.com/in/Josélito-Gómez-3c4d#top")), joselito);
  // The key is the one an export's URL gives.
  EXPECT_EQ(jose, profile_slug("https://www.linkedin.com/in/jos%C3%A9-p%C3%A9rez-1a2b"));
  EXPECT_EQ(joselito, profile_slug("https://www.linkedin.com/in/josélito-gómez-3c4d"));
  // ASCII slugs as before.
  EXPECT_EQ(slug_in(card("Jonah Ellery", "https://www.linkedin.com/comm/in/jonah-ellery-7c2e91b4?midToken=AQ")),
            "jonah-ellery-7c2e91b4");
}

mail::Verdict verdict_of(const mail::Message& m)
{
  static const mail::Recogniser recogniser;
  return recogniser.recognise(m);
}

const std::string slug_link = "https://www.linkedin.com/comm/in/jonah-ellery-7c2e91b4?midToken=AQ";

// Issue 20, item 9: the receiving server's Authentication-Results decide; a failure is a forgery.
TEST(MailNotification, MailFailingAuthenticationIsSkippedAsForged)
{
  const std::vector<std::vector<std::string>> forged = {
      {"mx.example.org; dkim=none; spf=fail smtp.mailfrom=evil.test; dmarc=fail (p=REJECT) header.from=linkedin.com"},
      {"mx.example.org;\r\n dkim=fail (bad signature) header.d=linkedin.com header.i=@linkedin.com"},
      {"mx.example.org; spf=softfail (not permitted) smtp.mailfrom=invitations@linkedin.com"},
      // A pass the sender wrote below the receiving server's failure does not count.
      {"mx.example.org; dmarc=fail header.from=linkedin.com", "evil.test; dmarc=pass; dkim=pass header.d=linkedin.com"},
  };
  for (const auto& results : forged) {
    mail::Message m = card("Jonah Ellery", slug_link);
    m.authentication_results = results;
    const mail::Verdict v = verdict_of(m);
    EXPECT_FALSE(v.invitation) << results.front();
    EXPECT_TRUE(v.warning);
    EXPECT_EQ(v.skipped, "forged: LinkedIn's mail failed authentication");
    EXPECT_NE(v.detail.find("fail"), std::string::npos) << v.detail;
    EXPECT_EQ(mail::authentication_of(m).result, mail::Authentication::fail);
  }
  // An ARC-Authentication-Results failure counts too.
  mail::Message arc = card("Jonah Ellery", slug_link);
  arc.arc_authentication_results = {"i=1; mx.google.com; dkim=fail header.i=@linkedin.com; dmarc=fail"};
  EXPECT_FALSE(verdict_of(arc).invitation);
}

TEST(MailNotification, AuthenticatedOrUncheckedMailIsRead)
{
  const std::vector<std::vector<std::string>> good = {
      {"mx.google.com; dkim=pass header.i=@linkedin.com header.s=2048 header.b=Ab; spf=pass (google.com: domain of "
       "s-x@bounce.linkedin.com designates 1.2.3.4 as permitted sender) smtp.mailfrom=s-x@bounce.linkedin.com; "
       "dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=linkedin.com"},
      // Forwarded: SPF fails at the last hop, DKIM and DMARC pass.
      {"mx.example.org; spf=fail smtp.mailfrom=forwarder@lists.test; dkim=pass header.d=linkedin.com; dmarc=pass"},
      // A failure about another domain (a forwarder's signature) is not LinkedIn's.
      {"mx.example.org; dkim=fail header.d=lists.test; dkim=pass header.d=linkedin.com"},
  };
  for (const auto& results : good) {
    mail::Message m = card("Jonah Ellery", slug_link);
    m.authentication_results = results;
    EXPECT_TRUE(verdict_of(m).invitation) << results.front();
    EXPECT_EQ(mail::authentication_of(m).result, mail::Authentication::pass) << results.front();
  }
  const mail::Message unchecked = card("Jonah Ellery", slug_link);
  EXPECT_TRUE(verdict_of(unchecked).invitation);
  EXPECT_EQ(mail::authentication_of(unchecked).result, mail::Authentication::none);
}

// Issue 20, item 4: a note is at most LinkedIn's 300 characters (UTF-16 units); a longer one is cut there.
TEST(MailNotification, LongNotesAreCutAtLinkedInsLimit)
{
  mail::Message m = card("Jonah Ellery", slug_link);
  std::string note;
  for (int i = 0; i < 100; ++i) note += "Ñandú 😀 ";
  m.html_text = "Jonah Ellery wants to connect\n\n" + note + "\n";
  const mail::Verdict v = verdict_of(m);
  ASSERT_TRUE(v.invitation) << v.skipped;
  EXPECT_TRUE(v.invitation->note_cut);
  EXPECT_LE(protocol_units(v.invitation->note), mail::max_note_length);
  EXPECT_GE(protocol_units(v.invitation->note), mail::max_note_length - 9);
  EXPECT_EQ(note.rfind(v.invitation->note, 0), 0u) << "the start of the note, whole characters";

  mail::Message short_note = card("Jonah Ellery", slug_link);
  const mail::Verdict s = verdict_of(short_note);
  ASSERT_TRUE(s.invitation);
  EXPECT_FALSE(s.invitation->note_cut);
  EXPECT_EQ(s.invitation->note, "Hi Dana, we met at the meetup.");
}

TEST(MailNotification, TooLargeMessagesAreSkippedWithAWarning)
{
  mail::Message m = card("Jonah Ellery", slug_link);
  m.size = mail::max_message_bytes + 1;
  m.too_large = true;
  const mail::Verdict v = verdict_of(m);
  EXPECT_FALSE(v.invitation);
  EXPECT_TRUE(v.warning);
  EXPECT_EQ(v.skipped, "too large for a LinkedIn notification");
}

} // namespace
