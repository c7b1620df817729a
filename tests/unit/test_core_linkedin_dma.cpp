#include <motivo/core/error.hpp>
#include <motivo/core/linkedin/dma.hpp>

#include <gtest/gtest.h>

#include <string>

namespace dma = motivo::linkedin::dma;

namespace {

// LinkedIn's sample answer for PROFILE (docs/SYNC.md cites it), trimmed.
const std::string dma_profile_page = R"({
  "paging": {"start": 0, "count": 10, "links": [{"type": "application/json", "rel": "next",
             "href": "/rest/memberSnapshotData?count=10&domain=PROFILE&q=criteria&start=1"}], "total": 2},
  "elements": [{"snapshotData": [{"Websites": "", "First Name": "Tom", "Zip Code": "94086",
                                  "Headline": "Marketing Manager at Microsoft, Inc.", "Last Name": "Cruise"}],
                "snapshotDomain": "PROFILE"}]})";

std::string dma_inbox_page(const std::string& row)
{
  return R"({"elements": [{"snapshotDomain": "INBOX", "snapshotData": [)" + row + "]}]}";
}

} // namespace

TEST(Dma, ProfileSampleGivesTheNameAndTheNextLink)
{
  dma::SnapshotCsv csv(dma::Domain::profile);
  const auto next = csv.add_page(dma_profile_page, 1);
  ASSERT_TRUE(next);
  EXPECT_EQ(*next, "/rest/memberSnapshotData?count=10&domain=PROFILE&q=criteria&start=1");
  EXPECT_EQ(csv.rows(), 1u);
  EXPECT_EQ(csv.profile_name(), "Tom Cruise");
}

TEST(Dma, RowsBecomeTheExportsCsvWithUnknownFieldsIgnored)
{
  dma::SnapshotCsv csv(dma::Domain::inbox);
  const auto next =
      csv.add_page(dma_inbox_page(R"({"CONVERSATION ID": "2-abc", "FROM": "Ana, Ferrer", "TO": "Marc", "DATE":
      "2026-09-10 09:30:00 UTC", "CONTENT": "=1+2 \"quoted\"", "RECIPIENT PROFILE URLS": ["https://a", "https://b"],
      "Something New": {"nested": true}})"),
                   1);
  EXPECT_FALSE(next);
  EXPECT_EQ(csv.csv(), "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
                       "SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT\n"
                       "2-abc,,\"Ana, Ferrer\",,Marc,\"https://a,https://b\",2026-09-10 09:30:00 UTC,,"
                       "\"=1+2 \"\"quoted\"\"\",,\n");
}

TEST(Dma, MissingRequiredFieldIsNamedWithDomainAndPage)
{
  dma::SnapshotCsv csv(dma::Domain::connections);
  try {
    csv.add_page(R"({"elements": [{"snapshotDomain": "CONNECTIONS", "snapshotData":
                   [{"First Name": "Eva", "Last Name": "Grau"}]}]})",
                 2);
    FAIL() << "no error";
  } catch (const motivo::InputError& e) {
    EXPECT_EQ(e.file(), "linkedin CONNECTIONS page 2");
    EXPECT_NE(std::string(e.what()).find("'Connected On'"), std::string::npos) << e.what();
  }
}

TEST(Dma, ShapeChangesAreRefused)
{
  dma::SnapshotCsv csv(dma::Domain::invitations);
  EXPECT_THROW(csv.add_page("not json", 1), motivo::InputError);
  EXPECT_THROW(csv.add_page(R"({"items": []})", 1), motivo::InputError);
  EXPECT_THROW(csv.add_page(R"({"elements": [{"snapshotDomain": "INBOX", "snapshotData": []}]})", 1),
               motivo::InputError);
  EXPECT_THROW(csv.add_page(R"({"elements": [{"snapshotDomain": "INVITATIONS", "snapshotData": {"a": 1}}]})", 1),
               motivo::InputError);
  EXPECT_THROW(csv.add_page(R"({"elements": [], "paging": {"links": "next"}})", 1), motivo::InputError);
  EXPECT_EQ(csv.rows(), 0u);
}

TEST(Dma, ChangelogMessageEvent)
{
  const auto page = dma::parse_change_page(R"({"elements": [
    {"processedAt": 1795253401000, "owner": "urn:li:person:A", "actor": "urn:li:person:B", "resourceName": "messages",
     "method": "CREATE", "activityStatus": "SUCCESS",
     "activity": {"author": "urn:li:person:B", "thread": "urn:li:messagingThread:2-xyz=", "createdAt": 1795253400000,
                  "content": {"format": "TEXT", "fallback": "Sure!"}}},
    {"processedAt": 1795250000000, "resourceName": "socialActions/likes", "method": "CREATE", "activity": {}}]})",
                                           1);
  ASSERT_EQ(page.events.size(), 2u);
  const auto& m = page.events[0];
  EXPECT_TRUE(m.is_new_message());
  EXPECT_EQ(m.conversation_id(), "2-xyz=");
  EXPECT_EQ(m.author, "urn:li:person:B");
  EXPECT_EQ(m.content, "Sure!");
  EXPECT_EQ(m.created_at, 1795253400);
  EXPECT_FALSE(page.events[1].is_new_message());
  EXPECT_FALSE(page.next);
}

TEST(Dma, ChangelogMessageWithoutThreadIsNamed)
{
  try {
    dma::parse_change_page(R"({"elements": [{"processedAt": 1, "resourceName": "messages", "method": "CREATE",
                              "activity": {"author": "urn:li:person:B", "createdAt": 1}}]})",
                           3);
    FAIL() << "no error";
  } catch (const motivo::InputError& e) {
    EXPECT_EQ(e.file(), "linkedin memberChangeLogs page 3");
    EXPECT_NE(std::string(e.what()).find("'thread'"), std::string::npos) << e.what();
  }
}

TEST(Dma, InboxCsvWritesTheExportsDate)
{
  dma::InboxRow r;
  r.conversation_id = "2-x";
  r.from = "Marc Vidal";
  r.to = "Ana Ferrer";
  r.content = "-hola";
  r.sent_at = 1795253400;
  EXPECT_EQ(dma::inbox_csv({r}), "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
                                 "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
                                 "2-x,,Marc Vidal,,Ana Ferrer,,2026-11-21 09:30:00 UTC,,-hola,INBOX\n");
}

TEST(Dma, ErrorMessageOfLinkedInsBody)
{
  EXPECT_EQ(dma::error_message(R"({"message": "Invalid access token", "serviceErrorCode": 65600, "status": 401})"),
            "Invalid access token");
  EXPECT_EQ(dma::error_message("<html>"), "");
}
