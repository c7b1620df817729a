#include <motivo/app/classify_jsonl.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/app/jsonl.hpp>
#include <motivo/core/error.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace app = motivo::app;
namespace classify = motivo::classify;

namespace {

const classify::Classifier& classifier()
{
  static const classify::Classifier c;
  return c;
}

// 3,000 notes: the synthetic set cycled, each text from several senders (campaigns across chunks), and lines
// without an id, blank lines and CRLF ends among them.
std::string batch()
{
  std::ifstream in(std::string(MOTIVO_TEST_DATA) + "/classify/synthetic.jsonl");
  std::vector<std::string> texts;
  for (std::string line; std::getline(in, line);) texts.push_back(nlohmann::json::parse(line)["text"]);
  std::string out;
  for (int i = 0; i < 3000; ++i) {
    nlohmann::json note = {{"text", texts[static_cast<std::size_t>(i) % texts.size()]},
                           {"sender", "Sender " + std::to_string(i % 89)},
                           {"recipient", "Owner " + std::to_string(i % 3)}};
    if (i % 17 != 0) note["id"] = i;
    out += note.dump() + (i % 29 == 0 ? "\r\n" : "\n");
    if (i % 101 == 0) out += "\n";
  }
  return out;
}

// What classify --jsonl wrote before it read in chunks: one classify_batch over every note.
std::string in_one_batch(const std::string& data)
{
  const app::JsonlNotes notes = app::read_jsonl_notes(data, "<stdin>", false);
  std::string out;
  classifier().classify_batch(
      notes.notes, [&](std::size_t i, classify::Result&& r) { app::append_classification_line(out, notes.ids[i], r); });
  return out;
}

// classify_jsonl over `data`, read at most `read_size` bytes at a time (a pipe gives what it has).
std::string in_chunks(const std::string& data, const app::JsonlBatchSettings& settings, std::size_t read_size)
{
  std::size_t at = 0;
  std::string out;
  app::classify_jsonl(
      classifier(),
      [&](char* buffer, std::size_t size) {
        const std::size_t n = std::min({size, read_size, data.size() - at});
        std::copy_n(data.data() + at, n, buffer);
        at += n;
        return n;
      },
      "<stdin>", [&](std::string_view bytes) { out += bytes; }, settings);
  return out;
}

std::filesystem::path spool_folder()
{
  const auto folder = std::filesystem::path(testing::TempDir()) / "motivo-classify-jsonl";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

} // namespace

// Issue 23: the notes read a chunk at a time, and what they leave for the end kept in memory or in a temporary file,
// give the bytes of one batch: the same labels, reasons, confidences, campaigns (named across chunks) and ids.
TEST(ClassifyJsonl, ChunksAndTheTemporaryFileGiveTheOutputOfOneBatch)
{
  const std::string data = batch();
  const std::string expected = in_one_batch(data);
  ASSERT_NE(expected.find("mass campaign"), std::string::npos);
  const std::filesystem::path folder = spool_folder();
  struct Case {
    std::size_t chunk_bytes, keep_bytes, read_size;
  };
  for (const Case c : {Case{4 << 20, 32 << 20, 1 << 20}, Case{4096, 32 << 20, 1 << 20}, Case{4096, 0, 1 << 20},
                       Case{1, 0, 1 << 20}, Case{50'000, 100'000, 7}, Case{1 << 20, 0, 3}}) {
    SCOPED_TRACE(testing::Message() << "chunks of " << c.chunk_bytes << " bytes, " << c.keep_bytes
                                    << " kept in memory, read " << c.read_size << " at a time");
    app::JsonlBatchSettings settings;
    settings.chunk_bytes = c.chunk_bytes;
    settings.keep_bytes = c.keep_bytes;
    settings.spool_folder = folder.string();
    EXPECT_EQ(in_chunks(data, settings, c.read_size), expected);
    EXPECT_TRUE(std::filesystem::is_empty(folder)) << "the temporary file leaves nothing behind";
  }
  // No newline at the end, and nothing at all.
  const std::string cut = data.substr(0, data.size() - 1);
  app::JsonlBatchSettings small;
  small.chunk_bytes = 1000;
  small.keep_bytes = 0;
  small.spool_folder = folder.string();
  EXPECT_EQ(in_chunks(cut, small, 1 << 20), in_one_batch(cut));
  EXPECT_EQ(in_chunks("", small, 1 << 20), "");
}

// A bad line in a later chunk names its line in the whole input, and nothing is written.
TEST(ClassifyJsonl, ABadLineInALaterChunkNamesItsLineAndWritesNothing)
{
  std::string data = batch();
  const auto lines = static_cast<std::size_t>(std::count(data.begin(), data.end(), '\n'));
  data += "{\"id\": \"x\", \"text\": 5}\n" + batch();
  app::JsonlBatchSettings settings;
  settings.chunk_bytes = 4096;
  settings.keep_bytes = 0;
  settings.spool_folder = spool_folder().string();
  std::string out;
  try {
    out = in_chunks(data, settings, 1 << 20);
    ADD_FAILURE() << "no error";
  } catch (const motivo::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("<stdin>:" + std::to_string(lines + 1) + ": no string \"text\""),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(out, "");
}

// The folder of the temporary file is named when it cannot be used.
TEST(ClassifyJsonl, AFolderThatCannotHoldTheTemporaryFileIsNamed)
{
  app::JsonlBatchSettings settings;
  settings.chunk_bytes = 4096;
  settings.keep_bytes = 0;
  settings.spool_folder = (spool_folder() / "missing").string();
  try {
    in_chunks(batch(), settings, 1 << 20);
    ADD_FAILURE() << "no error";
  } catch (const motivo::Error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot use a temporary file in " + settings.spool_folder), std::string::npos)
        << e.what();
  }
}
