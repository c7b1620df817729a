#include <motivo/core/byte_source.hpp>
#include <motivo/core/mail/mbox.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using namespace motivo;

namespace {

// A source that hands out at most `step` bytes a read: lines and "From " cut across reads.
class Trickle : public ByteSource {
public:
  Trickle(std::string data, std::size_t step) : data_(std::move(data)), step_(step) {}
  std::size_t read(char* buffer, std::size_t size) override
  {
    const std::size_t n = std::min({size, step_, data_.size() - at_});
    data_.copy(buffer, n, at_);
    at_ += n;
    return n;
  }

private:
  std::string data_;
  std::size_t step_, at_ = 0;
};

struct Split {
  std::vector<std::pair<std::string, std::uint64_t>> messages; // the bytes kept and the size
  bool text_before = false;
};

Split split(const std::string& mbox, std::size_t keep = 1 << 20, std::size_t step = 1 << 20)
{
  Trickle source(mbox, step);
  mail::MboxReader reader(source, keep);
  Split out;
  std::string head;
  std::uint64_t size = 0;
  while (reader.next(head, size)) out.messages.emplace_back(head, size);
  out.text_before = reader.text_before_first();
  return out;
}

const std::string one = "From: a@example.org\nSubject: one\n\nFirst body\n";
const std::string two = "From: b@example.org\r\nSubject: two\r\n\r\nSecond body\r\n";

} // namespace

TEST(Mbox, SplitsAtFromLines)
{
  for (std::size_t step : {std::size_t{1}, std::size_t{3}, std::size_t{1} << 20}) {
    const Split s = split("From a@example.org Sat Apr  9 17:42:03 2016\n" + one + "\nFrom b Sun Apr 10 2016\r\n" + two,
                          1 << 20, step);
    ASSERT_EQ(s.messages.size(), 2u) << step;
    EXPECT_EQ(s.messages[0].first, one + "\n");
    EXPECT_EQ(s.messages[0].second, one.size() + 1);
    EXPECT_EQ(s.messages[1].first, two);
    EXPECT_FALSE(s.text_before);
  }
}

// "From" not followed by a space, or not at the start of a line, is the message's own text.
TEST(Mbox, OnlyFromAndASpaceAtALineStartSeparates)
{
  const std::string body = "From: x\n\nFromage\n From here\nnot From x\n";
  const Split s = split("From x\n" + body);
  ASSERT_EQ(s.messages.size(), 1u);
  EXPECT_EQ(s.messages[0].first, body);
}

// Issue 20: a message keeps only its first `keep` bytes, whatever its size, and its size is counted whole: a line
// of 100 MiB costs the bytes kept.
TEST(Mbox, KeepsTheStartOfAHugeMessage)
{
  const std::string header = "X-Huge: " + std::string(3 << 20, 'a') + "\n";
  const Split s = split("From x\n" + one + "From y\n" + header + "\n" + "From z\n" + two, 1000, 4096);
  ASSERT_EQ(s.messages.size(), 3u);
  EXPECT_EQ(s.messages[0].first, one);
  EXPECT_EQ(s.messages[1].first, header.substr(0, 1000));
  EXPECT_EQ(s.messages[1].second, header.size() + 1);
  EXPECT_EQ(s.messages[2].first, two);
}

TEST(Mbox, AHugeFromLineIsSkipped)
{
  const Split s = split("From " + std::string(5 << 20, 'x') + "\n" + one, 1000, 4096);
  ASSERT_EQ(s.messages.size(), 1u);
  EXPECT_EQ(s.messages[0].first, one);
}

// mboxrd: ">From " lines lose one '>'; other lines starting with '>' stay as written.
TEST(Mbox, QuotedFromLinesAreUnquoted)
{
  const Split s = split("From x\nSubject: s\n\n>From the fair\n>>From here\n> From quoted\n>Fromage\nFrom y\n\n");
  ASSERT_EQ(s.messages.size(), 2u);
  EXPECT_EQ(s.messages[0].first, "Subject: s\n\nFrom the fair\n>From here\n> From quoted\n>Fromage\n");
  std::string last = ">From a\n>>>From b";
  mail::unquote_from_lines(last);
  EXPECT_EQ(last, "From a\n>>From b");
}

TEST(Mbox, TextBeforeTheFirstFromLine)
{
  EXPECT_TRUE(split("").messages.empty());
  EXPECT_FALSE(split("").text_before);
  EXPECT_FALSE(split("\n\r\n  \n").text_before);
  const Split junk = split("Subject: not an mbox\n\nhello\n");
  EXPECT_TRUE(junk.messages.empty());
  EXPECT_TRUE(junk.text_before);
  // GMime skips what comes before the first "From " line, and so does the reader.
  const Split late = split("junk\nFrom x\n" + one);
  ASSERT_EQ(late.messages.size(), 1u);
  EXPECT_EQ(late.messages[0].first, one);
  EXPECT_TRUE(late.text_before);
}

TEST(Mbox, AnEmptyMessageAndNoFinalNewline)
{
  const Split s = split("From x\nFrom y\nSubject: last");
  ASSERT_EQ(s.messages.size(), 2u);
  EXPECT_EQ(s.messages[0].first, "");
  EXPECT_EQ(s.messages[0].second, 0u);
  EXPECT_EQ(s.messages[1].first, "Subject: last");
}
