#pragma once

#include <motivo/core/classify/campaigns.hpp>
#include <motivo/core/classify/classifier.hpp>

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::classify {

// The groups of near-duplicates among `notes`, as campaign detection forms them (campaigns.hpp: notes of six words
// or more whose word 3-shingles, names and numbers masked, are at Jaccard ≥ 0.5, joined transitively) but of any
// size and from any number of senders: for each note, the index of its group's first note, or -1 when it has no
// near-duplicate (or is too short to compare). A user's correction of one note teaches its group (app/learning.cpp).
std::vector<std::int64_t> near_duplicate_groups(std::span<const Note> notes);

// The same, given the notes one at a time (their texts need not be kept): each note's distinct skeleton and pair.
class NearDuplicates {
public:
  // The next note (index size()).
  void add(const Note& note);
  std::size_t size() const { return skeleton_.size(); }
  // near_duplicate_groups() of the notes added.
  std::vector<std::int64_t> groups() const;

private:
  std::vector<std::int32_t> skeleton_;
  std::vector<std::uint64_t> pair_;
  std::vector<Skeleton> skeletons_;
  std::map<std::vector<std::uint32_t>, std::int32_t> known_; // equal skeletons are kept once
  std::string folded_, names_folded_;
  std::vector<std::string_view> words_, names_;
  Skeleton skeleton_scratch_;
};

} // namespace motivo::classify
