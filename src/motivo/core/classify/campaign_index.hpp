#pragma once

#include <motivo/core/classify/campaigns.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace motivo::classify {

// What campaign detection keeps of a batch read in chunks (Classifier::index_chunk), so that the notes need not be
// held while it is built: per note, the number of its distinct skeleton and its sender/recipient pair key; per
// distinct skeleton, its shingles and its first eight notes' names (a campaign's reason names the senders or
// recipients of its first eight notes, which are among the first eight of their skeletons). finish() finds the
// campaigns and drops the skeletons: what is left is a campaign number per note and, per campaign, its first
// note, size, pairs and first eight notes' names (Classifier::label_chunk reads them).
class CampaignIndex {
public:
  CampaignIndex();
  ~CampaignIndex();
  CampaignIndex(const CampaignIndex&) = delete;
  CampaignIndex& operator=(const CampaignIndex&) = delete;

  // Notes indexed so far (the next chunk's first note).
  std::size_t size() const { return notes_; }
  // Room for `n` more notes, none of them in a campaign until add() says otherwise.
  void extend(std::size_t n);
  // Note `note` (below size()) has skeleton `s`. Safe to call from several threads for distinct notes.
  void add(std::size_t note, const Skeleton& s, std::uint64_t hash, std::string_view sender,
           std::string_view recipient);
  // Finds the campaigns (once, after the last add()).
  void finish();

  struct Member {
    std::size_t note = 0;
    std::string_view sender, recipient;
  };
  struct Campaign {
    CampaignMembership membership;
    std::vector<Member> members; // its first eight notes, in order
  };
  // The campaign of note `note` (after finish()), or null.
  const Campaign* campaign_of(std::size_t note) const
  {
    const std::int32_t c = note < campaign_.size() ? campaign_[note] : -1;
    return c < 0 ? nullptr : &campaigns_[static_cast<std::size_t>(c)];
  }
  std::size_t campaigns() const { return campaigns_.size(); }
  // Bytes held (vectors' capacities and the names' blocks; the skeletons' shingles until finish()).
  std::size_t bytes() const;

  static constexpr std::size_t named_members = 8;

private:
  std::string_view keep(std::string_view text);

  std::size_t notes_ = 0;
  std::vector<std::int32_t> skeleton_; // by note: its distinct skeleton, -1 none
  std::vector<std::uint64_t> pair_;    // by note: pair_key()
  DistinctSkeletons skeletons_;
  std::vector<std::vector<Member>> first_notes_; // by distinct skeleton: its first notes, in order
  std::mutex mutex_;                             // guards skeletons_, first_notes_ and the names' blocks
  std::vector<std::int32_t> campaign_;           // by note, after finish(): its campaign, -1 none
  std::vector<Campaign> campaigns_;
  std::vector<std::unique_ptr<char[]>> blocks_; // the names, in blocks
  std::size_t used_ = 0, block_size_ = 0;
};

} // namespace motivo::classify
