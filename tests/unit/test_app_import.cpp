#include <motivo/app/import.hpp>
#include <motivo/core/error.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/store/store.hpp>

#include "../reference_counts.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace motivo;
using motivo::reference::expected_counts;

namespace {

// A fresh folder under the system's temporary directory, removed afterwards.
struct TempDir {
  fs::path path;
  TempDir()
  {
    path = fs::temp_directory_path() / ("motivo-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  static int& counter()
  {
    static int n = 0;
    return n;
  }
  fs::path write(const std::string& name, const std::string& text) const
  {
    const fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
};

app::ImportReport import_paths(store::Store& store, const std::vector<std::string>& paths, std::int64_t now = 1700000000)
{
  const auto inputs = io::collect_inputs(paths);
  return app::import_snapshot(store, inputs, paths.front(), {now, nullptr});
}

bool have_shared_exports()
{
  return fs::is_directory(MOTIVO_SHARED_EXPORTS);
}

// A digest of every row of every table, to prove a failed import changed nothing.
std::string dump(const fs::path& db_path)
{
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  std::string out;
  for (const char* table : {"people", "imports", "invitations", "messages", "connections"}) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, (std::string("SELECT * FROM ") + table + " ORDER BY rowid").c_str(), -1, &s, nullptr);
    while (sqlite3_step(s) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(s); ++i) {
        const auto* t = sqlite3_column_blob(s, i);
        out.append(t ? static_cast<const char*>(t) : "", static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
        out += '\x1f';
      }
      out += '\n';
    }
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return out;
}

} // namespace

// Reference counts, re-imports and snapshot outcomes: tests/store/test_conformance.cpp, on both backends.

TEST(ImportRealExports, OwnersAreRecognised)
{
  if (!have_shared_exports()) GTEST_SKIP() << "no " << MOTIVO_SHARED_EXPORTS;
  for (const auto& [folder, expected] : expected_counts()) {
    TempDir dir;
    auto store = store::open_sqlite((dir.path / "m.db").string());
    const auto report = import_paths(*store, {std::string(MOTIVO_SHARED_EXPORTS) + "/" + folder});
    EXPECT_FALSE(report.owner.empty()) << folder;
    EXPECT_EQ(report.owner_disagreements, 0u) << folder;
  }
}

TEST(ImportAtomicity, ABadLineLeavesTheDatabaseAsItWas)
{
  TempDir dir;
  const auto db = dir.path / "m.db";
  auto store = store::open_sqlite(db.string());
  const std::string header = "From,To,Sent At,Message,Direction\n";
  import_paths(*store, {dir.write("ok/Invitations.csv", header + "Ana,Me,\"1/2/24, 9:00 AM\",,INCOMING\n").string()});
  const std::string before = dump(db);
  // Good rows first, then an impossible date on line 4, in a second file after a good one.
  dir.write("bad/Invitations.csv", header + "Bea,Me,\"1/3/24, 9:00 AM\",,INCOMING\nCai,Me,\"1/4/24, 9:00 AM\",,INCOMING\n"
                                            "Dan,Me,\"2/31/24, 9:00 AM\",,INCOMING\n");
  dir.write("bad/messages.csv", "CONVERSATION ID,FROM,TO,DATE,CONTENT\nc1,Ana,Me,2024-01-05 10:00:00 UTC,hi\n");
  try {
    import_paths(*store, {(dir.path / "bad").string()});
    FAIL() << "the import should have stopped";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("Invitations.csv:4: impossible or unrecognised date"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(dump(db), before);
  EXPECT_EQ(store->counts().imports, 1);
}

TEST(ImportInputs, ZipFolderAndSingleFilesGiveTheSameData)
{
  TempDir dir;
  const std::string inv = "From,To,Sent At,Message,Direction\nAna,Me,\"1/2/24, 9:00 AM\",Hola,INCOMING\n"
                          "Me,Bea,\"1/3/24, 9:00 AM\",,OUTGOING\n";
  const auto folder = dir.path / "export";
  dir.write("export/Invitations.csv", inv);
  dir.write("export/Profile.csv", "First Name\nMe\n");
  dir.write("export/coach_messages.csv", "x\n");
  auto a = store::open_sqlite((dir.path / "a.db").string());
  const auto report = import_paths(*a, {folder.string()});
  int skipped = 0;
  for (const auto& f : report.files) skipped += f.kind == "skipped";
  EXPECT_EQ(skipped, 2);
  auto b = store::open_sqlite((dir.path / "b.db").string());
  import_paths(*b, {(folder / "Invitations.csv").string()});
  EXPECT_EQ(a->counts().incoming, 1);
  EXPECT_EQ(b->counts().incoming, 1);
  EXPECT_EQ(b->counts().outgoing, 1);
}

TEST(ImportInputs, NothingUsableIsAnError)
{
  TempDir dir;
  auto store = store::open_sqlite((dir.path / "m.db").string());
  dir.write("x/Profile.csv", "a\n1\n");
  EXPECT_THROW(import_paths(*store, {(dir.path / "x").string()}), InputError);
  EXPECT_THROW(import_paths(*store, {(dir.path / "missing").string()}), InputError);
}
