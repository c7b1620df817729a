#include <motivo/core/mail/notification.hpp>
#include <motivo/core/profile_url.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace motivo;

namespace {

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

} // namespace
