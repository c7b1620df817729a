#include <motivo/core/error.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/io/zip_archive.hpp>
#include <motivo/io/zip_writer.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using motivo::InputError;

namespace {

struct ArchiveDir {
  fs::path path;
  ArchiveDir()
  {
    std::string pattern = (fs::temp_directory_path() / "motivo-zip-test-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~ArchiveDir() { fs::remove_all(path); }
  ArchiveDir(const ArchiveDir&) = delete;
  ArchiveDir& operator=(const ArchiveDir&) = delete;
};

// Reads a member to its end; returns the bytes read, or the error's text.
std::string read_all(const motivo::io::InputFile& file)
{
  try {
    auto source = file.open();
    std::string buffer(1 << 16, '\0');
    std::uint64_t total = 0;
    while (const std::size_t n = source->read(buffer.data(), buffer.size())) total += n;
    return std::to_string(total);
  } catch (const InputError& e) {
    return e.what();
  }
}

} // namespace

TEST(ZipArchive, AMemberOfBlankLinesIsStoppedAndNamed)
{
  // The newline bomb: 64 MiB of blank lines deflate to about 64 KiB (a ratio near 1,000).
  ArchiveDir dir;
  const std::string zip = (dir.path / "export.zip").string();
  const std::string header = "From,To,Sent At,Message,Direction\n";
  motivo::io::write_zip(zip, {{"Invitations.csv", header + std::string(64u << 20, '\n')},
                              {"Connections.csv", "First Name,Last Name,Connected On\nAna,Ruiz,01 Jan 2024\n"}});
  const auto files = motivo::io::collect_inputs({zip});
  ASSERT_EQ(files.size(), 2u);
  const std::string error = read_all(files[0]);
  EXPECT_NE(error.find(zip + ":Invitations.csv"), std::string::npos) << error;
  EXPECT_NE(error.find("unpacks to more than 16777216 bytes"), std::string::npos) << error;
  EXPECT_EQ(read_all(files[1]), "55"); // an ordinary member reads whole
}

TEST(ZipArchive, RatioAndSizeLimitsApplyPerMember)
{
  ArchiveDir dir;
  const std::string zip = (dir.path / "export.zip").string();
  std::string text; // ordinary CSV text: a low ratio
  for (int i = 0; text.size() < (1u << 20); ++i) text += "Person " + std::to_string(i * 7919 % 100003) + ",x\n";
  motivo::io::write_zip(zip, {{"messages.csv", text}});
  EXPECT_EQ(read_all(motivo::io::zip_entries(zip).at(0)), std::to_string(text.size()));
  EXPECT_NE(
      read_all(motivo::io::zip_entries(zip, {.max_ratio = 100, .ratio_allowance = 0, .max_member_bytes = 1000}).at(0))
          .find("more than 1000 bytes"),
      std::string::npos);
  EXPECT_NE(read_all(motivo::io::zip_entries(zip, {.max_ratio = 1, .ratio_allowance = 0}).at(0)).find("more than"),
            std::string::npos);
}

TEST(ZipArchive, OneFileTwiceInOneExportIsRefusedNamingBoth)
{
  // Two Invitations.csv in two folders would be merged into one import without a word.
  ArchiveDir dir;
  const std::string zip = (dir.path / "export.zip").string();
  const std::string header = "From,To,Sent At,Message,Direction\n";
  motivo::io::write_zip(zip, {{"Basic_LinkedInDataExport/Invitations.csv", header},
                              {"Complete_LinkedInDataExport/invitations.csv", header},
                              {"a/Profile.csv", "x\n"},
                              {"b/Profile.csv", "x\n"}});
  try {
    motivo::io::collect_inputs({zip});
    ADD_FAILURE() << "two Invitations.csv accepted";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), (zip + ": two files of one kind in one export: "
                                  "\"Basic_LinkedInDataExport/Invitations.csv\" and "
                                  "\"Complete_LinkedInDataExport/invitations.csv\"; keep one of them")
                               .c_str());
  }
  // The same in an unpacked folder; files motivo does not read may recur.
  fs::create_directories(dir.path / "unpacked/a");
  fs::create_directories(dir.path / "unpacked/b");
  for (const char* folder : {"a", "b"}) {
    std::ofstream(dir.path / "unpacked" / folder / "messages.csv") << "x\n";
    std::ofstream(dir.path / "unpacked" / folder / "Profile.csv") << "x\n";
  }
  EXPECT_THROW(motivo::io::collect_inputs({(dir.path / "unpacked").string()}), InputError);
  fs::remove_all(dir.path / "unpacked/b");
  EXPECT_EQ(motivo::io::collect_inputs({(dir.path / "unpacked").string()}).size(), 2u);
}
