#pragma once

#include <motivo/core/model.hpp>
#include <motivo/store/import.hpp>
#include <motivo/store/sqlite/db.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace motivo::store::sqlite {

// The identity keys of a table's stored rows with each row's id, read once by an import, in key order,
// from the table's unique key index (one pass over its pages). A row of a newer export whose key is among them
// costs a binary search here instead of a descent into SQLite's index at a random place, and is never handed to
// the writer thread: it is known, and only marked as listed (docs/PERFORMANCE.md, "Re-import").
class KnownRows {
public:
  KnownRows() = default;
  // The keys of `table`'s rows; none (checked() is false) when its highest id passes `limit` (it may hold more
  // than `limit` rows): their keys are then checked by SQLite's index, as each row is written, so that memory stays
  // bounded.
  static KnownRows read(Database& db, Table table, std::size_t limit);
  bool checked() const { return checked_; }
  // The id of the stored row whose key is `key`, if any.
  std::optional<std::int64_t> find(const IdentityKey& key) const;
  // Some of the stored rows' ids (ascending, each once) as ranges of ids holding no other stored row, so that one
  // statement a range marks them: a newer export lists nearly every row it listed before, a few ranges in all.
  struct IdRange {
    std::int64_t first = 0, last = 0;
  };
  std::vector<IdRange> ranges(const std::vector<std::int64_t>& some) const;

private:
  // Where each key's first two bytes start in keys_: the keys are hashes, spread evenly, so a search looks among
  // a few keys of one bucket instead of descending through every key's cache lines.
  void index_buckets();

  bool checked_ = false;
  std::vector<IdentityKey> keys_;        // ascending, as memcmp orders them (SQLite's order of blobs)
  std::vector<std::int64_t> ids_;        // the row of each key
  std::vector<std::uint32_t> starts_;    // by the keys' first two bytes, and one past the last bucket
  std::vector<std::int64_t> sorted_ids_; // every id, ascending (invitations, connections)
};

} // namespace motivo::store::sqlite
