#include <motivo/core/error.hpp>
#include <motivo/core/linkedin/export_files.hpp>
#include <motivo/core/linkedin/rows.hpp>

#include <gtest/gtest.h>

using namespace motivo;
using namespace motivo::linkedin;

namespace {

// Calls `check(row, index)` for every row while the reader (whose buffer the row's views point into) lives.
template <typename Reader, typename Row, typename Check>
std::size_t for_rows(const std::string& text, Check check)
{
  MemorySource source(text);
  csv::Reader csv(source, "f.csv");
  Reader reader(csv);
  Row row;
  std::size_t n = 0;
  while (reader.next(row)) check(row, n++);
  return n;
}

template <typename Reader, typename Row>
std::string error_of(const std::string& text, std::optional<datetime::UnixSeconds> made_by = std::nullopt)
{
  try {
    MemorySource source(text);
    csv::Reader csv(source, "f.csv");
    Reader reader(csv, made_by);
    Row row;
    while (reader.next(row)) {
    }
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST(ExportFiles, KindsByName)
{
  EXPECT_EQ(file_kind("Invitations.csv"), FileKind::invitations);
  EXPECT_EQ(file_kind("export/Connections.csv"), FileKind::connections);
  EXPECT_EQ(file_kind("messages.csv"), FileKind::messages);
  EXPECT_EQ(file_kind("Messages.csv"), FileKind::messages);
  EXPECT_EQ(file_kind("coach_messages.csv"), FileKind::unused);
  EXPECT_EQ(file_kind("guide_messages.csv"), FileKind::unused);
  EXPECT_EQ(file_kind("learning_coach_messages.csv"), FileKind::unused);
  EXPECT_EQ(file_kind("Profile.csv"), FileKind::unused);
}

TEST(InvitationsCsv, FiveAndSevenColumnLayouts)
{
  // Pacific: 8/18/18 9:08 AM PDT is 16:08 UTC; 12/21/23 11:29 AM PST is 19:29 UTC.
  const auto n = for_rows<InvitationsReader, InvitationRow>(
      "From,To,Sent At,Message,Direction\nA B,Me,\"8/18/18, 9:08 AM\",,INCOMING\n", [](const InvitationRow& r, auto) {
        EXPECT_EQ(datetime::format_iso(r.sent_at), "2018-08-18T16:08:00Z");
        EXPECT_EQ(r.direction, Direction::incoming);
        EXPECT_TRUE(r.message.empty());
      });
  EXPECT_EQ(n, 1u);
  const auto m = for_rows<InvitationsReader, InvitationRow>(
      "Direction,From,To,Sent At,Message,inviterProfileUrl,inviteeProfileUrl\n"
      "OUTGOING,Me,Sheila Honorio ,\"12/21/23, 11:29 AM\",\"Hola, ¿conectamos?\",https://www.linkedin.com/in,"
      "https://www.linkedin.com/in/sheila\n",
      [](const InvitationRow& r, auto) {
        EXPECT_EQ(r.to, "Sheila Honorio") << "names are trimmed";
        EXPECT_EQ(r.message, "Hola, ¿conectamos?");
        EXPECT_EQ(r.to_url, "https://www.linkedin.com/in/sheila");
        EXPECT_EQ(datetime::format_iso(r.sent_at), "2023-12-21T19:29:00Z");
      });
  EXPECT_EQ(m, 1u);
}

TEST(InvitationsCsv, ErrorsNameFileLineAndValue)
{
  EXPECT_EQ((error_of<InvitationsReader, InvitationRow>("From,To,Message,Direction\n")),
            "f.csv:1: missing column \"Sent At\" (the header has: From, To, Message, Direction)");
  EXPECT_EQ((error_of<InvitationsReader, InvitationRow>(
                "From,To,Sent At,Message,Direction\nA,B,\"2/30/24, 9:00 AM\",,INCOMING\n")),
            "f.csv:2: impossible or unrecognised date in \"Sent At\" (\"2/30/24, 9:00 AM\")");
  EXPECT_EQ((error_of<InvitationsReader, InvitationRow>(
                "From,To,Sent At,Message,Direction\nA,B,\"2/3/24, 9:00 AM\",,SIDEWAYS\n")),
            "f.csv:2: direction must be INCOMING or OUTGOING (\"SIDEWAYS\")");
  EXPECT_EQ((error_of<InvitationsReader, InvitationRow>("From,To,Sent At,Message,Direction\nA,B\n")),
            "f.csv:2: 2 fields where the header has 5 (starting \"A\")");
  EXPECT_EQ((error_of<InvitationsReader, InvitationRow>("")), "f.csv:1: empty file: no header line");
}

TEST(InvitationsCsv, ADuplicateColumnIsRefusedByName)
{
  // Which of two "Message" columns holds the note would be a guess: refused, naming it (case and spaces aside).
  EXPECT_EQ((error_of<InvitationsReader, InvitationRow>("From,To,Sent At,Message,Direction, message \n")),
            "f.csv:1: column \"message\" appears twice in the header");
  // A trailing comma (an empty name) is no column.
  EXPECT_EQ((error_of<InvitationsReader, InvitationRow>("From,To,Sent At,Message,Direction,,\n")), "");
}

TEST(InvitationsCsv, AHugeHeaderIsRefusedWithAShortMessage)
{
  // 1,000 columns of 100 bytes: refused before it is copied, quoting its start only.
  std::string wide;
  for (int i = 0; i < 1000; ++i) wide += (i ? "," : "") + std::string(100, 'c');
  const std::string error = error_of<InvitationsReader, InvitationRow>(wide + "\n");
  EXPECT_EQ(error.rfind("f.csv:1: header line longer than 65536 bytes (1000 columns, starting \"ccc", 0), 0u) << error;
  EXPECT_LT(error.size(), 200u);
  // A header within the limit but without the columns lists a few of them.
  std::string many;
  for (int i = 0; i < 500; ++i) many += (i ? "," : "") + std::string("col") + std::to_string(i);
  EXPECT_EQ((error_of<InvitationsReader, InvitationRow>(many + "\n")),
            "f.csv:1: missing column \"From\" (the header has: col0, col1, col2, col3, col4, col5, col6, col7, col8, "
            "col9, col10, col11, col12, col13, col14, col15, … (500 columns))");
}

TEST(ConnectionsCsv, PreambleDateFormatsAndHiddenRows)
{
  std::vector<ConnectionRow> rows; // only the value fields are read after the loop
  const auto n = for_rows<ConnectionsReader, ConnectionRow>(
      "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n"
      "\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
      "Ana,Gómez,https://www.linkedin.com/in/ana,,Acme,CTO,09 Sep 2022\n"
      "Luis,Pérez,,,,,9-Sep-22\n"
      "Eva,Ruiz,,,,,\"1/8/18, 6:14 PM\"\n"
      ",,,,,,02 Jan 2024\n",
      [&](const ConnectionRow& r, std::size_t i) {
        if (i == 0) {
          EXPECT_EQ(r.first_name, "Ana");
        }
        ConnectionRow copy = r;
        copy.first_name = copy.last_name = copy.url = copy.email = copy.company = copy.position = {};
        rows.push_back(copy);
      });
  ASSERT_EQ(n, 4u);
  EXPECT_EQ(rows[0].connected_on, (datetime::CivilTime{2022, 9, 9, 0, 0, 0}));
  EXPECT_FALSE(rows[0].connected_at);
  EXPECT_EQ(rows[1].connected_on, (datetime::CivilTime{2022, 9, 9, 0, 0, 0}));
  ASSERT_TRUE(rows[2].connected_at);
  EXPECT_EQ(datetime::format_iso(*rows[2].connected_at), "2018-01-09T02:14:00Z");
  EXPECT_TRUE(rows[3].hidden);
  EXPECT_FALSE(rows[0].hidden);
  EXPECT_EQ(rows[0].line, 5u);
}

TEST(MessagesCsv, LegacyAndModernLayouts)
{
  const auto n =
      for_rows<MessagesReader, MessageRow>("From,To,Date,Subject,Content,Direction,Folder\n"
                                           "Ana,Me,\"10/16/18, 8:36 AM\",Hi,\"I&rsquo;d like\",INCOMING,INBOX\n",
                                           [](const MessageRow& r, auto) {
                                             EXPECT_EQ(r.content, "I&rsquo;d like") << "stored as written";
                                             EXPECT_EQ(datetime::format_iso(r.sent_at), "2018-10-16T15:36:00Z");
                                             ASSERT_TRUE(r.direction);
                                             EXPECT_EQ(*r.direction, Direction::incoming);
                                           });
  EXPECT_EQ(n, 1u);
  const auto m = for_rows<MessagesReader, MessageRow>(
      "\"CONVERSATION ID\",\"CONVERSATION TITLE\",\"FROM\",\"SENDER PROFILE URL\",\"TO\",\"RECIPIENT PROFILE URLS\","
      "\"DATE\",\"SUBJECT\",\"CONTENT\",\"FOLDER\",\"IS MESSAGE DRAFT\",\"IS CONVERSATION DRAFT\"\r\n"
      "\"2-abc==\",\"\",\"Me\",\"https://www.linkedin.com/in/me\",\"Ana\",\"https://www.linkedin.com/in/ana\","
      "\"2024-01-02 18:04:45 UTC\",\"\",\"Hola Ana,\r\n\"\"gracias\"\"\",\"INBOX\",\"Yes\",\"No\"\r\n",
      [](const MessageRow& r, auto) {
        EXPECT_EQ(r.content, "Hola Ana,\r\n\"gracias\"") << "CRLF inside a field is kept as written";
        EXPECT_TRUE(r.draft);
        EXPECT_FALSE(r.direction);
        EXPECT_EQ(datetime::format_iso(r.sent_at), "2024-01-02T18:04:45Z");
      });
  EXPECT_EQ(m, 1u);
}

TEST(MessagesCsv, BadDateIsAnError)
{
  EXPECT_EQ((error_of<MessagesReader, MessageRow>(
                "CONVERSATION ID,FROM,TO,DATE,CONTENT\nc,A,B,2024-02-30 10:00:00 UTC,hi\n")),
            "f.csv:2: impossible or unrecognised date in \"DATE\" (\"2024-02-30 10:00:00 UTC\")");
}

TEST(ExportFiles, TheArchivesNameSaysWhenItWasMade)
{
  EXPECT_EQ(export_made_by("../Downloads/Basic_LinkedInDataExport_12-06-2026.zip:Invitations.csv"),
            datetime::parse_iso("2026-12-07T00:00:00Z")); // the end of that day
  EXPECT_EQ(export_made_by("x/Complete_LinkedInDataExport_11-04-2018/Connections.csv"),
            datetime::parse_iso("2018-11-05T00:00:00Z"));
  EXPECT_EQ(export_made_by("Basic_LinkedInDataExport_13-06-2026.zip"), std::nullopt); // no 13th month
  EXPECT_EQ(export_made_by("Basic_LinkedInDataExport_1-6-2026.zip"), std::nullopt);
  EXPECT_EQ(export_made_by("export/Invitations.csv"), std::nullopt);
}

TEST(ExportDates, LaterThanTheExportIsAnError)
{
  const auto made_by = *datetime::parse_iso("2026-11-20T12:00:00Z");
  // A two-digit year is 20YY: 1/2/99 is 2099, after any export.
  EXPECT_EQ((error_of<InvitationsReader, InvitationRow>("From,To,Sent At,Message,Direction\nA,Me,\"11/2/26, 9:00 "
                                                        "AM\",,INCOMING\nB,Me,\"1/2/99, 9:00 AM\",,INCOMING\n",
                                                        made_by)),
            "f.csv:3: date in \"Sent At\" after the export was made (by 2026-11-20T12:00:00Z) (\"1/2/99, 9:00 AM\")");
  // Within a day of it (a zone, a date without a time) is still taken.
  EXPECT_EQ((error_of<InvitationsReader, InvitationRow>(
                "From,To,Sent At,Message,Direction\nA,Me,\"11/21/26, 3:00 AM\",,INCOMING\n", made_by)),
            "");
  EXPECT_EQ((error_of<ConnectionsReader, ConnectionRow>(
                "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,,,,,21 Nov 2026\n"
                "C,D,,,,,02 Jan 2099\n",
                made_by)),
            "f.csv:3: date in \"Connected On\" after the export was made (by 2026-11-20T12:00:00Z) (\"02 Jan 2099\")");
  EXPECT_EQ((error_of<MessagesReader, MessageRow>("CONVERSATION ID,FROM,TO,DATE,CONTENT\n"
                                                  "c,A,B,2026-12-01 10:00:00 UTC,hola\n",
                                                  made_by)),
            "f.csv:2: date in \"DATE\" after the export was made (by 2026-11-20T12:00:00Z) (\"2026-12-01 10:00:00 "
            "UTC\")");
  // Without a bound (what other readers of a file do), any real date is read.
  EXPECT_EQ((error_of<MessagesReader, MessageRow>("CONVERSATION ID,FROM,TO,DATE,CONTENT\n"
                                                  "c,A,B,2099-12-01 10:00:00 UTC,hola\n")),
            "");
}
