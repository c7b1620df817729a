#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::classify {

// A note's skeleton: its word 3-shingles with names and numbers masked, as sorted distinct 32-bit hashes.
struct Skeleton {
  std::vector<std::uint32_t> shingles;
  friend bool operator==(const Skeleton& a, const Skeleton& b) { return a.shingles == b.shingles; }
};

// The distinct skeletons of a batch, each numbered once (equal skeletons share a number): an open-addressing table
// of their XXH3 hashes, each slot a hash and a number in one cache line's quarter. Not thread-safe.
class DistinctSkeletons {
public:
  static std::uint64_t hash(const Skeleton& s);
  // The number of `s` (whose hash is `hash`), given to it now when it is new.
  std::int64_t number(const Skeleton& s, std::uint64_t hash);
  const std::vector<Skeleton>& all() const { return skeletons_; }

private:
  struct Slot {
    std::uint64_t hash = 0;
    std::int64_t number = -1; // -1: empty
  };
  std::vector<Slot> slots_ = std::vector<Slot>(1024);
  std::vector<Skeleton> skeletons_;
  void grow();
};

// A MinHash signature (32 minima) of a skeleton's shingles, for locality-sensitive banding when there are too
// many skeletons to join exactly; computed only then.
using Signature = std::array<std::uint32_t, 32>;
Signature minhash_of(const std::vector<std::uint32_t>& shingles);

// The skeleton of `words` (folded) into `out`, with the words of `names` masked; false (and `out` untouched)
// for notes of fewer than `min_words` words: short notes are alike by chance.
bool skeleton_of(const std::vector<std::string_view>& words, const std::vector<std::string_view>& names, Skeleton& out,
                 std::size_t min_words = 6);

// One note as campaign detection sees it. Notes without a skeleton take no part; skeletons are kept apart
// (`skeleton` indexes the vector given to find_campaigns, and notes with equal skeletons may share one entry)
// so that short notes and repeated texts cost no memory.
struct CampaignInput {
  std::int64_t skeleton = -1;
  std::string_view sender;
  std::string_view recipient;
};

struct CampaignMembership {
  std::int64_t first = -1; // index of the campaign's first note; -1 when not in a campaign
  std::size_t size = 0;    // notes in the campaign
  std::size_t pairs = 0;   // distinct sender/recipient pairs among them
};

// Distinct skeletons up to this many are joined exactly (every pair with Jaccard ≥ 0.5 is found); beyond it,
// candidates come from MinHash banding (a pair at Jaccard 0.5 is a candidate with probability 0.40 per member
// it could meet) and are then confirmed exactly.
inline constexpr std::size_t exact_join_limit = 20'000;

// The key of a note's sender/recipient pair as campaign detection counts pairs: names as written (one export writes
// a name one way); an unknown side (empty) differs from every other, so it is told apart by the note's index.
std::uint64_t pair_key(std::string_view sender, std::string_view recipient, std::size_t note);

// Mass campaigns: the connected groups of notes whose skeletons share at least half their shingles (Jaccard
// similarity ≥ 0.5, computed exactly), sent by at least `min_pairs` distinct sender/recipient pairs. The result
// depends only on which shingles the notes share, not on the hash values, so renaming a word everywhere (as the
// anonymiser does) changes nothing.
std::vector<CampaignMembership> find_campaigns(const std::vector<CampaignInput>& notes,
                                               const std::vector<Skeleton>& skeletons, std::size_t min_pairs = 3);
// The same over notes in compact form (what a batch read in chunks keeps of each note): `skeleton[i]` indexes
// `skeletons` (-1: the note takes no part), `pair[i]` is pair_key() of note i.
std::vector<CampaignMembership> find_campaigns(std::span<const std::int32_t> skeleton,
                                               std::span<const std::uint64_t> pair,
                                               const std::vector<Skeleton>& skeletons, std::size_t min_pairs = 3);

} // namespace motivo::classify
