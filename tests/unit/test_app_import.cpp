#include <motivo/app/import.hpp>
#include <motivo/core/error.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/store/store.hpp>

#include "../reference_counts.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace fs = std::filesystem;
using namespace motivo;
using motivo::reference::expect_counts;
using motivo::reference::expected_counts;
using motivo::reference::Expected;

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

TEST(ImportRealExports, EachFolderGivesTheReferenceCounts)
{
  if (!have_shared_exports()) GTEST_SKIP() << "no " << MOTIVO_SHARED_EXPORTS << " (the real exports live in ../shared)";
  for (const auto& [folder, expected] : expected_counts()) {
    TempDir dir;
    auto store = store::open_sqlite((dir.path / "m.db").string());
    const std::string path = std::string(MOTIVO_SHARED_EXPORTS) + "/" + folder;
    import_paths(*store, {path});
    expect_counts(store->counts(), expected, folder);
    const auto before = dump(dir.path / "m.db");
    const auto again = import_paths(*store, {path}, 1800000000);
    for (const auto& f : again.files) EXPECT_EQ(f.added, 0u) << folder << " " << f.name;
    expect_counts(store->counts(), expected, folder + " re-imported");
    EXPECT_EQ(store->counts().imports, 2);
  }
}

TEST(ImportRealExports, AllFoldersIntoOneDatabase)
{
  if (!have_shared_exports()) GTEST_SKIP() << "no " << MOTIVO_SHARED_EXPORTS;
  TempDir dir;
  auto store = store::open_sqlite((dir.path / "m.db").string());
  for (const auto& [folder, expected] : expected_counts()) {
    import_paths(*store, {std::string(MOTIVO_SHARED_EXPORTS) + "/" + folder});
  }
  // The sums, except people: 2 names and 3 LinkedIn staff senders appear in several exports.
  expect_counts(store->counts(), motivo::reference::all_six, "all six");
}

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

TEST(ImportSnapshots, AcceptedWithdrawnAndPending)
{
  TempDir dir;
  auto store = store::open_sqlite((dir.path / "m.db").string());
  const std::string header = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
  const std::string ana = "Ana Gómez,Lucía Ortega,\"11/2/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/ana,"
                          "https://www.linkedin.com/in/lucia\n";
  const std::string bea = "Bea Ruiz,Lucía Ortega,\"11/3/26, 9:00 AM\",Hola,INCOMING,https://www.linkedin.com/in/bea,"
                          "https://www.linkedin.com/in/lucia\n";
  const std::string cai = "Cai Li,Lucía Ortega,\"11/4/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/cai,"
                          "https://www.linkedin.com/in/lucia\n";
  // Dan's older invitation is in both exports: the window each export covers reaches back to it.
  const std::string dan = "Dan Wu,Lucía Ortega,\"10/1/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/dan,"
                          "https://www.linkedin.com/in/lucia\n";
  const auto first = dir.write("one/Invitations.csv", header + cai + bea + ana + dan);
  import_paths(*store, {first.string()}, 1793000000);
  for (const auto& v : store->invitations({})) EXPECT_EQ(v.outcome, "") << v.from;

  // A week later: Ana is a connection and gone from the list, Bea is gone and not a connection, Cai waits.
  const auto second_inv = dir.write("two/Invitations.csv", header + cai + dan);
  const auto second_conn = dir.write("two/Connections.csv",
                                     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                                     "Ana,Gómez,https://www.linkedin.com/in/ana,,,,05 Nov 2026\n");
  import_paths(*store, {second_inv.string(), second_conn.string()}, 1793600000);
  std::map<std::string, store::InvitationView> by_sender;
  for (auto& v : store->invitations({})) by_sender[v.from] = v;
  EXPECT_EQ(by_sender["Ana Gómez"].outcome, "accepted");
  ASSERT_TRUE(by_sender["Ana Gómez"].outcome_at);
  EXPECT_EQ(datetime::format_date(*by_sender["Ana Gómez"].outcome_at), "2026-11-05");
  EXPECT_EQ(by_sender["Bea Ruiz"].outcome, "withdrawn");
  EXPECT_EQ(by_sender["Cai Li"].outcome, "");
  EXPECT_EQ(by_sender["Dan Wu"].outcome, "");
  EXPECT_EQ(store->counts().incoming, 4);
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
