#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace motivo::classify {

// A note whose whole content is a request to join, add to or connect with a network on LinkedIn: the stock
// text in words the catalog lacks ("could you add me to your network here on LinkedIn?", "Pode me adicionar à
// sua rede no LinkedIn?"). The words are data/connect_requests.tsv, one lexicon per language.
class ConnectRequests {
public:
  ConnectRequests(); // reads data/connect_requests.tsv

  // Whether `body` (folded words, greeting and sign-off removed) is such a request and nothing else: LinkedIn
  // named, with an add/join verb and a network noun or with a connect verb, among the lexicon's other words, with at
  // most one word (or two characters of a script written without spaces) that is none of them. `names`: folded
  // name words of the sender and recipient; `courtesy(word)`: a greeting or closing word (neither counts).
  // On a match, `language` is the language most of its words belong to (empty when none stands out).
  // With `reworded`, the rows of kind `reworded` (the older stock text's reason, a signature's formula) count like
  // the other words of a request, and at least one must be there.
  bool matches(const std::vector<std::string_view>& body, const std::vector<std::string_view>& names,
               const std::function<bool(std::string_view)>& courtesy, std::string& language,
               bool reworded = false) const;

  // Whether any word of `body` is one of the lexicon's requesting words — LinkedIn's name, a network noun, an
  // add/join or connect verb — whole, by its beginning, or inside a clause of a script without spaces, or one of
  // the rows of kind `mention` (an invitation or a request to accept, a connection: "acéptame", "kapcsolódási
  // kérésemet", "수락"), which only this reads. Every stock text and every plea to accept the invitation has one; a
  // greeting and a courtesy wish ("Halo Putri, salam kenal!") have none.
  bool mentions(const std::vector<std::string_view>& body) const;

private:
  enum Kind : std::uint8_t { platform = 1, network = 2, add = 4, connect = 8, filler = 16, rewording = 32 };
  struct Entry {
    std::uint8_t kinds = 0;
    std::uint64_t languages = 0; // bit i: languages_[i]
  };
  struct Pattern {
    std::string text;
    Entry entry;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  void add_mention(std::string_view pattern);
  // The entry of one word, and how many words it counts as when it is none of the lexicon's (0 or more).
  // With `reworded`, the rows of kind `reworded` too (kept apart: without it, a lookup is as if they were not there).
  Entry lookup(std::string_view word, int& others, bool reworded = false) const;
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> words_;
  std::vector<Pattern> prefixes_, parts_;
  std::vector<Pattern> reworded_prefixes_, reworded_parts_;
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> reworded_words_;
  // The rows of kind `mention`, apart: matches() never reads them. Whole words, beginnings ("word*"), parts ("~part").
  std::vector<std::string> mention_words_, mention_prefixes_, mention_parts_;
  std::vector<std::string> languages_;
  std::vector<std::string> platforms_;      // LinkedIn's names, folded: a request names one
  std::array<bool, 256> platform_starts_{}; // the first bytes of platforms_
};

} // namespace motivo::classify
