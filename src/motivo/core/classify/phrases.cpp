#include <motivo/core/classify/phrases.hpp>

#include <motivo/core/classify/fold.hpp>

namespace motivo::classify {

void PhraseIndex::add(std::string_view phrase, std::uint32_t payload)
{
  const std::string folded = fold(phrase);
  const std::vector<std::string_view> w = words(folded);
  if (w.empty()) return;
  Phrase p;
  p.payload = payload;
  for (std::size_t i = 1; i < w.size(); ++i) p.rest.emplace_back(w[i]);
  by_first_[std::string(w[0])].push_back(std::move(p));
}

namespace {

bool matches_rest(const std::vector<std::string_view>& words, std::size_t at, const std::vector<std::string>& rest)
{
  if (at + 1 + rest.size() > words.size()) return false;
  for (std::size_t k = 0; k < rest.size(); ++k) {
    if (words[at + 1 + k] != rest[k]) return false;
  }
  return true;
}

} // namespace

void PhraseIndex::find(const std::vector<std::string_view>& words, std::vector<Hit>& hits) const
{
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto it = by_first_.find(words[i]);
    if (it == by_first_.end()) continue;
    for (const Phrase& p : it->second) {
      if (matches_rest(words, i, p.rest)) {
        hits.push_back({p.payload, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(p.rest.size() + 1)});
      }
    }
  }
}

PhraseIndex::Hit PhraseIndex::longest_at(const std::vector<std::string_view>& words, std::size_t at) const
{
  Hit best{0, static_cast<std::uint32_t>(at), 0};
  if (at >= words.size()) return best;
  const auto it = by_first_.find(words[at]);
  if (it == by_first_.end()) return best;
  for (const Phrase& p : it->second) {
    const auto length = static_cast<std::uint32_t>(p.rest.size() + 1);
    if (length > best.length && matches_rest(words, at, p.rest)) best = {p.payload, static_cast<std::uint32_t>(at), length};
  }
  return best;
}

} // namespace motivo::classify
