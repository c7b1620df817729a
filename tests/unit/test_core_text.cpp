#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>

#include <gtest/gtest.h>

using motivo::profile_slug;
using motivo::text::name_key;

TEST(NameKey, FoldsCaseWidthAndSpaces)
{
  EXPECT_EQ(name_key("  José   ÁLVAREZ "), "josé álvarez");
  EXPECT_EQ(name_key("Sheila Honorio "), name_key("sheila honorio"));
  EXPECT_EQ(name_key("Ana\u00A0María"), "ana maría") << "no-break space is a space";
  EXPECT_EQ(name_key("ＡＮＡ"), "ana") << "full-width letters (NFKC)";
  EXPECT_EQ(name_key("𝐉𝐨𝐡𝐧 𝐃𝐨𝐞"), "john doe") << "mathematical bold letters (NFKC)";
  EXPECT_EQ(name_key("STRASSE"), name_key("straße")) << "full case folding";
  EXPECT_EQ(name_key("Ana\u200D"), "ana") << "default ignorables are dropped";
  EXPECT_EQ(name_key("Jose"), "jose");
  EXPECT_NE(name_key("José"), name_key("Jose")) << "accents are part of a name";
  EXPECT_EQ(name_key("Jose\u0301"), name_key("José")) << "composed and decomposed forms agree";
  EXPECT_EQ(name_key(""), "");
  EXPECT_EQ(name_key("   "), "");
}

TEST(ProfileSlug, ExtractsDecodesAndLowercases)
{
  EXPECT_EQ(profile_slug("https://www.linkedin.com/in/Sarhang-Said"), "sarhang-said");
  EXPECT_EQ(profile_slug("https://www.linkedin.com/in/sarhangsaid/"), "sarhangsaid");
  EXPECT_EQ(profile_slug("http://es.linkedin.com/in/ana-b?trk=x"), "ana-b");
  EXPECT_EQ(profile_slug("https://www.linkedin.com/in/elihu-pi%C3%B1a-albarran"), "elihu-piña-albarran");
  EXPECT_EQ(profile_slug("https://www.linkedin.com/in/elihu-piña-albarran"), "elihu-piña-albarran");
  EXPECT_EQ(profile_slug("https://www.linkedin.com/in/%7Eyamila"), "~yamila");
  EXPECT_EQ(profile_slug("https://www.linkedin.com/pub/ana-b/1/2/3"), "pub/ana-b");
}

TEST(ProfileSlug, TruncatedOrForeignUrlsAreNoIdentity)
{
  EXPECT_EQ(profile_slug("https://www.linkedin.com/in"), "");
  EXPECT_EQ(profile_slug("https://www.linkedin.com/in/"), "");
  EXPECT_EQ(profile_slug(""), "");
  EXPECT_EQ(profile_slug("https://example.com/in/ana"), "");
  EXPECT_EQ(profile_slug("https://www.linkedin.com/company/acme"), "");
  EXPECT_EQ(profile_slug("https://notlinkedin.com/in/ana"), "");
}
