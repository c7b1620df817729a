#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::classify {

// One note as campaign detection sees it: its words (folded) and its names. Notes without words take no part.
struct CampaignInput {
  const std::vector<std::string_view>* words = nullptr;
  const std::vector<std::string>* names = nullptr; // folded words of sender and recipient, masked out
  std::string_view sender;
  std::string_view recipient;
};

struct CampaignMembership {
  std::int64_t first = -1; // index of the campaign's first note; -1 when not in a campaign
  std::size_t size = 0;    // notes in the campaign
  std::size_t pairs = 0;   // distinct sender/recipient pairs among them
};

// Mass campaigns: notes whose skeletons (names masked, numbers masked) share most of their word 3-shingles
// (MinHash, 32 hashes, locality-sensitive banding; estimated Jaccard similarity ≥ 0.5), sent by at least three
// distinct sender/recipient pairs. Notes of fewer than `min_words` words are left out: short notes are alike by
// chance. Linear in the number of notes, plus the size of each campaign.
std::vector<CampaignMembership> find_campaigns(const std::vector<CampaignInput>& notes, std::size_t min_words = 6,
                                               std::size_t min_pairs = 3);

} // namespace motivo::classify
