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

using Signature = std::array<std::uint64_t, hashes>;

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

std::vector<CampaignMembership> find_campaigns(const std::vector<CampaignInput>& notes, std::size_t min_words,
                                               std::size_t min_pairs)
{
  const std::size_t n = notes.size();
  std::vector<CampaignMembership> out(n);
  std::vector<Signature> signatures(n);
  std::vector<bool> active(n, false);
  std::vector<std::uint64_t> word_hashes;
  for (std::size_t i = 0; i < n; ++i) {
    const CampaignInput& in = notes[i];
    if (!in.words || in.words->size() < min_words) continue;
    static const std::vector<std::string> no_names;
    const auto& names = in.names ? *in.names : no_names;
    word_hashes.clear();
    for (const auto w : *in.words) word_hashes.push_back(word_hash(w, names));
    Signature& sig = signatures[i];
    sig.fill(UINT64_MAX);
    for (std::size_t k = 0; k + 2 < word_hashes.size(); ++k) {
      const std::uint64_t shingle = mix(word_hashes[k] ^ mix(word_hashes[k + 1] ^ mix(word_hashes[k + 2])));
      for (std::size_t h = 0; h < hashes; ++h) {
        const std::uint64_t v = mix(shingle + 0x9e3779b97f4a7c15ULL * (h + 1));
        if (v < sig[h]) sig[h] = v;
      }
    }
    active[i] = true;
  }

  UnionFind sets(n);
  for (std::size_t b = 0; b < bands; ++b) {
    // Notes whose signatures agree on this band; each is compared with the first one of its bucket only, so a
    // campaign of thousands costs thousands of comparisons, not millions.
    std::unordered_map<std::uint64_t, std::size_t> first_of_bucket;
    for (std::size_t i = 0; i < n; ++i) {
      if (!active[i]) continue;
      std::uint64_t key = b;
      for (std::size_t r = 0; r < rows; ++r) key = mix(key ^ signatures[i][b * rows + r]);
      const auto [it, inserted] = first_of_bucket.emplace(key, i);
      if (inserted) continue;
      const std::size_t j = it->second;
      std::size_t equal = 0;
      for (std::size_t h = 0; h < hashes; ++h) equal += signatures[i][h] == signatures[j][h] ? 1 : 0;
      if (equal >= min_equal) sets.unite(i, j);
    }
  }

  // Group sizes and distinct sender/recipient pairs; a note without names is a pair of its own.
  std::unordered_map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < n; ++i) {
    if (active[i]) groups[sets.find(i)].push_back(i);
  }
  for (const auto& [root, members] : groups) {
    if (members.size() < min_pairs) continue;
    std::unordered_set<std::uint64_t> pairs;
    for (const std::size_t i : members) {
      const std::string sender = fold(notes[i].sender);
      const std::string recipient = fold(notes[i].recipient);
      if (sender.empty() && recipient.empty()) {
        pairs.insert(mix(0xabcdefULL + i));
        continue;
      }
      // An unknown side differs from every other.
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
