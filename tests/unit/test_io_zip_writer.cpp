#include <motivo/io/zip_writer.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct WriterDir {
  fs::path path;
  WriterDir()
  {
    std::string pattern = (fs::temp_directory_path() / "motivo-writer-test-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~WriterDir() { fs::remove_all(path); }
  WriterDir(const WriterDir&) = delete;
  WriterDir& operator=(const WriterDir&) = delete;
};

std::string file_contents(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

unsigned file_mode(const fs::path& path)
{
  struct stat st {};
  ::lstat(path.c_str(), &st);
  return st.st_mode & 07777u;
}

} // namespace

TEST(ZipWriter, APlantedPartSymlinkIsNeverFollowed)
{
  WriterDir dir;
  const fs::path victim = dir.path / "someone-elses.txt";
  std::ofstream(victim) << "theirs";
  ::chmod(victim.c_str(), 0644);
  const fs::path out = dir.path / "report.html";
  fs::create_symlink(victim, dir.path / "report.html.part");
  motivo::io::write_private_file(out.string(), "personal data");
  EXPECT_EQ(file_contents(victim), "theirs");
  EXPECT_EQ(file_mode(victim), 0644u);
  EXPECT_EQ(file_contents(out), "personal data");
  EXPECT_EQ(file_mode(out), 0600u);
  EXPECT_FALSE(fs::is_symlink(out));

  const fs::path zip = dir.path / "export.zip";
  fs::create_symlink(victim, dir.path / "export.zip.part");
  motivo::io::write_zip(zip.string(), {{"a.csv", "x\n"}});
  EXPECT_EQ(file_contents(victim), "theirs");
  EXPECT_EQ(file_mode(zip), 0600u);
  EXPECT_EQ(file_contents(zip).substr(0, 4), std::string("PK\x03\x04", 4));
}

TEST(ZipWriter, ASymlinkAtTheTargetIsReplacedNotFollowed)
{
  WriterDir dir;
  const fs::path victim = dir.path / "someone-elses.txt";
  std::ofstream(victim) << "theirs";
  const fs::path out = dir.path / "backup.json";
  fs::create_symlink(victim, out);
  motivo::io::write_private_file(out.string(), "{}");
  EXPECT_EQ(file_contents(victim), "theirs");
  EXPECT_FALSE(fs::is_symlink(out));
  EXPECT_EQ(file_contents(out), "{}");
  // Nothing is left beside it.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path)) ++files;
  EXPECT_EQ(files, 2u);
}

TEST(ZipWriter, AFolderThatCannotBeWrittenIsAnError)
{
  EXPECT_THROW(motivo::io::write_private_file("/nonexistent-folder/out.html", "x"), std::runtime_error);
}
