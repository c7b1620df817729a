#include <motivo/core/classify/campaign_index.hpp>

#include <algorithm>
#include <cstring>

namespace motivo::classify {

CampaignIndex::CampaignIndex() = default;
CampaignIndex::~CampaignIndex() = default;

void CampaignIndex::extend(std::size_t n)
{
  notes_ += n;
  skeleton_.resize(notes_, -1);
  pair_.resize(notes_, 0);
}

std::string_view CampaignIndex::keep(std::string_view text)
{
  if (text.empty()) return {};
  if (used_ + text.size() > block_size_) {
    block_size_ = std::max<std::size_t>(1u << 16, text.size());
    blocks_.push_back(std::make_unique<char[]>(block_size_));
    used_ = 0;
  }
  char* at = blocks_.back().get() + used_;
  std::memcpy(at, text.data(), text.size());
  used_ += text.size();
  return {at, text.size()};
}

void CampaignIndex::add(std::size_t note, const Skeleton& s, std::uint64_t hash, std::string_view sender,
                        std::string_view recipient)
{
  pair_[note] = pair_key(sender, recipient, note);
  const std::lock_guard lock(mutex_);
  const std::int64_t number = skeletons_.number(s, hash);
  skeleton_[note] = static_cast<std::int32_t>(number);
  if (static_cast<std::size_t>(number) >= first_notes_.size())
    first_notes_.resize(static_cast<std::size_t>(number) + 1);
  // The first eight notes of the skeleton, in order (notes arrive in any order within a chunk).
  std::vector<Member>& first = first_notes_[static_cast<std::size_t>(number)];
  if (first.size() == named_members && first.back().note < note) return;
  const auto at =
      std::upper_bound(first.begin(), first.end(), note, [](std::size_t n, const Member& m) { return n < m.note; });
  if (first.size() == named_members) first.pop_back(); // its names stay in the blocks, unused
  first.insert(at, Member{note, keep(sender), keep(recipient)});
}

void CampaignIndex::finish()
{
  const std::vector<CampaignMembership> found = find_campaigns(skeleton_, pair_, skeletons_.all());
  pair_ = {};
  skeletons_ = DistinctSkeletons{};
  campaign_.assign(found.size(), -1);
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (found[i].first < 0) continue;
    if (found[i].first == static_cast<std::int64_t>(i)) { // a campaign's first note comes before its others
      campaign_[i] = static_cast<std::int32_t>(campaigns_.size());
      campaigns_.push_back({found[i], {}});
    } else {
      campaign_[i] = campaign_[static_cast<std::size_t>(found[i].first)];
    }
  }
  // A campaign's first eight notes are among the first eight of its skeletons.
  for (std::vector<Member>& first : first_notes_) {
    if (first.empty()) continue;
    const std::int32_t c = campaign_[first.front().note];
    if (c < 0) continue;
    auto& members = campaigns_[static_cast<std::size_t>(c)].members;
    members.insert(members.end(), first.begin(), first.end());
  }
  first_notes_ = {};
  skeleton_ = {};
  for (Campaign& c : campaigns_) {
    std::sort(c.members.begin(), c.members.end(), [](const Member& a, const Member& b) { return a.note < b.note; });
    if (c.members.size() > named_members) c.members.resize(named_members);
    c.members.shrink_to_fit();
  }
  // Only the campaigns' names are still needed: copied into blocks of their own, the rest freed.
  std::vector<std::unique_ptr<char[]>> all_names;
  all_names.swap(blocks_);
  used_ = block_size_ = 0;
  for (Campaign& c : campaigns_) {
    for (Member& m : c.members) {
      m.sender = keep(m.sender);
      m.recipient = keep(m.recipient);
    }
  }
}

std::size_t CampaignIndex::bytes() const
{
  std::size_t out = skeleton_.capacity() * sizeof(std::int32_t) + pair_.capacity() * sizeof(std::uint64_t) +
                    campaign_.capacity() * sizeof(std::int32_t) + campaigns_.capacity() * sizeof(Campaign) +
                    first_notes_.capacity() * sizeof(std::vector<Member>) + blocks_.size() * block_size_;
  for (const auto& s : skeletons_.all()) out += sizeof s + s.shingles.capacity() * sizeof(std::uint32_t);
  for (const auto& f : first_notes_) out += f.capacity() * sizeof(Member);
  for (const auto& c : campaigns_) out += c.members.capacity() * sizeof(Member);
  return out;
}

} // namespace motivo::classify
