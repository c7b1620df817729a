#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/impl.hpp>
#include <motivo/core/classify/repeats.hpp>

#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <utility>

namespace motivo::classify {

std::vector<std::uint32_t> first_with_text(std::span<const Note> notes)
{
  std::vector<std::uint32_t> first(notes.size());
  std::iota(first.begin(), first.end(), std::uint32_t{0});
  if (notes.size() > std::numeric_limits<std::uint32_t>::max()) return first;
  // The notes sorted by a hash of their text (then by index): equal texts end up side by side, the first one first.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(notes.size());
  for (std::size_t k = 0; k < notes.size(); ++k)
    keyed[k] = {XXH3_64bits(notes[k].text.data(), notes[k].text.size()), static_cast<std::uint32_t>(k)};
  std::sort(keyed.begin(), keyed.end());
  for (std::size_t run = 0; run < keyed.size();) {
    std::size_t end = run + 1;
    while (end < keyed.size() && keyed[end].first == keyed[run].first) ++end;
    // Within a run of equal hashes, each note takes the earliest note of the run with its text (itself if none).
    for (std::size_t i = run + 1; i < end; ++i) {
      const std::uint32_t k = keyed[i].second;
      for (std::size_t j = run; j < i; ++j) {
        const std::uint32_t e = keyed[j].second;
        if (first[e] == e && notes[e].text == notes[k].text) {
          first[k] = e;
          break;
        }
      }
    }
    run = end;
  }
  return first;
}

namespace {

std::vector<std::string> copies(const std::vector<std::string_view>& words)
{
  return {words.begin(), words.end()};
}

bool same_words(const std::vector<std::string>& a, const std::vector<std::string_view>& b)
{
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

} // namespace

FirstRead keep_first(const Classifier::Impl& impl, const Analysis& a, bool indexed)
{
  FirstRead f;
  f.words = copies(a.all);
  f.recipient = copies(a.recipient);
  f.sender = copies(a.sender);
  f.names_free = std::none_of(a.all.begin(), a.all.end(), [&](std::string_view w) {
    return impl.is_name(w, a.names) || Classifier::Impl::is_declined(w, a.names);
  });
  f.indexed = indexed;
  if (indexed) {
    f.skeleton = a.skeleton;
    f.hash = DistinctSkeletons::hash(a.skeleton);
  }
  return f;
}

bool reads_as_first(const Classifier::Impl& impl, const FirstRead& first, const Note& repeat)
{
  thread_local std::string folded_recipient, folded_sender;
  thread_local std::vector<std::string_view> recipient, sender, names;
  // Names are folded as read_words folds them.
  fold_into(repeat.recipient, folded_recipient);
  fold_into(repeat.sender, folded_sender);
  words_into(folded_recipient, recipient);
  words_into(folded_sender, sender);
  if (same_words(first.recipient, recipient) && same_words(first.sender, sender)) return true;
  if (!first.names_free || first.recipient.empty() != recipient.empty() || first.sender.empty() != sender.empty())
    return false;
  names = recipient;
  names.insert(names.end(), sender.begin(), sender.end());
  return std::none_of(first.words.begin(), first.words.end(), [&](const std::string& w) {
    return impl.is_name(w, names) || Classifier::Impl::is_declined(w, names);
  });
}

} // namespace motivo::classify
