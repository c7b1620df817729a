// Every input a fuzzer made crash, kept in tests/data/fuzz-regressions/TARGET/, replayed through the same code as
// the fuzz target (fuzz/targets.hpp); and the fuzzers' seed corpora, which must pass too.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "../../fuzz/targets.hpp"

namespace fs = std::filesystem;

namespace {

const std::string root = MOTIVO_TEST_DATA "/../..";

std::size_t replay(const std::vector<std::string>& dirs, const std::function<void(std::string_view)>& target)
{
  std::size_t n = 0;
  for (const std::string& dir : dirs) {
    const fs::path path = fs::path(root) / dir;
    if (!fs::is_directory(path)) continue;
    for (const auto& entry : fs::directory_iterator(path)) {
      if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      SCOPED_TRACE(entry.path().string());
      target(bytes.str()); // a broken promise aborts, as in the fuzzer
      ++n;
    }
  }
  return n;
}

} // namespace

TEST(FuzzRegressions, Mail)
{
  EXPECT_GT(replay({"tests/data/fuzz-regressions/mail", "tests/data/mail"}, motivo::fuzz::mail), 0u);
}

TEST(FuzzRegressions, Dma)
{
  EXPECT_GT(replay({"tests/data/fuzz-regressions/dma", "fuzz/seeds/dma"}, motivo::fuzz::dma), 0u);
}

TEST(FuzzRegressions, Csv)
{
  EXPECT_GT(replay({"tests/data/fuzz-regressions/csv", "fuzz/seeds/csv"}, motivo::fuzz::csv), 0u);
}

TEST(FuzzRegressions, Config)
{
  EXPECT_GT(replay({"tests/data/fuzz-regressions/config", "fuzz/seeds/config"}, motivo::fuzz::config), 0u);
}

TEST(FuzzRegressions, Template)
{
  EXPECT_GT(replay({"tests/data/fuzz-regressions/template", "data/templates"}, motivo::fuzz::message_template), 0u);
}

TEST(FuzzRegressions, Classify)
{
  EXPECT_GT(replay({"tests/data/fuzz-regressions/classify", "fuzz/seeds/notes"}, motivo::fuzz::classify), 0u);
}

TEST(FuzzRegressions, Jsonl)
{
  EXPECT_GT(replay({"tests/data/fuzz-regressions/jsonl", "fuzz/seeds/jsonl"}, motivo::fuzz::jsonl), 0u);
}

TEST(FuzzRegressions, Export)
{
  EXPECT_GT(replay({"tests/data/fuzz-regressions/export", "fuzz/seeds/export"}, motivo::fuzz::export_zip), 0u);
}

TEST(FuzzRegressions, CsvCounts)
{
  EXPECT_GT(replay({"tests/data/fuzz-regressions/csv_counts", "fuzz/seeds/csv"}, motivo::fuzz::csv_counts), 0u);
}

TEST(FuzzRegressions, ConfigDepth)
{
  EXPECT_GT(replay({"tests/data/fuzz-regressions/config_depth", "fuzz/seeds/config"}, motivo::fuzz::config_depth), 0u);
}

TEST(FuzzRegressions, TemplateDepth)
{
  EXPECT_GT(replay({"tests/data/fuzz-regressions/template_depth", "data/templates"}, motivo::fuzz::template_depth), 0u);
}
