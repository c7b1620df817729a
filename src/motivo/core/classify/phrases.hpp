#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace motivo::classify {

// A set of phrases (folded word sequences, see fold.hpp), each with a payload index, found in a note's words
// on word boundaries. Indexed by first word, so a note is scanned once whatever the number of phrases.
class PhraseIndex {
public:
  // Adds a phrase (any text: it is folded here). Phrases that fold to nothing are ignored.
  void add(std::string_view phrase, std::uint32_t payload);

  struct Hit {
    std::uint32_t payload;
    std::uint32_t position; // index of the first word
    std::uint32_t length;   // words
  };
  // Every occurrence of every phrase in `words`.
  void find(const std::vector<std::string_view>& words, std::vector<Hit>& hits) const;
  // The longest phrase starting exactly at `words[at]`, if any (length 0 otherwise).
  Hit longest_at(const std::vector<std::string_view>& words, std::size_t at) const;

  bool empty() const { return by_first_.empty(); }

private:
  struct Phrase {
    std::vector<std::string> rest; // words after the first
    std::uint32_t payload;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<Phrase>, Hash, std::equal_to<>> by_first_;
};

} // namespace motivo::classify
