#include <motivo/core/classify/phrases.hpp>

#include <motivo/core/classify/fold.hpp>

#include <xxhash.h>

#include <algorithm>
#include <vector>

namespace motivo::classify {

Vocabulary::Vocabulary() : slots_(4096), words_(1) {}

std::uint32_t Vocabulary::find(std::string_view word) const
{
  const std::uint64_t h = XXH3_64bits(word.data(), word.size());
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.id == 0) return unknown;
    if (s.hash == h && words_[s.id] == word) return s.id;
  }
}

std::uint32_t Vocabulary::intern(std::string_view word)
{
  if (const std::uint32_t id = find(word)) return id;
  if ((words_.size() + 1) * 2 > slots_.size()) grow();
  const std::uint64_t h = XXH3_64bits(word.data(), word.size());
  const std::size_t mask = slots_.size() - 1;
  const auto id = static_cast<std::uint32_t>(words_.size());
  words_.emplace_back(word);
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    if (slots_[i].id == 0) {
      slots_[i] = {h, id};
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
    for (std::size_t i = s.hash & mask;; i = (i + 1) & mask) {
      if (slots_[i].id == 0) {
        slots_[i] = s;
        break;
      }
    }
  }
}

void ids_into(const Vocabulary& vocabulary, const std::vector<std::string_view>& words, std::vector<std::uint32_t>& out)
{
  out.clear();
  for (const auto w : words) out.push_back(vocabulary.find(w));
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
    const auto& list = by_first_[id];
    if (list.empty()) continue;
    found.clear();
    auto p = list.begin();
    for (; p != list.end() && p->second == 0; ++p) found.push_back(&*p);
    if (i + 1 < ids.size() && ids[i + 1] != Vocabulary::unknown) {
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
    if (length > best.length && matches_rest(ids, at, p.rest)) best = {p.payload, static_cast<std::uint32_t>(at), length};
  }
  return best;
}

bool PhraseIndex::is_word(std::uint32_t id) const
{
  if (id == Vocabulary::unknown || id >= by_first_.size()) return false;
  for (const Phrase& p : by_first_[id]) {
    if (p.rest.empty()) return true;
  }
  return false;
}

} // namespace motivo::classify
