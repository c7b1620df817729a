#include <motivo/core/classify/campaigns.hpp>
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/near_duplicates.hpp>

#include <map>
#include <string>

namespace motivo::classify {

std::vector<std::int64_t> near_duplicate_groups(std::span<const Note> notes)
{
  std::vector<CampaignInput> inputs(notes.size());
  std::vector<Skeleton> skeletons;
  std::map<std::vector<std::uint32_t>, std::int64_t> known; // equal skeletons are kept once
  std::string folded, names_folded;
  std::vector<std::string_view> words, names;
  Skeleton skeleton;
  for (std::size_t i = 0; i < notes.size(); ++i) {
    fold_into(notes[i].text, folded);
    words_into(folded, words);
    names_folded = fold(std::string(notes[i].sender) + " " + std::string(notes[i].recipient));
    words_into(names_folded, names);
    if (!skeleton_of(words, names, skeleton)) continue;
    const auto [it, added] = known.emplace(skeleton.shingles, static_cast<std::int64_t>(skeletons.size()));
    if (added) skeletons.push_back(skeleton);
    inputs[i] = {it->second, notes[i].sender, notes[i].recipient};
  }
  const std::vector<CampaignMembership> groups = find_campaigns(inputs, skeletons, 1);
  std::vector<std::int64_t> out(notes.size(), -1);
  for (std::size_t i = 0; i < notes.size(); ++i) {
    if (groups[i].size >= 2) out[i] = groups[i].first;
  }
  return out;
}

} // namespace motivo::classify
