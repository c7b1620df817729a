#include <motivo/core/classify/campaigns.hpp>
#include <motivo/core/classify/fold.hpp>

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <unordered_map>

namespace motivo::classify {

namespace {

constexpr std::size_t hashes = 32;
constexpr std::size_t bands = 8;
constexpr std::size_t rows = hashes / bands;

std::uint64_t mix(std::uint64_t x)
{
  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

const std::array<std::uint64_t, hashes> seeds = [] {
  std::array<std::uint64_t, hashes> out{};
  for (std::size_t h = 0; h < hashes; ++h) out[h] = mix(h + 1);
  return out;
}();

bool is_number(std::string_view w)
{
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::uint64_t word_hash(std::string_view w, const std::vector<std::string_view>& names)
{
  if (std::find(names.begin(), names.end(), w) != names.end()) return 0x6e616d65ULL; // "name"
  if (is_number(w)) return 0x6e756dULL;
  return XXH3_64bits(w.data(), w.size());
}

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x)
  {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
  void unite(std::size_t a, std::size_t b)
  {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b); // the root is the lowest index
  }
};

} // namespace

bool skeleton_of(const std::vector<std::string_view>& words, const std::vector<std::string_view>& names, Skeleton& out,
                 std::size_t min_words)
{
  if (words.size() < min_words) return false;
  thread_local std::vector<std::uint64_t> word_hashes; // reused from note to note
  word_hashes.clear();
  for (const auto w : words) word_hashes.push_back(word_hash(w, names));
  out.shingles.clear();
  for (std::size_t k = 0; k + 2 < word_hashes.size(); ++k) {
    const std::uint64_t shingle = mix(word_hashes[k] ^ mix(word_hashes[k + 1] ^ mix(word_hashes[k + 2])));
    out.shingles.push_back(static_cast<std::uint32_t>(shingle >> 32));
  }
  std::sort(out.shingles.begin(), out.shingles.end());
  out.shingles.erase(std::unique(out.shingles.begin(), out.shingles.end()), out.shingles.end());
  return true;
}

Signature minhash_of(const std::vector<std::uint32_t>& shingles)
{
  Signature sig;
  sig.fill(UINT32_MAX);
  for (const std::uint32_t shingle : shingles) {
    const std::uint64_t x = mix(shingle);
    // The h-th hash function: one multiply and a shift of the mixed shingle with its own odd constant.
    for (std::size_t h = 0; h < hashes; ++h) {
      const std::uint64_t v = (x ^ seeds[h]) * 0x9e3779b97f4a7c15ULL;
      const auto top = static_cast<std::uint32_t>(v >> 32);
      if (top < sig[h]) sig[h] = top;
    }
  }
  return sig;
}

namespace {

// Jaccard similarity ≥ 0.5 of two sorted sets: |a ∩ b| ≥ |a ∪ b| / 2, i.e. 3·|a ∩ b| ≥ |a| + |b|.
bool similar(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b)
{
  const std::size_t small = std::min(a.size(), b.size()), large = std::max(a.size(), b.size());
  if (2 * small < large) return false; // the intersection is at most `small`
  const std::size_t needed = (a.size() + b.size() + 2) / 3;
  std::size_t common = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i < *j)
      ++i;
    else if (*j < *i)
      ++j;
    else {
      if (++common >= needed) return true;
      ++i;
      ++j;
      continue;
    }
    // Stop as soon as what is left of either side cannot make up the difference.
    const auto left = static_cast<std::size_t>(std::min(a.end() - i, b.end() - j));
    if (common + left < needed) return false;
  }
  return common >= needed;
}

// Every pair of skeletons with Jaccard ≥ 0.5 (prefix filtering: with each set's shingles ordered rarest first,
// two such sets share a shingle among the first ⌊|x|/2⌋ + 1 of each). Skeletons are visited in the order of
// their first note, and a candidate already in the same group is not compared again.
void join_exactly(const std::vector<const Skeleton*>& sets, const std::vector<std::size_t>& first_note,
                  UnionFind& groups)
{
  std::unordered_map<std::uint32_t, std::uint32_t> frequency;
  frequency.reserve(sets.size() * 16);
  for (const Skeleton* s : sets)
    for (const std::uint32_t x : s->shingles) ++frequency[x];
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> index;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> order; // (frequency, shingle): rarest first
  std::vector<std::uint32_t> seen(sets.size(), UINT32_MAX);
  for (std::size_t k = 0; k < sets.size(); ++k) {
    const auto& shingles = sets[k]->shingles;
    order.clear();
    for (const std::uint32_t x : shingles) order.emplace_back(frequency.find(x)->second, x);
    const std::size_t prefix = std::min(order.size(), shingles.size() / 2 + 1);
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(prefix), order.end());
    order.resize(prefix);
    for (const auto& entry : order) {
      const auto it = index.find(entry.second);
      if (it == index.end()) continue;
      for (const std::uint32_t other : it->second) {
        if (seen[other] == k) continue;
        seen[other] = static_cast<std::uint32_t>(k);
        if (groups.find(first_note[k]) == groups.find(first_note[other])) continue;
        if (similar(shingles, sets[other]->shingles)) groups.unite(first_note[k], first_note[other]);
      }
    }
    for (const auto& [frequency_of_x, x] : order) {
      if (frequency_of_x > 1) index[x].push_back(static_cast<std::uint32_t>(k));
    }
  }
}

// Candidates from MinHash banding, each compared with the first skeleton of its bucket, confirmed exactly.
void join_by_bands(const std::vector<const Skeleton*>& sets, const std::vector<std::size_t>& first_note,
                   UnionFind& groups)
{
  std::vector<Signature> minhash(sets.size());
  for (std::size_t k = 0; k < sets.size(); ++k) minhash[k] = minhash_of(sets[k]->shingles);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> bucket; // (band key, set), sorted: equal keys adjacent
  for (std::size_t b = 0; b < bands; ++b) {
    bucket.clear();
    for (std::size_t k = 0; k < sets.size(); ++k) {
      std::uint64_t key = b;
      for (std::size_t r = 0; r < rows; ++r) key = mix(key ^ minhash[k][b * rows + r]);
      bucket.emplace_back(key, static_cast<std::uint32_t>(k));
    }
    std::sort(bucket.begin(), bucket.end());
    for (std::size_t k = 1, first = 0; k < bucket.size(); ++k) {
      if (bucket[k].first != bucket[first].first) {
        first = k;
        continue;
      }
      const std::size_t i = bucket[k].second, j = bucket[first].second;
      if (groups.find(first_note[i]) == groups.find(first_note[j])) continue;
      if (similar(sets[i]->shingles, sets[j]->shingles)) groups.unite(first_note[i], first_note[j]);
    }
  }
}

} // namespace

std::uint64_t pair_key(std::string_view sender, std::string_view recipient, std::size_t note)
{
  const std::uint64_t s = sender.empty() ? mix(0x5e4d + note) : XXH3_64bits(sender.data(), sender.size());
  const std::uint64_t r = recipient.empty() ? mix(0x4ec1 + note) : XXH3_64bits(recipient.data(), recipient.size());
  return mix(s) ^ r;
}

std::vector<CampaignMembership> find_campaigns(const std::vector<CampaignInput>& notes,
                                               const std::vector<Skeleton>& skeletons, std::size_t min_pairs)
{
  std::vector<std::int32_t> skeleton(notes.size(), -1);
  std::vector<std::uint64_t> pair(notes.size());
  for (std::size_t i = 0; i < notes.size(); ++i) {
    if (notes[i].skeleton < 0) continue;
    skeleton[i] = static_cast<std::int32_t>(notes[i].skeleton);
    pair[i] = pair_key(notes[i].sender, notes[i].recipient, i);
  }
  return find_campaigns(skeleton, pair, skeletons, min_pairs);
}

std::vector<CampaignMembership> find_campaigns(std::span<const std::int32_t> skeleton,
                                               std::span<const std::uint64_t> pair,
                                               const std::vector<Skeleton>& skeletons, std::size_t min_pairs)
{
  const std::size_t n = skeleton.size();
  std::vector<CampaignMembership> out(n);
  const auto active = [&](std::size_t i) { return skeleton[i] >= 0; };

  // Notes sharing a skeleton are one group from the start; the distinct skeletons, in the order of their first
  // note, are joined by similarity.
  UnionFind groups(n);
  std::vector<std::size_t> first_of_skeleton(skeletons.size(), SIZE_MAX);
  std::vector<const Skeleton*> sets;
  std::vector<std::size_t> first_note;
  for (std::size_t i = 0; i < n; ++i) {
    if (!active(i)) continue;
    auto& first = first_of_skeleton[static_cast<std::size_t>(skeleton[i])];
    if (first == SIZE_MAX) {
      first = i;
      sets.push_back(&skeletons[static_cast<std::size_t>(skeleton[i])]);
      first_note.push_back(i);
    } else {
      groups.unite(first, i);
    }
  }
  first_of_skeleton = {};
  if (sets.size() <= exact_join_limit)
    join_exactly(sets, first_note, groups);
  else
    join_by_bands(sets, first_note, groups);

  // Group sizes and distinct sender/recipient pairs; a note without names is a pair of its own.
  std::unordered_map<std::size_t, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < n; ++i) {
    if (active(i)) members[groups.find(i)].push_back(i);
  }
  std::vector<std::uint64_t> pairs; // the group's pairs, hashed (sorted and made distinct to count them)
  for (const auto& [root, list] : members) {
    if (list.size() < min_pairs) continue;
    pairs.clear();
    for (const std::size_t i : list) pairs.push_back(pair[i]);
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    if (pairs.size() < min_pairs) continue;
    for (const std::size_t i : list) {
      out[i].first = static_cast<std::int64_t>(list.front());
      out[i].size = list.size();
      out[i].pairs = pairs.size();
    }
  }
  return out;
}

std::uint64_t DistinctSkeletons::hash(const Skeleton& s)
{
  return XXH3_64bits(s.shingles.data(), s.shingles.size() * sizeof s.shingles[0]);
}

std::int64_t DistinctSkeletons::number(const Skeleton& s, std::uint64_t hash)
{
  std::size_t mask = slots_.size() - 1;
  std::size_t at = hash & mask;
  for (; slots_[at].number >= 0; at = (at + 1) & mask) {
    const Slot& slot = slots_[at];
    if (slot.hash == hash && skeletons_[static_cast<std::size_t>(slot.number)] == s) return slot.number;
  }
  if ((skeletons_.size() + 1) * 2 > slots_.size()) {
    grow();
    mask = slots_.size() - 1;
    for (at = hash & mask; slots_[at].number >= 0;) at = (at + 1) & mask;
  }
  slots_[at] = {hash, static_cast<std::int64_t>(skeletons_.size())};
  skeletons_.push_back(s);
  return slots_[at].number;
}

void DistinctSkeletons::grow()
{
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.number < 0) continue;
    std::size_t at = slot.hash & mask;
    while (slots_[at].number >= 0) at = (at + 1) & mask;
    slots_[at] = slot;
  }
}

} // namespace motivo::classify
