#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motivo::classify {

// 65,536 bits, one per value of a 16-bit hash: a clear bit says no member has that hash, so the lookup it
// guards can be skipped (a set bit may be a collision: the lookup decides).
class BitFilter {
public:
  void set(std::uint32_t hash16) { bits_[(hash16 >> 6) & 1023] |= std::uint64_t{1} << (hash16 & 63); }
  bool test(std::uint32_t hash16) const { return (bits_[(hash16 >> 6) & 1023] >> (hash16 & 63)) & 1; }

private:
  std::vector<std::uint64_t> bits_ = std::vector<std::uint64_t>(1024, 0);
};

// Every word the catalogs know, each with a small number (0: a word no catalog has). A note's words are
// looked up once; every phrase, cue and list then compares numbers. An open-addressing table of XXH3 hashes.
class Vocabulary {
public:
  static constexpr std::uint32_t unknown = 0;
  Vocabulary();
  std::uint32_t intern(std::string_view word);
  std::uint32_t find(std::string_view word) const;
  std::size_t size() const { return words_.size(); }
  std::string_view word(std::uint32_t id) const { return words_[id]; }

private:
  // A word of up to 8 bytes is its own key (its bytes, zero-padded): found without hashing or comparing
  // strings. Longer words are keyed by their XXH3 hash and compared.
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t id = 0; // 0: empty
    std::uint32_t size = 0;
  };
  static std::uint64_t key_of(std::string_view word);
  static std::size_t spread(std::uint64_t key) { return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 20); }
  void grow();
  std::vector<Slot> slots_;
  std::vector<std::string> words_; // by id; words_[0] is ""
  // By the low 16 bits of a key's spread: most words of a note that no catalog knows are told so without
  // reading the table.
  BitFilter filter_;
};

// The ids of `words` (Vocabulary::unknown for words no catalog has).
std::vector<std::uint32_t> word_ids(const Vocabulary& vocabulary, const std::vector<std::string_view>& words);

// A set of phrases (folded word sequences, see fold.hpp), each with a payload index, found in a note's words
// on word boundaries. Indexed by first word, so a note is scanned once whatever the number of phrases.
class PhraseIndex {
public:
  explicit PhraseIndex(Vocabulary& vocabulary) : vocabulary_(&vocabulary) {}
  // Adds a phrase (any text: it is folded here). Phrases that fold to nothing are ignored.
  void add(std::string_view phrase, std::uint32_t payload);

  struct Hit {
    std::uint32_t payload;
    std::uint32_t position; // index of the first word
    std::uint32_t length;   // words
  };
  // Every occurrence of every phrase in the words whose ids are `ids`.
  void find(const std::vector<std::uint32_t>& ids, std::vector<Hit>& hits) const;
  // The longest phrase starting exactly at `ids[at]`, if any (length 0 otherwise).
  Hit longest_at(const std::vector<std::uint32_t>& ids, std::size_t at) const;
  // Whether the one word `id` is a phrase of its own.
  bool is_word(std::uint32_t id) const { return id < one_word_.size() && one_word_[id]; }

private:
  struct Phrase {
    std::vector<std::uint32_t> rest; // ids of the words after the first
    std::uint32_t payload;
    std::uint32_t second; // rest[0] + 1, or 0 for a one-word phrase: phrases are sorted by it
    std::uint32_t order;  // when it was added: hits at one position come in this order
  };
  Vocabulary* vocabulary_;
  std::vector<std::vector<Phrase>> by_first_; // by the first word's id, then by the second's
  std::vector<bool> one_word_;                // by id: the word is a phrase of its own
  // (First word, second word) of the phrases of two words or more: most pairs of a note's words begin no
  // phrase, and their list is not read.
  BitFilter pairs_;
  static std::uint32_t pair_bit(std::uint32_t first, std::uint32_t second)
  {
    return static_cast<std::uint32_t>(((std::uint64_t{first} << 32 | second) * 0x9E3779B97F4A7C15ull) >> 48);
  }
  std::uint32_t added_ = 0;
};

// Phrases of scripts written without spaces ("~微信" in a data file: a word there is a clause), found anywhere
// inside a note's folded text. Indexed by their first three bytes, so the text is read once whatever the number of
// phrases (a search of the text for each phrase was 2 % of `classify --jsonl`).
class InWordPhrases {
public:
  // Adds a folded phrase (not empty).
  void add(std::string folded, std::uint32_t payload);
  bool empty() const { return entries_.empty(); }
  // The payload of every phrase `folded` contains, each phrase once, in the order they were added.
  void find(std::string_view folded, std::vector<std::uint32_t>& payloads) const;

private:
  struct Entry {
    std::string text;
    std::uint32_t payload;
  };
  static std::uint32_t lead(const char* at);
  std::vector<Entry> entries_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_lead_; // (first three bytes, entry), sorted
  std::vector<std::uint32_t> short_;                             // entries of one or two bytes, sought whole
  BitFilter leads_;                                              // by a hash of the first three bytes
};

} // namespace motivo::classify
