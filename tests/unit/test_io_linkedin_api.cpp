#include <motivo/io/linkedin_api.hpp>

#include <gtest/gtest.h>

using motivo::io::ApiError;
using motivo::io::LinkedInApi;

TEST(LinkedInApi, PlainHttpOnlyToLoopback)
{
  EXPECT_NO_THROW(LinkedInApi({"http://127.0.0.1:9", "t"}));
  EXPECT_THROW(LinkedInApi({"http://192.0.2.7:9", "t"}), ApiError);
  EXPECT_THROW(LinkedInApi({"http://127.evil.test", "t"}), ApiError);
  EXPECT_THROW(LinkedInApi({"ftp://127.0.0.1", "t"}), ApiError);
  EXPECT_THROW(LinkedInApi({"https://user@api.linkedin.com", "t"}), ApiError);
  EXPECT_NO_THROW(LinkedInApi({"https://api.linkedin.com", "t"}));
}

TEST(LinkedInApi, NextLinksStayOnTheBase)
{
  const LinkedInApi api({"https://api.linkedin.com/", "t"});
  EXPECT_EQ(api.path_of_link("/rest/memberSnapshotData?start=1"), "/rest/memberSnapshotData?start=1");
  EXPECT_EQ(api.path_of_link("https://api.linkedin.com/rest/x?start=2"), "/rest/x?start=2");
  EXPECT_FALSE(api.path_of_link("https://attacker.example/rest/x"));
  EXPECT_FALSE(api.path_of_link("https://api.linkedin.com.attacker.example/rest/x"));
  EXPECT_FALSE(api.path_of_link("//attacker.example/rest/x"));
  const LinkedInApi proxied({"http://127.0.0.1:8080/linkedin", "t"});
  EXPECT_EQ(proxied.path_of_link("/rest/x"), "/rest/x");
  EXPECT_EQ(proxied.path_of_link("http://127.0.0.1:8080/linkedin/rest/x"), "/rest/x");
}

TEST(LinkedInApi, TheTokenIsRedacted)
{
  const LinkedInApi api({"https://api.linkedin.com", "AQXsecret"});
  EXPECT_EQ(api.redact("Bearer AQXsecret failed; AQXsecret"), "Bearer [token] failed; [token]");
}

TEST(LinkedInApi, ConnectionFailureNamesNoToken)
{
  LinkedInApi api({"http://127.0.0.1:1", "AQXsecret"});
  try {
    api.get("/rest/memberSnapshotData?q=criteria&domain=PROFILE");
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_EQ(std::string(e.what()).find("AQXsecret"), std::string::npos) << e.what();
  }
}
