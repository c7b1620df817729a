#include <motivo/store/sqlite/known_rows.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

using motivo::IdentityKey;
using motivo::store::Table;
using motivo::store::sqlite::Database;
using motivo::store::sqlite::KnownRows;

namespace {

// A key whose first two bytes (the bucket) and last byte vary with `n`.
IdentityKey key_of(int n)
{
  IdentityKey k{};
  k[0] = static_cast<unsigned char>((n * 37) & 0xff);
  k[1] = static_cast<unsigned char>(n % 3);
  k[15] = static_cast<unsigned char>(n);
  return k;
}

// An invitations table of ids 1..`rows` with key_of(id), inserted in an order other than the keys'.
void fill(Database& db, int rows)
{
  db.exec("CREATE TABLE invitations (id INTEGER PRIMARY KEY, key BLOB NOT NULL)");
  db.exec("CREATE UNIQUE INDEX invitations_by_key ON invitations(key)");
  for (int id = rows; id >= 1; --id) {
    const IdentityKey k = key_of(id);
    db.prepare("INSERT INTO invitations (id, key) VALUES (?1, ?2)")
        .bind(1, std::int64_t{id})
        .bind_blob(2, k.data(), k.size())
        .run();
  }
}

} // namespace

// Every stored key is found with its row's id, and a key not stored is not, whatever bucket it falls in.
TEST(KnownRows, FindsEachStoredKeyAndNoOther)
{
  Database db(":memory:");
  fill(db, 200);
  const KnownRows known = KnownRows::read(db, Table::invitations, 1000);
  ASSERT_TRUE(known.checked());
  for (int id = 1; id <= 200; ++id) EXPECT_EQ(known.find(key_of(id)), std::optional<std::int64_t>(id)) << id;
  for (int n = 201; n <= 600; ++n) EXPECT_FALSE(known.find(key_of(n)).has_value()) << n;
}

// More rows than the limit: no keys are held, and the caller checks each one in SQLite's index.
TEST(KnownRows, HoldsNothingPastItsLimit)
{
  Database db(":memory:");
  fill(db, 50);
  EXPECT_FALSE(KnownRows::read(db, Table::invitations, 49).checked());
  EXPECT_TRUE(KnownRows::read(db, Table::invitations, 50).checked());
  EXPECT_FALSE(KnownRows::read(db, Table::invitations, 0).checked());
}

// Ranges of ids cover the ids given and never a stored id that was not given.
TEST(KnownRows, RangesHoldOnlyTheIdsGiven)
{
  Database db(":memory:");
  fill(db, 10);
  db.exec("DELETE FROM invitations WHERE id = 4"); // a gap in the ids is no stored row
  const KnownRows known = KnownRows::read(db, Table::invitations, 100);
  const auto ranges = known.ranges({1, 2, 3, 5, 6, 8, 10});
  ASSERT_EQ(ranges.size(), 3u);
  EXPECT_EQ(ranges[0].first, 1);
  EXPECT_EQ(ranges[0].last, 6); // 4 is not stored: 1..6 holds only ids given
  EXPECT_EQ(ranges[1].first, 8);
  EXPECT_EQ(ranges[1].last, 8); // 7 and 9 are stored and not given
  EXPECT_EQ(ranges[2].first, 10);
  EXPECT_EQ(ranges[2].last, 10);
  EXPECT_TRUE(known.ranges({}).empty());
}
