#include <motivo/store/sql/import_rows.hpp>
#include <motivo/store/sqlite/known_rows.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <numeric>
#include <string>

namespace motivo::store::sqlite {

namespace {

bool key_less(const IdentityKey& a, const IdentityKey& b)
{
  return std::memcmp(a.data(), b.data(), a.size()) < 0;
}

// Puts the keys (and their ids) in ascending order; they come sorted from the key index, so this only checks.
void sort_keys(std::vector<IdentityKey>& keys, std::vector<std::int64_t>& ids)
{
  if (std::is_sorted(keys.begin(), keys.end(), key_less)) return;
  std::vector<std::size_t> order(keys.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key_less(keys[a], keys[b]); });
  std::vector<IdentityKey> sorted_keys(keys.size());
  std::vector<std::int64_t> sorted_ids(ids.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    sorted_keys[i] = keys[order[i]];
    sorted_ids[i] = ids[order[i]];
  }
  keys.swap(sorted_keys);
  ids.swap(sorted_ids);
}

// The table's highest id, an upper bound of its rows read from the end of its b-tree, without reading them: a
// table past the limit is known so before any key is read (reading 5,000,000 messages' keys up to the limit of
// 2^21 held 72 MB, growth included, only to let them go), and a table under it gets its vectors' room at once
// (no copy while they double). -1 when it cannot be read.
std::int64_t highest_id(Database& db, Table table)
{
  const std::string sql = fmt::format("SELECT coalesce(max(id), 0) FROM {}", sql::table_name(table));
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    sqlite3_finalize(raw);
    return -1;
  }
  const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> s(raw, sqlite3_finalize);
  return sqlite3_step(s.get()) == SQLITE_ROW ? sqlite3_column_int64(s.get(), 0) : -1;
}

} // namespace

KnownRows KnownRows::read(Database& db, Table table, std::size_t limit)
{
  KnownRows known;
  limit = std::min<std::size_t>(limit, UINT32_MAX); // bucket starts are 32-bit
  // The covering unique index (key, rowid) is read in key order, each key as the blob it is (the statement API's
  // text view would copy each one to end it with a NUL).
  const std::string sql = fmt::format("SELECT key, id FROM {} ORDER BY key", sql::table_name(table));
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    sqlite3_finalize(raw);
    return KnownRows{}; // SQLite's index checks the keys, as it reports its own errors
  }
  const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> s(raw, sqlite3_finalize);
  const std::int64_t rows_at_most = highest_id(db, table);
  if (rows_at_most < 0 || static_cast<std::uint64_t>(rows_at_most) > limit) return KnownRows{};
  known.keys_.reserve(static_cast<std::size_t>(rows_at_most));
  known.ids_.reserve(static_cast<std::size_t>(rows_at_most));
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    if (known.keys_.size() >= limit) return KnownRows{};
    IdentityKey k;
    if (static_cast<std::size_t>(sqlite3_column_bytes(s.get(), 0)) != k.size()) return KnownRows{};
    std::memcpy(k.data(), sqlite3_column_blob(s.get(), 0), k.size());
    known.keys_.push_back(k);
    known.ids_.push_back(sqlite3_column_int64(s.get(), 1));
  }
  if (rc != SQLITE_DONE) return KnownRows{};
  sort_keys(known.keys_, known.ids_);
  known.index_buckets();
  if (sql::tracks_last_import(table)) { // ranges() marks them; a message is never marked
    known.sorted_ids_ = known.ids_;
    std::sort(known.sorted_ids_.begin(), known.sorted_ids_.end());
  }
  known.checked_ = true;
  return known;
}

namespace {

std::size_t bucket_of(const IdentityKey& key)
{
  return std::size_t{key[0]} << 8 | key[1];
}

} // namespace

void KnownRows::index_buckets()
{
  constexpr std::size_t buckets = std::size_t{1} << 16;
  starts_.assign(buckets + 1, 0);
  for (const IdentityKey& key : keys_) ++starts_[bucket_of(key) + 1];
  for (std::size_t b = 0; b < buckets; ++b) starts_[b + 1] += starts_[b];
}

std::optional<std::int64_t> KnownRows::find(const IdentityKey& key) const
{
  if (keys_.empty()) return std::nullopt;
  const std::size_t b = bucket_of(key);
  const auto end = keys_.begin() + starts_[b + 1];
  const auto at = std::lower_bound(keys_.begin() + starts_[b], end, key, key_less);
  if (at == end || *at != key) return std::nullopt;
  return ids_[static_cast<std::size_t>(at - keys_.begin())];
}

std::vector<KnownRows::IdRange> KnownRows::ranges(const std::vector<std::int64_t>& some) const
{
  std::vector<IdRange> out;
  std::size_t at = 0; // where the last range's last id is in sorted_ids_
  for (const std::int64_t id : some) {
    if (!out.empty() && at + 1 < sorted_ids_.size() && sorted_ids_[at + 1] == id) {
      out.back().last = id; // the next stored id: the range goes on
      ++at;
      continue;
    }
    at = static_cast<std::size_t>(
        std::lower_bound(sorted_ids_.begin() + static_cast<std::ptrdiff_t>(at), sorted_ids_.end(), id) -
        sorted_ids_.begin());
    out.push_back({id, id});
  }
  return out;
}

} // namespace motivo::store::sqlite
