#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/phrases.hpp>

#define XXH_INLINE_ALL // the vocabulary hashes every word of every note: inlined, not a call into the library
#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <vector>

namespace motivo::classify {

Vocabulary::Vocabulary() : slots_(4096), words_(1)
{
}

// A short word's key is its bytes in memory order; on a big-endian machine the overlapping loads below would
// place them differently and two words could share a key.
static_assert(std::endian::native == std::endian::little, "Vocabulary::key_of assumes a little-endian machine");

std::uint64_t Vocabulary::key_of(std::string_view word)
{
  if (word.size() > 8) return XXH3_64bits(word.data(), word.size());
  // The bytes in place, zero-padded, read with at most two loads that may overlap (equal bytes OR-ed twice).
  const char* p = word.data();
  const std::size_t n = word.size();
  if (n >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    return std::uint64_t{lo} | std::uint64_t{hi} << (8 * (n - 4));
  }
  if (n == 0) return 0;
  const auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i); };
  return byte(0) | byte(n / 2) | byte(n - 1);
}

std::uint32_t Vocabulary::find(std::string_view word) const
{
  const std::uint64_t key = key_of(word);
  const std::size_t spread_key = spread(key);
  if (!filter_.test(static_cast<std::uint32_t>(spread_key))) return unknown;
  const auto size = static_cast<std::uint32_t>(word.size());
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = spread_key & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.id == 0) return unknown;
    if (s.key == key && s.size == size && (size <= 8 || words_[s.id] == word)) return s.id;
  }
}

std::uint32_t Vocabulary::intern(std::string_view word)
{
  if (const std::uint32_t id = find(word)) return id;
  if ((words_.size() + 1) * 2 > slots_.size()) grow();
  const std::uint64_t key = key_of(word);
  const std::size_t mask = slots_.size() - 1;
  const auto id = static_cast<std::uint32_t>(words_.size());
  words_.emplace_back(word);
  filter_.set(static_cast<std::uint32_t>(spread(key)));
  for (std::size_t i = spread(key) & mask;; i = (i + 1) & mask) {
    if (slots_[i].id == 0) {
      slots_[i] = {key, id, static_cast<std::uint32_t>(word.size())};
      return id;
    }
  }
}

void Vocabulary::grow()
{
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.id == 0) continue;
    for (std::size_t i = spread(s.key) & mask;; i = (i + 1) & mask) {
      if (slots_[i].id == 0) {
        slots_[i] = s;
        break;
      }
    }
  }
}

std::vector<std::uint32_t> word_ids(const Vocabulary& vocabulary, const std::vector<std::string_view>& words)
{
  std::vector<std::uint32_t> ids;
  ids.reserve(words.size());
  for (const auto w : words) ids.push_back(vocabulary.find(w));
  return ids;
}

void PhraseIndex::add(std::string_view phrase, std::uint32_t payload)
{
  const std::string folded = fold(phrase);
  const std::vector<std::string_view> w = words(folded);
  if (w.empty()) return;
  const std::uint32_t first = vocabulary_->intern(w[0]);
  Phrase p;
  p.payload = payload;
  for (std::size_t i = 1; i < w.size(); ++i) p.rest.push_back(vocabulary_->intern(w[i]));
  p.second = p.rest.empty() ? 0 : p.rest[0] + 1;
  p.order = added_++;
  if (by_first_.size() <= first) by_first_.resize(first + 1);
  if (p.rest.empty()) {
    if (one_word_.size() <= first) one_word_.resize(first + 1);
    one_word_[first] = true;
  }
  if (!p.rest.empty()) pairs_.set(pair_bit(first, p.rest[0]));
  auto& list = by_first_[first];
  const auto at = std::upper_bound(list.begin(), list.end(), p.second,
                                   [](std::uint32_t second, const Phrase& q) { return second < q.second; });
  list.insert(at, std::move(p));
}

namespace {

bool matches_rest(const std::vector<std::uint32_t>& ids, std::size_t at, const std::vector<std::uint32_t>& rest)
{
  if (at + 1 + rest.size() > ids.size()) return false;
  for (std::size_t k = 0; k < rest.size(); ++k) {
    if (ids[at + 1 + k] != rest[k]) return false;
  }
  return true;
}

} // namespace

void PhraseIndex::find(const std::vector<std::uint32_t>& ids, std::vector<Hit>& hits) const
{
  // Only the one-word phrases and those whose second word follows are compared (common first words such as "de"
  // or "i" begin dozens of phrases); the hits at one position keep the order the phrases were added in.
  thread_local std::vector<const Phrase*> found;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::uint32_t id = ids[i];
    if (id == Vocabulary::unknown || id >= by_first_.size()) continue;
    const bool pair = i + 1 < ids.size() && ids[i + 1] != Vocabulary::unknown && pairs_.test(pair_bit(id, ids[i + 1]));
    if (!pair && !is_word(id)) continue;
    const auto& list = by_first_[id];
    found.clear();
    auto p = list.begin();
    for (; p != list.end() && p->second == 0; ++p) found.push_back(&*p);
    if (pair) {
      const std::uint32_t second = ids[i + 1] + 1;
      p = std::lower_bound(p, list.end(), second, [](const Phrase& q, std::uint32_t s) { return q.second < s; });
      for (; p != list.end() && p->second == second; ++p) {
        if (matches_rest(ids, i, p->rest)) found.push_back(&*p);
      }
    }
    if (found.size() > 1)
      std::sort(found.begin(), found.end(), [](const Phrase* a, const Phrase* b) { return a->order < b->order; });
    for (const Phrase* f : found)
      hits.push_back({f->payload, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(f->rest.size() + 1)});
  }
}

PhraseIndex::Hit PhraseIndex::longest_at(const std::vector<std::uint32_t>& ids, std::size_t at) const
{
  Hit best{0, static_cast<std::uint32_t>(at), 0};
  if (at >= ids.size()) return best;
  const std::uint32_t id = ids[at];
  if (id == Vocabulary::unknown || id >= by_first_.size()) return best;
  for (const Phrase& p : by_first_[id]) {
    const auto length = static_cast<std::uint32_t>(p.rest.size() + 1);
    if (length > best.length && matches_rest(ids, at, p.rest))
      best = {p.payload, static_cast<std::uint32_t>(at), length};
  }
  return best;
}

std::uint32_t InWordPhrases::lead(const char* at)
{
  return static_cast<std::uint32_t>(static_cast<unsigned char>(at[0])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(at[1])) << 8 | static_cast<unsigned char>(at[2]);
}

void InWordPhrases::add(std::string folded, std::uint32_t payload)
{
  const auto entry = static_cast<std::uint32_t>(entries_.size());
  if (folded.size() < 3) {
    short_.push_back(entry);
  } else {
    const std::uint32_t key = lead(folded.data());
    by_lead_.insert(std::upper_bound(by_lead_.begin(), by_lead_.end(), std::pair{key, entry}), {key, entry});
    leads_.set((key * 0x9E3779B1u) >> 16);
  }
  entries_.push_back({std::move(folded), payload});
}

void InWordPhrases::find(std::string_view folded, std::vector<std::uint32_t>& payloads) const
{
  thread_local std::vector<bool> found;
  found.assign(entries_.size(), false);
  for (const std::uint32_t e : short_) found[e] = folded.find(entries_[e].text) != std::string_view::npos;
  for (std::size_t i = 0; i + 3 <= folded.size(); ++i) {
    const std::uint32_t key = lead(folded.data() + i);
    if (!leads_.test((key * 0x9E3779B1u) >> 16)) continue;
    auto it = std::lower_bound(by_lead_.begin(), by_lead_.end(), std::pair<std::uint32_t, std::uint32_t>{key, 0});
    for (; it != by_lead_.end() && it->first == key; ++it) {
      if (!found[it->second] && folded.substr(i).starts_with(entries_[it->second].text)) found[it->second] = true;
    }
  }
  for (std::size_t e = 0; e < entries_.size(); ++e) {
    if (found[e]) payloads.push_back(entries_[e].payload);
  }
}

} // namespace motivo::classify
