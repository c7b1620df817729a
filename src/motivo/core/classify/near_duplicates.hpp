#pragma once

#include <motivo/core/classify/classifier.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace motivo::classify {

// The groups of near-duplicates among `notes`, as campaign detection forms them (campaigns.hpp: notes of six words
// or more whose word 3-shingles, names and numbers masked, are at Jaccard ≥ 0.5, joined transitively) but of any
// size and from any number of senders: for each note, the index of its group's first note, or -1 when it has no
// near-duplicate (or is too short to compare). A user's correction of one note teaches its group (app/learning.cpp).
std::vector<std::int64_t> near_duplicate_groups(std::span<const Note> notes);

} // namespace motivo::classify
