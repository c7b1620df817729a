#include <motivo/core/profile_url.hpp>

#include <gtest/gtest.h>

#include <string>

using motivo::profile_slug;
using motivo::profile_url;
using motivo::slug_key;

namespace {

TEST(ProfileUrl, AccentedSlugsAreKeyedWhole)
{
  // Connections.csv writes the slug percent-encoded, Invitations.csv raw: one key.
  EXPECT_EQ(profile_slug("https://www.linkedin.com/in/jos%C3%A9-p%C3%A9rez-1a2b"), "josé-pérez-1a2b");
  EXPECT_EQ(profile_slug("https://www.linkedin.com/in/josé-pérez-1a2b"), "josé-pérez-1a2b");
  EXPECT_EQ(profile_slug("https://www.linkedin.com/in/jos%c3%a9-p%c3%a9rez-1a2b/"), "josé-pérez-1a2b");
  // Mail's links, under /comm/in/.
  EXPECT_EQ(profile_slug("https://www.linkedin.com/comm/in/jos%C3%A9-p%C3%A9rez-1a2b?midToken=AQ&trk=x"),
            "josé-pérez-1a2b");
  // Names sharing a start stay apart: nothing is cut at the first letter outside ASCII.
  EXPECT_NE(profile_slug("https://www.linkedin.com/in/josé-pérez-1a2b"),
            profile_slug("https://www.linkedin.com/in/josélito-gómez-3c4d"));
  EXPECT_EQ(profile_slug("https://www.linkedin.com/in/josélito-gómez-3c4d"), "josélito-gómez-3c4d");
  // Decomposed accents are the same slug as composed ones.
  EXPECT_EQ(profile_slug("https://www.linkedin.com/in/jose\xCC\x81-pe\xCC\x81rez-1a2b"), "josé-pérez-1a2b");
  EXPECT_EQ(profile_slug("https://www.linkedin.com/in/jose%CC%81-pe%CC%81rez-1a2b"), "josé-pérez-1a2b");
  // Other scripts.
  EXPECT_EQ(profile_slug("https://www.linkedin.com/in/%D0%B0%D0%BB%D0%B5%D0%BA%D1%81%D0%B5%D0%B9-123"), "алексей-123");
}

TEST(ProfileUrl, SlugKey)
{
  EXPECT_EQ(slug_key("Jos%C3%A9-P%C3%A9rez"), "josé-pérez");
  EXPECT_EQ(slug_key("José-Pérez"), "josé-pérez");
  EXPECT_EQ(slug_key("%7Eyamila"), "~yamila");
  // Percent-encoding that is not UTF-8 is kept as written (lower-cased), not turned into invalid bytes.
  EXPECT_EQ(slug_key("jos%E9"), "jos%e9");
  EXPECT_EQ(slug_key(""), "");
  EXPECT_EQ(slug_key("T%CC%88"), "\xe1\xba\x97") << "lower-cased, then composed: t + U+0308 is U+1E97";
}

TEST(ProfileUrl, UrlOfAKeyGivesTheKeyBack)
{
  EXPECT_EQ(profile_url("josé-pérez-1a2b"), "https://www.linkedin.com/in/josé-pérez-1a2b");
  EXPECT_EQ(profile_url("100%-sure"), "https://www.linkedin.com/in/100%25-sure");
  EXPECT_EQ(profile_url("a?b#c/d"), "https://www.linkedin.com/in/a%3Fb%23c%2Fd");
  EXPECT_EQ(profile_url("pub/ana-b"), "https://www.linkedin.com/pub/ana-b");
  EXPECT_EQ(profile_url(""), "");
  for (const char* key : {"josé-pérez-1a2b", "josélito-gómez", "100%-sure", "a?b#c/d", "~yamila", "jos%e9", "pub/ana-b",
                          "алексей-123", "ana b", "\xe1\xba\x97"})
    EXPECT_EQ(profile_slug(profile_url(key)), key) << key;
}

} // namespace
