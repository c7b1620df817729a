#include <motivo/core/classify/campaigns.hpp>
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/near_duplicates.hpp>

namespace motivo::classify {

void NearDuplicates::add(const Note& note)
{
  const std::size_t i = skeleton_.size();
  fold_into(note.text, folded_);
  words_into(folded_, words_);
  names_folded_ = fold(std::string(note.sender) + " " + std::string(note.recipient));
  words_into(names_folded_, names_);
  if (!skeleton_of(words_, names_, skeleton_scratch_)) {
    skeleton_.push_back(-1);
    pair_.push_back(0);
    return;
  }
  const auto [it, added] = known_.emplace(skeleton_scratch_.shingles, static_cast<std::int32_t>(skeletons_.size()));
  if (added) skeletons_.push_back(skeleton_scratch_);
  skeleton_.push_back(it->second);
  pair_.push_back(pair_key(note.sender, note.recipient, i));
}

std::vector<std::int64_t> NearDuplicates::groups() const
{
  const std::vector<CampaignMembership> groups = find_campaigns(skeleton_, pair_, skeletons_, 1);
  std::vector<std::int64_t> out(groups.size(), -1);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (groups[i].size >= 2) out[i] = groups[i].first;
  }
  return out;
}

std::vector<std::int64_t> near_duplicate_groups(std::span<const Note> notes)
{
  NearDuplicates groups;
  for (const Note& note : notes) groups.add(note);
  return groups.groups();
}

} // namespace motivo::classify
