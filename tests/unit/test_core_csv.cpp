#include <motivo/core/csv.hpp>
#include <motivo/core/error.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using motivo::InputError;
using motivo::MemorySource;
using motivo::csv::Reader;
using motivo::csv::Record;

namespace {

struct Parsed {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint64_t> lines;
};

// A source that hands out one byte at a time: every state of the reader meets a buffer boundary.
class TrickleSource : public motivo::ByteSource {
public:
  explicit TrickleSource(std::string data) : data_(std::move(data)) {}
  std::size_t read(char* buffer, std::size_t size) override
  {
    if (pos_ == data_.size() || size == 0) return 0;
    buffer[0] = data_[pos_++];
    return 1;
  }

private:
  std::string data_;
  std::size_t pos_ = 0;
};

Parsed parse_with(motivo::ByteSource& source)
{
  Reader reader(source, "t.csv");
  Record r;
  Parsed p;
  while (reader.next(r)) {
    p.rows.emplace_back(r.fields.begin(), r.fields.end());
    p.lines.push_back(r.line);
  }
  return p;
}

Parsed parse(const std::string& text)
{
  MemorySource source(text);
  Parsed p = parse_with(source);
  TrickleSource trickle(text);
  const Parsed q = parse_with(trickle);
  EXPECT_EQ(p.rows, q.rows) << "byte-at-a-time reading must give the same records";
  EXPECT_EQ(p.lines, q.lines);
  return p;
}

std::string error_of(const std::string& text)
{
  try {
    parse(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST(Csv, PlainFieldsAndLineEnds)
{
  const auto p = parse("a,b,c\n1,2,3\r\n4,5,6\r7,8,9");
  ASSERT_EQ(p.rows.size(), 4u);
  EXPECT_EQ(p.rows[1], (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(p.rows[3], (std::vector<std::string>{"7", "8", "9"}));
  EXPECT_EQ(p.lines, (std::vector<std::uint64_t>{1, 2, 3, 4}));
}

TEST(Csv, QuotedFieldsWithCommasNewlinesAndDoubledQuotes)
{
  const auto p = parse("From,Message\n\"Ana\",\"Hola, \"\"tú\"\"\nsegunda línea\r\ntercera\"\nBea,x\n");
  ASSERT_EQ(p.rows.size(), 3u);
  EXPECT_EQ(p.rows[1][1], "Hola, \"tú\"\nsegunda línea\r\ntercera");
  EXPECT_EQ(p.lines[2], 5u) << "line numbers count the newlines inside quoted fields";
}

TEST(Csv, EmptyFieldsAndTrailingComma)
{
  const auto p = parse("a,,\"\",\n");
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0], (std::vector<std::string>{"a", "", "", ""}));
}

TEST(Csv, BomAndBlankLinesAreSkipped)
{
  const auto p = parse("\xEF\xBB\xBFNotes:\n\"para\"\n\n\nFirst Name,Last Name\n");
  ASSERT_EQ(p.rows.size(), 3u);
  EXPECT_EQ(p.rows[0][0], "Notes:");
  EXPECT_EQ(p.rows[2][0], "First Name");
  EXPECT_EQ(p.lines[2], 5u);
}

TEST(Csv, QuotedEmptyLineIsARecord)
{
  const auto p = parse("\"\"\n");
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0], (std::vector<std::string>{""}));
}

TEST(Csv, UnterminatedQuoteNamesTheLineWhereTheRecordStarts)
{
  EXPECT_EQ(error_of("a,b\n1,\"open\nmore\n"), "t.csv:2: unterminated quoted field");
}

TEST(Csv, TextAfterClosingQuoteIsAnError)
{
  EXPECT_EQ(error_of("a\n\"x\"y,1\n"), "t.csv:2: unexpected character after a closing quote (\"y,1\\n\")");
}

TEST(Csv, Utf16IsNamedNotCalledBinary)
{
  // Windows' "Unicode text" and spreadsheets' UTF-16 exports: with a byte order mark in either order, or without.
  EXPECT_EQ(error_of(std::string("\xFF\xFE"
                                 "a\0,\0b\0\n\0",
                                 10)),
            "t.csv:1: UTF-16 text: save as UTF-8");
  EXPECT_EQ(error_of(std::string("\xFE\xFF\0a\0,\0b\0\n", 10)), "t.csv:1: UTF-16 text: save as UTF-8");
  EXPECT_EQ(error_of(std::string("F\0r\0o\0m\0\n\0", 10)), "t.csv:1: UTF-16 text: save as UTF-8");
  EXPECT_EQ(error_of(std::string("\0F\0r\0o\0m\0\n", 10)), "t.csv:1: UTF-16 text: save as UTF-8");
}

TEST(Csv, BinaryAndInvalidUtf8AreRejected)
{
  EXPECT_EQ(error_of(std::string("a,b\n1,\0\n", 8)), "t.csv:2: binary data (a NUL byte): this is not a CSV text file");
  EXPECT_EQ(error_of("a\nok\n\"x\ny\xff\"\n"), "t.csv:4: invalid UTF-8 (byte 0xff); save the file as UTF-8");
  EXPECT_EQ(error_of("caf\xc3\n"), "t.csv:1: invalid UTF-8 (byte 0xc3); save the file as UTF-8");
}

TEST(Csv, RecordSizeIsBounded)
{
  const std::string text = "\"" + std::string(5000, 'x') + "\"\n"; // MemorySource views it: it must outlive it
  MemorySource source(text);
  Reader reader(source, "big.csv", {.max_record_bytes = 1000});
  Record r;
  EXPECT_THROW(reader.next(r), InputError);
}

TEST(Csv, FieldsPerRecordAreBounded)
{
  // The comma bomb: empty fields cost memory but no byte of the record, so the byte limit alone never stopped it.
  EXPECT_EQ(error_of("a,b\nx" + std::string(1 << 20, ',') + "\n"),
            "t.csv:2: more than 1024 fields in one record (starting \"x\")");
  EXPECT_EQ(parse(std::string(1023, ',') + "\n").rows.at(0).size(), 1024u); // the limit itself is allowed
  const std::string text = "1,2,3,4\n";
  MemorySource source(text);
  Reader reader(source, "narrow.csv", {.max_fields = 3});
  Record r;
  EXPECT_THROW(reader.next(r), InputError);
}

TEST(Csv, ManyBlankLinesAreSkippedWithTheirLineNumbers)
{
  const auto p = parse(std::string(100000, '\n') + "\r\n\r\r\na\n\n\r\nb\r\n" + std::string(1000, '\r') + "c");
  ASSERT_EQ(p.rows.size(), 3u);
  EXPECT_EQ(p.lines, (std::vector<std::uint64_t>{100004, 100007, 101008}));
}

TEST(Csv, EmptyInputHasNoRecords)
{
  EXPECT_TRUE(parse("").rows.empty());
  EXPECT_TRUE(parse("\n\r\n").rows.empty());
}

TEST(CsvWriter, FormulaLikeCellsAreNeutralised)
{
  using motivo::csv::field;
  // OWASP's list: a spreadsheet runs a cell beginning with =, +, -, @, a tab or a CR.
  EXPECT_EQ(field("=HYPERLINK(\"http://evil.test\",\"click\")"),
            "\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"click\"\")\"");
  EXPECT_EQ(field("+1-2"), "'+1-2");
  EXPECT_EQ(field("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
  EXPECT_EQ(field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(field("\t=1"), "'\t=1");
  EXPECT_EQ(field("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(field("+34 600 000 000"), "'+34 600 000 000");
  // Plain numbers stay numbers; other text is as it was.
  EXPECT_EQ(field("-3"), "-3");
  EXPECT_EQ(field("+1.5"), "+1.5");
  EXPECT_EQ(field("42"), "42");
  EXPECT_EQ(field("-"), "-"); // LinkedIn's placeholder for an empty last name: text to a spreadsheet
  EXPECT_EQ(field("+"), "+");
  EXPECT_EQ(field("="), "'=");
  EXPECT_EQ(field("- Analista"), "'- Analista");
  EXPECT_EQ(field("-.5"), "'-.5");
  EXPECT_EQ(field("Ana, \"la jefa\""), "\"Ana, \"\"la jefa\"\"\"");
  EXPECT_EQ(field("a=b"), "a=b");
  EXPECT_EQ(field(""), "");
  EXPECT_EQ(motivo::csv::row({"period", "=1", "-4", ""}), "period,'=1,-4,\n");
}
