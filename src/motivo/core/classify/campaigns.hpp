#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::classify {

// A note's skeleton as a MinHash signature of its word 3-shingles, names and numbers masked.
using Signature = std::array<std::uint32_t, 32>; // 32-bit minima: 128 bytes a note, plenty for Jaccard ≥ 0.5

// The signature of `words` (folded), with the words of `names` masked; nullopt for notes of fewer than
// `min_words` words: short notes are alike by chance.
std::optional<Signature> skeleton_signature(const std::vector<std::string_view>& words,
                                            const std::vector<std::string>& names, std::size_t min_words = 6);

// One note as campaign detection sees it. Notes without a signature take no part; signatures are kept apart
// (`signature` indexes the vector given to find_campaigns) so that short notes cost no signature's memory.
struct CampaignInput {
  std::int64_t signature = -1;
  std::string_view sender;
  std::string_view recipient;
};

struct CampaignMembership {
  std::int64_t first = -1; // index of the campaign's first note; -1 when not in a campaign
  std::size_t size = 0;    // notes in the campaign
  std::size_t pairs = 0;   // distinct sender/recipient pairs among them
};

// Mass campaigns: notes whose skeletons share most of their word 3-shingles (MinHash, 32 hashes,
// locality-sensitive banding; estimated Jaccard similarity ≥ 0.5), sent by at least `min_pairs` distinct
// sender/recipient pairs. Linear in the number of notes, plus the size of each campaign.
std::vector<CampaignMembership> find_campaigns(const std::vector<CampaignInput>& notes,
                                               const std::vector<Signature>& signatures, std::size_t min_pairs = 3);

} // namespace motivo::classify
