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

app::ImportReport import_paths(store::Store& store, const std::vector<std::string>& paths, std::int64_t now = 1800000000)
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

// A re-import of an unchanged export reads no file, and so none of the people stored (a million of them took
// 151 MB, then the resolver's maps): only its owner, found by a question to the store. A changed file reads them.
TEST(ImportReimport, AnUnchangedExportDoesNotReadThePeople)
{
  TempDir dir;
  auto store = store::open_sqlite((dir.path / "m.db").string());
  const std::string inv = "From,To,Sent At,Message,Direction\nAna,Me,\"1/2/24, 9:00 AM\",Hola,INCOMING\n"
                          "Me,Bea,\"1/3/24, 9:00 AM\",,OUTGOING\n";
  const std::string msg = "CONVERSATION ID,FROM,TO,DATE,CONTENT\nc1,Ana,Me,2024-01-05 10:00:00 UTC,hi\n";
  dir.write("export/Invitations.csv", inv);
  dir.write("export/messages.csv", msg);
  const std::string folder = (dir.path / "export").string();
  const auto first = import_paths(*store, {folder});
  EXPECT_TRUE(first.people_read);
  EXPECT_EQ(first.people_added, 3u);
  const auto again = import_paths(*store, {folder}, 1800000100);
  EXPECT_FALSE(again.people_read) << "every file unchanged";
  EXPECT_EQ(again.owner, "Me");
  EXPECT_EQ(again.people_added, 0u);
  dir.write("export/messages.csv", msg + "c1,Me,Ana,2024-01-06 10:00:00 UTC,hola\n");
  const auto newer = import_paths(*store, {folder}, 1800000200);
  EXPECT_TRUE(newer.people_read) << "a changed file is read";
  EXPECT_EQ(newer.people_added, 0u);
  EXPECT_EQ(store->counts().imports, 3);
}

TEST(ImportInputs, NothingUsableIsAnError)
{
  TempDir dir;
  auto store = store::open_sqlite((dir.path / "m.db").string());
  dir.write("x/Profile.csv", "a\n1\n");
  EXPECT_THROW(import_paths(*store, {(dir.path / "x").string()}), InputError);
  EXPECT_THROW(import_paths(*store, {(dir.path / "missing").string()}), InputError);
}

namespace {

// An export whose files repeat some of their rows (as re-exported or concatenated files do).
void write_export_with_repeats(const TempDir& dir, const std::string& folder)
{
  std::string inv = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
  std::string msg = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n";
  std::string con = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
  for (int i = 0; i < 30; ++i) {
    const std::string who = "Persona " + std::to_string(i % 23); // some people invite twice
    const std::string line = who + ",Yo Mismo,\"3/" + std::to_string(1 + i % 28) + "/24, 9:" +
                             std::to_string(10 + i) + " AM\",Hola " + std::to_string(i) +
                             ",INCOMING,https://www.linkedin.com/in/p" + std::to_string(i % 23) +
                             ",https://www.linkedin.com/in/yo\n";
    inv += line;
    if (i % 7 == 3) inv += line; // the same invitation listed twice
  }
  inv += "Yo Mismo,Otra Persona,\"4/1/24, 10:00 AM\",,OUTGOING,https://www.linkedin.com/in/yo,https://www.linkedin.com/in\n";
  for (int i = 0; i < 40; ++i) {
    const std::string line = "c" + std::to_string(i % 9) + ",,Persona " + std::to_string(i % 9) +
                             ",https://www.linkedin.com/in/p" + std::to_string(i % 9) + ",Yo Mismo,2024-03-" +
                             std::to_string(10 + i % 15) + " 10:" + std::to_string(10 + i) + ":00 UTC,,\"texto " +
                             std::to_string(i) + "\nsegunda línea\",INBOX\n";
    msg += line;
    if (i % 6 == 1) msg += line;
  }
  for (int i = 0; i < 10; ++i) {
    const std::string line = "Persona," + std::to_string(i) + ",https://www.linkedin.com/in/p" + std::to_string(i) +
                             ",,Empresa,Cargo,0" + std::to_string(1 + i % 9) + " Apr 2024\n";
    con += line;
    if (i == 4) con += line;
  }
  con += ",,,,,,02 Apr 2024\n,,,,,,02 Apr 2024\n"; // two hidden profiles on one day: two connections
  dir.write(folder + "/Invitations.csv", inv);
  dir.write(folder + "/messages.csv", msg);
  dir.write(folder + "/Connections.csv", con);
}

struct BulkKeyLimit {
  explicit BulkKeyLimit(const char* limit) { ::setenv("MOTIVO_BULK_KEY_LIMIT", limit, 1); }
  ~BulkKeyLimit() { ::unsetenv("MOTIVO_BULK_KEY_LIMIT"); }
};

} // namespace

// Past a number of keys, a table filled in bulk checks keys with its unique index instead of memory (so that a
// file of any size imports in bounded memory): the stored rows, the counts and a re-import are exactly the same.
TEST(ImportBulkMode, LeavingItMidFileStoresExactlyTheSame)
{
  TempDir dir;
  write_export_with_repeats(dir, "export");
  const std::string folder = (dir.path / "export").string();
  std::vector<std::vector<std::tuple<std::string, std::uint64_t, std::uint64_t, std::uint64_t>>> files;
  std::vector<std::string> dumps;
  for (const char* limit : {"", "5", "1"}) {
    const BulkKeyLimit set(limit);
    const auto db = dir.path / (std::string("m") + limit + ".db");
    auto store = store::open_sqlite(db.string());
    for (const std::int64_t now : {1750000000, 1800000000}) {
      const auto report = import_paths(*store, {folder}, now);
      auto& seen = files.emplace_back();
      for (const auto& f : report.files) seen.emplace_back(f.name, f.rows, f.added, f.known);
    }
    const auto c = store->counts();
    EXPECT_EQ(c.incoming, 23 + 7) << limit; // 30 rows, 23 people, some twice at other times: 30 invitations
    EXPECT_EQ(c.outgoing, 1) << limit;
    EXPECT_EQ(c.messages, 40) << limit;
    EXPECT_EQ(c.connections, 12) << limit;
    store.reset();
    dumps.push_back(dump(db));
  }
  ASSERT_EQ(files.size(), 6u);
  for (std::size_t i = 2; i < files.size(); ++i) EXPECT_EQ(files[i], files[i % 2]) << i;
  // The first import: repeated rows were read but not added; the second: everything known.
  for (const auto& [name, rows, added, known] : files[0]) EXPECT_EQ(rows, added + known) << name;
  EXPECT_GT(std::get<3>(files[0][0]), 0u);
  for (const auto& [name, rows, added, known] : files[1]) EXPECT_EQ(added, 0u) << name;
  EXPECT_TRUE(dumps[1] == dumps[0]) << "a limit of 5 keys stored other rows"; // (the dumps are long and binary)
  EXPECT_TRUE(dumps[2] == dumps[0]) << "a limit of 1 key stored other rows";
}

TEST(ImportBulkMode, RealExportsGiveTheReferenceCountsWhenLeavingIt)
{
  if (!have_shared_exports()) GTEST_SKIP() << "no " << MOTIVO_SHARED_EXPORTS << " (the real exports live in ../shared)";
  const BulkKeyLimit set("50");
  for (const auto& [folder, expected] : expected_counts()) {
    TempDir dir;
    auto store = store::open_sqlite((dir.path / "m.db").string());
    import_paths(*store, {std::string(MOTIVO_SHARED_EXPORTS) + "/" + folder});
    motivo::reference::expect_counts(store->counts(), expected, folder);
    const auto again = import_paths(*store, {std::string(MOTIVO_SHARED_EXPORTS) + "/" + folder}, 1800000000);
    for (const auto& f : again.files) EXPECT_EQ(f.added, 0u) << folder << " " << f.name;
    motivo::reference::expect_counts(store->counts(), expected, folder + " re-imported");
  }
}
