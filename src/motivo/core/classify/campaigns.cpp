#include <motivo/core/classify/campaigns.hpp>

#include <motivo/core/classify/fold.hpp>

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace motivo::classify {

namespace {

constexpr std::size_t hashes = 32;
constexpr std::size_t bands = 8;
constexpr std::size_t rows = hashes / bands;
constexpr std::size_t min_equal = hashes / 2; // estimated Jaccard ≥ 0.5

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

std::uint64_t word_hash(std::string_view w, const std::vector<std::string>& names)
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

std::optional<Signature> skeleton_signature(const std::vector<std::string_view>& words,
                                            const std::vector<std::string>& names, std::size_t min_words)
{
  if (words.size() < min_words) return std::nullopt;
  std::vector<std::uint64_t> word_hashes;
  word_hashes.reserve(words.size());
  for (const auto w : words) word_hashes.push_back(word_hash(w, names));
  Signature sig;
  sig.fill(UINT32_MAX);
  for (std::size_t k = 0; k + 2 < word_hashes.size(); ++k) {
    const std::uint64_t shingle = mix(word_hashes[k] ^ mix(word_hashes[k + 1] ^ mix(word_hashes[k + 2])));
    // The h-th hash function: one multiply and a shift of the mixed shingle with its own odd constant.
    for (std::size_t h = 0; h < hashes; ++h) {
      std::uint64_t v = (shingle ^ seeds[h]) * 0x9e3779b97f4a7c15ULL;
      const auto top = static_cast<std::uint32_t>(v >> 32);
      if (top < sig[h]) sig[h] = top;
    }
  }
  return sig;
}

std::vector<CampaignMembership> find_campaigns(const std::vector<CampaignInput>& notes,
                                               const std::vector<Signature>& signatures, std::size_t min_pairs)
{
  const std::size_t n = notes.size();
  std::vector<CampaignMembership> out(n);
  const auto active = [&](std::size_t i) { return notes[i].signature >= 0; };
  const auto sig = [&](std::size_t i) -> const Signature& {
    return signatures[static_cast<std::size_t>(notes[i].signature)];
  };

  UnionFind sets(n);
  std::vector<std::pair<std::uint64_t, std::size_t>> bucket; // (band key, note), sorted: equal keys adjacent
  for (std::size_t b = 0; b < bands; ++b) {
    // Notes whose signatures agree on this band; each is compared with the first one of its bucket only, so a
    // campaign of thousands costs thousands of comparisons, not millions.
    bucket.clear();
    for (std::size_t i = 0; i < n; ++i) {
      if (!active(i)) continue;
      std::uint64_t key = b;
      for (std::size_t r = 0; r < rows; ++r) key = mix(key ^ sig(i)[b * rows + r]);
      bucket.emplace_back(key, i);
    }
    std::sort(bucket.begin(), bucket.end());
    for (std::size_t k = 1, first = 0; k < bucket.size(); ++k) {
      if (bucket[k].first != bucket[first].first) {
        first = k;
        continue;
      }
      const std::size_t i = bucket[k].second, j = bucket[first].second;
      std::size_t equal = 0;
      for (std::size_t h = 0; h < hashes; ++h) equal += sig(i)[h] == sig(j)[h] ? 1 : 0;
      if (equal >= min_equal) sets.unite(i, j);
    }
  }

  // Group sizes and distinct sender/recipient pairs; a note without names is a pair of its own.
  std::unordered_map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < n; ++i) {
    if (active(i)) groups[sets.find(i)].push_back(i);
  }
  for (const auto& [root, members] : groups) {
    if (members.size() < min_pairs) continue;
    std::unordered_set<std::uint64_t> pairs;
    for (const std::size_t i : members) {
      // Names as written (one export writes a name one way); an unknown side differs from every other.
      const std::string_view sender = notes[i].sender, recipient = notes[i].recipient;
      const std::uint64_t s = sender.empty() ? mix(0x5e4d + i) : XXH3_64bits(sender.data(), sender.size());
      const std::uint64_t r =
        recipient.empty() ? mix(0x4ec1 + i) : XXH3_64bits(recipient.data(), recipient.size());
      pairs.insert(mix(s) ^ r);
    }
    if (pairs.size() < min_pairs) continue;
    for (const std::size_t i : members) {
      out[i].first = static_cast<std::int64_t>(members.front());
      out[i].size = members.size();
      out[i].pairs = pairs.size();
    }
  }
  return out;
}

} // namespace motivo::classify
